// The IT-modernisation project's records: timeline, updates, followers and questions, on the data
// layer (either engine). An update and the delivery jobs to every follower are written in one
// transaction, so each follower gets it exactly once, also when the bot stops in the middle of the
// broadcast.
import { transaction, type Db, type Tx } from "./data.ts";
import { scheduleJobNowIn, type JobPlatform, type JobTarget } from "./jobs.ts";
import type { Store } from "./store.ts";

export interface MilestoneRow {
  id: number;
  key: string;
  phase: number;
  sortOrder: number;
  kind: "milestone" | "deliverable";
  status: string;
  targetDate: string | null;
  doneOn: string | null;
  updatedAt: string;
}

export interface UpdateRow {
  id: number;
  title: string;
  summary: string;
  details: string | null;
  phase: number | null;
  milestoneKey: string | null;
  gradeLevel: number | null;
  authorId: number | null;
  automatic: number;
  /** The language the author wrote it in. */
  language: string;
  /** A bot-written update's keys and values (JSON), rendered for each reader; null for one a person wrote. */
  generated: string | null;
  postedAt: string;
  revision: number;
  correctedAt: string | null;
  correctedById: number | null;
  correctionNote: string | null;
  withdrawnAt: string | null;
  withdrawnById: number | null;
  withdrawnReason: string | null;
}

/** A withdrawn update leaves every list, the page and the feed (its own address says it was withdrawn). */
const LIVE = `"withdrawnAt" IS NULL`;

export interface SubscriptionRow {
  id: number;
  platform: JobPlatform | null;
  workspaceId: string | null;
  channelId: string | null;
  personId: number | null;
}

export interface QuestionRow {
  id: number;
  askerId: number;
  anonymous: number;
  question: string;
  answer: string | null;
  answeredById: number | null;
  answeredAt: string | null;
  publishedAt: string | null;
  createdAt: string;
}

export const UPDATE_JOB = "project.update";

export async function milestones(db: Db): Promise<MilestoneRow[]> {
  return db.all<MilestoneRow>(`SELECT * FROM "ProjectMilestone" ORDER BY "phase", "sortOrder"`);
}

export async function milestoneByKey(db: Db, key: string): Promise<MilestoneRow | undefined> {
  return db.one<MilestoneRow>(`SELECT * FROM "ProjectMilestone" WHERE "key" = ?`, key);
}

/** The newest updates first (withdrawn ones left out). */
export async function latestUpdates(db: Db, limit: number, offset = 0): Promise<UpdateRow[]> {
  return db.all<UpdateRow>(`SELECT * FROM "ProjectUpdate" WHERE ${LIVE} ORDER BY "postedAt" DESC, "id" DESC LIMIT ? OFFSET ?`, limit, offset);
}

export async function updateCount(db: Db): Promise<number> {
  return (await db.one<{ n: number }>(`SELECT count(*) AS "n" FROM "ProjectUpdate" WHERE ${LIVE}`))!.n;
}

export async function updateById(db: Db, id: number): Promise<UpdateRow | undefined> {
  return db.one<UpdateRow>(`SELECT * FROM "ProjectUpdate" WHERE "id" = ?`, id);
}

/** When anything on the page last changed (for its ETag and the feed's updated time). */
export async function lastChange(db: Db): Promise<string> {
  const row = await db.one<{ at: string | null }>(
    `SELECT max(t."at") AS "at" FROM (SELECT max("postedAt") AS "at" FROM "ProjectUpdate" UNION ALL SELECT max("correctedAt") FROM "ProjectUpdate"
       UNION ALL SELECT max("withdrawnAt") FROM "ProjectUpdate" UNION ALL SELECT max("updatedAt") FROM "ProjectMilestone"
       UNION ALL SELECT max("publishedAt") FROM "ProjectQuestion") t`,
  );
  return row?.at ?? "";
}

export async function activeSubscriptions(db: Db): Promise<SubscriptionRow[]> {
  return db.all<SubscriptionRow>(`SELECT "id", "platform", "workspaceId", "channelId", "personId" FROM "ProjectSubscription" WHERE "endedAt" IS NULL ORDER BY "id"`);
}

const targetOf = (s: SubscriptionRow): JobTarget => (s.personId !== null ? { personId: s.personId } : { platform: s.platform!, workspaceId: s.workspaceId, channelId: s.channelId });

/** Channels are paced a little apart, so a burst of posts stays under the platforms' rate limits. */
const PACE_MS = 250;

export type UpdateInput = Pick<UpdateRow, "title" | "summary" | "details" | "phase" | "milestoneKey" | "gradeLevel" | "authorId"> & { automatic?: boolean; language?: string; generated?: string | null };

/**
 * Publishes an update and, in the caller's transaction, one delivery job per follower (keyed by
 * update and follower, so nothing is ever sent twice). Returns the update's id and how many follow.
 * `store` only wakes this process's scheduler.
 */
export async function publishUpdateIn(tx: Tx, store: Store, u: UpdateInput, now: Date, timeZone: string): Promise<{ id: number; followers: number }> {
  const { id } = (await tx.one<{ id: number }>(
    `INSERT INTO "ProjectUpdate" ("title", "summary", "details", "phase", "milestoneKey", "gradeLevel", "authorId", "automatic", "language", "generated", "postedAt") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING "id"`,
    u.title, u.summary, u.details, u.phase, u.milestoneKey, u.gradeLevel, u.authorId, Boolean(u.automatic), u.language ?? "en", u.generated ?? null, now,
  ))!;
  const subs = await activeSubscriptions(tx);
  for (const [i, s] of subs.entries()) {
    await scheduleJobNowIn(tx, store, {
      kind: UPDATE_JOB,
      target: targetOf(s),
      payload: { updateId: id },
      dueAt: new Date(now.getTime() + i * PACE_MS),
      timeZone,
      idempotencyKey: `${UPDATE_JOB}:${id}:${s.id}`,
      createdById: u.authorId,
    });
  }
  return { id, followers: subs.length };
}

