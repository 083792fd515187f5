// A claim without a result is a lease of seconds, not a week: a retry after a crash runs the work
// again. A claim whose work committed is never given back and never run twice.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { defineCommand } from "../../commands/core/command.ts";
import { createCore, handleCommand } from "../../commands/core/dispatch.ts";
import { reply } from "../../commands/core/reply.ts";
import { CLAIM_LEASE_MS, claimKey, markKeyDoneIn, recall, releaseKey, storeResult } from "../../db/idempotency.ts";
import type { Store } from "../../db/store.ts";
import { data, transaction } from "../../db/data.ts";
import { tempStore } from "../helpers/store.ts";

let store: Store;
beforeEach(async () => {
  store = await tempStore();
});
afterEach(async () => {
  await store.close();
});

const T0 = new Date("2026-11-23T17:00:00Z");
const at = (ms: number) => new Date(T0.getTime() + ms);

describe("idempotency claims", () => {
  it("hold off a repeat while the work runs, and lapse within seconds when it never finished", async () => {
    expect(CLAIM_LEASE_MS).toBeLessThanOrEqual(60_000);
    expect(await claimKey(data(store), "form:slack:V1", "form:slack", T0)).toBe(true);
    expect(await claimKey(data(store), "form:slack:V1", "form:slack", at(CLAIM_LEASE_MS - 1000))).toBe(false);
    expect(await claimKey(data(store), "form:slack:V1", "form:slack", at(CLAIM_LEASE_MS + 1000))).toBe(true);
  });

  it("once the work committed, a claim is never taken over nor given back", async () => {
    expect(await claimKey(data(store), "act:slack:U1:1", "act:slack", T0)).toBe(true);
    await transaction(store, (tx) => markKeyDoneIn(tx, "act:slack:U1:1", T0));
    await releaseKey(data(store), "act:slack:U1:1");
    expect(await claimKey(data(store), "act:slack:U1:1", "act:slack", at(3600_000))).toBe(false);
    expect((await recall(data(store), "act:slack:U1:1"))?.result).toBe("");
    await storeResult(data(store), "act:slack:U1:1", '{"answer":1}', T0);
    expect(await claimKey(data(store), "act:slack:U1:1", "act:slack", at(6 * 24 * 3600_000))).toBe(false);
    expect((await recall(data(store), "act:slack:U1:1"))?.result).toBe('{"answer":1}');
  });
});

describe("a claim held by work still running", () => {
  it("is renewed while the work runs, so a repeat after the lease is still told to wait", async () => {
    let finish: () => void = () => undefined;
    let runs = 0;
    const slow = defineCommand({
      path: ["slow", "work"],
      description: "slow.d",
      args: {},
      access: { anyone: true },
      async run() {
        runs++;
        await new Promise<void>((r) => (finish = r));
        return reply.private(reply.text("done"));
      },
    });
    let now = T0;
    const core = createCore({ store, features: [{ area: "slow", description: "slow.d", commands: [slow], strings: { en: { slow: { d: "slow" } } } }], clock: { now: () => now } });
    const actor = { platform: "slack" as const, workspaceId: "T1", userId: "U1", locale: "en" };
    vi.useFakeTimers({ toFake: ["setInterval", "clearInterval"] });
    try {
      const first = handleCommand(core, { actor, text: "slow work", deliveryId: "trig.1" });
      await vi.waitFor(() => expect(runs).toBe(1));
      for (let s = 5; s <= 30; s += 5) {
        now = at(s * 1000);
        vi.advanceTimersByTime(CLAIM_LEASE_MS / 3);
      }
      const repeat = await handleCommand(core, { actor, text: "slow work", deliveryId: "trig.1" });
      expect(repeat.reply.fallbackText).toMatch(/still working/i);
      expect(runs).toBe(1);
      finish();
      expect((await first).reply.fallbackText).toBe("done");
    } finally {
      vi.useRealTimers();
    }
  });
});

describe("ctx.commitAsync (the asynchronous data layer)", () => {
  function coreWith(work: (tx: import("../../db/data.ts").Tx) => Promise<void>) {
    const cmd = defineCommand({
      path: ["asyncwrite", "go"],
      description: "aw.d",
      args: {},
      access: { anyone: true },
      async run(ctx) {
        await ctx.commitAsync(work);
        return reply.private(reply.text("written"));
      },
    });
    return createCore({ store, features: [{ area: "asyncwrite", description: "aw.d", commands: [cmd], strings: { en: { aw: { d: "write" } } } }], clock: { now: () => T0 } });
  }
  const actor = { platform: "slack" as const, workspaceId: "T1", userId: "U1", locale: "en" };

  it("settles the delivery's claim in the same transaction as the work", async () => {
    const core = coreWith(async (tx) => {
      await tx.run(`INSERT INTO "IdempotencyKey" ("key", "scope", "result", "createdAt", "expiresAt") VALUES ('probe', 'test', 'x', ?, ?)`, T0, T0);
    });
    const out = await handleCommand(core, { actor, text: "asyncwrite go", deliveryId: "trig.async.1" });
    expect(out.reply.fallbackText).toBe("written");
    expect((await recall(data(store), "probe"))?.result).toBe("x");
    const claimed = (await data(store).one<{ result: string | null }>(`SELECT "result" FROM "IdempotencyKey" WHERE "key" LIKE '%trig.async.1%'`))!;
    expect(claimed.result).not.toBeNull();
  });

  it("writes nothing when the work fails part-way, and says so politely", async () => {
    const core = coreWith(async (tx) => {
      await tx.run(`INSERT INTO "IdempotencyKey" ("key", "scope", "result", "createdAt", "expiresAt") VALUES ('probe2', 'test', 'x', ?, ?)`, T0, T0);
      throw new Error("disk on fire");
    });
    const out = await handleCommand(core, { actor, text: "asyncwrite go", deliveryId: "trig.async.2" });
    expect(out.reply.fallbackText).toMatch(/nothing was changed/);
    expect(await recall(data(store), "probe2")).toBeUndefined();
  });
});
