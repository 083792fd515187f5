// The inbox's rows for acknowledged work, written together when acknowledgements arrive together:
// one insert per group keeps each row as its own insert would (the first of a repeated key wins,
// a key already held is left alone), on the test engine (TEST_ENGINE=postgres: PostgreSQL).
import { afterEach, describe, expect, it, vi } from "vitest";
import { AckedInbox } from "../../commands/core/acked-inbox.ts";
import { Intake } from "../../commands/core/intake.ts";
import { HOLD_BATCH_MAX, holdAckedRows, type NewAcked } from "../../db/acked-work.ts";
import { data } from "../../db/data.ts";
import type { Store } from "../../db/store.ts";
import { demoCore, tempStore } from "../helpers/store.ts";
import { TEST_KEY } from "../contacts/setup.ts";

let store: Store | undefined;
afterEach(async () => {
  vi.unstubAllEnvs();
  await store?.close();
  store = undefined;
});

const row = (key: string, userId = "U1"): NewAcked => ({ key, kind: "command", request: null, responseUrl: `https://hooks.slack.test/${key}`, workspaceId: "T1", userId });
const rows = async (s: Store) => data(s).all<{ key: string; userId: string; owner: string }>(`SELECT "key", "userId", "owner" FROM "AckedWork" ORDER BY "key"`);

describe("holding acknowledged requests", () => {
  it("writes a group in one insert, each row as its own insert would", async () => {
    store = await tempStore();
    const now = new Date("2026-12-07T12:00:00Z");
    await holdAckedRows(data(store), [row("a", "U-first")], "p1", now);
    // "a" is already held (by p1): kept as it is. "b" twice in the group: the first one stays.
    await holdAckedRows(data(store), [row("a", "U-again"), row("b", "U-first"), row("c"), row("b", "U-second")], "p2", now);
    expect(await rows(store)).toEqual([
      { key: "a", userId: "U-first", owner: "p1" },
      { key: "b", userId: "U-first", owner: "p2" },
      { key: "c", userId: "U1", owner: "p2" },
    ]);
  });

  it("takes a full group, refuses a larger one, and does nothing for none", async () => {
    store = await tempStore();
    const now = new Date("2026-12-07T12:00:00Z");
    await holdAckedRows(data(store), [], "p1", now);
    await holdAckedRows(data(store), Array.from({ length: HOLD_BATCH_MAX }, (_, i) => row(`k${String(i).padStart(2, "0")}`)), "p1", now);
    expect(await rows(store)).toHaveLength(HOLD_BATCH_MAX);
    await expect(holdAckedRows(data(store), Array.from({ length: HOLD_BATCH_MAX + 1 }, (_, i) => row(`x${i}`)), "p1", now)).rejects.toThrow(/at most/);
    expect(await rows(store)).toHaveLength(HOLD_BATCH_MAX);
  });
});

describe("the inbox's acknowledgement path", () => {
  it("keeps every one of a burst of requests held at once, each under its own key, written in fewer inserts than requests", async () => {
    const { core, store: s } = await demoCore();
    store = s;
    const intake = new Intake({ concurrency: 2, capacity: 10, perMinute: 100, burst: 100 });
    const inbox = new AckedInbox<{ kind: "command"; teamId: string; userId: string; responseUrl: string; n: number }>(
      { store: s, core, log: core.log, intake },
      { platform: "test", keyOf: (r) => `test:command:${r.n}`, answerLifeMs: 30 * 60_000, run: async () => undefined, tellLost: async () => undefined },
    );
    const inserts: number[] = [];
    const lane = (await import("../../db/data.ts")).acknowledgementLane(s);
    const run = lane.run.bind(lane);
    // Counts the inserts reaching the database (the lane itself is the product's; only counted here).
    lane.run = (sql, ...p) => {
      if (String(sql).includes('INSERT INTO "AckedWork"')) inserts.push(p.length / 9);
      return run(sql, ...p);
    };
    try {
      const keys = await Promise.all(Array.from({ length: 60 }, (_, n) => inbox.hold({ kind: "command", teamId: "T1", userId: `U${n}`, responseUrl: `https://hooks.slack.test/${n}`, n })));
      expect(new Set(keys).size).toBe(60);
      expect(keys.every((k) => k !== undefined)).toBe(true);
      expect(await rows(s)).toHaveLength(60);
      expect(inserts.reduce((a, b) => a + b, 0)).toBe(60);
      // Held in one turn: those that waited for the lane went in together.
      expect(inserts.length).toBeLessThan(60);
    } finally {
      lane.run = run;
    }
  });
});

describe("taking over lapsed requests", () => {
  it("a platform's inbox takes over only its own platform's rows: a Slack request never runs through Discord's handler, nor the reverse", async () => {
    // Sealed with a key, so a taken-over request is read back and run (not told it was lost).
    vi.stubEnv("MEMBER_DATA_KEY", TEST_KEY);
    const { core, store: s } = await demoCore();
    store = s;
    const intake = new Intake({ concurrency: 2, capacity: 10, perMinute: 100, burst: 100 });
    type Req = { kind: "command"; teamId: string; userId: string; responseUrl: string; n: number };
    const ran: string[] = [];
    const inboxFor = (platform: string) =>
      new AckedInbox<Req>({ store: s, core, log: core.log, intake }, { platform, keyOf: (r) => `${platform}:command:${r.n}`, answerLifeMs: 30 * 60_000, run: async (r) => void ran.push(`${platform} ran ${r.n}`), tellLost: async () => undefined });
    const slack = inboxFor("slack");
    const discord = inboxFor("discord");
    await slack.hold({ kind: "command", teamId: "T1", userId: "U1", responseUrl: "https://hooks.slack.test/1", n: 1 });
    await discord.hold({ kind: "command", teamId: "G1", userId: "D2", responseUrl: "app/token", n: 2 });
    // Both holders died (the rows belong to processes that are gone): their leases lapsed.
    await data(s).run(`UPDATE "AckedWork" SET "owner" = 'gone', "leaseUntil" = ?`, new Date(0));

    expect(await discord.sweep()).toBe(1);
    await intake.queue.drained();
    expect(ran).toEqual(["discord ran 2"]);
    expect(await rows(s)).toEqual([expect.objectContaining({ key: "slack:command:1" })]);
    expect(await slack.sweep()).toBe(1);
    await intake.queue.drained();
    expect(ran).toEqual(["discord ran 2", "slack ran 1"]);
    expect(await rows(s)).toEqual([]);
  });

  it("refuses to hold a request under another platform's key", async () => {
    const { core, store: s } = await demoCore();
    store = s;
    const intake = new Intake({ concurrency: 2, capacity: 10, perMinute: 100, burst: 100 });
    const inbox = new AckedInbox<{ kind: "command"; teamId: string; userId: string; responseUrl: string }>(
      { store: s, core, log: core.log, intake },
      { platform: "discord", keyOf: () => "slack:command:1", answerLifeMs: 30 * 60_000, run: async () => undefined, tellLost: async () => undefined },
    );
    await expect(inbox.hold({ kind: "command", teamId: "T1", userId: "U1", responseUrl: "x" })).rejects.toThrow(/starts with "discord:"/);
    expect(await rows(s)).toEqual([]);
  });
});
