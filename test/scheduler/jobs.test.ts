import { afterEach, describe, expect, it } from "vitest";
import { data } from "../../db/data.ts";
import { nextOccurrence, localParts, zonedToUtc, parseCron } from "../../db/cron.ts";
import {
  cancelJobs,
  claimDueJobs,
  deactivateRule,
  getJob,
  JobInputError,
  listJobs,
  markSent,
  scheduleJob,
  upsertRule,
} from "../../db/jobs.ts";
import type { Store } from "../../db/store.ts";
import { tempStore } from "./helpers.ts";

let store: Store | undefined;
afterEach(async () => {
  await store?.close();
  store = undefined;
});

const LA = "America/Los_Angeles";
const channel = { platform: "web" as const, workspaceId: "W", channelId: "stewards" };

describe("scheduleJob", () => {
  it("keeps one job when the same idempotency key is scheduled twice", async () => {
    ({ store } = await tempStore());
    const a = await scheduleJob(store, { kind: "unionhall.reminder", target: channel, payload: { text: "a" }, dueAt: new Date("2026-12-01T16:00:00Z"), idempotencyKey: "k1" });
    const b = await scheduleJob(store, { kind: "unionhall.reminder", target: channel, payload: { text: "b" }, dueAt: new Date("2026-12-02T16:00:00Z"), idempotencyKey: "k1" });
    expect(a.created).toBe(true);
    expect(b).toEqual({ id: a.id, created: false });
    const all = await listJobs(store);
    expect(all).toHaveLength(1);
    expect(JSON.parse(all[0]!.payload)).toEqual({ text: "a" });
    expect(all[0]!.dueAt.toISOString()).toBe("2026-12-01T16:00:00.000Z");
  });

  it("with onConflict update moves a pending job instead of adding one", async () => {
    ({ store } = await tempStore());
    const a = await scheduleJob(store, { kind: "unionhall.reminder", target: channel, dueAt: new Date("2026-12-01T16:00:00Z"), idempotencyKey: "k" });
    const b = await scheduleJob(store, { kind: "unionhall.reminder", target: channel, dueAt: new Date("2026-12-05T16:00:00Z"), idempotencyKey: "k", onConflict: "update" });
    expect(b.id).toBe(a.id);
    expect((await listJobs(store))).toHaveLength(1);
    expect((await getJob(store, a.id))!.dueAt.toISOString()).toBe("2026-12-05T16:00:00.000Z");
  });

  it("cancels pending jobs by key prefix only, and revives a cancelled key when scheduled again", async () => {
    ({ store } = await tempStore());
    const due = new Date("2026-12-01T16:00:00Z");
    await scheduleJob(store, { kind: "grievance.deadline", target: channel, dueAt: due, idempotencyKey: "grievance:7:step1" });
    await scheduleJob(store, { kind: "grievance.deadline", target: channel, dueAt: due, idempotencyKey: "grievance:7:step2" });
    await scheduleJob(store, { kind: "grievance.deadline", target: channel, dueAt: due, idempotencyKey: "grievance:70:step1" });
    expect((await cancelJobs(store, { idempotencyKeyPrefix: "grievance:7:" }))).toBe(2);
    expect((await listJobs(store, { status: "pending" })).map((j) => j.idempotencyKey)).toEqual(["grievance:70:step1"]);
    const again = await scheduleJob(store, { kind: "grievance.deadline", target: channel, dueAt: due, idempotencyKey: "grievance:7:step1" });
    expect(again.created).toBe(true);
    expect((await listJobs(store, { status: "pending" }))).toHaveLength(2);
    await expect(cancelJobs(store!, { idempotencyKeyPrefix: "" })).rejects.toThrow(JobInputError);
  });

  it("refuses bad input and writes nothing", async () => {
    ({ store } = await tempStore());
    const ok = { kind: "unionhall.reminder", target: channel, dueAt: new Date() };
    await expect(scheduleJob(store, { ...ok, kind: "Nope" })).rejects.toThrow(JobInputError);
    await expect(scheduleJob(store, { ...ok, dueAt: new Date("x") })).rejects.toThrow(JobInputError);
    await expect(scheduleJob(store, { ...ok, timeZone: "Mars/Base" })).rejects.toThrow(JobInputError);
    await expect(scheduleJob(store, { ...ok, target: { platform: "web" } })).rejects.toThrow(JobInputError);
    await expect(scheduleJob(store, { ...ok, target: { personId: -1 } })).rejects.toThrow(JobInputError);
    expect((await listJobs(store))).toHaveLength(0);
  });

  it("claims each due job once, even with two claimers", async () => {
    ({ store } = await tempStore());
    const now = new Date("2026-12-01T16:00:00Z");
    for (let i = 0; i < 20; i++) await scheduleJob(store, { kind: "unionhall.reminder", target: channel, dueAt: new Date(now.getTime() - i * 1000) });
    await scheduleJob(store, { kind: "unionhall.reminder", target: channel, dueAt: new Date(now.getTime() + 60_000) });
    const a = await claimDueJobs(data(store), { now, owner: "a", leaseMs: 60_000, limit: 7 });
    const b = await claimDueJobs(data(store), { now, owner: "b", leaseMs: 60_000, limit: 100 });
    expect(a).toHaveLength(7);
    expect(b).toHaveLength(13);
    expect(new Set([...a, ...b].map((j) => j.id)).size).toBe(20);
    // Oldest due first.
    expect(a.map((j) => j.dueAt.getTime())).toEqual([...a.map((j) => j.dueAt.getTime())].sort((x, y) => x - y));
    expect(a[0]!.dueAt.getTime()).toBeLessThanOrEqual(b[0]!.dueAt.getTime());
    // Nobody else may complete a claim it does not hold.
    expect(await markSent(store, a[0]!.id, "b", { now, messageId: "x" })).toBe(false);
    expect(await markSent(store, a[0]!.id, "a", { now, messageId: "x" })).toBe(true);
    // An expired lease is claimed again; a live one is not.
    expect(await claimDueJobs(data(store), { now: new Date(now.getTime() + 30_000), owner: "c", leaseMs: 60_000, limit: 100 })).toHaveLength(0);
    const reclaimed = await claimDueJobs(data(store), { now: new Date(now.getTime() + 61_000), owner: "c", leaseMs: 60_000, limit: 100 });
    expect(reclaimed).toHaveLength(20); // 19 expired claims + the job that has fallen due meanwhile
  });
});

