// Who may read and who may change a knowledge-base document, as one guarded query. Every door
// (show, search, autocomplete, the edit and attach forms, history, review cards, Home, what waits,
// the handoff packet, training lessons) reads documents through the predicates here, so a door
// added later cannot forget the rule. A document the viewer may not see is not told apart from
// one that does not exist: the getters return undefined for both.
import type { Db } from "./data.ts";
import { dialect, textFor } from "./dialect.ts";
import type { Engine } from "./store.ts";
import type { KbDocumentRow, KbVersionRow } from "./kb.ts";

/** Who is looking, derived from their roles by the knowledge base's rules (commands/kb/rules.ts). */
export interface KbViewer {
  /** The person, for "documents they look after"; null for nobody in particular. */
  personId: number | null;
  /** The narrowest audience they belong to, as a rank (0 everyone … 4 staff): they see every rank up to it. */
  audienceRank: number;
  /** Sub-locals whose own documents they see: their own and those they hold a role in. */
  subLocalIds: readonly number[];
  /** Staff, board directors, the statewide president: every sub-local's own documents. */
  seesAllSubLocals: boolean;
  /** Staff: may change any document they may see. */
  editsAll: boolean;
  /** Sub-locals whose own documents they may change (their officers). */
  editsSubLocalIds: readonly number[];
}

/** A guarded SQL condition on the document alias `d`, with its parameters in order. */
export interface Guard {
  sql: string;
  params: unknown[];
}

const ids = (list: readonly number[]) => JSON.stringify(list.filter((n) => Number.isInteger(n)));

/** `IN` a list of ids sent as one JSON array parameter, in each engine's words. */
const IN_IDS = dialect({ sqlite: "IN (SELECT value FROM json_each(?))", postgres: "IN (SELECT value::integer FROM json_array_elements_text(?::json))" });

/** The audience and sub-local rule on one row's own columns (a document's, or a version's as it was then). */
function audienceRule(v: KbViewer, a: string, engine: Engine = "sqlite"): Guard {
  return {
    sql: `(${a}."audienceRank" <= ? AND (${a}."subLocalId" IS NULL OR ? = 1 OR ${a}."subLocalId" ${textFor(IN_IDS, engine)}))`,
    params: [v.audienceRank, v.seesAllSubLocals ? 1 : 0, ids(v.subLocalIds)],
  };
}

/**
 * The documents this viewer may read: within their audience, and statewide or of a sub-local of
 * theirs. A translation is judged by its original's audience and sub-local, never its own: a
 * translation cannot show anyone what its original would not. In the words of `engine` (the
 * engine the statement runs on: `db.engine`).
 */
export function visibleWhere(v: KbViewer, alias = "d", engine: Engine = "sqlite"): Guard {
  const own = audienceRule(v, alias, engine);
  const original = audienceRule(v, "o", engine);
  return {
    sql: `((${alias}."translationOf" IS NULL AND ${own.sql}) OR (${alias}."translationOf" IS NOT NULL AND EXISTS (SELECT 1 FROM "KbDocument" o WHERE o."id" = ${alias}."translationOf" AND ${original.sql})))`,
    params: [...own.params, ...original.params],
  };
}

/**
 * The documents this viewer may change: only those they may read (so an edit can never show or
 * widen past their own audience), and of those, staff any, everyone their own, officers their
 * sub-local's.
 */
export function editableWhere(v: KbViewer, engine: Engine = "sqlite"): Guard {
  const seen = visibleWhere(v, "d", engine);
  return {
    sql: `(${seen.sql} AND (? = 1 OR (CAST(? AS INTEGER) IS NOT NULL AND d."ownerId" = ?) OR d."subLocalId" ${textFor(IN_IDS, engine)}))`,
    params: [...seen.params, v.editsAll ? 1 : 0, v.personId, v.personId, ids(v.editsSubLocalIds)],
  };
}

/** A document if this viewer may see it; undefined when it does not exist or is not theirs to see. */
export async function visibleDocument(db: Db, id: number, v: KbViewer): Promise<KbDocumentRow | undefined> {
  const g = visibleWhere(v, "d", db.engine);
  return db.one<KbDocumentRow>(`SELECT d.* FROM "KbDocument" d WHERE d."id" = ? AND ${g.sql}`, id, ...g.params);
}

/** A document if this viewer may change it; undefined when it does not exist, is hidden, or is not theirs to change. */
export async function editableDocument(db: Db, id: number, v: KbViewer): Promise<KbDocumentRow | undefined> {
  const g = editableWhere(v, db.engine);
  return db.one<KbDocumentRow>(`SELECT d.* FROM "KbDocument" d WHERE d."id" = ? AND ${g.sql}`, id, ...g.params);
}

/** Whether this viewer may change the document (for an "you can change it" hint). */
export async function mayChange(db: Db, id: number, v: KbViewer): Promise<boolean> {
  return (await editableDocument(db, id, v)) !== undefined;
}

