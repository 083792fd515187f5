// The differences between SQLite and PostgreSQL that the data layer (db/data.ts) hides, all here:
// parameter markers, how values are sent, and how rows come back. Statements are written once, in
// portable SQL (double-quoted identifiers, TRUE/FALSE, ON CONFLICT, RETURNING) with `?` or `@name`
// parameters; where the SQL itself must differ, `dialect({ sqlite, postgres })` names both forms.
import crypto from "node:crypto";
import { createRequire } from "node:module";
import type pg from "pg";
import type { Engine } from "./store.ts";
import { dbTime } from "./time.ts";

/** A statement whose text differs per engine (e.g. a claim's FOR UPDATE SKIP LOCKED). */
export interface EngineSql {
  sqlite: string;
  postgres: string;
}
export type SqlText = string | EngineSql;

export function dialect(forms: EngineSql): EngineSql {
  return forms;
}

export function textFor(sql: SqlText, engine: Engine): string {
  return typeof sql === "string" ? sql : sql[engine];
}

export interface PostgresStatement {
  /** The statement's name: pg prepares it once per connection, then only binds and executes. */
  name: string;
  text: string;
  /** Positional `?` parameters, or the `@name`s in the order they become `$1…`. */
  order: "positional" | string[];
}

const converted = new Map<string, PostgresStatement>();

/**
 * The PostgreSQL form of a statement: `?` → `$1, $2…` and `@name` → one `$n` per distinct name,
 * skipping string literals, quoted identifiers and comments. Computed once per distinct text.
 */
export function postgresStatement(text: string): PostgresStatement {
  let found = converted.get(text);
  if (found) return found;
  let out = "";
  let positional = 0;
  const names: string[] = [];
  for (let i = 0; i < text.length; ) {
    const c = text[i]!;
    if (c === "'" || c === '"') {
      const end = text.indexOf(c, i + 1);
      const stop = end < 0 ? text.length : end + 1;
      out += text.slice(i, stop);
      i = stop;
    } else if (c === "-" && text[i + 1] === "-") {
      const end = text.indexOf("\n", i);
      const stop = end < 0 ? text.length : end;
      out += text.slice(i, stop);
      i = stop;
    } else if (c === "?") {
      out += `$${++positional}`;
      i++;
    } else if (c === "@" && /[A-Za-z_]/.test(text[i + 1] ?? "")) {
      const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i + 1))![0];
      let n = names.indexOf(name);
      if (n < 0) n = names.push(name) - 1;
      out += `$${n + 1}`;
      i += 1 + name.length;
    } else {
      out += c;
      i++;
    }
  }
  if (positional > 0 && names.length > 0) throw new Error("a statement uses either ? or @name parameters, not both");
  found = { name: `uh_${crypto.createHash("sha1").update(text).digest("hex").slice(0, 20)}`, text: out, order: names.length > 0 ? names : "positional" };
  converted.set(text, found);
  return found;
}

/** One parameter as PostgreSQL receives it: dates as UTC text (the columns are UTC timestamps). */
function postgresValue(v: unknown): unknown {
  return v instanceof Date ? v.toISOString() : v;
}

/** Parameters in `$n` order: positional as given, or picked by name from the one object passed. */
export function postgresValues(statement: PostgresStatement, params: unknown[]): unknown[] {
  if (statement.order === "positional") return params.map(postgresValue);
  const named = (params[0] ?? {}) as Record<string, unknown>;
  return statement.order.map((n) => {
    if (!(n in named)) throw new Error(`missing a value for @${n}`);
    return postgresValue(named[n]);
  });
}

/** One parameter as better-sqlite3 binds it: dates as Prisma's stored text, booleans as 1/0. */
function sqliteValue(v: unknown): unknown {
  if (v instanceof Date) return dbTime(v);
  if (typeof v === "boolean") return v ? 1 : 0;
  return v;
}

export function sqliteValues(params: unknown[]): unknown[] {
  if (params.length === 1 && params[0] !== null && typeof params[0] === "object" && !(params[0] instanceof Date) && !Buffer.isBuffer(params[0])) {
    return [Object.fromEntries(Object.entries(params[0] as Record<string, unknown>).map(([k, v]) => [k, sqliteValue(v)]))];
  }
  return params.map(sqliteValue);
}

// PostgreSQL's type ids for the values read back differently.
const BOOL = 16;
const INT8 = 20;
const TIMESTAMP = 1114;
const TIMESTAMPTZ = 1184;

/** A timestamp column's text as SQLite holds it: ISO 8601 with milliseconds and +00:00. */
function timestampText(s: string): string {
  if (!/^\d{4}-\d\d-\d\d/.test(s)) return s; // infinity and the like stay as they are
  const iso = s.replace(" ", "T");
  return dbTime(new Date(/[Zz]|[+-]\d\d(:?\d\d)?$/.test(iso) ? iso : `${iso}Z`));
}

/**
 * The parsers for the data layer's own pool, so rows read the same on both engines: timestamps
 * as SQLite's text, booleans as 1/0, 64-bit counts as numbers. Per pool, not global: Prisma's
 * PostgreSQL client keeps its own parsers.
 */
// pg itself is loaded only where PostgreSQL is used (by then its pool has loaded it): a SQLite
// start-up does not pay for it.
let pgModule: typeof pg | undefined;
const pgTypes = (): typeof pg.types => (pgModule ??= createRequire(import.meta.url)("pg") as typeof pg).types;

export const postgresRowTypes: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: "text" | "binary") => {
    if (format === undefined || format === "text") {
      if (oid === BOOL) return (v: string) => (v === "t" ? 1 : 0);
      if (oid === INT8) return (v: string) => Number(v);
      if (oid === TIMESTAMP || oid === TIMESTAMPTZ) return timestampText;
    }
    return pgTypes().getTypeParser(oid, format as "text");
  }) as pg.CustomTypesConfig["getTypeParser"],
};
