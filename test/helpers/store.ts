// Test helpers: a fresh database file per test, the real core on top of it.
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createCore, type Core } from "../../commands/core/dispatch.ts";
import type { Actor, Clock } from "../../commands/core/command.ts";
import { features } from "../../commands/index.ts";
import { copyToPostgres } from "../../db/copy-to-postgres.ts";
import { data } from "../../db/data.ts";
import { seedDemo, DEMO_WORKSPACE } from "../../db/demo.ts";
import { openStore, type Engine, type Store } from "../../db/store.ts";
import { startPostgres, type TestPostgres } from "./postgres.ts";

/**
 * The engine the stores below open on: the embedded SQLite unless TEST_ENGINE=postgres, which runs
 * the same area suites on a real PostgreSQL (one server for the whole run, see
 * test/helpers/postgres-run.ts; a fresh database per store, copied from a seeded template).
 */
export const testEngine: Engine = process.env.TEST_ENGINE === "postgres" ? "postgres" : "sqlite";

let server: Promise<TestPostgres> | undefined;
const testServer = () => (server ??= startPostgres());

export function tempDir(prefix = "uh-test-"): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export async function tempStore(opts: { seed?: boolean } = {}): Promise<Store & { dir: string }> {
  const dir = tempDir();
  const file = path.join(dir, "test.db");
  if (opts.seed) return Object.assign(await seededStore(file), { dir });
  if (testEngine === "postgres") return Object.assign(await openStore(await (await testServer()).createDatabase("empty")), { dir });
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

// On PostgreSQL the template is the SQLite one moved by the real copy command, once per server and
// variant: the first test file to need it builds it under an advisory lock, the others wait and reuse it.
const postgresTemplates = new Map<string, Promise<string>>();

function postgresTemplate(members: number): Promise<string> {
  const variant = `${members}:${process.env.MEMBER_DATA_KEY ?? "no-key"}`;
  let name = postgresTemplates.get(variant);
  if (!name) {
    name = (async () => {
      const srv = await testServer();
      const admin = await openStore(await srv.createDatabase("admin"));
      const db = data(admin);
      const wanted = `uh_template_${members}_${crypto.createHash("sha256").update(variant).digest("hex").slice(0, 12)}`;
      try {
        const lock = await admin.pool!.connect();
        try {
          await lock.query("SELECT pg_advisory_lock(hashtext($1))", [wanted]);
          const ready = await db.one(`SELECT 1 AS x FROM pg_database WHERE datname = ?`, wanted);
          if (!ready) {
            const sqliteCopy = path.join(tempDir("uh-template-"), "source.db");
            fs.copyFileSync(await template(members), sqliteCopy);
            const source = await openStore(`file:${sqliteCopy}`);
            const built = await srv.createDatabase("building");
            const target = await openStore(built);
            try {
              await copyToPostgres(source, target);
            } finally {
              await source.close();
              await target.close();
            }
            await lock.query(`ALTER DATABASE "${new URL(built).pathname.slice(1)}" RENAME TO "${wanted}"`);
          }
        } finally {
          await lock.query("SELECT pg_advisory_unlock(hashtext($1))", [wanted]);
          lock.release();
        }
      } finally {
        await admin.close();
      }
      return wanted;
    })();
    postgresTemplates.set(variant, name);
  }
  return name;
}

/** Opens a fresh copy of the demo database (`members` demo members) at `file` (on PostgreSQL: a new database). */
export async function seededStore(file: string, opts: { members?: number } = {}): Promise<Store> {
  if (testEngine === "postgres") {
    const srv = await testServer();
    return openStore(await srv.createDatabase("seeded", await postgresTemplate(opts.members ?? 300)));
  }
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

/** How many audit entries the store holds, on either engine. */
export async function auditCount(store: Store): Promise<number> {
  return Number((await data(store).one<{ n: number | string }>(`SELECT count(*) AS "n" FROM "AuditEntry"`))!.n);
}
