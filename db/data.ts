// The engine-neutral, asynchronous data layer: the same calls on SQLite and PostgreSQL, statements
// prepared once (better-sqlite3's cached statements; pg's named prepared statements), the dialect
// differences in db/dialect.ts. Areas move onto it from db/sql.ts one module at a time.
//
// Transactions keep what the synchronous ones guarantee. All or nothing: BEGIN … COMMIT, ROLLBACK
// when `work` throws. Nothing interleaves: on SQLite's single connection a transaction holds the
// connection's lock until it ends, and a statement from other work waits for it (db/sql.ts's
// synchronous calls, which cannot wait, refuse to run instead of slipping inside); on PostgreSQL
// the transaction has a pooled connection of its own, and what must not run concurrently across
// processes says so in its SQL (FOR UPDATE, SKIP LOCKED, advisory locks).
// Inside `work`, only database statements: the lock is held while it waits.
import type Database from "better-sqlite3";
import type pg from "pg";
import { postgresStatement, postgresValues, sqliteValues, textFor, type SqlText } from "./dialect.ts";
import { cachedStatement, connectionLock, type ConnectionLock } from "./sql.ts";
import type { Engine, Store } from "./store.ts";

export interface Changed {
  /** Rows inserted, updated or deleted. */
  changes: number;
}

export interface Db {
  /** Which engine answers: for the rare write whose steps differ (not its SQL text: use dialect()). */
  readonly engine: Engine;
  all<T>(sql: SqlText, ...params: unknown[]): Promise<T[]>;
  one<T>(sql: SqlText, ...params: unknown[]): Promise<T | undefined>;
  run(sql: SqlText, ...params: unknown[]): Promise<Changed>;
}

type DataStore = Pick<Store, "engine" | "sql" | "pool" | "ackPool">;

// ---- SQLite ----------------------------------------------------------------------------------

function sqliteExec(conn: Database.Database, kind: "all" | "one" | "run", sql: SqlText, params: unknown[]): unknown {
  const stmt = cachedStatement(conn, textFor(sql, "sqlite"));
  const values = sqliteValues(params);
  if (kind === "all") return stmt.all(...values);
  if (kind === "one") return stmt.get(...values);
  return { changes: stmt.run(...values).changes };
}

/** Statements on the shared connection: at once when no transaction holds it, else after it. */
function sqliteDb(conn: Database.Database, lock: ConnectionLock): Db {
  const exec = async (kind: "all" | "one" | "run", sql: SqlText, params: unknown[]) => {
    if (!lock.held) return sqliteExec(conn, kind, sql, params);
    await lock.acquire();
    try {
      return sqliteExec(conn, kind, sql, params);
    } finally {
      lock.release();
    }
  };
  return {
    engine: "sqlite",
    all: (sql, ...p) => exec("all", sql, p) as Promise<never[]>,
    one: (sql, ...p) => exec("one", sql, p) as Promise<never>,
    run: (sql, ...p) => exec("run", sql, p) as Promise<Changed>,
  };
}

/** Statements inside a transaction that holds the lock. */
function sqliteTx(conn: Database.Database): Db {
  const exec = async (kind: "all" | "one" | "run", sql: SqlText, params: unknown[]) => sqliteExec(conn, kind, sql, params);
  return {
    engine: "sqlite",
    all: (sql, ...p) => exec("all", sql, p) as Promise<never[]>,
    one: (sql, ...p) => exec("one", sql, p) as Promise<never>,
    run: (sql, ...p) => exec("run", sql, p) as Promise<Changed>,
  };
}

let savepoints = 0;

async function sqliteTransaction<T>(conn: Database.Database, lock: ConnectionLock, work: (tx: Db) => Promise<T>): Promise<T> {
  await lock.acquire();
  try {
    cachedStatement(conn, "BEGIN IMMEDIATE").run();
    try {
      const result = await work(sqliteTx(conn));
      cachedStatement(conn, "COMMIT").run();
      return result;
    } catch (e) {
      if (conn.inTransaction) cachedStatement(conn, "ROLLBACK").run();
      throw e;
    }
  } finally {
    lock.release();
  }
}

// ---- PostgreSQL ------------------------------------------------------------------------------

function postgresDb(q: pg.Pool | pg.PoolClient): Db {
  const exec = async (sql: SqlText, params: unknown[]) => {
    const s = postgresStatement(textFor(sql, "postgres"));
    return q.query({ name: s.name, text: s.text, values: postgresValues(s, params) });
  };
  return {
    engine: "postgres",
    all: async (sql, ...p) => (await exec(sql, p)).rows,
    one: async (sql, ...p) => (await exec(sql, p)).rows[0],
    run: async (sql, ...p) => ({ changes: (await exec(sql, p)).rowCount ?? 0 }),
  };
}

