// Knowledge-base documents and their search index. Every write keeps the document, its previous
// version and its search row in one transaction; every read is a statement prepared once.
import { all, one, run, transaction } from "./sql.ts";
import type { Store } from "./store.ts";
import { dbTime } from "./time.ts";
import { editableWhere, visibleWhere, type KbViewer } from "./kb-access.ts";

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

function writeIndex(store: Store, id: number, ix: KbIndexText) {
  run(store, `DELETE FROM "KbSearch" WHERE rowid = ?`, id);
  run(store, `INSERT INTO "KbSearch" (rowid, title, body, titleExtra, bodyExtra) VALUES (?, ?, ?, ?, ?)`, id, ix.title, ix.body, ix.titleExtra, ix.bodyExtra);
  run(store, `DELETE FROM "KbTitleSearch" WHERE rowid = ?`, id);
  run(store, `INSERT INTO "KbTitleSearch" (rowid, title, titleExtra) VALUES (?, ?, ?)`, id, ix.title, ix.titleExtra);
}

type Audience = Pick<KbDocumentRow, "audience" | "audienceRank" | "subLocalId">;

/**
 * A translation's audience and sub-local are its original's, whatever it was given: a translation
 * never reaches anyone its original does not. Read inside the write's transaction.
 */
function inherited<D extends Audience & { translationOf?: number | null }>(store: Store, doc: D): D {
  if (doc.translationOf === undefined || doc.translationOf === null) return doc;
  const o = one<Audience>(store, `SELECT "audience", "audienceRank", "subLocalId" FROM "KbDocument" WHERE "id" = ?`, doc.translationOf);
  if (!o) throw new Error("A translation names an original that does not exist");
  return { ...doc, audience: o.audience, audienceRank: o.audienceRank, subLocalId: o.subLocalId };
}

/** An original's translations follow its audience and sub-local (the access rule reads the original's anyway). */
function carryAudience(store: Store, originalId: number, a: Audience): void {
  run(store, `UPDATE "KbDocument" SET "audience" = ?, "audienceRank" = ?, "subLocalId" = ? WHERE "translationOf" = ?`, a.audience, a.audienceRank, a.subLocalId, originalId);
}

/** Why a document cannot become the `language` translation of `originalId`, or null when it can. */
export function translationProblem(store: Store, originalId: number, language: string, exceptId: number | null = null): "missing" | "isTranslation" | "originalLanguage" | "taken" | null {
  const o = one<{ language: string; translationOf: number | null }>(store, `SELECT "language", "translationOf" FROM "KbDocument" WHERE "id" = ?`, originalId);
  if (!o) return "missing";
  if (o.translationOf !== null) return "isTranslation";
  if (o.language === language) return "originalLanguage";
  const taken = one(store, `SELECT 1 AS x FROM "KbDocument" WHERE "translationOf" = ? AND "language" = ? AND "id" <> ?`, originalId, language, exceptId ?? -1);
  return taken ? "taken" : null;
}

/** Adds a document and its search row; returns its id. */
export function addDocument(store: Store, given: KbDocumentInput, ix: KbIndexText, now: Date, after?: (id: number) => void): number {
  return transaction(store, () => {
    const doc = inherited(store, given);
    const at = dbTime(now);
    const r = run(
      store,
      `INSERT INTO "KbDocument" ("title", "body", "kind", "audience", "audienceRank", "subLocalId", "ownerId", "reviewBy", "language", "translationOf", "tags", "sourceLink",
         "fileHash", "fileName", "fileMime", "fileSize", "importPath", "importId", "contentHash", "version", "createdAt", "updatedAt")
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)`,
      doc.title, doc.body, doc.kind, doc.audience, doc.audienceRank, doc.subLocalId, doc.ownerId, doc.reviewBy, doc.language, doc.translationOf ?? null, doc.tags, doc.sourceLink,
      doc.file?.hash ?? null, doc.file?.name ?? null, doc.file?.mime ?? null, doc.file?.size ?? null, doc.importPath ?? null, doc.importId ?? null, doc.contentHash, at, at,
    );
    const id = Number(r.lastInsertRowid);
    writeIndex(store, id, ix);
    after?.(id);
    return id;
  });
}