describe("time zones and cron", () => {
  it("converts local wall-clock time to instants across DST", () => {
    expect(zonedToUtc({ year: 2026, month: 11, day: 2, hour: 8, minute: 0 }, LA).toISOString()).toBe("2026-11-02T16:00:00.000Z");
    expect(zonedToUtc({ year: 2026, month: 10, day: 26, hour: 8, minute: 0 }, LA).toISOString()).toBe("2026-10-26T15:00:00.000Z");
    // 02:30 does not exist on 14 March 2027 in Los Angeles: it moves forward to 03:30 PDT.
    expect(zonedToUtc({ year: 2027, month: 3, day: 14, hour: 2, minute: 30 }, LA).toISOString()).toBe("2027-03-14T10:30:00.000Z");
    // 01:30 happens twice on 1 November 2026: the first one.
    expect(zonedToUtc({ year: 2026, month: 11, day: 1, hour: 1, minute: 30 }, LA).toISOString()).toBe("2026-11-01T08:30:00.000Z");
    expect(zonedToUtc({ year: 2026, month: 11, day: 1, hour: 8, minute: 0 }, LA).toISOString()).toBe("2026-11-01T16:00:00.000Z");
    expect(zonedToUtc({ year: 2026, month: 7, day: 1, hour: 9, minute: 0 }, "Europe/Berlin").toISOString()).toBe("2026-07-01T07:00:00.000Z");
  });

  it("a weekly Monday 08:00 rule stays at 08:00 local across the November and March changes", () => {
    const rule = parseCron("0 8 * * 1");
    let at = new Date("2026-10-20T00:00:00Z");
    const fired: Date[] = [];
    while (at < new Date("2027-03-30T00:00:00Z")) {
      at = nextOccurrence(rule, LA, at)!;
      fired.push(at);
    }
    for (const d of fired) {
      const p = localParts(d, LA);
      expect([p.weekday, p.hour, p.minute]).toEqual([1, 8, 0]);
    }
    const iso = fired.map((d) => d.toISOString());
    expect(iso).toContain("2026-10-26T15:00:00.000Z"); // PDT, before 1 November
    expect(iso).toContain("2026-11-02T16:00:00.000Z"); // PST, after
    expect(iso).toContain("2027-03-08T16:00:00.000Z"); // PST, before 14 March
    expect(iso).toContain("2027-03-15T15:00:00.000Z"); // PDT, after
    // Exactly one occurrence per week.
    for (let i = 1; i < fired.length; i++) expect(Math.round((fired[i]!.getTime() - fired[i - 1]!.getTime()) / 86_400_000)).toBe(7);
  });

  it("rejects malformed cron rules", () => {
    for (const bad of ["", "0 8 * *", "61 8 * * 1", "0 25 * * *", "0 8 * * 9", "x 8 * * 1"]) expect(() => parseCron(bad), bad).toThrow();
    expect(parseCron("0 8 * * mon-fri").weekdays.size).toBe(5);
  });
});

