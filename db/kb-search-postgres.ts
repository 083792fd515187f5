// The knowledge base's search on PostgreSQL, answering as db/kb.ts answers on SQLite: the same
// documents in the same order for the same query and viewer. The query arrives as db/kb.ts gets it
// (the FTS5 expression commands/kb/text.ts builds, and its index tokens); here it becomes a tsquery
// over the "KbSearch" table of migration 20261206200000_kb_search, and the ranking is SQLite's own
// bm25 (k1 1.2, b 0.75, title 10 × body) computed from the same figures: rows and words in the
// index, documents per phrase, hits per column, words per document.
//
// What makes the figures the same: the index text is cut into words here as SQLite's unicode61
// tokenizer cuts it (letters, digits, combining marks, private-use characters; everything else
// separates), so PostgreSQL's parser only reads space-separated words; `unaccent` then folds
// accents and `simple` lowers case, as remove_diacritics does. Known differences, none in the
// test corpus: unaccent also folds Cyrillic ё to е (SQLite keeps ё); a word longer than 2,047
// characters, or a symbol such as ² standing alone, is not indexed; positions past 16,383 words in
// one document share the last position, so a phrase that far into a very long document may be missed.
import type { Db } from "./data.ts";
import { visibleWhere, type KbViewer } from "./kb-access.ts";
import { broadPage, type KbHit, type KbIndexText, type SearchResult } from "./kb.ts";

/** A query whose rarest token is in more documents than this is "broad" (as in db/kb.ts). */
const BROAD = 1000;
const LANGUAGES_PER_ITEM = 5;
const HIT_COLUMNS = `d."id", d."title", d."kind", d."body", d."needsUpdate", d."fileName", d."sourceLink", d."language"`;
const FAMILY = `COALESCE(d."translationOf", d."id")`;
// bm25's constants, as SQLite's FTS5 defines them: computed here in the same doubles it uses.
const K1 = 1.2;
const B = 0.75;

const WORD_CHARS = /[\p{L}\p{N}\p{Co}\p{Mn}\u{10000}-\u{10FFFF}]+/gu;

/** A text's words as SQLite's unicode61 tokenizer cuts them, lower case (accents stay: unaccent folds them). */
export function searchWords(text: string): string[] {
  return (text.normalize("NFC").toLowerCase().match(WORD_CHARS) ?? []).map((w) => w.normalize("NFC"));
}

// Letters SQLite's tokenizer keeps as they are (they are not a letter plus a mark) and the text
// rules fold by hand into the extra columns (commands/kb/text.ts): "đoàn" is indexed as "đoan" in
// the body and "doan" in the extras, so a search for doan counts one hit there. unaccent would fold
// the body's word too and count two. So a word holding one of them gets a mark in the title and
// body: U+02BC before it, a letter to the parser, which unaccent turns into an apostrophe no query
// word starts with (not even a prefix), so it stands there unmatched, as it does in SQLite.
const HAND_FOLDED = /[đłøßæœı]/;
const keptAsIs = (words: string[]) => words.map((w) => (HAND_FOLDED.test(w) ? `\u02bc${w}` : w));

/** Writes (or replaces) a document's search row; the database keeps the word counts with it. */
export async function writeSearchRow(db: Db, id: number, ix: KbIndexText): Promise<void> {
  const cols = [keptAsIs(searchWords(ix.title)), keptAsIs(searchWords(ix.body)), searchWords(ix.titleExtra), searchWords(ix.bodyExtra)];
  const size = cols.reduce((n, c) => n + c.length, 0);
  const [title, body, titleExtra, bodyExtra] = cols.map((c) => c.join(" "));
  await db.run(
    `INSERT INTO "KbSearch" ("id", "title", "body", "titleExtra", "bodyExtra", "size") VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT ("id") DO UPDATE SET "title" = excluded."title", "body" = excluded."body", "titleExtra" = excluded."titleExtra",
       "bodyExtra" = excluded."bodyExtra", "size" = excluded."size"`,
    id, title, body, titleExtra, bodyExtra, size,
  );
}

// ---- The query -------------------------------------------------------------------------------

interface Phrase {
  words: string[];
  /** The last word matches every indexed word it starts. */
  prefix: boolean;
}
type Expr = { phrase: number } | { and: Expr[] } | { or: Expr[] };

/**
 * Reads the FTS5 expression commands/kb/text.ts writes: quoted phrases (`""` for a quote), an
 * optional `*` after one, AND, OR and brackets. Phrases are numbered left to right, as FTS5 numbers
 * them for bm25. Anything else is refused: the expression is ours, never a person's text.
 */
