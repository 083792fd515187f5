// Statement periods and posting dates. Pure: "2026-10" (a month), "2026-Q3" (a quarter),
// "2026" (a year), or "FROM TO" (two dates, ISO or US MM/DD/YYYY). Days are the local's calendar
// days; month arithmetic is the shared local-period helper's.
import { monthOfDay, periodLastDay, shiftPeriod } from "../core/periods.ts";

export interface Period {
  from: string;
  to: string;
  /** How the person wrote it, normalised: "2026-10", "2026-Q3", "2026", "2026-07-01 – 2026-09-30". */
  label: string;
}

const pad = (n: number) => String(n).padStart(2, "0");

/** How many days the month has ("2024-02" → 29). */
function lastDay(year: number, month: number): number {
  return Number(periodLastDay(`${year}-${pad(month)}`).slice(8));
}

/** "2026-11-23" or "11/23/2026" → "2026-11-23"; null when it is not a real date. */
export function parseDate(raw: string): string | null {
  const s = raw.trim();
  let y: number, m: number, d: number;
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  const us = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(s);
  if (iso) [y, m, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else if (us) [y, m, d] = [Number(us[3]), Number(us[1]), Number(us[2])];
  else return null;
  if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1 || d > lastDay(y, m)) return null;
  return `${y}-${pad(m)}-${pad(d)}`;
}

export function parsePeriod(raw: string): Period | null {
  const s = raw.trim().replace(/\s*(?:–|—|\bto\b|\.\.)\s*/gi, " ").replace(/\s+/g, " ");
  let m = /^(\d{4})-(\d{1,2})$/.exec(s);
  if (m) {
    const y = Number(m[1]);
    const mo = Number(m[2]);
    if (mo < 1 || mo > 12) return null;
    return { from: `${y}-${pad(mo)}-01`, to: `${y}-${pad(mo)}-${pad(lastDay(y, mo))}`, label: `${y}-${pad(mo)}` };
  }
  m = /^(\d{4})-?Q([1-4])$/i.exec(s);
  if (m) {
    const y = Number(m[1]);
    const q = Number(m[2]);
    const first = (q - 1) * 3 + 1;
    return { from: `${y}-${pad(first)}-01`, to: `${y}-${pad(first + 2)}-${pad(lastDay(y, first + 2))}`, label: `${y}-Q${q}` };
  }
  m = /^(\d{4})$/.exec(s);
  if (m) return { from: `${m[1]}-01-01`, to: `${m[1]}-12-31`, label: m[1]! };
  const parts = s.split(" ");
  if (parts.length === 2) {
    const from = parseDate(parts[0]!);
    const to = parseDate(parts[1]!);
    if (from && to && from <= to) return { from, to, label: `${from} – ${to}` };
  }
  return null;
}

/** The calendar month before the one `today` falls in. */
export function previousMonth(today: string): Period {
  return parsePeriod(shiftPeriod(monthOfDay(today), -1))!;
}

/** Whole days from a to b (both YYYY-MM-DD). */
export function daysFrom(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

/**
 * Why a statement of this period can't be asked for: it has not started ("future"), or it falls
 * outside the years the ledger keeps, 2000 to next year ("range").
 */
export function periodProblem(period: Period, today: string): "future" | "range" | null {
  const nextYear = Number(today.slice(0, 4)) + 1;
  if (period.from < "2000-01-01" || period.to > `${nextYear}-12-31`) return "range";
  if (period.from > today) return "future";
  return null;
}

/** The short name of a stored period: "2026-10", "2026-Q3", "2026", or the two dates. */
export function labelOf(from: string, to: string): string {
  for (const candidate of [from.slice(0, 7), `${from.slice(0, 4)}-Q${Math.floor((Number(from.slice(5, 7)) - 1) / 3) + 1}`, from.slice(0, 4)]) {
    const p = parsePeriod(candidate);
    if (p && p.from === from && p.to === to) return p.label;
  }
  return `${from} – ${to}`;
}
