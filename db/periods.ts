// Days, weeks and months as the local sees them. Grouping by UTC files an event of Saturday
// 31 October, 6 pm in Oregon (1 am on 1 November in UTC) under November; every report, chart and
// CSV that counts by day, week or month groups by these keys instead, in the local's time zone.
// Pure: an instant in, a key out; the keys sort in time order as text. Here in db/ so the data
// modules that date history and ledger rows may use it (db/ never imports commands/);
// commands/core/periods.ts re-exports it for the areas.
import { addLocalDays, localParts, zonedToUtc } from "./cron.ts";

export type PeriodUnit = "day" | "week" | "month";

/** An instant, or a stored time as text (ISO 8601 with its offset). */
export type Instant = Date | string;

const pad = (n: number) => String(n).padStart(2, "0");
const asDate = (at: Instant) => (typeof at === "string" ? new Date(at) : at);

/** The ISO week (Monday first) of a calendar day, and the year that week belongs to. */
function isoWeek(year: number, month: number, day: number): { year: number; week: number } {
  const d = new Date(Date.UTC(year, month - 1, day));
  const weekday = d.getUTCDay() || 7;
  d.setUTCDate(d.getUTCDate() + 4 - weekday); // the Thursday of this week decides its year
  const y = d.getUTCFullYear();
  const week = Math.ceil(((d.getTime() - Date.UTC(y, 0, 1)) / 86_400_000 + 1) / 7);
  return { year: y, week };
}

/**
 * The local period an instant falls in: "2026-10-31" (day), "2026-W44" (ISO week, Monday first)
 * or "2026-10" (month).
 */
export function periodKey(at: Instant, unit: PeriodUnit, timeZone: string): string {
  const p = localParts(asDate(at), timeZone);
  if (unit === "month") return `${p.year}-${pad(p.month)}`;
  if (unit === "day") return `${p.year}-${pad(p.month)}-${pad(p.day)}`;
  const w = isoWeek(p.year, p.month, p.day);
  return `${w.year}-W${pad(w.week)}`;
}

/** The local calendar day a period starts on ("2026-W44" → 2026-10-26). */
function firstDay(key: string): { year: number; month: number; day: number } {
  let m = /^(\d{4})-(\d{2})$/.exec(key);
  if (m) return { year: Number(m[1]), month: Number(m[2]), day: 1 };
  m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(key);
  if (m) return { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
  m = /^(\d{4})-W(\d{2})$/.exec(key);
  if (!m) throw new Error(`not a period key: ${key}`);
  // Week 1 holds 4 January; its Monday is the start.
  const jan4 = new Date(Date.UTC(Number(m[1]), 0, 4));
  const monday = new Date(jan4.getTime() - ((jan4.getUTCDay() || 7) - 1) * 86_400_000 + (Number(m[2]) - 1) * 7 * 86_400_000);
  return { year: monday.getUTCFullYear(), month: monday.getUTCMonth() + 1, day: monday.getUTCDate() };
}

const unitOf = (key: string): PeriodUnit => (/W/.test(key) ? "week" : key.length === 7 ? "month" : "day");

/** The instant a period starts: local midnight of its first day (DST-correct). */
export function periodStart(key: string, timeZone: string): Date {
  return zonedToUtc({ ...firstDay(key), hour: 0, minute: 0 }, timeZone);
}

/** The key of the period `n` periods after (or before, when negative) this one. */
export function shiftPeriod(key: string, n: number): string {
  const unit = unitOf(key);
  const d = firstDay(key);
  if (unit === "month") {
    const m = d.year * 12 + (d.month - 1) + n;
    return `${Math.floor(m / 12)}-${pad((m % 12) + 1)}`;
  }
  const moved = addLocalDays({ ...d, hour: 12, minute: 0 }, unit === "week" ? 7 * n : n);
  if (unit === "day") return `${moved.year}-${pad(moved.month)}-${pad(moved.day)}`;
  const w = isoWeek(moved.year, moved.month, moved.day);
  return `${w.year}-W${pad(w.week)}`;
}

/** The instant the period ends (the next one's start), so a period is [start, end). */
export function periodEnd(key: string, timeZone: string): Date {
  return periodStart(shiftPeriod(key, 1), timeZone);
}

/**
 * The start of a window of the last `n` periods, the current one included: for `n = 12` months
 * on 5 December, local midnight of 1 January.
 */
export function windowStart(now: Instant, n: number, unit: PeriodUnit, timeZone: string): Date {
  return periodStart(shiftPeriod(periodKey(now, unit, timeZone), -(n - 1)), timeZone);
}

/** Every period from the one holding `from` to the one holding `to`, in order (empty ones too). */
export function periodsBetween(from: Instant, to: Instant, unit: PeriodUnit, timeZone: string): string[] {
  const last = periodKey(to, unit, timeZone);
  const out: string[] = [];
  for (let k = periodKey(from, unit, timeZone); k <= last && out.length < 10_000; k = shiftPeriod(k, 1)) out.push(k);
  return out;
}

/** Items grouped by the local period of their instant, periods in time order. */
export function groupByPeriod<T>(items: Iterable<T>, at: (item: T) => Instant, unit: PeriodUnit, timeZone: string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = periodKey(at(item), unit, timeZone);
    const g = groups.get(key);
    if (g) g.push(item);
    else groups.set(key, [item]);
  }
  return new Map([...groups].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/**
 * A calendar day ("YYYY-MM-DD") inside the period, for a formatter's `month` or `date` (which
 * read such a day as that day everywhere): the 15th of a month, a week's Monday, the day itself.
 */
export function periodDay(key: string): string {
  const d = firstDay(key);
  return `${d.year}-${pad(d.month)}-${pad(unitOf(key) === "month" ? 15 : d.day)}`;
}

/** The first local calendar day of a period ("2026-10" → "2026-10-01"; "2026-W44" → "2026-10-26"). */
export function periodFirstDay(key: string): string {
  const d = firstDay(key);
  return `${d.year}-${pad(d.month)}-${pad(d.day)}`;
}

/** The last local calendar day of a period ("2026-02" → "2026-02-28"; a day is its own last day). */
export function periodLastDay(key: string): string {
  if (unitOf(key) === "day") return key;
  return shiftPeriod(periodFirstDay(shiftPeriod(key, 1)), -1);
}

/** The month a local calendar day ("YYYY-MM-DD", already in the local's zone) belongs to. */
export function monthOfDay(day: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) throw new Error(`not a calendar day: ${day}`);
  return day.slice(0, 7);
}