export function readMatch(match: string): { expr: Expr; phrases: Phrase[] } {
  const phrases: Phrase[] = [];
  let i = 0;
  const space = () => {
    while (match[i] === " ") i++;
  };
  const fail = (): never => {
    throw new Error(`not a search expression this module reads (at ${i})`);
  };
  const keyword = (k: string) => {
    space();
    if (match.startsWith(k, i) && (match[i + k.length] === " " || match[i + k.length] === "(" || match[i + k.length] === '"')) {
      i += k.length;
      return true;
    }
    return false;
  };
  const primary = (): Expr => {
    space();
    if (match[i] === "(") {
      i++;
      const e = or();
      space();
      if (match[i] !== ")") fail();
      i++;
      return e;
    }
    if (match[i] !== '"') fail();
    let text = "";
    for (i++; ; i++) {
      if (i >= match.length) fail();
      if (match[i] === '"') {
        if (match[i + 1] === '"') {
          text += '"';
          i++;
        } else break;
      } else text += match[i];
    }
    i++;
    const prefix = match[i] === "*";
    if (prefix) i++;
    const words = searchWords(text);
    phrases.push({ words, prefix: prefix && words.length > 0 });
    return { phrase: phrases.length - 1 };
  };
  const and = (): Expr => {
    const parts = [primary()];
    while (keyword("AND")) parts.push(primary());
    return parts.length === 1 ? parts[0]! : { and: parts };
  };
  const or = (): Expr => {
    const parts = [and()];
    while (keyword("OR")) parts.push(and());
    return parts.length === 1 ? parts[0]! : { or: parts };
  };
  const expr = or();
  space();
  if (i !== match.length) fail();
  return { expr, phrases };
}

const COLUMNS = ["A", "C", "B", "D"] as const;
const TITLE_COLUMNS = ["A", "C"] as const;
const lexeme = (w: string) => `'${w.replace(/\\/g, "\\\\").replace(/'/g, "''")}'`;

/**
 * A phrase as tsquery text, found in any of `columns` (weights): one word in any of them; several
 * words next to each other within one column, as FTS5 matches a phrase. An empty phrase matches nothing.
 */
function phraseQuery(p: Phrase, columns: readonly string[]): string {
  if (p.words.length === 0) return "!''";
  const star = (k: number) => (p.prefix && k === p.words.length - 1 ? "*" : "");
  const all = columns.length === COLUMNS.length;
  if (p.words.length === 1) {
    const label = star(0) + (all ? "" : columns.join(""));
    return label ? `${lexeme(p.words[0]!)}:${label}` : lexeme(p.words[0]!);
  }
  const within = (c: string) => `(${p.words.map((w, k) => `${lexeme(w)}:${star(k)}${c}`).join(" <-> ")})`;
  return `(${columns.map(within).join(" | ")})`;
}

function toTsquery(e: Expr, phrases: Phrase[], columns: readonly string[]): string {
  if ("phrase" in e) return phraseQuery(phrases[e.phrase]!, columns);
  if ("and" in e) return `(${e.and.map((x) => toTsquery(x, phrases, columns)).join(" & ")})`;
  return `(${e.or.map((x) => toTsquery(x, phrases, columns)).join(" | ")})`;
}

const MATCHES = `s."vector" @@ to_tsquery('unionhall_kb', ?)`;

/** Words as the index holds them (unaccent, lower case), computed by the database's own rules. */
async function indexed(db: Db, words: string[]): Promise<string[]> {
  if (words.length === 0) return [];
  const rows = await db.all<{ w: string }>(`SELECT "kb_lexeme"(t.w) AS w FROM unnest(?::text[]) WITH ORDINALITY AS t(w, n) ORDER BY t.n`, words);
  return rows.map((r) => r.w);
}

/** How many documents hold a token (for a prefix, the most any one completion is in), as db/kb.ts reads it. */
async function documentFrequency(db: Db, token: { text: string; prefix: boolean }): Promise<number> {
  if (!token.prefix) return (await db.one<{ doc: number }>(`SELECT "doc" FROM "KbSearchVocab" WHERE "term" = "kb_lexeme"(?)`, token.text))?.doc ?? 0;
  const r = await db.one<{ doc: number | null }>(`SELECT max("doc") AS "doc" FROM "KbSearchVocab" WHERE "term" >= "kb_lexeme"(?) AND "term" < "kb_lexeme"(?) || chr(65535)`, token.text, token.text);
  return r?.doc ?? 0;
}

/** How many documents hold a phrase (bm25's n(q)): the word count for one word, else a count of matches. */
async function phraseDocuments(db: Db, p: Phrase): Promise<number> {
  if (p.words.length === 0) return 0;
  if (p.words.length === 1 && !p.prefix) return (await db.one<{ doc: number }>(`SELECT "doc" FROM "KbSearchVocab" WHERE "term" = ?`, p.words[0]))?.doc ?? 0;
  return (await db.one<{ n: number }>(`SELECT count(*) AS n FROM "KbSearch" s WHERE ${MATCHES}`, phraseQuery(p, COLUMNS)))!.n;
}

/**
 * The hits a viewer may see, a page at a time, one per item: db/kb.ts's searchDocuments on
 * PostgreSQL, with the same plans (see there) and the same access rule (db/kb-access.ts).
 */
