// Moves an SQLite deployment to PostgreSQL: every table copied as it is, in one transaction (all of
// it lands, or none of it), then checked: row counts per table, and the audit hash chain walked
// again on the target. The knowledge base's search rows are rebuilt from SQLite's, so search on
// the target answers as before. The knowledge base's files, kept beside the SQLite database, go into
// the target's "StoredFile" table in the same transaction, where every bot process can read them.
//
// Rows are copied as stored, ids included, so nothing the database computes is computed again: the
// target's own triggers (a ledger entry adding to its account's balance, the closed-period and
// append-only guards) are switched off for the copy inside its transaction, and back on before it
// commits. Foreign keys stay on: tables are copied parents first, and a table that refers to itself
// is copied parents-first row by row. Sequences then continue after the highest copied id.
//
// Nothing here writes a value into a message: a failure names the table and the kind of error.
import fs from "node:fs";
import path from "node:path";
import { verifyAudit, type VerifyResult } from "./audit.ts";
import { data, transaction, type Db } from "./data.ts";
import { fileHash, readFileOnDisk, storeFileIn } from "./kb-files.ts";
import { writeSearchRow } from "./kb-search-postgres.ts";
import { postgresMigrationsDir } from "./migrate.ts";
import type { Store } from "./store.ts";

/**
 * Tables the target builds from others (the search index), keeps for itself (its migrations), or
 * fills from the files beside the SQLite database (which leaves its own "StoredFile" empty).
 */
const DERIVED = new Set(["KbSearch", "KbSearchVocab", "KbSearchTotals", "_prisma_migrations", "StoredFile"]);

export interface TableCount {
  table: string;
  source: number;
  target: number;
}

export interface CopyReport {
  tables: TableCount[];
  /** Knowledge-base search rows: SQLite's and the target's. */
  search: { source: number; target: number };
  /**
   * Knowledge-base files the source's documents and versions refer to: how many, how many the target
   * holds with the same content, and the ones the source itself has lost (shown as "file missing"
   * there already; a copy cannot bring them back).
   */
  files: { referenced: number; target: number; missingInSource: number };
  /** The audit chain walked on the source and on the target. */
  audit: { source: VerifyResult; target: VerifyResult; sameHead: boolean };
  ok: boolean;
  problems: string[];
}

/** Refused before anything is written: the reason, for the person running the copy. */
export class CopyRefused extends Error {}

interface TargetColumn {
  name: string;
  type: string;
}

