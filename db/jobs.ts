// Durable scheduled jobs: the truth about every reminder, digest and report lives in
// the ScheduledJob table, never only in memory. Features schedule through scheduleJob /
// upsertRule; the dispatcher in bot/scheduler claims due jobs here with a lease, so a process
// killed between claim and delivery loses nothing (the lease expires and the job is claimed
// again), and marks a job sent in the same statement that records the delivery.
//
// Everything here runs on the data layer (db/data.ts), on SQLite or on PostgreSQL with any number
// of processes: a claim is one guarded statement (FOR UPDATE SKIP LOCKED on PostgreSQL), so two
// dispatchers never claim the same job. Scheduling or cancelling inside the caller's transaction
// is scheduleJobNowIn / upsertRuleIn / cancelJob(s)In / deactivateRuleIn; the functions taking a
// store are each a statement or a transaction of their own.
import crypto from "node:crypto";
import { appendAuditIn } from "./audit.ts";
import { data, transaction, type Db, type Tx } from "./data.ts";
import { dialect } from "./dialect.ts";
import { listenForJobs, type JobListener } from "./job-wakeups.ts";
import { CronError, isTimeZone, nextOccurrence, parseCron } from "./cron.ts";
import type { Store } from "./store.ts";
import { dbTime } from "./time.ts";

export const JOB_PLATFORMS = ["slack", "discord", "web"] as const;
export type JobPlatform = (typeof JOB_PLATFORMS)[number];
export type JobStatus = "pending" | "claimed" | "sent" | "parked" | "cancelled";

export const DEFAULT_TIME_ZONE = "America/Los_Angeles";

/**
 * Where a job is delivered: a channel (channelId) or a direct message (userId) on one platform,
 * or a person: a direct message to each of their linked chat identities, looked up when the job
 * is delivered (on `platform` only, if given).
 */
export type JobTarget =
  | { platform: JobPlatform; workspaceId?: string | null; channelId?: string | null; userId?: string | null }
  | { personId: number; platform?: JobPlatform };

export interface ScheduleJobInput {
  /** A job kind some feature contributes (Feature.jobs), e.g. "unionhall.reminder". */
  kind: string;
  target: JobTarget;
  /** Serialisable payload handed to the kind's render(). Ids and codes, not copies of records. */
  payload?: unknown;
  dueAt: Date;
  /** IANA zone of the local that asked (for display); default America/Los_Angeles. */
  timeZone?: string;
  /** The same key twice keeps one job. A cancelled job with the key is revived instead. */
  idempotencyKey?: string;
  /** "keep" (default): an existing job with the key is left alone. "update": a still-pending one takes the new due time, target and payload. */
  onConflict?: "keep" | "update";
  createdById?: number | null;
}

export interface JobRow {
  id: number;
  kind: string;
  platform: string;
  workspaceId: string | null;
  channelId: string | null;
  userId: string | null;
  personId: number | null;
  payload: string;
  dueAt: Date;
  timeZone: string;
  status: JobStatus;
  attempts: number;
  lastError: string | null;
  claimedBy: string | null;
  leaseUntil: Date | null;
  idempotencyKey: string | null;
  ruleId: number | null;
  sentAt: Date | null;
  messageId: string | null;
  delivered: string | null;
  createdById: number | null;
  createdAt: Date;
  updatedAt: Date;
}

/** A problem with what the caller asked to schedule (bad kind, target, time, zone or cron). */
export class JobInputError extends Error {
  constructor(
    readonly code: "kind" | "target" | "dueAt" | "timeZone" | "cron" | "key" | "payload",
    message: string,
  ) {
    super(message);
    this.name = "JobInputError";
  }
}

// ---- Wake-ups: a job written wakes the dispatchers that may deliver it ------------------------
// In this process every watcher is called once the job is committed. On PostgreSQL the other
// processes hear of it too: the writing transaction sends a NOTIFY (PostgreSQL delivers it at the
// commit, and never for a rollback), and each process LISTENs on one connection of its own
// (db/job-wakeups.ts). A process ignores its own notifications: its watchers were already called.

type Watcher = (dueAt: Date) => void;
interface Watching {
  fns: Set<Watcher>;
  /** Tells this store's notifications from other processes'. */
  origin: string;
  listener?: JobListener;
}
const watching = new WeakMap<Store, Watching>();

/** The PostgreSQL notification channel of job wake-ups. */
export const JOBS_CHANNEL = "unionhall_jobs";

function watchingOf(store: Store): Watching {
  let w = watching.get(store);
  if (!w) watching.set(store, (w = { fns: new Set(), origin: crypto.randomBytes(6).toString("hex") }));
  return w;
}

export interface Unwatch {
  (): void;
  /** Resolves once jobs other processes write are heard here (at once on SQLite). */
  ready: Promise<void>;
}

/**
 * Calls `fn` whenever a job is scheduled or rescheduled on `store`, by this process or (on
 * PostgreSQL) by another, and once after the listening connection comes back from a drop.
 */
