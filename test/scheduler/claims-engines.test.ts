// The scheduler's side of jobs on SQLite and on a real PostgreSQL: claims with a lease, their
// outcomes, rule occurrences, wake-ups. On PostgreSQL, several stores (each its own pool, as
// separate bot processes have) dispatch 1,000 jobs due in the same minute at once and deliver each
// exactly once; a claim whose holder died is taken over; a job written through one store wakes the
// other's watcher (NOTIFY at commit, one LISTEN connection that comes back after a drop); twenty
// audit entries appended at once from separate stores leave one unbroken chain, which the audit
// checks (verifyAudit, checkpoints) read on either engine.
import { expect, it } from "vitest";
import { appendAuditIn, makeCheckpoint, parseCheckpoint, verifyAgainstCheckpoint, verifyAudit, writeCheckpoint, type AuditRow } from "../../db/audit.ts";
import { data, transaction, type Db } from "../../db/data.ts";
import { LISTEN_APPLICATION_NAME } from "../../db/job-wakeups.ts";
import {
  claimDueJobs,
  countJobsByStatus,
  findJobs,
  jobsOverview,
  listRules,
  markObsolete,
  markSent,
  materializeRule,
  materializeRules,
  nextWakeAt,
  parkJob,
  recordRecipient,
  releaseJob,
  retryParkedJob,
  scheduleJobNowIn,
  upsertRuleIn,
  watchJobs,
  type ScheduleJobInput,
} from "../../db/jobs.ts";
import { openStore, type Store } from "../../db/store.ts";
import { dbTime } from "../../db/time.ts";
import { describeOnBothEngines } from "../helpers/both-engines.ts";
import { createScheduler } from "../../bot/scheduler/dispatcher.ts";
import { RecordingPoster, silent, sleep, testCore, until } from "./helpers.ts";

const T0 = new Date("2026-12-07T16:00:00.000Z");
const at = (ms: number) => new Date(T0.getTime() + ms);
const channel = { platform: "web" as const, workspaceId: "W", channelId: "stewards" };
const LA = "America/Los_Angeles";

interface Row {
  id: number;
  status: string;
  attempts: number;
  claimedBy: string | null;
  leaseUntil: string | null;
  dueAt: string;
  delivered: string | null;
  lastError: string | null;
  messageId: string | null;
  ruleId: number | null;
  idempotencyKey: string | null;
}

const row = (db: Db, id: number) => db.one<Row>(`SELECT * FROM "ScheduledJob" WHERE "id" = ?`, id).then((r) => r!);
const byKey = (db: Db, key: string) => db.one<Row>(`SELECT * FROM "ScheduledJob" WHERE "idempotencyKey" = ?`, key);

async function schedule(store: Store, input: Omit<ScheduleJobInput, "kind" | "target"> & { target?: ScheduleJobInput["target"] }): Promise<number> {
  return transaction(store, async (tx) => (await scheduleJobNowIn(tx, store, { kind: "unionhall.reminder", target: channel, ...input })).id);
}

/** Several jobs in one transaction (as a bulk import plans them): their ids. */
async function scheduleMany(store: Store, prefix: string, n: number, dueAt: (i: number) => Date): Promise<number[]> {
  return transaction(store, async (tx) => {
    const ids: number[] = [];
    for (let i = 0; i < n; i++) ids.push((await scheduleJobNowIn(tx, store, { kind: "unionhall.reminder", target: channel, dueAt: dueAt(i), idempotencyKey: `${prefix}:${i}`, payload: { i } })).id);
    return ids;
  });
}

const urlOf = (store: Store) => (store.pool!.options as { connectionString: string }).connectionString;

/** Clears the queue between tests that count what is due. */
const emptyQueue = (store: Store) => data(store).run(`DELETE FROM "ScheduledJob"`);

/**
 * Dispatchers on each store, `workers` at a time per store, claiming `batch` jobs per statement
 * and "delivering" each claimed job (counted per id) before marking it sent, until nothing is due.
 */
