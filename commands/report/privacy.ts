// Small-cell suppression: no report may let anyone pick out a member. A count of 1 to 4 people
// is shown as "fewer than 5" (0 is shown: it identifies no one). Rows of a table in which any count
// is that small are pooled into one "others combined" row, and the pool takes in the next-smallest
// rows until none of its counts is small either, so no figure, and no difference between a total
// and the rows shown, is a count of 1 to 4 people. A rate is shown only when the people it counts
// and the people it leaves out are each 0 or at least 5.

export const MIN_CELL = 5;

/** A count that may be shown as it is. */
export const safeCount = (n: number): boolean => n === 0 || n >= MIN_CELL;

/** The count, or null when it must be hidden. */
export const shown = (n: number): number | null => (safeCount(n) ? n : null);

/** part / whole, or null when either the part or the rest could single out fewer than 5 people. */
export function safeRate(part: number, whole: number): number | null {
  if (whole <= 0 || !safeCount(part) || !safeCount(whole - part)) return null;
  return part / whole;
}

export interface Pooled<R> {
  /** Rows safe to show one by one, in the order given. */
  rows: { key: string; counts: R }[];
  /** The combined row, and how many groups went into it; null when every row was safe. */
  pool: { counts: R; groups: number } | null;
}

/**
 * Splits rows into those shown one by one and one pooled row, so that each shown row and the pool
 * are made of safe counts only (or, when even the whole scope is small, the pool's small counts
 * are hidden by `shown`). `fields` are the counts of people; `size` orders rows for pooling.
 */
export function poolSmallRows<R extends Record<string, number>>(
  rows: { key: string; counts: R }[],
  fields: readonly (keyof R)[],
  size: (r: R) => number,
): Pooled<R> {
  const isSafe = (c: R) => fields.every((f) => safeCount(c[f]!));
  const keep = rows.filter((r) => isSafe(r.counts));
  const small = rows.filter((r) => !isSafe(r.counts));
  if (small.length === 0) return { rows: keep, pool: null };
  const add = (a: R, b: R): R => {
    const out = { ...a };
    for (const f of fields) (out as Record<string, number>)[f as string] = a[f]! + b[f]!;
    return out;
  };
  let counts = small.map((r) => r.counts).reduce(add);
  let groups = small.length;
  // Absorb the smallest safe rows until the pool's own counts are safe.
  const bySize = [...keep].sort((a, b) => size(a.counts) - size(b.counts));
  const absorbed = new Set<string>();
  while (!isSafe(counts) && bySize.length > 0) {
    const next = bySize.shift()!;
    counts = add(counts, next.counts);
    absorbed.add(next.key);
    groups++;
  }
  return { rows: keep.filter((r) => !absorbed.has(r.key)), pool: { counts, groups } };
}
