// The disclosure rule, piece by piece (pure: no database), and a property test over the tables the
// doors hand it: series of months with rows (event turnout), rows split into two (training),
// grievance figures with all their breakdowns. No combination of released figures pins a hidden count.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { releaseFigures } from "../../commands/core/disclosure-grievances.ts";
import {
  BASE,
  byReleased,
  countFor,
  countText,
  firstExposed,
  hiddenRange,
  isWithheld,
  MIN_GROUP,
  poolPlan,
  possible,
  protectNamed,
  protectSeries,
  protectTable,
  release,
  releaseChange,
  releasedAudit,
  releasedCsv,
  releasedNumber,
  releasedText,
  releaseRate,
  seriesKey,
  THRESHOLD,
  WITHHELD,
  type Released,
} from "../../commands/core/disclosure.ts";
import { aggregate } from "../../commands/grievance/report.ts";
import type { ReportTuple } from "../../db/grievances-report.ts";

const t = (k: string) => ({ "core.disclosure.fewer": "fewer than 5", "core.disclosure.withheld": "not shown" })[k] ?? k;
const fmt = { number: (n: number) => `#${n}` };

describe("one count", () => {
  it("0 shows, 1 to 4 hide, the rest round to the nearest 5", () => {
    expect([THRESHOLD, BASE, MIN_GROUP]).toEqual([5, 5, 10]);
    expect([-3, 0, 1, 2, 3, 4, 5, 6, 7, 8, 12, 13, 29, NaN, Infinity].map(release)).toEqual([0, 0, null, null, null, null, 5, 5, 5, 10, 10, 15, 30, 0, 0]);
  });

  it("reads as words or a number, the same in chat, CSV and the audit", () => {
    expect(releasedText(null, t, fmt)).toBe("fewer than 5");
    expect(releasedText(WITHHELD, t, fmt)).toBe("not shown");
    expect(releasedText(10, t, fmt)).toBe("#10");
    expect(countText(3, t, fmt)).toBe("fewer than 5");
    expect(countText(11, t, fmt)).toBe("#10");
    expect(releasedCsv(null, t)).toBe("fewer than 5");
    expect(releasedCsv(WITHHELD, t)).toBe("not shown");
    expect(releasedCsv(15, t)).toBe(15);
    expect(releasedAudit(null)).toBe("fewer than 5");
    expect(releasedAudit(WITHHELD)).toBe("withheld");
    expect(releasedAudit(0)).toBe(0);
    expect(releasedNumber(5)).toBe(5);
    expect(releasedNumber(0)).toBe(0);
    expect(releasedNumber(null)).toBeNull();
    expect(releasedNumber(WITHHELD)).toBeNull();
    expect(isWithheld(WITHHELD)).toBe(true);
    expect([null, 0, 5, {}, { withheld: false }].map(isWithheld)).toEqual([false, false, false, false, false]);
  });

  it("rates and changes come from released figures only", () => {
    expect(releaseRate(10, 20)).toBe(0.5);
    expect(releaseRate(3, 20)).toBeNull();
    expect(releaseRate(18, 20)).toBeNull(); // the rest, 2, would show
    expect(releaseRate(10, 0)).toBeNull();
    expect(releaseRate(0, 10)).toBe(0);
    expect(releaseRate(20, 19)).toBe(1);
    expect(releaseRate(12, 13)).toBeNull();
    expect(releaseChange(30, 20)).toBe(10);
    expect(releaseChange(null, 20)).toBeNull();
    expect(releaseChange(20, WITHHELD)).toBeNull();
    expect(releaseChange(0, 0)).toBe(0);
  });

  it("what an attacker knows each figure to be", () => {
    expect(possible(null)).toEqual([1, 4]);
    expect(possible(WITHHELD)).toEqual([0, Infinity]);
    expect(possible(0)).toEqual([0, 0]);
    expect(possible(5)).toEqual([5, 7]);
    expect(possible(10)).toEqual([8, 12]);
  });
});

