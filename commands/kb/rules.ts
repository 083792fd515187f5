// Who sees and who may change a knowledge-base document: pure rules over the roles a person holds.
import type { PersonRecord } from "../../db/people.ts";
import type { ActiveRole } from "../core/roles.ts";
import { isStaff } from "../core/roles.ts";
import type { KbViewer } from "../../db/kb-access.ts";

export const KINDS = ["history", "officer_guide", "training", "flyer", "infographic", "logo", "contract", "policy", "minutes", "form"] as const;
export type Kind = (typeof KINDS)[number];

/** From the widest audience to the narrowest; a person sees every audience up to their own. */
export const AUDIENCES = ["everyone", "members", "stewards", "officers", "staff"] as const;
export type Audience = (typeof AUDIENCES)[number];

export const audienceRank = (a: Audience): number => AUDIENCES.indexOf(a);

const OFFICER_ROLES = ["sublocal_officer", "board_director", "statewide_president"] as const;
const STEWARD_ROLES = ["steward", "chief_steward"] as const;

/** The narrowest audience this person belongs to. */
export function audienceOf(person: Pick<PersonRecord, "membershipStatus">, roles: readonly ActiveRole[]): Audience {
  if (isStaff(roles)) return "staff";
  if (roles.some((r) => (OFFICER_ROLES as readonly string[]).includes(r.role))) return "officers";
  if (roles.some((r) => (STEWARD_ROLES as readonly string[]).includes(r.role))) return "stewards";
  if (person.membershipStatus === "member") return "members";
  return "everyone";
}

/** Staff, board directors and the statewide president see every sub-local's own documents. */
export function seesAllSubLocals(roles: readonly ActiveRole[]): boolean {
  return isStaff(roles) || roles.some((r) => r.role === "board_director" || r.role === "statewide_president");
}

/** The sub-locals whose documents this person may add: null = any (staff), [] = none. */
export function addableSubLocals(roles: readonly ActiveRole[]): string[] | null {
  if (isStaff(roles)) return null;
  return roles.filter((r) => r.role === "sublocal_officer" && r.scopeId).map((r) => r.scopeId!);
}

/** The audiences this person may publish to: staff any; officers up to officers. */
export function publishableAudiences(roles: readonly ActiveRole[]): Audience[] {
  if (isStaff(roles)) return [...AUDIENCES];
  if (addableSubLocals(roles)?.length) return AUDIENCES.filter((a) => a !== "staff");
  return [];
}

/**
 * The audiences an editor may choose for a document that has `current`: those they may publish to,
 * never wider than their own, and always the one it has (so saving the form cannot widen it by
 * dropping a choice). Only a document they may see reaches an edit form, so `current` is theirs too.
 */
export function editAudiences(person: Pick<PersonRecord, "membershipStatus">, roles: readonly ActiveRole[], current: Audience): Audience[] {
  const own = audienceRank(audienceOf(person, roles));
  const publishable = publishableAudiences(roles);
  return AUDIENCES.filter((a) => a === current || (publishable.includes(a) && audienceRank(a) <= own));
}

/**
 * Who is looking, for the knowledge base's guarded reads (db/kb-access.ts): the audience they
 * belong to, the sub-locals whose own documents they see (theirs and those they hold a role in),
 * and what they may change (staff anything they see; officers their sub-local's; everyone their own).
 */
export function kbViewer(
  person: Pick<PersonRecord, "id" | "membershipStatus" | "subLocalId">,
  roles: readonly ActiveRole[],
  subLocalIdOf: (code: string) => number | undefined,
): KbViewer {
  const scoped = (pick: (r: ActiveRole) => boolean) =>
    roles.filter((r) => r.scopeType === "sublocal" && r.scopeId !== null && pick(r)).map((r) => subLocalIdOf(r.scopeId!)).filter((id): id is number => id !== undefined);
  const own = person.subLocalId === null ? [] : [person.subLocalId];
  return {
    personId: person.id,
    audienceRank: audienceRank(audienceOf(person, roles)),
    subLocalIds: [...new Set([...own, ...scoped(() => true)])],
    seesAllSubLocals: seesAllSubLocals(roles),
    editsAll: isStaff(roles),
    editsSubLocalIds: [...new Set(scoped((r) => r.role === "sublocal_officer"))],
  };
}

/** The next review date: one year after `day` (YYYY-MM-DD), 29 February → 28 February. */
export function aYearOn(day: string): string {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  const next = new Date(Date.UTC(y + 1, m - 1, d));
  if (next.getUTCMonth() !== m - 1) next.setUTCDate(0);
  return next.toISOString().slice(0, 10);
}

/**
 * Why a YYYY-MM-DD day is not a real calendar day, or null when it is: "2027-02-30" is refused
 * (February 2027 has 28 days), never read as 2 March.
 */
export function dayProblem(day: string): { reason: "format" } | { reason: "month"; month: number } | { reason: "day"; year: number; month: number; days: number } | { reason: "year" } | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return { reason: "format" };
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 2000 || y > 2100) return { reason: "year" };
  if (mo < 1 || mo > 12) return { reason: "month", month: mo };
  const days = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  if (d < 1 || d > days) return { reason: "day", year: y, month: mo, days };
  return null;
}
