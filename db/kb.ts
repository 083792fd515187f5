// Knowledge-base documents and their search index. Every write keeps the document, its previous
// version and its search row in one transaction; every read is a statement prepared once.
import { all, one, run, transaction } from "./sql.ts";
import type { Store } from "./store.ts";
import { dbTime } from "./time.ts";

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
  tags: string;
  sourceLink: string | null;
  fileHash: string | null;
  fileName: string | null;
  fileMime: string | null;
  fileSize: number | null;
  version: number;
  importPath: string | null;
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
  tags: string;
  sourceLink: string | null;
  file: { hash: string; name: string; mime: string; size: number } | null;
  importPath?: string | null;
  contentHash: string;
}

/** What the search index holds for a document (computed by the caller's pure text rules). */
export interface KbIndexText {
  title: string;
  body: string;
  titleExtra: string;
  bodyExtra: string;
}

/** Who is looking: the highest audience they belong to, their sub-local, and whether staff. */
export interface KbViewer {
  audienceRank: number;
  subLocalId: number | null;
  seesAllSubLocals: boolean;
}

const VISIBLE = `d."audienceRank" <= ? AND (d."subLocalId" IS NULL OR d."subLocalId" = ? OR ? = 1)`;
const viewerParams = (v: KbViewer) => [v.audienceRank, v.subLocalId ?? -1, v.seesAllSubLocals ? 1 : 0];

function writeIndex(store: Store, id: number, ix: KbIndexText) {
  run(store, `DELETE FROM "KbSearch" WHERE rowid = ?`, id);
  run(store, `INSERT INTO "KbSearch" (rowid, title, body, titleExtra, bodyExtra) VALUES (?, ?, ?, ?, ?)`, id, ix.title, ix.body, ix.titleExtra, ix.bodyExtra);
  run(store, `DELETE FROM "KbTitleSearch" WHERE rowid = ?`, id);
  run(store, `INSERT INTO "KbTitleSearch" (rowid, title, titleExtra) VALUES (?, ?, ?)`, id, ix.title, ix.titleExtra);
}

/** Adds a document and its search row; returns its id. */
export function addDocument(store: Store, doc: KbDocumentInput, ix: KbIndexText, now: Date, after?: (id: number) => void): number {
  return transaction(store, () => {
    const at = dbTime(now);
    const r = run(
      store,
      `INSERT INTO "KbDocument" ("title", "body", "kind", "audience", "audienceRank", "subLocalId", "ownerId", "reviewBy", "language", "tags", "sourceLink",
         "fileHash", "fileName", "fileMime", "fileSize", "importPath", "contentHash", "version", "createdAt", "updatedAt")
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)`,
      doc.title, doc.body, doc.kind, doc.audience, doc.audienceRank, doc.subLocalId, doc.ownerId, doc.reviewBy, doc.language, doc.tags, doc.sourceLink,
      doc.file?.hash ?? null, doc.file?.name ?? null, doc.file?.mime ?? null, doc.file?.size ?? null, doc.importPath ?? null, doc.contentHash, at, at,
    );
    const id = Number(r.lastInsertRowid);
    writeIndex(store, id, ix);
    after?.(id);
    return id;
  });
}

/**
 * Replaces a document's content, keeping what it was as a version. `file: undefined` keeps the
 * current file. An edit clears the "needs an update" flag.
 */
