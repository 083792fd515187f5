// Pure training rules: which requirement keys a person's roles carry, and where a right answer
// takes them next.
import { OFFICES, ROLES, type ActiveRole } from "../core/roles.ts";
import { pickVersion } from "../core/content-language.ts";

/** The key for anyone who sees member contacts (a contacts agreement, request or grant). */
export const CONTACTS_KEY = "contacts";

/** Every key a module's `required_for` may name: a role, a sub-local office, or "contacts". */
export const REQUIREMENT_KEYS: readonly string[] = [...ROLES, ...OFFICES.map((o) => `sublocal_${o}`), CONTACTS_KEY];

interface ModuleLike {
  id: number;
  slug: string;
  language: string;
  translationOf: string | null;
  requiredFor: string;
}

/** One module in all its languages shares this key: the original's slug. */
export const moduleFamily = (m: Pick<ModuleLike, "slug" | "translationOf">): string => m.translationOf ?? m.slug;

const base = (lang: string) => (lang.startsWith("zh") ? lang : lang.split("-")[0]!.toLowerCase());

/**
 * The modules a person must take, one per module whatever the number of its languages: the version
 * in their own language, else the English one. A module nobody has written in their language or
 * in English is not required of them: nobody is told to take training they cannot read.
 */
export function requiredVersions<M extends ModuleLike>(mods: readonly M[], keys: readonly string[], language: string): M[] {
  if (keys.length === 0) return [];
  const families = new Map<string, M[]>();
  for (const m of mods) families.set(moduleFamily(m), [...(families.get(moduleFamily(m)) ?? []), m]);
  const out: M[] = [];
  for (const versions of families.values()) {
    if (!versions.some((m) => m.requiredFor.split(" ").some((k) => keys.includes(k)))) continue;
    const pick = versions.find((m) => base(m.language) === base(language)) ?? versions.find((m) => m.language === "en");
    if (pick) out.push(pick);
  }
  return out;
}

/**
 * The version of module `family` a reader gets: theirs, else the original. `missing` when their
 * language has none (the reader is told the original is shown).
 */
export function readerVersion<M extends ModuleLike>(mods: readonly M[], family: string, language: string): { module: M; missing: boolean } | undefined {
  const picked = pickVersion(
    mods.filter((m) => moduleFamily(m) === family).map((m) => ({ m, language: m.language, isOriginal: m.translationOf === null })),
    language,
  );
  return picked ? { module: picked.shown.m, missing: picked.missing } : undefined;
}

/** Every module once, in the reader's language where it exists (else its original), in the given order. */
export function modulesForReader<M extends ModuleLike>(mods: readonly M[], language: string): { module: M; missing: boolean }[] {
  const families = [...new Set(mods.map(moduleFamily))];
  return families.flatMap((f) => readerVersion(mods, f, language) ?? []);
}

/** Of the required versions, those whose module the person has finished in no language. */
export function stillOpen<M extends ModuleLike>(required: readonly M[], mods: readonly M[], doneIds: ReadonlySet<number>): M[] {
  const doneFamilies = new Set(mods.filter((m) => doneIds.has(m.id)).map(moduleFamily));
  return required.filter((m) => !doneFamilies.has(moduleFamily(m)));
}

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
