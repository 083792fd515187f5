// Reminders that fell due while the bot was down, with the scheduler's clock controlled across the
// downtime: each is re-rendered for the moment it is delivered (never "in 5 business days" a week
// late), superseded and closed-case reminders are dropped, and each person gets one "while the bot
// was down" message instead of a burst. Demo history never leaves reminders due in the past.
import { afterEach, describe, expect, it } from "vitest";
import { createScheduler } from "../../bot/scheduler/dispatcher.ts";
import { seedDemoGrievances } from "../../commands/grievance/demo.ts";
import { features } from "../../commands/index.ts";
import { data } from "../../db/data.ts";
import { listJobs } from "../../db/jobs.ts";
import { fileVia, intake, world, type World } from "../grievance/helpers.ts";
import { tempStore } from "../helpers/store.ts";
import { RecordingPoster, silent } from "./helpers.ts";

let w: World | undefined;
afterEach(async () => {
  await w?.close();
  w = undefined;
});

async function personOf(w: World, handle: string): Promise<number> {
  return (await data(w.store).one<{ personId: number }>(`SELECT "personId" FROM "ChatIdentity" WHERE "userId" = ?`, handle))!.personId;
}

/** Files a case as Sam (steward SL-083) on the world's current date; returns its reference. */
async function file(w: World, over: Record<string, string> = {}): Promise<string> {
  const out = await fileVia(w, "sam", intake(over));
  const ref = /Filed (G-\d{4}-\d{4})/.exec(w.text(out.ok ? out.reply : (out as never)))?.[1];
  if (!ref) throw new Error(`not filed: ${JSON.stringify(out).slice(0, 300)}`);
  return ref;
}

describe("catching up after downtime", () => {
  it("a week down: one summary per person, each reminder as it stands now, none saying “in 5 business days”", async () => {
    w = await world("2026-11-23T17:00:00Z"); // Mon 23 Nov, 09:00 in Oregon; the bot is not running
    const first = await file(w);
    const second = await file(w, { articles: "10.5", category: "pay" });
    expect(w.text(await w.cmd("sam", '/unionhall remind "in 2 hours" me "call the member back"'))).toContain("Got it. I'll remind");
    // Closed during the downtime (straight in the database's terms, through the core): its reminders must not arrive.
    expect(w.text(await w.cmd("sam", `/grievance close ${second} withdrawn`))).toContain("closed");

    w.clock.set("2026-12-01T18:00:00Z"); // Tue 1 Dec, 10:00 in Oregon: a week later the bot starts
    const poster = new RecordingPoster("web");
    const sched = createScheduler({ store: w.store, core: w.core, posters: new Map([["web", poster]]), log: silent, clock: w.clock });
    await sched.start();
    await sched.stop();

    const sam = await personOf(w, "sam");
    const toSam = poster.deliveries.filter((d) => d.target.userId === "sam");
    expect(toSam).toHaveLength(1);
    const summary = toSam[0]!.text;
    expect(summary).toMatch(/While the bot was down, these fell due for you \(\d+\)/);
    expect(summary).toContain(`${first}: management missed its response deadline at Informal (Mon 2026-11-30)`);
    expect(summary).toContain("call the member back");
    expect(summary).toMatch(/was due Mon, Nov 23, 2026, 11:00 AM PST/);
    for (const d of poster.deliveries) {
      expect(d.text).not.toMatch(/in \d+ business days/);
      expect(d.text).not.toContain("due today");
      expect(d.text).not.toContain(second);
    }
    // Carla (chief steward) hears the escalation once; nobody gets a burst.
    const perRecipient = new Map<string, number>();
    for (const d of poster.deliveries) perRecipient.set(d.target.userId ?? d.target.channelId ?? "", (perRecipient.get(d.target.userId ?? "") ?? 0) + 1);
    expect([...perRecipient.values()].every((n) => n === 1)).toBe(true);
    expect(perRecipient.has("carla")).toBe(true);
    // Every reminder that fell due is settled (sent inside a summary or dropped), none left behind.
    const leftBehind = (await listJobs(w.store, { status: ["pending", "claimed"], limit: 1000 })).filter((j) => j.dueAt <= w!.clock.now() && j.kind !== "grievance.digest");
    expect(leftBehind).toEqual([]);
    expect((await listJobs(w.store, { status: ["sent"], limit: 1000 })).filter((j) => j.personId === sam).length).toBeGreaterThan(1);
  });

  it("a short outage: the one reminder due is re-rendered for now and says when it was due", async () => {
    w = await world("2026-11-23T17:00:00Z");
    await file(w);
    // Down from Wed 25 Nov (the "2 business days" reminder at 09:00) to Fri 27 Nov 10:00 in Oregon.
    w.clock.set("2026-11-27T18:00:00Z");
    const poster = new RecordingPoster("web");
    const sched = createScheduler({ store: w.store, core: w.core, posters: new Map([["web", poster]]), log: silent, clock: w.clock });
    await sched.start();
    await sched.stop();
    expect(poster.deliveries).toHaveLength(1);
    const text = poster.deliveries[0]!.text;
    expect(text).toMatch(/management's response at Informal is due Mon 2026-11-30 — in 1 business day/);
    expect(text).toContain("Due Wed, Nov 25, 2026, 9:00 AM PST; sent late because the bot was not running then.");
  });
});

describe("demo history", () => {
  it("never leaves a reminder due in the past, so a running bot sends nothing stale", async () => {
    const store = await tempStore({ seed: true });
    const now = new Date("2026-11-20T18:00:00Z");
    const r = await seedDemoGrievances(store, features, 30, now);
    expect(r.open).toBeGreaterThan(0);
    const pending = (await listJobs(store, { status: ["pending"], limit: 5000 })).filter((j) => j.kind === "grievance.deadline");
    expect(pending.length).toBeGreaterThan(0);
    expect(pending.filter((j) => j.dueAt < now)).toEqual([]);
    await store.close();
  }, 120_000);
});
