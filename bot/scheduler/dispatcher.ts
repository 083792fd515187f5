// The dispatcher: delivers due jobs from the ScheduledJob table exactly when they fall due.
//
// Only the NEXT wake-up lives in memory (one timer, re-armed after every batch and whenever a job
// is scheduled earlier than the armed time), so memory does not grow with the number of pending
// jobs. At each wake-up it claims due jobs atomically with a lease (db/jobs.ts), renders them
// through their feature's JobKind, posts them through the platform's Poster, and marks them sent
// in the same statement that records the delivery's message id. A process killed between claim
// and delivery loses nothing: the lease expires and the job is claimed again.
//
// Failures: a rate limit (RateLimitedError) waits the platform's retry-after and does not count
// as an attempt; other errors back off exponentially; a PermanentDeliveryError, an unknown kind or
// N failed attempts park the job (audit-logged, shown to staff in /unionhall jobs).
import os from "node:os";
import crypto from "node:crypto";
import type { Clock, Logger } from "../../commands/core/command.ts";
import { type Core } from "../../commands/core/dispatch.ts";
import { materializeAll } from "../../commands/core/render.ts";
import type { RenderedReply, Reply } from "../../commands/core/reply.ts";
import { resolveLocale } from "../../commands/core/i18n.ts";
import { deliveryLocale } from "../../db/locales.ts";
import { data } from "../../db/data.ts";
import { createFormatter } from "../../commands/core/format.ts";
import type { JobCtx, JobKind } from "../../commands/core/jobs.ts";
import { NOTICE_JOB, noticeJobKind } from "../../commands/core/notice.ts";
import { ChannelAccessError } from "../../commands/core/host.ts";
import { POST_FAILED_JOB, postFailedJobKind, postFailedNotice } from "../../commands/core/post-failed.ts";
import { identitiesOf } from "../../db/identities.ts";
import {
  claimDueJobs,
  DEFAULT_TIME_ZONE,
  markObsolete,
  markSent,
  materializeRules,
  nextWakeAt,
  parkJob,
  recordRecipient,
  releaseJob,
  watchJobs,
  type JobRow,
} from "../../db/jobs.ts";
import type { Store } from "../../db/store.ts";
import { PermanentDeliveryError, RateLimitedError, type Platform, type Poster, type Target } from "../outbox.ts";
import { downtimeSummary, LATE_AFTER_MS, recipientGroup, withLateNote } from "./catch-up.ts";

export interface SchedulerOptions {
  store: Store;
  core: Core;
  posters: Map<Platform, Poster>;
  log: Logger;
  /** Injectable for tests; the timer still runs on real time (delay = due time − clock.now()). */
  clock?: Clock;
  /** The local's time zone (UNION_TIME_ZONE), handed to job kinds for formatting. */
  timeZone?: string;
  /** Identifies this process's claims. */
  owner?: string;
  /** How long a claim holds before another process may take the job over. */
  leaseMs?: number;
  /** Delivery attempts before a job is parked. */
  maxAttempts?: number;
  /** First retry delay; doubles with each failed attempt, up to retryMaxMs. */
  retryBaseMs?: number;
  retryMaxMs?: number;
  /** Jobs claimed per statement. */
  batchSize?: number;
  /** Deliveries in flight at once. */
  concurrency?: number;
  /** Longest sleep between looks at the table (catches jobs another process added). */
  maxSleepMs?: number;
}

export interface Scheduler {
  /** Plans recurring rules, catches up every job that fell due while stopped, then arms the timer. */
  start(): Promise<{ caughtUp: number }>;
  /** Stops the timer and waits for deliveries in flight; claimed jobs not yet started go back to the queue. */
  stop(): Promise<void>;
  /** Delivers everything due now (used by start, the timer and tests); resolves with how many jobs were handled. */
  runDue(): Promise<number>;
  /** When the timer is armed for (null when stopped or idle). */
  armedFor(): Date | null;
  readonly owner: string;
}

export class NoPosterError extends Error {
  constructor(platform: string) {
    super(`no running adapter for platform ${platform}`);
    this.name = "NoPosterError";
  }
}