export function watchJobs(store: Store, fn: Watcher): Unwatch {
  const w = watchingOf(store);
  w.fns.add(fn);
  if (store.engine === "postgres" && !w.listener) w.listener = listenForJobs(store.pool!, JOBS_CHANNEL, (payload) => heard(store, w, payload));
  const listener = w.listener;
  const unwatch = () => {
    w.fns.delete(fn);
    if (w.fns.size === 0 && w.listener) {
      void w.listener.close();
      w.listener = undefined;
    }
  };
  return Object.assign(unwatch, { ready: listener ? listener.ready : Promise.resolve() });
}

function heard(store: Store, w: Watching, payload: string): void {
  const [origin, at] = payload.split(" ");
  if (origin === w.origin) return;
  const dueAt = at ? new Date(at) : new Date(NaN);
  // A reconnection (or a payload not ours): something is due at an unknown time, look now.
  wake(store, Number.isNaN(dueAt.getTime()) ? new Date() : dueAt);
}

function wake(store: Store, dueAt: Date): void {
  for (const fn of watching.get(store)?.fns ?? []) {
    try {
      fn(dueAt);
    } catch {
      // A watcher's failure must never undo a scheduled job.
    }
  }
}

// The earliest due time a transaction has already announced: a thousand jobs written in one
// transaction send one notification (or a few, when later ones are due earlier).
const announced = new WeakMap<Tx, number>();

/**
 * A job due at `dueAt` was written (or moved) in `tx`: once it commits, this process's dispatcher
 * is woken, and on PostgreSQL every other process's, through the notification sent inside `tx`.
 */
async function jobWritten(tx: Tx, store: Store, dueAt: Date): Promise<void> {
  tx.afterCommit(() => wake(store, dueAt));
  if (tx.engine !== "postgres") return;
  const before = announced.get(tx);
  if (before !== undefined && before <= dueAt.getTime()) return;
  announced.set(tx, dueAt.getTime());
  await tx.one(`SELECT pg_notify(?, ?)`, JOBS_CHANNEL, `${watchingOf(store).origin} ${dueAt.toISOString()}`);
}

// ---- Row mapping --------------------------------------------------------------------------------

type RawRow = Omit<JobRow, "dueAt" | "leaseUntil" | "sentAt" | "createdAt" | "updatedAt"> & {
  dueAt: string;
  leaseUntil: string | null;
  sentAt: string | null;
  createdAt: string;
  updatedAt: string;
};

const date = (s: string | null): Date | null => (s === null ? null : new Date(s.includes("T") || s.includes("+") ? s : `${s.replace(" ", "T")}Z`));

function toRow(r: RawRow): JobRow {
  return { ...r, dueAt: date(r.dueAt)!, leaseUntil: date(r.leaseUntil), sentAt: date(r.sentAt), createdAt: date(r.createdAt)!, updatedAt: date(r.updatedAt)! };
}

// ---- Validation -----------------------------------------------------------------------------------

interface TargetColumns {
  platform: string;
  workspaceId: string | null;
  channelId: string | null;
  userId: string | null;
  personId: number | null;
}

function targetColumns(t: JobTarget): TargetColumns {
  if (!t || typeof t !== "object") throw new JobInputError("target", "target is required");
  if ("personId" in t) {
    if (!Number.isInteger(t.personId) || t.personId <= 0) throw new JobInputError("target", "personId must be a positive integer");
    if (t.platform !== undefined && !JOB_PLATFORMS.includes(t.platform)) throw new JobInputError("target", `unknown platform "${t.platform}"`);
    return { platform: t.platform ?? "any", workspaceId: null, channelId: null, userId: null, personId: t.personId };
  }
  if (!JOB_PLATFORMS.includes(t.platform)) throw new JobInputError("target", `unknown platform "${String(t.platform)}"`);
  if (!t.channelId && !t.userId) throw new JobInputError("target", "a target needs a channelId or a userId");
  return { platform: t.platform, workspaceId: t.workspaceId ?? null, channelId: t.channelId ?? null, userId: t.channelId ? null : (t.userId ?? null), personId: null };
}

function checkKind(kind: string): void {
  if (typeof kind !== "string" || !/^[a-z][a-z0-9_-]*(\.[a-z0-9_-]+)+$/.test(kind)) throw new JobInputError("kind", `job kind must look like "area.name", got "${kind}"`);
}

function checkZone(tz: string): void {
  if (!isTimeZone(tz)) throw new JobInputError("timeZone", `unknown time zone "${tz}"`);
}

function payloadText(payload: unknown): string {
  const s = JSON.stringify(payload ?? {});
  if (s === undefined) throw new JobInputError("payload", "payload must be JSON-serialisable");
  if (s.length > 16_000) throw new JobInputError("payload", "payload is too large (keep ids, not copies of records)");
  return s;
}

