// Knowledge-base documents and their search index, on the data layer (either engine). Every write
// keeps the document, its previous version and its search row in the caller's one transaction;
// every read is a statement prepared once. The search index is SQLite's FTS5 tables there, and the
// "KbSearch" rows of db/kb-search-postgres.ts on PostgreSQL (written in the same transaction).
import type { Db, Tx } from "./data.ts";
import { dialect, textFor } from "./dialect.ts";
import { editableWhere, visibleWhere, type KbViewer } from "./kb-access.ts";
import { searchDocuments as searchPostgres, writeSearchRow } from "./kb-search-postgres.ts";

export interface KbDocumentRow {
  id: number;
  title: string;
  body: string;
  kind: string;
  audience: string;
  audienceRank: number;
  subLocalId: number | null;
  ownerId: number | null;
  reviewBy: string;
  needsUpdate: number;
  language: string;
  /** The document this one translates; null for an original. */
  translationOf: number | null;
  tags: string;
  sourceLink: string | null;
  fileHash: string | null;
  fileName: string | null;
  fileMime: string | null;
  fileSize: number | null;
  version: number;
  importPath: string | null;
  importId: string | null;
  contentHash: string;
  createdAt: string;
  updatedAt: string;
}

export interface KbDocumentInput {
  title: string;
  body: string;
  kind: string;
  audience: string;
  audienceRank: number;
  subLocalId: number | null;
  ownerId: number | null;
  reviewBy: string;
  language: string;
  /** The original this document translates: its audience and sub-local are taken from it. */
  translationOf?: number | null;
  tags: string;
  sourceLink: string | null;
  file: { hash: string; name: string; mime: string; size: number } | null;
  importPath?: string | null;
  importId?: string | null;
  contentHash: string;
}

/** What the search index holds for a document (computed by the caller's pure text rules). */
export interface KbIndexText {
  title: string;
  body: string;
  titleExtra: string;
  bodyExtra: string;
}

export type { KbViewer } from "./kb-access.ts";

async function writeIndex(tx: Tx, id: number, ix: KbIndexText): Promise<void> {
  if (tx.engine === "postgres") return writeSearchRow(tx, id, ix);
  await tx.run(`DELETE FROM "KbSearch" WHERE rowid = ?`, id);
  await tx.run(`INSERT INTO "KbSearch" (rowid, title, body, titleExtra, bodyExtra) VALUES (?, ?, ?, ?, ?)`, id, ix.title, ix.body, ix.titleExtra, ix.bodyExtra);
  await tx.run(`DELETE FROM "KbTitleSearch" WHERE rowid = ?`, id);
  await tx.run(`INSERT INTO "KbTitleSearch" (rowid, title, titleExtra) VALUES (?, ?, ?)`, id, ix.title, ix.titleExtra);
}

type Audience = Pick<KbDocumentRow, "audience" | "audienceRank" | "subLocalId">;

/**
 * A translation's audience and sub-local are its original's, whatever it was given: a translation
 * never reaches anyone its original does not. Read inside the write's transaction.
 */
async function inherited<D extends Audience & { translationOf?: number | null }>(tx: Tx, doc: D): Promise<D> {
  if (doc.translationOf === undefined || doc.translationOf === null) return doc;
  const o = await tx.one<Audience>(`SELECT "audience", "audienceRank", "subLocalId" FROM "KbDocument" WHERE "id" = ?`, doc.translationOf);
  if (!o) throw new Error("A translation names an original that does not exist");
  return { ...doc, audience: o.audience, audienceRank: o.audienceRank, subLocalId: o.subLocalId };
}

/** An original's translations follow its audience and sub-local (the access rule reads the original's anyway). */
async function carryAudience(tx: Tx, originalId: number, a: Audience): Promise<void> {
  await tx.run(`UPDATE "KbDocument" SET "audience" = ?, "audienceRank" = ?, "subLocalId" = ? WHERE "translationOf" = ?`, a.audience, a.audienceRank, a.subLocalId, originalId);
}

/** Why a document cannot become the `language` translation of `originalId`, or null when it can. */
export async function translationProblem(db: Db, originalId: number, language: string, exceptId: number | null = null): Promise<"missing" | "isTranslation" | "originalLanguage" | "taken" | null> {
  const o = await db.one<{ language: string; translationOf: number | null }>(`SELECT "language", "translationOf" FROM "KbDocument" WHERE "id" = ?`, originalId);
  if (!o) return "missing";
  if (o.translationOf !== null) return "isTranslation";
  if (o.language === language) return "originalLanguage";
  const taken = await db.one(`SELECT 1 AS "x" FROM "KbDocument" WHERE "translationOf" = ? AND "language" = ? AND "id" <> ?`, originalId, language, exceptId ?? -1);
  return taken ? "taken" : null;
}

