// Correcting and withdrawing a published project update. The earlier text is kept as a revision,
// and in the same transaction each follower who already has a copy is told once: a channel's copy
// is edited in place where the platform message is known and belongs to this update alone,
// anyone else gets one new message. Deliveries not made yet simply carry the text as it now is
// (or nothing, once withdrawn). On the data layer (either engine), in the caller's transaction.
import type { Db, Tx } from "./data.ts";
import { scheduleJobNowIn, type JobPlatform, type JobTarget } from "./jobs.ts";
import { UPDATE_JOB, updateById, type UpdateRow } from "./project.ts";
import { translationBehind } from "./project-translations.ts";
import type { Store } from "./store.ts";

export const AMEND_JOB = "project.amend";
/** Tells a translation's author that the original changed under it. */
export const TRANSLATION_BEHIND_JOB = "project.translation.behind";

export type UpdateText = Pick<UpdateRow, "title" | "summary" | "details" | "phase" | "milestoneKey" | "gradeLevel">;

export interface RevisionRow extends UpdateText {
  id: number;
  updateId: number;
  revision: number;
  editedById: number | null;
  editedAt: string;
}

interface Delivery {
  id: number;
  platform: string;
  workspaceId: string | null;
  channelId: string | null;
  userId: string | null;
  personId: number | null;
  status: string;
  messageId: string | null;
  delivered: string | null;
  shared: number;
}

/** The update's deliveries that reached (or may be reaching) someone: sent, being sent, or part-sent. */
async function deliveriesOf(tx: Tx, updateId: number): Promise<Delivery[]> {
  return tx.all<Delivery>(
    `SELECT j."id", j."platform", j."workspaceId", j."channelId", j."userId", j."personId", j."status", j."messageId", j."delivered",
            (SELECT count(*) FROM "ScheduledJob" o WHERE o."messageId" = j."messageId" AND o."id" <> j."id" AND o."kind" <> ?) AS "shared"
       FROM "ScheduledJob" j
      WHERE j."kind" = ? AND j."idempotencyKey" LIKE ? AND (j."status" IN ('sent', 'claimed') OR j."delivered" IS NOT NULL)
      ORDER BY j."id"`,
    // Our own earlier edits of the copy carry its id too; any other message with it (a downtime summary) is not ours to edit.
    AMEND_JOB, UPDATE_JOB, `${UPDATE_JOB}:${updateId}:%`,
  );
}

/** Where the follower's copy is, and whether it can be edited: one known message in a channel, used by nothing else. */
function amendTarget(d: Delivery): { target: JobTarget; messageId?: string } {
  if (d.personId !== null) return { target: { personId: d.personId, ...(d.platform !== "any" ? { platform: d.platform as JobPlatform } : {}) } };
  const target: JobTarget = { platform: d.platform as JobPlatform, workspaceId: d.workspaceId, channelId: d.channelId, userId: d.userId };
  const editable = d.status === "sent" && d.channelId !== null && d.messageId !== null && !d.messageId.includes(",") && d.shared === 0;
  return editable ? { target, messageId: d.messageId! } : { target };
}

/** One message (or edit) per follower who has a copy, keyed so nobody is told twice of the same change. */
async function tellFollowers(tx: Tx, store: Store, updateId: number, change: string, byId: number, now: Date, timeZone: string): Promise<number> {
  const got = await deliveriesOf(tx, updateId);
  for (const d of got) {
    const { target, messageId } = amendTarget(d);
    await scheduleJobNowIn(tx, store, {
      kind: AMEND_JOB,
      target,
      payload: { updateId, ...(messageId ? { messageId } : {}) },
      dueAt: now,
      timeZone,
      idempotencyKey: `${AMEND_JOB}:${updateId}:${change}:${d.id}`,
      createdById: byId,
    });
  }
  return got.length;
}

/**
 * A correction leaves every translation possibly behind the original (readers see it from the dates,
 * see commands/project/languages.ts). Each author is told once: not again for a translation already
 * behind an earlier correction, and never the person making the correction. Returns how many
 * translations the update has.
 */