async function postgresTransaction<T>(pool: pg.Pool, hooks: AfterCommit[], work: (tx: Tx) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken: unknown;
  try {
    await client.query("BEGIN");
    try {
      const result = await work(withSavepoints(postgresDb(client), client, hooks));
      await client.query("COMMIT");
      return result;
    } catch (e) {
      await client.query("ROLLBACK").catch((rollbackFailed: unknown) => (broken = rollbackFailed));
      throw e;
    }
  } finally {
    // A connection whose rollback failed is in an unknown state: it is closed, not reused.
    client.release(broken instanceof Error ? broken : undefined);
  }
}

// ---- Both ------------------------------------------------------------------------------------

const handles = new WeakMap<object, Db>();

/**
 * Connections kept apart for the acknowledgement path (PostgreSQL), and how many of its inserts
 * may be on their way at once: with every connection of the data layer's pool busy with answers,
 * the inbox's insert before "received" queued behind them, 4–23 ms at the command bench's p90–p99.
 */
export const ACKNOWLEDGEMENT_LANE_WIDTH = 2;

/**
 * How many connections each of a process's pools opens unless DATABASE_POOL_SIZE says otherwise:
 * the statements one process keeps at the server at once. More do not finish sooner once the
 * server's cores are busy; they queue in its CPU scheduler, where the acknowledgement lane's insert
 * then waits behind them. Measured with the command bench (two processes and the server on two
 * cores): pg's own 10 held an acknowledgement's p50 at 9 ms at c=32; 3 or 4 held it at 3.5–5 ms
 * and answered 5–7 % more. A distant server (each statement a long round trip) may want more.
 */
export const DEFAULT_POOL_SIZE = 4;

/**
 * The data layer for the statement a platform's acknowledgement waits for, and only that: on
 * PostgreSQL its own small pool, so it never queues behind the connections answers' work holds.
 * On SQLite the one connection (its statements do not queue: they run on the spot).
 */
export function acknowledgementLane(store: DataStore): Db {
  if (store.engine !== "postgres" || !store.ackPool) return data(store);
  return handleOf(store.ackPool, postgresDb);
}

/** The store's data layer, outside any transaction. */
export function data(store: DataStore): Db {
  if (store.engine === "postgres") return handleOf(store.pool!, postgresDb);
  return handleOf(store.sql, (sql) => sqliteDb(sql, connectionLock(sql)));
}

/** One handle per pool or connection, made on first use. */
function handleOf<K extends object>(key: K, make: (key: K) => Db): Db {
  let found = handles.get(key);
  if (!found) handles.set(key, (found = make(key)));
  return found;
}

/** A transaction's handle, with nested transactions as savepoints. */
export interface Tx extends Db {
  transaction<T>(work: (tx: Tx) => Promise<T>): Promise<T>;
  /**
   * Runs `fn` once the whole transaction has committed (never when it, or the savepoint `fn` was
   * registered in, rolls back): for what must not see uncommitted rows, such as waking the
   * scheduler for a job just written. On SQLite it runs after the connection is free again.
   */
  afterCommit(fn: () => void): void;
}

type AfterCommit = () => void;

function withSavepoints(db: Db, raw: { query(text: string): unknown } | Database.Database, hooks: AfterCommit[]): Tx {
  const exec = (text: string) => ("prepare" in raw ? raw.prepare(text).run() : raw.query(text));
  const tx: Tx = {
    ...db,
    async transaction(work) {
      const name = `uh_sp_${++savepoints}`;
      const registered = hooks.length;
      await exec(`SAVEPOINT ${name}`);
      try {
        const result = await work(tx);
        await exec(`RELEASE SAVEPOINT ${name}`);
        return result;
      } catch (e) {
        await exec(`ROLLBACK TO SAVEPOINT ${name}`);
        await exec(`RELEASE SAVEPOINT ${name}`);
        hooks.length = registered;
        throw e;
      }
    },
    afterCommit(fn) {
      hooks.push(fn);
    },
  };
  return tx;
}

function runAfterCommit(hooks: AfterCommit[]): void {
  for (const fn of hooks) {
    try {
      fn();
    } catch {
      // What follows a commit never undoes it: a failing hook is the hook's own concern.
    }
  }
}

/**
 * Runs `work` as one transaction: it commits whole or not at all, and on SQLite nothing from other
 * work runs on the connection until it ends. `work` runs database statements only (through `tx`).
 */
export async function transaction<T>(store: DataStore, work: (tx: Tx) => Promise<T>): Promise<T> {
  const hooks: AfterCommit[] = [];
  let result: T;
  if (store.engine === "postgres") result = await postgresTransaction(store.pool!, hooks, work);
  else {
    const conn = store.sql;
    result = await sqliteTransaction(conn, connectionLock(conn), (tx) => work(withSavepoints(tx, conn, hooks)));
  }
  runAfterCommit(hooks);
  return result;
}
