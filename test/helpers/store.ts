// Test helpers: a fresh database file per test, the real core on top of it.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createCore, type Core } from "../../commands/core/dispatch.ts";
import type { Actor, Clock } from "../../commands/core/command.ts";
import { features } from "../../commands/index.ts";
import { seedDemo, DEMO_WORKSPACE } from "../../db/demo.ts";
import { openStore, type Store } from "../../db/store.ts";

export function tempDir(prefix = "uh-test-"): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export async function tempStore(opts: { seed?: boolean } = {}): Promise<Store & { dir: string }> {
  const dir = tempDir();
  const store = await openStore(`file:${path.join(dir, "test.db")}`);
  if (opts.seed) await seedDemo(store);
  return Object.assign(store, { dir });
}

/** A clock tests can move. */
export function testClock(start = new Date("2026-11-23T17:00:00Z")): Clock & { set(d: Date): void; advance(ms: number): void } {
  let now = start;
  return {
    now: () => now,
    set(d) {
      now = d;
    },
    advance(ms) {
      now = new Date(now.getTime() + ms);
    },
  };
}

export async function demoCore(clock?: Clock): Promise<{ core: Core; store: Store & { dir: string } }> {
  const store = await tempStore({ seed: true });
  return { core: createCore({ store, features, clock }), store };
}

/** A playground persona as an actor (maria member, sam steward, pat sub-local president, sofia staff, nico unlinked…). */
export function web(handle: string): Actor {
  return { platform: "web", workspaceId: DEMO_WORKSPACE, userId: handle, locale: "en" };
}

export function auditCount(store: Store): number {
  return (store.sql.prepare(`SELECT count(*) AS n FROM "AuditEntry"`).get() as { n: number }).n;
}
