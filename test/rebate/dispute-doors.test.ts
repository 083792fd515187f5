// A dispute's doors as officers and staff use them, beyond the happy path: the forms as people read
// them, each way of naming an entry, the mistakes refused on their field, who may review and
// resolve (never the officer who opened it), a correction the ledger refuses, and the one audit
// entry each step leaves.
import { data } from "../../db/data.ts";
import { beforeEach, expect, it } from "vitest";
import { listAudit } from "../../db/audit.ts";
import { accountByCode } from "../../db/rebate.ts";
import { disputeById } from "../../db/rebate-requests.ts";
import { button, noticeFor, PERSONAS, personaIds, text, withReason, world, type World } from "./setup.ts";

let w: World;
let id: ReturnType<typeof personaIds>;
beforeEach(async () => {
  w = await world();
  id = personaIds(w);
});

const PROBLEM = "The meeting room cost $150, not $165.";

/** The dispute form's field errors; fails the test if a dispute was opened. */
async function refused(values: Record<string, string>, who = "tom") {
  const r = await w.form(who, "/rebate dispute", { problem: PROBLEM, expected: "", ...values });
  if (r.ok) throw new Error(`opened: ${text(r.reply)}`);
  expect(await disputeById(data(w.store), 1)).toBeUndefined();
  return r.errors;
}

async function disputeAudit(n: number) {
  const rows = await listAudit(w.store, { subjectType: "rebate_dispute", subjectId: String(n) });
  return rows.reverse().map((a) => ({ action: a.action, actorPersonId: a.actorPersonId, details: JSON.parse(a.details) as Record<string, unknown> }));
}

/** Opens a dispute through the form; a refusal fails the test. */
async function openDispute(who: string, values: Record<string, string>) {
  const r = await w.form(who, "/rebate dispute", values);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r;
}

/** Entry #30 (an expense of −$165.00) disputed by Tom, expecting $150.00; the staff card Sofia got. */
async function opened(expected = "150.00") {
  const r = await w.form("tom", "/rebate dispute", { entry: "30", problem: PROBLEM, expected });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return noticeFor(r, id.sofia);
}

it("the dispute form as the officer reads it, with the entry filled in when typed after the command", async () => {
  const form = (await w.run("tom", "/rebate dispute 30")).reply.form!;
  expect(form).toMatchObject({
    title: "Question an entry",
    intro: "Treasury staff will review it and tell you what they decide.",
    submitLabel: "Send",
    fields: [
      { name: "entry", label: "Entry", kind: "text", required: true, maxLength: 60, initial: "30", hint: "The entry number from your statement, like 1234" },
      { name: "problem", label: "What is wrong", kind: "textarea", required: true, maxLength: 1000 },
      { name: "expected", label: "Amount you expected (USD)", kind: "text", maxLength: 20, hint: "Optional, like 1,250.00" },
    ],
  });
  expect(form.fields[2]!.required).toBeFalsy();
  expect((await w.run("tom", "/rebate dispute")).reply.form!.fields[0]!.initial).toBeUndefined();
});

