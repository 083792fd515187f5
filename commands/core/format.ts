// Dates, times, numbers, money and lists as a reader of one language expects them, always in the
// local's time zone (UNION_TIME_ZONE): a deadline "Friday 5 pm" means 5 pm where the union is, not
// where the server or the member happens to be. Intl formatters are costly to build, so each one is
// built once per (locale, zone, style) and reused.
import { isTimeZone } from "../../db/cron.ts";
import { DEFAULT_TIME_ZONE, unionTimeZone } from "../../db/zone.ts";

// The local's zone is read in db/zone.ts, which the data modules may import too.
export { DEFAULT_TIME_ZONE, unionTimeZone };

/** A calendar day written "YYYY-MM-DD" (no time, no zone), or an instant. */
export type DateInput = Date | string;

export interface Formatter {
  /** The BCP 47 tag these formats use ("en", "es", "vi", "zh-Hans", "ru"). */
  readonly locale: string;
  readonly timeZone: string;
  /** "Fri, Dec 4, 2026" / "vie, 4 dic 2026": a calendar day, or the local day of an instant. */
  date(d: DateInput): string;
  /** "Dec 4, 2026" without the weekday. */
  dateShort(d: DateInput): string;
  /** "Friday, December 4, 2026". */
  dateLong(d: DateInput): string;
  /** "Fri, Dec 4, 2026, 5:00 PM PST": an instant with the local zone's name. */
  dateTime(d: Date): string;
  /** "5:00 PM" in the local zone. */
  time(d: Date): string;
  /** "5:00 PM PST". */
  timeWithZone(d: Date): string;
  /** The weekday's name: "Friday". */
  weekday(d: DateInput): string;
  /** "Dec 2026" — for report periods. */
  month(d: DateInput): string;
  /** The short name of the local zone at that instant: "PST", "PDT", "GMT-8". */
  zoneName(at?: Date): string;
  /** The local calendar day of an instant, "YYYY-MM-DD". */
  localDay(at: Date): string;
  /** "today", "tomorrow", "in 5 days", "3 days ago": whole local days from today to `d`. */
  relativeDay(d: DateInput, now: Date): string;
  /** "in 5 minutes", "2 hours ago", "tomorrow" (numeric: auto) for a count of `unit`s. */
  relative(value: number, unit: Intl.RelativeTimeFormatUnit): string;
  /** 1,234.5 / 1.234,5 / 1 234,5. */
  number(n: number, opts?: Intl.NumberFormatOptions): string;
  /** Integer cents as money: 123456 → "$1,234.56" (USD unless another ISO currency is given). */
  money(cents: number | bigint, currency?: string): string;
  /** A fraction as a percent: 0.125 → "12.5%" (up to `maxDigits` decimals, default 1). */
  percent(fraction: number, maxDigits?: number): string;
  /** ["a","b","c"] → "a, b, and c" / "a, b y c" / "a、b和c". */
  list(items: readonly string[], type?: "conjunction" | "disjunction" | "unit"): string;
  /** The plural category of `n` in this language ("one", "few", "many", "other"). */
  plural(n: number): Intl.LDMLPluralRule;
}

const cache = new Map<string, unknown>();
function cached<T>(key: string, make: () => T): T {
  let v = cache.get(key) as T | undefined;
  if (v === undefined) {
    v = make();
    cache.set(key, v);
  }
  return v;
}

const dayRe = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * A calendar day is formatted as midnight UTC in UTC, so "2026-12-04" is the 4th everywhere; an
 * instant is formatted in the local zone. Returns the date to format and the zone to format it in.
 */
function dayAndZone(d: DateInput, tz: string): [Date, string] {
  if (typeof d === "string") {
    const m = dayRe.exec(d);
    if (m) return [new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))), "UTC"];
    return [new Date(d), tz];
  }
  return [d, tz];
}