/** Adds a document and its search row, in the caller's transaction; returns its id. */
export async function addDocument(tx: Tx, given: KbDocumentInput, ix: KbIndexText, now: Date): Promise<number> {
  const doc = await inherited(tx, given);
  const at = now;
  const r = (await tx.one<{ id: number }>(
    `INSERT INTO "KbDocument" ("title", "body", "kind", "audience", "audienceRank", "subLocalId", "ownerId", "reviewBy", "language", "translationOf", "tags", "sourceLink",
       "fileHash", "fileName", "fileMime", "fileSize", "importPath", "importId", "contentHash", "version", "createdAt", "updatedAt")
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?) RETURNING "id"`,
    doc.title, doc.body, doc.kind, doc.audience, doc.audienceRank, doc.subLocalId, doc.ownerId, doc.reviewBy, doc.language, doc.translationOf ?? null, doc.tags, doc.sourceLink,
    doc.file?.hash ?? null, doc.file?.name ?? null, doc.file?.mime ?? null, doc.file?.size ?? null, doc.importPath ?? null, doc.importId ?? null, doc.contentHash, at, at,
  ))!;
  await writeIndex(tx, r.id, ix);
  return r.id;
}

/** Who changes a document: a person (only a document they may change) or an import (only the document it created under that id). */
export type KbEditor = { viewer: KbViewer } | { importId: string };

/** The current row if this editor may change it, read inside the write's transaction. */
async function guardedRow(tx: Tx, id: number, by: KbEditor): Promise<KbDocumentRow | undefined> {
  if ("importId" in by) return tx.one<KbDocumentRow>(`SELECT d.* FROM "KbDocument" d WHERE d."id" = ? AND d."importId" = ?`, id, by.importId);
  const g = editableWhere(by.viewer, tx.engine);
  return tx.one<KbDocumentRow>(`SELECT d.* FROM "KbDocument" d WHERE d."id" = ? AND ${g.sql}`, id, ...g.params);
}

/**
 * Replaces a document's content, keeping what it was as a version. `file: undefined` keeps the
 * current file. An edit clears the "needs an update" flag. The editor is checked in the same
 * transaction as the write, and a person can never save an audience wider than they may see:
 * null when the document is not theirs to change.
 */
