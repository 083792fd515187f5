// The IT-modernisation project's records: timeline, updates, followers and questions. An update
// and the delivery jobs to every follower are written in one transaction, so each follower gets it
// exactly once, also when the bot stops in the middle of the broadcast.
import { scheduleJobNow, type JobPlatform, type JobTarget } from "./jobs.ts";
import { all, one, run, transaction } from "./sql.ts";
import type { Store } from "./store.ts";
import { dbTime } from "./time.ts";

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

export function milestones(store: Store): MilestoneRow[] {
  return all<MilestoneRow>(store, `SELECT * FROM "ProjectMilestone" ORDER BY "phase", "sortOrder"`);
}

export function milestoneByKey(store: Store, key: string): MilestoneRow | undefined {
  return one<MilestoneRow>(store, `SELECT * FROM "ProjectMilestone" WHERE "key" = ?`, key);
}

/** The newest updates first (withdrawn ones left out). */
export function latestUpdates(store: Store, limit: number, offset = 0): UpdateRow[] {
  return all<UpdateRow>(store, `SELECT * FROM "ProjectUpdate" WHERE ${LIVE} ORDER BY "postedAt" DESC, "id" DESC LIMIT ? OFFSET ?`, limit, offset);
}

export function updateCount(store: Store): number {
  return one<{ n: number }>(store, `SELECT count(*) AS n FROM "ProjectUpdate" WHERE ${LIVE}`)!.n;
}

export function updateById(store: Store, id: number): UpdateRow | undefined {
  return one<UpdateRow>(store, `SELECT * FROM "ProjectUpdate" WHERE "id" = ?`, id);
}

/** When anything on the page last changed (for its ETag and the feed's updated time). */
export function lastChange(store: Store): string {
  return one<{ at: string | null }>(
    store,
    `SELECT max(at) AS at FROM (SELECT max("postedAt") AS at FROM "ProjectUpdate" UNION ALL SELECT max("correctedAt") FROM "ProjectUpdate"
       UNION ALL SELECT max("withdrawnAt") FROM "ProjectUpdate" UNION ALL SELECT max("updatedAt") FROM "ProjectMilestone"
       UNION ALL SELECT max("publishedAt") FROM "ProjectQuestion")`,
  )!.at ?? "";
}

export function activeSubscriptions(store: Store): SubscriptionRow[] {
  return all<SubscriptionRow>(store, `SELECT "id", "platform", "workspaceId", "channelId", "personId" FROM "ProjectSubscription" WHERE "endedAt" IS NULL ORDER BY "id"`);
}

const targetOf = (s: SubscriptionRow): JobTarget => (s.personId !== null ? { personId: s.personId } : { platform: s.platform!, workspaceId: s.workspaceId, channelId: s.channelId });

/** Channels are paced a little apart, so a burst of posts stays under the platforms' rate limits. */
const PACE_MS = 250;

/**
 * Publishes an update and, in the same transaction, one delivery job per follower (keyed by
 * update and follower, so nothing is ever sent twice). Returns the update's id and how many follow.
 */