// ---- Scheduling -----------------------------------------------------------------------------------

/**
 * Schedules one delivery, as a transaction of its own on either engine. The same idempotencyKey
 * twice keeps one job: `created` is false the second time.
 */
export async function scheduleJob(store: Store, input: ScheduleJobInput): Promise<{ id: number; created: boolean }> {
  return transaction(store, (tx) => scheduleJobNowIn(tx, store, input));
}

/** What scheduleJobNowIn writes, checked. */
function checkedRow(input: ScheduleJobInput): InsertRow {
  checkKind(input.kind);
  if (!(input.dueAt instanceof Date) || Number.isNaN(input.dueAt.getTime())) throw new JobInputError("dueAt", "dueAt must be a valid Date");
  const timeZone = input.timeZone ?? DEFAULT_TIME_ZONE;
  checkZone(timeZone);
  if (input.idempotencyKey !== undefined && (typeof input.idempotencyKey !== "string" || input.idempotencyKey.length === 0 || input.idempotencyKey.length > 200))
    throw new JobInputError("key", "idempotencyKey must be 1–200 characters");
  return {
    kind: input.kind,
    ...targetColumns(input.target),
    payload: payloadText(input.payload),
    dueAt: dbTime(input.dueAt),
    timeZone,
    idempotencyKey: input.idempotencyKey ?? null,
    createdById: input.createdById ?? null,
    now: dbTime(new Date()),
  };
}

// ---- Inside the caller's transaction: the writes and the jobs they bring commit together ------

/**
 * Schedules one delivery inside the caller's transaction: the same key twice keeps one job; a
 * cancelled one is revived. `store` is only for waking the dispatchers once it commits.
 */
export async function scheduleJobNowIn(tx: Tx, store: Store, input: ScheduleJobInput): Promise<{ id: number; created: boolean }> {
  const row = checkedRow(input);
  const values = { ...row, dueAt: input.dueAt, now: new Date(row.now) };
  const ins = await tx.one<{ id: number }>(INSERT_JOB, { ...values, ruleId: null });
  let out: { id: number; created: boolean; updated: boolean };
  if (ins) out = { id: ins.id, created: true, updated: false };
  else {
    const existing = (await tx.one<{ id: number; status: JobStatus }>(JOB_BY_KEY, row.idempotencyKey))!;
    const again = onConflictDo(existing.status, input.onConflict ?? "keep");
    if (again !== "keep") await tx.run(RESCHEDULE_JOB, { ...values, id: existing.id });
    out = { id: existing.id, created: again === "revive", updated: again !== "keep" };
  }
  if (out.created || out.updated) await jobWritten(tx, store, input.dueAt);
  return { id: out.id, created: out.created };
}

/** Cancels the still-pending jobs whose key starts with the prefix, inside the caller's transaction; how many. */
export async function cancelJobsIn(tx: Db, q: { idempotencyKeyPrefix: string }): Promise<number> {
  const prefix = q.idempotencyKeyPrefix;
  if (typeof prefix !== "string" || prefix.length === 0) throw new JobInputError("key", "idempotencyKeyPrefix must not be empty");
  const r = await tx.run(`UPDATE "ScheduledJob" SET "status" = 'cancelled', "updatedAt" = ? WHERE "status" = 'pending' AND substr("idempotencyKey", 1, ?) = ?`, new Date(), prefix.length, prefix);
  return r.changes;
}

/** Cancels the job with this key if it is still pending; false otherwise (none, sent, in delivery, parked). */
export async function cancelJobByKeyIn(tx: Tx, idempotencyKey: string): Promise<boolean> {
  const r = await tx.run(`UPDATE "ScheduledJob" SET "status" = 'cancelled', "updatedAt" = ? WHERE "idempotencyKey" = ? AND "status" = 'pending'`, new Date(), idempotencyKey);
  return r.changes === 1;
}

// The same key twice keeps one job.
const INSERT_JOB = `INSERT INTO "ScheduledJob" ("kind", "platform", "workspaceId", "channelId", "userId", "personId", "payload", "dueAt", "timeZone", "status", "attempts", "idempotencyKey", "ruleId", "createdById", "createdAt", "updatedAt")
   VALUES (@kind, @platform, @workspaceId, @channelId, @userId, @personId, @payload, @dueAt, @timeZone, 'pending', 0, @idempotencyKey, @ruleId, @createdById, @now, @now)
   ON CONFLICT ("idempotencyKey") DO NOTHING RETURNING "id"`;
const JOB_BY_KEY = `SELECT "id", "status" FROM "ScheduledJob" WHERE "idempotencyKey" = ?`;
const RESCHEDULE_JOB = `UPDATE "ScheduledJob" SET "kind" = @kind, "platform" = @platform, "workspaceId" = @workspaceId, "channelId" = @channelId, "userId" = @userId, "personId" = @personId,
     "payload" = @payload, "dueAt" = @dueAt, "timeZone" = @timeZone, "status" = 'pending', "attempts" = 0, "lastError" = NULL, "claimedBy" = NULL, "leaseUntil" = NULL,
     "delivered" = NULL, "createdById" = COALESCE(@createdById, "createdById"), "updatedAt" = @now
   WHERE "id" = @id AND "status" IN ('pending', 'cancelled')`;

