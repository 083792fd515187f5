// Disclosure control: the one rule every published count goes through (the report catalogue,
// /grievance report, the handoff packet, event turnout, the training report, Home figures).
//
// The method, in three steps (named and justified in docs/reports.md):
//  1. Primary suppression: a count of 1 to 4 people is never printed; it reads "fewer than 5".
//     0 is printed (it identifies no one).
//  2. Rounding to base 5: every other count is printed rounded to the nearest multiple of 5. So no
//     figure is exact and differences between figures (a quarter minus its months, this month's
//     members minus last month's, a total minus its categories) carry an uncertainty of several
//     people, which defeats the differencing that suppression alone allows.
//  3. An audit of each published table with complementary suppression: a table is a total and one
//     or more breakdowns of it (open / resolved, by category, by month...). For each hidden cell we
//     work out, as an attacker would, every value the released figures still allow (exactly: each
//     breakdown is one sum of interval-bounded cells). If they narrow a hidden cell to less than
//     "any of 1, 2, 3 or 4", the total is withheld, then the breakdowns that narrow it, until every
//     hidden cell is as uncertain as "fewer than 5" says. A withheld figure reads "not shown".
// Rates and changes are computed from released figures only, so they reveal nothing more.
// Small places are pooled by one rule that depends only on each place's size, so every report of
// a scope and month pools the same places the same way.
import type { Formatter } from "./format.ts";
import type { Translate } from "./i18n.ts";

/** Counts of 1 to THRESHOLD−1 are hidden. */
export const THRESHOLD = 5;
/** Shown counts are rounded to a multiple of BASE. */
export const BASE = 5;
/** A place with fewer people than this is pooled with the other small places. */
export const MIN_GROUP = 10;

/** A figure withheld by complementary suppression: it could otherwise be used to work out a hidden one. */
export interface Withheld {
  readonly withheld: true;
}
export const WITHHELD: Withheld = Object.freeze({ withheld: true as const });

/** A released count: 0 or a multiple of 5, null for "fewer than 5", or withheld. */
export type Released = number | null | Withheld;

export const isWithheld = (r: unknown): r is Withheld => typeof r === "object" && r !== null && (r as Withheld).withheld === true;

/** The one way a count of people is published. */
export function release(n: number): number | null {
  if (!Number.isFinite(n) || n <= 0) return 0;
  if (n < THRESHOLD) return null;
  return Math.round(n / BASE) * BASE;
}

/**
 * A count of a list, for one reader: exact to whoever may see the list itself (an organiser their
 * own event's answers, an officer the cases they may open one by one), released like every
 * published count to everyone else. Each door decides `seesList` from its area's own access rule.
 */
export function countFor(n: number, seesList: boolean): number | null {
  if (!seesList) return release(n);
  return Number.isFinite(n) && n > 0 ? Math.floor(n) : 0;
}

/** The released figure as a plain number when it is one (neither hidden nor withheld). */
export const releasedNumber = (r: Released): number | null => (typeof r === "number" ? r : null);

/** part / whole from released figures only; null when either, or the rest, is hidden or withheld. */
export function releaseRate(part: number, whole: number): number | null {
  const p = release(part);
  const w = release(whole);
  const rest = release(whole - part);
  if (p === null || w === null || rest === null || w === 0) return null;
  return Math.min(1, p / w);
}

/** The change between two released counts; null when either is hidden or withheld. */
export function releaseChange(now: Released, before: Released): number | null {
  return typeof now === "number" && typeof before === "number" ? now - before : null;
}

/** Text of a released figure, in the reader's language. */
export function releasedText(r: Released, t: Translate, fmt: Pick<Formatter, "number">): string {
  if (r === null) return t("core.disclosure.fewer");
  if (isWithheld(r)) return t("core.disclosure.withheld");
  return fmt.number(r);
}

/** A count published in text: released, then worded. */
export const countText = (n: number, t: Translate, fmt: Pick<Formatter, "number">): string => releasedText(release(n), t, fmt);

/** A released figure for a CSV: the number, or the words. */
export function releasedCsv(r: Released, t: Translate): string | number {
  if (r === null) return t("core.disclosure.fewer");
  if (isWithheld(r)) return t("core.disclosure.withheld");
  return r;
}

/** A released figure for an audit entry: what was published, never the hidden count. */
export function releasedAudit(r: Released): number | string {
  if (r === null) return "fewer than 5";
  if (isWithheld(r)) return "withheld";
  return r;
}

// ---- What an attacker can infer -------------------------------------------------------------------

/** Integer interval [lo, hi]; hi may be Infinity. */
export type Interval = readonly [number, number];

/** Every true value a released figure allows. */
export function possible(r: Released): Interval {
  if (isWithheld(r)) return [0, Infinity];
  if (r === null) return [1, THRESHOLD - 1];
  if (r === 0) return [0, 0];
  const half = Math.floor(BASE / 2);
  return [Math.max(THRESHOLD, r - half), r + half];
}