export function publishUpdate(
  store: Store,
  u: Pick<UpdateRow, "title" | "summary" | "details" | "phase" | "milestoneKey" | "gradeLevel" | "authorId"> & { automatic?: boolean; language?: string; generated?: string | null },
  now: Date,
  timeZone: string,
  also?: () => void,
): { id: number; followers: number } {
  return transaction(store, () => {
    const r = run(
      store,
      `INSERT INTO "ProjectUpdate" ("title", "summary", "details", "phase", "milestoneKey", "gradeLevel", "authorId", "automatic", "language", "generated", "postedAt") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      u.title, u.summary, u.details, u.phase, u.milestoneKey, u.gradeLevel, u.authorId, u.automatic ? 1 : 0, u.language ?? "en", u.generated ?? null, dbTime(now),
    );
    const id = Number(r.lastInsertRowid);
    const subs = activeSubscriptions(store);
    subs.forEach((s, i) =>
      scheduleJobNow(store, {
        kind: UPDATE_JOB,
        target: targetOf(s),
        payload: { updateId: id },
        dueAt: new Date(now.getTime() + i * PACE_MS),
        timeZone,
        idempotencyKey: `${UPDATE_JOB}:${id}:${s.id}`,
        createdById: u.authorId,
      }),
    );
    also?.();
    return { id, followers: subs.length };
  });
}

/** Changes a milestone; returns it as it was, or undefined when there is no such milestone. */
export function changeMilestone(store: Store, key: string, change: { status: string; targetDate: string | null; doneOn: string | null }, now: Date): MilestoneRow | undefined {
  const before = milestoneByKey(store, key);
  if (!before) return undefined;
  run(store, `UPDATE "ProjectMilestone" SET "status" = ?, "targetDate" = ?, "doneOn" = ?, "updatedAt" = ? WHERE "key" = ?`, change.status, change.targetDate, change.doneOn, dbTime(now), key);
  return before;
}

/** Follows the project (idempotent: a second subscription of the same channel or person is the first). */
export function subscribe(store: Store, who: { platform: JobPlatform; workspaceId: string; channelId: string } | { personId: number }, byId: number, now: Date): { id: number; created: boolean } {
  return transaction(store, () => {
    const existing =
      "personId" in who
        ? one<{ id: number }>(store, `SELECT "id" FROM "ProjectSubscription" WHERE "personId" = ? AND "endedAt" IS NULL`, who.personId)
        : one<{ id: number }>(store, `SELECT "id" FROM "ProjectSubscription" WHERE "platform" = ? AND "workspaceId" = ? AND "channelId" = ? AND "endedAt" IS NULL`, who.platform, who.workspaceId, who.channelId);
    if (existing) return { id: existing.id, created: false };
    const r =
      "personId" in who
        ? run(store, `INSERT INTO "ProjectSubscription" ("personId", "createdById", "createdAt") VALUES (?, ?, ?)`, who.personId, byId, dbTime(now))
        : run(store, `INSERT INTO "ProjectSubscription" ("platform", "workspaceId", "channelId", "createdById", "createdAt") VALUES (?, ?, ?, ?, ?)`, who.platform, who.workspaceId, who.channelId, byId, dbTime(now));
    return { id: Number(r.lastInsertRowid), created: true };
  });
}

/** Stops following; false when it was not following. */
export function unsubscribe(store: Store, who: { platform: JobPlatform; workspaceId: string; channelId: string } | { personId: number }, now: Date): boolean {
  const r =
    "personId" in who
      ? run(store, `UPDATE "ProjectSubscription" SET "endedAt" = ? WHERE "personId" = ? AND "endedAt" IS NULL`, dbTime(now), who.personId)
      : run(store, `UPDATE "ProjectSubscription" SET "endedAt" = ? WHERE "platform" = ? AND "workspaceId" = ? AND "channelId" = ? AND "endedAt" IS NULL`, dbTime(now), who.platform, who.workspaceId, who.channelId);
  return r.changes > 0;
}

export function addQuestion(store: Store, q: { askerId: number; anonymous: boolean; question: string }, now: Date): number {
  return Number(run(store, `INSERT INTO "ProjectQuestion" ("askerId", "anonymous", "question", "createdAt") VALUES (?, ?, ?, ?)`, q.askerId, q.anonymous ? 1 : 0, q.question, dbTime(now)).lastInsertRowid);
}

export function questionById(store: Store, id: number): QuestionRow | undefined {
  return one<QuestionRow>(store, `SELECT * FROM "ProjectQuestion" WHERE "id" = ?`, id);
}

/** Records the answer once: false when it was already answered. */
export function answerQuestion(store: Store, id: number, answer: string, byId: number, now: Date): boolean {
  return run(store, `UPDATE "ProjectQuestion" SET "answer" = ?, "answeredById" = ?, "answeredAt" = ? WHERE "id" = ? AND "answer" IS NULL`, answer, byId, dbTime(now), id).changes === 1;
}

/** Publishes an answered question on the page once: false when unanswered or already published. */
export function publishQuestion(store: Store, id: number, now: Date): boolean {
  return run(store, `UPDATE "ProjectQuestion" SET "publishedAt" = ? WHERE "id" = ? AND "answer" IS NOT NULL AND "publishedAt" IS NULL`, dbTime(now), id).changes === 1;
}

export function publishedQuestions(store: Store, limit = 50): QuestionRow[] {
  return all<QuestionRow>(store, `SELECT * FROM "ProjectQuestion" WHERE "publishedAt" IS NOT NULL ORDER BY "publishedAt" DESC, "id" DESC LIMIT ?`, limit);
}

export function unansweredQuestions(store: Store, limit = 20): QuestionRow[] {
  return all<QuestionRow>(store, `SELECT * FROM "ProjectQuestion" WHERE "answer" IS NULL ORDER BY "createdAt", "id" LIMIT ?`, limit);
}