export async function editDocument(
  tx: Tx,
  id: number,
  by: KbEditor,
  given: Omit<KbDocumentInput, "file" | "importPath" | "translationOf"> & { file?: KbDocumentInput["file"] },
  ix: KbIndexText,
  editedById: number | null,
  now: Date,
): Promise<KbDocumentRow | null> {
  const cur = await guardedRow(tx, id, by);
  if (!cur) return null;
  const doc = await inherited(tx, { ...given, translationOf: cur.translationOf });
  if ("viewer" in by && doc.audienceRank > by.viewer.audienceRank) return null;
  const at = now;
  await tx.run(
    `INSERT INTO "KbVersion" ("documentId", "version", "title", "body", "kind", "tags", "audience", "audienceRank", "subLocalId", "fileHash", "fileName", "fileMime", "fileSize", "editedById", "editedAt")
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    id, cur.version, cur.title, cur.body, cur.kind, cur.tags, cur.audience, cur.audienceRank, cur.subLocalId, cur.fileHash, cur.fileName, cur.fileMime, cur.fileSize, editedById, at,
  );
  const file = doc.file === undefined ? (cur.fileHash ? { hash: cur.fileHash, name: cur.fileName!, mime: cur.fileMime!, size: cur.fileSize! } : null) : doc.file;
  await tx.run(
    `UPDATE "KbDocument" SET "title" = ?, "body" = ?, "kind" = ?, "audience" = ?, "audienceRank" = ?, "subLocalId" = ?, "ownerId" = ?, "reviewBy" = ?,
       "language" = ?, "tags" = ?, "sourceLink" = ?, "fileHash" = ?, "fileName" = ?, "fileMime" = ?, "fileSize" = ?, "contentHash" = ?,
       "needsUpdate" = FALSE, "version" = "version" + 1, "updatedAt" = ? WHERE "id" = ?`,
    doc.title, doc.body, doc.kind, doc.audience, doc.audienceRank, doc.subLocalId, doc.ownerId, doc.reviewBy, doc.language, doc.tags, doc.sourceLink,
    file?.hash ?? null, file?.name ?? null, file?.mime ?? null, file?.size ?? null, doc.contentHash, at, id,
  );
  await writeIndex(tx, id, ix);
  if (cur.translationOf === null) await carryAudience(tx, id, doc);
  return (await tx.one<KbDocumentRow>(`SELECT * FROM "KbDocument" WHERE "id" = ?`, id))!;
}

/** A document by number, unguarded: for the import (the CLI), never for a person. */
export async function documentById(db: Db, id: number): Promise<KbDocumentRow | undefined> {
  return db.one<KbDocumentRow>(`SELECT * FROM "KbDocument" WHERE "id" = ?`, id);
}

/** The document an import created under this stable id (the CLI's key; never a document added in chat). */
export async function documentByImportId(db: Db, importId: string): Promise<KbDocumentRow | undefined> {
  return db.one<KbDocumentRow>(`SELECT * FROM "KbDocument" WHERE "importId" = ?`, importId);
}

/** A document the import once wrote from this path, whatever its id (to refuse taking it over silently). */
export async function documentByImportPath(db: Db, importPath: string): Promise<Pick<KbDocumentRow, "id" | "importId" | "contentHash" | "reviewBy"> | undefined> {
  return db.one(`SELECT "id", "importId", "contentHash", "reviewBy" FROM "KbDocument" WHERE "importPath" = ?`, importPath);
}

/** Documents with this exact text (title and body), to warn about duplicates on import. */
export async function documentsWithText(db: Db, title: string, body: string, exceptId: number | null): Promise<{ id: number; importId: string | null }[]> {
  return db.all(`SELECT "id", "importId" FROM "KbDocument" WHERE "title" = ? AND "body" = ? AND "id" <> ? ORDER BY "id" LIMIT 3`, title, body, exceptId ?? -1);
}

export interface KbVersionRow {
  version: number;
  title: string;
  body: string;
  kind: string | null;
  tags: string | null;
  audience: string | null;
  fileHash: string | null;
  fileName: string | null;
  fileMime: string | null;
  fileSize: number | null;
  editedById: number | null;
  editedAt: string;
}

export interface KbHit {
  /** The one item this hit stands for: the original's id (a translation's `translationOf`). */
  family: number;
  id: number;
  title: string;
  kind: string;
  body: string;
  needsUpdate: number;
  fileName: string | null;
  sourceLink: string | null;
  language: string;
}

/** A query whose rarest token is in more documents than this is "broad": see searchDocuments. */
const BROAD = 1000;

const HIT_COLUMNS = `d."id", d."title", d."kind", d."body", d."needsUpdate", d."fileName", d."sourceLink", d."language"`;
const FAMILY = `COALESCE(d."translationOf", d."id")`;
/** At most one version per language of an item: reading this many rows per wanted item finds enough distinct items. */
const LANGUAGES_PER_ITEM = 5;
const BM25 = `bm25("KbSearch", 10.0, 1.0, 10.0, 1.0)`;

/**
 * Whether more than BROAD documents hold a token (for a prefix, whether any one completion is in
 * that many). The exact word is counted through the index, stopping at BROAD + 1: the fts5vocab
 * table would walk the whole list of a common word's documents to count them, most of a
 * millisecond for a word in half the documents. Only a prefix whose own word is not broad asks
 * the vocabulary for its completions.
 */
async function isBroadToken(db: Db, token: { text: string; prefix: boolean }): Promise<boolean> {
  const exact = (await db.one<{ n: number }>(`SELECT count(*) AS "n" FROM (SELECT rowid FROM "KbSearch" WHERE "KbSearch" MATCH ? LIMIT ${BROAD + 1})`, quoteToken(token.text)))!.n;
  if (exact > BROAD || !token.prefix) return exact > BROAD;
  const r = await db.one<{ doc: number | null }>(`SELECT max("doc") AS "doc" FROM "KbSearchVocab" WHERE "term" >= ? AND "term" < ?`, token.text, `${token.text}\uffff`);
  return (r?.doc ?? 0) > BROAD;
}

/** A token as an FTS5 string (a phrase of one word), so no character in it is read as syntax. */
const quoteToken = (text: string) => `"${text.replace(/"/g, '""')}"`;