// The option sets below are named once, so looking up their formatter serialises nothing; any
// other options object is keyed by its content (never by identity, which would grow the cache).
const optionNames = new WeakMap<Intl.DateTimeFormatOptions, string>();
function dtf(locale: string, tz: string, opts: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const name = optionNames.get(opts) ?? JSON.stringify(opts);
  return cached(`dtf|${locale}|${tz}|${name}`, () => new Intl.DateTimeFormat(locale, { ...opts, timeZone: tz }));
}

const DATE: Intl.DateTimeFormatOptions = { weekday: "short", year: "numeric", month: "short", day: "numeric" };
const DATE_SHORT: Intl.DateTimeFormatOptions = { year: "numeric", month: "short", day: "numeric" };
const DATE_LONG: Intl.DateTimeFormatOptions = { weekday: "long", year: "numeric", month: "long", day: "numeric" };
const TIME: Intl.DateTimeFormatOptions = { hour: "numeric", minute: "2-digit" };
const MONTH: Intl.DateTimeFormatOptions = { year: "numeric", month: "short" };
const DATE_TIME_ZONE: Intl.DateTimeFormatOptions = { ...DATE, ...TIME, timeZoneName: "short" };
const DATE_TIME: Intl.DateTimeFormatOptions = { ...DATE, ...TIME };
const TIME_ZONE_NAME: Intl.DateTimeFormatOptions = { ...TIME, timeZoneName: "short" };
const WEEKDAY: Intl.DateTimeFormatOptions = { weekday: "long" };
const ZONE_ONLY: Intl.DateTimeFormatOptions = { timeZoneName: "short" };
const ISO_DAY: Intl.DateTimeFormatOptions = { year: "numeric", month: "2-digit", day: "2-digit" };
const CLOCK_24: Intl.DateTimeFormatOptions = { hour: "2-digit", minute: "2-digit", hourCycle: "h23" };
for (const [name, o] of Object.entries({ DATE_TIME, DATE, DATE_SHORT, DATE_LONG, TIME, MONTH, DATE_TIME_ZONE, TIME_ZONE_NAME, WEEKDAY, ZONE_ONLY, ISO_DAY, CLOCK_24 })) optionNames.set(o, name);

/** Days between two calendar days "YYYY-MM-DD" (b − a). */
function dayDiff(a: string, b: string): number {
  const [ay, am, ad] = a.split("-").map(Number) as [number, number, number];
  const [by, bm, bd] = b.split("-").map(Number) as [number, number, number];
  return Math.round((Date.UTC(by, bm - 1, bd) - Date.UTC(ay, am - 1, ad)) / 86_400_000);
}

/** Integer cents as an exact decimal string ("-1234.05"), so large sums never pass through floats. */
function centsToDecimal(cents: number | bigint): string {
  const c = typeof cents === "bigint" ? cents : BigInt(Math.round(cents));
  const neg = c < 0n;
  const abs = neg ? -c : c;
  return `${neg ? "-" : ""}${abs / 100n}.${String(abs % 100n).padStart(2, "0")}`;
}

/**
 * The Intl locale for one of our languages, as the union's members write: they live in the United
 * States, so Spanish is US Spanish ("$36,112.50", not Spain's "36.112,50 US$") and English is US
 * English. The other languages keep their own conventions.
 */
export function intlTag(locale: string): string {
  if (locale === "es" || locale.startsWith("es-")) return "es-US";
  if (locale === "en") return "en-US";
  return locale;
}

