// Who may see and do what with a sub-local's rebate account: one pure set of rules, checked by
// every command, button and form (and again at click time). Deny by default.
import type { SubLocalInfo } from "../../db/rebate.ts";
import type { ActiveRole, Role } from "../core/roles.ts";

/** Treasury staff act on requests, statements and disputes; the executive director is the escalation. */
export const TREASURY_STAFF: readonly Role[] = ["treasury_staff", "staff", "executive_director"];
/** Statewide readers of every account. */
const STATEWIDE_READERS: readonly Role[] = [...TREASURY_STAFF, "statewide_president"];
/** The two officers who sign for a sub-local's money. */
export const SIGNING_OFFICES = ["president", "treasurer"] as const;
export type SigningOffice = (typeof SIGNING_OFFICES)[number];

/** Everyone the area's commands are open to (the finer check is per sub-local). */
export const AREA_ROLES: readonly Role[] = ["sublocal_officer", "board_director", ...STATEWIDE_READERS];

export function isTreasuryStaff(roles: readonly ActiveRole[]): boolean {
  return roles.some((r) => TREASURY_STAFF.includes(r.role));
}

/** The caller's signing office in this sub-local, if any. */
export function signingOffice(roles: readonly ActiveRole[], code: string): SigningOffice | null {
  const r = roles.find((x) => x.role === "sublocal_officer" && x.scopeType === "sublocal" && x.scopeId === code && SIGNING_OFFICES.includes(x.office as SigningOffice));
  return (r?.office as SigningOffice | undefined) ?? null;
}

/** Sub-locals where the caller is president or treasurer. */
export function signingSubLocals(roles: readonly ActiveRole[]): string[] {
  return [...new Set(roles.filter((r) => r.role === "sublocal_officer" && r.scopeType === "sublocal" && r.scopeId && SIGNING_OFFICES.includes(r.office as SigningOffice)).map((r) => r.scopeId!))];
}

/** May this person see the account (balance, statements, open items)? */
export function mayView(roles: readonly ActiveRole[], sl: Pick<SubLocalInfo, "code" | "employerGroup" | "region">): boolean {
  if (roles.some((r) => STATEWIDE_READERS.includes(r.role))) return true;
  if (signingOffice(roles, sl.code)) return true;
  return roles.some(
    (r) =>
      r.role === "board_director" &&
      ((r.scopeType === "employer_group" && r.scopeId !== null && r.scopeId === sl.employerGroup) || (r.scopeType === "region" && r.scopeId !== null && r.scopeId === sl.region)),
  );
}

/** Filing requests and disputes is for the sub-local's president and treasurer. */
export function mayFile(roles: readonly ActiveRole[], code: string): boolean {
  return signingOffice(roles, code) !== null;
}

/**
 * Whether to offer this person the co-signing buttons: they hold the signing office the requester
 * does not. (The guarded update in db/rebate-requests.ts is what enforces it.)
 */
export function mayCosign(roles: readonly ActiveRole[], r: { subLocalCode: string; requesterOffice: string | null }): boolean {
  const mine = roles.filter((x) => x.role === "sublocal_officer" && x.scopeType === "sublocal" && x.scopeId === r.subLocalCode).map((x) => x.office);
  return r.requesterOffice !== null && SIGNING_OFFICES.some((o) => o !== r.requesterOffice && mine.includes(o));
}

/**
 * Staff never decide what they asked for or signed themselves (a statement they requested, a
 * payment they filed or co-signed): another person on treasury staff decides.
 */
export function isPartyTo(personId: number, r: { requesterId: number | null; cosignerId?: number | null }): boolean {
  return r.requesterId === personId || r.cosignerId === personId;
}

/** The other signing office: the treasurer files, the president co-signs, or the reverse. */
export function otherOffice(o: SigningOffice): SigningOffice {
  return o === "president" ? "treasurer" : "president";
}

/** The sub-locals among `all` this person may see. */
export function visibleSubLocals<S extends Pick<SubLocalInfo, "code" | "employerGroup" | "region">>(roles: readonly ActiveRole[], all: readonly S[]): S[] {
  return all.filter((s) => mayView(roles, s));
}
