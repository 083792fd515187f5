// Previews of project updates, on the data layer (either engine). Each author has one live
// preview: saving a new one replaces the older, and publishing uses a preview up, both decided in
// the same guarded statement that the publish goes through, so an old card's Publish button can
// never publish anything.
import type { Db, Tx } from "./data.ts";
import { publishUpdateIn } from "./project.ts";
import type { Store } from "./store.ts";

export interface DraftRow {
  id: number;
  authorId: number;
  title: string;
  summary: string;
  details: string | null;
  phase: number | null;
  milestoneKey: string | null;
  createdAt: string;
  supersededAt: string | null;
  publishedAt: string | null;
  publishedUpdateId: number | null;
}

export type DraftText = Pick<DraftRow, "title" | "summary" | "details" | "phase" | "milestoneKey">;

/** Saves a new preview for the author and retires their earlier live one, in the caller's transaction; returns its id. */
export async function saveDraft(tx: Tx, authorId: number, d: DraftText, now: Date): Promise<number> {
  await tx.run(`UPDATE "ProjectDraft" SET "supersededAt" = ? WHERE "authorId" = ? AND "supersededAt" IS NULL AND "publishedAt" IS NULL`, now, authorId);
  const r = await tx.one<{ id: number }>(
    `INSERT INTO "ProjectDraft" ("authorId", "title", "summary", "details", "phase", "milestoneKey", "createdAt") VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING "id"`,
    authorId, d.title, d.summary, d.details, d.phase, d.milestoneKey, now,
  );
  return r!.id;
}

export async function draftById(db: Db, id: number): Promise<DraftRow | undefined> {
  return db.one<DraftRow>(`SELECT * FROM "ProjectDraft" WHERE "id" = ?`, id);
}

export type PublishOutcome =
  | { ok: true; id: number; followers: number }
  | { ok: false; why: "missing" }
  | { ok: false; why: "replaced" }
  | { ok: false; why: "published"; updateId: number | null };

/**
 * Publishes the author's live preview: the preview is used up in the caller's transaction with the
 * update and its deliveries, and only while it is still the author's newest, unpublished one.
 */
export async function publishDraft(tx: Tx, store: Store, draftId: number, authorId: number, gradeLevel: number | null, now: Date, timeZone: string, language = "en"): Promise<PublishOutcome> {
  const claimed = (await tx.run(`UPDATE "ProjectDraft" SET "publishedAt" = ? WHERE "id" = ? AND "authorId" = ? AND "supersededAt" IS NULL AND "publishedAt" IS NULL`, now, draftId, authorId)).changes === 1;
  const d = await draftById(tx, draftId);
  if (!d || d.authorId !== authorId) return { ok: false, why: "missing" };
  if (!claimed) return d.publishedAt !== null ? { ok: false, why: "published", updateId: d.publishedUpdateId } : { ok: false, why: "replaced" };
  const out = await publishUpdateIn(tx, store, { title: d.title, summary: d.summary, details: d.details, phase: d.phase, milestoneKey: d.milestoneKey, gradeLevel, authorId, language }, now, timeZone);
  await tx.run(`UPDATE "ProjectDraft" SET "publishedUpdateId" = ? WHERE "id" = ?`, out.id, draftId);
  return { ok: true, ...out };
}