const sum = (xs: readonly Interval[]): Interval => xs.reduce<Interval>((a, b) => [a[0] + b[0], a[1] + b[1]], [0, 0]);
const meet = (a: Interval, b: Interval): Interval => [Math.max(a[0], b[0]), Math.min(a[1], b[1])];

/** A table to publish: one total and its breakdowns (each breakdown's cells add up to the total). */
export interface TableCounts {
  total: number;
  breakdowns: readonly (readonly number[])[];
  /** Breakdowns already published elsewhere exactly as given (e.g. months shown by their own reports). */
  fixed?: readonly (readonly Released[] | undefined)[];
  /** The total as already published elsewhere, when it is. */
  fixedTotal?: Released;
}

export interface ReleasedTable {
  total: Released;
  breakdowns: Released[][];
}

/**
 * The values a hidden cell `i` of breakdown `b` can still take, given every released figure of the
 * table. Exact for a total with breakdowns: each breakdown is one sum of independent cells.
 */
export function hiddenRange(t: ReleasedTable, b: number, i: number): Interval {
  let total = possible(t.total);
  for (const br of t.breakdowns) total = meet(total, sum(br.map(possible)));
  const others = sum(t.breakdowns[b]!.filter((_, j) => j !== i).map(possible));
  const lo = others[1] === Infinity ? -Infinity : total[0] - others[1];
  const hi = total[1] === Infinity ? Infinity : total[1] - others[0];
  return meet([lo, hi], possible(t.breakdowns[b]![i]!));
}

/** The first hidden cell the released figures narrow below "any of 1 to 4", or null. */
export function firstExposed(t: ReleasedTable): { b: number; i: number } | null {
  for (let b = 0; b < t.breakdowns.length; b++)
    for (let i = 0; i < t.breakdowns[b]!.length; i++) {
      if (t.breakdowns[b]![i] !== null) continue;
      const [lo, hi] = hiddenRange(t, b, i);
      if (lo > 1 || hi < THRESHOLD - 1) return { b, i };
    }
  return null;
}

/**
 * Releases a table: primary suppression and rounding of every cell, then the audit with
 * complementary suppression (the total first, then whole breakdowns that narrow a hidden cell,
 * never a breakdown or total already published elsewhere).
 */
export function protectTable(c: TableCounts): ReleasedTable {
  const out: ReleasedTable = {
    total: c.fixedTotal !== undefined ? c.fixedTotal : release(c.total),
    breakdowns: c.breakdowns.map((br, b) => (c.fixed?.[b] ? [...c.fixed[b]!] : br.map(release))),
  };
  const isFixed = (b: number) => Boolean(c.fixed?.[b]);
  const totalFixed = c.fixedTotal !== undefined;
  for (let guard = 0; guard <= c.breakdowns.length + 1; guard++) {
    const hit = firstExposed(out);
    if (!hit) return out;
    if (!totalFixed && !isWithheld(out.total)) {
      out.total = WITHHELD;
      continue;
    }
    // The total is already unknown: what narrows the hidden cell is another breakdown's sum (or
    // this breakdown itself when the total is fixed). Withhold the narrowest changeable one.
    const candidates = out.breakdowns
      .map((br, b) => ({ b, width: sum(br.map(possible))[1] - sum(br.map(possible))[0] }))
      .filter(({ b }) => !isFixed(b) && out.breakdowns[b]!.some((r) => !isWithheld(r)))
      .sort((x, y) => (x.b === hit.b ? 1 : 0) - (y.b === hit.b ? 1 : 0) || x.width - y.width);
    const pick = candidates[0];
    if (!pick) break;
    out.breakdowns[pick.b] = out.breakdowns[pick.b]!.map(() => WITHHELD);
  }
  // Nothing else can be loosened: withhold every breakdown that is not fixed.
  out.breakdowns = out.breakdowns.map((br, b) => (isFixed(b) || !br.includes(null) ? br : br.map(() => WITHHELD)));
  if (firstExposed(out)) out.breakdowns = out.breakdowns.map((br, b) => (isFixed(b) ? br : br.map(() => WITHHELD)));
  return out;
}

// ---- Pooling small places ---------------------------------------------------------------------------

export interface PoolPlan {
  /** Places shown one by one. */
  shown: string[];
  /** Places combined into one row (empty when none). */
  pooled: string[];
}

/**
 * Which places are pooled: those with fewer than MIN_GROUP people, with the next-smallest places
 * added until the pool itself holds at least MIN_GROUP people (or every place is in it). Depends
 * only on each place's size, so every report of a scope and month pools the same places.
 */
