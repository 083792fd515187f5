// The ledger's own rules at their exact edges, whatever door posts (import, approval, correction):
// nothing before 2000-01-01, nothing after today, nothing on or before the last day an issued
// statement closed, no balance below zero unless allowed; a refusal names why and writes nothing.
// Corrections name the entry they correct; the demo ledger seeds once.
import { createFormatter } from "../../commands/core/format.ts";
import { createTranslator } from "../../commands/core/i18n.ts";
import { refusalVars } from "../../commands/rebate/dispute.ts";
import { rebateFeature } from "../../commands/rebate/index.ts";
import { data } from "../../db/data.ts";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoLedger, seedDemoLedger } from "../../db/rebate-demo.ts";
import {
  accountByCode,
  balancesOf,
  closedThrough,
  correctionsOf,
  ensureAccount,
  entryByRef,
  existingRefs,
  lastEntriesOfKind,
  postEntries,
  PostingRefusedError,
  setAutoStatement,
  totalsByKind,
  type NewEntry,
} from "../../db/rebate.ts";
import { createStatement } from "../../db/rebate-requests.ts";
import { openStore, type Store } from "../../db/store.ts";

let store: Store;
beforeAll(async () => {
  store = await openStore(`file:${path.join(fs.mkdtempSync(path.join(os.tmpdir(), "uh-ledger-rules-")), "x.db")}`);
});
afterAll(async () => store?.close());

const NOW = new Date("2026-11-23T17:00:00Z");
const TODAY = "2026-11-23";
let n = 0;
/** A fresh account code, so each test starts from an empty account. */
const fresh = () => `LR-${++n}`;
const e = (code: string, postedOn: string, amountCents: number, more: Partial<NewEntry> = {}): NewEntry => ({ subLocalCode: code, kind: amountCents < 0 ? "transfer" : "deposit", postedOn, amountCents, description: "test", recordedBy: "test", ...more });
const count = async (code: string) => (await accountByCode(data(store), code))?.entryCount ?? 0;

async function refusal(posting: Promise<unknown>): Promise<PostingRefusedError> {
  try {
    await posting;
  } catch (err) {
    if (err instanceof PostingRefusedError) return err;
    throw err;
  }
  throw new Error("not refused");
}

