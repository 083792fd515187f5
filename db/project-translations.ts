// Project updates in other languages: one text per update and language beside the original, on
// the data layer (either engine).
import type { Db, Tx } from "./data.ts";
import { dialect } from "./dialect.ts";

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
export async function translationsOf(db: Db, updateIds: readonly number[]): Promise<UpdateTranslationRow[]> {
  if (updateIds.length === 0) return [];
  return db.all<UpdateTranslationRow>(TRANSLATIONS_OF, JSON.stringify(updateIds));
}

const TRANSLATIONS_OF = dialect({
  sqlite: `SELECT * FROM "ProjectUpdateTranslation" WHERE "updateId" IN (SELECT value FROM json_each(?)) ORDER BY "id"`,
  postgres: `SELECT * FROM "ProjectUpdateTranslation" WHERE "updateId" IN (SELECT value::integer FROM json_array_elements_text(?::json)) ORDER BY "id"`,
});

/** Adds the update's version in `language`, or replaces the text of the one there is; says which. */
export async function saveTranslation(tx: Tx, t: Pick<UpdateTranslationRow, "updateId" | "language" | "title" | "summary" | "details" | "createdById">, now: Date): Promise<"added" | "replaced"> {
  const at = now;
  const had = (await tx.one(`SELECT 1 AS "x" FROM "ProjectUpdateTranslation" WHERE "updateId" = ? AND "language" = ?`, t.updateId, t.language)) !== undefined;
  await tx.run(
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
