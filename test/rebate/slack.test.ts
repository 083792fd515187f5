// The treasury through Slack (signed requests against the fake Slack, the real Bolt app): a
// treasurer sees the balance and gets an approved quarterly statement with its CSV and PDF; a
// payment request is co-signed by the president and approved by staff; a dispute goes from open
// to corrected, the correcting entry shown; cards go to the treasury channel once it is set.
// Every decision is taken once.
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Bot } from "../../bot/app.ts";
import { seedDemo } from "../../db/demo.ts";
import { data } from "../../db/data.ts";
import { linkIdentity } from "../../db/identities.ts";
import { personByNumber } from "../../db/people.ts";
import { accountByCode } from "../../db/rebate.ts";
import { FakeSlack } from "../fakes/slack.ts";
import { buttonsOf, SlackDriver, startSlackBot, textOf } from "../slack/harness.ts";
import { TEST_KEY } from "./setup.ts";

const TOM = "U0TOM"; // treasurer SL-083
const PAT = "U0PAT"; // president SL-083
const SOFIA = "U0SOFIA"; // staff
const TREASURY = "C0TREASURY";

let fake: FakeSlack;
let bot: Bot;
let d: SlackDriver;

beforeAll(async () => {
  process.env.MEMBER_DATA_KEY = TEST_KEY;
  fake = await new FakeSlack().start();
  for (const [id, name] of [[TOM, "tom"], [PAT, "pat"], [SOFIA, "sofia"]] as const) fake.addUser({ id, name });
  bot = await startSlackBot(fake);
  d = new SlackDriver(bot, fake);
  await seedDemo(bot.store);
  for (const [userId, number] of [[TOM, "100005"], [PAT, "100004"], [SOFIA, "100007"]] as const) {
    const p = (await personByNumber(data(bot.store), number))!;
    await linkIdentity(data(bot.store), { platform: "slack", workspaceId: fake.teamId, userId, personId: p.id, linkedVia: "admin" });
  }
});
afterAll(async () => {
  await bot?.stop();
  await fake?.stop();
});

/** The newest message the bot posted in a channel or DM that mentions `what`. */
const posted = (channel: string, what: RegExp) =>
  fake.waitFor(() => fake.callsOf("chat.postMessage").filter((c) => c.args.channel === channel && what.test(textOf(c.args))).at(-1), `a message in ${channel} matching ${what}`);
const button = (body: Record<string, any>, label: RegExp) => {
  const b = buttonsOf(body).find((x) => label.test(x.text.text));
  if (!b) throw new Error(`no button ${label} in ${textOf(body)}`);
  return b.action_id as string;
};

it("the treasurer sees the balance privately", async () => {
  const r = await d.slash(TOM, "/rebate", "balance");
  const body = (await d.response(r.id)).body;
  expect(body.response_type ?? "ephemeral").toBe("ephemeral");
  expect(textOf(body)).toMatch(/SL-083 Salem State Workers: rebate account/);
  expect(textOf(body)).toMatch(/\$36,112\.50/);
});

