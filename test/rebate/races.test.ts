// A decision taken on one card closes all its cards: a form opened on one card and submitted after
// someone else decided from another changes nothing, posts nothing and tells nobody; the card it
// returns shows the decision that was taken.
import { data } from "../../db/data.ts";
import { beforeEach, expect, it } from "vitest";
import { grantRole } from "../../db/roles.ts";
import { accountByCode } from "../../db/rebate.ts";
import { decideRequest, decideStatement, disputeById, requestById, resolveDispute, startReview, withdrawRequest, cosignRequest } from "../../db/rebate-requests.ts";
import { button, noticeFor, PERSONAS, text, world, type World } from "./setup.ts";

let w: World;
let id: Record<keyof typeof PERSONAS, number>;
beforeEach(async () => {
  w = await world();
  id = Object.fromEntries(Object.entries(PERSONAS).map(([k, n]) => [k, w.personId(n)])) as typeof id;
  await grantRole(w.store, { personId: id.elena, role: "staff", office: null, scopeType: "statewide", scopeId: null, startsAt: new Date("2026-11-01T00:00:00Z"), grantedById: null });
});

const entries = async () => ((await data(w.store).one(`SELECT count(*) AS n FROM "RebateEntry"`)) as { n: number }).n;
const balance = async () => (await accountByCode(data(w.store), "SL-083"))!.balanceCents;
const values = { payee: "Salem Print Shop", amount: "250.00", purpose: "Flyers", needed_by: "2026-12-10", receipt: "" };

async function signedRequest() {
  const filed = await w.form("tom", "/rebate request", values);
  if (!filed.ok) throw new Error("not filed");
  return w.click("pat", button(noticeFor(filed, id.pat), /co-sign/i));
}

it("a payment request: a deny form opened before another staff member approved records no denial and tells nobody", async () => {
  const signed = await signedRequest();
  const opened = await w.click("sofia", button(noticeFor(signed, id.sofia), /^deny/i));
  const approved = await w.click("elena", button(noticeFor(signed, id.elena), /^approve$/i));
  expect(text(approved)).toMatch(/Approved by Elena Patel/);
  const before = await entries();
  const late = await w.submit("sofia", opened.reply.form!.token, { reason: "No receipt attached" });
  if (!late.ok) throw new Error(JSON.stringify(late.errors));
  expect(text(late.reply)).toMatch(/Approved by Elena Patel/);
  expect(late.notices).toEqual([]);
  expect(await requestById(data(w.store), 1)).toMatchObject({ status: "approved", decidedById: id.elena, reason: null });
  expect(await entries()).toBe(before);
  // Whatever door: the store decides once.
  expect(await decideRequest(w.store, 1, id.sofia, { approve: false, reason: "Again" }, w.clock.now())).toMatchObject({ ok: false, row: { status: "approved" } });
  expect(await decideRequest(w.store, 99, id.sofia, { approve: true, postedOn: "2026-11-23", description: "x" }, w.clock.now())).toEqual({ ok: false, row: undefined });
});

it("a dispute: a correction form opened before another staff member kept the entry as is posts nothing", async () => {
  const opened = await w.form("tom", "/rebate dispute", { entry: "30", problem: "The meeting room cost $150, not $165.", expected: "150.00" });
  if (!opened.ok) throw new Error("not opened");
  const form = await w.click("sofia", button(noticeFor(opened, id.sofia), /correct it/i));
  const keep = await w.click("elena", button(noticeFor(opened, id.elena), /keep as is/i));
  const kept = await w.submit("elena", keep.reply.form!.token, { reason: "The bank statement shows $165.00" });
  if (!kept.ok) throw new Error("not kept");
  const before = { entries: (await entries()), balance: (await balance()) };
  const late = await w.submit("sofia", form.reply.form!.token, { amount: "15.00", note: "Refund" });
  if (!late.ok) throw new Error(JSON.stringify(late.errors));
  expect(text(late.reply)).toMatch(/Resolved: kept as is/);
  expect(late.notices).toEqual([]);
  expect({ entries: (await entries()), balance: (await balance()) }).toEqual(before);
  expect(await disputeById(data(w.store), 1)).toMatchObject({ status: "upheld", reviewerId: id.elena, reason: "The bank statement shows $165.00", correctingEntryId: null });
  // Whatever door: resolved once, reviewed only while open; an unknown dispute changes nothing.
  expect(await resolveDispute(w.store, 1, id.sofia, { outcome: "adjusted", amountCents: 1_500, postedOn: "2026-11-23", description: "x", note: null }, w.clock.now(), "2026-11-23")).toMatchObject({ ok: false, row: { status: "upheld" } });
  expect(await startReview(w.store, 1, id.sofia, w.clock.now())).toMatchObject({ ok: false, row: { status: "upheld" } });
  expect(await resolveDispute(w.store, 99, id.sofia, { outcome: "upheld", reason: "x" }, w.clock.now())).toEqual({ ok: false, row: undefined });
  expect(await entries()).toBe(before.entries);
});

it("a co-signature: a decline form opened before the requester withdrew records no decline", async () => {
  const filed = await w.form("tom", "/rebate request", values);
  if (!filed.ok) throw new Error("not filed");
  const form = await w.click("pat", button(noticeFor(filed, id.pat), /decline/i));
  await w.run("tom", "/rebate withdraw 1 Paid from another budget");
  const late = await w.submit("pat", form.reply.form!.token, { reason: "Not in the budget" });
  if (!late.ok) throw new Error(JSON.stringify(late.errors));
  expect(text(late.reply)).toMatch(/Withdrawn/);
  expect(late.notices).toEqual([]);
  expect(await requestById(data(w.store), 1)).toMatchObject({ status: "withdrawn", cosignerId: null, reason: "Paid from another budget" });
  expect(await cosignRequest(w.store, 1, id.pat, true, w.clock.now())).toMatchObject({ ok: false, row: { status: "withdrawn" } });
  expect(await withdrawRequest(w.store, 99, id.tom, w.clock.now(), null)).toEqual({ ok: false, row: undefined });
  expect(await decideStatement(w.store, 99, id.sofia, { approve: false, reason: "x" }, w.clock.now())).toEqual({ ok: false, row: undefined });
});
