// A scheduled report is delivered once per period, also when the bot restarts in between.
import fs from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import type { Poster, Target } from "../../bot/outbox.ts";
import { createScheduler } from "../../bot/scheduler/dispatcher.ts";
import { data } from "../../db/data.ts";
import type { RenderedReply } from "../../commands/core/reply.ts";
import { tempDir } from "../helpers/store.ts";
import { reportWorld, type ReportWorld } from "./helpers.ts";

class RecordingPoster implements Poster {
  readonly platform = "web" as const;
  readonly posts: { target: Target; reply: RenderedReply }[] = [];
  async post(target: Target, reply: RenderedReply) {
    this.posts.push({ target, reply });
    return { messageId: `m${this.posts.length}` };
  }
}

const silent = { info() {}, warn() {}, error() {} };
let dir: string;
let open: ReportWorld | null = null;

afterEach(async () => {
  await open?.close();
  open = null;
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Starts "the bot" on the database in `dir` at `now`: a core, a scheduler, one delivery round. */
async function boot(now: string, poster: RecordingPoster, seed: boolean) {
  await open?.close();
  open = await reportWorld(now, { dir, seed });
  const scheduler = createScheduler({ store: open.store, core: open.core, posters: new Map([["web", poster]]), log: silent, clock: open.clock, timeZone: "America/Los_Angeles" });
  await scheduler.start();
  await scheduler.stop();
  return open;
}

describe("a monthly membership report to the officers' channel", () => {
  it("arrives once for November, not again after a restart, then once for December", async () => {
    dir = tempDir("uh-report-sched-");
    const poster = new RecordingPoster();
    const w = await boot("2026-11-23T17:00:00Z", poster, true);
    expect(w.text(await w.cmd("pat", "/report schedule membership monthly #officers"))).toContain("#officers");
    expect(poster.posts).toHaveLength(0);

    // 1 December, 08:30 in Oregon: the bot starts and delivers November's report.
    await boot("2026-12-01T16:30:00Z", poster, false);
    expect(poster.posts).toHaveLength(1);
    const first = poster.posts[0]!;
    expect(first.target).toMatchObject({ platform: "web", channelId: "officers" });
    expect(first.reply.visibility).toBe("channel");
    expect(first.reply.fallbackText).toContain("Membership and density — sub-local SL-083 · Nov 2026");
    expect(first.reply.files.map((f) => f.mime)).toEqual(["image/png", "text/csv", "application/pdf"]);

    // Restarted the same morning and again later that day: nothing is posted twice.
    await boot("2026-12-01T16:31:00Z", poster, false);
    await boot("2026-12-01T23:00:00Z", poster, false);
    expect(poster.posts).toHaveLength(1);

    // 1 January: December's report, once.
    await boot("2027-01-01T16:30:00Z", poster, false);
    await boot("2027-01-01T16:45:00Z", poster, false);
    expect(poster.posts).toHaveLength(2);
    expect(poster.posts[1]!.reply.fallbackText).toContain("sub-local SL-083 · Dec 2026");
    const delivered = await data(open!.store).one(`SELECT CAST(count(*) AS INTEGER) AS "n" FROM "AuditEntry" WHERE "action" = 'report.delivered'`);
    expect(delivered).toEqual({ n: 2 });

    // Pat's office ends: February's report is withheld, not posted.
    await data(open!.store).run(`UPDATE "RoleAssignment" SET "endsAt" = ? WHERE "role" = 'sublocal_officer' AND "personId" = (SELECT "id" FROM "Person" WHERE "memberNumber" = '100004')`, new Date("2027-01-15T00:00:00Z"));
    await boot("2027-02-01T16:30:00Z", poster, false);
    expect(poster.posts).toHaveLength(2);
    const withheld = await data(open!.store).one(`SELECT CAST(count(*) AS INTEGER) AS "n" FROM "AuditEntry" WHERE "action" = 'report.withheld'`);
    expect(withheld).toEqual({ n: 1 });
  });
});