it("a quarterly statement: staff approve in a DM, the card updates in place, the treasurer gets CSV and PDF; decided once", async () => {
  const r = await d.slash(TOM, "/rebate", "statement 2026-Q3");
  expect(textOf((await d.response(r.id)).body)).toMatch(/Statement request #1 for SL-083/);
  const card = await posted(`D${SOFIA}`, /Statement request #1/);
  const approve = button(card.args, /^Approve$/);
  const deny = button(card.args, /^Deny/);
  const click = await d.click(SOFIA, approve, { channel: `D${SOFIA}` });
  const updated = (await d.response(click.id)).body;
  expect(updated.replace_original).toBe(true);
  expect(textOf(updated)).toMatch(/Approved by Sofia Chen/);
  expect(buttonsOf(updated)).toEqual([]);
  await posted(`D${TOM}`, /Closing balance/);
  const files = await fake.waitFor(() => (fake.uploads.length >= 2 ? fake.uploads : undefined), "statement files");
  expect(files.some((u) => u.bytes.subarray(0, 5).toString() === "%PDF-")).toBe(true);
  expect(files.some((u) => u.bytes.toString().includes(",Closing balance,SL-083 2026-Q3,,,,34300.00"))).toBe(true);

  const late = await d.click(SOFIA, deny, { channel: `D${SOFIA}` });
  expect(textOf((await d.response(late.id)).body)).toMatch(/already|Approved by Sofia Chen/i);
  // Notices are sent after the answer: let the click's work end before saying none was sent.
  await d.workDone();
  expect(fake.callsOf("chat.postMessage").filter((c) => c.args.channel === `D${TOM}` && /denied/.test(textOf(c.args)))).toEqual([]);
});

it("a payment request: the treasurer files in a modal, the president co-signs, staff approve; the balance drops once", async () => {
  const before = (await accountByCode(data(bot.store), "SL-083"))!.balanceCents;
  const r = await d.slash(TOM, "/rebate", "request");
  const view = await d.views(r.triggerId);
  const bad = await d.submit(TOM, view, { payee: "Salem Print Shop", amount: "99,999.00", purpose: "Flyers", needed_by: "2099-12-10" });
  expect(bad.json().response_action).toBe("errors");
  expect(JSON.stringify(bad.json().errors)).toMatch(/more than is available/);
  const ok = await d.submit(TOM, view, { payee: "Salem Print Shop", amount: "1,250.00", purpose: "Flyers for the worksite meeting", needed_by: "2099-12-10" });
  expect(ok.status).toBe(200);
  const toPat = await posted(`D${PAT}`, /Payment request #1/);
  const signed = await d.click(PAT, button(toPat.args, /^Co-sign$/), { channel: `D${PAT}` });
  const patCard = (await d.response(signed.id)).body;
  expect(textOf(patCard)).toMatch(/Signed by two officers/);
  // Each card offers only what its reader may do: the president co-signed; staff decide.
  expect(buttonsOf(patCard).map((b) => b.text.text)).toEqual([]);
  const tomCard = await posted(`D${TOM}`, /co-signed by Pat Larsen/);
  expect(buttonsOf(tomCard.args).map((b) => b.text.text)).toEqual(["Withdraw"]);
  const toSofia = await posted(`D${SOFIA}`, /Payment request #1/);
  const approve = button(toSofia.args, /^Approve$/);
  const approved = await d.click(SOFIA, approve, { channel: `D${SOFIA}` });
  expect(textOf((await d.response(approved.id)).body)).toMatch(/Approved by Sofia Chen/);
  await posted(`D${TOM}`, /was approved by Sofia Chen\. It is recorded as entry #\d+/);
  const again = await d.click(SOFIA, approve, { channel: `D${SOFIA}` });
  expect(textOf((await d.response(again.id)).body)).toMatch(/already/i);
  expect((await accountByCode(data(bot.store), "SL-083"))!.balanceCents).toBe(before - 125_000);
});

it("a dispute goes from open to corrected, with the correcting entry shown to the treasurer", async () => {
  const r = await d.slash(TOM, "/rebate", "dispute 30");
  const view = await d.views(r.triggerId);
  expect(JSON.stringify(view)).toContain('"initial_value":"30"');
  await d.submit(TOM, view, { entry: "30", problem: "The room cost $150, not $165.", expected: "(150.00)" });
  const card = await posted(`D${SOFIA}`, /Dispute #1/);
  const review = await d.click(SOFIA, button(card.args, /Start review/), { channel: `D${SOFIA}` });
  const underReview = (await d.response(review.id)).body;
  expect(textOf(underReview)).toMatch(/Under review/);
  await posted(`D${TOM}`, /dispute #1 is now being reviewed/);
  const open = await d.click(SOFIA, button(underReview, /Correct it/), { channel: `D${SOFIA}` });
  const modal = await fake.waitFor(() => fake.callsOf("views.open").find((c) => (c.args.view as Record<string, any>).title.text === "Correct dispute #1"), "the correction modal");
  expect(open.res.status).toBe(200);
  await d.submit(SOFIA, modal.args.view as Record<string, any>, { amount: "15.00", note: "Refund from the venue" });
  await posted(`D${TOM}`, /the entry was corrected with #\d+ · .* · Correction · \$15\.00/);
});

it("with a treasury channel set, the next card goes to that channel and is decided there", async () => {
  const set = await d.slash(SOFIA, "/rebate", `channel <#${TREASURY}|treasury>`);
  expect(textOf((await d.response(set.id)).body)).toMatch(/will go to/);
  await d.slash(TOM, "/rebate", "statement 2026-10");
  const card = await posted(TREASURY, /Statement request #2/);
  // The channel's card is a scheduled post: the command's own notices may still be on their way.
  await d.workDone();
  expect(fake.callsOf("chat.postMessage").some((c) => c.args.channel === `D${SOFIA}` && /Statement request #2/.test(textOf(c.args)))).toBe(false);
  const click = await d.click(SOFIA, button(card.args, /^Approve$/), { channel: TREASURY });
  expect(textOf((await d.response(click.id)).body)).toMatch(/Approved by Sofia Chen/);
  await posted(`D${TOM}`, /statement request #2 for SL-083 was approved/);
});
