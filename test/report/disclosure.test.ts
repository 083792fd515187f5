// The one disclosure rule: the exact leaks found by testers, and a property test that brute-forces
// every population consistent with what a table releases.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { hiddenRange, isWithheld, poolPlan, possible, protectTable, release, releaseChange, releasedAudit, type Released } from "../../commands/core/disclosure.ts";

const fewerIsWhole = (r: readonly [number, number]) => r[0] <= 1 && r[1] >= 4;

describe("the leaks testers found", () => {
  it("Filed 29 · open fewer than 5 · resolved 28 no longer gives 1 open", () => {
    const t = protectTable({ total: 29, breakdowns: [[1, 28]] });
    expect(t.total).toBe(30);
    expect(t.breakdowns[0]).toEqual([null, 30]);
    expect(fewerIsWhole(hiddenRange(t, 0, 0))).toBe(true);
  });

  it("a total minus the shown categories does not give the hidden one", () => {
    const t = protectTable({ total: 20, breakdowns: [[2, 9, 9]] });
    expect(t.breakdowns[0]![0]).toBeNull();
    expect(fewerIsWhole(hiddenRange(t, 0, 0))).toBe(true);
    // Without rounding 20 − 9 − 9 = 2 exactly; after it the total alone would narrow it, so it is withheld.
    const tight = protectTable({ total: 7, breakdowns: [[1, 1, 5]] });
    expect(tight.breakdowns[0]!.slice(0, 2)).toEqual([null, null]);
    expect(isWithheld(tight.total)).toBe(true);
  });

  it("Q1 7, March 5, February 0 does not give January 2", () => {
    const months = [2, 0, 5].map((n) => protectTable({ total: n, breakdowns: [] }).total);
    expect(months).toEqual([null, 0, 5]);
    const q1 = protectTable({ total: 7, breakdowns: [[2, 0, 5]], fixed: [months] });
    const jan = hiddenRange(q1, 0, 0);
    expect(fewerIsWhole(jan)).toBe(true);
  });

  it("adjacent months of a growth series cannot be differenced into the joins", () => {
    // 100 members in October, 102 in November: 2 joined.
    expect(releaseChange(release(102), release(100))).toBe(0);
    expect(release(2)).toBeNull();
  });

  it("the same small places are pooled the same way whatever the report counts", () => {
    const sizes = new Map([["SL-1", 40], ["SL-2", 3], ["SL-3", 4], ["SL-4", 70]]);
    // The two small sub-locals hold 7 people together: the next-smallest joins them.
    expect(poolPlan(sizes)).toEqual({ shown: ["SL-4"], pooled: ["SL-2", "SL-3", "SL-1"] });
    // Pooling depends on place sizes only, not on which count a report shows.
    expect(poolPlan(new Map([...sizes].reverse()))).toEqual(poolPlan(sizes));
  });

  it("audits what was released, never a hidden count", () => {
    expect(releasedAudit(release(3))).toBe("fewer than 5");
    expect(releasedAudit(release(29))).toBe(30);
  });
});

/** Brute force: every population of the table's cells (0..MAX) consistent with what was released. */
const MAX = 14;
function consistent(r: Released, n: number): boolean {
  const [lo, hi] = possible(r);
  return n >= lo && n <= hi;
}
function combos(len: number): number[][] {
  if (len === 0) return [[]];
  const rest = combos(len - 1);
  const out: number[][] = [];
  for (let v = 0; v <= MAX; v++) for (const r of rest) out.push([v, ...r]);
  return out;
}

describe("no combination of released figures pins a hidden count", () => {
  it("holds for any small table with two breakdowns", () => {
    const cells = fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 1, maxLength: 3 });
    fc.assert(
      fc.property(cells, cells, (a, bRaw) => {
        const total = a.reduce((x, y) => x + y, 0);
        // A second breakdown of the same total.
        const b = [...bRaw];
        const bs = b.reduce((x, y) => x + y, 0);
        if (bs > total) return true;
        b.push(total - bs);
        if (b.some((v) => v > 9)) return true;
        const rel = protectTable({ total, breakdowns: [a, b] });
        // Sums each breakdown can reach with cells consistent with its released values.
        const reach = (brk: Released[]) => {
          const sums = new Map<number, Set<number>[]>();
          for (const c of combos(brk.length)) {
            if (!c.every((v, i) => consistent(brk[i]!, v))) continue;
            const s = c.reduce((x, y) => x + y, 0);
            if (!consistent(rel.total, s)) continue;
            const per = sums.get(s) ?? brk.map(() => new Set<number>());
            c.forEach((v, i) => per[i]!.add(v));
            sums.set(s, per);
          }
          return sums;
        };
        const ra = reach(rel.breakdowns[0]!);
        const rb = reach(rel.breakdowns[1]!);
        for (const [brk, mine, other] of [[rel.breakdowns[0]!, ra, rb], [rel.breakdowns[1]!, rb, ra]] as const)
          brk.forEach((r, i) => {
            if (r !== null) return;
            const values = new Set<number>();
            for (const [s, per] of mine) if (other.has(s)) for (const v of per[i]!) values.add(v);
            for (const v of [1, 2, 3, 4]) expect(values.has(v), `hidden cell narrowed: ${JSON.stringify({ a, b, rel })}`).toBe(true);
          });
        return true;
      }),
      { numRuns: 150 },
    );
  });
});
