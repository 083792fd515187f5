// What the membership reports share: the scope as a filter, the place each scope is broken down
// by, the period's end and the one before it, and the cells read for them.
import { monthOfDay, shiftPeriod } from "../core/periods.ts";
import { data } from "../../db/data.ts";
import { countsBy, type CellCounts, type CellRange, type MemberFilter, type PlaceKey } from "../../db/reports-members.ts";
import { userError } from "../core/errors.ts";
import { readyMemberCells } from "../core/member-cells.ts";
import type { Translate } from "../core/i18n.ts";
import { describeScope } from "../core/roles.ts";
import type { ReportEnv } from "./model.ts";
import { effectiveEnd, previousPeriod, type Period } from "./period.ts";
import type { ReportScope } from "./scope.ts";

/** The breakdown a leader of each scope reads: a sub-local by worksite, a director by employer, staff by sub-local. */
export function placeKeyFor(scope: ReportScope): PlaceKey {
  return scope.kind === "statewide" ? "subLocalCode" : scope.kind === "sublocal" ? "worksite" : "employer";
}

/** "sub-local SL-083" in the reader's language (English without a translator: logs and rule names). */
export function scopeLabel(scope: ReportScope, t?: Translate): string {
  return describeScope({ scopeType: scope.kind, scopeId: scope.kind === "statewide" ? null : scope.id }, t);
}

export const represented = (c: CellCounts) => c.member + c.feePayer + c.nonMember + c.lapsed;
/** Not members among the people represented: fee payers are counted apart. */
export const nonMembers = (c: CellCounts) => c.nonMember + c.lapsed;

export interface MemberWindow {
  range: CellRange;
  /** Month-end the period is read at ("YYYY-MM"), and the previous period's. */
  endMonth: string;
  prevMonth: string;
  /** False when the records do not reach back to the previous period (no comparison possible). */
  comparable: boolean;
  now: Map<string, CellCounts>;
  before: Map<string, CellCounts>;
  /** Joins and drops summed over the period's months, by place. */
  flows: Map<string, { joined: number; left: number }>;
  key: PlaceKey;
}

/**
 * The membership cells, refusing a period that ends before the records start: "no records for
 * that period", never a report of zeros.
 */
export async function memberCells(env: ReportEnv, period: Period): Promise<{ range: CellRange; endMonth: string }> {
  const range = await readyMemberCells(env.store, { now: env.clock.now(), today: env.today, timeZone: env.fmt.timeZone });
  const endMonth = monthOfDay(effectiveEnd(period, env.today));
  if (endMonth < range.firstMonth) throw userError.notFound("report.errors.noRecords", { period: periodName(env, period), start: env.fmt.month(`${range.firstMonth}-01`) });
  return { range, endMonth };
}

export async function memberWindow(env: ReportEnv, scope: ReportScope, period: Period): Promise<MemberWindow> {
  const { range, endMonth } = await memberCells(env, period);
  const filter = scope as MemberFilter;
  const key = placeKeyFor(scope);
  const prevMonth = previousPeriod(period).months.at(-1)!;
  const db = data(env.store);
  const flows = new Map<string, { joined: number; left: number }>();
  for (let m = period.months[0]!; m <= endMonth; m = shiftPeriod(m, 1))
    for (const [k, c] of await countsBy(db, filter, m, key, range)) {
      const f = flows.get(k) ?? { joined: 0, left: 0 };
      f.joined += c.joined;
      f.left += c.left;
      flows.set(k, f);
    }
  return {
    range,
    endMonth,
    prevMonth,
    comparable: prevMonth >= range.firstMonth && range.firstMonth < period.months[0]!,
    now: await countsBy(db, filter, endMonth, key, range),
    before: await countsBy(db, filter, prevMonth, key, range),
    flows,
    key,
  };
}

export function sumCounts(maps: Iterable<CellCounts>): CellCounts {
  const out: CellCounts = { member: 0, feePayer: 0, nonMember: 0, retired: 0, lapsed: 0, cape: 0, noEmail: 0, noPhone: 0, joined: 0, left: 0 };
  for (const c of maps) for (const k of Object.keys(out) as (keyof CellCounts)[]) out[k] += c[k];
  return out;
}

/** A place's name as shown: "not on file" for an empty one. */
export function placeName(env: ReportEnv, k: string): string {
  return k === "" ? env.t("report.words.notOnFile") : k;
}

/** "November 2026" / "2026-Q4" / "2026": how a period is named in text. */
export function periodName(env: ReportEnv, p: Period): string {
  return p.kind === "month" ? env.fmt.month(`${p.months[0]}-01`) : p.code;
}