const q = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** The source's own tables: not SQLite's, not the migration history, not full-text tables or their shadows. */
function sourceTables(source: Store): string[] {
  const rows = source.sql.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'table' ORDER BY name`).all() as { name: string; sql: string | null }[];
  const virtual = rows.filter((r) => /^CREATE VIRTUAL TABLE/i.test(r.sql ?? "")).map((r) => r.name);
  return rows
    .map((r) => r.name)
    .filter((n) => !n.startsWith("sqlite_") && !DERIVED.has(n) && !virtual.some((v) => n === v || n.startsWith(`${v}_`)));
}

async function targetTables(db: Db): Promise<string[]> {
  const rows = await db.all<{ name: string }>(`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name`);
  return rows.map((r) => r.name).filter((n) => !DERIVED.has(n));
}

async function targetColumns(db: Db, table: string): Promise<TargetColumn[]> {
  return db.all<TargetColumn>(
    `SELECT column_name AS name, data_type AS type FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = ? AND is_generated = 'NEVER' ORDER BY ordinal_position`,
    table,
  );
}

interface ForeignKey {
  child: string;
  parent: string;
  columns: string[];
  refColumns: string[];
}

async function foreignKeys(db: Db): Promise<ForeignKey[]> {
  const rows = await db.all<{ child: string; parent: string; columns: string; refColumns: string }>(
    `SELECT ch.relname AS child, pa.relname AS parent,
            (SELECT string_agg(a.attname, ',' ORDER BY k.n) FROM unnest(c.conkey) WITH ORDINALITY AS k(attnum, n) JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum) AS "columns",
            (SELECT string_agg(a.attname, ',' ORDER BY k.n) FROM unnest(c.confkey) WITH ORDINALITY AS k(attnum, n) JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.attnum) AS "refColumns"
       FROM pg_constraint c JOIN pg_class ch ON ch.oid = c.conrelid JOIN pg_class pa ON pa.oid = c.confrelid
      WHERE c.contype = 'f' AND c.connamespace = current_schema()::regnamespace`,
  );
  return rows.map((r) => ({ child: r.child, parent: r.parent, columns: r.columns.split(","), refColumns: r.refColumns.split(",") }));
}

/** Parents before children (a table's references to itself aside); a cycle between tables is refused. */
export function dependencyOrder(tables: readonly string[], keys: readonly ForeignKey[]): string[] {
  const order: string[] = [];
  const state = new Map<string, "visiting" | "done">();
  const visit = (t: string, trail: string[]) => {
    if (state.get(t) === "done") return;
    if (state.get(t) === "visiting") throw new CopyRefused(`the tables ${[...trail, t].join(" → ")} refer to each other in a cycle; this copy cannot order them`);
    state.set(t, "visiting");
    for (const k of keys) if (k.child === t && k.parent !== t && tables.includes(k.parent)) visit(k.parent, [...trail, t]);
    state.set(t, "done");
    order.push(t);
  };
  for (const t of [...tables].sort()) visit(t, []);
  return order;
}

/** Tables the target's migrations fill themselves (a fresh target is not empty there). */
function seededByMigrations(dir = postgresMigrationsDir): Set<string> {
  const seeded = new Set<string>();
  for (const m of fs.readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, m.name, "migration.sql");
    if (!m.isDirectory() || !fs.existsSync(file)) continue;
    for (const x of fs.readFileSync(file, "utf8").matchAll(/INSERT INTO "([^"]+)"/g)) seeded.add(x[1]!);
  }
  return seeded;
}

/** One SQLite value as the target column takes it. */
function converted(v: unknown, type: string): unknown {
  if (v === null || v === undefined) return null;
  if (type === "boolean") return v === 1 || v === 1n || v === true || v === "1" || v === "true";
  if (type.startsWith("timestamp") && (typeof v === "number" || typeof v === "bigint")) return new Date(Number(v)).toISOString();
  if (typeof v === "bigint") return v.toString();
  return v;
}

/** A database error without the values it may quote (a name in a duplicate key, say). */
function withoutValues(e: unknown): string {
  const err = e as { code?: string; constraint?: string; message?: string };
  const kind = (err.message ?? String(e)).replace(/"[^"]*"/g, "…").replace(/\(.*\)=\(.*\)/g, "(…)").slice(0, 200);
  return [err.code, err.constraint, kind].filter(Boolean).join(" ");
}

/** Rows of one source table in the order they can be inserted: parents first when it refers to itself. */
function* sourceRows(source: Store, table: string, columns: string[], selfKeys: ForeignKey[], batch: number): Generator<Record<string, unknown>[]> {
  const list = columns.map(q).join(", ");
  if (selfKeys.length === 0) {
    let after = Number.MIN_SAFE_INTEGER;
    const stmt = source.sql.prepare(`SELECT rowid AS "__rowid", ${list} FROM ${q(table)} WHERE rowid > ? ORDER BY rowid LIMIT ?`);
    for (;;) {
      const rows = stmt.all(after, batch) as Record<string, unknown>[];
      if (rows.length === 0) return;
      after = rows[rows.length - 1]!.__rowid as number;
      yield rows;
    }
  }
  // A table that refers to itself (an item and its correction, say): each row after the row it names.
  const rows = source.sql.prepare(`SELECT ${list} FROM ${q(table)} ORDER BY rowid`).all() as Record<string, unknown>[];
  const key = (r: Record<string, unknown>, cols: string[]) => JSON.stringify(cols.map((c) => r[c]));
  const placed = new Set<string>();
  const ready = (r: Record<string, unknown>) => selfKeys.every((k) => k.columns.some((c) => r[c] === null) || placed.has(`${k.refColumns.join(",")}|${key(r, k.columns)}`));
  let pending = rows;
  while (pending.length > 0) {
    const now = pending.filter(ready);
    if (now.length === 0) throw new CopyRefused(`rows of ${table} refer to rows that are not there`);
    for (const r of now) for (const k of selfKeys) placed.add(`${k.refColumns.join(",")}|${key(r, k.refColumns)}`);
    pending = pending.filter((r) => !now.includes(r));
    for (let i = 0; i < now.length; i += batch) yield now.slice(i, i + batch);
  }
}

async function countRows(db: Db, table: string): Promise<number> {
  return (await db.one<{ n: number }>(`SELECT count(*) AS n FROM ${q(table)}`))!.n;
}

/** Every file hash the source's documents and their versions refer to. */
function referencedFiles(source: Store): string[] {
  const rows = source.sql
    .prepare(`SELECT "fileHash" AS h FROM "KbDocument" WHERE "fileHash" IS NOT NULL UNION SELECT "fileHash" FROM "KbVersion" WHERE "fileHash" IS NOT NULL ORDER BY 1`)
    .all() as { h: string }[];
  return rows.map((r) => r.h);
}

async function filesReport(source: Store, db: Db): Promise<CopyReport["files"] & { problems: string[] }> {
  const problems: string[] = [];
  let target = 0;
  let missingInSource = 0;
  const hashes = referencedFiles(source);
  for (const hash of hashes) {
    const onDisk = readFileOnDisk(source, hash) !== null;
    if (!onDisk) missingInSource++;
    // The content is checked, not only the row: the bytes must hash to their name.
    const row = await db.one<{ bytes: Buffer }>(`SELECT "bytes" FROM "StoredFile" WHERE "hash" = ?`, hash);
    if (row && fileHash(Buffer.from(row.bytes)) === hash) target++;
    else if (onDisk) problems.push(`knowledge-base file ${hash.slice(0, 12)}…: beside SQLite, but not on PostgreSQL`);
  }
  return { referenced: hashes.length, target, missingInSource, problems };
}

function sourceHasSearch(source: Store): boolean {
  return source.sql.prepare(`SELECT 1 FROM sqlite_master WHERE name = 'KbSearch'`).get() !== undefined;
}

/**
 * Counts every table on both sides and walks the audit chain on both: what `copyToPostgres` checks
 * after it commits, and what a person can run again later.
 */
export async function verifyCopy(source: Store, target: Store): Promise<CopyReport> {
  const db = data(target);
  const problems: string[] = [];
  const tables: TableCount[] = [];
  for (const table of sourceTables(source)) {
    const s = (source.sql.prepare(`SELECT count(*) AS n FROM ${q(table)}`).get() as { n: number }).n;
    const t = await countRows(db, table).catch(() => -1);
    tables.push({ table, source: s, target: t });
    if (s !== t) problems.push(t < 0 ? `${table}: missing on the target` : `${table}: ${s} rows in SQLite, ${t} on PostgreSQL`);
  }
  const search = { source: sourceHasSearch(source) ? (source.sql.prepare(`SELECT count(*) AS n FROM "KbSearch"`).get() as { n: number }).n : 0, target: await countRows(db, "KbSearch") };
  if (search.source !== search.target) problems.push(`knowledge-base search: ${search.source} rows in SQLite, ${search.target} on PostgreSQL`);
  const { problems: fileProblems, ...files } = await filesReport(source, db);
  problems.push(...fileProblems);
  const sourceAudit = await verifyAudit(data(source));
  const targetAudit = await verifyAudit(db);
  const head = (s: Store) => (s.sql.prepare(`SELECT hash FROM "AuditEntry" ORDER BY id DESC LIMIT 1`).get() as { hash: string } | undefined)?.hash ?? null;
  const targetHead = (await db.one<{ hash: string }>(`SELECT "hash" FROM "AuditEntry" ORDER BY "id" DESC LIMIT 1`))?.hash ?? null;
  const sameHead = head(source) === targetHead;
  if (!targetAudit.ok) problems.push(`audit chain on PostgreSQL broken at entry #${targetAudit.brokenAt}: ${targetAudit.reason}`);
  if (!sameHead) problems.push("audit chain on PostgreSQL does not end where SQLite's does");
  if (!sourceAudit.ok) problems.push(`audit chain in SQLite itself broken at entry #${sourceAudit.brokenAt}: ${sourceAudit.reason}`);
  return { tables, search, files, audit: { source: sourceAudit, target: targetAudit, sameHead }, ok: problems.length === 0, problems };
}