async function tellTranslators(tx: Tx, store: Store, before: UpdateRow, revision: number, byId: number, now: Date, timeZone: string): Promise<number> {
  const rows = await tx.all<{ id: number; language: string; createdById: number; updatedAt: string }>(`SELECT "id", "language", "createdById", "updatedAt" FROM "ProjectUpdateTranslation" WHERE "updateId" = ? ORDER BY "id"`, before.id);
  for (const tr of rows) {
    if (translationBehind(before, tr) || tr.createdById === byId) continue;
    await scheduleJobNowIn(tx, store, {
      kind: TRANSLATION_BEHIND_JOB,
      target: { personId: tr.createdById },
      payload: { updateId: before.id, language: tr.language },
      dueAt: now,
      timeZone,
      idempotencyKey: `${TRANSLATION_BEHIND_JOB}:${before.id}:r${revision}:${tr.id}`,
      createdById: byId,
    });
  }
  return rows.length;
}

export type AmendOutcome = { ok: true; told: number; revision: number; translations: number } | { ok: false; why: "missing" | "withdrawn" | "stale" };

/**
 * Replaces an update's text, only if it is still at `revision` and not withdrawn (a form opened
 * before another correction is refused); the text it had is kept as a revision. In the caller's
 * transaction; `store` only wakes this process's scheduler for the notices.
 */
export async function correctUpdate(tx: Tx, store: Store, id: number, revision: number, text: UpdateText, note: string, byId: number, now: Date, timeZone: string): Promise<AmendOutcome> {
  const before = await updateById(tx, id);
  if (!before) return { ok: false, why: "missing" };
  if (before.withdrawnAt) return { ok: false, why: "withdrawn" };
  const changed = (await tx.run(
    `UPDATE "ProjectUpdate" SET "title" = ?, "summary" = ?, "details" = ?, "phase" = ?, "milestoneKey" = ?, "gradeLevel" = ?,
            "revision" = "revision" + 1, "correctedAt" = ?, "correctedById" = ?, "correctionNote" = ?
      WHERE "id" = ? AND "revision" = ? AND "withdrawnAt" IS NULL`,
    text.title, text.summary, text.details, text.phase, text.milestoneKey, text.gradeLevel, now, byId, note, id, revision,
  )).changes;
  if (changed !== 1) return { ok: false, why: "stale" };
  await tx.run(
    `INSERT INTO "ProjectUpdateRevision" ("updateId", "revision", "title", "summary", "details", "phase", "milestoneKey", "gradeLevel", "editedById", "editedAt") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    id, before.revision, before.title, before.summary, before.details, before.phase, before.milestoneKey, before.gradeLevel, before.correctedById ?? before.authorId, before.correctedAt ?? before.postedAt,
  );
  const revisionNow = before.revision + 1;
  const told = await tellFollowers(tx, store, id, `r${revisionNow}`, byId, now, timeZone);
  return { ok: true, revision: revisionNow, told, translations: await tellTranslators(tx, store, before, revisionNow, byId, now, timeZone) };
}

/** Withdraws an update once: it leaves the page, the feed and the lists, and followers' copies say why. */
export async function withdrawUpdate(tx: Tx, store: Store, id: number, reason: string, byId: number, now: Date, timeZone: string): Promise<AmendOutcome> {
  const before = await updateById(tx, id);
  if (!before) return { ok: false, why: "missing" };
  const changed = (await tx.run(`UPDATE "ProjectUpdate" SET "withdrawnAt" = ?, "withdrawnById" = ?, "withdrawnReason" = ? WHERE "id" = ? AND "withdrawnAt" IS NULL`, now, byId, reason, id)).changes;
  if (changed !== 1) return { ok: false, why: "withdrawn" };
  return { ok: true, revision: before.revision, told: await tellFollowers(tx, store, id, "withdrawn", byId, now, timeZone), translations: 0 };
}

/** The texts an update had before its corrections, oldest first. */
export async function updateRevisions(db: Db, updateId: number): Promise<RevisionRow[]> {
  return db.all<RevisionRow>(`SELECT * FROM "ProjectUpdateRevision" WHERE "updateId" = ? ORDER BY "revision"`, updateId);
}