/** What scheduling a key that already has a job does: a cancelled job is revived, a pending one moved only when asked. */
function onConflictDo(status: JobStatus, onConflict: "keep" | "update"): "revive" | "update" | "keep" {
  if (status === "cancelled") return "revive";
  return onConflict === "update" && status === "pending" ? "update" : "keep";
}

type InsertRow = TargetColumns & { kind: string; payload: string; dueAt: string; timeZone: string; idempotencyKey: string | null; createdById: number | null; now: string };

/** Cancels the still-pending jobs whose idempotency key starts with the prefix (a statement of its own); how many. */
export async function cancelJobs(store: Store, q: { idempotencyKeyPrefix: string }): Promise<number> {
  return cancelJobsIn(data(store), q);
}

/** Cancels one pending job (a statement of its own); false when it is no longer pending (already sent, in delivery, parked). */
export async function cancelJob(store: Store, id: number): Promise<boolean> {
  return cancelJobIn(data(store), id);
}

/** cancelJob inside the caller's transaction. */
export async function cancelJobIn(tx: Db, id: number): Promise<boolean> {
  return (await tx.run(`UPDATE "ScheduledJob" SET "status" = 'cancelled', "updatedAt" = ? WHERE "id" = ? AND "status" = 'pending'`, new Date(), id)).changes === 1;
}

/** Puts a parked job back in the queue, due now, with its attempts reset (staff "retry"). */
export async function retryParkedJob(store: Store, id: number, now = new Date()): Promise<boolean> {
  return transaction(store, async (tx) => {
    const ok =
      (await tx.run(`UPDATE "ScheduledJob" SET "status" = 'pending', "attempts" = 0, "dueAt" = @now, "claimedBy" = NULL, "leaseUntil" = NULL, "updatedAt" = @now WHERE "id" = @id AND "status" = 'parked'`, { id, now }))
        .changes === 1;
    if (ok) await jobWritten(tx, store, now);
    return ok;
  });
}

export async function getJob(store: Store, id: number): Promise<JobRow | null> {
  const r = await data(store).one<RawRow>(`SELECT * FROM "ScheduledJob" WHERE "id" = ?`, id);
  return r ? toRow(r) : null;
}

export async function getJobByKey(store: Store, idempotencyKey: string): Promise<JobRow | null> {
  const r = await data(store).one<RawRow>(`SELECT * FROM "ScheduledJob" WHERE "idempotencyKey" = ?`, idempotencyKey);
  return r ? toRow(r) : null;
}

export interface JobQuery {
  status?: JobStatus | JobStatus[];
  kind?: string;
  idempotencyKeyPrefix?: string;
  /** Only jobs due at or before this instant. */
  dueBefore?: Date;
  order?: "due" | "recent";
  limit?: number;
}

/** The statement a query of jobs is: the same text for the same shape of query (so it is prepared once). */
function jobQuery(q: JobQuery): { text: string; params: Record<string, unknown> } {
  const where: string[] = [];
  const params: Record<string, unknown> = {};
  const statuses = q.status === undefined ? [] : Array.isArray(q.status) ? q.status : [q.status];
  if (statuses.length) {
    where.push(`"status" IN (${statuses.map((_, i) => `@s${i}`).join(", ")})`);
    statuses.forEach((s, i) => (params[`s${i}`] = s));
  }
  if (q.kind) {
    where.push(`"kind" = @kind`);
    params.kind = q.kind;
  }
  if (q.idempotencyKeyPrefix) {
    where.push(`substr("idempotencyKey", 1, @plen) = @prefix`);
    params.plen = q.idempotencyKeyPrefix.length;
    params.prefix = q.idempotencyKeyPrefix;
  }
  if (q.dueBefore) {
    where.push(`"dueAt" <= @dueBefore`);
    params.dueBefore = q.dueBefore;
  }
  const order = q.order === "recent" ? `"updatedAt" DESC, "id" DESC` : `"dueAt" ASC, "id" ASC`;
  return { text: `SELECT * FROM "ScheduledJob" ${where.length ? `WHERE ${where.join(" AND ")}` : ""} ORDER BY ${order} LIMIT ${Math.max(1, Math.min(q.limit ?? 50, 1000))}`, params };
}

/** Jobs matching the query, on either engine (the admin view, the grievance plan's repair). */
export async function findJobs(db: Db, q: JobQuery = {}): Promise<JobRow[]> {
  const { text, params } = jobQuery(q);
  return (await db.all<RawRow>(text, params)).map(toRow);
}