export interface CopyOptions {
  /** Empty the target's tables first instead of refusing a target that holds data. */
  replace?: boolean;
  /** Rows per INSERT (fewer when a table has many columns). */
  batch?: number;
  /** Told after each table is copied (for progress). */
  progress?: (table: string, rows: number) => void;
}

/** Copies every table of an SQLite store into a migrated PostgreSQL store, then verifies the copy. */
export async function copyToPostgres(source: Store, target: Store, o: CopyOptions = {}): Promise<CopyReport> {
  if (source.engine !== "sqlite" || target.engine !== "postgres") throw new CopyRefused("copy from an SQLite store to a PostgreSQL one");
  const db = data(target);
  const fromTables = sourceTables(source);
  const toTables = await targetTables(db);
  const missing = fromTables.filter((t) => !toTables.includes(t));
  const extra = toTables.filter((t) => !fromTables.includes(t));
  if (missing.length || extra.length)
    throw new CopyRefused(`the two databases are not at the same schema (${[...missing.map((t) => `${t} only in SQLite`), ...extra.map((t) => `${t} only in PostgreSQL`)].join(", ")}): update the bot on both sides first`);
  const columns = new Map<string, TargetColumn[]>();
  for (const t of fromTables) {
    const cols = await targetColumns(db, t);
    const have = new Set((source.sql.prepare(`PRAGMA table_info(${q(t)})`).all() as { name: string }[]).map((c) => c.name));
    const absent = cols.filter((c) => !have.has(c.name)).map((c) => c.name);
    if (absent.length) throw new CopyRefused(`${t} has columns on PostgreSQL that SQLite lacks (${absent.join(", ")}): update the bot on both sides first`);
    columns.set(t, cols);
  }
  const keys = await foreignKeys(db);
  const order = dependencyOrder(fromTables, keys);
  const seeded = seededByMigrations();
  if (!o.replace) {
    const holding: string[] = [];
    for (const t of [...fromTables, "KbSearch", "StoredFile"]) if (!seeded.has(t) && (await db.one(`SELECT 1 AS x FROM ${q(t)} LIMIT 1`))) holding.push(t);
    if (holding.length) throw new CopyRefused(`the PostgreSQL database already holds data (${holding.slice(0, 5).join(", ")}${holding.length > 5 ? ", …" : ""}); copy into an empty one, or pass --replace to empty it first`);
  }
  const batchRows = o.batch ?? 500;
  try {
    await transaction(target, async (tx) => {
      // Emptied in one statement, so no foreign key stands in the way; a fresh target only has the
      // rows its migrations seed, which the source holds too.
      const emptied = o.replace ? [...fromTables, "KbSearch", "KbSearchVocab", "StoredFile"] : fromTables.filter((t) => seeded.has(t));
      if (emptied.length) await tx.run(`TRUNCATE ${emptied.map(q).join(", ")} RESTART IDENTITY CASCADE`);
      await tx.run(`UPDATE "KbSearchTotals" SET "rows" = 0, "tokens" = 0`);
      for (const t of fromTables) await tx.run(`ALTER TABLE ${q(t)} DISABLE TRIGGER USER`);
      for (const table of order) {
        const cols = columns.get(table)!;
        const names = cols.map((c) => c.name);
        const perInsert = Math.max(1, Math.min(batchRows, Math.floor(30_000 / Math.max(1, cols.length))));
        const selfKeys = keys.filter((k) => k.child === table && k.parent === table);
        let copied = 0;
        try {
          for (const rows of sourceRows(source, table, names, selfKeys, perInsert)) {
            const values = rows.map(() => `(${cols.map(() => "?").join(", ")})`).join(", ");
            await tx.run(`INSERT INTO ${q(table)} (${names.map(q).join(", ")}) VALUES ${values}`, ...rows.flatMap((r) => cols.map((c) => converted(r[c.name], c.type))));
            copied += rows.length;
          }
        } catch (e) {
          if (e instanceof CopyRefused) throw e;
          throw new Error(`copying ${table} failed (${withoutValues(e)})`);
        }
        o.progress?.(table, copied);
      }
      for (const t of fromTables) await tx.run(`ALTER TABLE ${q(t)} ENABLE TRIGGER USER`);
      let files = 0;
      for (const hash of referencedFiles(source)) {
        const bytes = readFileOnDisk(source, hash);
        if (!bytes) continue; // lost before the copy: the report counts it
        await storeFileIn(tx, hash, bytes, new Date());
        files++;
      }
      o.progress?.("StoredFile", files);
      // Sequences continue after the highest id copied.
      const sequences = await tx.all<{ table: string; column: string; seq: string }>(
        `SELECT c.table_name AS "table", c.column_name AS "column", pg_get_serial_sequence(quote_ident(c.table_name), c.column_name) AS seq
           FROM information_schema.columns c WHERE c.table_schema = current_schema() AND pg_get_serial_sequence(quote_ident(c.table_name), c.column_name) IS NOT NULL`,
      );
      for (const s of sequences) {
        if (!fromTables.includes(s.table)) continue;
        await tx.run(`SELECT setval(?::regclass, COALESCE((SELECT max(${q(s.column)}) FROM ${q(s.table)}), 0) + 1, false)`, s.seq);
      }
      if (sourceHasSearch(source)) {
        // The word counts are summed once at the end, not kept row by row by the trigger (a
        // hundred counters per document): the same figures, in a fraction of the time.
        await tx.run(`ALTER TABLE "KbSearch" DISABLE TRIGGER "KbSearch_counts"`);
        const read = source.sql.prepare(`SELECT rowid AS id, title, body, titleExtra, bodyExtra FROM "KbSearch" WHERE rowid > ? ORDER BY rowid LIMIT 500`);
        let after = 0;
        let n = 0;
        for (;;) {
          const rows = read.all(after) as { id: number; title: string; body: string; titleExtra: string; bodyExtra: string }[];
          if (rows.length === 0) break;
          for (const r of rows) await writeSearchRow(tx, r.id, r);
          n += rows.length;
          after = rows[rows.length - 1]!.id;
        }
        await tx.run(`DELETE FROM "KbSearchVocab"`);
        await tx.run(`INSERT INTO "KbSearchVocab" ("term", "doc") SELECT t.term, count(*) FROM "KbSearch" s, unnest(tsvector_to_array(s."vector")) AS t(term) GROUP BY t.term`);
        await tx.run(`UPDATE "KbSearchTotals" SET "rows" = (SELECT count(*) FROM "KbSearch"), "tokens" = (SELECT COALESCE(sum("size"), 0) FROM "KbSearch")`);
        await tx.run(`ALTER TABLE "KbSearch" ENABLE TRIGGER "KbSearch_counts"`);
        o.progress?.("KbSearch", n);
      }
    });
  } catch (e) {
    if (e instanceof CopyRefused || (e instanceof Error && e.message.startsWith("copying "))) throw e;
    throw new Error(`the copy was rolled back, nothing was written (${withoutValues(e)})`);
  }
  return verifyCopy(source, target);
}

