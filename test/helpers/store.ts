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
  const file = path.join(dir, "test.db");
  if (opts.seed) return Object.assign(await seededStore(file), { dir });
  return Object.assign(await openStore(`file:${file}`), { dir });
}

// Migrating and seeding a database costs ~0.4 s on a busy machine; every test still gets its own
// database, copied from one seeded template per test process and variant (member count, data key).
const templates = new Map<string, Promise<string>>();

function template(members: number): Promise<string> {
  const variant = `${members}:${process.env.MEMBER_DATA_KEY ?? "no-key"}`;
  let file = templates.get(variant);
  if (!file) {
    file = (async () => {
      const f = path.join(tempDir("uh-template-"), "template.db");
      const store = await openStore(`file:${f}`);
      await seedDemo(store, { members });
      store.sql.pragma("wal_checkpoint(TRUNCATE)");
      await store.close();
      return f;
    })();
    templates.set(variant, file);
  }
  return file;
}

/** Opens a fresh copy of the demo database (`members` demo members) at `file`. */
export async function seededStore(file: string, opts: { members?: number } = {}): Promise<Store> {
  fs.copyFileSync(await template(opts.members ?? 300), file);
  fs.chmodSync(file, 0o600);
  return openStore(`file:${file}`);
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