/** The same, given the store. */
export async function listJobs(store: Store, q: JobQuery = {}): Promise<JobRow[]> {
  return findJobs(data(store), q);
}

export async function countJobsByStatus(db: Db): Promise<Record<JobStatus, number>> {
  const counts: Record<JobStatus, number> = { pending: 0, claimed: 0, sent: 0, parked: 0, cancelled: 0 };
  for (const r of await db.all<{ status: JobStatus; n: number }>(`SELECT "status", COUNT(*) AS "n" FROM "ScheduledJob" GROUP BY "status"`)) counts[r.status] = r.n;
  return counts;
}

export interface JobsOverview {
  counts: Record<JobStatus, number>;
  /** Pending and already due, or being delivered right now. */
  due: JobRow[];
  parked: JobRow[];
  upcoming: JobRow[];
  /** Sent or cancelled, latest first. */
  recent: JobRow[];
  rules: RuleRow[];
}

/** What staff see in `/unionhall jobs` and `npm run cli -- jobs`. */
export async function jobsOverview(db: Db, now: Date, limit = 10): Promise<JobsOverview> {
  const due = await db.all<RawRow>(`SELECT * FROM "ScheduledJob" WHERE ("status" = 'pending' AND "dueAt" <= ?) OR "status" = 'claimed' ORDER BY "dueAt", "id" LIMIT ?`, now, limit);
  const upcoming = await db.all<RawRow>(`SELECT * FROM "ScheduledJob" WHERE "status" = 'pending' AND "dueAt" > ? ORDER BY "dueAt", "id" LIMIT ?`, now, limit);
  return {
    counts: await countJobsByStatus(db),
    due: due.map(toRow),
    parked: await findJobs(db, { status: "parked", order: "recent", limit }),
    upcoming: upcoming.map(toRow),
    recent: await findJobs(db, { status: ["sent", "cancelled"], order: "recent", limit }),
    rules: await listRules(db),
  };
}

// ---- Recurring rules ------------------------------------------------------------------------------

export interface UpsertRuleInput {
  kind: string;
  /** Shown to staff, e.g. "Weekly steward digest". */
  name: string;
  /** Five-field cron (minute hour day month weekday) in `timeZone`, e.g. "0 8 * * 1". */
  cron: string;
  timeZone: string;
  target: JobTarget;
  payload?: unknown;
  /** Identifies the rule: the same key updates it instead of adding another. */
  idempotencyKey: string;
  active?: boolean;
  createdById?: number | null;
}

export interface RuleRow {
  id: number;
  kind: string;
  name: string;
  cron: string;
  timeZone: string;
  platform: string;
  workspaceId: string | null;
  channelId: string | null;
  userId: string | null;
  personId: number | null;
  payload: string;
  active: number | boolean;
  lastFiredAt: string | null;
  idempotencyKey: string | null;
}

/** The deterministic key of a rule's occurrence: a restart or a second process never makes two. */
export function occurrenceKey(ruleId: number, at: Date): string {
  return `rule:${ruleId}:${at.toISOString()}`;
}

function occurrenceOf(key: string | null): Date | null {
  const m = key ? /^rule:\d+:(.+)$/.exec(key) : null;
  return m ? new Date(m[1]!) : null;
}

/** Adds or updates a recurring rule and schedules its next occurrence, as a transaction of its own on either engine. */
export async function upsertRule(store: Store, input: UpsertRuleInput, now = new Date()): Promise<{ id: number; created: boolean; nextAt: Date | null }> {
  return transaction(store, (tx) => upsertRuleIn(tx, store, input, now));
}

/** What upsertRuleIn writes, checked. */
function checkedRule(input: UpsertRuleInput, now: Date) {
  checkKind(input.kind);
  checkZone(input.timeZone);
  try {
    parseCron(input.cron);
  } catch (e) {
    throw new JobInputError("cron", e instanceof CronError ? e.message : "bad cron rule");
  }
  if (!input.idempotencyKey) throw new JobInputError("key", "a rule needs an idempotencyKey");
  if (!input.name || input.name.length > 200) throw new JobInputError("kind", "a rule needs a name (≤ 200 characters)");
  const cols = targetColumns(input.target);
  return {
    ...cols,
    kind: input.kind,
    name: input.name,
    cron: input.cron.trim(),
    timeZone: input.timeZone,
    payload: payloadText(input.payload),
    active: input.active === false ? 0 : 1,
    idempotencyKey: input.idempotencyKey,
    createdById: input.createdById ?? null,
    now: dbTime(now),
  };
}

// One text each for the rule's statements on the data layer (double-quoted for PostgreSQL).
const RULE_BY_KEY = `SELECT "id" FROM "RecurringRule" WHERE "idempotencyKey" = ?`;
const UPDATE_RULE = `UPDATE "RecurringRule" SET "kind" = @kind, "name" = @name, "cron" = @cron, "timeZone" = @timeZone, "platform" = @platform, "workspaceId" = @workspaceId,
     "channelId" = @channelId, "userId" = @userId, "personId" = @personId, "payload" = @payload, "active" = @active WHERE "id" = @id`;
