// The report catalogue's view of disclosure control: every figure goes through the one rule in
// commands/core/disclosure.ts (suppression below 5, rounding to base 5, an audit of each table,
// one pooling rule). Nothing here decides anything of its own.
import { countText, poolPlan, release, releaseRate, THRESHOLD } from "../core/disclosure.ts";

export const MIN_CELL = THRESHOLD;

/** True when a count is published as a number (0 or at least 5). */
export const safeCount = (n: number): boolean => release(n) !== null;

/** The released count, or null when it reads "fewer than 5". */
export const shown = release;

/** part / whole from released figures, or null when either part could single out fewer than 5 people. */
export const safeRate = releaseRate;

export { countText };

export interface Pooled<R> {
  /** Rows shown one by one, in the order given. */
  rows: { key: string; counts: R }[];
  /** The combined row, and how many groups went into it; null when no place is small. */
  pool: { counts: R; groups: number } | null;
}

/**
 * Splits rows into those shown one by one and one pooled row, by the one pooling rule (each
 * place's size only), so every report of a scope pools the same places. `size` is the number of
 * people the place holds, the same measure in every report.
 */
export function poolSmallRows<R extends Record<string, number>>(rows: { key: string; counts: R }[], fields: readonly (keyof R)[], size: (r: R) => number): Pooled<R> {
  // Only places that hold people now take part: a place emptied since the last period (listed
  // by one report for its change, left out by another) must not change which places are pooled.
  const plan = poolPlan(new Map(rows.filter((r) => size(r.counts) > 0).map((r) => [r.key, size(r.counts)])));
  if (plan.pooled.length === 0) return { rows, pool: null };
  const inPool = new Set(plan.pooled);
  const counts = {} as R;
  for (const f of fields) (counts as Record<string, number>)[f as string] = 0;
  for (const r of rows) if (inPool.has(r.key)) for (const f of fields) (counts as Record<string, number>)[f as string]! += r.counts[f]!;
  return { rows: rows.filter((r) => !inPool.has(r.key)), pool: { counts, groups: plan.pooled.length } };
}
