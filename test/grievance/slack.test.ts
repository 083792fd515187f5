// The "done when" story through the Slack fake: a steward files in a modal, advances and closes
// with buttons and commands; an officer gets the report with its PNG chart and CSV uploaded.
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Bot } from "../../bot/app.ts";
import { seedDemo } from "../../db/demo.ts";
import { data } from "../../db/data.ts";
import { linkIdentity } from "../../db/identities.ts";
import { personByNumber } from "../../db/people.ts";
import { FakeSlack } from "../fakes/slack.ts";
import { buttonsOf, SlackDriver, startSlackBot, textOf } from "../slack/harness.ts";
import { localDate } from "../../commands/grievance/deadlines.ts";
import { intake } from "./helpers.ts";

const SAM = "U0SAM"; // steward SL-083
const PAT = "U0PAT"; // sub-local president SL-083
const MARIA = "U0MARIA"; // member SL-083, the grievant

let fake: FakeSlack;
let bot: Bot;
let d: SlackDriver;

beforeAll(async () => {
  fake = await new FakeSlack().start();
  for (const [id, name] of [[SAM, "sam"], [PAT, "pat"], [MARIA, "maria"]]) fake.addUser({ id: id!, name: name! });
  bot = await startSlackBot(fake);
  d = new SlackDriver(bot, fake);
  await seedDemo(bot.store);
  for (const [userId, number] of [[SAM, "100002"], [PAT, "100004"], [MARIA, "100001"]] as const) {
    const p = (await personByNumber(data(bot.store), number))!;
    await linkIdentity(data(bot.store), { platform: "slack", workspaceId: fake.teamId, userId, personId: p.id, linkedVia: "admin" });
  }
});

afterAll(async () => {
  await bot?.stop();
  await fake?.stop();
});

it("a steward files, advances and closes; the grievant is told; an officer gets the report", async () => {
  const file = await d.slash(SAM, "/grievance", "file");
  const view = await d.views(file.triggerId);
  const today = localDate(new Date(), "America/Los_Angeles"); // the local's day, as the bot counts it
  const values = intake({ incident: today, learned: today, discipline: today });
  const bad = await d.submit(SAM, view, { ...values, category: "nonsense" });
  expect(bad.json().response_action).toBe("errors");
  // Page 1 done, the modal turns into page 2, prefilled from the member's record.
  const next = await d.submit(SAM, view, values);
  expect(next.json().response_action).toBe("update");
  const page2 = next.json().view as Record<string, any>;
  expect(JSON.stringify(page2)).toContain("Oregon Department of Human Services");
  const ok = await d.submit(SAM, page2, values);
  expect(ok).toMatchObject({ status: 200, text: "" }); // acked with nothing to show: the answer follows
  const ref = (await data(bot.store).one<{ ref: string }>(`SELECT ref FROM "Grievance"`))!.ref;
  expect(ref).toMatch(/^G-\d{4}-0001$/);
  // The grievant hears about it by direct message.
  await fake.waitFor(() => fake.callsOf("chat.postMessage").find((c) => JSON.stringify(c.args).includes(`Your grievance ${ref} has been filed`)), "notice to the grievant");

  const shown = await d.slash(SAM, "/grievance", `show ${ref}`);
  const card = (await d.response(shown.id)).body;
  expect(textOf(card)).toContain("Deadlines");
  const advance = buttonsOf(card).find((b) => b.text.text === "Advance / appeal")!;
  const clicked = await d.click(SAM, advance.action_id);
  expect(clicked.res).toMatchObject({ status: 200, text: "" }); // acked with nothing to show: the answer follows
  const advView = await fake.waitFor(() => fake.callsOf("views.open")[1], "advance modal").then((c) => c.args.view as Record<string, any>);
  expect(JSON.stringify(advView)).toContain("Advance");
  const adv = await d.submit(SAM, advView, { on: today });
  expect(adv).toMatchObject({ status: 200, text: "" }); // acked with nothing to show: the answer follows
  expect((await data(bot.store).one<{ stepNo: number }>(`SELECT "stepNo" FROM "Grievance"`))!.stepNo).toBe(1);

  const closed = await d.slash(SAM, "/grievance", `close ${ref} settled "Reprimand removed"`);
  expect(textOf((await d.response(closed.id)).body)).toContain(`Closed ${ref}: settled.`);

  const report = await d.slash(PAT, "/grievance", "report");
  expect(await d.answerText(PAT, report.id)).toContain("Grievance report — sub-local SL-083");
  const uploaded = await fake.waitFor(() => (fake.uploads.length >= 2 ? fake.uploads : undefined), "report files");
  expect(uploaded.some((u) => u.bytes.subarray(1, 4).toString() === "PNG")).toBe(true);
  expect(uploaded.some((u) => u.bytes.toString().startsWith("section,key,sub_key,value"))).toBe(true);
});