const INSERT_RULE = `INSERT INTO "RecurringRule" ("kind", "name", "cron", "timeZone", "platform", "workspaceId", "channelId", "userId", "personId", "payload", "active", "idempotencyKey", "createdById", "createdAt")
   VALUES (@kind, @name, @cron, @timeZone, @platform, @workspaceId, @channelId, @userId, @personId, @payload, @active, @idempotencyKey, @createdById, @now) RETURNING "id"`;
const CANCEL_RULE_JOBS = `UPDATE "ScheduledJob" SET "status" = 'cancelled', "updatedAt" = ? WHERE "ruleId" = ? AND "status" = 'pending'`;

/**
 * Adds or updates a recurring rule inside an asynchronous transaction (either engine): checked, the
 * update-or-add by key, the pending occurrence dropped and the next one planned (a cancelled one
 * with the same key revived), so a rule commits with the write it belongs to.
 */
export async function upsertRuleIn(tx: Tx, store: Store, input: UpsertRuleInput, now = new Date()): Promise<{ id: number; created: boolean; nextAt: Date | null }> {
  const row = checkedRule(input, now);
  const values = { ...row, active: row.active === 1, now };
  const before = await tx.one<{ id: number }>(RULE_BY_KEY, row.idempotencyKey);
  let id: number;
  if (before) {
    id = before.id;
    await tx.run(UPDATE_RULE, { kind: values.kind, name: values.name, cron: values.cron, timeZone: values.timeZone, platform: values.platform, workspaceId: values.workspaceId, channelId: values.channelId, userId: values.userId, personId: values.personId, payload: values.payload, active: values.active, id });
    // The schedule or the target may have changed: drop the pending occurrence and plan afresh.
    await tx.run(CANCEL_RULE_JOBS, now, id);
  } else {
    id = (await tx.one<{ id: number }>(INSERT_RULE, values))!.id;
  }
  const at = row.active ? nextOccurrence(row.cron, row.timeZone, now) : null;
  if (at) await insertOccurrenceIn(tx, store, { ...row, id }, at);
  return { id, created: !before, nextAt: at };
}

/** Stops a rule: no further occurrences; its pending one is cancelled. A transaction of its own. */
export async function deactivateRule(store: Store, idempotencyKey: string): Promise<boolean> {
  return transaction(store, (tx) => deactivateRuleIn(tx, idempotencyKey));
}

/** deactivateRule inside the caller's transaction; false when no rule has the key. */
export async function deactivateRuleIn(tx: Db, idempotencyKey: string): Promise<boolean> {
  const rule = await tx.one<{ id: number }>(RULE_BY_KEY, idempotencyKey);
  if (!rule) return false;
  await tx.run(`UPDATE "RecurringRule" SET "active" = FALSE WHERE "id" = ?`, rule.id);
  await tx.run(CANCEL_RULE_JOBS, new Date(), rule.id);
  return true;
}

export async function listRules(db: Db): Promise<RuleRow[]> {
  return db.all<RuleRow>(`SELECT * FROM "RecurringRule" ORDER BY "id"`);
}

/** The job one occurrence of a rule is: its target and payload, keyed by rule and instant. */
function occurrenceOfRule(rule: Pick<RuleRow, "id" | "kind" | "platform" | "workspaceId" | "channelId" | "userId" | "personId" | "payload" | "timeZone">, at: Date) {
  return {
    kind: rule.kind,
    platform: rule.platform,
    workspaceId: rule.workspaceId,
    channelId: rule.channelId,
    userId: rule.userId,
    personId: rule.personId,
    payload: rule.payload,
    timeZone: rule.timeZone,
    idempotencyKey: occurrenceKey(rule.id, at),
    createdById: null,
  };
}

/**
 * Writes the occurrence at `at` of a rule inside `tx`: a new job, or a cancelled one with its key
 * revived; left alone when it is already pending, claimed or sent. Two processes planning the same
 * occurrence at once keep one: the second insert waits on the unique key and then does nothing.
 */
async function insertOccurrenceIn(tx: Tx, store: Store, rule: Parameters<typeof occurrenceOfRule>[0], at: Date): Promise<void> {
  const job = { ...occurrenceOfRule(rule, at), dueAt: at, now: new Date() };
  if (!(await tx.one(INSERT_JOB, { ...job, ruleId: rule.id }))) {
    const existing = (await tx.one<{ id: number; status: JobStatus }>(JOB_BY_KEY, job.idempotencyKey))!;
    if (onConflictDo(existing.status, "keep") === "keep") return;
    await tx.run(RESCHEDULE_JOB, { ...job, id: existing.id });
  }
  await jobWritten(tx, store, at);
}

