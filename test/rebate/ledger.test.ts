// Ledger arithmetic: for any generated ledger with adjustments and any split of time into periods,
// each period's opening + entries = closing, the periods chain, and the stored running balance
// never drifts from the sum of the entries. The ledger refuses edits and deletions.
import { data } from "../../db/data.ts";
import fc from "fast-check";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signProblem, statementFigures } from "../../commands/rebate/ledger.ts";
import { parseAmount } from "../../commands/rebate/money.ts";
import { parsePeriod } from "../../commands/rebate/period.ts";
import { accountByCode, balanceCheck, ensureAccount, entriesBetween, LedgerDriftError, postEntries, sumBefore, type EntryKind, type NewEntry } from "../../db/rebate.ts";
import { openStore, type Store } from "../../db/store.ts";

let store: Store;
beforeAll(async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "uh-ledger-"));
  store = await openStore(`file:${path.join(dir, "x.db")}`);
});
afterAll(async () => store?.close());

const NOW = new Date("2026-11-23T17:00:00Z");
let accountNo = 0;

const day = fc.integer({ min: 0, max: 729 }).map((n) => new Date(Date.UTC(2025, 0, 1) + n * 86_400_000).toISOString().slice(0, 10));
const entry = fc.record({
  kind: fc.constantFrom<EntryKind>("deposit", "disbursement", "reimbursement", "transfer", "adjustment"),
  postedOn: day,
  cents: fc.integer({ min: 1, max: 50_000_00 }),
  negative: fc.boolean(),
  corrects: fc.nat(),
});

function toEntries(code: string, raw: { kind: EntryKind; postedOn: string; cents: number; negative: boolean; corrects: number }[]): NewEntry[] {
  return raw.map((r, i) => {
    const sign = r.kind === "deposit" ? 1 : r.kind === "disbursement" || r.kind === "reimbursement" ? -1 : r.negative ? -1 : 1;
    // An adjustment corrects an earlier entry of the same ledger (or is an opening correction when first).
    const corrects = r.kind === "adjustment" && i > 0 ? `${code}:${r.corrects % i}` : null;
    return { subLocalCode: code, kind: r.kind, postedOn: r.postedOn, amountCents: sign * r.cents, description: r.kind, externalRef: `${code}:${i}`, correctsRef: corrects, recordedBy: "test" };
  });
}

