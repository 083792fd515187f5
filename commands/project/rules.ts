// The project area's rules, pure: who may post and manage, and what a milestone's status really
// is. How readable a summary is, by its language's formula: readability.ts.
import { isStaff, type ActiveRole, type Role } from "../core/roles.ts";

export const STATUSES = ["planned", "on_track", "at_risk", "late", "done"] as const;
export type Status = (typeof STATUSES)[number];

export const POSTERS: readonly Role[] = ["project_committee", "staff", "executive_director"];
const CHANNEL_MANAGERS: readonly Role[] = ["sublocal_officer", "board_director", "statewide_president", "project_committee", "staff", "executive_director"];

export const mayPost = (roles: readonly ActiveRole[]) => roles.some((r) => POSTERS.includes(r.role));
/**
 * Who may correct or withdraw a published update: staff, or its author while still on the
 * committee (the bot's own timeline updates belong to staff).
 */
export const mayAmend = (roles: readonly ActiveRole[], personId: number, u: { authorId: number | null; automatic: number | boolean }) =>
  isStaff(roles) || (!u.automatic && u.authorId === personId && mayPost(roles));
export const mayManageTimeline = (roles: readonly ActiveRole[]) => isStaff(roles);
export const maySubscribeChannel = (roles: readonly ActiveRole[]) => roles.some((r) => CHANNEL_MANAGERS.includes(r.role));

/** A milestone past its date and not done reads as late by itself. */
export function effectiveStatus(m: { status: string; targetDate: string | null }, today: string): Status {
  if (m.status !== "done" && m.targetDate !== null && m.targetDate < today) return "late";
  return (STATUSES as readonly string[]).includes(m.status) ? (m.status as Status) : "planned";
}
