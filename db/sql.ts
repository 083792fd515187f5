// The per-command data path: SQL prepared once per connection and reused, on the store's
// synchronous better-sqlite3 connection. Prisma stays the schema and migration tool; its
// query compiler costs milliseconds per call, a cached statement costs microseconds.
// Write plain, standard SQL here (double-quoted identifiers, `?` parameters) so the queries
// stay portable to PostgreSQL; keep every statement in a `db/<area>*.ts` module.
import type Database from "better-sqlite3";
import type { Statement } from "better-sqlite3";
import type { Store } from "./store.ts";

const cache = new WeakMap<Database.Database, Map<string, Statement>>();

/** The statement for `text` on this store's connection, prepared on first use only. */
export function prepared<T = unknown>(store: Pick<Store, "sql">, text: string): Statement<unknown[], T> {
  let byText = cache.get(store.sql);
  if (!byText) {
    byText = new Map();
    cache.set(store.sql, byText);
  }
  let stmt = byText.get(text);
  if (!stmt) {
    stmt = store.sql.prepare(text);
    byText.set(text, stmt);
  }
  return stmt as Statement<unknown[], T>;
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
  return store.sql.transaction(work).immediate();
}
