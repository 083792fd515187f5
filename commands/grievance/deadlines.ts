// Contract deadline maths. Pure functions over calendar days ("YYYY-MM-DD"): no clock, no
// database. A contract's timeline rules are data (stored per contract, editable by staff);
// this module turns them plus a case's dates, extensions and the holiday calendar into deadlines.
import { zonedToUtc } from "../../db/cron.ts";
import { z } from "zod";

export const STEPS = ["informal", "step1", "step2", "step3", "arbitration"] as const;
export type Step = (typeof STEPS)[number];
export const LAST_STEP = STEPS.length - 1;

export const ANCHORS = ["knew", "discipline", "incident", "filed", "response_received", "response_due"] as const;
export type Anchor = (typeof ANCHORS)[number];

export const windowSchema = z.object({
  days: z.number().int().min(0).max(365),
  count: z.enum(["calendar", "working"]),
  /** Counted from the earliest of these that is known ("whichever comes first"). */
  from: z.array(z.enum(ANCHORS)).min(1),
});
export type WindowRule = z.infer<typeof windowSchema>;

export const contractRulesSchema = z.object({
  filing: windowSchema,
  /** Per step (informal … step3): management's response window and the union's appeal window. */
  steps: z.partialRecord(z.enum(STEPS), z.object({ response: windowSchema.optional(), appeal: windowSchema.optional() })),
  /** A deadline on a weekend or holiday: timely on the next business day, or counted as is. */
  weekendRule: z.enum(["next_business_day", "none"]),
  /** Time of day (local) by which a deadline must be met. */
  cutoff: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/),
  timeZone: z.string(),
});
export type ContractRules = z.infer<typeof contractRulesSchema>;

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

