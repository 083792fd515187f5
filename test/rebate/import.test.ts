// import-ledger on a real database: loose headers, accounting amounts, US dates, one line per bad
// row, all-or-nothing by default, --skip-bad-rows, idempotent by reference, audit with counts.
import { data } from "../../db/data.ts";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeEach, expect, it } from "vitest";
import { importLedger } from "../../bot/cli/import-ledger.ts";
import { listAudit } from "../../db/audit.ts";
import { seedDemo } from "../../db/demo.ts";
import { accountByCode, balanceCheck, entryByRef } from "../../db/rebate.ts";
import { cosignRequest, createRequest, decideRequest } from "../../db/rebate-requests.ts";
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

const balance = async (code: string) => (await accountByCode(data(store), code))!.balanceCents;

it("adds every entry in one go; a second import adds nothing and says how many were already there", async () => {
  const before = { a: (await balance("SL-083")), b: (await balance("SL-140")) };
  const first = await importLedger(store, good);
  expect(first).toMatchObject({ added: 4, already: 0, problems: [], written: true });
  expect(await balance("SL-083")).toBe(before.a + 123_456 - 4_500 + 500);
  expect(await balance("SL-140")).toBe(before.b + 98_010);
  expect((await entryByRef(data(store), "TR-1003"))!.correctsId).toBe((await entryByRef(data(store), "TR-1002"))!.id);
  expect(await entryByRef(data(store), "TR-1002")).toMatchObject({ kind: "disbursement", postedOn: "2026-11-05", amountCents: -4_500 });

  const again = await importLedger(store, good);
  expect(again).toMatchObject({ added: 0, already: 4, problems: [], written: false });
  expect(await balance("SL-083")).toBe(before.a + 123_456 - 4_500 + 500);
  const audit = await listAudit(store, { action: "rebate.ledger.import" });
  expect(audit).toHaveLength(1);
  expect(JSON.parse(audit[0]!.details as string)).toMatchObject({ added: 4, already: 0, skipped: 0, accounts: 2 });
  const c = (await balanceCheck(data(store), (await accountByCode(data(store), "SL-083"))!.id));
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

it("reports one line per bad row naming the column, and writes nothing by default", async () => {
  const before = await balance("SL-083");
  const r = await importLedger(store, bad);
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
  expect(await balance("SL-083")).toBe(before);
});

it("--skip-bad-rows keeps the good rows only", async () => {
  const before = await balance("SL-083");
  const r = await importLedger(store, bad, { skipBadRows: true });
  expect(r).toMatchObject({ added: 1, written: true });
  expect(await balance("SL-083")).toBe(before + 10_000);
  const audit = await listAudit(store, { action: "rebate.ledger.import" });
  expect(JSON.parse(audit[0]!.details as string)).toMatchObject({ added: 1, skipped: 11 });
});

it("a reference already in the ledger with other figures is a bad row, not a silent change", async () => {
  await importLedger(store, good);
  const changed = good.replace('"1,234.56"', '"1,234.65"');
  const r = await importLedger(store, changed);
  expect(r.written).toBe(false);
  expect(r.problems).toEqual([{ line: 2, column: "reference", message: expect.stringMatching(/already in the ledger with other figures \(SL-083, 2026-11-02, 1234\.56\)/) }]);
});

it("a header without the needed columns, an empty file and broken CSV are refused", async () => {
  expect((await importLedger(store, "when,how much\n2026-01-01,5")).problems[0]!.message).toMatch(/no column for: sub_local, date, kind, amount, reference/);
  expect((await importLedger(store, "")).problems[0]!.message).toMatch(/empty/);
  expect((await importLedger(store, 'sub_local,date\n"SL-083,2026')).problems[0]!.message).toMatch(/not valid CSV/);
});

it("a row that would leave less than is promised to open payment requests is refused, naming both figures; --allow-negative lets it in, and approval then refuses the request", async () => {
  const account = (await accountByCode(data(store), "SL-083"))!;
  const now = new Date("2026-11-23T17:00:00Z");
  const [tom, pat, sofia] = (await Promise.all(["100005", "100004", "100007"].map(async (n) => (await data(store).one<{ id: number }>(`SELECT "id" FROM "Person" WHERE "memberNumber" = ?`, n))!.id))) as [number, number, number];
  const filed = await createRequest(store, { accountId: account.id, requesterId: tom, requesterOffice: "treasurer", payee: "Print shop", amountCents: 100_000, purpose: "Flyers", neededBy: "2026-12-10", receiptUrl: null }, now);
  if (!filed.ok) throw new Error("not filed");
  await cosignRequest(store, filed.id, pat, true, now);
  const balance = account.balanceCents;
  // Taking out all but 999.99 leaves one cent less than the 1,000.00 promised: refused.
  const out = (cents: number, ref: string) => `sub_local,date,kind,amount,description,reference\nSL-083,2026-11-20,transfer,-${(cents / 100).toFixed(2)},To the statewide fund,${ref}`;
  const short = await importLedger(store, out(balance - 99_999, "TR-2001"), { now });
  expect(short.written).toBe(false);
  expect(short.problems).toEqual([{ line: 2, column: "amount", message: expect.stringMatching(/would leave SL-083 999\.99, less than the 1000\.00 already promised to its open payment requests/) }]);
  expect((await accountByCode(data(store), "SL-083"))!.balanceCents).toBe(balance);
  // Leaving exactly what is promised is fine.
  expect(await importLedger(store, out(balance - 100_000, "TR-2002"), { now })).toMatchObject({ written: true, problems: [] });
  expect((await accountByCode(data(store), "SL-083"))!.balanceCents).toBe(100_000);
  // With the reason, the import goes in; the approval is then refused with nothing posted.
  expect(await importLedger(store, out(1, "TR-2003"), { now, allowNegative: "bank fee agreed with the treasurer" })).toMatchObject({ written: true });
  expect(await decideRequest(store, filed.id, sofia, { approve: true, postedOn: "2026-11-23", description: "x" }, now)).toMatchObject({ ok: false, short: true, balance: 99_999 });
});

it("a payment request filed between the file's check and its writing counts: the row it would leave short is reported, and nothing else changes", async () => {
  const account = (await accountByCode(data(store), "SL-083"))!;
  const now = new Date("2026-11-23T17:00:00Z");
  const tom = (await data(store).one<{ id: number }>(`SELECT "id" FROM "Person" WHERE "memberNumber" = ?`, "100005"))!.id;
  const balance = account.balanceCents;
  // Leaves 1,000.00: fine when checked, one cent short once 1,000.01 is promised meanwhile.
  const file = `sub_local,date,kind,amount,description,reference\nSL-083,2026-11-20,transfer,-${((balance - 100_000) / 100).toFixed(2)},To the statewide fund,TR-3001\nSL-140,2026-11-20,deposit,10.00,Refund,TR-3002`;
  let checks = 0;
  const checked = async () => {
    if (checks++ > 0) return;
    const filed = await createRequest(store, { accountId: account.id, requesterId: tom, requesterOffice: "treasurer", payee: "Print shop", amountCents: 100_001, purpose: "Flyers", neededBy: "2026-12-10", receiptUrl: null }, now);
    if (!filed.ok) throw new Error("not filed");
  };
  const r = await importLedger(store, file, { now, checked });
  expect(r.written).toBe(false);
  expect(r.problems).toEqual([{ line: 2, column: "amount", message: expect.stringMatching(/would leave SL-083 1000\.00, less than the 1000\.01 already promised/) }]);
  expect((await accountByCode(data(store), "SL-083"))!.balanceCents).toBe(balance);
  expect(await entryByRef(data(store), "TR-3002")).toBeUndefined();
  // With --skip-bad-rows the other row goes in, checked against the ledger as it is now.
  expect(await importLedger(store, file, { now, skipBadRows: true })).toMatchObject({ written: true, added: 1 });
  expect(await entryByRef(data(store), "TR-3002")).toBeDefined();
  expect(await entryByRef(data(store), "TR-3001")).toBeUndefined();
});
