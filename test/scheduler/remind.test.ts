import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { Feed } from "../../adapters/web/feed.ts";
import { createScheduler, type Scheduler } from "../../bot/scheduler/dispatcher.ts";
import type { Actor } from "../../commands/core/command.ts";
import { handleAction, handleCommand, type Core } from "../../commands/core/dispatch.ts";
import type { RenderedReply } from "../../commands/core/reply.ts";
import { parseWhen } from "../../commands/unionhall/when.ts";
import { listAudit } from "../../db/audit.ts";
import { DEMO_WORKSPACE, seedDemo } from "../../db/demo.ts";
import { getJob, listJobs, scheduleJob } from "../../db/jobs.ts";
import type { Store } from "../../db/store.ts";
import { silent, tempStore, TestClock, testCore } from "./helpers.ts";

const LA = "America/Los_Angeles";
let store: Store;
let core: Core;
let clock: TestClock;
let feed: Feed;
let scheduler: Scheduler;

beforeEach(async () => {
  ({ store } = await tempStore());
  await seedDemo(store, { members: 20 });
  clock = new TestClock(new Date("2026-11-23T17:00:00Z")); // Monday 09:00 in Los Angeles
  core = testCore(store, clock);
  feed = new Feed();
  scheduler = createScheduler({ store, core, posters: new Map([["web", feed.poster()]]), log: silent, clock });
  await scheduler.start();
});
afterEach(async () => {
  await scheduler.stop();
  await store.close();
});

const as = (handle: string, channelId = "general"): Actor => ({ platform: "web", workspaceId: DEMO_WORKSPACE, userId: handle, locale: "en", channelId });
const run = async (handle: string, text: string, channelId?: string) => (await handleCommand(core, { actor: as(handle, channelId), text })).reply;
const warning = (r: RenderedReply) => r.blocks.some((b) => b.type === "text" && b.text.startsWith("⚠️"));
function buttonToken(r: RenderedReply | { html: string }, label: string): string {
  const rr = r as RenderedReply;
  for (const b of rr.blocks) if (b.type === "buttons") for (const x of b.buttons) if (x.label === label) return x.token;
  throw new Error(`no button ${label}`);
}
/** Everything every persona can see: channel messages and direct messages. */
function feedMessages(where: string, handle = "maria") {
  return feed.read(handle, where);
}

