import { spawn } from "node:child_process";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { PermanentDeliveryError, RateLimitedError } from "../../bot/outbox.ts";
import { createScheduler, type Scheduler, type SchedulerOptions } from "../../bot/scheduler/dispatcher.ts";
import { listAudit } from "../../db/audit.ts";
import { seedDemo, DEMO_WORKSPACE } from "../../db/demo.ts";
import { getJob, listJobs, scheduleJob, upsertRule } from "../../db/jobs.ts";
import { openStore, type Store } from "../../db/store.ts";
import { personByNumber } from "../../db/people.ts";
import { localParts } from "../../db/cron.ts";
import { RecordingPoster, silent, tempStore, TestClock, testCore, until } from "./helpers.ts";
import { data } from "../../db/data.ts";

const open: { stores: Store[]; schedulers: Scheduler[] } = { stores: [], schedulers: [] };
afterEach(async () => {
  for (const s of open.schedulers.splice(0)) await s.stop();
  for (const s of open.stores.splice(0)) await s.close();
});

const channel = { platform: "web" as const, workspaceId: "W", channelId: "stewards" };

function start(store: Store, poster: RecordingPoster, o: Partial<SchedulerOptions> = {}): Scheduler {
  const s = createScheduler({ store, core: testCore(store, o.clock), posters: new Map([["web", poster]]), log: silent, ...o });
  open.schedulers.push(s);
  return s;
}

/** Armed only for the idle wake-up (30 s by default), not for any job: nothing is left to do. */
const idle = (s: Scheduler) => {
  const at = s.armedFor();
  return at !== null && at.getTime() - Date.now() > 10_000;
};

async function opened(url: string): Promise<Store> {
  const s = await openStore(url);
  open.stores.push(s);
  return s;
}

