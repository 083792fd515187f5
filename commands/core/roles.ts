// Roles, scopes and who may do what: pure functions over the roles a person holds now.
import type { Translate } from "./i18n.ts";

export const ROLES = [
  "member",
  "steward",
  "chief_steward",
  "sublocal_officer",
  "board_director",
  "staff",
  "treasury_staff",
  "project_committee",
  "executive_director",
  "statewide_president",
] as const;
export type Role = (typeof ROLES)[number];

export const SCOPE_TYPES = ["sublocal", "employer_group", "region", "statewide"] as const;
export type ScopeType = (typeof SCOPE_TYPES)[number];

export const OFFICES = ["president", "vice_president", "secretary", "treasurer", "bargaining_rep"] as const;
export type Office = (typeof OFFICES)[number];

export interface ActiveRole {
  role: Role;
  office: string | null;
  scopeType: ScopeType;
  scopeId: string | null;
}

/** Scope types a role can be held in. */
export const allowedScopes: Record<Role, readonly ScopeType[]> = {
  member: ["sublocal"],
  steward: ["sublocal"],
  chief_steward: ["sublocal"],
  sublocal_officer: ["sublocal"],
  board_director: ["employer_group", "region"],
  staff: ["statewide"],
  treasury_staff: ["statewide"],
  project_committee: ["statewide"],
  executive_director: ["statewide"],
  statewide_president: ["statewide"],
};

/** Who may run something. There is no default: every command and action states it. */
export type Access = { anyone: true } | { linked: true } | { roles: readonly Role[] };

export const STAFF: readonly Role[] = ["staff", "executive_director"];

export function holds(roles: readonly ActiveRole[], role: Role, scope?: { scopeType: ScopeType; scopeId: string | null }): boolean {
  return roles.some((r) => r.role === role && (!scope || (r.scopeType === scope.scopeType && r.scopeId === scope.scopeId)));
}

export function isStaff(roles: readonly ActiveRole[]): boolean {
  return roles.some((r) => STAFF.includes(r.role));
}

export function allows(access: Access, linked: boolean, roles: readonly ActiveRole[]): boolean {
  if ("anyone" in access) return true;
  if (!linked) return false;
  if ("linked" in access) return true;
  return roles.some((r) => access.roles.includes(r.role));
}

/** Parses "SL-083", "sublocal:SL-083", "employer-group:NAME", "region:NAME", "statewide". */
export function parseScope(raw: string | undefined, role: Role): { scopeType: ScopeType; scopeId: string | null } | { error: string } {
  const allowed = allowedScopes[role];
  if (!raw || raw.trim() === "") {
    if (allowed.includes("statewide")) return { scopeType: "statewide", scopeId: null };
    return { error: "scopeRequired" };
  }
  const s = raw.trim();
  let scopeType: ScopeType;
  let scopeId: string | null;
  const m = /^(sublocal|sub-local|employer[-_ ]group|group|region|statewide)(?::(.+))?$/i.exec(s);
  if (m) {
    const kind = m[1]!.toLowerCase();
    scopeType = kind.startsWith("sub") ? "sublocal" : kind === "region" ? "region" : kind === "statewide" ? "statewide" : "employer_group";
    scopeId = scopeType === "statewide" ? null : (m[2]?.trim() ?? null);
    if (scopeType !== "statewide" && !scopeId) return { error: "scopeRequired" };
  } else {
    scopeType = "sublocal";
    scopeId = s.toUpperCase();
  }
  if (!allowed.includes(scopeType)) return { error: "scopeNotForRole" };
  return { scopeType, scopeId };
}

/**
 * "sub-local SL-083", "employer group Human Services", "region Mid-Valley", "statewide"; in the
 * reader's language when given their translator (without one: English, for logs, files and the CLI).
 */
export function describeScope(r: { scopeType: string; scopeId: string | null }, t?: (key: string, vars?: Record<string, unknown>) => string): string {
  if (t && ["statewide", "sublocal", "employer_group", "region"].includes(r.scopeType)) return t(`core.scopes.${r.scopeType}`, { id: r.scopeId ?? "" }).trim();
  if (r.scopeType === "statewide") return "statewide";
  const kind = r.scopeType === "sublocal" ? "sub-local" : r.scopeType === "employer_group" ? "employer group" : r.scopeType.replace(/_/g, " ");
  return `${kind} ${r.scopeId ?? ""}`.trim();
}

/** A role as people read it, with its office when it has one ("Sub-local officer (Treasurer)"). */
export function roleLabel(t: Translate, r: { role: string; office: string | null }): string {
  const base = t(`core.roles.${r.role}`);
  return r.office ? t("core.punct.aside", { text: base, aside: t(`core.offices.${r.office}`) }) : base;
}
