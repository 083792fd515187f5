// Reading the "when" of an event as people write it: "2026-12-17 18:00-19:30", "12/17/2026 6pm",
// "Dec 17 6-8pm", "17 de diciembre 18:00", "17.12.2026 18:00", "2026年12月17日 18:00", always in the
// local's time zone. Pure: each mistake comes back with its own reason, so the form can say what is
// wrong instead of one sentence for everything.
import { addLocalDays, localParts, zonedToUtc, type LocalTime } from "../../db/cron.ts";

/** Why a "when" could not be read. */
export type WhenProblem = "format" | "impossible" | "endBeforeStart";

export interface ReadWhen {
  startsAt: Date;
  endsAt: Date;
  /** No end was written: the event lasts an hour. */
  assumedEnd: boolean;
}

interface Day {
  year: number | null;
  month: number;
  day: number;
}
interface Clock {
  hour: number;
  minute: number;
  /** The hour as written, before am/pm, and whether am/pm or minutes were given. */
  written: number;
  meridiem: "am" | "pm" | null;
  hasMinutes: boolean;
}

/** A year-less date more than this far in the past means next year's ("Jan 8" written in December). */
const LOOK_BACK_DAYS = 60;
/** An end earlier than the start is the next morning when the event then lasts at most this long. */
const OVERNIGHT_MAX_MS = 12 * 3_600_000;

const fold = (s: string) => s.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase().replace(/\.$/, "");

const namesCache = new Map<string, { months: [string, number][]; weekdays: Set<string> }>();
/** Month names (long, short, and the forms used with a day, as Russian's "декабря") in English and the reader's language. */
function names(locale: string): { months: [string, number][]; weekdays: Set<string> } {
  let n = namesCache.get(locale);
  if (n) return n;
  const months: [string, number][] = [];
  const weekdays = new Set<string>();
  for (const tag of new Set(["en-US", locale])) {
    let ok = true;
    try {
      new Intl.DateTimeFormat(tag);
    } catch {
      ok = false;
    }
    if (!ok) continue;
    for (let m = 1; m <= 12; m++) {
      const d = new Date(Date.UTC(2026, m - 1, 15, 12));
      for (const o of [{ month: "long" }, { month: "short" }, { month: "long", day: "numeric" }, { month: "short", day: "numeric" }] as Intl.DateTimeFormatOptions[]) {
        const part = new Intl.DateTimeFormat(tag, { ...o, timeZone: "UTC" }).formatToParts(d).find((p) => p.type === "month")?.value;
        if (part && /^\p{L}/u.test(part)) months.push([fold(part), m]);
      }
      if (tag === "en-US") months.push([["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sept", "oct", "nov", "dec"][m - 1]!, m]);
    }
    for (let wd = 0; wd < 7; wd++) {
      const d = new Date(Date.UTC(2026, 10, 1 + wd, 12));
      for (const style of ["long", "short"] as const) weekdays.add(fold(new Intl.DateTimeFormat(tag, { weekday: style, timeZone: "UTC" }).format(d)));
    }
  }
  n = { months, weekdays };
  namesCache.set(locale, n);
  return n;
}

/** The month a word names: the whole name or at least its first three letters ("Dec", "Sept", "diciembre", "дек"). */
function monthOf(word: string, locale: string): number | undefined {
  const w = fold(word);
  if (w.length < 3) return undefined;
  const hit = names(locale).months.find(([name]) => name === w || (name.startsWith(w) && w.length >= 3));
  return hit?.[1];
}

/** A cursor over the text, each reader advancing it only when it matches. */
class Cursor {
  constructor(
    readonly s: string,
    public at = 0,
  ) {}
  take(re: RegExp): RegExpExecArray | null {
    const sticky = new RegExp(re.source, re.flags.includes("y") ? re.flags : `${re.flags}y`);
    sticky.lastIndex = this.at;
    const m = sticky.exec(this.s);
    if (m) this.at = sticky.lastIndex;
    return m;
  }
  get done() {
    return this.at >= this.s.length;
  }
}

const year = (y: string) => (y.length === 2 ? 2000 + Number(y) : Number(y));

