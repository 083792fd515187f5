// Opens the shared store: a Prisma client for ordinary data access, and one synchronous
// better-sqlite3 connection for the few critical sections that must not interleave with
// other async work (the audit hash chain, job claims, once-only buttons).
import path from "node:path";
import Database from "better-sqlite3";
import type pg from "pg";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "./generated/prisma/client.ts";
import { ensurePrivateFile, ensurePrivateFolder, sidecars, tightenExisting } from "./file-modes.ts";
import { migrate } from "./migrate.ts";
import { AUTO_CHECKPOINT_PAGES, WAL_SIZE_LIMIT_BYTES } from "./checkpoint.ts";

export type Prisma = PrismaClient;

/** Which database a store runs on: the embedded SQLite file (the default), or a PostgreSQL server. */
export type Engine = "sqlite" | "postgres";

export interface Store {
  engine: Engine;
  prisma: PrismaClient;
  /** Synchronous connection for atomic critical sections (SQLite only). Only db/ modules use it. */
  sql: Database.Database;
  /** The connection pool (PostgreSQL only). */
  pool?: pg.Pool;
  /** A small pool of its own for the acknowledgement path (PostgreSQL only; db/data.ts `acknowledgementLane`). */
  ackPool?: pg.Pool;
  /** The SQLite file, or ":memory:" when there is none (an in-memory database, or PostgreSQL). */
  file: string;
  close(): Promise<void>;
}

/** How a store connects, beyond its URL (PostgreSQL only; SQLite has one connection). */
export interface StoreOptions {
  /** The most connections each of the process's two pools opens (DATABASE_POOL_SIZE). */
  poolSize?: number;
  /** Told when the server drops an idle connection (the pool replaces it by itself). */
  onConnectionLost?: (e: Error) => void;
}

export const defaultDatabaseUrl = "file:./data/unionhall.db";
const busyTimeoutMs = 5000;

/** The engine a DATABASE_URL names: postgres:// and postgresql:// are PostgreSQL, file: is SQLite. */
export function engineOf(url: string): Engine {
  if (/^postgres(ql)?:\/\//.test(url)) return "postgres";
  if (url.startsWith("file:")) return "sqlite";
  throw new Error(`DATABASE_URL must be a SQLite file URL (file:…) or a PostgreSQL URL (postgres://…), got "${url.replace(/\/\/[^@/]*@/, "//…@")}"`);
}

export function databaseFile(url: string): string {
  if (!url.startsWith("file:")) throw new Error(`DATABASE_URL must be a SQLite file URL (file:…), got "${url}"`);
  const p = url.slice("file:".length);
  return p === ":memory:" ? p : path.resolve(p);
}

/** Prisma's own connection, when it opens: the same busy timeout, and foreign keys enforced. */
class PragmaAdapter extends PrismaBetterSQLite3 {
  override async connect() {
    const adapter = await super.connect();
    for (const pragma of [`PRAGMA busy_timeout = ${busyTimeoutMs}`, "PRAGMA foreign_keys = ON"]) await adapter.executeRaw({ sql: pragma, args: [], argTypes: [] } as never);
    return adapter;
  }
}

/** Opens (creating and migrating if needed) the database at `url`: SQLite for file:, PostgreSQL for postgres://. */
export async function openStore(url: string = defaultDatabaseUrl, opts: StoreOptions = {}): Promise<Store> {
  if (engineOf(url) === "postgres") {
    // Loaded only here, so the default SQLite path never loads the PostgreSQL client.
    const { openPostgresStore } = await import("./store-postgres.ts");
    return openPostgresStore(url, opts);
  }
  const file = databaseFile(url);
  if (file !== ":memory:") {
    // Names, work contacts and case narratives live here: the bot's account only (0700 / 0600).
    ensurePrivateFolder(path.dirname(file), [file, ...sidecars(file)]);
    ensurePrivateFile(file);
    tightenExisting(sidecars(file));
  }
  const sql = new Database(file, { timeout: busyTimeoutMs });
  sql.pragma("journal_mode = WAL");
  sql.pragma(`busy_timeout = ${busyTimeoutMs}`);
  sql.pragma("foreign_keys = ON");
  sql.pragma("synchronous = NORMAL");
  sql.pragma(`wal_autocheckpoint = ${AUTO_CHECKPOINT_PAGES}`);
  sql.pragma(`journal_size_limit = ${WAL_SIZE_LIMIT_BYTES}`);
  migrate(sql);
  // SQLite gives the WAL and shared-memory files the database's mode; make sure of it.
  if (file !== ":memory:") tightenExisting(sidecars(file));
  // Prisma (schema, migrations, the rarer admin paths) is created on first use: the per-command
  // path runs on `sql`, and an unused Prisma client costs ~150 ms of start-up and ~27 MB.
  let prisma: PrismaClient | undefined;
  return {
    engine: "sqlite",
    get prisma() {
      prisma ??= new PrismaClient({ adapter: new PragmaAdapter({ url: `file:${file}`, timeout: busyTimeoutMs }) });
      return prisma;
    },
    sql,
    file,
    async close() {
      await prisma?.$disconnect();
      sql.close();
    },
  };
}