/** publishUpdateIn as a transaction of its own (the demo, scripts, tests). */
export function publishUpdate(store: Store, u: UpdateInput, now: Date, timeZone: string): Promise<{ id: number; followers: number }> {
  return transaction(store, (tx) => publishUpdateIn(tx, store, u, now, timeZone));
}

/** Changes a milestone; returns it as it was, or undefined when there is no such milestone. */
export async function changeMilestone(tx: Tx, key: string, change: { status: string; targetDate: string | null; doneOn: string | null }, now: Date): Promise<MilestoneRow | undefined> {
  const before = await milestoneByKey(tx, key);
  if (!before) return undefined;
  await tx.run(`UPDATE "ProjectMilestone" SET "status" = ?, "targetDate" = ?, "doneOn" = ?, "updatedAt" = ? WHERE "key" = ?`, change.status, change.targetDate, change.doneOn, now, key);
  return before;
}

/** Follows the project (idempotent: a second subscription of the same channel or person is the first). */
export async function subscribe(tx: Tx, who: { platform: JobPlatform; workspaceId: string; channelId: string } | { personId: number }, byId: number, now: Date): Promise<{ id: number; created: boolean }> {
  const existing =
    "personId" in who
      ? await tx.one<{ id: number }>(`SELECT "id" FROM "ProjectSubscription" WHERE "personId" = ? AND "endedAt" IS NULL`, who.personId)
      : await tx.one<{ id: number }>(`SELECT "id" FROM "ProjectSubscription" WHERE "platform" = ? AND "workspaceId" = ? AND "channelId" = ? AND "endedAt" IS NULL`, who.platform, who.workspaceId, who.channelId);
  if (existing) return { id: existing.id, created: false };
  const r =
    "personId" in who
      ? await tx.one<{ id: number }>(`INSERT INTO "ProjectSubscription" ("personId", "createdById", "createdAt") VALUES (?, ?, ?) RETURNING "id"`, who.personId, byId, now)
      : await tx.one<{ id: number }>(`INSERT INTO "ProjectSubscription" ("platform", "workspaceId", "channelId", "createdById", "createdAt") VALUES (?, ?, ?, ?, ?) RETURNING "id"`, who.platform, who.workspaceId, who.channelId, byId, now);
  return { id: r!.id, created: true };
}

/** Stops following; false when it was not following. */
export async function unsubscribe(db: Db, who: { platform: JobPlatform; workspaceId: string; channelId: string } | { personId: number }, now: Date): Promise<boolean> {
  const r =
    "personId" in who
      ? await db.run(`UPDATE "ProjectSubscription" SET "endedAt" = ? WHERE "personId" = ? AND "endedAt" IS NULL`, now, who.personId)
      : await db.run(`UPDATE "ProjectSubscription" SET "endedAt" = ? WHERE "platform" = ? AND "workspaceId" = ? AND "channelId" = ? AND "endedAt" IS NULL`, now, who.platform, who.workspaceId, who.channelId);
  return r.changes > 0;
}

export async function addQuestion(db: Db, q: { askerId: number; anonymous: boolean; question: string }, now: Date): Promise<number> {
  return (await db.one<{ id: number }>(`INSERT INTO "ProjectQuestion" ("askerId", "anonymous", "question", "createdAt") VALUES (?, ?, ?, ?) RETURNING "id"`, q.askerId, q.anonymous, q.question, now))!.id;
}

export async function questionById(db: Db, id: number): Promise<QuestionRow | undefined> {
  return db.one<QuestionRow>(`SELECT * FROM "ProjectQuestion" WHERE "id" = ?`, id);
}

/** Records the answer once: false when it was already answered. */
export async function answerQuestion(db: Db, id: number, answer: string, byId: number, now: Date): Promise<boolean> {
  return (await db.run(`UPDATE "ProjectQuestion" SET "answer" = ?, "answeredById" = ?, "answeredAt" = ? WHERE "id" = ? AND "answer" IS NULL`, answer, byId, now, id)).changes === 1;
}

/** Publishes an answered question on the page once: false when unanswered or already published. */
export async function publishQuestion(db: Db, id: number, now: Date): Promise<boolean> {
  return (await db.run(`UPDATE "ProjectQuestion" SET "publishedAt" = ? WHERE "id" = ? AND "answer" IS NOT NULL AND "publishedAt" IS NULL`, now, id)).changes === 1;
}

export async function publishedQuestions(db: Db, limit = 50): Promise<QuestionRow[]> {
  return db.all<QuestionRow>(`SELECT * FROM "ProjectQuestion" WHERE "publishedAt" IS NOT NULL ORDER BY "publishedAt" DESC, "id" DESC LIMIT ?`, limit);
}

export async function unansweredQuestions(db: Db, limit = 20): Promise<QuestionRow[]> {
  return db.all<QuestionRow>(`SELECT * FROM "ProjectQuestion" WHERE "answer" IS NULL ORDER BY "createdAt", "id" LIMIT ?`, limit);
}
