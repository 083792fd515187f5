// import-ledger on a real database: loose headers, accounting amounts, US dates, one line per bad
// row, all-or-nothing by default, --skip-bad-rows, idempotent by reference, audit with counts.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeEach, expect, it } from "vitest";
import { importLedger } from "../../bot/cli/import-ledger.ts";
import { listAudit } from "../../db/audit.ts";
import { seedDemo } from "../../db/demo.ts";
import { accountByCode, balanceCheck, entryByRef } from "../../db/rebate.ts";
import { openStore, type Store } from "../../db/store.ts";
import { TEST_KEY } from "./setup.ts";

let store: Store;
beforeEach(async () => {
  process.env.MEMBER_DATA_KEY = TEST_KEY;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "uh-ledger-import-"));
  store = await openStore(`file:${path.join(dir, "x.db")}`);
  await seedDemo(store, { members: 10 });
});

const good = [
  "Sub-Local,Posting Date,Type,Amount,Memo,Reference Number,Corrects",
  'SL-083,2026-11-02,Rebate,"1,234.56",November rebate,TR-1001,',
  "SL-083,11/05/2026,Payment,(45.00),Printer ink,TR-1002,",
  "SL-083,11/06/2026,Adjustment,5.00,Ink was overcharged,TR-1003,TR-1002",
  "sl-140,2026-11-03,rebate deposit,$980.10,November rebate,TR-1004,",
].join("\n");

const balance = (code: string) => accountByCode(store, code)!.balanceCents;

it("adds every entry in one go; a second import adds nothing and says how many were already there", async () => {
  const before = { a: balance("SL-083"), b: balance("SL-140") };
  const first = importLedger(store, good);
  expect(first).toMatchObject({ added: 4, already: 0, problems: [], written: true });
  expect(balance("SL-083")).toBe(before.a + 123_456 - 4_500 + 500);
  expect(balance("SL-140")).toBe(before.b + 98_010);
  expect(entryByRef(store, "TR-1003")!.correctsId).toBe(entryByRef(store, "TR-1002")!.id);
  expect(entryByRef(store, "TR-1002")).toMatchObject({ kind: "disbursement", postedOn: "2026-11-05", amountCents: -4_500 });

  const again = importLedger(store, good);
  expect(again).toMatchObject({ added: 0, already: 4, problems: [], written: false });
  expect(balance("SL-083")).toBe(before.a + 123_456 - 4_500 + 500);
  const audit = await listAudit(store, { action: "rebate.ledger.import" });
  expect(audit).toHaveLength(1);
  expect(JSON.parse(audit[0]!.details as string)).toMatchObject({ added: 4, already: 0, skipped: 0, accounts: 2 });
  const c = balanceCheck(store, accountByCode(store, "SL-083")!.id);
  expect(c.stored).toBe(c.summed);
});

const bad = [
  "sublocal,date,kind,amount,description,reference,corrects",
  "SL-083,2026-11-02,deposit,100.00,ok,R-1,",
  "SL-083,2026-13-02,deposit,100.00,bad date,R-2,",
  "SL-083,2026-11-02,deposit,12..30,bad amount,R-3,",
  "SL-999,2026-11-02,deposit,1.00,no such sub-local,R-4,",
  "SL-083,2026-11-02,payment,45.00,payment written positive,R-5,",
  "SL-083,2026-11-02,deposit,(10.00),negative deposit,R-6,",
  "SL-083,2026-11-02,bonus,10.00,unknown kind,R-7,",
  "SL-083,2026-11-02,deposit,10.00,duplicate,R-1,",
  "SL-083,2026-11-02,adjustment,1.00,adjusts nothing,R-8,",
  "SL-083,2026-11-02,adjustment,1.00,adjusts a bad row,R-9,R-2",
  "SL-083,2026-11-02,deposit,10.00,,,",
  "SL-083,31/12/2026,deposit,0,zero and a European date,R-10,",
].join("\n");

it("reports one line per bad row naming the column, and writes nothing by default", () => {
  const before = balance("SL-083");
  const r = importLedger(store, bad);
  expect(r.written).toBe(false);
  expect(r.problems.map((p) => [p.line, p.column])).toEqual([
    [3, "date"],
    [4, "amount"],
    [5, "sub_local"],
    [6, "amount"],
    [7, "amount"],
    [8, "kind"],
    [9, "reference"],
    [10, "corrects"],
    [11, "corrects"],
    [12, "reference"],
    [13, "date, amount"],
  ]);
  expect(r.problems.find((p) => p.line === 4)!.message).toMatch(/“12\.\.30” is not an amount/);
  expect(r.problems.find((p) => p.line === 6)!.message).toMatch(/write it negative/);
  expect(r.problems.find((p) => p.line === 9)!.message).toMatch(/also appears on line 2/);
  expect(balance("SL-083")).toBe(before);
});

it("--skip-bad-rows keeps the good rows only", async () => {
  const before = balance("SL-083");
  const r = importLedger(store, bad, { skipBadRows: true });
  expect(r).toMatchObject({ added: 1, written: true });
  expect(balance("SL-083")).toBe(before + 10_000);
  const audit = await listAudit(store, { action: "rebate.ledger.import" });
  expect(JSON.parse(audit[0]!.details as string)).toMatchObject({ added: 1, skipped: 11 });
});

it("a reference already in the ledger with other figures is a bad row, not a silent change", () => {
  importLedger(store, good);
  const changed = good.replace('"1,234.56"', '"1,234.65"');
  const r = importLedger(store, changed);
  expect(r.written).toBe(false);
  expect(r.problems).toEqual([{ line: 2, column: "reference", message: expect.stringMatching(/already in the ledger with other figures \(SL-083, 2026-11-02, 1234\.56\)/) }]);
});

it("a header without the needed columns, an empty file and broken CSV are refused", () => {
  expect(importLedger(store, "when,how much\n2026-01-01,5").problems[0]!.message).toMatch(/no column for: sub_local, date, kind, amount, reference/);
  expect(importLedger(store, "").problems[0]!.message).toMatch(/empty/);
  expect(importLedger(store, 'sub_local,date\n"SL-083,2026').problems[0]!.message).toMatch(/not valid CSV/);
});
