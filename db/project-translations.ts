// Project updates in other languages: one text per update and language beside the original.
import { all, one, run } from "./sql.ts";
import type { Store } from "./store.ts";
import { dbTime } from "./time.ts";

export interface UpdateTranslationRow {
  id: number;
  updateId: number;
  language: string;
  title: string;
  summary: string;
  details: string | null;
  createdById: number;
  createdAt: string;
  updatedAt: string;
}

/** Every translation of these updates (for a page of them), in one read. */
export function translationsOf(store: Store, updateIds: readonly number[]): UpdateTranslationRow[] {
  if (updateIds.length === 0) return [];
  return all<UpdateTranslationRow>(store, `SELECT * FROM "ProjectUpdateTranslation" WHERE "updateId" IN (SELECT value FROM json_each(?)) ORDER BY "id"`, JSON.stringify(updateIds));
}

/** Adds the update's version in `language`, or replaces the text of the one there is; says which. */
export function saveTranslation(store: Store, t: Pick<UpdateTranslationRow, "updateId" | "language" | "title" | "summary" | "details" | "createdById">, now: Date): "added" | "replaced" {
  const at = dbTime(now);
  const had = one(store, `SELECT 1 AS x FROM "ProjectUpdateTranslation" WHERE "updateId" = ? AND "language" = ?`, t.updateId, t.language) !== undefined;
  run(
    store,
    `INSERT INTO "ProjectUpdateTranslation" ("updateId", "language", "title", "summary", "details", "createdById", "createdAt", "updatedAt") VALUES (?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT ("updateId", "language") DO UPDATE SET "title" = excluded."title", "summary" = excluded."summary", "details" = excluded."details", "updatedAt" = excluded."updatedAt"`,
    t.updateId, t.language, t.title, t.summary, t.details, t.createdById, at, at,
  );
  return had ? "replaced" : "added";
}

/**
 * A translation saved before the original's last correction may no longer say what the original
 * says: its readers are told so, and its author once, until someone saves the translation again.
 */
export function translationBehind(original: { correctedAt: string | null }, translation: { updatedAt: string }): boolean {
  return original.correctedAt !== null && new Date(original.correctedAt).getTime() > new Date(translation.updatedAt).getTime();
}