export interface SearchResult {
  hits: KbHit[];
  /** How many the viewer may see, when counting is cheap (a narrow query); null for a broad one. */
  total: number | null;
  /** Whether there is a next page. */
  more: boolean;
}

/**
 * The hits a viewer may see, a page at a time, one per item whatever the number of its languages:
 * an item is found through any of its versions, and stands in the list (and the count) once, with
 * the version that matched best. Hidden documents never show, not even in a count.
 *
 * A narrow query (its rarest token in at most BROAD documents) is ranked by bm25 over all its
 * matches, a title match counting ten times a body match, and counted exactly. Ranking a word
 * found in half of 50,000 documents that way would hold the event loop for a large part of a
 * second and still say little, so a broad query lists title matches first, then body matches,
 * newest first, reading only as many rows as the page needs, and is not counted.
 *
 * On PostgreSQL, db/kb-search-postgres.ts answers with the same plans and the same results.
 */
export async function searchDocuments(db: Db, q: { match: string; tokens: readonly { text: string; prefix: boolean }[] }, v: KbViewer, o: { kind?: string; limit: number; offset: number }): Promise<SearchResult> {
  if (db.engine === "postgres") return searchPostgres(db, q, v, o);
  const guard = visibleWhere(v);
  const VISIBLE = guard.sql;
  const kind = o.kind ? ` AND d."kind" = ?` : "";
  const filter = [...guard.params, ...(o.kind ? [o.kind] : [])];
  const want = o.offset + o.limit;
  let broad = q.tokens.length > 0;
  for (const t of q.tokens) if (broad) broad = await isBroadToken(db, t);
  if (!broad) {
    // Ranks ids only, best version per item (SQLite takes the bare "id" from the row min() chose),
    // then reads the few winning rows: sorting whole documents would copy every candidate's text
    // through the sorter.
    // bm25() only works where FTS5 is queried: MATERIALIZED keeps SQLite from folding the scoring
    // into the grouping around it.
    const ranked = await db.all<KbHit>(
      `WITH scored AS MATERIALIZED (
         SELECT ${FAMILY} AS family, s.rowid AS id, ${BM25} AS score FROM "KbSearch" s JOIN "KbDocument" d ON d."id" = s.rowid
          WHERE "KbSearch" MATCH ? AND ${VISIBLE}${kind})
       SELECT r.family AS "family", ${HIT_COLUMNS} FROM (
         SELECT family, id, min(score) AS score FROM scored GROUP BY family ORDER BY score, family LIMIT ? OFFSET ?) r
       JOIN "KbDocument" d ON d."id" = r.id ORDER BY r.score, r.family`,
      q.match, ...filter, o.limit + 1, o.offset,
    );
    const total = (await db.one<{ n: number }>(`SELECT count(DISTINCT ${FAMILY}) AS n FROM "KbSearch" s JOIN "KbDocument" d ON d."id" = s.rowid WHERE "KbSearch" MATCH ? AND ${VISIBLE}${kind}`, q.match, ...filter))!.n;
    return { hits: ranked.slice(0, o.limit), total, more: ranked.length > o.limit };
  }
  const newest = (table: "KbSearch" | "KbTitleSearch", limit: number) =>
    db.all<KbHit>(`SELECT ${FAMILY} AS "family", ${HIT_COLUMNS} FROM "${table}" s JOIN "KbDocument" d ON d."id" = s.rowid WHERE "${table}" MATCH ? AND ${VISIBLE}${kind} ORDER BY s.rowid DESC LIMIT ?`, q.match, ...filter, limit);
  const rows = (want + 1) * LANGUAGES_PER_ITEM;
  const titled = await newest("KbTitleSearch", rows);
  const rest = titled.length >= rows ? [] : await newest("KbSearch", rows + titled.length);
  return broadPage([...titled, ...rest], o.offset, want);
}

/** Every version the viewer may see of these items (by the original's id), for showing each in the reader's language. */
export async function versionsOfItems(db: Db, families: readonly number[], v: KbViewer): Promise<KbDocumentRow[]> {
  if (families.length === 0) return [];
  const g = visibleWhere(v, "d", db.engine);
  const list = JSON.stringify(families.filter((n) => Number.isInteger(n)));
  return db.all<KbDocumentRow>(`SELECT d.* FROM "KbDocument" d WHERE ${FAMILY} ${textFor(IN_IDS, db.engine)} AND ${g.sql} ORDER BY d."id"`, list, ...g.params);
}

