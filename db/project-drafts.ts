// Previews of project updates. Each author has one live preview: saving a new one replaces the
// older, and publishing uses a preview up, both decided in the same guarded statement that the
// publish goes through, so an old card's Publish button can never publish anything.
import { one, run, transaction } from "./sql.ts";
import { publishUpdate } from "./project.ts";
import type { Store } from "./store.ts";
import { dbTime } from "./time.ts";

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

/** Saves a new preview for the author and retires their earlier live one; returns its id. */
export function saveDraft(store: Store, authorId: number, d: DraftText, now: Date): number {
  return transaction(store, () => {
    run(store, `UPDATE "ProjectDraft" SET "supersededAt" = ? WHERE "authorId" = ? AND "supersededAt" IS NULL AND "publishedAt" IS NULL`, dbTime(now), authorId);
    return Number(
      run(
        store,
        `INSERT INTO "ProjectDraft" ("authorId", "title", "summary", "details", "phase", "milestoneKey", "createdAt") VALUES (?, ?, ?, ?, ?, ?, ?)`,
        authorId, d.title, d.summary, d.details, d.phase, d.milestoneKey, dbTime(now),
      ).lastInsertRowid,
    );
  });
}

export function draftById(store: Store, id: number): DraftRow | undefined {
  return one<DraftRow>(store, `SELECT * FROM "ProjectDraft" WHERE "id" = ?`, id);
}

export type PublishOutcome =
  | { ok: true; id: number; followers: number }
  | { ok: false; why: "missing" }
  | { ok: false; why: "replaced" }
  | { ok: false; why: "published"; updateId: number | null };

/**
 * Publishes the author's live preview: the preview is used up in the same transaction as the update
 * and its deliveries are written, and only while it is still the author's newest, unpublished one.
 */
export function publishDraft(store: Store, draftId: number, authorId: number, gradeLevel: number | null, now: Date, timeZone: string, language = "en"): PublishOutcome {
  return transaction(store, (): PublishOutcome => {
    const claimed = run(store, `UPDATE "ProjectDraft" SET "publishedAt" = ? WHERE "id" = ? AND "authorId" = ? AND "supersededAt" IS NULL AND "publishedAt" IS NULL`, dbTime(now), draftId, authorId).changes === 1;
    const d = draftById(store, draftId);
    if (!d || d.authorId !== authorId) return { ok: false, why: "missing" };
    if (!claimed) return d.publishedAt !== null ? { ok: false, why: "published", updateId: d.publishedUpdateId } : { ok: false, why: "replaced" };
    const out = publishUpdate(store, { title: d.title, summary: d.summary, details: d.details, phase: d.phase, milestoneKey: d.milestoneKey, gradeLevel, authorId, language }, now, timeZone);
    run(store, `UPDATE "ProjectDraft" SET "publishedUpdateId" = ? WHERE "id" = ?`, out.id, draftId);
    return { ok: true, ...out };
  });
}
