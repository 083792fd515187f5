// Pure training rules: which requirement keys a person's roles carry, and where a right answer
// takes them next.
import type { ActiveRole } from "../core/roles.ts";

/** The key for anyone who sees member contacts (a contacts agreement, request or grant). */
export const CONTACTS_KEY = "contacts";

/** Requirement keys from roles: the role itself, and for an officer also "sublocal_<office>". */
export function requirementKeys(roles: readonly Pick<ActiveRole, "role" | "office">[], seesContacts: boolean): string[] {
  const keys = new Set<string>();
  for (const r of roles) {
    keys.add(r.role);
    if (r.role === "sublocal_officer" && r.office) keys.add(`sublocal_${r.office}`);
  }
  if (seesContacts) keys.add(CONTACTS_KEY);
  return [...keys];
}

export interface Position {
  lesson: number;
  question: number;
}

/** After a right answer (or "continue" on a lesson without questions): the next position, or done. */
export function nextPosition(at: Position, questionsInLesson: number, lessonCount: number): Position | "done" {
  if (at.question + 1 < questionsInLesson) return { lesson: at.lesson, question: at.question + 1 };
  if (at.lesson + 1 < lessonCount) return { lesson: at.lesson + 1, question: 0 };
  return "done";
}

/** A module's slug from what a person typed: "Steward basics" and "steward-basics" both work. */
export function slugOf(typed: string): string {
  return typed
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, "-")
    .replace(/^-+|-+$/g, "");
}