describe("dispatcher", () => {
  it("delivers a reminder that fell due while the bot was stopped, once, after restart", async () => {
    const { store, url } = await tempStore();
    // It fell due while the bot was down.
    const { id } = await scheduleJob(store, { kind: "schedtest.echo", target: channel, payload: { text: "bring the sign-in sheets" }, dueAt: new Date(Date.now() - 150) });
    await store.close();
    const poster = new RecordingPoster();
    const s1 = start(await opened(url), poster);
    // Delivered during start-up itself, not at some later tick.
    expect((await s1.start()).caughtUp).toBe(1);
    expect(poster.deliveries.map((d) => d.text)).toEqual(["bring the sign-in sheets"]);
    expect(poster.deliveries[0]!.target).toMatchObject({ platform: "web", channelId: "stewards" });
    // Restart again: nothing is delivered twice.
    await s1.stop();
    const s2 = start(await opened(url), poster);
    expect((await s2.start()).caughtUp).toBe(0);
    expect(poster.deliveries).toHaveLength(1);
    const job = (await getJob(open.stores[1]!, id))!;
    expect(job.status).toBe("sent");
    expect(job.messageId).toBe("m1");
  });

  it("catches up missed jobs in due order and wakes for future ones without polling each", async () => {
    const { store } = await tempStore();
    open.stores.push(store);
    const now = Date.now();
    for (const ago of [3000, 1000, 5000, 2000, 4000]) await scheduleJob(store, { kind: "schedtest.echo", target: channel, payload: { text: `ago ${ago}` }, dueAt: new Date(now - ago) });
    const poster = new RecordingPoster();
    const s = start(store, poster, { concurrency: 1 });
    await s.start();
    expect(poster.deliveries.map((d) => d.text)).toEqual(["ago 5000", "ago 4000", "ago 3000", "ago 2000", "ago 1000"]);
    // Scheduled while running, earlier than the armed wake-up: the timer is re-armed for it.
    const due = new Date(Date.now() + 300);
    await scheduleJob(store, { kind: "schedtest.echo", target: channel, payload: { text: "soon" }, dueAt: due });
    expect(s.armedFor()!.getTime()).toBeLessThanOrEqual(due.getTime() + 5);
    await until(() => poster.deliveries.length === 6, 5000);
    expect(Date.now()).toBeGreaterThanOrEqual(due.getTime());
    expect(idle(s)).toBe(true); // nothing left: only the long idle wake-up is armed
  });

  it("never delivers a job twice, even with two dispatchers on the same database", async () => {
    const { store, url } = await tempStore();
    open.stores.push(store);
    for (let i = 0; i < 150; i++) await scheduleJob(store, { kind: "schedtest.echo", target: channel, payload: { text: `n${i}` }, dueAt: new Date(Date.now() - 1000 + i) });
    const poster = new RecordingPoster();
    const a = start(store, poster, { batchSize: 10 });
    // The second dispatcher is a second process, as in production: one process never opens two
    // connections to its SQLite file.
    const child = spawn(process.execPath, ["--import", "tsx", path.resolve("test/scheduler/fixtures/dispatch-due.ts"), url, "10"], { stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    const exited = new Promise((r) => child.on("exit", r));
    await Promise.all([a.start(), exited]);
    expect(out).toContain("DONE");
    const theirs = out.split("\n").filter((l) => l.startsWith("SENT ")).map((l) => l.slice("SENT ".length));
    const texts = [...poster.deliveries.map((d) => d.text), ...theirs];
    expect(texts).toHaveLength(150);
    expect(new Set(texts).size).toBe(150);
    expect((await listJobs(store, { status: "sent", limit: 1000 }))).toHaveLength(150);
  });

  it("does not lose a job when the process is killed with SIGKILL between claim and delivery", async () => {
    const { store, url } = await tempStore();
    open.stores.push(store);
    const { id } = await scheduleJob(store, { kind: "schedtest.echo", target: channel, payload: { text: "survives kill -9" }, dueAt: new Date(Date.now() - 10) });
    // One node process running the script (not the tsx CLI, which would run it in a grandchild).
    const child = spawn(process.execPath, ["--import", "tsx", path.resolve("test/scheduler/fixtures/claim-and-hang.ts"), url, "800"], { stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    await until(() => out.includes("POSTING"), 20_000);
    expect(out).toContain(`PID ${child.pid}`); // the process we kill is the one that claimed
    expect((await getJob(store, id))).toMatchObject({ status: "claimed", claimedBy: "doomed", attempts: 1 });
    const exited = new Promise((r) => child.on("exit", r));
    child.kill("SIGKILL");
    await exited;
    const poster = new RecordingPoster();
    const s = start(store, poster, { leaseMs: 800 });
    // Right after the crash the lease still holds (the other process might still be delivering).
    await s.start();
    expect(poster.deliveries).toHaveLength(0);
    // The dispatcher wakes when the lease runs out and delivers it.
    await until(async () => (await getJob(store, id))!.status === "sent", 5000);
    expect(poster.deliveries.map((d) => d.text)).toEqual(["survives kill -9"]);
    expect((await getJob(store, id))).toMatchObject({ status: "sent", attempts: 2 });
    await until(() => idle(s), 5000); // and no wake-up left that could send it again
  });

  it("retries with exponential backoff and parks after N failures, audit-logged", async () => {
    const { store } = await tempStore();
    open.stores.push(store);
    const { id } = await scheduleJob(store, { kind: "schedtest.echo", target: channel, payload: { text: "x" }, dueAt: new Date(Date.now() - 10) });
    const poster = new RecordingPoster();
    const calls: number[] = [];
    poster.fail = () => {
      calls.push(Date.now());
      return new Error("socket hang up");
    };
    const s = start(store, poster, { maxAttempts: 3, retryBaseMs: 100 });
    await s.start();
    await until(async () => (await getJob(store, id))!.status === "parked", 5000);
    expect(calls).toHaveLength(3);
    expect(calls[1]! - calls[0]!).toBeGreaterThanOrEqual(95);
    expect(calls[2]! - calls[1]!).toBeGreaterThanOrEqual(195); // doubled
    const job = (await getJob(store, id))!;
    expect(job).toMatchObject({ status: "parked", attempts: 3 });
    expect(job.lastError).toContain("socket hang up");
    const audit = await listAudit(store, { action: "scheduler.job.parked" });
    expect(audit.map((a) => a.subjectId)).toEqual([String(id)]);
    // Parked means left alone: no wake-up is armed that could try it again.
    await until(() => idle(s), 5000);
    expect(calls).toHaveLength(3);
  });

  it("parks at once on a permanent platform error or an unknown kind; render null closes the job quietly", async () => {
    const { store } = await tempStore();
    open.stores.push(store);
    const gone = await scheduleJob(store, { kind: "schedtest.echo", target: { ...channel, channelId: "gone" }, payload: { text: "x" }, dueAt: new Date(Date.now() - 10) });
    const unknown = await scheduleJob(store, { kind: "schedtest.nosuchkind", target: channel, payload: {}, dueAt: new Date(Date.now() - 10) });
    const obsolete = await scheduleJob(store, { kind: "schedtest.echo", target: channel, payload: { text: "x", obsolete: true }, dueAt: new Date(Date.now() - 10) });
    const poster = new RecordingPoster();
    poster.fail = (_n, t) => (t.channelId === "gone" ? new PermanentDeliveryError("channel_not_found") : null);
    await start(store, poster).start();
    expect((await getJob(store, gone.id))).toMatchObject({ status: "parked", attempts: 1 });
    expect((await getJob(store, unknown.id))).toMatchObject({ status: "parked" });
    expect((await getJob(store, obsolete.id))).toMatchObject({ status: "cancelled" });
    expect(poster.deliveries).toHaveLength(0);
  });

  it("honours a rate limit's retry-after without counting it as a failed attempt", async () => {
    const { store } = await tempStore();
    open.stores.push(store);
    const { id } = await scheduleJob(store, { kind: "schedtest.echo", target: channel, payload: { text: "later" }, dueAt: new Date(Date.now() - 10) });
    const second = await scheduleJob(store, { kind: "schedtest.echo", target: channel, payload: { text: "also later" }, dueAt: new Date(Date.now() - 5) });
    const poster = new RecordingPoster();
    poster.fail = (n) => (n === 1 ? new RateLimitedError(600) : null);
    const s = start(store, poster, { concurrency: 1 });
    const t0 = Date.now();
    await s.start();
    expect(poster.deliveries).toHaveLength(0);
    // The whole platform waits, not only the job that hit the limit.
    expect((await getJob(store, id))).toMatchObject({ status: "pending", attempts: 0 });
    expect((await getJob(store, second.id))).toMatchObject({ status: "pending", attempts: 0 });
    expect((await getJob(store, id))!.dueAt.getTime() - t0).toBeGreaterThanOrEqual(590);
    await until(() => poster.deliveries.length === 2, 5000);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(590);
    expect(poster.calls).toBe(3);
    expect((await getJob(store, id))).toMatchObject({ status: "sent", attempts: 1 });
  });

  it("delivers a person target as direct messages to their linked accounts, resolved at delivery", async () => {
    const { store } = await tempStore();
    open.stores.push(store);
    await seedDemo(store, { members: 20 });
    const maria = (await personByNumber(data(store), "100001"))!;
    await scheduleJob(store, { kind: "schedtest.echo", target: { personId: maria.id }, payload: { text: "your meeting" }, dueAt: new Date(Date.now() - 10) });
    const nico = (await personByNumber(data(store), "100010"))!; // not linked anywhere
    const unlinked = await scheduleJob(store, { kind: "schedtest.echo", target: { personId: nico.id }, payload: { text: "x" }, dueAt: new Date(Date.now() - 10) });
    const poster = new RecordingPoster();
    await start(store, poster).start();
    expect(poster.deliveries.map((d) => d.target)).toEqual([{ platform: "web", workspaceId: DEMO_WORKSPACE, channelId: null, userId: "maria" }]);
    expect((await getJob(store, unlinked.id))!.status).toBe("parked");
  });

  it("fires a weekly rule at 08:00 local across the DST changes, once per occurrence, also across restarts", async () => {
    const { store, url } = await tempStore();
    open.stores.push(store);
    const clock = new TestClock(new Date("2026-10-20T12:00:00Z"));
    await upsertRule(store, { kind: "schedtest.echo", name: "Weekly", cron: "0 8 * * 1", timeZone: "America/Los_Angeles", target: channel, payload: { text: "weekly" }, idempotencyKey: "weekly" }, clock.now());
    const poster = new RecordingPoster();
    const fired: Date[] = [];
    let s = start(store, poster, { clock });
    await s.start();
    for (let week = 0; week < 24; week++) {
      // Jump to just after the next pending occurrence, then restart the dispatcher every other week.
      const [next] = await listJobs(store, { status: "pending" });
      clock.t = new Date(next!.dueAt.getTime() + 1000);
      if (week % 2 === 1) {
        await s.stop();
        s = start(await opened(url), poster, { clock });
        await s.start();
      } else await s.runDue();
      fired.push(next!.dueAt);
      expect(poster.deliveries).toHaveLength(week + 1);
      await s.runDue(); // nothing more at the same moment
      expect(poster.deliveries).toHaveLength(week + 1);
    }
    for (const d of fired) expect(localParts(d, "America/Los_Angeles")).toMatchObject({ weekday: 1, hour: 8, minute: 0 });
    const iso = fired.map((d) => d.toISOString());
    expect(iso).toContain("2026-10-26T15:00:00.000Z");
    expect(iso).toContain("2026-11-02T16:00:00.000Z");
    expect(iso).toContain("2027-03-08T16:00:00.000Z");
    expect(iso).toContain("2027-03-15T15:00:00.000Z");
    expect((await listJobs(store, { status: "pending" }))).toHaveLength(1);
  });

  it("after a long outage a rule fires its latest missed occurrence once, then plans from now", async () => {
    const { store } = await tempStore();
    open.stores.push(store);
    const clock = new TestClock(new Date("2026-11-03T12:00:00Z"));
    await upsertRule(store, { kind: "schedtest.echo", name: "Weekly", cron: "0 8 * * 1", timeZone: "America/Los_Angeles", target: channel, payload: { text: "weekly" }, idempotencyKey: "weekly" }, clock.now());
    clock.t = new Date("2026-12-01T12:00:00Z"); // four Mondays later
    const poster = new RecordingPoster();
    await start(store, poster, { clock }).start();
    expect(poster.deliveries).toHaveLength(1);
    expect((await listJobs(store, { status: "pending" })).map((j) => j.dueAt.toISOString())).toEqual(["2026-12-07T16:00:00.000Z"]);
  });
});
