// Contract deadline maths. Pure functions over calendar days ("YYYY-MM-DD"): no clock, no
// database. A contract's timeline rules are data (stored per contract, editable by staff);
// this module turns them plus a case's dates, extensions and the holiday calendar into deadlines.
import { z } from "zod";

export const STEPS = ["informal", "step1", "step2", "step3", "arbitration"] as const;
export type Step = (typeof STEPS)[number];
export const LAST_STEP = STEPS.length - 1;

/**
 * What a window counts from. `filed`: the day the grievance (or its appeal) was filed with
 * management at this step; `received`: the day management received it (presumed the filing day
 * until the steward records it); `meeting_held`: the day the step meeting took place.
 */
export const ANCHORS = ["knew", "discipline", "incident", "filed", "received", "meeting_held", "response_received", "response_due"] as const;
export type Anchor = (typeof ANCHORS)[number];

export const windowSchema = z.object({
  days: z.number().int().min(0).max(365),
  count: z.enum(["calendar", "working"]),
  /** Counted from the earliest of these that is known ("whichever comes first"). */
  from: z.array(z.enum(ANCHORS)).min(1),
});
export type WindowRule = z.infer<typeof windowSchema>;

export const DEADLINE_KINDS = ["filing", "meeting", "response", "appeal"] as const;
export type DeadlineKind = (typeof DEADLINE_KINDS)[number];

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);

/**
 * A day a contract adds to (or removes from) the state calendar: one date "2026-11-27", a date
 * every year "12-24" (observed like state holidays when it falls on a weekend), or a day counted
 * from Thanksgiving "thanksgiving+1" (the day after Thanksgiving, every year).
 */
export const daySpecSchema = z
  .string()
  .regex(/^(\d{4}-\d{2}-\d{2}|\d{2}-\d{2}|thanksgiving([+-][0-6])?)$/)
  .refine((d) => d.startsWith("thanksgiving") || isIsoDate(d.length === 5 ? `2024-${d}` : d), "not a day of the calendar");
export const calendarEntrySchema = z.object({ day: daySpecSchema, name: z.string().max(80) });

export const stepRuleSchema = z.object({
  /** Management must meet with the union within this window (when the contract says so). */
  meeting: windowSchema.optional(),
  response: windowSchema.optional(),
  appeal: windowSchema.optional(),
});
export type StepRule = z.infer<typeof stepRuleSchema>;

export const contractRulesSchema = z.object({
  filing: windowSchema,
  /** The steps this contract has (informal … step3; arbitration always ends it), each with its windows. */
  steps: z.partialRecord(z.enum(STEPS), stepRuleSchema),
  /** A deadline on a weekend or holiday: timely on the next business day, or counted as is. */
  weekendRule: z.enum(["next_business_day", "none"]),
  /** Time of day (local) by which a deadline must be met. */
  cutoff: hhmm,
  /** A different time for some kinds of deadline (e.g. filing by 17:00, a meeting by 23:59). */
  cutoffs: z.partialRecord(z.enum(DEADLINE_KINDS), hhmm).optional(),
  /** Days this contract closes on top of the state calendar, and state holidays it works. */
  calendar: z.object({ add: z.array(calendarEntrySchema).max(60), remove: z.array(calendarEntrySchema).max(60) }).optional(),
  timeZone: z.string(),
});
export type ContractRules = z.infer<typeof contractRulesSchema>;

// The calendar itself (business days, Oregon holidays, local wall time) is a core service shared
// with other areas; it is re-exported here so the deadline rules read as one vocabulary.
export {
  addBusinessDays,
  addDays,
  businessDaysBetween,
  daysBetween,
  isBusinessDay,
  isIsoDate,
  isWeekend,
  localDate,
  nextBusinessDay,
  oregonHolidays,
  weekday,
  zonedInstant,
  type HolidaySet,
} from "../core/calendar.ts";
import { addBusinessDays, addDays, businessDaysBetween, isIsoDate, nextBusinessDay, nthWeekday, observed, zonedInstant, type HolidaySet } from "../core/calendar.ts";

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

export interface ExtensionInput {
  stepNo: number;
  deadline: DeadlineKind;
  untilDate: string;
}

export interface Deadline {
  kind: DeadlineKind;
  stepNo: number;
  /** For an appeal: the step it goes to (the contract's next step, or arbitration). */
  toStep?: number;
  /** The local time of day it must be met by. */
  cutoff: string;
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
  /** When management received the grievance at this step; null: presumed the day it was filed. */
  stepReceivedOn?: string | null;
  meetingHeldOn?: string | null;
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
  const cutoff = cutoffFor(rules, kind);
  return {
    kind,
    stepNo,
    cutoff,
    party: kind === "response" || kind === "meeting" ? "management" : "union",
    anchor: a.anchor,
    anchorDate: a.date,
    baseDate,
    dueDate,
    dueAt: zonedInstant(dueDate, cutoff, rules.timeZone),
    extended: extendedTo !== null,
    state: met ? "met" : "open",
  };
}

export function cutoffFor(rules: Pick<ContractRules, "cutoff" | "cutoffs">, kind: DeadlineKind): string {
  return rules.cutoffs?.[kind] ?? rules.cutoff;
}

// ---- The contract's own steps ------------------------------------------------------------------

/** The step numbers a contract has, in order; arbitration always ends the list. */
export function contractSteps(rules: Pick<ContractRules, "steps">): number[] {
  const out: number[] = [];
  for (let i = 0; i < LAST_STEP; i++) if (rules.steps[STEPS[i]!]) out.push(i);
  out.push(LAST_STEP);
  return out;
}
/** Where a case starts: the contract's first step. */
export function firstStep(rules: Pick<ContractRules, "steps">): number {
  return contractSteps(rules)[0]!;
}
/** The step an appeal from `stepNo` goes to under this contract. */
export function nextStep(rules: Pick<ContractRules, "steps">, stepNo: number): number {
  return contractSteps(rules).find((s) => s > stepNo) ?? LAST_STEP;
}

