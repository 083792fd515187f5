// The treasury through the real discord.js client and the local fake Discord: the treasurer sees
// the balance, asks for a quarterly statement that staff approve from a DM card (updated in place)
// and receives the CSV and PDF; a payment request is co-signed by the president and approved; a
// dispute goes from open to corrected. Every decision is taken once.
import { data } from "../../db/data.ts";
import { afterAll, beforeAll, expect, it } from "vitest";
import { accountByCode } from "../../db/rebate.ts";
import { buttonsOf, linkDiscord, send, startHarness, textOf, type Harness } from "../discord/harness.ts";
import type { Callback, FakeUser } from "../fakes/discord.ts";
import { TEST_KEY } from "./setup.ts";

let h: Harness;
let tom: FakeUser;
let pat: FakeUser;

beforeAll(async () => {
  process.env.MEMBER_DATA_KEY = TEST_KEY;
  h = await startHarness();
  tom = await linkDiscord(h.bot, h.fake, "100005");
  pat = await linkDiscord(h.bot, h.fake, "100004");
});
afterAll(async () => {
  await h?.stop();
});

const rebate = (user: FakeUser, name: string, options: { name: string; type: number; value: string | number }[] = []) =>
  send(h, h.fake.chatInput(user, "rebate", [{ name, type: 1, options }]));

/** What the person finally sees: the callback itself, or the edit that replaced a deferred one. */
async function answer(cb: Callback): Promise<{ data: any; files: Callback["files"] }> {
  if (cb.type !== 5 && cb.type !== 6) return { data: cb.data, files: cb.files };
  const edit = await h.fake.waitFor(() => h.fake.edits.find((e) => e.token === cb.token && e.messageId === "@original"));
  return { data: edit.body, files: edit.files };
}

/** The newest DM the bot sent `user` that matches. */
const dm = (user: FakeUser, what: RegExp) =>
  h.fake.waitFor(() => {
    const ch = h.fake.dmChannels.get(user.id);
    return ch ? h.fake.messages.filter((m) => m.channelId === ch && what.test(textOf(m.body))).at(-1) : undefined;
  });

async function clickInDm(user: FakeUser, msg: Awaited<ReturnType<typeof dm>>, label: RegExp) {
  const b = buttonsOf(msg.body).find((x) => label.test(x.label));
  if (!b) throw new Error(`no button ${label} in ${textOf(msg.body)}`);
  return answer(await send(h, h.fake.dmButton(user, b.custom_id, { ...h.fake.messageFrom(msg.body), id: msg.id, channel_id: msg.channelId }, msg.channelId)));
}

function textInputs(modal: any, values: Record<string, string>) {
  let id = 1;
  return modal.components
    .filter((c: any) => c.type === 18)
    .map((l: any) => ({ type: 18, id: id++, component: { type: 4, id: id++, custom_id: l.component.custom_id, value: values[l.component.custom_id] ?? "" } }));
}

it("the treasurer sees the balance, only to them", async () => {
  const r = await answer(await rebate(tom, "balance"));
  expect(r.data.flags & 64).toBe(64);
  expect(textOf(r.data)).toMatch(/SL-083 Salem State Workers: rebate account[\s\S]*\$36,112\.50/);
});

it("statement: staff approve from the DM card, the card updates in place, the treasurer gets CSV and PDF; once", async () => {
  const asked = await answer(await rebate(tom, "statement", [{ name: "period", type: 3, value: "2026-Q3" }]));
  expect(textOf(asked.data)).toMatch(/Statement request #1 for SL-083, 2026-Q3/);
  const card = await dm(h.staff, /Statement request #1/);
  const decided = await clickInDm(h.staff, card, /^Approve$/);
  expect(textOf(decided.data)).toMatch(/Approved by Sofia Chen/);
  expect(buttonsOf(decided.data)).toEqual([]);
  const got = await dm(tom, /Closing balance/);
  expect(got.files.map((f) => f.filename)).toEqual(["statement-SL-083-2026-Q3.csv", "statement-SL-083-2026-Q3.pdf"]);
  expect(got.files[1]!.data.subarray(0, 5).toString()).toBe("%PDF-");
  expect(got.files[0]!.data.toString()).toContain(",Closing balance,SL-083 2026-Q3,,,,34300.00");
  const again = await clickInDm(h.staff, card, /^Deny/);
  expect(textOf(again.data)).toMatch(/already|Approved by Sofia Chen/i);
});

it("payment request: filed in a modal, co-signed by the president, approved by staff", async () => {
  const before = (await accountByCode(data(h.bot.store), "SL-083"))!.balanceCents;
  const open = await rebate(tom, "request");
  expect(open.type).toBe(9);
  const sent = await answer(
    await send(h, h.fake.modalSubmit(tom, open.data.custom_id, textInputs(open.data, { payee: "Salem Print Shop", amount: "1,250.00", purpose: "Flyers for the worksite meeting", needed_by: "2099-12-10", receipt: "" }))),
  );
  expect(textOf(sent.data)).toMatch(/Payment request #1 for \$1,250\.00 is waiting for the president/);
  const toPat = await dm(pat, /Payment request #1/);
  const signed = await clickInDm(pat, toPat, /^Co-sign$/);
  expect(textOf(signed.data)).toMatch(/Signed by two officers/);
  // Each card offers only what its reader may do: the president co-signed; staff decide.
  expect(buttonsOf(signed.data).map((b) => b.label)).toEqual([]);
  expect(textOf(signed.data)).not.toMatch(/Decided by/);
  const toStaff = await dm(h.staff, /Payment request #1/);
  const approved = await clickInDm(h.staff, toStaff, /^Approve$/);
  expect(textOf(approved.data)).toMatch(/Approved by Sofia Chen/);
  await dm(tom, /was approved by Sofia Chen\. It is recorded as entry #\d+/);
  expect(textOf((await clickInDm(h.staff, toStaff, /^Approve$/)).data)).toMatch(/already/i);
  expect((await accountByCode(data(h.bot.store), "SL-083"))!.balanceCents).toBe(before - 125_000);
});

it("dispute: open, under review, corrected with the correcting entry shown", async () => {
  const open = await rebate(tom, "dispute", [{ name: "entry", type: 3, value: "30" }]);
  expect(open.type).toBe(9);
  await answer(await send(h, h.fake.modalSubmit(tom, open.data.custom_id, textInputs(open.data, { entry: "30", problem: "The room cost $150, not $165.", expected: "(150.00)" }))));
  const card = await dm(h.staff, /Dispute #1/);
  const review = await clickInDm(h.staff, card, /Start review/);
  expect(textOf(review.data)).toMatch(/Under review/);
  await dm(tom, /dispute #1 is now being reviewed/);
  const b = buttonsOf(card.body).find((x) => /Correct it/.test(x.label))!;
  const modal = await send(h, h.fake.dmButton(h.staff, b.custom_id, { ...h.fake.messageFrom(card.body), id: card.id, channel_id: card.channelId }, card.channelId));
  expect(modal.type).toBe(9);
  await answer(await send(h, h.fake.modalSubmit(h.staff, modal.data.custom_id, textInputs(modal.data, { amount: "15.00", note: "Refund from the venue" }))));
  await dm(tom, /the entry was corrected with #\d+ · .* · Correction · \$15\.00/);
});