export function editDocument(
  store: Store,
  id: number,
  doc: Omit<KbDocumentInput, "file" | "importPath"> & { file?: KbDocumentInput["file"] },
  ix: KbIndexText,
  editedById: number | null,
  now: Date,
  after?: (row: KbDocumentRow) => void,
): KbDocumentRow | null {
  return transaction(store, () => {
    const cur = documentById(store, id);
    if (!cur) return null;
    const at = dbTime(now);
    run(
      store,
      `INSERT INTO "KbVersion" ("documentId", "version", "title", "body", "fileHash", "fileName", "editedById", "editedAt") VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      id, cur.version, cur.title, cur.body, cur.fileHash, cur.fileName, editedById, at,
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
    const row = documentById(store, id)!;
    after?.(row);
    return row;
  });
}

export function documentById(store: Store, id: number): KbDocumentRow | undefined {
  return one<KbDocumentRow>(store, `SELECT * FROM "KbDocument" WHERE "id" = ?`, id);
}

export function documentByImportPath(store: Store, importPath: string): KbDocumentRow | undefined {
  return one<KbDocumentRow>(store, `SELECT * FROM "KbDocument" WHERE "importPath" = ?`, importPath);
}

/** A document if this viewer may see it (undefined otherwise: the two are not told apart). */
export function visibleDocument(store: Store, id: number, v: KbViewer): KbDocumentRow | undefined {
  return one<KbDocumentRow>(store, `SELECT d.* FROM "KbDocument" d WHERE d."id" = ? AND ${VISIBLE}`, id, ...viewerParams(v));
}

export interface KbVersionRow {
  version: number;
  title: string;
  editedById: number | null;
  editedAt: string;
  fileName: string | null;
}

export function versionsOf(store: Store, id: number): KbVersionRow[] {
  return all<KbVersionRow>(store, `SELECT "version", "title", "editedById", "editedAt", "fileName" FROM "KbVersion" WHERE "documentId" = ? ORDER BY "version" DESC`, id);
}

export interface KbHit {
  id: number;
  title: string;
  kind: string;
  body: string;
  needsUpdate: number;
  fileName: string | null;
  sourceLink: string | null;
}

/** A query whose rarest token is in more documents than this is "broad": see searchDocuments. */
const BROAD = 1000;

const HIT_COLUMNS = `d."id", d."title", d."kind", d."body", d."needsUpdate", d."fileName", d."sourceLink"`;
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
 * The hits a viewer may see, a page at a time. Hidden documents never show, not even in a count.
 *
 * A narrow query (its rarest token in at most BROAD documents) is ranked by bm25 over all its
 * matches, a title match counting ten times a body match, and counted exactly. Ranking a word
 * found in half of 50,000 documents that way would hold the event loop for a large part of a
 * second and still say little, so a broad query lists title matches first, then body matches,
 * newest first, reading only as many rows as the page needs, and is not counted.
 */
export function searchDocuments(store: Store, q: { match: string; tokens: readonly { text: string; prefix: boolean }[] }, v: KbViewer, o: { kind?: string; limit: number; offset: number }): SearchResult {
  const kind = o.kind ? ` AND d."kind" = ?` : "";
  const filter = [...viewerParams(v), ...(o.kind ? [o.kind] : [])];
  const want = o.offset + o.limit;
  const broad = q.tokens.length > 0 && Math.min(...q.tokens.map((t) => documentFrequency(store, t))) > BROAD;
  if (!broad) {
    // Ranks ids only, then reads the few winning rows: sorting whole documents would copy every
    // candidate's text through the sorter.
    const ranked = all<KbHit>(
      store,
      `SELECT ${HIT_COLUMNS} FROM (
         SELECT s.rowid AS id, ${BM25} AS score FROM "KbSearch" s JOIN "KbDocument" d ON d."id" = s.rowid
          WHERE "KbSearch" MATCH ? AND ${VISIBLE}${kind}
          ORDER BY score, s.rowid LIMIT ? OFFSET ?) r
       JOIN "KbDocument" d ON d."id" = r.id ORDER BY r.score, r.id`,
      q.match, ...filter, o.limit + 1, o.offset,
    );
    const total = one<{ n: number }>(store, `SELECT count(*) AS n FROM "KbSearch" s JOIN "KbDocument" d ON d."id" = s.rowid WHERE "KbSearch" MATCH ? AND ${VISIBLE}${kind}`, q.match, ...filter)!.n;
    return { hits: ranked.slice(0, o.limit), total, more: ranked.length > o.limit };
  }
  const newest = (table: "KbSearch" | "KbTitleSearch", limit: number) =>
    all<KbHit>(store, `SELECT ${HIT_COLUMNS} FROM "${table}" s JOIN "KbDocument" d ON d."id" = s.rowid WHERE "${table}" MATCH ? AND ${VISIBLE}${kind} ORDER BY s.rowid DESC LIMIT ?`, q.match, ...filter, limit);
  const titled = newest("KbTitleSearch", want + 1);
  const seen = new Set(titled.map((h) => h.id));
  const rest = titled.length > want ? [] : newest("KbSearch", want + 1 + titled.length).filter((h) => !seen.has(h.id));
  const all_ = [...titled, ...rest];
  return { hits: all_.slice(o.offset, want), total: null, more: all_.length > want };
}

/** Titles for autocomplete: the viewer's documents whose title contains the text. */
export function titlesLike(store: Store, text: string, v: KbViewer, limit = 25): { id: number; title: string }[] {
  const like = `%${text.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
  return all(store, `SELECT d."id", d."title" FROM "KbDocument" d WHERE d."title" LIKE ? ESCAPE '\\' AND ${VISIBLE} ORDER BY d."updatedAt" DESC LIMIT ?`, like, ...viewerParams(v), limit);
}

/** The viewer's most recently added or changed documents. */
export function recentDocuments(store: Store, v: KbViewer, limit = 5): KbDocumentRow[] {
  return all<KbDocumentRow>(store, `SELECT d.* FROM "KbDocument" d WHERE ${VISIBLE} ORDER BY d."updatedAt" DESC, d."id" DESC LIMIT ?`, ...viewerParams(v), limit);
}

/** Documents past their review date on `today`, or flagged as needing an update. */
export function staleDocuments(store: Store, today: string, limit = 50): KbDocumentRow[] {
  return all<KbDocumentRow>(store, `SELECT * FROM "KbDocument" WHERE "reviewBy" <= ? OR "needsUpdate" = 1 ORDER BY "reviewBy", "id" LIMIT ?`, today, limit);
}

/** The owner confirmed it: next review on `reviewBy`. */
export function confirmReviewed(store: Store, id: number, reviewBy: string, now: Date, after?: () => void): boolean {
  return transaction(store, () => {
    const r = run(store, `UPDATE "KbDocument" SET "reviewBy" = ?, "needsUpdate" = 0, "updatedAt" = ? WHERE "id" = ?`, reviewBy, dbTime(now), id);
    if (r.changes === 1) after?.();
    return r.changes === 1;
  });
}

/** The owner says it is out of date: search shows it flagged until the next edit. */
export function flagNeedsUpdate(store: Store, id: number): boolean {
  return run(store, `UPDATE "KbDocument" SET "needsUpdate" = 1 WHERE "id" = ?`, id).changes === 1;
}

/** Documents this person looks after whose check date has come (and not yet answered). */
export function reviewsDueFor(store: Store, ownerId: number, today: string, limit = 10): KbDocumentRow[] {
  return all<KbDocumentRow>(store, `SELECT * FROM "KbDocument" WHERE "ownerId" = ? AND "reviewBy" <= ? AND "needsUpdate" = 0 ORDER BY "reviewBy", "id" LIMIT ?`, ownerId, today, limit);
}

/** A sub-local's own documents (newest first) and how many there are. */
export function subLocalDocuments(store: Store, subLocalId: number, limit = 10): { docs: KbDocumentRow[]; total: number } {
  const docs = all<KbDocumentRow>(store, `SELECT * FROM "KbDocument" WHERE "subLocalId" = ? ORDER BY "updatedAt" DESC, "id" DESC LIMIT ?`, subLocalId, limit);
  const total = one<{ n: number }>(store, `SELECT count(*) AS n FROM "KbDocument" WHERE "subLocalId" = ?`, subLocalId)!.n;
  return { docs, total };
}