/** Who changes a document: a person (only a document they may change) or an import (only the document it created under that id). */
export type KbEditor = { viewer: KbViewer } | { importId: string };

/** The current row if this editor may change it, read inside the write's transaction. */
function guardedRow(store: Store, id: number, by: KbEditor): KbDocumentRow | undefined {
  if ("importId" in by) return one<KbDocumentRow>(store, `SELECT d.* FROM "KbDocument" d WHERE d."id" = ? AND d."importId" = ?`, id, by.importId);
  const g = editableWhere(by.viewer);
  return one<KbDocumentRow>(store, `SELECT d.* FROM "KbDocument" d WHERE d."id" = ? AND ${g.sql}`, id, ...g.params);
}

/**
 * Replaces a document's content, keeping what it was as a version. `file: undefined` keeps the
 * current file. An edit clears the "needs an update" flag. The editor is checked in the same
 * transaction as the write, and a person can never save an audience wider than they may see:
 * null when the document is not theirs to change.
 */
export function editDocument(
  store: Store,
  id: number,
  by: KbEditor,
  given: Omit<KbDocumentInput, "file" | "importPath" | "translationOf"> & { file?: KbDocumentInput["file"] },
  ix: KbIndexText,
  editedById: number | null,
  now: Date,
  after?: (row: KbDocumentRow) => void,
): KbDocumentRow | null {
  return transaction(store, () => {
    const cur = guardedRow(store, id, by);
    if (!cur) return null;
    const doc = inherited(store, { ...given, translationOf: cur.translationOf });
    if ("viewer" in by && doc.audienceRank > by.viewer.audienceRank) return null;
    const at = dbTime(now);
    run(
      store,
      `INSERT INTO "KbVersion" ("documentId", "version", "title", "body", "kind", "tags", "audience", "audienceRank", "subLocalId", "fileHash", "fileName", "fileMime", "fileSize", "editedById", "editedAt")
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      id, cur.version, cur.title, cur.body, cur.kind, cur.tags, cur.audience, cur.audienceRank, cur.subLocalId, cur.fileHash, cur.fileName, cur.fileMime, cur.fileSize, editedById, at,
    );
    const file = doc.file === undefined ? (cur.fileHash ? { hash: cur.fileHash, name: cur.fileName!, mime: cur.fileMime!, size: cur.fileSize! } : null) : doc.file;
    run(
      store,
      `UPDATE "KbDocument" SET "title" = ?, "body" = ?, "kind" = ?, "audience" = ?, "audienceRank" = ?, "subLocalId" = ?, "ownerId" = ?, "reviewBy" = ?,
         "language" = ?, "tags" = ?, "sourceLink" = ?, "fileHash" = ?, "fileName" = ?, "fileMime" = ?, "fileSize" = ?, "contentHash" = ?,
         "needsUpdate" = 0, "version" = "version" + 1, "updatedAt" = ? WHERE "id" = ?`,
      doc.title, doc.body, doc.kind, doc.audience, doc.audienceRank, doc.subLocalId, doc.ownerId, doc.reviewBy, doc.language, doc.tags, doc.sourceLink,
      file?.hash ?? null, file?.name ?? null, file?.mime ?? null, file?.size ?? null, doc.contentHash, at, id,
    );
    writeIndex(store, id, ix);
    if (cur.translationOf === null) carryAudience(store, id, doc);
    const row = one<KbDocumentRow>(store, `SELECT * FROM "KbDocument" WHERE "id" = ?`, id)!;
    after?.(row);
    return row;
  });
}

/** A document by number, unguarded: for the import (the CLI), never for a person. */
export function documentById(store: Store, id: number): KbDocumentRow | undefined {
  return one<KbDocumentRow>(store, `SELECT * FROM "KbDocument" WHERE "id" = ?`, id);
}

/** The document an import created under this stable id (the CLI's key; never a document added in chat). */
export function documentByImportId(store: Store, importId: string): KbDocumentRow | undefined {
  return one<KbDocumentRow>(store, `SELECT * FROM "KbDocument" WHERE "importId" = ?`, importId);
}

/** A document the import once wrote from this path, whatever its id (to refuse taking it over silently). */
export function documentByImportPath(store: Store, importPath: string): Pick<KbDocumentRow, "id" | "importId" | "contentHash" | "reviewBy"> | undefined {
  return one(store, `SELECT "id", "importId", "contentHash", "reviewBy" FROM "KbDocument" WHERE "importPath" = ?`, importPath);
}

/** Documents with this exact text (title and body), to warn about duplicates on import. */
export function documentsWithText(store: Store, title: string, body: string, exceptId: number | null): { id: number; importId: string | null }[] {
  return all(store, `SELECT "id", "importId" FROM "KbDocument" WHERE "title" = ? AND "body" = ? AND "id" <> ? ORDER BY "id" LIMIT 3`, title, body, exceptId ?? -1);
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

/** How many documents hold a token (for a prefix, the most any one completion is in). */
function documentFrequency(store: Store, token: { text: string; prefix: boolean }): number {
  if (!token.prefix) return one<{ doc: number }>(store, `SELECT "doc" FROM "KbSearchVocab" WHERE "term" = ?`, token.text)?.doc ?? 0;
  return one<{ doc: number | null }>(store, `SELECT max("doc") AS "doc" FROM "KbSearchVocab" WHERE "term" >= ? AND "term" < ?`, token.text, `${token.text}\uffff`)?.doc ?? 0;
}

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
 */
export function searchDocuments(store: Store, q: { match: string; tokens: readonly { text: string; prefix: boolean }[] }, v: KbViewer, o: { kind?: string; limit: number; offset: number }): SearchResult {
  const guard = visibleWhere(v);
  const VISIBLE = guard.sql;
  const kind = o.kind ? ` AND d."kind" = ?` : "";
  const filter = [...guard.params, ...(o.kind ? [o.kind] : [])];
  const want = o.offset + o.limit;
  const broad = q.tokens.length > 0 && Math.min(...q.tokens.map((t) => documentFrequency(store, t))) > BROAD;
  if (!broad) {
    // Ranks ids only, best version per item (SQLite takes the bare "id" from the row min() chose),
    // then reads the few winning rows: sorting whole documents would copy every candidate's text
    // through the sorter.
    // bm25() only works where FTS5 is queried: MATERIALIZED keeps SQLite from folding the scoring
    // into the grouping around it.
    const ranked = all<KbHit>(
      store,
      `WITH scored AS MATERIALIZED (
         SELECT ${FAMILY} AS family, s.rowid AS id, ${BM25} AS score FROM "KbSearch" s JOIN "KbDocument" d ON d."id" = s.rowid
          WHERE "KbSearch" MATCH ? AND ${VISIBLE}${kind})
       SELECT r.family AS "family", ${HIT_COLUMNS} FROM (
         SELECT family, id, min(score) AS score FROM scored GROUP BY family ORDER BY score, family LIMIT ? OFFSET ?) r
       JOIN "KbDocument" d ON d."id" = r.id ORDER BY r.score, r.family`,
      q.match, ...filter, o.limit + 1, o.offset,
    );
    const total = one<{ n: number }>(store, `SELECT count(DISTINCT ${FAMILY}) AS n FROM "KbSearch" s JOIN "KbDocument" d ON d."id" = s.rowid WHERE "KbSearch" MATCH ? AND ${VISIBLE}${kind}`, q.match, ...filter)!.n;
    return { hits: ranked.slice(0, o.limit), total, more: ranked.length > o.limit };
  }
  const newest = (table: "KbSearch" | "KbTitleSearch", limit: number) =>
    all<KbHit>(store, `SELECT ${FAMILY} AS "family", ${HIT_COLUMNS} FROM "${table}" s JOIN "KbDocument" d ON d."id" = s.rowid WHERE "${table}" MATCH ? AND ${VISIBLE}${kind} ORDER BY s.rowid DESC LIMIT ?`, q.match, ...filter, limit);
  const rows = (want + 1) * LANGUAGES_PER_ITEM;
  const titled = newest("KbTitleSearch", rows);
  const rest = titled.length >= rows ? [] : newest("KbSearch", rows + titled.length);
  return broadPage([...titled, ...rest], o.offset, want);
}

/** Every version the viewer may see of these items (by the original's id), for showing each in the reader's language. */
export function versionsOfItems(store: Store, families: readonly number[], v: KbViewer): KbDocumentRow[] {
  if (families.length === 0) return [];
  const g = visibleWhere(v);
  const list = JSON.stringify(families.filter((n) => Number.isInteger(n)));
  return all<KbDocumentRow>(store, `SELECT d.* FROM "KbDocument" d WHERE ${FAMILY} IN (SELECT value FROM json_each(?)) AND ${g.sql} ORDER BY d."id"`, list, ...g.params);
}

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
export function decideReview(
  store: Store,
  id: number,
  v: KbViewer,
  d: { reviewFor: string; decision: ReviewDecision; next: string; byId: number; now: Date },
  after?: () => void,
): ReviewOutcome {
  return transaction(store, (): ReviewOutcome => {
    const g = editableWhere(v);
    const pending = `d."id" = ? AND d."reviewBy" = ? AND (d."reviewDecidedFor" IS NULL OR d."reviewDecidedFor" <> ?) AND ${g.sql}`;
    const decided = `"reviewDecidedFor" = ?, "reviewDecision" = ?, "reviewDecidedById" = ?, "reviewDecidedAt" = ?`;
    const r =
      d.decision === "correct"
        ? run(store, `UPDATE "KbDocument" AS d SET "reviewBy" = ?, "needsUpdate" = 0, ${decided}, "updatedAt" = ? WHERE ${pending}`, d.next, d.reviewFor, d.decision, d.byId, dbTime(d.now), dbTime(d.now), id, d.reviewFor, d.reviewFor, ...g.params)
        : run(store, `UPDATE "KbDocument" AS d SET "needsUpdate" = 1, ${decided} WHERE ${pending}`, d.reviewFor, d.decision, d.byId, dbTime(d.now), id, d.reviewFor, d.reviewFor, ...g.params);
    if (r.changes === 1) {
      after?.();
      return { ok: true };
    }
    const row = one<{ reviewDecidedFor: string | null; reviewDecision: ReviewDecision | null; reviewDecidedById: number | null; reviewDecidedAt: string | null }>(
      store,
      `SELECT "reviewDecidedFor", "reviewDecision", "reviewDecidedById", "reviewDecidedAt" FROM "KbDocument" WHERE "id" = ?`,
      id,
    );
    return { ok: false, decided: row && row.reviewDecidedFor === d.reviewFor && row.reviewDecision ? { byId: row.reviewDecidedById, at: row.reviewDecidedAt, decision: row.reviewDecision } : null };
  });
}

/**
 * When each of these documents last had its text saved: its latest edit, else its creation. An
 * original saved after its translation may say something the translation does not yet.
 */
export function lastSaved(store: Store, ids: readonly number[]): Map<number, string> {
  if (ids.length === 0) return new Map();
  const rows = all<{ id: number; at: string }>(
    store,
    `SELECT d."id" AS id, COALESCE((SELECT max(v."editedAt") FROM "KbVersion" v WHERE v."documentId" = d."id"), d."createdAt") AS at
       FROM "KbDocument" d WHERE d."id" IN (SELECT value FROM json_each(?))`,
    JSON.stringify(ids),
  );
  return new Map(rows.map((r) => [r.id, r.at]));
}

/** An original's translations (unguarded: for telling their owners of a change, never for showing them). */
export function translationsOfDocument(store: Store, originalId: number): Pick<KbDocumentRow, "id" | "language" | "ownerId" | "title">[] {
  return all(store, `SELECT "id", "language", "ownerId", "title" FROM "KbDocument" WHERE "translationOf" = ? ORDER BY "id"`, originalId);
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