describe("a table", () => {
  it("a hidden cell's range from the total and its sisters", () => {
    const r = { total: 20 as Released, breakdowns: [[null, 10, 10]] as Released[][] };
    expect(hiddenRange(r, 0, 0)).toEqual([1, 4]);
    expect(hiddenRange({ total: 5, breakdowns: [[null, 5]] }, 0, 0)).toEqual([1, 2]);
    expect(firstExposed({ total: 5, breakdowns: [[null, 5]] })).toEqual({ b: 0, i: 0 });
    // Total 8..12, but 5 + 5 says 10..14: so 10..12, and the hidden cell beside a 5 is 3 or 4.
    expect(firstExposed({ total: 10, breakdowns: [[5, 5], [null, 5]] })).toEqual({ b: 1, i: 0 });
    expect(hiddenRange({ total: 10, breakdowns: [[5, 5], [null, 5]] }, 1, 0)).toEqual([3, 4]);
    expect(firstExposed({ total: 10, breakdowns: [[5, 5], [null, 10]] })).toBeNull();
    expect(firstExposed({ total: WITHHELD, breakdowns: [[null, 10]] })).toBeNull();
    expect(firstExposed({ total: 10, breakdowns: [[10, 0]] })).toBeNull();
    expect(hiddenRange({ total: WITHHELD, breakdowns: [[null, WITHHELD]] }, 0, 0)).toEqual([1, 4]);
    // Another breakdown narrows the total, and through it the hidden cell.
    expect(hiddenRange({ total: WITHHELD, breakdowns: [[null, 5], [5, 0]] }, 0, 0)).toEqual([1, 2]);
  });

  it("withholds the total first, then the narrowest breakdown that still pins a cell", () => {
    expect(protectTable({ total: 6, breakdowns: [[1, 5]] })).toEqual({ total: WITHHELD, breakdowns: [[null, 5]] });
    // Two breakdowns each pin the other's hidden cell once the total is gone: one goes.
    const two = protectTable({ total: 6, breakdowns: [[1, 5], [6, 0]] });
    expect(two.total).toEqual(WITHHELD);
    expect(two.breakdowns[0]).toEqual([null, 5]);
    expect(two.breakdowns[1]).toEqual([WITHHELD, WITHHELD]);
    expect(firstExposed(two)).toBeNull();
    // A published total is kept; the breakdown goes instead.
    expect(protectTable({ total: 6, breakdowns: [[1, 5]], fixedTotal: 5 })).toEqual({ total: 5, breakdowns: [[WITHHELD, WITHHELD]] });
    // A fixed breakdown is never touched.
    const fixed = protectTable({ total: 6, breakdowns: [[1, 5]], fixed: [[null, 5]] });
    expect(fixed.breakdowns[0]).toEqual([null, 5]);
    expect(fixed.total).toEqual(WITHHELD);
    // Nothing to protect: all as released.
    expect(protectTable({ total: 20, breakdowns: [[10, 10]] })).toEqual({ total: 20, breakdowns: [[10, 10]] });
    expect(protectTable({ total: 3, breakdowns: [] })).toEqual({ total: null, breakdowns: [] });
  });

  it("when only fixed figures remain and they pin a cell, every changeable breakdown is withheld", () => {
    const r = protectTable({ total: 6, breakdowns: [[1, 5], [3, 3]], fixedTotal: 5, fixed: [[null, 5], undefined] });
    expect(r.breakdowns[0]).toEqual([null, 5]);
    expect(r.breakdowns[1]).toEqual([WITHHELD, WITHHELD]);
  });

  it("named tables keep their keys; cells order by released figure, hidden ones by key", () => {
    const r = protectNamed({ total: 30, breakdowns: { cat: [["pay", 2], ["discipline", 27], ["safety", 1]], status: [["open", 1], ["closed", 29]] } });
    expect(r.breakdowns.cat!.map(([k]) => k)).toEqual(["pay", "discipline", "safety"]);
    expect(byReleased(r.breakdowns.cat!)).toEqual([["discipline", expect.anything()], ["pay", null], ["safety", null]]);
    expect(byReleased([["b", 5], ["a", 5], ["c", 0], ["d", WITHHELD], ["e", null]] as [string, Released][])).toEqual([["a", 5], ["b", 5], ["e", null], ["c", 0], ["d", WITHHELD]]);
    expect(byReleased([["z", null], ["y", null]] as [string, Released][])).toEqual([["y", null], ["z", null]]);
    const fixed = protectNamed({ total: 7, breakdowns: { month: [["a", 2], ["b", 5]] }, fixed: { month: [null, 5] }, fixedTotal: 5 });
    expect(fixed).toEqual({ total: 5, breakdowns: { month: [["a", null], ["b", 5]] } });
  });
});

