// Applies the committed migrations on start-up, with no manual step: db/migrations on SQLite,
// db/migrations-postgres on PostgreSQL.
// Bookkeeping uses Prisma's own `_prisma_migrations` table and checksums, so
// `prisma migrate deploy` and `prisma migrate status` agree with what ran here.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type Database from "better-sqlite3";
import type pg from "pg";

/** A migrations folder: beside this module in the sources; found from dist/ (the compiled build) upward. */
function findMigrationsDir(name: string): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  for (let dir = here, i = 0; i < 4; i++, dir = path.dirname(dir)) {
    for (const candidate of [path.join(dir, name), path.join(dir, "db", name)]) if (fs.existsSync(candidate)) return candidate;
  }
  return path.join(here, name);
}

/** SQLite's migrations. */
export const migrationsDir = findMigrationsDir("migrations");
/** PostgreSQL's migrations, generated from the same Prisma schema (db/postgres-schema.ts). */
export const postgresMigrationsDir = findMigrationsDir("migrations-postgres");

const ledger = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    TEXT PRIMARY KEY NOT NULL,
    "checksum"              TEXT NOT NULL,
    "finished_at"           DATETIME,
    "migration_name"        TEXT NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        DATETIME,
    "started_at"            DATETIME NOT NULL DEFAULT current_timestamp,
    "applied_steps_count"   INTEGER UNSIGNED NOT NULL DEFAULT 0
)`;

export interface MigrationResult {
  applied: string[];
}

export function listMigrations(dir = migrationsDir): { name: string; sql: string; checksum: string }[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(dir, d.name, "migration.sql")))
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const sql = fs.readFileSync(path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: crypto.createHash("sha256").update(sql).digest("hex") };
    });
}

export function migrate(db: Database.Database, dir = migrationsDir): MigrationResult {
  db.exec(ledger);
  const done = new Map(
    (
      db
        .prepare(`SELECT migration_name, checksum FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`)
        .all() as { migration_name: string; checksum: string }[]
    ).map((r) => [r.migration_name, r.checksum]),
  );
  const pending = listMigrations(dir).filter((m) => !done.has(m.name));
  if (pending.length === 0) return { applied: [] };
  // Table rebuilds (Prisma's RedefineTables) drop and recreate tables that others reference. With
  // foreign keys on, the implicit DELETE of a DROP TABLE would fire ON DELETE actions; and the
  // pragma cannot change inside a transaction. So: off for the migrations, then a full check
  // before each commit, and back to what it was.
  const fkWasOn = (db.pragma("foreign_keys", { simple: true }) as number) === 1;
  db.pragma("foreign_keys = OFF");
  const applied: string[] = [];
  try {
    for (const m of pending) {
      const started = new Date().toISOString();
      db.transaction(() => {
        db.exec(m.sql);
        const broken = db.pragma("foreign_key_check") as { table: string; parent: string }[];
        if (broken.length > 0) {
          throw new Error(`migration ${m.name} leaves ${broken.length} broken reference(s), first ${broken[0]!.table} → ${broken[0]!.parent}; nothing was applied`);
        }
        db.prepare(
          `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, logs, started_at, applied_steps_count)
           VALUES (?, ?, ?, ?, NULL, ?, 1)`,
        ).run(crypto.randomUUID(), m.checksum, new Date().toISOString(), m.name, started);
      }).immediate();
      applied.push(m.name);
    }
  } finally {
    if (fkWasOn) db.pragma("foreign_keys = ON");
  }
  return { applied };
}

/** Prisma's own ledger table, as `prisma migrate deploy` creates it on PostgreSQL. */
const postgresLedger = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

/** The advisory lock Prisma Migrate takes, so our start-up and `prisma migrate deploy` exclude each other too. */
const migrationLockKey = 72707369;

/**
 * Applies the pending PostgreSQL migrations on one connection. Several bot processes may start at
 * once: an advisory lock lets one migrate while the others wait, then find nothing left to do.
 * Each migration commits whole with its ledger row (PostgreSQL's DDL is transactional) or not at all.
 */
export async function migratePostgres(client: pg.ClientBase, dir = postgresMigrationsDir): Promise<MigrationResult> {
  await client.query("SELECT pg_advisory_lock($1)", [migrationLockKey]);
  const applied: string[] = [];
  try {
    await client.query(postgresLedger);
    const { rows } = await client.query<{ migration_name: string }>(
      `SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
    );
    const done = new Set(rows.map((r) => r.migration_name));
    for (const m of listMigrations(dir).filter((m) => !done.has(m.name))) {
      const started = new Date();
      await client.query("BEGIN");
      try {
        // No parameters: the simple protocol runs the whole file, functions' $$ bodies included.
        await client.query(m.sql);
        await client.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, logs, started_at, applied_steps_count)
           VALUES ($1, $2, now(), $3, NULL, $4, 1)`,
          [crypto.randomUUID(), m.checksum, m.name, started],
        );
        await client.query("COMMIT");
      } catch (e) {
        await client.query("ROLLBACK");
        throw new Error(`migration ${m.name} failed and nothing of it was applied: ${(e as Error).message}`);
      }
      applied.push(m.name);
    }
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [migrationLockKey]);
  }
  return { applied };
}