/** Formatting for one language in one time zone. Cheap to call repeatedly: formatters are shared. */
export function createFormatter(locale: string, timeZone: string = unionTimeZone()): Formatter {
  const tz = isTimeZone(timeZone) ? timeZone : DEFAULT_TIME_ZONE;
  const ours = cached(`supported|${locale}`, () => (Intl.DateTimeFormat.supportedLocalesOf([locale]).length > 0 ? locale : "en"));
  const lng = intlTag(ours);
  // One time-zone style in every language: the local's own abbreviation ("PST", "PDT"), as the
  // union writes it, where some languages' data would say "GMT-8" and others "PST".
  const zone = (at: Date) => dtf("en-US", tz, ZONE_ONLY).formatToParts(at).find((p) => p.type === "timeZoneName")?.value ?? tz;
  const localDay = (at: Date) => dtf("en-CA", tz, ISO_DAY).format(at);
  const rtf = cached(`rtf|${lng}`, () => new Intl.RelativeTimeFormat(lng, { numeric: "auto" }));
  const plurals = cached(`pr|${lng}`, () => new Intl.PluralRules(lng));
  const onDay = (d: DateInput, opts: Intl.DateTimeFormatOptions) => {
    const [at, zone] = dayAndZone(d, tz);
    return dtf(lng, zone, opts).format(at);
  };
  const fmt: Formatter = {
    locale: ours,
    timeZone: tz,
    date: (d) => onDay(d, DATE),
    dateShort: (d) => onDay(d, DATE_SHORT),
    dateLong: (d) => onDay(d, DATE_LONG),
    dateTime: (d) => `${dtf(lng, tz, DATE_TIME).format(d)} ${zone(d)}`,
    time: (d) => dtf(lng, tz, TIME).format(d),
    timeWithZone: (d) => `${dtf(lng, tz, TIME).format(d)} ${zone(d)}`,
    weekday: (d) => onDay(d, WEEKDAY),
    month: (d) => onDay(d, MONTH),
    zoneName: (at = new Date()) => zone(at),
    localDay,
    relativeDay: (d, now) => {
      const day = typeof d === "string" && dayRe.test(d) ? d : localDay(typeof d === "string" ? new Date(d) : d);
      return rtf.format(dayDiff(localDay(now), day), "day");
    },
    relative: (value, unit) => rtf.format(value, unit),
    number: (n, opts) => cached(`nf|${lng}|${JSON.stringify(opts ?? {})}`, () => new Intl.NumberFormat(lng, opts)).format(n),
    money: (cents, currency = "USD") =>
      cached(`money|${lng}|${currency}`, () => new Intl.NumberFormat(lng, { style: "currency", currency })).format(centsToDecimal(cents) as unknown as number),
    percent: (fraction, maxDigits = 1) =>
      cached(`pct|${lng}|${maxDigits}`, () => new Intl.NumberFormat(lng, { style: "percent", maximumFractionDigits: maxDigits })).format(fraction),
    list: (items, type = "conjunction") => {
      const lf = cached(`lf|${lng}|${type}`, () => new Intl.ListFormat(lng, { style: "long", type }));
      return lng.startsWith("zh") ? spacedChineseList(lf.formatToParts(items)) : lf.format(items);
    },
    plural: (n) => plurals.select(n),
  };
  return fmt;
}

const hanChar = /\p{Script=Han}/u;
const latinChar = /[A-Za-z0-9%]/;

/**
 * A Chinese list joined the way every Chinese sentence of ours is: a space where the joining word
 * ("和", "或") meets Latin letters or digits ("SL-730（80%）和 SL-920"), none beside Chinese or
 * full-width punctuation ("塞勒姆（80%）和波特兰", "SL-730、SL-920"). The items stay as written.
 */
function spacedChineseList(parts: readonly { type: string; value: string }[]): string {
  let out = "";
  for (const p of parts) {
    const before = out.at(-1) ?? "";
    const first = p.value[0] ?? "";
    if ((hanChar.test(before) && latinChar.test(first)) || (latinChar.test(before) && hanChar.test(first))) out += " ";
    out += p.value;
  }
  return out;
}

/**
 * "2026-11-23 09:00 PST": an instant as the local's clock shows it, digits only, the same in every
 * language (history lines, audit entries, "decided at" notes).
 */
export function localStamp(d: Date, timeZone: string = unionTimeZone()): string {
  const tz = isTimeZone(timeZone) ? timeZone : DEFAULT_TIME_ZONE;
  const day = dtf("en-CA", tz, ISO_DAY).format(d);
  const time = dtf("en-GB", tz, CLOCK_24).format(d);
  const zone = dtf("en-US", tz, ZONE_ONLY).formatToParts(d).find((p) => p.type === "timeZoneName")?.value ?? tz;
  return `${day} ${time} ${zone}`;
}
