// Money records that stay right, as officers and staff meet them through the core: a statement is
// stored as issued and closes its period; imports refuse what they must; amounts are read the way
// the bot writes them; every step of a request reaches everyone involved, each in their language.
import { data } from "../../db/data.ts";
import { beforeEach, describe, expect, it } from "vitest";
import { importLedger } from "../../bot/cli/import-ledger.ts";
import { listAudit } from "../../db/audit.ts";
import { grantRole } from "../../db/roles.ts";
import { accountByCode, entryByRef, postEntries, PostingRefusedError } from "../../db/rebate.ts";
import { requestById, statementById } from "../../db/rebate-requests.ts";
import { button, noticeFor, PERSONAS, text, world, type World } from "./setup.ts";

let w: World;
let id: Record<keyof typeof PERSONAS, number>;
beforeEach(async () => {
  w = await world();
  id = Object.fromEntries(Object.entries(PERSONAS).map(([k, n]) => [k, w.personId(n)])) as typeof id;
});

const csvOf = (o: { files: { mime: string; data: unknown }[] }) => String(o.files.find((f) => f.mime === "text/csv")!.data);
const balance = async () => (await accountByCode(data(w.store), "SL-083"))!.balanceCents;

async function issueQ3() {
  const asked = await w.run("tom", "/rebate statement 2026-Q3");
  const approved = await w.click("sofia", button(noticeFor(asked, id.sofia), /^approve$/i));
  return noticeFor(approved, id.tom);
}

