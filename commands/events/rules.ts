// The events area's rules, pure: who may organise for which audience, who may see names, and
// how the form's "when" and "audience" are read.
import { isStaff, type ActiveRole } from "../core/roles.ts";
import { zonedToUtc } from "../../db/cron.ts";
import type { Audience } from "../../db/events.ts";

export const KINDS = ["meeting", "training", "rally", "phone_bank", "social", "other"] as const;
export type Kind = (typeof KINDS)[number];
export const AUDIENCE_TYPES = ["sublocal", "employer_group", "region", "statewide"] as const;
export type AudienceType = (typeof AUDIENCE_TYPES)[number];
export const REPEATS = ["none", "weekly", "monthly"] as const;

export interface Target {
  audienceType: AudienceType;
  audienceId: string | null;
}

const STATEWIDE_ROLES = ["statewide_president"];

/**
 * Officers organise for their own sub-local, board directors for their employer group or region
 * (and the sub-locals in it), staff and the statewide president anywhere.
 * `subLocal` is what the audience's sub-local belongs to, when the audience is a sub-local.
 */
export function mayOrganise(roles: readonly ActiveRole[], t: Target, subLocal?: Audience): boolean {
  if (isStaff(roles) || roles.some((r) => STATEWIDE_ROLES.includes(r.role))) return true;
  return roles.some((r) => {
    if (r.role === "sublocal_officer") return t.audienceType === "sublocal" && r.scopeId === t.audienceId;
    if (r.role === "board_director") {
      if (t.audienceType === r.scopeType) return t.audienceId === r.scopeId;
      if (t.audienceType !== "sublocal" || !subLocal) return false;
      return r.scopeType === "employer_group" ? subLocal.employerGroup === r.scopeId : r.scopeType === "region" && subLocal.region === r.scopeId;
    }
    return false;
  });
}

/** Anyone who may organise something at all (sees the create form). */
export const isOrganiser = (roles: readonly ActiveRole[]) => isStaff(roles) || roles.some((r) => ["sublocal_officer", "board_director", ...STATEWIDE_ROLES].includes(r.role));

/** Names and the check-in list are for the event's organiser and staff only. */
export const mayManage = (roles: readonly ActiveRole[], personId: number, e: { organiserId: number }) => e.organiserId === personId || isStaff(roles);

/** The default audience of an organiser: the sub-local or area they hold office in. */
export function defaultAudience(roles: readonly ActiveRole[]): Target {
  const officer = roles.find((r) => r.role === "sublocal_officer");
  if (officer) return { audienceType: "sublocal", audienceId: officer.scopeId };
  const director = roles.find((r) => r.role === "board_director");
  if (director && (director.scopeType === "employer_group" || director.scopeType === "region")) return { audienceType: director.scopeType, audienceId: director.scopeId };
  return { audienceType: "statewide", audienceId: null };
}

/** "SL-083", "group:Human Services", "region:Mid-Valley", "statewide"; undefined when unreadable. */
export function parseAudience(raw: string): Target | undefined {
  const s = raw.trim();
  if (/^statewide$/i.test(s)) return { audienceType: "statewide", audienceId: null };
  const m = /^(sub-?local|group|employer[ _-]?group|region)\s*:\s*(.{1,80})$/i.exec(s);
  if (m) {
    const k = m[1]!.toLowerCase();
    const id = m[2]!.trim();
    if (k.startsWith("sub")) return { audienceType: "sublocal", audienceId: id.toUpperCase() };
    return { audienceType: k === "region" ? "region" : "employer_group", audienceId: id };
  }
  if (/^SL-?\d{2,5}$/i.test(s)) return { audienceType: "sublocal", audienceId: s.toUpperCase().replace(/^SL(\d)/, "SL-$1") };
  return undefined;
}

export const audienceText = (t: Target) => (t.audienceType === "statewide" ? "statewide" : `${t.audienceType === "sublocal" ? "" : t.audienceType === "region" ? "region:" : "group:"}${t.audienceId}`);

const WHEN = /^(\d{4})-(\d{2})-(\d{2})[ T]+(\d{1,2}):(\d{2})\s*(?:-|–|to)\s*(\d{1,2}):(\d{2})$/i;

/** "2026-12-03 18:00-19:30" in the local's time zone → instants; undefined when unreadable or the end is not after the start. */
export function parseWhen(raw: string, timeZone: string): { startsAt: Date; endsAt: Date } | undefined {
  const m = WHEN.exec(raw.trim());
  if (!m) return undefined;
  const [y, mo, d, h1, mi1, h2, mi2] = m.slice(1).map(Number) as [number, number, number, number, number, number, number];
  if (mo < 1 || mo > 12 || d < 1 || d > new Date(Date.UTC(y, mo, 0)).getUTCDate() || h1 > 23 || h2 > 23 || mi1 > 59 || mi2 > 59) return undefined;
  const startsAt = zonedToUtc({ year: y, month: mo, day: d, hour: h1, minute: mi1 }, timeZone);
  const endsAt = zonedToUtc({ year: y, month: mo, day: d, hour: h2, minute: mi2 }, timeZone);
  return endsAt > startsAt ? { startsAt, endsAt } : undefined;
}

/** "2026-12-02 17:00" in the local's time zone. */
export function parseLocal(raw: string, timeZone: string): Date | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[ T]+(\d{1,2}):(\d{2}))?$/.exec(raw.trim());
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const h = m[4] ? Number(m[4]) : 23;
  const mi = m[5] ? Number(m[5]) : 59;
  if (mo < 1 || mo > 12 || d < 1 || d > new Date(Date.UTC(y, mo, 0)).getUTCDate() || h > 23 || mi > 59) return undefined;
  return zonedToUtc({ year: y, month: mo, day: d, hour: h, minute: mi }, timeZone);
}

/** Where: a web address is the online link, anything else the place; "link | place" gives both. */
export function parseWhere(raw: string): { link: string | null; place: string | null } {
  const parts = raw.split("|").map((p) => p.trim()).filter(Boolean);
  let link: string | null = null;
  const rest: string[] = [];
  for (const p of parts) {
    if (!link && /^https:\/\/[^\s<>"]{3,400}$/i.test(p)) link = p;
    else rest.push(p);
  }
  return { link, place: rest.join(" | ") || null };
}

/** Check-in is open from an hour before the start until twelve hours after the end. */
export const checkInOpen = (e: { startsAt: string; endsAt: string }, now: Date) => now.getTime() >= new Date(e.startsAt).getTime() - 3_600_000 && now.getTime() <= new Date(e.endsAt).getTime() + 12 * 3_600_000;

/** Answers are taken until the RSVP deadline (or the start); giving up a seat is always possible before the end. */
export function answerOpen(e: { startsAt: string; endsAt: string; rsvpDeadline: string | null }, answer: string, now: Date): boolean {
  if (answer === "cant") return now < new Date(e.endsAt);
  return now < new Date(e.rsvpDeadline ?? e.startsAt);
}
