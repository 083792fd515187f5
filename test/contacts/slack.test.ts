// The "done when" through Slack (signed requests against the fake Slack): after the
// president approves (the card flow itself is in test/slack/approvals.test.ts), the officer sees
// exactly the allowed fields in an ephemeral reply, and the president sees the access.
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Bot } from "../../bot/app.ts";
import { seedDemo } from "../../db/demo.ts";
import { data } from "../../db/data.ts";
import { linkIdentity } from "../../db/identities.ts";
import { personByNumber } from "../../db/people.ts";
import { FakeSlack } from "../fakes/slack.ts";
import { buttonsOf, SlackDriver, startSlackBot, textOf } from "../slack/harness.ts";
import { TEST_KEY } from "./setup.ts";

const TOM = "U0TOM";
const PAT = "U0PAT";
let fake: FakeSlack;
let bot: Bot;
let d: SlackDriver;

beforeAll(async () => {
  process.env.MEMBER_DATA_KEY = TEST_KEY;
  fake = await new FakeSlack().start();
  fake.addUser({ id: TOM, name: "tom" });
  fake.addUser({ id: PAT, name: "pat" });
  bot = await startSlackBot(fake);
  d = new SlackDriver(bot, fake);
  await seedDemo(bot.store);
  for (const [userId, number] of [[TOM, "100005"], [PAT, "100004"]] as const) {
    const p = (await personByNumber(data(bot.store), number))!;
    await linkIdentity(data(bot.store), { platform: "slack", workspaceId: fake.teamId, userId, personId: p.id, linkedVia: "admin" });
  }
});
afterAll(async () => {
  await bot?.stop();
  await fake?.stop();
});

it("officer requests by modal, president approves in a DM, officer lists only phone and worksite, president audits", async () => {
  const agreement = await d.slash(TOM, "/contacts", "agreement");
  // The click is acked before it is signed: wait for its answer, or the request may find no agreement yet.
  const signed = await d.click(TOM, buttonsOf((await d.response(agreement.id)).body)[0]!.action_id);
  await d.response(signed.id);
  const req = await d.slash(TOM, "/contacts", "request");
  const view = await d.views(req.triggerId);
  const sent = await d.submitPages(TOM, view, { scope: "sublocal:SL-083", purpose: "phone_bank", justification: "Phone bank members about the ratification vote next week.", attest: "confirm" });
  expect(sent).toMatchObject({ status: 200, text: "" }); // acked with nothing to show: the answer follows
  const card = await fake.waitFor(() => fake.callsOf("chat.postMessage").find((c) => c.args.channel === `D${PAT}`), "the card to the approver");
  const click = await d.click(PAT, buttonsOf(card.args)[0]!.action_id, { channel: `D${PAT}` });
  expect(textOf((await d.response(click.id)).body)).toContain("approved by Pat Larsen");

  const list = await d.slash(TOM, "/contacts", "list");
  const shown = (await d.response(list.id)).body;
  expect(shown.response_type ?? "ephemeral").toBe("ephemeral");
  const t = textOf(shown);
  expect(t).toMatch(/work phone: 503-555/);
  expect(t).not.toMatch(/@example\.gov|home\.example|Demo St/);

  const audit = await d.slash(PAT, "/contacts", "audit");
  expect(textOf((await d.response(audit.id)).body)).toMatch(/Tom Haddad \(member 100005\) listed/);
});
