// Report scopes and who may run or schedule a report for them: pure rules over the roles a person
// holds now. Deny by default: a scope outside the caller's own is refused.
import type { ActiveRole, Role } from "../core/roles.ts";

import { parseReportScope, type ReportScope } from "../core/report-scope.ts";

export type { ReportScope };

const STATEWIDE: readonly Role[] = ["staff", "executive_director", "statewide_president"];
const SUBLOCAL_READERS: readonly Role[] = ["steward", "chief_steward", "sublocal_officer"];

/** Everyone who may run some report (each report and scope is then checked). */
export const REPORT_READERS: readonly Role[] = [...SUBLOCAL_READERS, "board_director", ...STATEWIDE];
/** Who may schedule: staff and officers. */
export const REPORT_SCHEDULERS: readonly Role[] = ["sublocal_officer", "board_director", ...STATEWIDE];

/** "SL-083", "sublocal:SL-083", "employer-group:Human Services", "region:Lane", "statewide". */
export { parseReportScope };

function within(roles: readonly ActiveRole[], scope: ReportScope, allowed: readonly Role[]): boolean {
  if (roles.some((r) => STATEWIDE.includes(r.role) && allowed.includes(r.role))) return true;
  if (scope.kind === "statewide") return false;
  if (scope.kind === "sublocal") return roles.some((r) => allowed.includes(r.role) && r.scopeType === "sublocal" && r.scopeId === scope.id);
  return roles.some((r) => r.role === "board_director" && allowed.includes(r.role) && r.scopeType === scope.kind && r.scopeId === scope.id);
}

export const mayRunReport = (roles: readonly ActiveRole[], scope: ReportScope) => within(roles, scope, REPORT_READERS);
export const mayScheduleReport = (roles: readonly ActiveRole[], scope: ReportScope) => within(roles, scope, REPORT_SCHEDULERS);

/** The widest scope the person may run reports for, used when they name none. */
export function defaultScope(roles: readonly ActiveRole[]): ReportScope | null {
  if (roles.some((r) => STATEWIDE.includes(r.role))) return { kind: "statewide" };
  const d = roles.find((r) => r.role === "board_director" && r.scopeId);
  if (d) return { kind: d.scopeType as "employer_group" | "region", id: d.scopeId! };
  const s = roles.find((r) => r.scopeType === "sublocal" && r.scopeId && SUBLOCAL_READERS.includes(r.role));
  return s ? { kind: "sublocal", id: s.scopeId! } : null;
}

/** Stable key of a scope, for file names and schedule keys. */
export function scopeKey(s: ReportScope): string {
  return s.kind === "statewide" ? "statewide" : `${s.kind}-${s.id.replace(/[^A-Za-z0-9-]+/g, "-")}`;
}