/** `IN` a list of ids sent as one JSON array parameter, in each engine's words. */
const IN_IDS = dialect({ sqlite: "IN (SELECT value FROM json_each(?))", postgres: "IN (SELECT value::integer FROM json_array_elements_text(?::json))" });

export type ReviewDecision = "correct" | "update";

export type ReviewOutcome =
  | { ok: true }
  /** Already decided (by whom, when, how), or the review is closed because the date moved (an edit). */
  | { ok: false; decided: { byId: number | null; at: string | null; decision: ReviewDecision } | null };

/**
 * Decides the review of `reviewFor` once, for a document this viewer may change: "correct" moves the
 * next review to `next`, "update" flags it in search until the next edit. The guard is the pending
 * review itself (the date still due and not decided), so of all the cards for one review the first
 * click wins and every later one changes nothing.
 */
export async function decideReview(
  tx: Tx,
  id: number,
  v: KbViewer,
  d: { reviewFor: string; decision: ReviewDecision; next: string; byId: number; now: Date },
): Promise<ReviewOutcome> {
  const g = editableWhere(v, tx.engine);
  const pending = `d."id" = ? AND d."reviewBy" = ? AND (d."reviewDecidedFor" IS NULL OR d."reviewDecidedFor" <> ?) AND ${g.sql}`;
  const decided = `"reviewDecidedFor" = ?, "reviewDecision" = ?, "reviewDecidedById" = ?, "reviewDecidedAt" = ?`;
  const r =
    d.decision === "correct"
      ? await tx.run(`UPDATE "KbDocument" AS d SET "reviewBy" = ?, "needsUpdate" = FALSE, ${decided}, "updatedAt" = ? WHERE ${pending}`, d.next, d.reviewFor, d.decision, d.byId, d.now, d.now, id, d.reviewFor, d.reviewFor, ...g.params)
      : await tx.run(`UPDATE "KbDocument" AS d SET "needsUpdate" = TRUE, ${decided} WHERE ${pending}`, d.reviewFor, d.decision, d.byId, d.now, id, d.reviewFor, d.reviewFor, ...g.params);
  if (r.changes === 1) return { ok: true };
  const row = await tx.one<{ reviewDecidedFor: string | null; reviewDecision: ReviewDecision | null; reviewDecidedById: number | null; reviewDecidedAt: string | null }>(
    `SELECT "reviewDecidedFor", "reviewDecision", "reviewDecidedById", "reviewDecidedAt" FROM "KbDocument" WHERE "id" = ?`,
    id,
  );
  return { ok: false, decided: row && row.reviewDecidedFor === d.reviewFor && row.reviewDecision ? { byId: row.reviewDecidedById, at: row.reviewDecidedAt, decision: row.reviewDecision } : null };
}

/**
 * When each of these documents last had its text saved: its latest edit, else its creation. An
 * original saved after its translation may say something the translation does not yet.
 */
export async function lastSaved(db: Db, ids: readonly number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.all<{ id: number; at: string }>(
    `SELECT d."id" AS "id", COALESCE((SELECT max(v."editedAt") FROM "KbVersion" v WHERE v."documentId" = d."id"), d."createdAt") AS "at"
       FROM "KbDocument" d WHERE d."id" ${textFor(IN_IDS, db.engine)}`,
    JSON.stringify(ids),
  );
  return new Map(rows.map((r) => [r.id, r.at]));
}

/** An original's translations (unguarded: for telling their owners of a change, never for showing them). */
export async function translationsOfDocument(db: Db, originalId: number): Promise<Pick<KbDocumentRow, "id" | "language" | "ownerId" | "title">[]> {
  return db.all(`SELECT "id", "language", "ownerId", "title" FROM "KbDocument" WHERE "translationOf" = ? ORDER BY "id"`, originalId);
}

/**
 * A broad search's page: title matches then body matches, each item once (its first version
 * found), the reader's `offset` to `want`, and whether more follow. Shared by both engines.
 */
export function broadPage(hits: readonly KbHit[], offset: number, want: number): SearchResult {
  const seen = new Set<number>();
  const items: KbHit[] = [];
  for (const h of hits) {
    if (seen.has(h.family)) continue;
    seen.add(h.family);
    items.push(h);
  }
  return { hits: items.slice(offset, want), total: null, more: items.length > want };
}