describe("what the ledger refuses, at the edge", () => {
  it("the first posting day is 1 January 2000: the day before is refused naming it, nothing of the posting is written", async () => {
    const code = fresh();
    const r = await refusal(postEntries(store, [e(code, "2000-01-01", 100), e(code, "1999-12-31", 100)], NOW));
    expect(r).toMatchObject({ index: 1, subLocalCode: code, refusal: { code: "tooEarly", postedOn: "1999-12-31" } });
    expect(r.message).toBe(`entry 1 for ${code} refused: tooEarly`);
    expect(await count(code)).toBe(0);
    expect(await postEntries(store, [e(code, "2000-01-01", 100)], NOW)).toHaveLength(1);
  });

  it("nothing after today: today's entry is accepted, tomorrow's refused with both days; without a today, any date", async () => {
    const code = fresh();
    expect((await refusal(postEntries(store, [e(code, "2026-11-24", 100)], NOW, { today: TODAY }))).refusal).toEqual({ code: "future", postedOn: "2026-11-24", today: TODAY });
    await postEntries(store, [e(code, TODAY, 100)], NOW, { today: TODAY });
    await postEntries(store, [e(code, "2026-12-31", 100)], NOW);
    expect(await count(code)).toBe(2);
  });

  it("a period an issued statement closed: its last day refused naming the statement, the next day accepted; the latest closing counts", async () => {
    const code = fresh();
    await postEntries(store, [e(code, "2026-08-01", 10_000)], NOW);
    const account = (await accountByCode(data(store), code))!.id;
    expect(await closedThrough(data(store), account)).toBeUndefined();
    const q3 = await createStatement(store, { accountId: account, requesterId: null, fromDate: "2026-07-01", toDate: "2026-09-30", status: "automatic" }, NOW, TODAY);
    const july = await createStatement(store, { accountId: account, requesterId: null, fromDate: "2026-07-01", toDate: "2026-07-31", status: "automatic" }, NOW, TODAY);
    expect(july).not.toBe(q3);
    expect(await closedThrough(data(store), account)).toEqual({ statementId: q3, closesThrough: "2026-09-30" });
    expect((await refusal(postEntries(store, [e(code, "2026-09-30", 100)], NOW))).refusal).toEqual({ code: "closed", postedOn: "2026-09-30", closesThrough: "2026-09-30", statementId: q3 });
    await postEntries(store, [e(code, "2026-10-01", 100)], NOW);
    expect(await count(code)).toBe(2);
  });

  it("a statement of the running month closes through yesterday, so today's postings go on", async () => {
    const code = fresh();
    const account = (await ensureAccount(data(store), code, NOW)).id;
    await createStatement(store, { accountId: account, requesterId: null, fromDate: "2026-11-01", toDate: "2026-11-30", status: "automatic" }, NOW, TODAY);
    expect((await closedThrough(data(store), account))?.closesThrough).toBe("2026-11-22");
    await postEntries(store, [e(code, TODAY, 100)], NOW, { today: TODAY });
    // A statement from yesterday on closes yesterday; one of today alone closes nothing.
    const fromYesterday = (await ensureAccount(data(store), fresh(), NOW)).id;
    await createStatement(store, { accountId: fromYesterday, requesterId: null, fromDate: "2026-11-22", toDate: "2026-11-30", status: "automatic" }, NOW, TODAY);
    expect((await closedThrough(data(store), fromYesterday))?.closesThrough).toBe("2026-11-22");
    const other = (await ensureAccount(data(store), fresh(), NOW)).id;
    await createStatement(store, { accountId: other, requesterId: null, fromDate: TODAY, toDate: TODAY, status: "automatic" }, NOW, TODAY);
    expect(await closedThrough(data(store), other)).toBeUndefined();
  });

  it("below zero only when allowed: the refusal names the balance it would leave; to exactly zero is fine", async () => {
    const code = fresh();
    await postEntries(store, [e(code, "2026-11-01", 500)], NOW);
    expect((await refusal(postEntries(store, [e(code, "2026-11-02", -501)], NOW))).refusal).toEqual({ code: "negative", balanceCents: -1 });
    expect((await accountByCode(data(store), code))!.balanceCents).toBe(500);
    await postEntries(store, [e(code, "2026-11-02", -501)], NOW, { allowNegative: true });
    expect((await accountByCode(data(store), code))!.balanceCents).toBe(-1);
    await postEntries(store, [e(code, "2026-11-03", 1)], NOW);
    const other = fresh();
    await postEntries(store, [e(other, "2026-11-01", 500), e(other, "2026-11-02", -500)], NOW);
    expect((await accountByCode(data(store), other))!.balanceCents).toBe(0);
  });
});

describe("corrections and references", () => {
  it("a correction names its entry by reference, earlier in the same posting or already in the ledger; an unknown reference is refused", async () => {
    const code = fresh();
    const [first] = await postEntries(store, [e(code, "2026-11-01", 1_000, { externalRef: `${code}:a` }), e(code, "2026-11-02", -100, { kind: "adjustment", correctsRef: `${code}:a`, externalRef: `${code}:b` })], NOW);
    await postEntries(store, [e(code, "2026-11-03", -50, { kind: "adjustment", correctsRef: `${code}:a` })], NOW);
    expect((await correctionsOf(data(store), first!)).map((x) => x.amountCents)).toEqual([-100, -50]);
    await expect(postEntries(store, [e(code, "2026-11-04", -1, { kind: "adjustment", correctsRef: "nowhere" })], NOW)).rejects.toThrow(/no entry with reference nowhere to correct/);
    expect((await entryByRef(data(store), `${code}:b`))?.correctsId).toBe(first);
    expect(await existingRefs(data(store), [`${code}:a`, "nowhere", `${code}:b`])).toEqual(new Set([`${code}:a`, `${code}:b`]));
  });

  it("a long posting reports its progress every 500 entries and once at the end", async () => {
    const code = fresh();
    const seen: number[] = [];
    (await postEntries(store, Array.from({ length: 1001 }, (_, i) => e(code, "2026-11-01", i + 1)), NOW, { onProgress: (d) => seen.push(d) }));
    expect(seen).toEqual([500, 1000, 1001]);
  });
});