it("an entry is named by its number, #number, E-number or the treasury's reference, in any case and with spaces", async () => {
  const byRef = await w.form("tom", "/rebate dispute", { entry: "demo:SL-083:2026-08:meeting", problem: PROBLEM });
  if (!byRef.ok) throw new Error(JSON.stringify(byRef.errors));
  expect(text(byRef.reply)).toMatch(/Dispute #1 was sent to treasury staff about #30 · Aug 22, 2026/);
  const others = (await data(w.store).all(`SELECT e."id" FROM "RebateEntry" e JOIN "RebateAccount" a ON a."id" = e."accountId" WHERE a."subLocalCode" = 'SL-083' AND e."id" <> 30 ORDER BY e."id" DESC LIMIT 3`)) as { id: number }[];
  const named = [` #${others[0]!.id} `, `e-${others[1]!.id}`, `E${others[2]!.id}`];
  for (const [i, entry] of named.entries()) {
    const r = await w.form("tom", "/rebate dispute", { entry, problem: PROBLEM });
    if (!r.ok) throw new Error(`${entry}: ${JSON.stringify(r.errors)}`);
    expect((await disputeById(data(w.store), i + 2))!.entryId).toBe(others[i]!.id);
  }
});

it("mistakes are named on their field and open nothing", async () => {
  expect(await refused({ entry: "entry thirty, the one from the meeting in August" })).toEqual({ entry: "There is no entry “entry thirty, the one from the meeting i”. Use the number shown on your statement." });
  expect(await refused({ entry: "#999999" })).toEqual({ entry: expect.stringMatching(/^There is no entry “#999999”/) });
  expect(await refused({ entry: "30", expected: "a hundred and fifty" })).toEqual({ expected: "This is not an amount. Write it like $1,250.00." });
  expect(await refused({ entry: "30", problem: "Too high." })).toEqual({ problem: "Please say a little more about what is wrong." });
  // Ten characters is enough.
  const r = await w.form("tom", "/rebate dispute", { entry: "30", problem: "Wrong sum." });
  expect(r.ok).toBe(true);
});

it("another sub-local's entry is refused on the entry field and audited", async () => {
  const sl140 = (await data(w.store).one(`SELECT e."id" FROM "RebateEntry" e JOIN "RebateAccount" a ON a."id" = e."accountId" WHERE a."subLocalCode" = 'SL-140' LIMIT 1`)) as { id: number };
  expect(await refused({ entry: String(sl140.id) })).toEqual({ entry: "This entry belongs to SL-140: only its president or treasurer can question it." });
  const [entry] = await listAudit(w.store, { action: "rebate.denied" });
  expect(entry).toMatchObject({ actorPersonId: id.tom, subjectType: "rebate_entry", subjectId: String(sl140.id) });
  expect(JSON.parse(entry!.details)).toEqual({ platform: "web", what: "dispute", reason: "not_a_signer" });
});

it("opening and review are audited; the officer hears the review; a second review start changes nothing", async () => {
  const card = await opened();
  const review = await w.click("sofia", button(card, /start review/i));
  expect(review.reply.update).toBe(true);
  expect(review.notices.map((n) => n.personId)).toEqual([id.tom]);
  const again = await w.click("sofia", button(card, /start review/i));
  expect(again.notices).toEqual([]);
  expect(await disputeAudit(1)).toEqual([
    { action: "rebate.dispute.open", actorPersonId: id.tom, details: { platform: "web", subLocal: "SL-083", entryId: 30 } },
    { action: "rebate.dispute.review", actorPersonId: id.sofia, details: { platform: "web", subLocal: "SL-083" } },
  ]);
});

it("staff who opened a dispute themselves can neither review nor resolve it; an unknown dispute says so", async () => {
  await w.run("sofia", `/unionhall admin role grant ${PERSONAS.tom} staff statewide`);
  const r = await w.form("tom", "/rebate dispute", { entry: "30", problem: PROBLEM });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  const card = noticeFor(r, id.sofia);
  for (const label of [/start review/i, /correct it/i, /keep as is/i]) {
    const own = await w.click("tom", button(card, label));
    expect(own.reply.form).toBeUndefined();
    expect(text(own)).toMatch(/You can't decide #1: you asked for it or signed it/);
  }
  const form = await w.click("sofia", button(card, /keep as is/i));
  const own = await w.submit("tom", form.reply.form!.token, { reason: "Fine as it is" });
  if (!own.ok) throw new Error(JSON.stringify(own.errors));
  expect(text(own.reply)).toMatch(/You can't decide #1/);
  expect(await disputeById(data(w.store), 1)).toMatchObject({ status: "open", reviewerId: null });
  await data(w.store).run(`DELETE FROM "RebateDispute" WHERE "id" = 1`);
  expect(text(await w.click("sofia", button(card, /start review/i)))).toMatch(/There is no dispute #1\./);
});

it("the correction form: the difference filled in, none when nothing was expected or it is zero", async () => {
  const card = await opened();
  const form = (await w.click("sofia", button(card, /correct it/i))).reply.form!;
  expect(form).toMatchObject({
    title: "Correct dispute #1",
    submitLabel: "Correct it…",
    fields: [
      { name: "amount", label: "Correction amount (USD)", kind: "text", required: true, maxLength: 20, initial: "+$15.00", hint: "Added to the account: negative to take money out, like -45.00" },
      { name: "note", label: "Note for the officer", kind: "textarea", maxLength: 500 },
    ],
  });
  expect(form.intro).toBe("#30 · Aug 22, 2026 · Expense reimbursement · -$165.00 · Meeting room and refreshments\nEntry -$165.00, expected -$150.00: the correction is the difference, +$15.00.");
  expect(form.fields[1]!.required).toBeFalsy();

  const none = await openDispute("pat", { entry: "29", problem: "The August rebate looks short to us." });
  const noneForm = (await w.click("sofia", button(noticeFor(none, id.sofia), /correct it/i))).reply.form!;
  expect(noneForm.fields[0]!.initial).toBeUndefined();
  expect(noneForm.intro).not.toMatch(/expected/);

  const entry28 = (await data(w.store).one(`SELECT "amountCents" FROM "RebateEntry" WHERE "id" = 28`)) as { amountCents: number };
  const exact = (Math.abs(entry28.amountCents) / 100).toFixed(2);
  const zero = await openDispute("tom", { entry: "28", problem: "We think this one is wrong.", expected: exact });
  const zeroForm = (await w.click("sofia", button(noticeFor(zero, id.sofia), /correct it/i))).reply.form!;
  expect(zeroForm.fields[0]!.initial).toBeUndefined();
  expect(zeroForm.intro).toMatch(/the correction is the difference, \+?\$0\.00\.$/);
});

it("a correction of zero or no amount is refused on its field; one that would take the account below zero is refused and audited", async () => {
  const card = await opened();
  const form = (await w.click("sofia", button(card, /correct it/i))).reply.form!;
  for (const [amount, error] of [["0.00", /Write an amount that is not zero/], ["fifteen", /This is not an amount/]] as const) {
    const r = await w.submit("sofia", form.token, { amount, note: "" });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.amount).toMatch(error);
  }
  const before = (await accountByCode(data(w.store), "SL-083"))!.balanceCents;
  const r = await w.submit("sofia", form.token, { amount: "-1,000,000.00", note: "" });
  expect(r.ok).toBe(false);
  if (!r.ok) expect(r.errors.amount).toMatch(/This would take the account below zero \(-\$\d{3},\d{3}\.\d\d\)/);
  expect((await accountByCode(data(w.store), "SL-083"))!.balanceCents).toBe(before);
  expect(await disputeById(data(w.store), 1)).toMatchObject({ status: "open", correctingEntryId: null });
  expect((await disputeAudit(1)).at(-1)).toEqual({ action: "rebate.dispute.adjust.refused", actorPersonId: id.sofia, details: { platform: "web", reason: "negative" } });
});

it("a correction is audited with its entry and amount; the officer hears it; resolved, the buttons only show the outcome", async () => {
  const card = await opened();
  const form = (await w.click("sofia", button(card, /correct it/i))).reply.form!;
  const done = await w.submit("sofia", form.token, { amount: "+15.00", note: "  Refund from the venue  " });
  if (!done.ok) throw new Error(JSON.stringify(done.errors));
  expect(done.notices.map((n) => n.personId)).toEqual([id.tom]);
  const d = (await disputeById(data(w.store), 1))!;
  expect(d).toMatchObject({ status: "adjusted", reviewerId: id.sofia });
  const entry = (await data(w.store).one(`SELECT "description", "amountCents", "postedOn" FROM "RebateEntry" WHERE "id" = ?`, d.correctingEntryId)) as Record<string, unknown>;
  expect(entry).toEqual({ description: "Correction from dispute #1 (entry #30)", amountCents: 1_500, postedOn: "2026-11-23" });
  expect((await disputeAudit(1)).at(-1)).toEqual({ action: "rebate.dispute.adjust", actorPersonId: id.sofia, details: { platform: "web", subLocal: "SL-083", entryId: d.correctingEntryId, amountCents: 1_500 } });
  for (const label of [/correct it/i, /keep as is/i]) {
    const late = await w.click("sofia", button(card, label));
    expect(late.reply.form).toBeUndefined();
    expect(late.reply.update).toBe(true);
    expect(text(late)).toMatch(/Resolved: corrected/);
  }
  const again = await w.submit("sofia", form.token, { amount: "15.00", note: "" });
  if (!again.ok) throw new Error(JSON.stringify(again.errors));
  expect(again.notices).toEqual([]);
  expect((await disputeAudit(1)).filter((a) => a.action === "rebate.dispute.adjust")).toHaveLength(1);
});

it("kept as is: the form asks for the reason, the officer hears it, it is audited once", async () => {
  const card = await opened();
  const form = (await w.click("sofia", button(card, /keep as is/i))).reply.form!;
  expect(form).toMatchObject({
    title: "Keep as is: #1",
    submitLabel: "Keep as is…",
    fields: [{ name: "reason", label: "Reason", kind: "textarea", required: true, maxLength: 500, hint: "The officer will read this." }],
  });
  for (const reason of ["no", "x".repeat(501)]) expect((await w.submit("sofia", form.token, { reason })).ok).toBe(false);
  const done = await withReason(w, "sofia", card, /keep as is/i, "  The bank statement shows $165.00  ");
  expect(done.notices.map((n) => n.personId)).toEqual([id.tom]);
  expect(await disputeById(data(w.store), 1)).toMatchObject({ status: "upheld", reason: "The bank statement shows $165.00" });
  const late = await w.submit("sofia", form.token, { reason: "Again, no" });
  if (!late.ok) throw new Error(JSON.stringify(late.errors));
  expect(late.notices).toEqual([]);
  expect(text(late.reply)).toMatch(/Resolved: kept as is/);
  expect((await disputeAudit(1)).map((a) => [a.action, a.details])).toEqual([
    ["rebate.dispute.open", expect.anything()],
    ["rebate.dispute.uphold", { platform: "web", subLocal: "SL-083" }],
  ]);
});
