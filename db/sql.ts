// The per-command data path: SQL prepared once per connection and reused, on the store's
// synchronous better-sqlite3 connection. Prisma stays the schema and migration tool; its
// query compiler costs milliseconds per call, a cached statement costs microseconds.
// Write plain, standard SQL here (double-quoted identifiers, `?` parameters) so the queries
// stay portable to PostgreSQL; keep every statement in a `db/<area>*.ts` module.
import type Database from "better-sqlite3";
import type { Statement } from "better-sqlite3";
import type { Store } from "./store.ts";

const cache = new WeakMap<Database.Database, Map<string, Statement>>();

/** The statement for `text` on this connection, prepared on first use only (shared with db/data.ts). */
export function cachedStatement(conn: Database.Database, text: string): Statement {
  let byText = cache.get(conn);
  if (!byText) {
    byText = new Map();
    cache.set(conn, byText);
  }
  let stmt = byText.get(text);
  if (!stmt) {
    stmt = conn.prepare(text);
    byText.set(text, stmt);
  }
  return stmt;
}

/**
 * The connection's lock for db/data.ts's asynchronous transactions: held from BEGIN to COMMIT, and
 * waited for, first come first served, by the asynchronous statements of other work.
 */
export class ConnectionLock {
  held = false;
  private waiting: (() => void)[] = [];

  acquire(): Promise<void> {
    if (!this.held) {
      this.held = true;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.held = false;
  }
}

const locks = new WeakMap<Database.Database, ConnectionLock>();

export function connectionLock(conn: Database.Database): ConnectionLock {
  let lock = locks.get(conn);
  if (!lock) {
    lock = new ConnectionLock();
    locks.set(conn, lock);
  }
  return lock;
}

/** A synchronous statement cannot wait: while an asynchronous transaction is open it would run inside it. */
function refuseInsideAsyncTransaction(conn: Database.Database): void {
  if (locks.get(conn)?.held) {
    throw new Error("a synchronous statement ran while an asynchronous transaction held the connection: move this path to db/data.ts");
  }
}

/** The statement for `text` on this store's connection, prepared on first use only. */
export function prepared<T = unknown>(store: Pick<Store, "sql">, text: string): Statement<unknown[], T> {
  refuseInsideAsyncTransaction(store.sql);
  return cachedStatement(store.sql, text) as Statement<unknown[], T>;
}

/** Rows of a cached statement. */
export function all<T>(store: Pick<Store, "sql">, text: string, ...params: unknown[]): T[] {
  return prepared<T>(store, text).all(...params) as T[];
}

/** The first row of a cached statement, or undefined. */
export function one<T>(store: Pick<Store, "sql">, text: string, ...params: unknown[]): T | undefined {
  return prepared<T>(store, text).get(...params) as T | undefined;
}

/** Runs a cached write statement. */
export function run(store: Pick<Store, "sql">, text: string, ...params: unknown[]): Database.RunResult {
  return prepared(store, text).run(...params);
}

/**
 * Runs `work` as one SQLite transaction on the synchronous connection: everything in it commits
 * together or not at all, and nothing else interleaves (a `kill -9` leaves all or nothing).
 * Nested calls become savepoints. `work` must be synchronous.
 */
export function transaction<T>(store: Pick<Store, "sql">, work: () => T): T {
  refuseInsideAsyncTransaction(store.sql);
  return store.sql.transaction(work).immediate();
}