describe("a series of periods", () => {
  it("releases each period's rows, its total, and the whole", () => {
    const s = protectSeries([
      { period: "2026-10", key: "a", n: 12 },
      { period: "2026-10", key: "b", n: 2 },
      { period: "2026-11", key: "a", n: 3 },
      { period: "2026-09", key: "a", n: 20 },
      { period: "2026-09", key: "a", n: 1 },
    ]);
    expect(s.cells.get(seriesKey("2026-10", "b"))).toBeNull();
    expect(s.periods.get("2026-11")).toBeNull();
    expect(s.cells.get(seriesKey("2026-11", "a"))).toBeNull();
    // The same row twice in a period is one row.
    expect(s.cells.get(seriesKey("2026-09", "a"))).toBe(20);
    expect(s.periods.get("2026-09")).toBe(20);
    expect([...s.periods.keys()]).toEqual(["2026-09", "2026-10", "2026-11"]);
    expect(s.total).toBe(40);
    expect(seriesKey("x", "y")).toBe("x\u0000y");
    expect(protectSeries([]).total).toBe(0);
  });
});

describe("pooling", () => {
  it("pools the small places with the next smallest until the pool is big enough", () => {
    expect(poolPlan(new Map([["a", 50], ["b", 20]]))).toEqual({ shown: ["a", "b"], pooled: [] });
    expect(poolPlan(new Map([["a", 50], ["b", 3], ["c", 20]]))).toEqual({ shown: ["a"], pooled: ["b", "c"] });
    expect(poolPlan(new Map([["a", 50], ["b", 6], ["c", 4], ["d", 30]]))).toEqual({ shown: ["a", "d"], pooled: ["c", "b"] });
    expect(poolPlan(new Map([["b", 5], ["a", 5]]))).toEqual({ shown: [], pooled: ["a", "b"] });
    expect(poolPlan(new Map([["a", 3]]))).toEqual({ shown: [], pooled: ["a"] });
    expect(poolPlan(new Map([["a", 9], ["b", 10]]))).toEqual({ shown: [], pooled: ["a", "b"] });
    expect(poolPlan(new Map())).toEqual({ shown: [], pooled: [] });
  });
});

describe("grievance figures as every door releases them", () => {
  const row = (m: string, cat: string, emp: string, status: string, days: number | null): ReportTuple => [m, cat, emp, "21.1", 1, status, status === "closed" ? "settled" : null, days];

  it("29 filed, 1 open, 2 about pay: nothing pins the small ones; top issues without counts; no median of few", () => {
    const rows = Array.from({ length: 29 }, (_, i) => row("2026-10", i < 27 ? "discipline" : "pay", "DHS", i === 0 ? "open" : "closed", 3));
    const r = releaseFigures(aggregate(rows, "2026-10-01", "2026-10-31"));
    expect(r.open).toBeNull();
    expect(r.byCategory.find(([k]) => k === "pay")![1] === null || isWithheld(r.byCategory.find(([k]) => k === "pay")![1])).toBe(true);
    expect(r.byStep).toHaveLength(5);
    const clean = releaseFigures(aggregate(Array.from({ length: 10 }, () => row("2026-10", "pay", "DHS", "closed", 2)), "2026-10-01", "2026-10-31"));
    expect(clean.byStep).toEqual([0, 10, 0, 0, 0]);
    expect(clean.filed).toBe(10);
    expect(clean.byOutcome).toEqual([["settled", 10]]);
    expect(r.byMonth).toEqual([{ month: "2026-10", filed: r.filed, closed: r.closed }]);
    expect(r.medianDaysToResolve).toBe(3);
    expect(r.topIssuesByEmployer).toEqual([{ employer: "DHS", issues: [{ category: "discipline", article: "21.1" }] }]);
    const few = releaseFigures(aggregate([row("2026-10", "pay", "DHS", "closed", 4), row("2026-10", "pay", "DHS", "closed", 8)], "2026-10-01", "2026-10-31"));
    expect(few.medianDaysToResolve).toBeNull();
    expect(few.topIssuesByEmployer).toEqual([]);
    expect([few.from, few.to]).toEqual(["2026-10-01", "2026-10-31"]);
  });

  it("a run of months keeps each month as published on its own", () => {
    const rows = [...Array.from({ length: 12 }, () => row("2026-09", "pay", "DHS", "closed", 1)), ...Array.from({ length: 2 }, () => row("2026-10", "pay", "DHS", "closed", 1))];
    const months = [{ month: "2026-09", filed: 10 as Released, closed: 10 as Released }, { month: "2026-10", filed: null, closed: null }];
    const r = releaseFigures(aggregate(rows, "2026-09-01", "2026-10-31"), months);
    expect(r.byMonth).toEqual(months);
    // 14 would round to 15; with September 10 (8..12) and October 1..4 shown, 15 narrows nothing below "1 to 4"? It must not.
    const [lo, hi] = possible(r.filed);
    expect(lo - 12 <= 1 && hi - 8 >= 4).toBe(true);
  });
});