async function materializeRuleIn(tx: Tx, store: Store, ruleId: number, after: Date): Promise<Date | null> {
  const rule = await tx.one<RuleRow>(`SELECT * FROM "RecurringRule" WHERE "id" = ?`, ruleId);
  if (!rule || !rule.active) return null;
  const at = nextOccurrence(rule.cron, rule.timeZone, after);
  if (!at) return null;
  await insertOccurrenceIn(tx, store, rule, at);
  return at;
}

/**
 * Ensures the rule's next occurrence after `after` exists as a job (deterministic key, so calling
 * this twice, or from two processes, keeps one). Returns its due time, or null if the rule is
 * inactive or never fires again.
 */
export async function materializeRule(store: Store, ruleId: number, after: Date): Promise<Date | null> {
  return transaction(store, (tx) => materializeRuleIn(tx, store, ruleId, after));
}

/** On start-up: every active rule without a job in the queue gets its next occurrence after `now`. */
export async function materializeRules(store: Store, now: Date): Promise<number> {
  const idle = await data(store).all<{ id: number }>(
    `SELECT "id" FROM "RecurringRule" r WHERE "active" = TRUE
       AND NOT EXISTS (SELECT 1 FROM "ScheduledJob" j WHERE j."ruleId" = r."id" AND j."status" IN ('pending', 'claimed'))`,
  );
  for (const r of idle) await materializeRule(store, r.id, now);
  return idle.length;
}

// ---- The dispatcher's side: claims with a lease, and their outcomes ----------------------------------
// On either engine through the data layer. Every process runs a dispatcher: a job is claimed by
// exactly one of them (one guarded statement), and a claim whose holder died is taken over once
// its lease has run out.

// On PostgreSQL the rows are locked as they are chosen and rows another process is claiming at
// this moment are skipped, not waited for; a row claimed and committed meanwhile no longer
// matches when re-checked under its lock. SQLite's single writer already excludes the rest.
const CLAIM = dialect({
  sqlite: `UPDATE "ScheduledJob" SET "status" = 'claimed', "claimedBy" = @owner, "leaseUntil" = @lease, "attempts" = "attempts" + 1, "updatedAt" = @now
     WHERE "id" IN (SELECT "id" FROM "ScheduledJob"
                    WHERE ("status" = 'pending' AND "dueAt" <= @now) OR ("status" = 'claimed' AND "leaseUntil" <= @now)
                    ORDER BY "dueAt", "id" LIMIT @limit)
     RETURNING *`,
  postgres: `UPDATE "ScheduledJob" SET "status" = 'claimed', "claimedBy" = @owner, "leaseUntil" = @lease, "attempts" = "attempts" + 1, "updatedAt" = @now
     WHERE "id" IN (SELECT "id" FROM "ScheduledJob"
                    WHERE ("status" = 'pending' AND "dueAt" <= @now) OR ("status" = 'claimed' AND "leaseUntil" <= @now)
                    ORDER BY "dueAt", "id" LIMIT @limit FOR UPDATE SKIP LOCKED)
     RETURNING *`,
});

/**
 * Atomically claims up to `limit` jobs that are due (or whose previous claim's lease ran out:
 * that process died), oldest due first, and counts an attempt on each. One statement, so the
 * claim is its own transaction.
 */
export async function claimDueJobs(db: Db, o: { now: Date; owner: string; leaseMs: number; limit: number }): Promise<JobRow[]> {
  const rows = await db.all<RawRow>(CLAIM, { owner: o.owner, lease: new Date(o.now.getTime() + o.leaseMs), now: o.now, limit: o.limit });
  return rows.map(toRow).sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime() || a.id - b.id);
}

/** When the dispatcher must next look: the earliest pending due time or claim lease expiry. */
export async function nextWakeAt(db: Db): Promise<Date | null> {
  const r = await db.one<{ t: string | null }>(
    `SELECT MIN("t") AS "t" FROM (
       SELECT MIN("dueAt") AS "t" FROM "ScheduledJob" WHERE "status" = 'pending'
       UNION ALL SELECT MIN("leaseUntil") AS "t" FROM "ScheduledJob" WHERE "status" = 'claimed') AS "w"`,
  );
  return r?.t ? date(r.t) : null;
}

const RECORD_RECIPIENT = dialect({
  sqlite: `UPDATE "ScheduledJob" SET "delivered" = json_insert(COALESCE("delivered", '[]'), '$[#]', @recipient), "updatedAt" = @now
     WHERE "id" = @id AND "status" = 'claimed' AND "claimedBy" = @owner`,
  postgres: `UPDATE "ScheduledJob" SET "delivered" = (COALESCE("delivered", '[]')::jsonb || jsonb_build_array(@recipient::text))::text, "updatedAt" = @now
     WHERE "id" = @id AND "status" = 'claimed' AND "claimedBy" = @owner`,
});