const PLATFORMS = new Set(["slack", "discord", "web"]);
const MIN_RATE_LIMIT_WAIT_MS = 250;

export function jobKinds(core: Core): Map<string, JobKind<unknown>> {
  const kinds = new Map<string, JobKind<unknown>>();
  for (const f of core.registry.features) {
    for (const k of f.jobs ?? []) {
      if (kinds.has(k.kind)) throw new Error(`duplicate job kind "${k.kind}"`);
      kinds.set(k.kind, k as JobKind<unknown>);
    }
  }
  // Notices scheduled for a channel or a person, rendered for that target when they fall due.
  kinds.set(NOTICE_JOB, noticeJobKind(core.registry.notice));
  // The person whose post could not go into a channel hears why (./commands/core/post-failed.ts).
  kinds.set(POST_FAILED_JOB, postFailedJobKind);
  return kinds;
}

function errorText(e: unknown): string {
  if (e instanceof Error) return `${e.name}: ${e.message}`.slice(0, 300);
  return "unknown error";
}

export function createScheduler(opts: SchedulerOptions): Scheduler {
  const { store, core, posters, log } = opts;
  const clock = opts.clock ?? core.clock;
  const owner = opts.owner ?? `${os.hostname()}:${process.pid}:${crypto.randomBytes(3).toString("hex")}`;
  const leaseMs = opts.leaseMs ?? 120_000;
  const maxAttempts = opts.maxAttempts ?? 5;
  const retryBaseMs = opts.retryBaseMs ?? 30_000;
  const retryMaxMs = opts.retryMaxMs ?? 3_600_000;
  const batchSize = opts.batchSize ?? 100;
  const concurrency = Math.max(1, opts.concurrency ?? 8);
  const maxSleepMs = opts.maxSleepMs ?? 30_000;
  const localZone = opts.timeZone ?? DEFAULT_TIME_ZONE;
  const kinds = jobKinds(core);

  let timer: NodeJS.Timeout | null = null;
  let armed: Date | null = null;
  let running: Promise<number> | null = null;
  let rerun = false;
  let stopped = true;
  let unwatch: (() => void) | null = null;
  /** Platforms that told us to slow down, until when. */
  const pausedUntil = new Map<string, number>();

  /** Sets the one timer for `at` (at most the longest sleep away), replacing any other. */
  function setTimer(at: Date | null): void {
    if (timer) clearTimeout(timer);
    const now = clock.now().getTime();
    const delay = Math.min(maxSleepMs, Math.max(0, at ? at.getTime() - now : maxSleepMs));
    armed = new Date(now + delay);
    timer = setTimeout(() => {
      timer = null;
      armed = null;
      void runDue();
    }, delay);
    timer.unref?.();
  }

  /** Looks up the next due time or lease expiry and sets the timer for it. */
  function arm(): void {
    if (timer) clearTimeout(timer);
    timer = null;
    armed = null;
    if (stopped) return;
    nextWakeAt(data(store)).then(
      (next) => {
        // A pass started meanwhile re-arms when it ends; a job scheduled meanwhile may have set an earlier timer.
        if (stopped || running || (armed && next && armed.getTime() <= next.getTime())) return;
        if (armed && !next) return;
        setTimer(next);
      },
      (e: unknown) => {
        // The database is unavailable for now: look again after the longest sleep.
        log.error("scheduler.armFailed", { error: errorText(e) });
        if (!stopped && !running && !armed) setTimer(null);
      },
    );
  }

  /** A job was written (here, or by another process): wake for it if it is due before the timer. */
  function onScheduled(dueAt: Date): void {
    if (stopped) return;
    if (running) {
      rerun = true;
      return;
    }
    if (!armed || dueAt.getTime() < armed.getTime()) setTimer(dueAt);
  }

  async function recipients(job: JobRow): Promise<Target[]> {
    if (job.personId === null) {
      if (!PLATFORMS.has(job.platform)) throw new PermanentDeliveryError(`unknown platform ${job.platform}`);
      return [{ platform: job.platform as Platform, workspaceId: job.workspaceId, channelId: job.channelId, userId: job.userId }];
    }
    const ids = await identitiesOf(data(store), job.personId, job.platform === "any" ? undefined : job.platform);
    const out = ids.filter((i) => PLATFORMS.has(i.platform) && (job.platform !== "any" || posters.has(i.platform as Platform)));
    if (out.length === 0) throw new PermanentDeliveryError(`person ${job.personId} has no linked account on ${job.platform === "any" ? "a running platform" : job.platform}`);
    return out.map((i) => ({ platform: i.platform as Platform, workspaceId: i.workspaceId, channelId: null, userId: i.userId }));
  }

  function recipientKey(t: Target): string {
    return `${t.platform}:${t.workspaceId ?? ""}:${t.channelId ?? ""}:${t.userId ?? ""}`;
  }

  interface Prepared {
    job: JobRow;
    reply: Reply;
    rendered?: RenderedReply;
    t: JobCtx["t"];
    fmt: JobCtx["fmt"];
    /** Other jobs for the same recipient carried in this one message (the downtime summary). */
    also?: JobRow[];
  }

  /** Set while start() catches up: jobs due before this (minus a minute) fell due while the bot was down. */
  let catchingUpFrom: Date | null = null;

  /** Late jobs at start-up: one per recipient says when it was due; several become one summary. */
  function gatherLate(prepared: Prepared[], startedAt: Date): Prepared[] {
    const out: Prepared[] = [];
    const groups = new Map<string, Prepared[]>();
    for (const p of prepared) {
      if (p.job.dueAt.getTime() >= startedAt.getTime() - LATE_AFTER_MS) {
        out.push(p);
        continue;
      }
      const key = recipientGroup(p.job);
      groups.set(key, [...(groups.get(key) ?? []), p]);
    }
    for (const unordered of groups.values()) {
      // The summary rides on a job addressed to the person on every platform, when there is one.
      const group = [...unordered].sort((a, b) => Number(b.job.platform === "any") - Number(a.job.platform === "any"));
      const [first, ...rest] = group as [Prepared, ...Prepared[]];
      const items = group.map((p) => ({ reply: p.reply, dueAt: p.job.dueAt }));
      out.push(
        rest.length === 0
          ? { ...first, reply: withLateNote(items[0]!, first.t, first.fmt) }
          : { ...first, reply: downtimeSummary(items, first.t, first.fmt), also: rest.map((p) => p.job) },
      );
      if (rest.length > 0) log.info("scheduler.caughtUpSummary", { job: first.job.id, jobs: group.length });
    }
    return out.sort((a, b) => a.job.dueAt.getTime() - b.job.dueAt.getTime() || a.job.id - b.job.id);
  }

  /** Hands back the claims of jobs that were to ride along in a message that was not sent. */
  async function releaseCarried(p: Prepared): Promise<void> {
    for (const j of p.also ?? []) await releaseJob(data(store), j.id, owner, { now: clock.now(), retryAt: j.dueAt, countAttempt: false });
  }

  /** Checks a claimed job and renders it through its kind; null when it was settled here (parked, obsolete, failed, released). */
  async function prepare(job: JobRow): Promise<Prepared | null> {
    const now = () => clock.now();
    if (stopped) {
      // Shutting down: hand the claim back at once instead of waiting for the lease.
      await releaseJob(data(store), job.id, owner, { now: now(), retryAt: job.dueAt, countAttempt: false });
      return null;
    }
    if (job.attempts > maxAttempts) {
      await parkJob(store, job.id, owner, { now: now(), error: job.lastError ?? `gave up after ${maxAttempts} attempts` });
      log.warn("scheduler.parked", { job: job.id, kind: job.kind, attempts: job.attempts, reason: "attempts" });
      return null;
    }
    const kind = kinds.get(job.kind);
    if (!kind) {
      await parkJob(store, job.id, owner, { now: now(), error: `unknown job kind ${job.kind}` });
      log.warn("scheduler.parked", { job: job.id, kind: job.kind, reason: "unknownKind" });
      return null;
    }
    try {
      // A channel's configured language, or the person's own for a direct message; else English.
      const locale = resolveLocale(await deliveryLocale(data(store), job));
      const ctx: JobCtx = {
        store,
        t: core.translator.forLocale(locale),
        locale,
        fmt: createFormatter(locale, localZone),
        clock,
        log,
        timeZone: localZone,
        features: core.registry.features,
        job: {
          id: job.id,
          kind: job.kind,
          dueAt: job.dueAt,
          timeZone: job.timeZone,
          platform: job.platform,
          channelId: job.channelId,
          userId: job.userId,
          personId: job.personId,
          attempt: job.attempts,
          ruleId: job.ruleId,
          createdById: job.createdById,
        },
      };
      const reply = await kind.render(ctx, JSON.parse(job.payload) as unknown);
      if (reply === null) {
        await markObsolete(store, job.id, owner, now());
        log.info("scheduler.obsolete", { job: job.id, kind: job.kind });
        return null;
      }
      return { job, reply, t: ctx.t, fmt: ctx.fmt };
    } catch (e) {
      await fail(job, job.platform, e);
      return null;
    }
  }

  /**
   * Binds the batch's buttons to tokens with one INSERT (a part per hundred tokens), not one per
   * button. No transaction around it: a token whose message is never posted only waits to expire.
   */
  async function bind(batch: Prepared[]): Promise<void> {
    try {
      const rendered = await materializeAll(data(store), batch.map((p) => ({ reply: p.reply, createdById: p.job.createdById })), clock.now());
      batch.forEach((p, i) => (p.rendered = rendered[i]));
    } catch (e) {
      for (const p of batch) {
        await fail(p.job, p.job.platform, e);
        await releaseCarried(p);
      }
      batch.length = 0;
    }
  }

  /** Posts a rendered job to each recipient not yet delivered to, then marks it sent with the message ids. */
  async function send(p: Prepared): Promise<void> {
    const { job } = p;
    const now = () => clock.now();
    let platform = job.platform;
    try {
      if (stopped) {
        await releaseJob(data(store), job.id, owner, { now: now(), retryAt: job.dueAt, countAttempt: false });
        await releaseCarried(p);
        return;
      }
      const targets = await recipients(job);
      const done = new Set<string>(job.delivered ? (JSON.parse(job.delivered) as string[]) : []);
      const messageIds: string[] = [];
      for (const target of targets) {
        const key = recipientKey(target);
        if (done.has(key)) continue;
        platform = target.platform;
        const pause = pausedUntil.get(platform);
        if (pause !== undefined && pause > now().getTime()) throw new RateLimitedError(pause - now().getTime(), "platform paused after a rate limit");
        const poster = posters.get(target.platform);
        if (!poster) throw new NoPosterError(target.platform);
        // A reply that replaces an earlier message edits it in place where the platform can.
        const { messageId } = p.rendered!.replaces && poster.edit
          ? await poster.edit(target, p.rendered!.replaces, p.rendered!).then(() => ({ messageId: p.rendered!.replaces! }))
          : await poster.post(target, p.rendered!);
        messageIds.push(messageId);
        if (targets.length > 1) await recordRecipient(data(store), job.id, owner, key);
      }
      const lateMs = now().getTime() - job.dueAt.getTime();
      if (await markSent(store, job.id, owner, { now: now(), messageId: messageIds.join(",") || null })) {
        log.info("scheduler.sent", { job: job.id, kind: job.kind, attempt: job.attempts, lateMs });
        for (const j of p.also ?? []) await markSent(store, j.id, owner, { now: now(), messageId: messageIds.join(",") || null });
      } else {
        log.warn("scheduler.claimLost", { job: job.id, kind: job.kind });
        await releaseCarried(p);
      }
    } catch (e) {
      await fail(job, platform, e);
      await releaseCarried(p);
    }
  }

  /** A few at a time, in order. */
  async function pool<T>(items: T[], fn: (x: T) => Promise<unknown>): Promise<void> {
    let next = 0;
    const worker = async () => {
      while (next < items.length) await fn(items[next++]!);
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  }

  async function fail(job: JobRow, platform: string, e: unknown): Promise<void> {
    const now = clock.now();
    if (e instanceof RateLimitedError) {
      // At least a moment, so a platform answering "retry after 0" cannot spin the loop.
      const until = now.getTime() + Math.max(MIN_RATE_LIMIT_WAIT_MS, e.retryAfterMs);
      pausedUntil.set(platform, Math.max(until, pausedUntil.get(platform) ?? 0));
      await releaseJob(data(store), job.id, owner, { now, retryAt: new Date(until), error: errorText(e), countAttempt: false });
      log.warn("scheduler.rateLimited", { job: job.id, platform, retryAfterMs: e.retryAfterMs });
      return;
    }
    if (e instanceof PermanentDeliveryError || job.attempts >= maxAttempts) {
      // The person whose post could not go into a channel hears why, once, with the park.
      const then =
        e instanceof ChannelAccessError && job.createdById !== null && job.kind !== POST_FAILED_JOB
          ? postFailedNotice({ jobId: job.id, personId: job.createdById, platform, channelId: e.channelId, reason: e.reason, now })
          : undefined;
      await parkJob(store, job.id, owner, { now, error: errorText(e), then });
      log.warn("scheduler.parked", { job: job.id, kind: job.kind, attempts: job.attempts, error: e instanceof Error ? e.name : "unknown" });
      return;
    }
    const delay = Math.min(retryMaxMs, retryBaseMs * 2 ** Math.max(0, job.attempts - 1));
    await releaseJob(data(store), job.id, owner, { now, retryAt: new Date(now.getTime() + delay), error: errorText(e), countAttempt: true });
    log.warn("scheduler.retry", { job: job.id, kind: job.kind, attempt: job.attempts, delayMs: delay, error: e instanceof Error ? e.name : "unknown" });
  }

  async function pass(): Promise<number> {
    let handled = 0;
    do {
      rerun = false;
      for (;;) {
        if (stopped) break;
        const batch = await claimDueJobs(data(store), { now: clock.now(), owner, leaseMs, limit: batchSize });
        if (batch.length === 0) break;
        handled += batch.length;
        // Render in due order, bind all buttons in one commit, then deliver with a few in flight.
        const prepared: Prepared[] = [];
        await pool(batch, async (job) => {
          const p = await prepare(job);
          if (p) prepared.push(p);
        });
        prepared.sort((a, b) => a.job.dueAt.getTime() - b.job.dueAt.getTime() || a.job.id - b.job.id);
        const ready = catchingUpFrom ? gatherLate(prepared, catchingUpFrom) : prepared;
        await bind(ready);
        await pool(ready, send);
      }
    } while (rerun && !stopped);
    return handled;
  }

  function runDue(): Promise<number> {
    if (running) {
      rerun = true;
      return running;
    }
    if (timer) clearTimeout(timer);
    timer = null;
    armed = null;
    running = pass()
      .catch((e: unknown) => {
        log.error("scheduler.failed", { error: errorText(e) });
        return 0;
      })
      .finally(() => {
        running = null;
        arm();
      });
    return running;
  }

  return {
    owner,
    async start() {
      if (!stopped) return { caughtUp: 0 };
      stopped = false;
      unwatch = watchJobs(store, onScheduled);
      await materializeRules(store, clock.now());
      catchingUpFrom = clock.now();
      const caughtUp = await runDue().finally(() => {
        catchingUpFrom = null;
      });
      log.info("scheduler.started", { caughtUp, kinds: kinds.size });
      return { caughtUp };
    },
    async stop() {
      stopped = true;
      unwatch?.();
      unwatch = null;
      if (timer) clearTimeout(timer);
      timer = null;
      armed = null;
      if (running) await running;
      if (timer) clearTimeout(timer);
      timer = null;
    },
    runDue,
    armedFor: () => armed,
  };
}