async function dispatchAll(stores: Store[], o: { now: Date; workers: number; batch: number }): Promise<{ deliveries: Map<number, number>; claimLost: number; ms: number }> {
  const deliveries = new Map<number, number>();
  let claimLost = 0;
  const started = performance.now();
  await Promise.all(
    stores.flatMap((store, s) =>
      Array.from({ length: o.workers }, async (_, w) => {
        const owner = `store${s}:worker${w}`;
        for (;;) {
          const claimed = await claimDueJobs(data(store), { now: o.now, owner, leaseMs: 600_000, limit: o.batch });
          if (claimed.length === 0) return;
          for (const job of claimed) {
            deliveries.set(job.id, (deliveries.get(job.id) ?? 0) + 1);
            if (!(await markSent(store, job.id, owner, { now: o.now, messageId: `m${job.id}` }))) claimLost++;
          }
        }
      }),
    ),
  );
  return { deliveries, claimLost, ms: performance.now() - started };
}

describeOnBothEngines("scheduler claims", ({ engine, skip, store }) => {
  const onPostgres = (name: string, fn: () => Promise<void>, timeout?: number) => it.skipIf(skip || engine !== "postgres")(name, fn, timeout);

  it.skipIf(skip)("claims due jobs once, oldest first, counting an attempt; a live lease holds, an expired one is taken over", async () => {
    const s = store();
    const db = data(s);
    await emptyQueue(s);
    const due = await scheduleMany(s, "claim", 12, (i) => at(-i * 1000));
    const later = await schedule(s, { dueAt: at(60_000), idempotencyKey: "claim:later" });
    const a = await claimDueJobs(db, { now: T0, owner: "a", leaseMs: 30_000, limit: 5 });
    const b = await claimDueJobs(db, { now: T0, owner: "b", leaseMs: 30_000, limit: 100 });
    expect(a).toHaveLength(5);
    expect(b).toHaveLength(7);
    expect(new Set([...a, ...b].map((j) => j.id))).toEqual(new Set(due));
    // Oldest due first: a holds the five oldest, in order.
    expect(a.map((j) => j.dueAt.getTime())).toEqual(a.map((j) => j.dueAt.getTime()).sort((x, y) => x - y));
    expect(Math.max(...a.map((j) => j.dueAt.getTime()))).toBeLessThanOrEqual(Math.min(...b.map((j) => j.dueAt.getTime())));
    expect(a[0]).toMatchObject({ status: "claimed", claimedBy: "a", attempts: 1 });
    expect(a[0]!.leaseUntil!.getTime()).toBe(at(30_000).getTime());
    expect((await row(db, later)).status).toBe("pending");

    // Nobody completes a claim it does not hold.
    expect(await markSent(s, a[0]!.id, "b", { now: T0, messageId: "x" })).toBe(false);
    expect(await markSent(s, a[0]!.id, "a", { now: T0, messageId: "x" })).toBe(true);
    expect(await row(db, a[0]!.id)).toMatchObject({ status: "sent", messageId: "x", claimedBy: null, leaseUntil: null });

    // The lease holds until it runs out; then another process takes the claims over.
    expect(await claimDueJobs(db, { now: at(29_999), owner: "c", leaseMs: 30_000, limit: 100 })).toHaveLength(0);
    const taken = await claimDueJobs(db, { now: at(30_000), owner: "c", leaseMs: 30_000, limit: 100 });
    expect(taken).toHaveLength(11);
    expect(taken.every((j) => j.claimedBy === "c" && j.attempts === 2)).toBe(true);
    // The one that died cannot settle what was taken from it.
    expect(await markSent(s, a[1]!.id, "a", { now: at(30_001), messageId: "late" })).toBe(false);
    expect(await releaseJob(db, b[0]!.id, "b", { now: at(30_001), retryAt: at(40_000), countAttempt: false })).toBe(false);
    expect(await markSent(s, a[1]!.id, "c", { now: at(30_001), messageId: "y" })).toBe(true);
  });

  it.skipIf(skip)("releases, records recipients, closes obsolete jobs, parks with an audit entry and a notice, retries a parked job", async () => {
    const s = store();
    const db = data(s);
    await emptyQueue(s);
    const [one, two, three, four] = await scheduleMany(s, "outcome", 4, (i) => at(-1000 - i));
    await claimDueJobs(db, { now: T0, owner: "o", leaseMs: 60_000, limit: 10 });

    // A rate limit: back in the queue at the platform's time, the attempt not counted.
    expect(await releaseJob(db, one!, "o", { now: T0, retryAt: at(5_000), error: "RateLimitedError: slow down", countAttempt: false })).toBe(true);
    expect(await row(db, one!)).toMatchObject({ status: "pending", attempts: 0, claimedBy: null, leaseUntil: null, lastError: "RateLimitedError: slow down" });
    expect(new Date((await row(db, one!)).dueAt).getTime()).toBe(at(5_000).getTime());
    // A failure: the attempt counts, the last error is kept when none is given.
    await claimDueJobs(db, { now: at(5_000), owner: "o", leaseMs: 60_000, limit: 10 });
    expect(await releaseJob(db, one!, "o", { now: at(5_000), retryAt: at(65_000), countAttempt: true })).toBe(true);
    expect(await row(db, one!)).toMatchObject({ status: "pending", attempts: 1, lastError: "RateLimitedError: slow down" });

    // Recipients of a multi-recipient job, in order, only while the claim is held.
    await recordRecipient(db, two!, "o", "slack:T1::U1");
    await recordRecipient(db, two!, "o", "discord:G1::U2");
    await recordRecipient(db, two!, "someone else", "web:W::U3");
    expect(JSON.parse((await row(db, two!)).delivered!)).toEqual(["slack:T1::U1", "discord:G1::U2"]);

    expect(await markObsolete(s, three!, "o", T0)).toBe(true);
    expect(await row(db, three!)).toMatchObject({ status: "cancelled", lastError: "nothing to send any more", claimedBy: null });

    const notice: ScheduleJobInput = { kind: "core.post_failed", target: { personId: 7, platform: "slack" }, payload: { channelId: "C9", reason: "not_member" }, dueAt: T0, idempotencyKey: `core.post_failed:${four}` };
    expect(await parkJob(s, four!, "o", { now: T0, error: "PermanentDeliveryError: gone", then: notice })).toBe(true);
    expect(await row(db, four!)).toMatchObject({ status: "parked", lastError: "PermanentDeliveryError: gone" });
    const audit = await db.one<{ action: string; details: string }>(`SELECT "action", "details" FROM "AuditEntry" WHERE "subjectType" = 'job' AND "subjectId" = ?`, String(four));
    expect(audit?.action).toBe("scheduler.job.parked");
    expect(JSON.parse(audit!.details)).toEqual({ kind: "unionhall.reminder", attempts: 1, ruleId: null });
    expect(await byKey(db, `core.post_failed:${four}`)).toMatchObject({ status: "pending" });
    // Parking what one no longer holds does nothing, and tells nobody.
    expect(await parkJob(s, two!, "not me", { now: T0, error: "x", then: { ...notice, idempotencyKey: "core.post_failed:never" } })).toBe(false);
    expect(await byKey(db, "core.post_failed:never")).toBeUndefined();

    // Staff retry: due now, attempts reset; only a parked job.
    expect(await retryParkedJob(s, two!, at(1))).toBe(false);
    expect(await retryParkedJob(s, four!, at(1))).toBe(true);
    expect(await row(db, four!)).toMatchObject({ status: "pending", attempts: 0, claimedBy: null });
  });

  it.skipIf(skip)("wakes at the earliest pending due time or claim expiry", async () => {
    const s = store();
    const db = data(s);
    await emptyQueue(s);
    expect(await nextWakeAt(db)).toBeNull();
    const [first] = await scheduleMany(s, "wake", 2, (i) => at(10_000 + i * 10_000));
    expect((await nextWakeAt(db))!.getTime()).toBe(at(10_000).getTime());
    await claimDueJobs(db, { now: at(10_000), owner: "o", leaseMs: 5_000, limit: 1 });
    expect((await nextWakeAt(db))!.getTime()).toBe(at(15_000).getTime()); // the lease runs out before the next job
    await markSent(s, first!, "o", { now: at(10_000), messageId: null });
    expect((await nextWakeAt(db))!.getTime()).toBe(at(20_000).getTime());
  });

  it.skipIf(skip)("plans each occurrence of a rule once: again, from start-up, and after it fires", async () => {
    const s = store();
    const db = data(s);
    await emptyQueue(s);
    const now = new Date("2026-10-28T12:00:00Z");
    const input = { kind: "unionhall.reminder", name: "Weekly steward check-in", cron: "0 8 * * 1", timeZone: LA, target: channel, payload: { text: "check-in" }, idempotencyKey: "rule:engines" };
    const { id, nextAt } = await transaction(s, (tx) => upsertRuleIn(tx, s, input, now));
    expect(nextAt!.toISOString()).toBe("2026-11-02T16:00:00.000Z");
    const key = `rule:${id}:2026-11-02T16:00:00.000Z`;
    // Planned again, by this process or another at once: still one job.
    const again = await Promise.all([materializeRule(s, id, now), materializeRule(s, id, now)]);
    expect(again.map((d) => d!.toISOString())).toEqual([nextAt!.toISOString(), nextAt!.toISOString()]);
    expect(await db.all(`SELECT "id" FROM "ScheduledJob" WHERE "ruleId" = ?`, id)).toHaveLength(1);
    // Start-up plans only rules without a job in the queue.
    expect(await materializeRules(s, now)).toBe(0);
    await db.run(`UPDATE "ScheduledJob" SET "status" = 'cancelled' WHERE "ruleId" = ?`, id);
    expect(await materializeRules(s, now)).toBe(1);
    expect((await byKey(db, key))!.status).toBe("pending"); // the cancelled occurrence revived, not doubled

    // Firing it plans next week's, at 08:00 PST after the change of time, and notes when it fired.
    const [job] = await claimDueJobs(db, { now: new Date("2026-11-02T16:00:01Z"), owner: "o", leaseMs: 60_000, limit: 10 });
    expect(job!.idempotencyKey).toBe(key);
    expect(await markSent(s, job!.id, "o", { now: new Date("2026-11-02T16:00:01Z"), messageId: "m" })).toBe(true);
    const pending = await db.all<Row>(`SELECT * FROM "ScheduledJob" WHERE "ruleId" = ? AND "status" = 'pending'`, id);
    expect(pending.map((r) => r.idempotencyKey)).toEqual([`rule:${id}:2026-11-09T16:00:00.000Z`]);
    const rule = await db.one<{ lastFiredAt: string }>(`SELECT "lastFiredAt" FROM "RecurringRule" WHERE "id" = ?`, id);
    expect(new Date(rule!.lastFiredAt).toISOString()).toBe("2026-11-02T16:00:00.000Z");
    // An occurrence that could not be delivered still plans the next one.
    const [next] = await claimDueJobs(db, { now: new Date("2026-11-09T16:00:00Z"), owner: "o", leaseMs: 60_000, limit: 10 });
    expect(await parkJob(s, next!.id, "o", { now: new Date("2026-11-09T16:00:00Z"), error: "gone" })).toBe(true);
    expect((await byKey(db, `rule:${id}:2026-11-16T16:00:00.000Z`))!.status).toBe("pending");
  });

  it.skipIf(skip)("the staff view: counts by status, due and in delivery, parked, upcoming, recent, rules; queries by status, kind, key and due time", async () => {
    const s = store();
    const db = data(s);
    await emptyQueue(s);
    const [due, sent, parked, upcoming] = await scheduleMany(s, "view", 4, (i) => at(i < 3 ? -10_000 + i : 60_000));
    await transaction(s, (tx) => upsertRuleIn(tx, s, { kind: "unionhall.reminder", name: "Weekly digest", cron: "0 8 * * 1", timeZone: LA, target: channel, idempotencyKey: "view:rule" }, T0));
    await claimDueJobs(db, { now: T0, owner: "o", leaseMs: 60_000, limit: 10 });
    await markSent(s, sent!, "o", { now: T0, messageId: "m" });
    await parkJob(s, parked!, "o", { now: T0, error: "gone" });
    await releaseJob(db, due!, "o", { now: T0, retryAt: at(-1), countAttempt: false });
    expect(await countJobsByStatus(db)).toEqual({ pending: 3, claimed: 0, sent: 1, parked: 1, cancelled: 0 });
    const view = await jobsOverview(db, T0, 10);
    expect(view.due.map((j) => j.id)).toEqual([due]);
    expect(view.parked.map((j) => j.id)).toEqual([parked]);
    expect(view.upcoming.map((j) => j.id)[0]).toBe(upcoming);
    expect(view.upcoming).toHaveLength(2); // and the rule's next occurrence
    expect(view.recent.map((j) => j.id)).toEqual([sent]);
    expect(view.rules.filter((r) => r.idempotencyKey === "view:rule").map((r) => [r.name, r.active])).toEqual([["Weekly digest", 1]]);
    expect(view.due[0]!.dueAt.getTime()).toBe(at(-1).getTime());
    expect((await findJobs(db, { idempotencyKeyPrefix: "view:", status: ["pending", "parked"], order: "recent" })).map((j) => j.id).sort()).toEqual([due, parked, upcoming].sort());
    expect((await findJobs(db, { kind: "unionhall.reminder", dueBefore: T0 })).map((j) => j.id)).toEqual([sent, parked, due]);
    expect(await findJobs(db, { status: "cancelled" })).toEqual([]);
    expect((await listRules(db)).map((r) => r.idempotencyKey)).toContain("view:rule");
  });

  it.skipIf(skip)("a job written through the data layer wakes this process's watcher once, after commit; a rolled-back one never", async () => {
    const s = store();
    const woken: Date[] = [];
    const unwatch = watchJobs(s, (d) => woken.push(d));
    await unwatch.ready;
    try {
      const failed = transaction(s, async (tx) => {
        await scheduleJobNowIn(tx, s, { kind: "unionhall.reminder", target: channel, dueAt: at(1_000), idempotencyKey: "wake:rolled-back" });
        throw new Error("the write it belonged to failed");
      });
      await expect(failed).rejects.toThrow("failed");
      await schedule(s, { dueAt: at(2_000), idempotencyKey: "wake:committed" });
      // Its own notification (PostgreSQL) is not a second wake-up.
      await sleep(300);
      expect(woken.map((d) => d.getTime())).toEqual([at(2_000).getTime()]);
    } finally {
      unwatch();
    }
  });

  onPostgres(
    "1,000 jobs due in the same minute, dispatched by two and then three stores at once: each delivered exactly once",
    async () => {
      const first = store();
      const others = [await openStore(urlOf(first)), await openStore(urlOf(first))];
      try {
        for (const n of [2, 3]) {
          await emptyQueue(first);
          const minute = at(n * 3_600_000);
          const ids = await scheduleMany(first, `burst${n}`, 1000, (i) => new Date(minute.getTime() + (i % 60) * 1000));
          const stores = [first, ...others].slice(0, n);
          const r = await dispatchAll(stores, { now: new Date(minute.getTime() + 60_000), workers: 4, batch: 25 });
          console.log(`1,000 jobs, ${n} stores × 4 dispatchers on PostgreSQL: ${Math.round(r.ms)} ms`);
          expect(r.deliveries.size).toBe(1000);
          expect([...r.deliveries.values()].every((c) => c === 1)).toBe(true);
          expect(new Set(r.deliveries.keys())).toEqual(new Set(ids));
          expect(r.claimLost).toBe(0);
          const counts = await data(first).all<{ status: string; n: number }>(`SELECT "status", COUNT(*) AS "n" FROM "ScheduledJob" GROUP BY "status"`);
          expect(counts).toEqual([{ status: "sent", n: 1000 }]);
        }
      } finally {
        for (const o of others) await o.close();
      }
    },
    180_000,
  );

  onPostgres("the bot's own dispatcher on three processes' stores: 300 reminders due now, each posted exactly once", async () => {
    const first = store();
    const stores = [first, await openStore(urlOf(first)), await openStore(urlOf(first))];
    const posters = stores.map(() => new RecordingPoster());
    const schedulers = stores.map((s, i) => createScheduler({ store: s, core: testCore(s), posters: new Map([["web", posters[i]!]]), log: silent, batchSize: 20 }));
    try {
      await emptyQueue(first);
      await transaction(first, async (tx) => {
        for (let i = 0; i < 300; i++) await scheduleJobNowIn(tx, first, { kind: "schedtest.echo", target: channel, payload: { text: `n${i}` }, dueAt: new Date(Date.now() - 1000 + i), idempotencyKey: `bot:${i}` });
      });
      await Promise.all(schedulers.map((s) => s.start()));
      await until(async () => (await countJobsByStatus(data(first))).sent === 300, 60_000, 50);
      const texts = posters.flatMap((p) => p.deliveries.map((d) => d.text));
      expect(texts).toHaveLength(300);
      expect(new Set(texts).size).toBe(300);
      console.log(`300 reminders through three dispatchers on PostgreSQL: ${posters.map((p) => p.deliveries.length).join(" + ")}`);
    } finally {
      for (const s of schedulers) await s.stop();
      for (const s of stores.slice(1)) await s.close();
    }
  }, 120_000);

  it.skipIf(skip || engine !== "sqlite")("1,000 jobs due in the same minute, four dispatchers on the one connection: each delivered exactly once", async () => {
    const s = store();
    await emptyQueue(s);
    const minute = at(5 * 3_600_000);
    await scheduleMany(s, "burst-sqlite", 1000, (i) => new Date(minute.getTime() + (i % 60) * 1000));
    const r = await dispatchAll([s], { now: new Date(minute.getTime() + 60_000), workers: 4, batch: 25 });
    console.log(`1,000 jobs, 1 store × 4 dispatchers on SQLite: ${Math.round(r.ms)} ms`);
    expect(r.deliveries.size).toBe(1000);
    expect([...r.deliveries.values()].every((c) => c === 1)).toBe(true);
  }, 120_000);

  onPostgres("a claim being taken by one process is skipped by another, not waited for; when its holder dies, its lease passes and it is taken over", async () => {
    const first = store();
    const second = await openStore(urlOf(first));
    try {
      await emptyQueue(first);
      const ids = await scheduleMany(first, "skip", 6, (i) => at(-i));
      // The first process's claim is still open (its transaction not committed) while the second claims.
      const seen = await transaction(first, async (tx) => {
        const mine = await claimDueJobs(tx, { now: T0, owner: "first", leaseMs: 10_000, limit: 3 });
        const theirs = await claimDueJobs(data(second), { now: T0, owner: "second", leaseMs: 60_000, limit: 100 });
        return { mine, theirs };
      });
      expect(seen.mine).toHaveLength(3);
      expect(seen.theirs).toHaveLength(3);
      expect(new Set([...seen.mine, ...seen.theirs].map((j) => j.id))).toEqual(new Set(ids));
      // The first process dies now: it never settles its three. Before the lease ends nobody takes them.
      expect(await claimDueJobs(data(second), { now: at(9_999), owner: "second", leaseMs: 10_000, limit: 100 })).toHaveLength(0);
      const taken = await claimDueJobs(data(second), { now: at(10_000), owner: "second", leaseMs: 10_000, limit: 100 });
      expect(taken.map((j) => j.id).sort()).toEqual(seen.mine.map((j) => j.id).sort());
      for (const j of taken) expect(await markSent(second, j.id, "second", { now: at(10_001), messageId: "m" })).toBe(true);
      for (const j of seen.mine) expect(await markSent(first, j.id, "first", { now: at(10_002), messageId: "dead" })).toBe(false);
    } finally {
      await second.close();
    }
  });

  onPostgres("a job written by one process wakes the other's watcher; the listening connection comes back after a drop", async () => {
    const first = store();
    const second = await openStore(urlOf(first));
    const woken: Date[] = [];
    const unwatch = watchJobs(first, (d) => woken.push(d));
    try {
      await unwatch.ready;
      await schedule(second, { dueAt: at(3_000), idempotencyKey: "notify:one" });
      await until(() => woken.length === 1, 5_000);
      expect(woken[0]!.getTime()).toBe(at(3_000).getTime());

      // A thousand jobs in one transaction: one wake-up, for the earliest.
      await scheduleMany(second, "notify:many", 1000, (i) => at(10_000 + i));
      await until(() => woken.length === 2, 5_000);
      expect(woken[1]!.getTime()).toBe(at(10_000).getTime());
      // A rolled-back write wakes nobody.
      await expect(
        transaction(second, async (tx) => {
          await scheduleJobNowIn(tx, second, { kind: "unionhall.reminder", target: channel, dueAt: at(4_000), idempotencyKey: "notify:rolled-back" });
          throw new Error("rolled back");
        }),
      ).rejects.toThrow("rolled back");

      // The listening connection is cut (a server restart, a network drop): it reconnects and
      // reports one wake-up for whatever it may have missed, then hears new jobs again.
      const cut = await data(second).all(`SELECT pg_terminate_backend("pid") FROM pg_stat_activity WHERE "application_name" = ?`, LISTEN_APPLICATION_NAME);
      expect(cut).toHaveLength(1);
      await until(() => woken.length === 3, 10_000);
      await schedule(second, { dueAt: at(5_000), idempotencyKey: "notify:after" });
      await until(() => woken.length === 4, 10_000);
      expect(woken[3]!.getTime()).toBe(at(5_000).getTime());
    } finally {
      unwatch();
      await second.close();
    }
    // Closed with its last watcher: no listening connection is left.
    await until(async () => (await data(first).all(`SELECT 1 FROM pg_stat_activity WHERE "application_name" = ?`, LISTEN_APPLICATION_NAME)).length === 0, 5_000);
  });

  it.skipIf(skip)("twenty audit entries appended at once, from separate stores on PostgreSQL, leave one unbroken chain; a checkpoint taken meanwhile names its place in it", async () => {
    const first = store();
    const stores = engine === "postgres" ? [first, ...(await Promise.all(Array.from({ length: 4 }, () => openStore(urlOf(first)))))] : [first];
    try {
      const before = (await data(first).one<{ n: number }>(`SELECT COUNT(*) AS "n" FROM "AuditEntry"`))!.n;
      const lines: string[] = [];
      const log = { info: (_e: string, f?: Record<string, unknown>) => lines.push(String(f?.checkpoint)) };
      await Promise.all([
        ...Array.from({ length: 20 }, (_, i) =>
          transaction(stores[i % stores.length]!, (tx) => appendAuditIn(tx, { actor: "system", action: "scheduler.job.parked", subjectType: "job", subjectId: String(1000 + i), details: { kind: "race", attempts: i, ruleId: null } })),
        ),
        writeCheckpoint(stores[stores.length - 1]!, log, T0, "cli"),
      ]);
      const rows = await data(first).all<AuditRow>(`SELECT * FROM "AuditEntry" ORDER BY "id"`);
      expect(rows).toHaveLength(before + 21);
      expect(new Set(rows.map((r) => r.prevHash)).size).toBe(rows.length); // no two entries follow the same one
      expect(await verifyAudit(data(first), { keyring: null })).toEqual({ ok: true, entries: before + 21 });
      // The checkpoint's entry follows exactly the head it names.
      const cp = parseCheckpoint(lines[0]!)!;
      const recorded = rows.findIndex((r) => r.action === "audit.checkpoint" && r.at === dbTime(T0));
      expect(recorded).toBe(cp.count);
      expect(rows[recorded]!.prevHash).toBe(cp.head);
      expect(await verifyAgainstCheckpoint(data(first), cp, null)).toEqual({ ok: true, entries: before + 21, checkpoint: "matched" });
      expect(await makeCheckpoint(data(first), T0, null)).toMatchObject({ count: before + 21, head: rows.at(-1)!.hash });
    } finally {
      for (const s of stores.slice(1)) await s.close();
    }
  });

});