// ---- The contract's own calendar --------------------------------------------------------------

/** The dates a day spec means in `year` (none when it names another year). */
export function daySpecDates(spec: string, year: number): string[] {
  if (/^\d{4}-\d{2}-\d{2}$/.test(spec)) return spec.startsWith(`${year}-`) && isIsoDate(spec) ? [spec] : [];
  if (/^\d{2}-\d{2}$/.test(spec)) {
    const d = `${year}-${spec}`;
    return isIsoDate(d) ? [observed(d)] : [];
  }
  const m = /^thanksgiving([+-]\d)?$/.exec(spec);
  if (m) return [addDays(nthWeekday(year, 11, 4, 4), Number(m[1] ?? 0))];
  return [];
}

const calendarCache = new WeakMap<HolidaySet, Map<string, HolidaySet>>();

/**
 * The holidays a contract counts with: the state calendar, plus the contract's own closures,
 * minus the state holidays the contract works. Years covered: those of the state calendar.
 */
export function contractHolidays(state: HolidaySet, rules: Pick<ContractRules, "calendar">): HolidaySet {
  const cal = rules.calendar;
  if (!cal || (cal.add.length === 0 && cal.remove.length === 0)) return state;
  const key = JSON.stringify(cal);
  let byCal = calendarCache.get(state);
  const hit = byCal?.get(key);
  if (hit) return hit;
  let lo = 9999;
  let hi = 0;
  for (const d of state) {
    const y = Number(d.slice(0, 4));
    if (y < lo) lo = y;
    if (y > hi) hi = y;
  }
  const years: number[] = [];
  for (const e of [...cal.add, ...cal.remove]) if (/^\d{4}-/.test(e.day)) years.push(Number(e.day.slice(0, 4)));
  if (lo > hi) lo = hi = new Date().getUTCFullYear();
  lo = Math.min(lo, ...years) - 1;
  hi = Math.max(hi, ...years) + 1;
  const out = new Set(state);
  for (let y = lo; y <= hi; y++) {
    for (const e of cal.remove) for (const d of daySpecDates(e.day, y)) out.delete(d);
    for (const e of cal.add) for (const d of daySpecDates(e.day, y)) out.add(d);
  }
  if (!byCal) calendarCache.set(state, (byCal = new Map()));
  byCal.set(key, out);
  return out;
}

/**
 * The deadlines of a case as it stands: the filing deadline (met once filed), and at the current
 * step the meeting and response deadlines (management's) and the appeal deadline (the union's).
 * Windows count from the real dates the steward recorded; the appeal clock runs from the response
 * or from the day it was due, whichever comes first, as most contracts say. `holidays` is the
 * state calendar: the contract's own closures are applied here.
 */
export function caseDeadlines(c: CaseDates, rules: ContractRules, stateHolidays: HolidaySet, exts: readonly ExtensionInput[] = []): Deadline[] {
  const holidays = contractHolidays(stateHolidays, rules);
  const out: Deadline[] = [];
  const filing = build("filing", 0, rules.filing, { knew: c.learnedDate, incident: c.incidentDate, discipline: c.disciplineDate }, rules, holidays, exts, true);
  if (filing) out.push(filing);
  const stepRule = rules.steps[STEPS[c.stepNo]!];
  if (!stepRule || c.stepNo >= LAST_STEP) return out;
  const base: AnchorDates = {
    filed: c.stepStartedOn,
    received: c.stepReceivedOn ?? c.stepStartedOn,
    meeting_held: c.meetingHeldOn ?? null,
    knew: c.learnedDate,
    incident: c.incidentDate,
    discipline: c.disciplineDate,
  };
  const closed = c.status === "closed";
  const answered = c.responseReceivedOn !== null;
  if (stepRule.meeting) {
    const m = build("meeting", c.stepNo, stepRule.meeting, base, rules, holidays, exts, closed || answered || !!c.meetingHeldOn);
    if (m) out.push(m);
  }
  let responseDue: string | null = null;
  if (stepRule.response) {
    const r = build("response", c.stepNo, stepRule.response, base, rules, holidays, exts, closed || answered);
    if (r) {
      out.push(r);
      responseDue = r.dueDate;
    }
  }
  if (stepRule.appeal) {
    const anchors: AnchorDates = { ...base, response_received: c.responseReceivedOn, response_due: responseDue };
    const a = build("appeal", c.stepNo, stepRule.appeal, anchors, rules, holidays, exts, closed);
    if (a) out.push({ ...a, toStep: nextStep(rules, c.stepNo) });
  }
  return out;
}

/**
 * What staff see when they change a rule: each window of the contract applied to one sample
 * date, as if the event it counts from happened that day.
 */
export function previewDeadlines(rules: ContractRules, stateHolidays: HolidaySet, sample: string): { window: string; from: string; due: string; cutoff: string }[] {
  const holidays = contractHolidays(stateHolidays, rules);
  const out = [{ window: "filing", from: sample, due: windowEnd(rules.filing, sample, rules, holidays), cutoff: cutoffFor(rules, "filing") }];
  for (const s of contractSteps(rules)) {
    const st = rules.steps[STEPS[s]!];
    if (!st) continue;
    for (const kind of ["meeting", "response", "appeal"] as const) {
      const w = st[kind];
      if (w) out.push({ window: `${STEPS[s]}.${kind}`, from: sample, due: windowEnd(w, sample, rules, holidays), cutoff: cutoffFor(rules, kind) });
    }
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