/** Brute force over small tables: every hidden cell stays any of 1..4 given all released figures. */
function assertNothingPinned(total: number, breakdowns: number[][], rel: { total: Released; breakdowns: Released[][] }) {
  // For each hidden cell, every value 1..4 must be consistent with some assignment of the others.
  rel.breakdowns.forEach((br, b) =>
    br.forEach((r, i) => {
      if (r !== null) return;
      const [lo, hi] = hiddenRange(rel, b, i);
      expect(lo <= 1 && hi >= 4, JSON.stringify({ total, breakdowns, rel })).toBe(true);
    }),
  );
}

describe("property: the doors' tables never pin a hidden count", () => {
  it("event turnout series: months of rows", () => {
    const cell = fc.record({ period: fc.constantFrom("2026-01", "2026-02", "2026-03"), key: fc.constantFrom("a", "b", "c"), n: fc.integer({ min: 0, max: 14 }) });
    fc.assert(
      fc.property(fc.array(cell, { maxLength: 9 }), (cells) => {
        const s = protectSeries(cells);
        const periods = [...s.periods.keys()];
        for (const p of periods) {
          const keys = [...new Set(cells.filter((c) => c.period === p).map((c) => c.key))];
          if (keys.length > 1) assertNothingPinned(0, [], { total: s.periods.get(p)!, breakdowns: [keys.map((k) => s.cells.get(seriesKey(p, k))!)] });
        }
        assertNothingPinned(0, [], { total: s.total, breakdowns: [periods.map((p) => s.periods.get(p)!)] });
      }),
      { numRuns: 200 },
    );
  });

  it("training rows: people split into completed and not", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 30 }), (a, b) => {
        const people = Math.max(a, b);
        const done = Math.min(a, b);
        const r = protectNamed({ total: people, breakdowns: { s: [["done", done], ["not", people - done]] } });
        assertNothingPinned(people, [], { total: r.total, breakdowns: [r.breakdowns.s!.map(([, v]) => v)] });
      }),
      { numRuns: 300 },
    );
  });

  it("grievance months: every breakdown at once", () => {
    const tuple = fc.tuple(fc.constantFrom("pay", "discipline", "safety"), fc.constantFrom("DHS", "ODOT"), fc.constantFrom("open", "closed"));
    fc.assert(
      fc.property(fc.array(tuple, { maxLength: 16 }), (cases) => {
        const f = aggregate(cases.map(([c, e, s]) => row2(c, e, s)), "2026-10-01", "2026-10-31");
        const r = releaseFigures(f);
        const brs = [[r.open, r.closed], r.byCategory.map(([, v]) => v), r.byEmployer.map(([, v]) => v), r.byStep, r.byOutcome.map(([, v]) => v)];
        assertNothingPinned(f.total, [], { total: r.filed, breakdowns: brs });
      }),
      { numRuns: 200 },
    );
  });
});

function row2(cat: string, emp: string, status: string): ReportTuple {
  return ["2026-10", cat, emp, "21.1", 1, status, status === "closed" ? "settled" : null, status === "closed" ? 2 : null];
}

describe("countFor: a list's count for one reader", () => {
  it("is exact for who may see the list, released for everyone else", () => {
    for (const n of [0, 1, 2, 3, 4, 5, 7, 12, 13]) {
      expect(countFor(n, true), `${n} seen`).toBe(n);
      expect(countFor(n, false), `${n} not seen`).toBe(release(n));
    }
    expect(countFor(3, false)).toBeNull();
    expect(countFor(12, false)).toBe(10);
  });

  it("never reads as a negative, fractional or endless count, even to who may see the list", () => {
    expect(countFor(-2, true)).toBe(0);
    expect(countFor(Number.NaN, true)).toBe(0);
    expect(countFor(Infinity, true)).toBe(0);
    expect(countFor(2.5, true)).toBe(2);
  });
});
