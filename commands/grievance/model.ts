// Shared pieces of the grievance area: vocabularies, loading a case with its contract and
// deadlines, permission checks that throw polite errors, and formatting.
import {
  caseEvents,
  caseExtensions,
  contractById,
  ensureGrievanceDefaults,
  grievanceByRef,
  type ContractRow,
  type ExtensionRow,
  type GrievanceRow,
} from "../../db/grievances.ts";
import type { Db } from "../../db/data.ts";
import { holidayDates } from "../../db/holidays.ts";
import type { Store } from "../../db/store.ts";
import type { LinkedCtx } from "../core/command.ts";
import { userError } from "../core/errors.ts";
import { localStamp, type Formatter } from "../core/format.ts";
import type { Translate } from "../core/i18n.ts";
import {
  DEFAULT_CONTRACTS,
  STEPS,
  caseDeadlines,
  contractHolidays,
  contractRulesSchema,
  localDate,
  type ContractRules,
  type Deadline,
  type HolidaySet,
} from "./deadlines.ts";
import { defaultHolidays } from "../core/calendar.ts";
import { mayOnCase, type CaseScope, type GrievanceAction } from "./permissions.ts";

export const CATEGORIES = ["discipline", "pay", "scheduling", "overtime", "leave", "safety", "discrimination", "contracting_out", "other"] as const;
export type Category = (typeof CATEGORIES)[number];
export const OUTCOMES = ["settled", "withdrawn", "granted", "denied", "resolved"] as const;
export type Outcome = (typeof OUTCOMES)[number];

export const TIME_ZONE = "America/Los_Angeles";
const refRe = /^G-\d{4}-\d{4,6}$/i;

/** Contracts and holidays are seeded the first time anything in the area runs. */
const seeded = new WeakSet<Store>();
export async function ensureDefaults(store: Store): Promise<void> {
  if (seeded.has(store)) return;
  await ensureGrievanceDefaults(store, { contracts: DEFAULT_CONTRACTS, holidays: defaultHolidays() });
  seeded.add(store);
}

export function today(ctx: { clock: { now(): Date } }): string {
  return localDate(ctx.clock.now(), TIME_ZONE);
}

export function parseRules(c: ContractRow): ContractRules {
  return contractRulesSchema.parse(JSON.parse(c.rules));
}

export function caseScope(g: GrievanceRow): CaseScope {
  return { grievantId: g.grievantId, stewardId: g.stewardId, subLocalCode: g.subLocalCode, employerGroup: g.employerGroup, region: g.region, status: g.status };
}

export interface LoadedCase {
  g: GrievanceRow;
  contract: ContractRow;
  rules: ContractRules;
  holidays: HolidaySet;
  extensions: ExtensionRow[];
  deadlines: Deadline[];
}

/** A case's deadlines, counted with the union's `holidays` (read by the caller, once for many cases). */
export async function deadlinesOf(db: Db, g: GrievanceRow, holidays: HolidaySet): Promise<Omit<LoadedCase, "g">> {
  const contract = (await contractById(db, g.contractId))!;
  const rules = parseRules(contract);
  // The contract's own calendar on top of the state's: what its working days are counted with.
  const hs = contractHolidays(holidays, rules);
  const extensions = await caseExtensions(db, g.id);
  const deadlines = caseDeadlines(
    {
      stepNo: g.stepNo,
      status: g.status,
      learnedDate: g.learnedDate,
      incidentDate: g.incidentDate,
      disciplineDate: g.disciplineDate,
      filedOn: g.filedOn,
      stepStartedOn: g.stepStartedOn,
      stepReceivedOn: g.stepReceivedOn,
      meetingHeldOn: g.meetingHeldOn,
      responseReceivedOn: g.responseReceivedOn,
    },
    rules,
    hs,
    extensions,
  );
  return { contract, rules, holidays: hs, extensions, deadlines };
}

/**
 * Loads a case the caller may act on. A case they may not even see is reported as not found,
 * so references cannot be probed.
 */
export async function loadCase(ctx: LinkedCtx, ref: string, action: GrievanceAction): Promise<LoadedCase> {
  await ensureDefaults(ctx.store);
  const r = ref.trim().toUpperCase();
  if (!refRe.test(r)) throw userError.invalid("grievance.errors.badRef", { ref: ref.slice(0, 20) });
  const g = await grievanceByRef(ctx.db, r);
  if (!g || !mayOnCase(ctx.roles, ctx.person.id, "view", caseScope(g))) throw userError.notFound("grievance.errors.notFound", { ref: r });
  if (!mayOnCase(ctx.roles, ctx.person.id, action, caseScope(g))) {
    if (g.status === "closed") throw userError.conflict("grievance.errors.closed", { ref: g.ref });
    throw userError.notAllowed("grievance.errors.notAllowed", { action: ctx.t(`grievance.actions.${action}`), ref: g.ref });
  }
  return { g, ...(await deadlinesOf(ctx.db, g, await holidayDates(ctx.db))) };
}

export function stepLabel(t: Translate, stepNo: number): string {
  return t(`grievance.steps.${STEPS[stepNo] ?? "informal"}`);
}

/** "Fri 2026-12-04" in English; in another language its own short weekday and date ("vie, 4 dic 2026"). */
export function fmtDate(d: string, fmt?: Formatter): string {
  if (fmt && fmt.locale !== "en") return fmt.date(d);
  const wd = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"][new Date(`${d}T00:00:00Z`).getUTCDay()];
  return `${wd} ${d}`;
}

/** A moment in the same style as fmtDate: "2026-11-23 09:00 PST" in English, the reader's own date and time otherwise. */
export function fmtStamp(at: Date, fmt: Formatter): string {
  return fmt.locale === "en" ? localStamp(at, fmt.timeZone) : fmt.dateTime(at);
}

export function events(db: Db, id: number) {
  return caseEvents(db, id);
}

export { firstStep, nextStep } from "./deadlines.ts";