describe("recurring rules", () => {
  it("materialises exactly one next occurrence with a deterministic key, also when upserted again", async () => {
    ({ store } = await tempStore());
    const now = new Date("2026-10-28T12:00:00Z");
    const input = { kind: "unionhall.reminder", name: "Weekly steward check-in", cron: "0 8 * * 1", timeZone: LA, target: channel, payload: { text: "check-in" }, idempotencyKey: "digest:stewards" };
    const r1 = await upsertRule(store, input, now);
    const r2 = await upsertRule(store, input, now);
    expect(r2.id).toBe(r1.id);
    expect(r1.nextAt!.toISOString()).toBe("2026-11-02T16:00:00.000Z");
    const pending = await listJobs(store, { status: "pending" });
    expect(pending).toHaveLength(1);
    expect(pending[0]!.idempotencyKey).toBe(`rule:${r1.id}:2026-11-02T16:00:00.000Z`);
    // Firing it plans the next week, at 08:00 PST.
    const [job] = await claimDueJobs(data(store), { now: new Date("2026-11-02T16:00:01Z"), owner: "o", leaseMs: 60_000, limit: 10 });
    expect(await markSent(store, job!.id, "o", { now: new Date("2026-11-02T16:00:01Z"), messageId: "m" })).toBe(true);
    expect((await listJobs(store, { status: "pending" })).map((j) => j.dueAt.toISOString())).toEqual(["2026-11-09T16:00:00.000Z"]);
    expect((await deactivateRule(store, "digest:stewards"))).toBe(true);
    expect((await listJobs(store, { status: "pending" }))).toHaveLength(0);
  });

  it("refuses a bad cron or zone", async () => {
    ({ store } = await tempStore());
    const input = { kind: "unionhall.reminder", name: "x", cron: "0 8 * * 1", timeZone: LA, target: channel, idempotencyKey: "r" };
    await expect(upsertRule(store, { ...input, cron: "every monday" })).rejects.toThrow(JobInputError);
    await expect(upsertRule(store, { ...input, timeZone: "PST8" + "x" })).rejects.toThrow(JobInputError);
    expect((await listJobs(store))).toHaveLength(0);
  });
});