function nthWeekday(year: number, month: number, dow: number, n: number): string {
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
function observed(d: string): string {
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

// ---- Time of day in the contract's time zone --------------------------------------------------

/** The instant of local wall time `date` `hh:mm` in `timeZone` (DST-aware, shared with the scheduler). */
export function zonedInstant(date: string, time: string, timeZone: string): Date {
  const [year, month, day] = date.split("-").map(Number) as [number, number, number];
  const [hour, minute] = time.split(":").map(Number) as [number, number];
  return zonedToUtc({ year, month, day, hour, minute }, timeZone);
}

/** The local calendar day of an instant in `timeZone`. */
export function localDate(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(at);
}

// ---- Windows and deadlines --------------------------------------------------------------------

export type AnchorDates = Partial<Record<Anchor, string | null | undefined>>;

/** The earliest known anchor of a window, or null when none is known yet. */
export function anchorOf(rule: WindowRule, anchors: AnchorDates): { anchor: Anchor; date: string } | null {
  let best: { anchor: Anchor; date: string } | null = null;
  for (const a of rule.from) {
    const d = anchors[a];
    if (d && (!best || d < best.date)) best = { anchor: a, date: d };
  }
  return best;
}

/** Applies a window to an anchor date: calendar or working days, then the weekend/holiday rule. */
export function windowEnd(rule: WindowRule, anchorDate: string, contract: Pick<ContractRules, "weekendRule">, holidays: HolidaySet): string {
  if (rule.count === "working") {
    const d = addBusinessDays(anchorDate, rule.days, holidays);
    return contract.weekendRule === "next_business_day" ? nextBusinessDay(d, holidays) : d;
  }
  const d = addDays(anchorDate, rule.days);
  return contract.weekendRule === "next_business_day" ? nextBusinessDay(d, holidays) : d;
}

export type DeadlineKind = "filing" | "response" | "appeal";

export interface ExtensionInput {
  stepNo: number;
  deadline: DeadlineKind;
  untilDate: string;
}

export interface Deadline {
  kind: DeadlineKind;
  stepNo: number;
  /** Who must act: the union (filing, appeal) or management (response). */
  party: "union" | "management";
  anchor: Anchor;
  anchorDate: string;
  /** What the contract gives before any extension. */
  baseDate: string;
  /** The deadline in force (after the latest extension and the weekend/holiday rule). */
  dueDate: string;
  /** `dueDate` at the contract's cut-off time. */
  dueAt: Date;
  extended: boolean;
  /** met: the thing happened; open: still to happen; provisional: depends on a date not yet known. */
  state: "met" | "open";
}

export interface CaseDates {
  stepNo: number;
  status: "open" | "closed";
  learnedDate: string;
  incidentDate: string;
  disciplineDate: string | null;
  filedOn: string;
  stepStartedOn: string;
  responseReceivedOn: string | null;
}

function latestExtension(exts: readonly ExtensionInput[], stepNo: number, kind: DeadlineKind): string | null {
  let best: string | null = null;
  for (const e of exts) if (e.stepNo === stepNo && e.deadline === kind && (!best || e.untilDate > best)) best = e.untilDate;
  return best;
}

function build(
  kind: DeadlineKind,
  stepNo: number,
  rule: WindowRule,
  anchors: AnchorDates,
  rules: ContractRules,
  holidays: HolidaySet,
  exts: readonly ExtensionInput[],
  met: boolean,
): Deadline | null {
  const a = anchorOf(rule, anchors);
  if (!a) return null;
  const baseDate = windowEnd(rule, a.date, rules, holidays);
  const ext = latestExtension(exts, stepNo, kind);
  const extendedTo = ext && ext > baseDate ? (rules.weekendRule === "next_business_day" ? nextBusinessDay(ext, holidays) : ext) : null;
  const dueDate = extendedTo ?? baseDate;
  return {
    kind,
    stepNo,
    party: kind === "response" ? "management" : "union",
    anchor: a.anchor,
    anchorDate: a.date,
    baseDate,
    dueDate,
    dueAt: zonedInstant(dueDate, rules.cutoff, rules.timeZone),
    extended: extendedTo !== null,
    state: met ? "met" : "open",
  };
}

/**
 * The deadlines of a case as it stands: the filing deadline (met once filed), and at the current
 * step management's response deadline and the union's appeal deadline. The appeal clock runs from
 * the response or from the day it was due, whichever comes first, as most contracts say.
 */
export function caseDeadlines(c: CaseDates, rules: ContractRules, holidays: HolidaySet, exts: readonly ExtensionInput[] = []): Deadline[] {
  const out: Deadline[] = [];
  const filing = build("filing", 0, rules.filing, { knew: c.learnedDate, incident: c.incidentDate, discipline: c.disciplineDate }, rules, holidays, exts, true);
  if (filing) out.push(filing);
  const stepRule = rules.steps[STEPS[c.stepNo]!];
  if (!stepRule || c.stepNo >= LAST_STEP) return out;
  const base: AnchorDates = { filed: c.stepStartedOn, knew: c.learnedDate, incident: c.incidentDate, discipline: c.disciplineDate };
  const closed = c.status === "closed";
  let responseDue: string | null = null;
  if (stepRule.response) {
    const r = build("response", c.stepNo, stepRule.response, base, rules, holidays, exts, closed || c.responseReceivedOn !== null);
    if (r) {
      out.push(r);
      responseDue = r.dueDate;
    }
  }
  if (stepRule.appeal) {
    const anchors: AnchorDates = { ...base, response_received: c.responseReceivedOn, response_due: responseDue };
    const a = build("appeal", c.stepNo, stepRule.appeal, anchors, rules, holidays, exts, closed);
    if (a) out.push(a);
  }
  return out;
}

/** Whether the deadline has passed at `now` (after its cut-off time) without being met. */
export function isOverdue(d: Deadline, now: Date): boolean {
  return d.state === "open" && now.getTime() > d.dueAt.getTime();
}

/** Working days left until the deadline's day, counted from today's date (0 on the day). */
export function businessDaysLeft(d: Deadline, today: string, holidays: HolidaySet): number {
  if (today >= d.dueDate) return -businessDaysBetween(d.dueDate, today, holidays);
  return businessDaysBetween(today, d.dueDate, holidays);
}

/** How loud a warning is for an open deadline: the union's own deadlines get louder sooner. */
export function urgency(d: Deadline, now: Date, today: string, holidays: HolidaySet): "overdue" | "critical" | "warning" | "normal" {
  if (d.state !== "open") return "normal";
  if (isOverdue(d, now)) return "overdue";
  const left = businessDaysLeft(d, today, holidays);
  if (d.party === "union") return left <= 2 ? "critical" : left <= 5 ? "warning" : "normal";
  return left <= 0 ? "warning" : "normal";
}

// ---- Defaults ---------------------------------------------------------------------------------

const w = (days: number, count: "calendar" | "working", ...from: Anchor[]): WindowRule => ({ days, count, from });

/** Sensible defaults modelled on Oregon public-sector contracts; staff edit them per contract. */
export const DEFAULT_CONTRACTS: { code: string; name: string; employerGroup: string | null; rules: ContractRules }[] = [
  {
    code: "STATE-2025",
    name: "State of Oregon master agreement 2025–2027",
    employerGroup: "Human Services",
    rules: {
      filing: w(30, "calendar", "knew", "discipline"),
      steps: {
        informal: { response: w(7, "calendar", "filed"), appeal: w(14, "calendar", "response_received", "response_due") },
        step1: { response: w(15, "calendar", "filed"), appeal: w(15, "calendar", "response_received", "response_due") },
        step2: { response: w(10, "working", "filed"), appeal: w(10, "working", "response_received", "response_due") },
        step3: { response: w(15, "calendar", "filed"), appeal: w(45, "calendar", "response_received", "response_due") },
      },
      weekendRule: "next_business_day",
      cutoff: "17:00",
      timeZone: "America/Los_Angeles",
    },
  },
  {
    code: "TRANSPORT-2025",
    name: "Transportation agreement 2025–2027",
    employerGroup: "Transportation",
    rules: {
      filing: w(20, "working", "knew", "discipline", "incident"),
      steps: {
        informal: { response: w(5, "working", "filed"), appeal: w(10, "working", "response_received", "response_due") },
        step1: { response: w(10, "working", "filed"), appeal: w(10, "working", "response_received", "response_due") },
        step2: { response: w(10, "working", "filed"), appeal: w(10, "working", "response_received", "response_due") },
        step3: { response: w(20, "working", "filed"), appeal: w(30, "working", "response_received", "response_due") },
      },
      weekendRule: "next_business_day",
      cutoff: "17:00",
      timeZone: "America/Los_Angeles",
    },
  },
  {
    code: "HIGHERED-2025",
    name: "Higher education agreement 2025–2027",
    employerGroup: "Higher Education",
    rules: {
      filing: w(30, "calendar", "knew", "discipline"),
      steps: {
        informal: { response: w(10, "calendar", "filed"), appeal: w(10, "calendar", "response_received", "response_due") },
        step1: { response: w(14, "calendar", "filed"), appeal: w(14, "calendar", "response_received", "response_due") },
        step2: { response: w(14, "calendar", "filed"), appeal: w(14, "calendar", "response_received", "response_due") },
        step3: { response: w(21, "calendar", "filed"), appeal: w(60, "calendar", "response_received", "response_due") },
      },
      weekendRule: "next_business_day",
      cutoff: "23:59",
      timeZone: "America/Los_Angeles",
    },
  },
  {
    code: "HOMECARE-2025",
    name: "Home care workers agreement 2025–2027",
    employerGroup: "Homecare",
    rules: {
      filing: w(30, "calendar", "knew", "incident"),
      steps: {
        step1: { response: w(14, "calendar", "filed"), appeal: w(14, "calendar", "response_received", "response_due") },
        step2: { response: w(14, "calendar", "filed"), appeal: w(14, "calendar", "response_received", "response_due") },
        step3: { response: w(30, "calendar", "filed"), appeal: w(30, "calendar", "response_received", "response_due") },
      },
      weekendRule: "next_business_day",
      cutoff: "17:00",
      timeZone: "America/Los_Angeles",
    },
  },
];

/** "30 calendar from knew|discipline" ⇄ WindowRule: how staff read and edit a window in chat. */
export function formatWindow(r: WindowRule): string {
  return `${r.days} ${r.count} from ${r.from.join("|")}`;
}
export function parseWindow(text: string): WindowRule | null {
  const m = /^\s*(\d{1,3})\s+(calendar|working)(?:\s+days?)?\s+from\s+([a-z_|, ]+)\s*$/i.exec(text);
  if (!m) return null;
  const from = m[3]!.split(/[|,]|\s+or\s+/).map((s) => s.trim().toLowerCase()).filter(Boolean);
  const parsed = windowSchema.safeParse({ days: Number(m[1]), count: m[2]!.toLowerCase(), from });
  return parsed.success ? parsed.data : null;
}