/** Notes one recipient of a multi-recipient job as delivered, so a retry skips it. */
export async function recordRecipient(db: Db, id: number, owner: string, recipient: string): Promise<void> {
  await db.run(RECORD_RECIPIENT, { id, owner, recipient, now: new Date() });
}

/**
 * Marks a claimed job sent, recording the delivery's message id(s) in the same statement; for a
 * rule's occurrence, plans the next one in the same transaction. False if the claim was lost.
 */
export async function markSent(store: Store, id: number, owner: string, o: { now: Date; messageId: string | null }): Promise<boolean> {
  return transaction(store, async (tx) => {
    const row = await tx.one<{ ruleId: number | null; idempotencyKey: string | null }>(
      `UPDATE "ScheduledJob" SET "status" = 'sent', "sentAt" = @now, "messageId" = @messageId, "lastError" = NULL, "claimedBy" = NULL, "leaseUntil" = NULL, "updatedAt" = @now
       WHERE "id" = @id AND "status" = 'claimed' AND "claimedBy" = @owner RETURNING "ruleId", "idempotencyKey"`,
      { id, owner, now: o.now, messageId: o.messageId },
    );
    if (!row) return false;
    if (row.ruleId !== null) await afterOccurrence(tx, store, row.ruleId, row.idempotencyKey, o.now, true);
    return true;
  });
}

async function afterOccurrence(tx: Tx, store: Store, ruleId: number, key: string | null, now: Date, fired: boolean): Promise<void> {
  const occurrence = occurrenceOf(key) ?? now;
  if (fired) await tx.run(`UPDATE "RecurringRule" SET "lastFiredAt" = ? WHERE "id" = ?`, occurrence, ruleId);
  // After a long outage only the latest missed occurrence fires; the next one is planned from now.
  await materializeRuleIn(tx, store, ruleId, new Date(Math.max(occurrence.getTime(), now.getTime())));
}

/** Nothing to send any more (the kind's render returned null): closed without delivery. */
export async function markObsolete(store: Store, id: number, owner: string, now: Date): Promise<boolean> {
  return finish(store, id, owner, now, "cancelled", "nothing to send any more");
}

async function finish(store: Store, id: number, owner: string, now: Date, status: "cancelled" | "parked", error: string, then?: ScheduleJobInput): Promise<boolean> {
  return transaction(store, async (tx) => {
    const row = await tx.one<{ ruleId: number | null; idempotencyKey: string | null; kind: string; attempts: number }>(
      `UPDATE "ScheduledJob" SET "status" = @status, "lastError" = @error, "claimedBy" = NULL, "leaseUntil" = NULL, "updatedAt" = @now
       WHERE "id" = @id AND "status" = 'claimed' AND "claimedBy" = @owner RETURNING "ruleId", "idempotencyKey", "kind", "attempts"`,
      { id, owner, status, error: error.slice(0, 500), now },
    );
    if (!row) return false;
    if (status === "parked") {
      await appendAuditIn(tx, {
        actor: "system",
        action: "scheduler.job.parked",
        subjectType: "job",
        subjectId: String(id),
        details: { kind: row.kind, attempts: row.attempts, ruleId: row.ruleId },
        at: now,
      });
      if (then) await scheduleJobNowIn(tx, store, then);
    }
    // A recurring rule goes on even if one occurrence could not be delivered.
    if (row.ruleId !== null) await afterOccurrence(tx, store, row.ruleId, row.idempotencyKey, now, false);
    return true;
  });
}

/**
 * Gives up on a job after repeated or permanent failures: shown to staff and audit-logged, never
 * dropped. `then`, a job scheduled in the same transaction (telling someone why), only if it parks.
 */
export async function parkJob(store: Store, id: number, owner: string, o: { now: Date; error: string; then?: ScheduleJobInput }): Promise<boolean> {
  return finish(store, id, owner, o.now, "parked", o.error, o.then);
}

/**
 * Returns a claimed job to the queue, due at `retryAt`. `countAttempt: false` undoes the attempt
 * counted at claim time (rate limits and shutdowns are not the job's fault).
 */
export async function releaseJob(db: Db, id: number, owner: string, o: { now: Date; retryAt: Date; error?: string | null; countAttempt: boolean }): Promise<boolean> {
  const r = await db.run(
    `UPDATE "ScheduledJob" SET "status" = 'pending', "dueAt" = @retryAt, "lastError" = COALESCE(@error, "lastError"), "claimedBy" = NULL, "leaseUntil" = NULL,
       "attempts" = CASE WHEN @count = 1 THEN "attempts" WHEN "attempts" > 0 THEN "attempts" - 1 ELSE 0 END, "updatedAt" = @now
     WHERE "id" = @id AND "status" = 'claimed' AND "claimedBy" = @owner`,
    { id, owner, retryAt: o.retryAt, error: o.error ? o.error.slice(0, 500) : null, count: o.countAttempt ? 1 : 0, now: o.now },
  );
  return r.changes === 1;
}