/** Titles for autocomplete: the viewer's documents whose title contains the text (ignoring case, as SQLite's LIKE does). */
export async function titlesLike(db: Db, text: string, v: KbViewer, limit = 25): Promise<{ id: number; title: string }[]> {
  const like = `%${text.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
  const g = visibleWhere(v, "d", db.engine);
  return db.all(`SELECT d."id", d."title" FROM "KbDocument" d WHERE ${textFor(TITLE_LIKE, db.engine)} AND ${g.sql} ORDER BY d."updatedAt" DESC, d."id" DESC LIMIT ?`, like, ...g.params, limit);
}

/** SQLite's LIKE ignores the case of ASCII letters; PostgreSQL's ILIKE does so for every letter. */
const TITLE_LIKE = dialect({ sqlite: `d."title" LIKE ? ESCAPE '\\'`, postgres: `d."title" ILIKE ? ESCAPE '\\'` });

/** The viewer's most recently added or changed documents (Home). */
export async function recentDocuments(db: Db, v: KbViewer, limit = 5): Promise<KbDocumentRow[]> {
  const g = visibleWhere(v, "d", db.engine);
  return db.all<KbDocumentRow>(`SELECT d.* FROM "KbDocument" d WHERE ${g.sql} ORDER BY d."updatedAt" DESC, d."id" DESC LIMIT ?`, ...g.params, limit);
}

/** Documents past their review date on `today`, or flagged as needing an update, that the viewer may see. */
export async function staleDocuments(db: Db, today: string, v: KbViewer, limit = 50): Promise<KbDocumentRow[]> {
  const g = visibleWhere(v, "d", db.engine);
  return db.all<KbDocumentRow>(`SELECT d.* FROM "KbDocument" d WHERE (d."reviewBy" <= ? OR d."needsUpdate" = TRUE) AND ${g.sql} ORDER BY d."reviewBy", d."id" LIMIT ?`, today, ...g.params, limit);
}

/**
 * Documents the viewer looks after whose check date has come (and not yet answered), among those
 * they may still change: one whose role ended is not asked about documents they can no longer see.
 */
export async function reviewsDueFor(db: Db, v: KbViewer, today: string, limit = 10): Promise<KbDocumentRow[]> {
  if (v.personId === null) return [];
  const g = editableWhere(v, db.engine);
  return db.all<KbDocumentRow>(`SELECT d.* FROM "KbDocument" d WHERE d."ownerId" = ? AND d."reviewBy" <= ? AND d."needsUpdate" = FALSE AND ${g.sql} ORDER BY d."reviewBy", d."id" LIMIT ?`, v.personId, today, ...g.params, limit);
}

/** A sub-local's own documents the viewer may see (newest first), and how many of them they may see. */
export async function subLocalDocuments(db: Db, subLocalId: number, v: KbViewer, limit = 10): Promise<{ docs: KbDocumentRow[]; total: number }> {
  const g = visibleWhere(v, "d", db.engine);
  const docs = await db.all<KbDocumentRow>(`SELECT d.* FROM "KbDocument" d WHERE d."subLocalId" = ? AND ${g.sql} ORDER BY d."updatedAt" DESC, d."id" DESC LIMIT ?`, subLocalId, ...g.params, limit);
  const total = (await db.one<{ n: number }>(`SELECT count(*) AS "n" FROM "KbDocument" d WHERE d."subLocalId" = ? AND ${g.sql}`, subLocalId, ...g.params))!.n;
  return { docs, total };
}

/**
 * The earlier versions of a document the viewer may see, newest first: none when the document is
 * hidden from them, and of the others only those whose audience then was theirs too (a document
 * widened later does not show what it said while it was staff-only).
 */
export async function versionsOf(db: Db, id: number, v: KbViewer): Promise<KbVersionRow[]> {
  const doc = visibleWhere(v, "d", db.engine);
  const then = audienceRule(v, "x", db.engine);
  return db.all<KbVersionRow>(
    `SELECT x."version", x."title", x."body", x."kind", x."tags", x."audience", x."fileHash", x."fileName", x."fileMime", x."fileSize", x."editedById", x."editedAt"
       FROM "KbVersion" x JOIN "KbDocument" d ON d."id" = x."documentId"
      WHERE x."documentId" = ? AND ${doc.sql} AND ${then.sql} ORDER BY x."version" DESC`,
    id, ...doc.params, ...then.params,
  );
}

/**
 * Every language of the document `id` belongs to that this viewer may see (the original first):
 * empty when they may not see it. A translation is visible exactly when its original is.
 */
export async function languageVersions(db: Db, id: number, v: KbViewer): Promise<KbDocumentRow[]> {
  const g = visibleWhere(v, "d", db.engine);
  return db.all<KbDocumentRow>(
    `SELECT d.* FROM "KbDocument" d, (SELECT COALESCE(x."translationOf", x."id") AS "family" FROM "KbDocument" x WHERE x."id" = ?) f
      WHERE (d."id" = f."family" OR d."translationOf" = f."family") AND ${g.sql} ORDER BY d."translationOf" IS NOT NULL, d."id"`,
    id, ...g.params,
  );
}

/** One earlier version, under the same rule as versionsOf. */
export async function versionOf(db: Db, id: number, version: number, v: KbViewer): Promise<KbVersionRow | undefined> {
  return (await versionsOf(db, id, v)).find((x) => x.version === version);
}
