// An approve/deny card through Slack from start to finish: a sub-local treasurer asks for member
// contacts in a modal, the sub-local president gets the card as a direct message (a notice posted
// with chat.postMessage), approves it, the card updates in place, the requester is told, and the
// Deny button on the same card no longer decides anything.
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Bot } from "../../bot/app.ts";
import { seedDemo } from "../../db/demo.ts";
import { data } from "../../db/data.ts";
import { linkIdentity } from "../../db/identities.ts";
import { personByNumber } from "../../db/people.ts";
import { FakeSlack } from "../fakes/slack.ts";
import { buttonsOf, SlackDriver, startSlackBot, textOf } from "./harness.ts";

const TOM = "U0TOM"; // sub-local treasurer, SL-083: may request contacts for SL-083
const PAT = "U0PAT"; // sub-local president, SL-083: decides those requests

let fake: FakeSlack;
let bot: Bot;
let d: SlackDriver;

beforeAll(async () => {
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

const statusOf = async (id: number) => (await data(bot.store).one<{ status: string }>(`SELECT "status" FROM "ContactRequest" WHERE "id" = ?`, id))!.status;

it("routes a request card to the approver, decides it once, and tells the requester", async () => {
  // The confidentiality agreement first: its button updates the message in place.
  const agreement = await d.slash(TOM, "/contacts", "agreement");
  const ack = buttonsOf((await d.response(agreement.id)).body)[0]!;
  const acked = await d.click(TOM, ack.action_id);
  expect((await d.response(acked.id)).body.replace_original).toBe(true);

  // The request is a form: a modal opens, and a too-short justification is refused inline.
  const req = await d.slash(TOM, "/contacts", "request");
  const view = await d.views(req.triggerId);
  const short = await d.submit(TOM, view, { purpose: "email", justification: "too short" });
  expect(short.json().response_action).toBe("errors");
  expect(Object.keys(short.json().errors)).toEqual(["uh:v:justification"]);
  expect(await data(bot.store).one(`SELECT CAST(count(*) AS INTEGER) AS "n" FROM "ContactRequest"`)).toEqual({ n: 0 });

  const good = await d.submitPages(TOM, view, { purpose: "email", justification: "Inviting members to the contract ratification meeting next week", attest: "confirm" });
  expect(good).toMatchObject({ status: 200, text: "" }); // acked with nothing to show: the answer follows
  expect(textOf((await d.response(req.id)).body)).toContain("📨");
  const { id: requestId } = (await data(bot.store).one<{ id: number }>(`SELECT "id" FROM "ContactRequest"`))!;
  expect(await statusOf(requestId)).toBe("pending");

  // The president gets the card as a direct message, with Approve and Deny.
  const card = await fake.waitFor(() => fake.callsOf("chat.postMessage").find((c) => c.args.channel === `D${PAT}`), "the card to the approver");
  const [approve, deny] = buttonsOf(card.args);
  expect(approve?.style).toBe("primary");
  expect(deny?.style).toBe("danger");

  const click = await d.click(PAT, approve!.action_id, { channel: `D${PAT}` });
  const decided = await d.response(click.id);
  expect(decided.body.replace_original).toBe(true);
  expect(textOf(decided.body)).toContain("Pat Larsen");
  expect(await statusOf(requestId)).toBe("approved");
  // The requester hears about it in a direct message.
  const told = await fake.waitFor(() => fake.callsOf("chat.postMessage").find((c) => c.args.channel === `D${TOM}`), "the notice to the requester");
  expect(textOf(told.args)).toContain("✅");

  // Deny on the same card changes nothing.
  const late = await d.click(PAT, deny!.action_id, { channel: `D${PAT}` });
  const refused = await d.response(late.id);
  expect(refused.body.replace_original).toBe(false);
  expect(textOf(refused.body)).toContain("already decided");
  expect(await statusOf(requestId)).toBe("approved");
  // Notices are sent after the answer: let the click's work end before saying none was sent.
  await d.workDone();
  expect(fake.callsOf("chat.postMessage").filter((c) => c.args.channel === `D${TOM}`)).toHaveLength(1);
});
