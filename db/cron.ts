// Wall-clock time in an IANA time zone, and the next occurrence of a cron rule there.
// DST-correct by construction: occurrences are computed as local dates and hours, then turned
// into instants, so "every Monday 08:00 America/Los_Angeles" is 08:00 local on both sides of a
// clock change. A local time that does not exist (the spring-forward gap) moves forward by the
// gap; a local time that exists twice (the autumn fall-back) fires once, at the first instant.

export interface LocalTime {
  year: number;
  /** 1–12 */
  month: number;
  day: number;
  hour: number;
  minute: number;
}

const formats = new Map<string, Intl.DateTimeFormat>();

function format(tz: string): Intl.DateTimeFormat {
  let f = formats.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone: tz,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formats.set(tz, f);
  }
  return f;
}

export function isTimeZone(tz: string): boolean {
  if (!tz || typeof tz !== "string") return false;
  try {
    format(tz);
    return true;
  } catch {
    return false;
  }
}

/** The wall-clock date and time of `d` in `tz`, plus its weekday (0 = Sunday). */
export function localParts(d: Date, tz: string): LocalTime & { second: number; weekday: number } {
  const p: Record<string, number> = {};
  for (const part of format(tz).formatToParts(d)) if (part.type !== "literal") p[part.type] = Number(part.value);
  const weekday = new Date(Date.UTC(p.year!, p.month! - 1, p.day!)).getUTCDay();
  return { year: p.year!, month: p.month!, day: p.day!, hour: p.hour! % 24, minute: p.minute!, second: p.second!, weekday };
}

/** Offset of `tz` from UTC at instant `ms` (local − UTC), in milliseconds. */
function offsetAt(ms: number, tz: string): number {
  const whole = Math.floor(ms / 1000) * 1000;
  const p = localParts(new Date(whole), tz);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - whole;
}

/** The instant at which the wall clock in `tz` shows `t`. */
export function zonedToUtc(t: LocalTime, tz: string): Date {
  const guess = Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute);
  const off1 = offsetAt(guess, tz);
  const t1 = guess - off1;
  const off2 = offsetAt(t1, tz);
  if (off2 === off1) return new Date(t1);
  const t2 = guess - off2;
  if (offsetAt(t2, tz) === off2) return new Date(t2);
  // The local time falls in a spring-forward gap: move it forward by the gap.
  return new Date(Math.max(t1, t2));
}

/** Adds whole calendar days to a local date (no time zone involved). */
export function addLocalDays(t: LocalTime, days: number): LocalTime {
  const d = new Date(Date.UTC(t.year, t.month - 1, t.day + days));
  return { ...t, year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

// ---- Cron ---------------------------------------------------------------------------------------

export interface CronRule {
  minutes: number[];
  hours: number[];
  days: Set<number>;
  months: Set<number>;
  weekdays: Set<number>;
  /** Both day-of-month and day-of-week restricted: classic cron fires when either matches. */
  either: boolean;
  domStar: boolean;
  dowStar: boolean;
}

export class CronError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CronError";
  }
}

const presets: Record<string, string> = {
  "@hourly": "0 * * * *",
  "@daily": "0 0 * * *",
  "@midnight": "0 0 * * *",
  "@weekly": "0 0 * * 0",
  "@monthly": "0 0 1 * *",
  "@yearly": "0 0 1 1 *",
  "@annually": "0 0 1 1 *",
};
const monthNames = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const dayNames = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];

function field(src: string, min: number, max: number, names?: string[], nameBase = 0): number[] {
  const out = new Set<number>();
  const num = (s: string): number => {
    const i = names ? names.indexOf(s.toLowerCase()) : -1;
    if (i >= 0) return i + nameBase;
    if (!/^\d+$/.test(s)) throw new CronError(`"${s}" is not a number`);
    return Number(s);
  };
  for (const part of src.split(",")) {
    const m = /^([^/]+)(?:\/(\d+))?$/.exec(part);
    if (!m) throw new CronError(`bad cron field "${src}"`);
    const step = m[2] ? Number(m[2]) : 1;
    if (step < 1) throw new CronError(`bad step in "${src}"`);
    let lo: number;
    let hi: number;
    if (m[1] === "*") [lo, hi] = [min, max];
    else if (m[1]!.includes("-")) {
      const [a, b] = m[1]!.split("-");
      [lo, hi] = [num(a!), num(b!)];
    } else {
      lo = num(m[1]!);
      hi = m[2] ? max : lo;
    }
    if (lo < min || hi > max || lo > hi) throw new CronError(`"${part}" is out of range ${min}–${max}`);
    for (let v = lo; v <= hi; v += step) out.add(v);
  }
  return [...out].sort((a, b) => a - b);
}

/** Parses a five-field cron expression (minute hour day-of-month month day-of-week) or a preset. */
export function parseCron(expr: string): CronRule {
  const src = presets[expr.trim().toLowerCase()] ?? expr.trim();
  const parts = src.split(/\s+/);
  if (parts.length !== 5) throw new CronError(`a cron rule has five fields (minute hour day month weekday), got "${expr}"`);
  const [mi, h, dom, mon, dow] = parts as [string, string, string, string, string];
  const weekdays = new Set(field(dow, 0, 7, dayNames).map((d) => d % 7));
  const domStar = dom === "*" || dom === "?";
  const dowStar = dow === "*" || dow === "?";
  return {
    minutes: field(mi, 0, 59),
    hours: field(h, 0, 23),
    days: new Set(field(domStar ? "*" : dom, 1, 31)),
    months: new Set(field(mon, 1, 12, monthNames, 1)),
    weekdays: dowStar ? new Set([0, 1, 2, 3, 4, 5, 6]) : weekdays,
    either: !domStar && !dowStar,
    domStar,
    dowStar,
  };
}

function dayMatches(r: CronRule, t: LocalTime): boolean {
  if (!r.months.has(t.month)) return false;
  const wd = new Date(Date.UTC(t.year, t.month - 1, t.day)).getUTCDay();
  if (r.either) return r.days.has(t.day) || r.weekdays.has(wd);
  return r.days.has(t.day) && r.weekdays.has(wd);
}

/** The first occurrence of `cron` in `tz` strictly after `after`, or null within five years. */
export function nextOccurrence(cron: string | CronRule, tz: string, after: Date): Date | null {
  const rule = typeof cron === "string" ? parseCron(cron) : cron;
  const start = localParts(after, tz);
  let day: LocalTime = { year: start.year, month: start.month, day: start.day, hour: 0, minute: 0 };
  // Start a day early: a gap-shifted or offset-crossing occurrence may belong to the previous local date.
  day = addLocalDays(day, -1);
  for (let i = 0; i < 366 * 5 + 2; i++, day = addLocalDays(day, 1)) {
    if (!dayMatches(rule, day)) continue;
    for (const hour of rule.hours) {
      for (const minute of rule.minutes) {
        const at = zonedToUtc({ ...day, hour, minute }, tz);
        if (at.getTime() > after.getTime()) return at;
      }
    }
  }
  return null;
}
