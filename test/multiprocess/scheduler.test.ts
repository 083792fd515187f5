// The durable scheduler with several real bot processes on one PostgreSQL, counted where it
// matters, at the fake Slack: 1,000 reminders falling due at the same instant with three processes'
// schedulers running are each delivered exactly once (a claim is one UPDATE … FOR UPDATE SKIP
// LOCKED, so two dispatchers never claim one job). And a process killed with SIGKILL while it holds
// claims (its posts hanging at Slack) loses nothing: once the lease has run out another process
// takes its jobs over and delivers each once. The second process is started with its clock past
// the lease, as a process would find the table two minutes later.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { data, transaction } from "../../db/data.ts";
import { scheduleJobNowIn } from "../../db/jobs.ts";
import { FakeSlack } from "../fakes/slack.ts";
import { count, demoDatabase, killAll, logged, skipReason, slackEnv, spawnBot, spawnBots, SlackDoor, waitUntil, type BotProcess, type Database } from "./fleet.ts";

const skip = skipReason("the scheduler across bot processes on PostgreSQL");
/** The dispatcher's claim lease (bot/scheduler/dispatcher.ts's default). */
const LEASE_MS = 120_000;

describe.skipIf(Boolean(skip))("the scheduler across bot processes on one PostgreSQL", { timeout: 150_000 }, () => {
  let db: Database;
  let fake: FakeSlack;
  let door: SlackDoor;
  const bots: BotProcess[] = [];

  beforeAll(async () => {
    db = await demoDatabase("scheduler", 20);
    fake = await new FakeSlack().start();
    door = await new SlackDoor(fake.base).start();
  }, 120_000);

  afterAll(async () => {
    killAll(bots);
    // Whatever Slack would have refused (a bad block, a used-up response_url) fails the file.
    if (fake) expect(fake.rules.unexpected()).toEqual([]);
    await door?.stop();
    await fake?.stop();
    await db?.stop();
  });

  /** `n` reminders, each to a channel of its own (so none is gathered with another), all due at `dueAt`, in one commit. */
  async function reminders(prefix: string, n: number, dueAt: Date): Promise<string[]> {
    const channels = Array.from({ length: n }, (_, i) => `C${prefix}${String(i).padStart(5, "0")}`);
    for (const c of channels) fake.addChannel(c, { botMember: true });
    await transaction(db.store, async (tx) => {
      for (const [i, channelId] of channels.entries())
        await scheduleJobNowIn(tx, db.store, { kind: "unionhall.reminder", target: { platform: "slack", workspaceId: fake.teamId, channelId }, payload: { text: `${prefix}-${i}`, byUser: null }, dueAt });
    });
    return channels;
  }

  /** Messages the fake Slack received, by channel. */
  function postsTo(channels: readonly string[]): Map<string, number> {
    const wanted = new Set(channels);
    const by = new Map<string, number>();
    for (const c of fake.callsOf("chat.postMessage")) {
      const ch = String(c.args.channel);
      if (wanted.has(ch)) by.set(ch, (by.get(ch) ?? 0) + 1);
    }
    return by;
  }

  it("1,000 reminders due at the same instant, three schedulers running: each delivered exactly once", async () => {
    const three = await spawnBots(3, slackEnv(fake, db.url));
    bots.push(...three);
    try {
      await deliveredOnce(three);
    } finally {
      // Gone before the next test, whatever happened here.
      killAll(three);
      await Promise.all(three.map((b) => b.exited));
    }
  });

  async function deliveredOnce(three: BotProcess[]): Promise<void> {
    await waitUntil("three schedulers started", () => three.every((b) => logged(b, "scheduler.started") === 1));
    const channels = await reminders("A", 1000, new Date(Date.now() + 3000));
    await waitUntil(
      "1,000 reminders sent",
      async () => (await count(db.store, `SELECT count(*) AS "n" FROM "ScheduledJob" WHERE "kind" = 'unionhall.reminder' AND "status" = 'sent'`)) === 1000,
      120_000,
    );
    // A moment for a second delivery, were there one.
    await new Promise((r) => setTimeout(r, 1000));
    const posts = postsTo(channels);
    expect(channels.filter((c) => posts.get(c) !== 1)).toEqual([]);
    expect([...posts.values()].reduce((a, b) => a + b, 0)).toBe(1000);
    // The work was shared: the processes' own logs add up to the 1,000, and more than one took part.
    const sent = three.map((b) => logged(b, "scheduler.sent"));
    expect(sent.reduce((a, b) => a + b, 0)).toBe(1000);
    expect(sent.filter((n) => n > 0).length).toBeGreaterThanOrEqual(2);
    console.log(`deliveries per process: ${sent.join(", ")}`);
    for (const b of three) expect(b.output()).not.toContain(`"level":"error"`);
  }

  it("killed with SIGKILL while holding claims: after the lease another process delivers every job once", async () => {
    // Its posts hang at Slack: it claims a batch and is stuck delivering it when it dies.
    door.hold("chat.postMessage");
    const doomed = await spawnBot(slackEnv(fake, db.url, { SLACK_API_URL: door.apiUrl }));
    bots.push(doomed);
    await waitUntil("its scheduler started", () => logged(doomed, "scheduler.started") === 1);
    const channels = await reminders("B", 150, new Date());
    await waitUntil("posts hanging at Slack", () => door.held.length > 0);
    const heldBy = async () =>
      data(db.store).all<{ id: number }>(`SELECT "id" FROM "ScheduledJob" WHERE "kind" = 'unionhall.reminder' AND "status" = 'claimed' AND "claimedBy" LIKE ?`, `%:${doomed.pid}:%`);
    const claimed = await heldBy();
    expect(claimed.length).toBeGreaterThan(0);
    doomed.child.kill("SIGKILL");
    expect(await doomed.exited).toBe("SIGKILL");
    // Still claimed by the dead process: nothing of them reached Slack.
    expect((await heldBy()).length).toBe(claimed.length);
    expect(postsTo(channels).size).toBe(0);

    const heir = await spawnBot(slackEnv(fake, db.url, { UH_CLOCK_OFFSET_MS: String(LEASE_MS + 5000) }));
    bots.push(heir);
    await waitUntil(
      "150 reminders sent",
      async () => (await count(db.store, `SELECT count(*) AS "n" FROM "ScheduledJob" WHERE "kind" = 'unionhall.reminder' AND "status" = 'sent' AND "payload" LIKE '%"B-%'`)) === 150,
      90_000,
    );
    await new Promise((r) => setTimeout(r, 500));
    const posts = postsTo(channels);
    expect(channels.filter((c) => posts.get(c) !== 1)).toEqual([]);
    // The jobs the dead process held were claimed a second time, by the heir.
    const again = await data(db.store).all<{ attempts: number }>(`SELECT "attempts" FROM "ScheduledJob" WHERE "id" IN (${claimed.map((c) => c.id).join(",")})`);
    expect(again.every((j) => j.attempts === 2)).toBe(true);
    expect(logged(heir, "scheduler.sent")).toBe(150);
    expect(heir.output()).not.toContain(`"level":"error"`);
  });
});