export async function searchDocuments(db: Db, q: { match: string; tokens: readonly { text: string; prefix: boolean }[] }, v: KbViewer, o: { kind?: string; limit: number; offset: number }): Promise<SearchResult> {
  const parsed = readMatch(q.match);
  const phrases = await Promise.all(parsed.phrases.map(async (p) => ({ ...p, words: await indexed(db, p.words) })));
  const guard = visibleWhere(v, "d", "postgres");
  const kind = o.kind ? ` AND d."kind" = ?` : "";
  const filter = [...guard.params, ...(o.kind ? [o.kind] : [])];
  const want = o.offset + o.limit;
  const frequencies = await Promise.all(q.tokens.map((t) => documentFrequency(db, t)));
  const broad = q.tokens.length > 0 && Math.min(...frequencies) > BROAD;
  const everywhere = toTsquery(parsed.expr, phrases, COLUMNS);
  if (!broad) {
    const totals = (await db.one<{ rows: number; tokens: number }>(`SELECT "rows", "tokens" FROM "KbSearchTotals"`))!;
    const avgdl = totals.rows > 0 ? totals.tokens / totals.rows : 1;
    const hits = await Promise.all(phrases.map((p) => phraseDocuments(db, p)));
    // bm25 as FTS5 computes it, term by term in the same order and the same doubles, so equal
    // figures give equal scores: idf = ln((N - n + 0.5) / (n + 0.5)), at least 1e-6; score =
    // -(0 + Σ idf · (w · (k1 + 1)) / (w + k1 · (1 - b + b · D / avgdl))), w the weighted hits.
    // The constants are written into the text (fixed, so the statement is still prepared once).
    const idf = `(SELECT CASE WHEN x <= 0 THEN 1e-6::float8 ELSE x END FROM (SELECT ln((?::float8 - ?::float8 + 0.5::float8) / (?::float8 + 0.5::float8)) AS x) AS idf)`;
    const terms = phrases.map((_p, i) => `${idf} * ((m.w${i} * ${K1 + 1.0}::float8) / (m.w${i} + ${K1}::float8 * (${1 - B}::float8 + ${B}::float8 * m.size::float8 / ?::float8)))`);
    const termParams = phrases.flatMap((_p, i) => [totals.rows, hits[i], hits[i], avgdl]);
    const weights = phrases.map((_p, i) => `, "kb_phrase_weight"(s."vector", ?::text[], ?) AS w${i}`).join("");
    const weightParams = phrases.flatMap((p) => [p.words, p.prefix]);
    // Ranks ids only, the best version per item (ties to the lowest id, as SQLite's min() keeps
    // the first row it met), then reads the few winning rows.
    const ranked = await db.all<KbHit>(
      `WITH scored AS MATERIALIZED (
         SELECT m.family, m.id, -1.0::float8 * (0.0::float8 + ${terms.join(" + ")}) AS score FROM (
           SELECT ${FAMILY} AS family, s."id" AS id, s."size" AS size${weights} FROM "KbSearch" s JOIN "KbDocument" d ON d."id" = s."id"
            WHERE ${MATCHES} AND ${guard.sql}${kind}) m),
       best AS (SELECT DISTINCT ON (family) family, id, score FROM scored ORDER BY family, score, id)
       SELECT r.family AS "family", ${HIT_COLUMNS} FROM (SELECT family, id, score FROM best ORDER BY score, family LIMIT ? OFFSET ?) r
       JOIN "KbDocument" d ON d."id" = r.id ORDER BY r.score, r.family`,
      ...termParams, ...weightParams, everywhere, ...filter, o.limit + 1, o.offset,
    );
    const total = (await db.one<{ n: number }>(`SELECT count(DISTINCT ${FAMILY}) AS n FROM "KbSearch" s JOIN "KbDocument" d ON d."id" = s."id" WHERE ${MATCHES} AND ${guard.sql}${kind}`, everywhere, ...filter))!.n;
    return { hits: ranked.slice(0, o.limit), total, more: ranked.length > o.limit };
  }
  // Broad: title matches first, then body matches, newest first, reading only what the page needs.
  const newest = (query: string, limit: number) =>
    db.all<KbHit>(`SELECT ${FAMILY} AS "family", ${HIT_COLUMNS} FROM "KbSearch" s JOIN "KbDocument" d ON d."id" = s."id" WHERE ${MATCHES} AND ${guard.sql}${kind} ORDER BY s."id" DESC LIMIT ?`, query, ...filter, limit);
  const rows = (want + 1) * LANGUAGES_PER_ITEM;
  const titled = await newest(toTsquery(parsed.expr, phrases, TITLE_COLUMNS), rows);
  const rest = titled.length >= rows ? [] : await newest(everywhere, rows + titled.length);
  return broadPage([...titled, ...rest], o.offset, want);
}