export function poolPlan(sizes: ReadonlyMap<string, number>): PoolPlan {
  const order = [...sizes].sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const pooled = order.filter(([, n]) => n < MIN_GROUP).map(([k]) => k);
  if (pooled.length === 0) return { shown: order.map(([k]) => k).reverse(), pooled: [] };
  let size = pooled.reduce((a, k) => a + sizes.get(k)!, 0);
  let next = pooled.length;
  // A pool of one place would be that place under another name: it takes in at least two.
  while ((size < MIN_GROUP || pooled.length < 2) && next < order.length) {
    pooled.push(order[next]![0]);
    size += order[next]![1];
    next++;
  }
  const inPool = new Set(pooled);
  return { shown: order.filter(([k]) => !inPool.has(k)).map(([k]) => k).reverse(), pooled };
}

// ---- Tables by name ---------------------------------------------------------------------------------

/** A table to publish, its breakdowns named and keyed (each breakdown's counts add up to the total). */
export interface NamedTable {
  total: number;
  breakdowns: Readonly<Record<string, readonly (readonly [string, number])[]>>;
  /** Breakdowns already published elsewhere, by name, in the same order as given. */
  fixed?: Readonly<Record<string, readonly Released[]>>;
  fixedTotal?: Released;
}

export interface NamedRelease {
  total: Released;
  breakdowns: Record<string, [string, Released][]>;
}

/**
 * protectTable for a table whose breakdowns have names and keys. Cells come back ordered by their
 * released figure (largest first), ties and hidden cells by key: the order of the true counts of
 * hidden cells never shows.
 */
export function protectNamed(t: NamedTable): NamedRelease {
  const names = Object.keys(t.breakdowns);
  const r = protectTable({
    total: t.total,
    breakdowns: names.map((n) => t.breakdowns[n]!.map(([, v]) => v)),
    fixed: names.map((n) => t.fixed?.[n]),
    ...(t.fixedTotal !== undefined ? { fixedTotal: t.fixedTotal } : {}),
  });
  const out: NamedRelease = { total: r.total, breakdowns: {} };
  names.forEach((n, b) => {
    out.breakdowns[n] = t.breakdowns[n]!.map(([k], i): [string, Released] => [k, r.breakdowns[b]![i]!]);
  });
  return out;
}

/** Orders released cells for display: largest released figure first, then by key. */
export function byReleased<K>(cells: readonly (readonly [K, Released])[], key: (k: K) => string = String): [K, Released][] {
  const rank = (r: Released) => (typeof r === "number" ? r : r === null ? 0.5 : -1);
  return [...cells].map(([k, r]): [K, Released] => [k, r]).sort((a, b) => rank(b[1]) - rank(a[1]) || (key(a[0]) < key(b[0]) ? -1 : key(a[0]) > key(b[0]) ? 1 : 0));
}

// ---- Series -------------------------------------------------------------------------------------------

/** One count of a series: a period ("2026-11"), a row within it and how many people. */
export interface SeriesCell {
  period: string;
  key: string;
  n: number;
}

export interface SeriesRelease {
  total: Released;
  /** Each period's total, as released. */
  periods: Map<string, Released>;
  /** Each cell, by `${period}\u0000${key}`. */
  cells: Map<string, Released>;
}

export const seriesKey = (period: string, key: string): string => `${period}\u0000${key}`;

/**
 * Releases a series: each period as its own table (its total broken down by row), then the whole
 * series as a table of its periods as they were released. Shown rows never add up to a hidden one,
 * and no period can be recovered from the total and the others.
 */
export function protectSeries(cells: readonly SeriesCell[]): SeriesRelease {
  const byPeriod = new Map<string, [string, number][]>();
  for (const c of cells) {
    const rows = byPeriod.get(c.period) ?? [];
    const same = rows.find(([k]) => k === c.key);
    if (same) same[1] += c.n;
    else rows.push([c.key, c.n]);
    byPeriod.set(c.period, rows);
  }
  const out: SeriesRelease = { total: 0, periods: new Map(), cells: new Map() };
  const periodRows: [string, number][] = [];
  for (const [p, rows] of [...byPeriod].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    const total = rows.reduce((a, [, n]) => a + n, 0);
    const r = protectNamed({ total, breakdowns: rows.length > 1 ? { rows } : {} });
    out.periods.set(p, r.total);
    if (rows.length > 1) for (const [k, v] of r.breakdowns.rows!) out.cells.set(seriesKey(p, k), v);
    else out.cells.set(seriesKey(p, rows[0]![0]), r.total);
    periodRows.push([p, total]);
  }
  const all = protectNamed({
    total: periodRows.reduce((a, [, n]) => a + n, 0),
    breakdowns: { periods: periodRows },
    fixed: { periods: periodRows.map(([p]) => out.periods.get(p)!) },
  });
  out.total = all.total;
  return out;
}
