// Both engines' migrations must build the same tables: every table, column (with its kind of type and
// whether it may be empty) and unique index that db/migrations makes on SQLite, db/migrations-postgres
// makes on PostgreSQL. A schema change migrated for one engine only fails here.
import Database from "better-sqlite3";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrate, migratePostgres } from "../../db/migrate.ts";
import { postgresUnavailable, startPostgres, type TestPostgres } from "../helpers/postgres.ts";

const unavailable = postgresUnavailable();
if (unavailable) console.warn(`SKIPPING the comparison of the two engines' migrations: ${unavailable}`);

interface Shape {
  /** "Table.column" → "kind nullable|required" */
  columns: Map<string, string>;
  /** "Table(col1,col2)" of every unique index that is not the primary key */
  uniques: Set<string>;
}

// The knowledge base's search is built per engine: FTS5 and its shadow tables on SQLite, a
// tsvector table with its word counts on PostgreSQL (db/kb-search-postgres.ts).
const searchTable = /^(KbSearch|KbSearchVocab|KbSearchTotals|KbTitleSearch)(_data|_idx|_content|_docsize|_config)?$/;

/** The type families Prisma maps its scalar types to on each engine. */
function kind(declared: string): string {
  const t = declared.toLowerCase();
  if (/^(integer|int|serial|int4)/.test(t)) return "int";
  if (/^(bigint|bigserial|int8)/.test(t)) return "bigint";
  if (/^(text|varchar|character varying)/.test(t)) return "text";
  if (/^bool/.test(t)) return "boolean";
  if (/^(datetime|timestamp)/.test(t)) return "datetime";
  if (/^(real|double|float)/.test(t)) return "float";
  if (/^(decimal|numeric)/.test(t)) return "decimal";
  if (/^(blob|bytea)/.test(t)) return "bytes";
  if (/^jsonb?/.test(t)) return "json";
  return `other:${t}`;
}

function sqliteShape(): Shape {
  const db = new Database(":memory:");
  migrate(db);
  const tables = (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '_prisma_migrations'`).all() as { name: string }[])
    .map((r) => r.name)
    .filter((n) => !searchTable.test(n));
  const columns = new Map<string, string>();
  const uniques = new Set<string>();
  for (const t of tables) {
    for (const c of db.prepare(`SELECT name, type, "notnull", pk FROM pragma_table_info(?)`).all(t) as { name: string; type: string; notnull: number; pk: number }[]) {
      columns.set(`${t}.${c.name}`, `${kind(c.type)} ${c.notnull || c.pk ? "required" : "nullable"}`);
    }
    for (const ix of db.prepare(`SELECT name, "unique", origin FROM pragma_index_list(?)`).all(t) as { name: string; unique: number; origin: string }[]) {
      if (!ix.unique || ix.origin === "pk") continue;
      // An expression in an index (COALESCE of a nullable column) has no column name: "(expr)" on both sides.
      const cols = (db.prepare(`SELECT name FROM pragma_index_info(?) ORDER BY seqno`).all(ix.name) as { name: string | null }[]).map((c) => c.name ?? "(expr)");
      uniques.add(`${t}(${cols.join(",")})`);
    }
  }
  db.close();
  return { columns, uniques };
}

async function postgresShape(url: string): Promise<Shape> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await migratePostgres(client);
    const columns = new Map<string, string>();
    const cols = await client.query<{ table_name: string; column_name: string; data_type: string; is_nullable: string }>(
      `SELECT table_name, column_name, data_type, is_nullable FROM information_schema.columns
       WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'`,
    );
    for (const c of cols.rows) if (!searchTable.test(c.table_name)) columns.set(`${c.table_name}.${c.column_name}`, `${kind(c.data_type)} ${c.is_nullable === "YES" ? "nullable" : "required"}`);
    const ix = await client.query<{ table_name: string; cols: string }>(
      `SELECT t.relname AS table_name, string_agg(COALESCE(a.attname, '(expr)'), ',' ORDER BY k.ord) AS cols
       FROM pg_index i
       JOIN pg_class t ON t.oid = i.indrelid
       JOIN pg_namespace n ON n.oid = t.relnamespace
       CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord)
       LEFT JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
       WHERE n.nspname = 'public' AND i.indisunique AND NOT i.indisprimary AND t.relname <> '_prisma_migrations'
       GROUP BY i.indexrelid, t.relname`,
    );
    return { columns, uniques: new Set(ix.rows.filter((r) => !searchTable.test(r.table_name)).map((r) => `${r.table_name}(${r.cols})`)) };
  } finally {
    await client.end();
  }
}

describe.skipIf(unavailable)("the SQLite and PostgreSQL migrations", () => {
  let server: TestPostgres;
  let sqlite: Shape;
  let postgres: Shape;

  beforeAll(async () => {
    server = await startPostgres();
    sqlite = sqliteShape();
    postgres = await postgresShape(await server.createDatabase("shape"));
  });
  afterAll(async () => server?.stop());

  it("describe the same tables and columns, of the same kinds, equally required", () => {
    const sorted = (m: Map<string, string>) => Object.fromEntries([...m].sort(([a], [b]) => a.localeCompare(b)));
    expect(sqlite.columns.size).toBeGreaterThan(300);
    expect(sorted(postgres.columns)).toEqual(sorted(sqlite.columns));
  });

  it("have the same unique indexes (what idempotency and once-only rules rest on)", () => {
    expect(sqlite.uniques.size).toBeGreaterThan(10);
    expect([...postgres.uniques].sort()).toEqual([...sqlite.uniques].sort());
  });
});