describe("figures read back", () => {
  it("totals by kind name only the kinds with entries; the last deposits newest first; balances of accounts that exist", async () => {
    const code = fresh();
    await postEntries(store, [e(code, "2026-01-10", 300), e(code, "2026-03-10", 200), e(code, "2026-02-10", -50, { kind: "reimbursement" }), e(code, "2025-12-31", 999)], NOW);
    const account = (await accountByCode(data(store), code))!.id;
    expect(await totalsByKind(data(store), account, "2026-01-01", "2026-12-31")).toEqual({ deposit: 500, reimbursement: -50 });
    expect((await lastEntriesOfKind(data(store), account, "deposit", 2)).map((x) => x.postedOn)).toEqual(["2026-03-10", "2026-01-10"]);
    expect(await balancesOf(data(store), [code, "NO-1"])).toEqual(new Map([[code, 1449]]));
  });

  it("a sub-local's automatic monthly statement is a flag on its account, on and off", async () => {
    const a = await ensureAccount(data(store), fresh(), NOW);
    expect(a.autoStatement).toBe(0);
    await setAutoStatement(data(store), a.id, true);
    expect((await accountByCode(data(store), a.subLocalCode))!.autoStatement).toBe(1);
    await setAutoStatement(data(store), a.id, false);
    expect((await accountByCode(data(store), a.subLocalCode))!.autoStatement).toBe(0);
  });

  it("the demo ledger seeds once: a second seeding adds nothing", async () => {
    const codes = [fresh(), fresh()];
    expect(await seedDemoLedger(store, codes, NOW)).toBe(demoLedger(codes).length);
    expect(await seedDemoLedger(store, codes, NOW)).toBe(0);
  });
});

describe("ledger refusals in words", () => {
  it("every refusal reads in every language with its figures, the promised money included", () => {
    const translator = createTranslator([rebateFeature.strings]);
    const refusals: PostingRefusedError["refusal"][] = [
      { code: "closed", postedOn: "2026-09-30", closesThrough: "2026-09-30", statementId: 7 },
      { code: "future", postedOn: "2026-11-24", today: TODAY },
      { code: "negative", balanceCents: -1 },
      { code: "promised", balanceCents: 99_999, promisedCents: 100_000 },
      { code: "tooEarly", postedOn: "1999-12-31" },
    ];
    for (const locale of ["en", "es", "vi", "zh-Hans", "ru"]) {
      const t = translator.forLocale(locale);
      const fmt = createFormatter(locale);
      for (const refusal of refusals) {
        const words = t(`rebate.posting.${refusal.code}`, refusalVars({ fmt }, new PostingRefusedError(0, "SL-1", refusal)));
        expect(words, `${locale} ${refusal.code}`).not.toMatch(/rebate\.posting|\{\{/);
        // Its own language, not English standing in for a missing string.
        if (locale !== "en") expect(words, `${locale} ${refusal.code}`).not.toBe(translator.forLocale("en")(`rebate.posting.${refusal.code}`, refusalVars({ fmt }, new PostingRefusedError(0, "SL-1", refusal))));
        if (refusal.code === "promised") for (const cents of [99_999, 100_000]) expect(words).toContain(fmt.money(cents));
      }
    }
  });
});
