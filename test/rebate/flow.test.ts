// The treasury flows through the real core on a demo database: a statement approved by staff,
// a payment request signed by two officers then approved, a dispute from open to corrected.
// Every decision is taken once; a second click only hears who decided.
import { data } from "../../db/data.ts";
import { beforeEach, describe, expect, it } from "vitest";
import { listAudit } from "../../db/audit.ts";
import { accountByCode, balanceCheck } from "../../db/rebate.ts";
import { button, noticeFor, PERSONAS, text, world, type World } from "./setup.ts";

let w: World;
let id: Record<keyof typeof PERSONAS, number>;
beforeEach(async () => {
  w = await world();
  id = Object.fromEntries(Object.entries(PERSONAS).map(([k, n]) => [k, w.personId(n)])) as typeof id;
});

const balance = async (code = "SL-083") => (await accountByCode(data(w.store), code))!.balanceCents;

describe("statement", () => {
  it("treasurer asks for a quarter, staff approve from the card, the treasurer gets the message, CSV and PDF", async () => {
    const asked = await w.run("tom", "/rebate statement 2026-Q3");
    expect(text(asked)).toMatch(/Statement request #1 for SL-083, 2026-Q3, was sent to treasury staff/);
    const card = noticeFor(asked, id.sofia);
    expect(text(card)).toMatch(/Tom Haddad asks for the statement of SL-083 for Jul 1, 2026 – Sep 30, 2026/);

    const approved = await w.click("sofia", button(card, /^approve$/i));
    expect(approved.reply.update).toBe(true);
    expect(text(approved)).toMatch(/Approved by Sofia Chen/);
    expect(text(approved)).not.toMatch(/\[Approve\]/);
    const got = noticeFor(approved, id.tom);
    const body = text(got);
    expect(body).toMatch(/Opening balance: \$29,002\.50/);
    expect(body).toMatch(/Closing balance: \$34,300\.00/);
    expect(body).toMatch(/#30 · Aug 22, 2026 · Expense reimbursement · -\$165\.00/);
    const csv = got.files.find((f) => f.mime === "text/csv")!;
    const pdf = got.files.find((f) => f.mime === "application/pdf")!;
    expect(String(csv.data)).toContain(",Opening balance,SL-083 2026-Q3,,,,29002.50");
    expect(String(csv.data)).toContain(",Closing balance,SL-083 2026-Q3,,,,34300.00");
    expect(String(csv.data)).toContain("30,2026-08-22,Expense reimbursement,Meeting room and refreshments,demo:SL-083:2026-08:meeting,,-165.00,32500.00\r\n");
    expect((pdf.data as Buffer).subarray(0, 5).toString()).toBe("%PDF-");

    // Decided once: the Deny button on the same card, or Approve again, changes nothing.
    const again = await w.click("sofia", button(card, /^deny/i));
    expect(text(again)).toMatch(/Approved by Sofia Chen/i);
    expect(again.notices).toEqual([]);
  });

  it("a denial tells the requester; a member is refused politely, naming who may see the account", async () => {
    const asked = await w.run("pat", "/rebate statement 2026-10 SL-083");
    const opened = await w.click("sofia", button(noticeFor(asked, id.sofia), /^deny/i));
    const denied = await w.submit("sofia", opened.reply.form!.token, { reason: "Ask again after the audit closes" });
    if (!denied.ok) throw new Error("not denied");
    expect(text(noticeFor(denied, id.pat))).toMatch(/statement request #1 for SL-083 was denied by Sofia Chen\. Reason: Ask again after the audit closes/);
    const refused = await w.run("maria", "/rebate statement 2026-10 SL-083");
    expect(text(refused)).toMatch(/only for its president and treasurer, the board directors of its area, treasury staff/);
    expect(refused.notices).toEqual([]);
  });

  it("staff asking themselves: the executive director decides; with nobody at all, the requester is told", async () => {
    const own = await w.run("sofia", "/rebate statement 2026-10 SL-083");
    expect(own.notices.map((n) => n.personId)).toEqual([id.elena]);
    expect(text(own)).not.toMatch(/Nobody on treasury staff/);
    await data(w.store).run(`UPDATE "RoleAssignment" SET "endsAt" = ? WHERE "role" IN ('staff', 'executive_director')`, "2026-11-01T00:00:00.000+00:00");
    const alone = await w.run("tom", "/rebate statement 2026-10");
    expect(alone.notices).toEqual([]);
    expect(text(alone)).toMatch(/Nobody on treasury staff is on record to decide it yet/);
  });

  it("bad periods get a polite answer and file nothing", async () => {
    for (const p of ["2026-13", "2026-Q5", "last week", "2026-09-30 2026-07-01"]) {
      const r = await w.run("tom", `/rebate statement "${p}"`);
      expect(text(r)).toMatch(/is not a period I understand/);
    }
    expect(text(await w.run("tom", "/rebate statement 2027-Q1"))).toMatch(/has not started yet/);
    expect(await data(w.store).one(`SELECT count(*) AS n FROM "RebateStatement"`)).toEqual({ n: 0 });
  });
});

describe("payment request", () => {
  const values = { payee: "Salem Print Shop", amount: "1,250.00", purpose: "Flyers for the worksite meeting", needed_by: "2026-12-10", receipt: "https://example.org/invoice/77" };

  it("treasurer files, president co-signs, staff approve: the payment is an entry and the balance drops", async () => {
    const before = await balance();
    const filed = await w.form("tom", "/rebate request", values);
    if (!filed.ok) throw new Error(JSON.stringify(filed.errors));
    expect(text(filed)).toMatch(/Payment request #1 for \$1,250\.00 is waiting for the president to co-sign it/);
    // Committed money shows at once.
    expect(text(await w.run("tom", "/rebate balance"))).toMatch(/Promised to open requests: \$1,250\.00[\s\S]*Available: \$34,862\.50/);

    const cosignCard = noticeFor(filed, id.pat);
    // The filer can't co-sign their own request.
    expect(text(await w.click("tom", button(cosignCard, /co-sign/i)))).toMatch(/needs a second officer/);
    const signed = await w.click("pat", button(cosignCard, /co-sign/i));
    expect(signed.reply.update).toBe(true);
    expect(text(noticeFor(signed, id.tom))).toMatch(/co-signed by Pat Larsen and is now with treasury staff/);
    const staffCard = noticeFor(signed, id.sofia);
    // After signing, pat's card only shows where the request stands: no staff buttons, no second answer.
    const after = await w.click("pat", button(cosignCard, /decline/i));
    expect(text(after)).toMatch(/waiting for treasury staff/);
    expect(after.reply.blocks.some((b) => b.type === "buttons")).toBe(false);
    expect(signed.reply.blocks.some((b) => b.type === "buttons")).toBe(false);

    const approved = await w.click("sofia", button(staffCard, /^approve$/i));
    expect(text(approved)).toMatch(/Approved by Sofia Chen/);
    expect(text(noticeFor(approved, id.tom))).toMatch(/approved by Sofia Chen\. It is recorded as entry #\d+/);
    expect(await balance()).toBe(before - 125_000);
    const c = (await balanceCheck(data(w.store), (await accountByCode(data(w.store), "SL-083"))!.id));
    expect(c.stored).toBe(c.summed);
    expect(text(await w.click("sofia", button(staffCard, /^approve$/i)))).toMatch(/already/i);
    expect(await balance()).toBe(before - 125_000);

    const history = text(await w.run("tom", "/rebate requests 1"));
    expect(history).toMatch(/Filed[\s\S]*Co-signed[\s\S]*Approved/);
    const audit = await listAudit(w.store, { subjectType: "rebate_request", subjectId: "1" });
    expect(audit.map((a) => a.action).reverse()).toEqual(["rebate.request.file", "rebate.denied", "rebate.request.cosign", "rebate.request.approve", "rebate.request.view"]);
    expect(JSON.stringify(audit)).not.toMatch(/Salem Print Shop|Flyers/);
  });

  it("a request above the available balance is refused with the figures, and nothing is filed", async () => {
    const r = await w.form("tom", "/rebate request", { ...values, amount: "40,000.00" });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.amount).toMatch(/more than is available: \$36,112\.50 \(balance \$36,112\.50, minus \$0\.00/);
    expect(await data(w.store).one(`SELECT count(*) AS n FROM "RebateRequest"`)).toEqual({ n: 0 });
  });

  it("staff deny with a reason; the requester hears it", async () => {
    const filed = await w.form("pat", "/rebate request", values);
    if (!filed.ok) throw new Error("not filed");
    const signed = await w.click("tom", button(noticeFor(filed, id.tom), /co-sign/i));
    const opened = await w.click("sofia", button(noticeFor(signed, id.sofia), /deny/i));
    expect(opened.reply.form).toBeDefined();
    const denied = await w.submit("sofia", opened.reply.form!.token, { reason: "Flyers come from the communications budget" });
    if (!denied.ok) throw new Error("not denied");
    expect(text(noticeFor(denied, id.pat))).toMatch(/denied by Sofia Chen: Flyers come from the communications budget/);
    // The approve button on the same card now only shows the decision.
    const late = await w.click("sofia", button(noticeFor(signed, id.sofia), /^approve$/i));
    expect(text(late)).toMatch(/Denied by Sofia Chen/);
    expect(late.notices).toEqual([]);
  });

  it("bad fields are marked and nothing is filed", async () => {
    const r = await w.form("tom", "/rebate request", { ...values, amount: "12..5", needed_by: "2026-02-30", receipt: "javascript:alert(1)" });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(Object.keys(r.errors).sort()).toEqual(["amount", "needed_by", "receipt"]);
  });
});

describe("dispute", () => {
  it("open → under review → corrected: the correcting entry is shown and the balance follows", async () => {
    const before = await balance();
    const opened = await w.form("tom", "/rebate dispute", { entry: "30", problem: "The meeting room cost $150, not $165.", expected: "150.00" });
    if (!opened.ok) throw new Error(JSON.stringify(opened.errors));
    expect(text(opened)).toMatch(/Dispute #1 was sent to treasury staff about #30/);
    const card = noticeFor(opened, id.sofia);
    expect(text(card)).toMatch(/Open/);

    const review = await w.click("sofia", button(card, /start review/i));
    expect(text(review)).toMatch(/Under review/);
    expect(text(noticeFor(review, id.tom))).toMatch(/dispute #1 is now being reviewed by Sofia Chen/);
    expect(text(await w.click("sofia", button(card, /start review/i)))).toMatch(/already/i);

    const form = await w.click("sofia", button(review.reply, /correct it/i));
    // Expected 150.00 on an expense of −165.00: the correction is the signed difference, +15.00.
    expect(form.reply.form!.fields.find((f) => f.name === "amount")!.initial).toBe("+$15.00");
    expect(form.reply.form!.intro).toMatch(/Entry -\$165\.00, expected -\$150\.00: the correction is the difference, \+\$15\.00/);
    expect(text(review)).toMatch(/Amount you expected \(USD\): -\$150\.00[\s\S]*Difference \(expected − entry\): \+\$15\.00/);
    const done = await w.submit("sofia", form.reply.form!.token, { amount: "15.00", note: "Refund from the venue" });
    if (!done.ok) throw new Error("not resolved");
    expect(text(done)).toMatch(/Resolved: corrected[\s\S]*Correcting entry: #\d+ · Nov 23, 2026 · Correction · \$15\.00/);
    expect(text(noticeFor(done, id.tom))).toMatch(/resolved by Sofia Chen: the entry was corrected with #\d+ · Nov 23, 2026 · Correction · \$15\.00/);
    expect(await balance()).toBe(before + 1_500);

    // Resolved once: the other buttons only show the outcome now.
    const late = await w.click("sofia", button(review.reply, /keep as is/i));
    expect(late.reply.form).toBeUndefined();
    expect(text(late)).toMatch(/Resolved: corrected/);
    expect(text(await w.run("tom", "/rebate disputes"))).toMatch(/Dispute #1 about entry #30 \(SL-083\) — Resolved: corrected/);
  });

  it("upheld with a reason; another sub-local's entry can't be disputed", async () => {
    const opened = await w.form("tom", "/rebate dispute", { entry: "30", problem: "I think this was charged twice." });
    if (!opened.ok) throw new Error("not opened");
    const form = await w.click("sofia", button(noticeFor(opened, id.sofia), /keep as is/i));
    const done = await w.submit("sofia", form.reply.form!.token, { reason: "One charge only; the bank statement shows it." });
    if (!done.ok) throw new Error("not resolved");
    expect(text(noticeFor(done, id.tom))).toMatch(/the entry stays as it is\. Reason: One charge only/);

    const sl140 = (await data(w.store).one(`SELECT e."id" FROM "RebateEntry" e JOIN "RebateAccount" a ON a."id" = e."accountId" WHERE a."subLocalCode" = 'SL-140' LIMIT 1`)) as { id: number };
    const other = await w.form("tom", "/rebate dispute", { entry: String(sl140.id), problem: "Not ours but let us try anyway." });
    expect(other.ok).toBe(false);
    if (!other.ok) expect(other.errors.entry).toMatch(/belongs to SL-140/);
  });
});