/** A date at the cursor, or undefined (the cursor does not move). Slashes are month/day, as in the United States, unless the first number can only be a day. */
function readDate(c: Cursor, locale: string): Day | undefined {
  const start = c.at;
  // An optional weekday in front: "Thu, Dec 17", "jueves 17 de diciembre".
  const wd = c.take(/(\p{L}+)\.?,?\s+/u);
  if (wd && !names(locale).weekdays.has(fold(wd[1]!))) c.at = start;
  let m: RegExpExecArray | null;
  if ((m = c.take(/(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)/))) return { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
  if ((m = c.take(/(?:(\d{4})\s*年\s*)?(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?/))) return { year: m[1] ? Number(m[1]) : null, month: Number(m[2]), day: Number(m[3]) };
  if ((m = c.take(/(\d{1,2})\/(\d{1,2})(?:\/(\d{4}|\d{2}))?(?![\d/])/))) {
    const [a, b] = [Number(m[1]), Number(m[2])];
    const y = m[3] ? year(m[3]) : null;
    return a > 12 && b <= 12 ? { year: y, month: b, day: a } : { year: y, month: a, day: b };
  }
  if ((m = c.take(/(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})(?!\d)/))) return { year: year(m[3]!), month: Number(m[2]), day: Number(m[1]) };
  // "Dec 17", "December 17th, 2026", "dic. 17"
  const before = c.at;
  if ((m = c.take(/(\p{L}+)\.?\s*(\d{1,2})(?:st|nd|rd|th)?(?!\d)(?:,?\s*(\d{4})(?![\d:.]))?/u))) {
    const month = monthOf(m[1]!, locale);
    if (month) return { year: m[3] ? Number(m[3]) : null, month, day: Number(m[2]) };
    c.at = before;
  }
  // "17 Dec", "17 de diciembre de 2026", "17 декабря 2026"
  if ((m = c.take(/(\d{1,2})(?:st|nd|rd|th)?\.?\s*(?:de\s+)?(\p{L}+)\.?(?:,?\s*(?:de\s+)?(\d{4})(?![\d:.]))?/u))) {
    const month = monthOf(m[2]!, locale);
    if (month) return { year: m[3] ? Number(m[3]) : null, month, day: Number(m[1]) };
  }
  c.at = start;
  return undefined;
}

/** A time of day at the cursor: "18:00", "6pm", "6:30 p.m.", "6". Not yet checked for range. */
function readClock(c: Cursor): Clock | undefined {
  const m = c.take(/(\d{1,2})(?:[:.h](\d{2}))?\s*(a\.?\s?m\.?|p\.?\s?m\.?|a|p)?(?![\p{L}\d])/u);
  if (!m) return undefined;
  return { hour: Number(m[1]), minute: m[2] ? Number(m[2]) : 0, written: Number(m[1]), meridiem: m[3] ? (m[3].startsWith("p") ? "pm" : "am") : null, hasMinutes: Boolean(m[2]) };
}

/** The 24-hour time, or undefined when there is no such time (25:00, 13pm, 6:75). */
function resolve(t: Clock, meridiem: "am" | "pm" | null): { hour: number; minute: number } | undefined {
  if (t.minute > 59) return undefined;
  if (meridiem) {
    if (t.written < 1 || t.written > 12) return undefined;
    return { hour: (t.written % 12) + (meridiem === "pm" ? 12 : 0), minute: t.minute };
  }
  return t.written <= 23 ? { hour: t.written, minute: t.minute } : undefined;
}

const exists = (d: { year: number; month: number; day: number }) => d.month >= 1 && d.month <= 12 && d.day >= 1 && d.day <= new Date(Date.UTC(d.year, d.month, 0)).getUTCDate();

const SEP = /\s*(?:,\s*|\s(?:at\s|@\s?|a las\s|lúc\s|в\s)?\s*|t(?=\d)|@\s*)/iu;
const RANGE = /\s*(?:-|–|—|~|to\b|until\b|till\b|hasta\b|đến\b|до\b|至)\s*/iu;

/**
 * Reads a "when" in the local's time zone. Without a year, the next such date (one up to two
 * months back is taken as this year's, so a slip reads as "already passed", not as next year).
 * Without an end, an hour. An end earlier than the start is the next morning when that makes at
 * most twelve hours ("22:00-01:00"); or write the end's date ("2026-12-31 22:00 - 2027-01-01 02:00").
 */
export function readWhen(raw: string, o: { timeZone: string; now: Date; locale?: string }): ReadWhen | { problem: WhenProblem } {
  const locale = o.locale ?? "en";
  const c = new Cursor(raw.normalize("NFKC").trim().replace(/\s+/g, " ").toLowerCase().replace(/[.\s]+$/, ""));
  const d1 = readDate(c, locale);
  if (!d1 || !c.take(SEP)) return { problem: "format" };
  const t1 = readClock(c);
  if (!t1) return { problem: "format" };
  let d2: Day | undefined;
  let t2: Clock | undefined;
  if (c.take(RANGE)) {
    const back = c.at;
    d2 = readDate(c, locale);
    if (d2 && !c.take(SEP)) {
      c.at = back;
      d2 = undefined;
    }
    t2 = readClock(c);
    if (!t2) return { problem: "format" };
  }
  if (!c.done) return { problem: "format" };
  // "6-8pm": the start takes the end's am/pm, or the other one when that would put it after the end ("11-1pm").
  let m1 = t1.meridiem;
  if (!m1 && t2?.meridiem && t1.written >= 1 && t1.written <= 12) {
    const same = resolve(t1, t2.meridiem);
    const end = resolve(t2, t2.meridiem);
    m1 = same && end && same.hour * 60 + same.minute > end.hour * 60 + end.minute ? (t2.meridiem === "pm" ? "am" : "pm") : t2.meridiem;
  }
  // "Dec 17 6" could be morning or evening: a bare hour needs minutes, am/pm or the 24-hour clock.
  if (!m1 && !t1.hasMinutes && t1.written >= 1 && t1.written <= 12) return { problem: "format" };
  if (t2 && !t2.meridiem && !t2.hasMinutes && t2.written >= 1 && t2.written <= 12 && !t1.meridiem && !t1.hasMinutes) return { problem: "format" };
  const c1 = resolve(t1, m1);
  const c2 = t2 ? resolve(t2, t2.meridiem) : undefined;
  if (!c1 || (t2 && !c2)) return { problem: "impossible" };

  const today = localParts(o.now, o.timeZone);
  const withYear = (d: Day, fallback: number) => ({ year: d.year ?? fallback, month: d.month, day: d.day });
  let s = withYear(d1, today.year);
  if (!exists(s) && d1.year === null && d1.month === 2 && d1.day === 29) s = withYear(d1, today.year + 1);
  if (!exists(s) || s.year < 2000 || s.year > 2100) return { problem: "impossible" };
  let startLocal: LocalTime = { ...s, ...c1 };
  if (d1.year === null && zonedToUtc(startLocal, o.timeZone).getTime() < o.now.getTime() - LOOK_BACK_DAYS * 86_400_000) {
    s = withYear(d1, today.year + 1);
    if (!exists(s)) return { problem: "impossible" };
    startLocal = { ...s, ...c1 };
  }
  const startsAt = zonedToUtc(startLocal, o.timeZone);
  if (!t2 || !c2) return { startsAt, endsAt: new Date(startsAt.getTime() + 3_600_000), assumedEnd: true };
  let endsAt: Date;
  if (d2) {
    const e = withYear(d2, s.year);
    if (!exists(e)) return { problem: "impossible" };
    endsAt = zonedToUtc({ ...e, ...c2 }, o.timeZone);
  } else {
    endsAt = zonedToUtc({ ...s, ...c2 }, o.timeZone);
    if (endsAt <= startsAt) {
      const next = zonedToUtc(addLocalDays({ ...s, ...c2 }, 1), o.timeZone);
      if (next.getTime() - startsAt.getTime() <= OVERNIGHT_MAX_MS) endsAt = next;
    }
  }
  if (endsAt <= startsAt) return { problem: "endBeforeStart" };
  return { startsAt, endsAt, assumedEnd: false };
}

/**
 * One instant ("2026-12-02 17:00", "12/2/2026 5pm", "Dec 2"); a date alone is the end of that day
 * (an answer-by date means "by the end of the 2nd").
 */
export function readInstant(raw: string, o: { timeZone: string; now: Date; locale?: string }): Date | { problem: Exclude<WhenProblem, "endBeforeStart"> } {
  const locale = o.locale ?? "en";
  const text = raw.normalize("NFKC").trim().replace(/\s+/g, " ").toLowerCase().replace(/[.\s]+$/, "");
  const c = new Cursor(text);
  const d = readDate(c, locale);
  if (d && c.done) {
    const r = readWhen(`${raw} 23:59`, o);
    return "problem" in r ? { problem: r.problem === "endBeforeStart" ? "format" : r.problem } : r.startsAt;
  }
  const r = readWhen(raw, o);
  if ("problem" in r) return { problem: r.problem === "endBeforeStart" ? "format" : r.problem };
  return r.assumedEnd ? r.startsAt : { problem: "format" };
}

/**
 * Examples of what works, a week from now so they are never in the past: ISO, US, and with the
 * month's name as the reader writes it (English for a language whose month names hold digits).
 */
export function whenExamples(now: Date, timeZone: string, locale = "en"): { iso: string; us: string; named: string; overnight: string; deadline: string; usDeadline: string } {
  const p = addLocalDays(localParts(now, timeZone), 7);
  const next = addLocalDays(p, 1);
  const pad = (n: number) => String(n).padStart(2, "0");
  const iso = (d: { year: number; month: number; day: number }) => `${d.year}-${pad(d.month)}-${pad(d.day)}`;
  const at = new Date(Date.UTC(p.year, p.month - 1, p.day, 12));
  const monthName = (tag: string) => new Intl.DateTimeFormat(tag, { month: "short", day: "numeric", timeZone: "UTC" }).formatToParts(at).find((x) => x.type === "month")!.value;
  const named = locale === "zh-Hans" ? `${p.month}月${p.day}日 18:00` : locale === "es" || locale === "ru" ? `${p.day} ${monthName(locale)} 18:00` : `${monthName("en-US")} ${p.day} 6pm`;
  return {
    iso: `${iso(p)} 18:00-19:30`,
    us: `${p.month}/${p.day}/${p.year} 6-7:30pm`,
    named,
    overnight: `${iso(p)} 22:00 - ${iso(next)} 02:00`,
    deadline: `${iso(p)} 17:00`,
    usDeadline: `${p.month}/${p.day}/${p.year} 5pm`,
  };
}
