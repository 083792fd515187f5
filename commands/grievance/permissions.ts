// Who may do what with a grievance: one pure matrix, checked by every command, button and form
// (and again at click time). Deny by default: a role not named for an action may not do it.
import type { ActiveRole, Role } from "../core/roles.ts";

export const GRIEVANCE_ACTIONS = ["view", "file", "respond", "advance", "arbitrate", "extend", "note", "close", "reassign"] as const;
export type GrievanceAction = (typeof GRIEVANCE_ACTIONS)[number];

/** What a permission check needs to know about a case. */
export interface CaseScope {
  grievantId: number;
  stewardId: number | null;
  subLocalCode: string;
  employerGroup: string | null;
  region: string | null;
  status: "open" | "closed";
}

/** For each action, the roles that may do it within their sub-local (or statewide for staff). */
const SUBLOCAL_ROLES: Record<GrievanceAction, readonly Role[]> = {
  view: ["steward", "chief_steward", "sublocal_officer"],
  file: ["steward", "chief_steward"],
  respond: ["steward", "chief_steward"],
  advance: ["steward", "chief_steward"],
  // Taking a case to arbitration commits the union's money: chief stewards and staff only.
  arbitrate: ["chief_steward"],
  extend: ["steward", "chief_steward"],
  note: ["steward", "chief_steward"],
  close: ["steward", "chief_steward"],
  reassign: ["chief_steward"],
};
const STATEWIDE_ROLES: readonly Role[] = ["staff", "executive_director"];
/** Directors only read: their employer group or region. */
const DIRECTOR_ACTIONS: readonly GrievanceAction[] = ["view"];
/** The assigned steward acts on their case even when it sits outside their own sub-local. */
const ASSIGNED_ACTIONS: readonly GrievanceAction[] = ["view", "respond", "advance", "extend", "note", "close"];
const WRITE_ACTIONS: readonly GrievanceAction[] = ["respond", "advance", "arbitrate", "extend", "close", "reassign"];

export function mayOnCase(roles: readonly ActiveRole[], personId: number, action: GrievanceAction, c: CaseScope): boolean {
  // A closed case is read-only, apart from notes.
  if (c.status === "closed" && WRITE_ACTIONS.includes(action)) return false;
  if (roles.some((r) => STATEWIDE_ROLES.includes(r.role))) return true;
  if (roles.some((r) => r.scopeType === "sublocal" && r.scopeId === c.subLocalCode && SUBLOCAL_ROLES[action].includes(r.role))) return true;
  if (
    DIRECTOR_ACTIONS.includes(action) &&
    roles.some(
      (r) =>
        r.role === "board_director" &&
        ((r.scopeType === "employer_group" && r.scopeId === c.employerGroup) || (r.scopeType === "region" && r.scopeId === c.region)),
    )
  )
    return true;
  if (c.stewardId === personId && ASSIGNED_ACTIONS.includes(action) && roles.some((r) => r.role === "steward" || r.role === "chief_steward"))
    return true;
  // A member sees their own case, and nothing else.
  if (action === "view" && c.grievantId === personId) return true;
  return false;
}

/** May this person file a grievance for a member of `subLocalCode`? */
export function mayFileFor(roles: readonly ActiveRole[], subLocalCode: string | null): boolean {
  if (roles.some((r) => STATEWIDE_ROLES.includes(r.role))) return true;
  return subLocalCode !== null && roles.some((r) => r.scopeType === "sublocal" && r.scopeId === subLocalCode && SUBLOCAL_ROLES.file.includes(r.role));
}

/** Whether the person sees a case's internal notes (members see their case, not the stewards' notes). */
export function seesInternals(roles: readonly ActiveRole[], personId: number, c: CaseScope): boolean {
  return mayOnCase(roles, personId, "view", { ...c, grievantId: -1 });
}

/** Which cases a person may list, as a filter the database applies. */
export type ListScope =
  | { all: true }
  | { all?: false; subLocals: string[]; employerGroups: string[]; regions: string[]; stewardId: number | null };

export function listScope(roles: readonly ActiveRole[], personId: number): ListScope {
  if (roles.some((r) => STATEWIDE_ROLES.includes(r.role))) return { all: true };
  const subLocals = roles.filter((r) => r.scopeType === "sublocal" && r.scopeId && SUBLOCAL_ROLES.view.includes(r.role)).map((r) => r.scopeId!);
  const employerGroups = roles.filter((r) => r.role === "board_director" && r.scopeType === "employer_group" && r.scopeId).map((r) => r.scopeId!);
  const regions = roles.filter((r) => r.role === "board_director" && r.scopeType === "region" && r.scopeId).map((r) => r.scopeId!);
  const steward = roles.some((r) => r.role === "steward" || r.role === "chief_steward");
  return { subLocals, employerGroups, regions, stewardId: steward ? personId : null };
}

/** Report scopes: aggregated figures, no names. */
export type { ReportScope } from "../core/report-scope.ts";
import type { ReportScope } from "../core/report-scope.ts";

export function mayReport(roles: readonly ActiveRole[], scope: ReportScope): boolean {
  if (roles.some((r) => STATEWIDE_ROLES.includes(r.role) || r.role === "statewide_president")) return true;
  if (scope.kind === "statewide") return false;
  if (scope.kind === "sublocal")
    return roles.some((r) => r.scopeType === "sublocal" && r.scopeId === scope.id && ["steward", "chief_steward", "sublocal_officer"].includes(r.role));
  return roles.some((r) => r.role === "board_director" && r.scopeType === scope.kind && r.scopeId === scope.id);
}

/** The widest scope a person may report on, used when they don't name one. */
export function defaultReportScope(roles: readonly ActiveRole[]): ReportScope | null {
  if (roles.some((r) => STATEWIDE_ROLES.includes(r.role) || r.role === "statewide_president")) return { kind: "statewide" };
  const d = roles.find((r) => r.role === "board_director" && r.scopeId);
  if (d) return { kind: d.scopeType as "employer_group" | "region", id: d.scopeId! };
  const s = roles.find((r) => r.scopeType === "sublocal" && r.scopeId && ["steward", "chief_steward", "sublocal_officer"].includes(r.role));
  return s ? { kind: "sublocal", id: s.scopeId! } : null;
}
