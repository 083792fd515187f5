// The events area's rules, pure: who may organise for which audience, who may see names, and
// how the form's "when" and "audience" are read.
import { isStaff, type ActiveRole } from "../core/roles.ts";
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
export function mayOrganise(roles: readonly ActiveRole[], t: { audienceType: string; audienceId: string | null }, subLocal?: Audience): boolean {
  if (isStaff(roles) || roles.some((r) => STATEWIDE_ROLES.includes(r.role))) return true;
  return holdsOfficeOver(roles, t, subLocal);
}

/** An officer of the sub-local, or a board director over its employer group or region (or over that area itself). */
function holdsOfficeOver(roles: readonly ActiveRole[], t: { audienceType: string; audienceId: string | null }, subLocal?: Audience): boolean {
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

/**
 * Who may change an event (edit or cancel it): its organiser, staff, and the officers over its
 * audience (the sub-local's officers, the board directors over its employer group or region).
 * Names and exact counts stay with `mayManage`: changing an event does not open its list of people.
 */
export const mayChange = (roles: readonly ActiveRole[], personId: number, e: { audienceType: string; audienceId: string | null; organiserId: number }, subLocal?: Audience) =>
  mayManage(roles, personId, e) || holdsOfficeOver(roles, e, subLocal);

/**
 * The sub-locals, employer groups and regions whose events an organiser sees beyond their own
 * audience: a board director's area (and the sub-locals in it). Staff see every event by number.
 */
export function organisedScopes(roles: readonly ActiveRole[]): { employerGroups: string[]; regions: string[] } {
  const directors = roles.filter((r) => r.role === "board_director" && r.scopeId);
  return {
    employerGroups: directors.filter((r) => r.scopeType === "employer_group").map((r) => r.scopeId!),
    regions: directors.filter((r) => r.scopeType === "region").map((r) => r.scopeId!),
  };
}

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

/** Words that only name the online meeting service: "Zoom https://…" is a link, not a place called Zoom. */
const SERVICE = /^[\s(:\-–—]*(?:(?:on|via|by|en|por|qua|через)\s+)?(?:zoom(?: meeting| call)?|(?:ms |microsoft )?teams|google meet|meet|webex|jitsi|online|on ?line|virtual|video(?: call)?|link|enlace|en línea|trực tuyến|线上|在线|онлайн)[\s):\-–—]*$/iu;
const URL_IN = /(?:^|(?<=[\s(<:]))https:\/\/[^\s<>"]{3,400}/i;

/**
 * Where: a web address is the online link, anything else the place; "link | place" gives both. A
 * link written after the service's name ("Zoom https://…", "Teams: https://…") is the link alone:
 * the name of the service is not a place.
 */
export function parseWhere(raw: string): { link: string | null; place: string | null } {
  const parts = raw.split("|").map((p) => p.trim()).filter(Boolean);
  let link: string | null = null;
  const rest: string[] = [];
  for (const p of parts) {
    const url: RegExpExecArray | null = link ? null : URL_IN.exec(p);
    if (url) {
      // A sentence's full stop or a closing bracket after the address is not part of it.
      link = url[0].replace(/[).,;:!?>]+$/, "");
      const left = (p.slice(0, url.index) + p.slice(url.index + url[0].length)).replace(/\(\s*\)/g, "").replace(/^[\s:,.;\-–—)]+|[\s:,.;\-–—(]+$/g, "");
      if (left && !SERVICE.test(left)) rest.push(left);
    } else rest.push(p);
  }
  const place = link ? rest.filter((p) => !SERVICE.test(p)) : rest;
  return { link, place: place.join(" | ") || null };
}

/** Check-in is open from an hour before the start until twelve hours after the end. */
export const checkInOpen = (e: { startsAt: string; endsAt: string }, now: Date) => now.getTime() >= new Date(e.startsAt).getTime() - 3_600_000 && now.getTime() <= new Date(e.endsAt).getTime() + 12 * 3_600_000;

/** Answers are taken until the RSVP deadline (or the start); giving up a seat is always possible before the end. */
export function answerOpen(e: { startsAt: string; endsAt: string; rsvpDeadline: string | null }, answer: string, now: Date): boolean {
  if (answer === "cant") return now < new Date(e.endsAt);
  return now < new Date(e.rsvpDeadline ?? e.startsAt);
}
