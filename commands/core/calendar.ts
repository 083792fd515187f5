// The union's working calendar: calendar days as "YYYY-MM-DD", business days (weekends and the
// union's holidays don't count), Oregon's state holidays, and local wall time in a time zone.
// Pure functions, no clock: grievance deadlines, treasury reminders and anything else that counts
// working days share these, so a holiday added by staff moves every area's dates alike.
import { zonedToUtc } from "../../db/cron.ts";
import { data, transaction } from "../../db/data.ts";
import { ensureHolidays, holidayDates } from "../../db/holidays.ts";
import type { Store } from "../../db/store.ts";

// ---- Calendar days -----------------------------------------------------------------------------

const DAY = 86_400_000;
const toUtc = (d: string) => Date.parse(`${d}T00:00:00Z`);
const fromUtc = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export function isIsoDate(d: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(d) && !Number.isNaN(toUtc(d)) && fromUtc(toUtc(d)) === d;
}
export function addDays(d: string, n: number): string {
  return fromUtc(toUtc(d) + n * DAY);
}
/** b − a in calendar days. */
export function daysBetween(a: string, b: string): number {
  return Math.round((toUtc(b) - toUtc(a)) / DAY);
}
/** 0 Sunday … 6 Saturday. */
export function weekday(d: string): number {
  return new Date(toUtc(d)).getUTCDay();
}
export function isWeekend(d: string): boolean {
  const w = weekday(d);
  return w === 0 || w === 6;
}

export type HolidaySet = ReadonlySet<string>;

export function isBusinessDay(d: string, holidays: HolidaySet): boolean {
  return !isWeekend(d) && !holidays.has(d);
}
export function nextBusinessDay(d: string, holidays: HolidaySet): string {
  let x = d;
  while (!isBusinessDay(x, holidays)) x = addDays(x, 1);
  return x;
}
/** `n` working days after `d` (the day after `d` is day 1; weekends and holidays don't count). */
export function addBusinessDays(d: string, n: number, holidays: HolidaySet): string {
  let x = d;
  const step = n >= 0 ? 1 : -1;
  for (let left = Math.abs(n); left > 0; ) {
    x = addDays(x, step);
    if (isBusinessDay(x, holidays)) left--;
  }
  return x;
}
/** Working days from a to b (0 when b ≤ a): how many business days after a up to and including b. */
export function businessDaysBetween(a: string, b: string, holidays: HolidaySet): number {
  let n = 0;
  for (let x = addDays(a, 1); x <= b; x = addDays(x, 1)) if (isBusinessDay(x, holidays)) n++;
  return n;
}

// ---- Oregon state holidays (ORS 187.010) ------------------------------------------------------

/** The `n`th weekday `dow` (0 Sunday) of a month, e.g. Thanksgiving: the 4th Thursday of November. */
export function nthWeekday(year: number, month: number, dow: number, n: number): string {
  const first = `${year}-${String(month).padStart(2, "0")}-01`;
  const offset = (dow - weekday(first) + 7) % 7;
  return addDays(first, offset + 7 * (n - 1));
}
function lastWeekday(year: number, month: number, dow: number): string {
  const next = month === 12 ? `${year + 1}-01-01` : `${year}-${String(month + 1).padStart(2, "0")}-01`;
  const last = addDays(next, -1);
  return addDays(last, -((weekday(last) - dow + 7) % 7));
}
/** A fixed-date holiday on Saturday is observed the Friday before, on Sunday the Monday after. */
export function observed(d: string): string {
  const w = weekday(d);
  return w === 6 ? addDays(d, -1) : w === 0 ? addDays(d, 1) : d;
}

export function oregonHolidays(year: number): { date: string; name: string }[] {
  const fixed = (m: number, day: number) => observed(`${year}-${String(m).padStart(2, "0")}-${String(day).padStart(2, "0")}`);
  return [
    { date: fixed(1, 1), name: "New Year's Day" },
    { date: nthWeekday(year, 1, 1, 3), name: "Martin Luther King Jr. Day" },
    { date: nthWeekday(year, 2, 1, 3), name: "Presidents Day" },
    { date: lastWeekday(year, 5, 1), name: "Memorial Day" },
    { date: fixed(6, 19), name: "Juneteenth" },
    { date: fixed(7, 4), name: "Independence Day" },
    { date: nthWeekday(year, 9, 1, 1), name: "Labor Day" },
    { date: fixed(11, 11), name: "Veterans Day" },
    { date: nthWeekday(year, 11, 4, 4), name: "Thanksgiving Day" },
    { date: fixed(12, 25), name: "Christmas Day" },
  ];
}

// ---- Time of day in a time zone --------------------------------------------------

/** The instant of local wall time `date` `hh:mm` in `timeZone` (DST-aware, shared with the scheduler). */
export function zonedInstant(date: string, time: string, timeZone: string): Date {
  const [year, month, day] = date.split("-").map(Number) as [number, number, number];
  const [hour, minute] = time.split(":").map(Number) as [number, number];
  return zonedToUtc({ year, month, day, hour, minute }, timeZone);
}

// One formatter per zone: building an Intl.DateTimeFormat costs far more than using one, and a
// case's page asks for "today" once per deadline it shows.
const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** The local calendar day of an instant in `timeZone`. */
export function localDate(at: Date, timeZone: string): string {
  let f = dayFormats.get(timeZone);
  if (!f) dayFormats.set(timeZone, (f = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" })));
  return f.format(at);
}

// ---- The union's calendar ----------------------------------------------------------------------

/** The state holidays a new calendar starts with: from the year before 2025 (or before this one) to five years ahead. */
export function defaultHolidays(now = new Date()): { date: string; name: string }[] {
  const year = now.getUTCFullYear();
  const days = [];
  for (let y = Math.min(year, 2025) - 1; y <= year + 5; y++) days.push(...oregonHolidays(y));
  return days;
}

/**
 * The union's holidays as staff keep them (seeded with the state's the first time): one read, done
 * before the pure rules above count with it. Not inside another transaction (it may open one).
 */
const seeded = new WeakSet<Store>();
export async function unionHolidays(store: Store): Promise<HolidaySet> {
  if (!seeded.has(store)) {
    await transaction(store, (tx) => ensureHolidays(tx, defaultHolidays()));
    seeded.add(store);
  }
  return holidayDates(data(store));
}