describe("statements as issued", () => {
  it("an issued statement is stored with its figures and 'as of', closes its period, and comes again unchanged", async () => {
    const got = await issueQ3();
    expect(text(got)).toMatch(/Statement #1 · as of .*Nov 23, 2026.* · asked for by Tom Haddad · approved by Sofia Chen/);
    expect(await statementById(data(w.store), 1)).toMatchObject({ status: "approved", closesThrough: "2026-09-30" });
    // A backdated import into Q3 is refused with the reason; Q3 stays as issued.
    const backdated = ["sub_local,date,kind,amount,description,reference", "SL-083,2026-08-01,deposit,501.00,late rebate,LATE-1"].join("\n");
    const r = await importLedger(w.store, backdated, { now: w.clock.now() });
    expect(r.written).toBe(false);
    expect(r.problems[0]).toMatchObject({ line: 2, column: "date", message: expect.stringMatching(/closed period: statement #1 was issued for SL-083 through 2026-09-30\. Post it as an adjustment dated after 2026-09-30/) });
    // Even a door that skips the import's check is refused by the ledger itself.
    await expect(postEntries(w.store, [{ subLocalCode: "SL-083", kind: "deposit", postedOn: "2026-09-30", amountCents: 100, description: "x", recordedBy: "t" }], w.clock.now())).rejects.toThrow(PostingRefusedError);
    await expect(data(w.store).run(`UPDATE "RebateStatement" SET "figures" = '{}' WHERE "id" = 1`)).rejects.toThrow(/never changes/);
    // The same statement again, months later: the same figures, the same "as of".
    w.clock.set(new Date("2027-02-01T17:00:00Z"));
    const again = await w.run("tom", "/rebate statements 1");
    expect(csvOf(again.reply)).toBe(csvOf(got));
    expect(text(again)).toMatch(/Closing balance: \$34,300\.00/);
    expect(text(await w.run("tom", "/rebate statements"))).toMatch(/Statement #1: SL-083, 2026-Q3/);
    expect(text(await w.run("maria", "/rebate statements 1"))).toMatch(/Sorry|only/);
  });

  it("a correction of an entry in a closed period is dated today, in the open period, and shown as such", async () => {
    await issueQ3();
    const opened = await w.form("tom", "/rebate dispute", { entry: "30", problem: "The meeting room cost $150, not $165.", expected: "150.00" });
    if (!opened.ok) throw new Error("not opened");
    const form = await w.click("sofia", button(noticeFor(opened, id.sofia), /correct it/i));
    const done = await w.submit("sofia", form.reply.form!.token, { amount: "15.00" });
    if (!done.ok) throw new Error(JSON.stringify(done.errors));
    expect(text(done)).toMatch(/Correcting entry: #\d+ · Nov 23, 2026 · Correction · \$15\.00/);
    const nov = await w.run("tom", "/rebate statement 2026-11");
    const approved = await w.click("sofia", button(noticeFor(nov, id.sofia), /^approve$/i));
    expect(text(noticeFor(approved, id.tom))).toMatch(/Correction · \$15\.00 · .* \(corrects #30 of Aug 22, 2026\)/);
  });

  it("a second staff card cannot send a statement after a denial on the first", async () => {
    await grantRole(w.store, { personId: id.elena, role: "staff", office: null, scopeType: "statewide", scopeId: null, startsAt: new Date("2026-11-01T00:00:00Z"), grantedById: null });
    const asked = await w.run("tom", "/rebate statement 2026-Q3");
    const form = await w.click("sofia", button(noticeFor(asked, id.sofia), /^deny/i));
    const denied = await w.submit("sofia", form.reply.form!.token, { reason: "Wrong sub-local" });
    if (!denied.ok) throw new Error("not denied");
    const late = await w.click("elena", button(noticeFor(asked, id.elena), /^approve$/i));
    expect(late.notices).toEqual([]);
    expect(text(late)).toMatch(/Denied by Sofia Chen/);
    expect(await statementById(data(w.store), 1)).toMatchObject({ status: "denied", figures: null, closesThrough: null });
  });

  it("statement years run from 2000 to next year", async () => {
    for (const p of ["1850", "1999-Q4", "2100"]) expect(text(await w.run("tom", `/rebate statement ${p}`))).toMatch(/Statements cover the years 2000 to 2027/);
    expect(await data(w.store).one(`SELECT count(*) AS n FROM "RebateStatement"`)).toEqual({ n: 0 });
  });
});

describe("what an import refuses", () => {
  const header = "sub_local,date,kind,amount,description,reference";
  it("future rows, rows before 2000 and rows that take an account below zero; --allow-negative with a reason is audited", async () => {
    const before = await balance();
    const rows = [header, "SL-083,2030-01-15,deposit,100.00,future,F-1", "SL-083,1901-01-15,deposit,100.00,old,F-2", "SL-083,2026-11-20,transfer,-99999.00,transfer out,F-3"].join("\n");
    const r = await importLedger(w.store, rows, { now: w.clock.now() });
    expect(r.problems.map((p) => [p.line, p.column])).toEqual([[2, "date"], [3, "date"], [4, "amount"]]);
    expect(r.problems[0]!.message).toMatch(/in the future/);
    expect(r.problems[1]!.message).toMatch(/before 2000/);
    expect(r.problems[2]!.message).toMatch(/below zero; if that is right, run again with --allow-negative/);
    expect(await balance()).toBe(before);
    const ok = await importLedger(w.store, [header, "SL-083,2026-11-20,transfer,-99999.00,transfer out,F-3"].join("\n"), { now: w.clock.now(), allowNegative: "Loan to SL-140, approved by the board" });
    expect(ok.written).toBe(true);
    expect(await balance()).toBe(before - 9_999_900);
    const audit = await listAudit(w.store, { action: "rebate.ledger.import" });
    expect(JSON.parse(audit[0]!.details as string)).toMatchObject({ allowNegative: "Loan to SL-140, approved by the board" });
  });

  it("line numbers are the file's own lines (blank lines and two-line memos count) and every message names its column", async () => {
    const rows = [header, "", 'SL-083,2026-11-02,deposit,10.00,"a memo', 'on two lines",M-1', "SL-083,2026-11-02,deposit,12.345,bad,M-2", "", "SL-083,2026-11-02,deposit,99999999999999,big,M-3", "SL-083,2026-11-02,deposit,1.200,50,sep,M-4"].join("\n");
    const r = await importLedger(w.store, rows, { now: w.clock.now() });
    expect(r.problems.map((p) => [p.line, p.column])).toEqual([[5, "amount"], [7, "amount"], [8, expect.any(String)]]);
    expect(r.problems[0]!.message).toMatch(/more than two decimals/);
    expect(r.problems[1]!.message).toMatch(/too large/);
    expect(r.problems.every((p) => p.column)).toBe(true);
  });
});

describe("amounts and files in the reader's language", () => {
  const values = { payee: "Salem Print Shop", purpose: "Flyers", needed_by: "2026-12-10", receipt: "" };
  it("names the real problem with an amount, and accepts what the bot shows a Spanish reader", async () => {
    const cases: [string, RegExp][] = [
      ["12.345", /Too many decimals/],
      ["99999999999999", /too large/],
      ["1.200,50", /separators are not right/],
    ];
    for (const [amount, message] of cases) {
      const r = await w.form("tom", "/rebate request", { ...values, amount });
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.errors.amount).toMatch(message);
    }
    await w.run("tom", "/unionhall language es");
    const shown = text(await w.run("tom", "/rebate balance")).match(/Disponible: ([^\n]+)/)![1]!;
    expect(shown).toMatch(/US\$|\$/);
    const r = await w.form("tom", "/rebate request", { ...values, amount: "$1,200.50" });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect((await requestById(data(w.store), 1))!.amountCents).toBe(120_050);
  });

  it("tom reads Spanish, sofia English: sofia's card is English, tom's statement (message, CSV) Spanish; totals in their own rows", async () => {
    await w.run("tom", "/unionhall language es");
    await w.run("sofia", "/unionhall language en");
    const asked = await w.run("tom", "/rebate statement 2026-Q3");
    const card = noticeFor(asked, id.sofia);
    expect(text(card)).toMatch(/Tom Haddad asks for the statement of SL-083/);
    const approved = await w.click("sofia", button(card, /^approve$/i));
    const got = noticeFor(approved, id.tom);
    expect(text(got)).toMatch(/Saldo/);
    expect(text(got)).not.toMatch(/Opening balance/);
    const csv = csvOf(got);
    expect(csv).not.toMatch(/,reimbursement,/);
    const lines = csv.split("\r\n").map((l) => l.split(","));
    const totals = lines.slice(lines.findIndex((l) => l[0] === "Totales por tipo") + 1).filter((l) => l.length === 8);
    expect(totals.length).toBe(5);
    for (const l of totals) expect(l[6]).toBe("");
  });
});

describe("request lifecycle", () => {
  const values = { payee: "Salem Print Shop", amount: "250.00", purpose: "Flyers for the worksite meeting", needed_by: "2026-12-10", receipt: "" };
  it("the requester withdraws; the co-signer is told; the money is available again", async () => {
    const before = text(await w.run("tom", "/rebate balance")).match(/Available: ([^\n]+)/)![1];
    const filed = await w.form("tom", "/rebate request", values);
    if (!filed.ok) throw new Error("not filed");
    expect(text(await w.run("pat", "/rebate withdraw 1"))).toMatch(/Only the officer who filed request #1/);
    const gone = await w.run("tom", "/rebate withdraw 1 Paid from another budget");
    expect(text(gone)).toMatch(/You withdrew payment request #1/);
    expect(text(noticeFor(gone, id.pat))).toMatch(/withdrawn by Tom Haddad\. Reason: Paid from another budget/);
    expect(text(await w.run("tom", "/rebate balance")).match(/Available: ([^\n]+)/)![1]).toBe(before);
    expect(text(await w.click("pat", button(noticeFor(filed, id.pat), /co-sign/i)))).toMatch(/Withdrawn/);
  });

  it("a co-signer declines with a reason; the card never says both signed and not signed", async () => {
    const filed = await w.form("tom", "/rebate request", values);
    if (!filed.ok) throw new Error("not filed");
    const form = await w.click("pat", button(noticeFor(filed, id.pat), /decline/i));
    const declined = await w.submit("pat", form.reply.form!.token, { reason: "We agreed to wait for the new budget" });
    if (!declined.ok) throw new Error("not declined");
    expect(text(noticeFor(declined, id.tom))).toMatch(/not co-signed: Pat Larsen declined it\. Reason: We agreed to wait for the new budget/);
    const card = text(declined);
    expect(card).toMatch(/Declined by: Pat Larsen/);
    expect(card).not.toMatch(/Co-signed by/);
  });

  it("after co-signing, the officer's card has no staff buttons; a denial reaches the requester and the co-signer", async () => {
    const filed = await w.form("tom", "/rebate request", values);
    if (!filed.ok) throw new Error("not filed");
    const signed = await w.click("pat", button(noticeFor(filed, id.pat), /co-sign/i));
    expect(signed.reply.blocks.flatMap((b) => (b.type === "buttons" ? b.buttons : []))).toEqual([]);
    const form = await w.click("sofia", button(noticeFor(signed, id.sofia), /deny/i));
    const denied = await w.submit("sofia", form.reply.form!.token, { reason: "Flyers come from the communications budget" });
    if (!denied.ok) throw new Error("not denied");
    for (const who of [id.tom, id.pat]) expect(text(noticeFor(denied, who))).toMatch(/denied by Sofia Chen: Flyers come from the communications budget/);
  });

  it("two requests that together exceed what is available: the second is refused; co-signed requests stay promised", async () => {
    const avail = 3_611_250;
    const first = await w.form("tom", "/rebate request", { ...values, amount: "30,000.00" });
    if (!first.ok) throw new Error("not filed");
    await w.click("pat", button(noticeFor(first, id.pat), /co-sign/i));
    const second = await w.form("tom", "/rebate request", { ...values, amount: "7,000.00" });
    expect(second.ok).toBe(false);
    if (!second.ok) expect(second.errors.amount).toMatch(/\$6,112\.50 \(balance \$36,112\.50, minus \$30,000\.00/);
    expect(avail - 3_000_000).toBe(611_250);
    expect(await entryByRef(data(w.store), "request:2")).toBeUndefined();
  });
});
