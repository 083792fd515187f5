// "When" for reminders, as people type it: "in 10 minutes", "in 2 hours", "tomorrow 09:00",
// "friday 5pm", "17:30", "2026-11-24 08:00". Read in the local's time zone (UNION_TIME_ZONE).
import { addLocalDays, isTimeZone, localParts, zonedToUtc, type LocalTime } from "../../db/cron.ts";
import { DEFAULT_TIME_ZONE } from "../../db/jobs.ts";
import { createFormatter } from "../core/format.ts";

/** The local's time zone: UNION_TIME_ZONE, or America/Los_Angeles. */
export function unionTimeZone(env: NodeJS.ProcessEnv = process.env): string {
  const tz = env.UNION_TIME_ZONE;
  return tz && isTimeZone(tz) ? tz : DEFAULT_TIME_ZONE;
}

export type WhenResult = { ok: true; at: Date } | { ok: false; problem: "unreadable" | "past" | "tooFar" };

const units: Record<string, number> = {
  m: 60_000,
  min: 60_000,
  mins: 60_000,
  minute: 60_000,
  minutes: 60_000,
  h: 3_600_000,
  hr: 3_600_000,
  hrs: 3_600_000,
  hour: 3_600_000,
  hours: 3_600_000,
  d: 86_400_000,
  day: 86_400_000,
  days: 86_400_000,
  w: 604_800_000,
  wk: 604_800_000,
  week: 604_800_000,
  weeks: 604_800_000,
};
const weekdays = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"];
export const MAX_AHEAD_MS = 366 * 86_400_000;
const DEFAULT_HOUR = 9;

/** "09:00", "9:30", "9am", "5 pm", "17h" → hour and minute; undefined for an empty string, null if unreadable. */
function clockTime(s: string | undefined): { hour: number; minute: number } | null | undefined {
  if (s === undefined || s.trim() === "") return undefined;
  const m = /^(?:at\s+)?(\d{1,2})(?:[:.h](\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)?$/.exec(s.trim());
  if (!m) return null;
  let hour = Number(m[1]);
  const minute = m[2] ? Number(m[2]) : 0;
  const ampm = m[3]?.[0];
  if (!m[2] && !ampm) return null; // a bare number is too ambiguous
  if (ampm) {
    if (hour < 1 || hour > 12) return null;
    hour = (hour % 12) + (ampm === "p" ? 12 : 0);
  }
  if (hour > 23 || minute > 59) return null;
  return { hour, minute };
}

function validDate(y: number, mo: number, d: number): boolean {
  const x = new Date(Date.UTC(y, mo - 1, d));
  return x.getUTCFullYear() === y && x.getUTCMonth() === mo - 1 && x.getUTCDate() === d;
}

/** Reads `text` as a moment after `now` in time zone `tz`. */
export function parseWhen(text: string, now: Date, tz: string): WhenResult {
  const s = text.trim().toLowerCase().replace(/\s+/g, " ");
  let at: Date | null = null;
  const today = localParts(now, tz);
  const day0: LocalTime = { year: today.year, month: today.month, day: today.day, hour: 0, minute: 0 };
  let m: RegExpExecArray | null;
  if ((m = /^in (\d{1,4}|an?|one) ?([a-z]+)$/.exec(s))) {
    const n = /^\d/.test(m[1]!) ? Number(m[1]) : 1;
    const unit = units[m[2]!];
    if (!unit || n < 1) return { ok: false, problem: "unreadable" };
    at = new Date(now.getTime() + n * unit);
  } else if ((m = /^(today|tonight|tomorrow)(?: (.+))?$/.exec(s))) {
    const time = clockTime(m[2]);
    if (time === null) return { ok: false, problem: "unreadable" };
    const day = m[1] === "tomorrow" ? addLocalDays(day0, 1) : day0;
    at = zonedToUtc({ ...day, ...(time ?? { hour: m[1] === "tonight" ? 19 : DEFAULT_HOUR, minute: 0 }) }, tz);
  } else if ((m = /^(\d{4})-(\d{2})-(\d{2})(?:[ t](.+))?$/.exec(s))) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const time = clockTime(m[4]);
    if (!validDate(y, mo, d) || time === null) return { ok: false, problem: "unreadable" };
    at = zonedToUtc({ year: y, month: mo, day: d, ...(time ?? { hour: DEFAULT_HOUR, minute: 0 }) }, tz);
  } else if ((m = /^(?:next |on )?([a-z]+?)(?:day)?(?: (.+))?$/.exec(s)) && weekdays.some((w) => w.startsWith(m![1]!) && m![1]!.length >= 3)) {
    const wd = weekdays.findIndex((w) => w.startsWith(m![1]!));
    const time = clockTime(m[2]);
    if (time === null) return { ok: false, problem: "unreadable" };
    const hm = time ?? { hour: DEFAULT_HOUR, minute: 0 };
    for (let i = 0; i <= 7 && !at; i++) {
      const day = addLocalDays(day0, i);
      if (new Date(Date.UTC(day.year, day.month - 1, day.day)).getUTCDay() !== wd) continue;
      const cand = zonedToUtc({ ...day, ...hm }, tz);
      if (cand > now) at = cand;
    }
  } else {
    const time = clockTime(s);
    if (!time) return { ok: false, problem: "unreadable" };
    at = zonedToUtc({ ...day0, ...time }, tz);
    if (at <= now) at = zonedToUtc({ ...addLocalDays(day0, 1), ...time }, tz);
  }
  if (!at || Number.isNaN(at.getTime())) return { ok: false, problem: "unreadable" };
  if (at.getTime() <= now.getTime()) return { ok: false, problem: "past" };
  if (at.getTime() - now.getTime() > MAX_AHEAD_MS) return { ok: false, problem: "tooFar" };
  return { ok: true, at };
}

const whenFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * "Tue 24 Nov 2026, 09:00 PST" in the given zone; in another language the reader's own way of
 * writing a date and time ("mar, 24 nov 2026, 9:00 GMT-8"), still in the local's zone.
 */
export function formatWhen(at: Date, tz: string, locale = "en"): string {
  if (locale !== "en") return createFormatter(locale, tz).dateTime(at);
  let f = whenFormats.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", { timeZone: tz, weekday: "short", day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZoneName: "short" });
    whenFormats.set(tz, f);
  }
  const p: Record<string, string> = {};
  for (const part of f.formatToParts(at)) p[part.type] = part.value;
  return `${p.weekday} ${p.day} ${p.month} ${p.year}, ${p.hour}:${p.minute} ${p.timeZoneName}`;
}

/** "in 5 minutes", "in 2 hours", "in 3 days" — roughly, for confirmations. */
export function formatIn(ms: number): { key: string; count: number } {
  const min = Math.max(1, Math.round(ms / 60_000));
  if (min < 90) return { key: "minutes", count: min };
  const h = Math.round(ms / 3_600_000);
  if (h < 36) return { key: "hours", count: h };
  return { key: "days", count: Math.round(ms / 86_400_000) };
}
