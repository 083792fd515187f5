// The member-records confidentiality policy as rules. Pure functions over roles and requests;
// each is named in test/contacts/policy.test.ts after the paragraph it comes from.
import type { ContactColumn, ScopeRef } from "../../db/contacts.ts";
import { roleHoldersWithContacts } from "../../db/contacts.ts";
import type { PersonRecord } from "../../db/people.ts";
import type { Store } from "../../db/store.ts";
import type { ActiveRole, Role } from "../core/roles.ts";

export const PURPOSES = ["email", "mailing", "phone_bank", "campaign_outreach", "officer_election"] as const;
export type Purpose = (typeof PURPOSES)[number];

export const DEFAULT_DAYS = 14;
export const MAX_DAYS = 30;

/**
 * Data minimisation: the only columns a purpose may show in chat. Postal (home) addresses are never
 * shown: a mailing goes through the union's mail house (vendor export by staff). Sensitive fields
 * (birthdate, home address, home phone, home e-mail) appear in no list.
 */
export const PURPOSE_FIELDS: Record<Exclude<Purpose, "officer_election">, readonly ContactColumn[]> = {
  email: ["workEmail", "worksite"],
  phone_bank: ["workPhone", "worksite"],
  campaign_outreach: ["workEmail", "workPhone", "worksite"],
  mailing: ["worksite"],
};

export function fieldsFor(purpose: string, campaign: string | null): readonly ContactColumn[] {
  const base = PURPOSE_FIELDS[purpose as keyof typeof PURPOSE_FIELDS] ?? [];
  return campaign === "classification" ? [...base, "classification"] : base;
}

/**
 * Only the explicit purpose is refused outright. Free text is screened (election-screen.ts) and
 * the approver warned: words can't prove intent, and a contract ratification vote is union work.
 */
export function isOfficerElectionPurpose(purpose: string): boolean {
  return purpose === "officer_election";
}

/**
 * The scopes this person may ask for: sub-local officers their sub-local, directors their
 * employer group/region, and the statewide president and the executive director (or designee)
 * the whole membership, as the policy allows general requests "from" them.
 */
export function requestableScopes(roles: readonly ActiveRole[]): { scopeType: ScopeRef["scopeType"]; scopeId: string }[] {
  const out: { scopeType: ScopeRef["scopeType"]; scopeId: string }[] = [];
  const add = (scopeType: ScopeRef["scopeType"], scopeId: string | null) => {
    if (scopeId && !out.some((s) => s.scopeType === scopeType && s.scopeId === scopeId)) out.push({ scopeType, scopeId });
  };
  for (const r of roles) {
    if (r.role === "sublocal_officer" && r.scopeType === "sublocal") add("sublocal", r.scopeId);
    if (r.role === "board_director" && (r.scopeType === "employer_group" || r.scopeType === "region")) add(r.scopeType, r.scopeId);
    if (FALLBACK.includes(r.role)) add("statewide", "all");
  }
  return out;
}

export const scopeValue = (s: { scopeType: string; scopeId: string }) => `${s.scopeType}:${s.scopeId}`;

/**
 * Who decides: sub-local scope (also campaigns there) → that sub-local's president; a director's
 * scope → staff; a director's campaign → the appropriate-level officer, the statewide president.
 * The statewide president and the executive director or designee can always decide (fallback).
 */
export function routeFor(scope: Pick<ScopeRef, "scopeType" | "scopeId" | "campaign">): string {
  if (scope.scopeType === "sublocal") return `sublocal_president:${scope.scopeId}`;
  // A statewide request comes from the statewide president or the executive director: the other decides.
  if (scope.scopeType === "statewide") return "statewide";
  return scope.campaign ? "statewide" : "staff";
}

/**
 * A declared candidate asking during their election's nomination-to-ballot window: only the
 * executive director (or designee) decides, never a sub-local president or the statewide
 * president (who may be on the same ballot). An executive director who is a candidate goes to
 * the statewide route, where they can't decide their own.
 */
export function candidateRoute(requesterRoles: readonly ActiveRole[]): string {
  return requesterRoles.some((r) => r.role === "executive_director") ? "statewide" : "executive_director";
}

const FALLBACK: readonly Role[] = ["statewide_president", "executive_director"];

/** May this person decide a request with this route? Never their own request. */
export function mayDecide(roles: readonly ActiveRole[], personId: number, req: { route: string; requesterId: number }): boolean {
  if (personId === req.requesterId) return false;
  if (req.route === "executive_director") return roles.some((r) => r.role === "executive_director");
  if (roles.some((r) => FALLBACK.includes(r.role))) return true;
  if (req.route === "staff") return roles.some((r) => r.role === "staff");
  const m = /^sublocal_president:(.+)$/.exec(req.route);
  if (m) return roles.some((r) => r.role === "sublocal_officer" && r.office === "president" && r.scopeType === "sublocal" && r.scopeId === m[1]);
  return false;
}

/** The people a request's card goes to (never the requester). */
export async function approversOf(store: Store, req: { route: string; requesterId: number }, now: Date): Promise<{ id: number; memberNumber: string }[]> {
  const rows = [...(await roleHoldersWithContacts(store, req.route === "executive_director" ? ["executive_director"] : [...FALLBACK], now))];
  if (req.route === "staff") rows.push(...(await roleHoldersWithContacts(store, ["staff"], now)));
  const m = /^sublocal_president:(.+)$/.exec(req.route);
  if (m) rows.unshift(...(await roleHoldersWithContacts(store, ["sublocal_officer"], now, { scopeType: "sublocal", scopeId: m[1]! })).filter((r) => r.office === "president"));
  const seen = new Set<number>();
  return rows
    .map((r) => r.person)
    .filter((p) => p.id !== req.requesterId && !seen.has(p.id) && Boolean(seen.add(p.id)));
}

/** Scopes whose access log an approver may read; "all" for staff and statewide officers; [] for anyone else. */
export function auditScopes(roles: readonly ActiveRole[]): { scopeType: string; scopeId: string }[] | "all" {
  if (roles.some((r) => r.role === "staff" || FALLBACK.includes(r.role))) return "all";
  return roles.filter((r) => r.role === "sublocal_officer" && r.office === "president" && r.scopeId).map((r) => ({ scopeType: "sublocal", scopeId: r.scopeId! }));
}

/** Leadership contacts are for members: "available to members upon their request". */
export function isMember(p: PersonRecord): boolean {
  return p.membershipStatus === "member";
}