describe("statement arithmetic", () => {
  it("opening + entries = closing for any split of two years into periods, and periods chain", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(entry, { minLength: 1, maxLength: 60 }), fc.uniqueArray(day, { maxLength: 6 }), async (raw, cuts) => {
        const code = `PT-${++accountNo}`;
        await postEntries(store, toEntries(code, raw), NOW, { allowNegative: true });
        const account = (await accountByCode(data(store), code))!;
        const bounds = ["2025-01-01", ...cuts.sort(), "2027-01-01"].filter((d, i, a) => a.indexOf(d) === i);
        let carried = 0;
        for (let i = 0; i + 1 < bounds.length; i++) {
          const to = new Date(Date.parse(`${bounds[i + 1]}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
          if (to < bounds[i]!) continue;
          const f = statementFigures(await sumBefore(data(store), account.id, bounds[i]!), await entriesBetween(data(store), account.id, bounds[i]!, to));
          expect(f.openingCents).toBe(carried);
          expect(f.closingCents).toBe(f.openingCents + f.lines.reduce((s, e) => s + e.amountCents, 0));
          expect(Object.values(f.totals).reduce((s, n) => s + n, 0)).toBe(f.closingCents - f.openingCents);
          carried = f.closingCents;
        }
        expect(carried).toBe(account.balanceCents);
        const c = await balanceCheck(data(store), account.id);
        expect(c.stored).toBe(c.summed);
        expect(c.count).toBe(raw.length);
      }),
      { numRuns: 60 },
    );
  });

  it("every line carries the running balance", () => {
    const f = statementFigures(1000, [
      { id: 1, accountId: 1, kind: "deposit", postedOn: "2026-01-02", amountCents: 500, description: "", externalRef: null, correctsId: null, recordedById: null, recordedBy: "t" },
      { id: 2, accountId: 1, kind: "adjustment", postedOn: "2026-01-03", amountCents: -200, description: "", externalRef: null, correctsId: 1, recordedById: null, recordedBy: "t" },
    ]);
    expect(f.lines.map((l) => l.balanceCents)).toEqual([1500, 1300]);
    expect(f.totals).toEqual({ deposit: 500, disbursement: 0, reimbursement: 0, transfer: 0, adjustment: -200 });
  });
});

describe("the sign each kind of entry carries", () => {
  it.each([
    ["deposit", 1, null],
    ["deposit", -1, "mustBePositive"],
    ["disbursement", -1, null],
    ["disbursement", 1, "mustBeNegative"],
    ["reimbursement", -1, null],
    ["reimbursement", 1, "mustBeNegative"],
    ["transfer", 1, null],
    ["transfer", -1, null],
    ["adjustment", 1, null],
    ["adjustment", -1, null],
    ["deposit", 0, "zero"],
    ["transfer", 0, "zero"],
  ] as const)("a %s of %i cents: %s", (kind, cents, problem) => expect(signProblem(kind, cents)).toBe(problem));
});

describe("running balance", () => {
  it("never drifts: a tampered stored balance makes the next posting roll back whole", async () => {
    const a = await ensureAccount(data(store), "DR-1", NOW);
    await postEntries(store, [{ subLocalCode: "DR-1", kind: "deposit", postedOn: "2026-01-05", amountCents: 10_000, description: "d", recordedBy: "t" }], NOW);
    await data(store).run(`UPDATE "RebateAccount" SET "balanceCents" = "balanceCents" + 1 WHERE "id" = ?`, a.id);
    await expect(postEntries(store, [{ subLocalCode: "DR-1", kind: "deposit", postedOn: "2026-01-06", amountCents: 500, description: "d", recordedBy: "t" }], NOW)).rejects.toThrow(LedgerDriftError);
    expect(await entriesBetween(data(store), a.id, "2026-01-01", "2026-12-31")).toHaveLength(1);
  });

  it("entries are never changed or deleted", async () => {
    await postEntries(store, [{ subLocalCode: "AO-1", kind: "deposit", postedOn: "2026-02-01", amountCents: 700, description: "d", externalRef: "AO-1:1", recordedBy: "t" }], NOW);
    await expect(data(store).run(`UPDATE "RebateEntry" SET "amountCents" = 1 WHERE "externalRef" = 'AO-1:1'`)).rejects.toThrow(/never changed/);
    await expect(data(store).run(`DELETE FROM "RebateEntry" WHERE "externalRef" = 'AO-1:1'`)).rejects.toThrow(/never deleted/);
    expect((await sumBefore(data(store), (await accountByCode(data(store), "AO-1"))!.id, "2027-01-01"))).toBe(700);
  });

  it("amounts must be integer cents", async () => {
    await expect(postEntries(store, [{ subLocalCode: "IC-1", kind: "deposit", postedOn: "2026-02-01", amountCents: 10.5, description: "d", recordedBy: "t" }], NOW)).rejects.toThrow(/integer cents/);
  });
});

describe("amounts and periods as people write them", () => {
  it.each([
    ["1,234.56", 123456],
    ["$1,234.56", 123456],
    ["(45.00)", -4500],
    ["-45.00", -4500],
    ["45", 4500],
    ["45.5", 4550],
    ["0.07", 7],
    ["12,345,678.90", 1234567890],
  ])("%s → %i cents", (raw, cents) => expect(parseAmount(raw)).toBe(cents));

  it.each(["", "12..3", "1,23.00", "45.001", "(-45.00)", "abc", "1.2.3", "--5", "1e5"])("%j is not an amount", (raw) => expect(parseAmount(raw)).toBeNull());

  it("periods", () => {
    expect(parsePeriod("2026-10")).toEqual({ from: "2026-10-01", to: "2026-10-31", label: "2026-10" });
    expect(parsePeriod("2024-02")!.to).toBe("2024-02-29");
    expect(parsePeriod("2026-Q3")).toEqual({ from: "2026-07-01", to: "2026-09-30", label: "2026-Q3" });
    expect(parsePeriod("2026")).toEqual({ from: "2026-01-01", to: "2026-12-31", label: "2026" });
    expect(parsePeriod("07/01/2026 09/30/2026")).toMatchObject({ from: "2026-07-01", to: "2026-09-30" });
    expect(parsePeriod("2026-07-01 to 2026-09-30")).toMatchObject({ from: "2026-07-01", to: "2026-09-30" });
    for (const bad of ["2026-13", "2026-Q0", "2026-02-30 2026-03-01", "2026-09-30 2026-07-01", "soon"]) expect(parsePeriod(bad)).toBeNull();
  });
});

describe("statement CSV", () => {
  it("amounts stay numbers; text a spreadsheet would run as a formula is defused", async () => {
    const { statementCsv } = await import("../../commands/rebate/statement-doc.ts");
    const { createFormatter } = await import("../../commands/core/format.ts");
    const { createTranslator } = await import("../../commands/core/i18n.ts");
    const { en } = await import("../../commands/rebate/locales/en.ts");
    await postEntries(store, [{ subLocalCode: "CSV-1", kind: "reimbursement", postedOn: "2026-03-02", amountCents: -4_500, description: "=HYPERLINK(\"http://x\",\"y\")", externalRef: "CSV-1:1", recordedBy: "t" }], NOW, { allowNegative: true });
    const account = (await accountByCode(data(store), "CSV-1"))!;
    const period = parsePeriod("2026-03")!;
    const v = { store, t: createTranslator([{ en }]).forLocale("en"), fmt: createFormatter("en"), clock: { now: () => NOW } };
    const figures = statementFigures((await sumBefore(data(store), account.id, period.from)), (await entriesBetween(data(store), account.id, period.from, period.to)));
    const csv = statementCsv(v, { id: 1, sl: { code: "CSV-1", name: "x", employerGroup: null, region: null }, period, figures, issuedAt: NOW, requestedBy: "a", approvedBy: "b" });
    expect(csv).toContain(`Expense reimbursement,"'=HYPERLINK(""http://x"",""y"")",CSV-1:1,,-45.00,-45.00\r\n`);
  });
});
