// Applies the committed migrations in db/migrations on start-up, with no manual step.
// Bookkeeping uses Prisma's own `_prisma_migrations` table and checksums, so
// `prisma migrate deploy` and `prisma migrate status` agree with what ran here.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type Database from "better-sqlite3";

/** db/migrations: beside this module in the sources; found from dist/ (the compiled build) upward. */
export const migrationsDir = ((): string => {
  const here = path.dirname(fileURLToPath(import.meta.url));
  for (let dir = here, i = 0; i < 4; i++, dir = path.dirname(dir)) {
    for (const candidate of [path.join(dir, "migrations"), path.join(dir, "db", "migrations")]) if (fs.existsSync(candidate)) return candidate;
  }
  return path.join(here, "migrations");
})();

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