describe("/unionhall remind", () => {
  it("a member reminds themself; it arrives by direct message when due, once", async () => {
    const r = await run("maria", "/unionhall remind in 1 minute me Call the worksite steward");
    expect(warning(r)).toBe(false);
    expect(r.visibility).toBe("private");
    expect(r.fallbackText).toContain("Mon 23 Nov 2026, 09:01 PST");
    const [job] = await listJobs(store, { status: "pending" });
    expect(job).toMatchObject({ kind: "unionhall.reminder", personId: expect.any(Number), platform: "web" });
    await scheduler.runDue();
    expect(feedMessages("@maria")).toHaveLength(0); // not yet
    clock.advance(61_000);
    await scheduler.runDue();
    await scheduler.runDue();
    const dms = feedMessages("@maria");
    expect(dms).toHaveLength(1);
    expect(dms[0]!.text).toContain("Call the worksite steward");
    expect(dms[0]!.text).toContain("[Snooze 1 day] [Mark done]");
    expect((await listAudit(store, { action: "reminder.schedule" })).map((a) => a.subjectId)).toEqual([String(job!.id)]);
  });

  it("stewards remind a channel with quoted or unquoted times; members may not", async () => {
    expect(warning(await run("sam", '/unionhall remind "tomorrow 08:00" #stewards Step 1 answers due'))).toBe(false);
    expect(warning(await run("sam", "/unionhall remind 2026-11-24 08:30 here Bring the sign-in sheets", "stewards"))).toBe(false);
    const denied = await run("maria", "/unionhall remind in 5 minutes #general hello all");
    expect(denied.fallbackText).toContain("Reminders in a channel are for stewards, officers and staff");
    const jobs = await listJobs(store, { status: "pending" });
    expect(jobs.map((j) => [j.channelId, j.dueAt.toISOString()])).toEqual([
      ["stewards", "2026-11-24T16:00:00.000Z"],
      ["stewards", "2026-11-24T16:30:00.000Z"],
    ]);
    clock.t = new Date("2026-11-24T16:45:00Z");
    await scheduler.runDue();
    const posted = feedMessages("#stewards");
    expect(posted.map((m) => m.text.split("\n")[1])).toEqual(["Step 1 answers due", "Bring the sign-in sheets"]);
    expect(posted[0]!.text).toContain("Set by @sam");
  });

  it("refuses bad input politely and schedules nothing", async () => {
    const cases: [string, string][] = [
      ["/unionhall remind someday me x", "couldn't read “someday"],
      ["/unionhall remind in 2 hours nowhere x", "couldn't read"],
      ["/unionhall remind 2026-11-20 08:00 me too late", "already past"],
      ["/unionhall remind 2028-01-01 me far away", "up to a year ahead"],
      ["/unionhall remind 2026-02-30 09:00 me no such day", "couldn't read"],
      ["/unionhall remind in 5 minutes me", "What should the reminder say"],
      [`/unionhall remind in 5 minutes me ${"x".repeat(1200)}`, "too long"],
    ];
    for (const [text, expected] of cases) {
      const r = await run("sam", text);
      expect(warning(r), text).toBe(true);
      expect(r.fallbackText, text).toContain(expected);
    }
    const unlinked = await run("nico", "/unionhall remind in 5 minutes me x");
    expect(warning(unlinked)).toBe(true);
    expect((await listJobs(store))).toHaveLength(0);
  });

  it("snooze one day and mark done work once, through the core", async () => {
    await run("sam", "/unionhall remind in 1 minute #stewards Check the grievance log");
    clock.advance(60_000);
    await scheduler.runDue();
    const [msg] = feedMessages("#stewards");
    expect(msg).toBeDefined();
    // The playground keeps the rendered reply only as html/text: find its tokens in the html.
    const tokens = [...msg!.html.matchAll(/data-token="([^"]+)"/g)].map((m) => m[1]!);
    expect(tokens).toHaveLength(2);
    const snooze = await handleAction(core, { actor: as("carla", "stewards"), token: tokens[0]! });
    expect(snooze.reply.update).toBe(true);
    expect(snooze.reply.fallbackText).toContain("Snoozed by @carla until Tue 24 Nov 2026, 09:01 PST");
    const again = await handleAction(core, { actor: as("sam", "stewards"), token: tokens[1]! });
    expect(warning(again.reply)).toBe(true); // the card was already decided
    const pending = await listJobs(store, { status: "pending" });
    expect(pending).toHaveLength(1);
    expect(pending[0]!.dueAt.toISOString()).toBe("2026-11-24T17:01:00.000Z");
    clock.advance(86_400_000);
    await scheduler.runDue();
    const posted = feedMessages("#stewards");
    expect(posted).toHaveLength(2);
    expect(posted[1]!.text).toContain("Snoozed from");
    const done = await handleAction(core, { actor: as("sam", "stewards"), token: [...posted[1]!.html.matchAll(/data-token="([^"]+)"/g)][1]![1]! });
    expect(done.reply.fallbackText).toContain("Marked done by @sam");
  });

  it("the creator can cancel from the confirmation; others cannot", async () => {
    const r = await run("sam", "/unionhall remind in 10 minutes me Stretch");
    const token = buttonToken(r, "Cancel reminder");
    const [job] = await listJobs(store);
    const other = await handleAction(core, { actor: as("carla"), token });
    expect(other.reply.fallbackText).toContain("Only the person who set reminder");
    expect((await getJob(store, job!.id))!.status).toBe("pending");
    const mine = await handleAction(core, { actor: as("sam"), token });
    expect(mine.reply.fallbackText).toContain("is cancelled");
    expect((await getJob(store, job!.id))!.status).toBe("cancelled");
    clock.advance(3_600_000);
    await scheduler.runDue();
    expect(feedMessages("@sam", "sam")).toHaveLength(0);
  });
});

describe("/unionhall jobs", () => {
  it("shows staff the due, parked and recent jobs; others are refused", async () => {
    await scheduleJob(store, { kind: "unionhall.reminder", target: { platform: "web", channelId: "staff" }, payload: { text: "a" }, dueAt: new Date("2026-11-23T18:00:00Z") });
    await scheduleJob(store, { kind: "unionhall.nosuchkind", target: { platform: "web", channelId: "staff" }, payload: {}, dueAt: new Date("2026-11-23T16:00:00Z") });
    await scheduler.runDue();
    const view = await run("sofia", "/unionhall jobs");
    expect(warning(view)).toBe(false);
    expect(view.fallbackText).toContain("Pending 1 · in delivery 0 · sent 0 · parked 1");
    expect(view.fallbackText).toMatch(/#2 unionhall\.nosuchkind → web #staff — attempts 1 · last error: unknown job kind/);
    expect(view.fallbackText).toContain("#1 unionhall.reminder → web #staff — due Mon 23 Nov 2026, 10:00 PST");
    // Staff can put a parked job back in the queue.
    const retried = await handleAction(core, { actor: as("sofia"), token: buttonToken(view, "Retry #2") });
    expect(retried.reply.fallbackText).toContain("queued again");
    expect((await getJob(store, 2))).toMatchObject({ status: "pending", attempts: 0 });
    const denied = await run("maria", "/unionhall jobs");
    expect(warning(denied)).toBe(true);
  });
});

describe("parseWhen", () => {
  const now = new Date("2026-11-23T17:00:00Z"); // Mon 09:00 PST
  const at = (s: string) => {
    const r = parseWhen(s, now, LA);
    return r.ok ? r.at.toISOString() : r.problem;
  };
  it("reads the usual ways of saying when, in the local's zone", () => {
    expect(at("in 1 minute")).toBe("2026-11-23T17:01:00.000Z");
    expect(at("in 2 hours")).toBe("2026-11-23T19:00:00.000Z");
    expect(at("in an hour")).toBe("2026-11-23T18:00:00.000Z");
    expect(at("in 90m")).toBe("2026-11-23T18:30:00.000Z");
    expect(at("tomorrow 09:00")).toBe("2026-11-24T17:00:00.000Z");
    expect(at("tomorrow")).toBe("2026-11-24T17:00:00.000Z");
    expect(at("today 5pm")).toBe("2026-11-24T01:00:00.000Z");
    expect(at("2026-11-24 08:00")).toBe("2026-11-24T16:00:00.000Z");
    expect(at("friday 5pm")).toBe("2026-11-28T01:00:00.000Z");
    expect(at("monday")).toBe("2026-11-30T17:00:00.000Z"); // today 09:00 has begun: next week
    expect(at("17:30")).toBe("2026-11-24T01:30:00.000Z");
    expect(at("08:00")).toBe("2026-11-24T16:00:00.000Z"); // already past today: tomorrow
    expect(at("2027-03-15 08:00")).toBe("2027-03-15T15:00:00.000Z"); // PDT
    expect(at("today 08:00")).toBe("past");
    expect(at("in 0 minutes")).toBe("unreadable");
    expect(at("in 2 fortnights")).toBe("unreadable");
    expect(at("25:00")).toBe("unreadable");
    expect(at("9")).toBe("unreadable");
    expect(at("2028-06-01")).toBe("tooFar");
  });
});
