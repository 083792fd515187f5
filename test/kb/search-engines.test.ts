// The knowledge base's search on both engines: the shared corpus (test/kb/search-corpus.ts), a
// few translations, and 1,100 generated documents (enough for a word to be "broad"), written on
// SQLite through db/kb.ts and moved to a real PostgreSQL with the copy command. Every query, for
// every kind of viewer, page and kind filter, must give the same page on both: the same
// documents, in the same order, the same count and the same "more".
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { contentHashOf, indexTextOf } from "../../commands/kb/content.ts";
import { audienceRank } from "../../commands/kb/rules.ts";
import { foldAccents, parseQuery } from "../../commands/kb/text.ts";
import { copyToPostgres } from "../../db/copy-to-postgres.ts";
import { seedDemo } from "../../db/demo.ts";
import { addDocument, searchDocuments, type KbViewer, type SearchResult } from "../../db/kb.ts";
import { readMatch, searchDocuments as searchPostgres, searchWords } from "../../db/kb-search-postgres.ts";
import { subLocalIdByCode } from "../../db/kb-sublocals.ts";
import { data, transaction } from "../../db/data.ts";
import { openStore, type Store } from "../../db/store.ts";
import { postgresUnavailable, startPostgres, type TestPostgres } from "../helpers/postgres.ts";
import { tempDir } from "../helpers/store.ts";
import { addDoc } from "./helpers.ts";
import { SEARCH_DOCS, SEARCH_QUERIES } from "./search-corpus.ts";

const unavailable = postgresUnavailable();
if (unavailable) console.warn(`SKIPPING the knowledge-base search on PostgreSQL: ${unavailable}`);

const GENERATED = 1100;
const WORDS = ["dues", "ballot", "caucus", "overtime", "seniority", "arbitration", "picket", "layoff", "pension", "stipend", "quorum", "bylaws",
  "cuota", "votación", "huelga", "công", "đoàn", "lương", "工资", "加班", "отпуск", "смена", "shift", "notice", "remedy", "hearing"];

function rng(seed: number) {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
}

/** Documents of words drawn with skewed frequencies; every one mentions dues (the broad word). */
async function generate(store: Store) {
  const rand = rng(7);
  const pick = () => WORDS[Math.min(WORDS.length - 1, Math.floor(Math.pow(WORDS.length, rand()) - 1))]!;
  const now = new Date("2026-11-01T12:00:00Z");
  await transaction(store, async (tx) => {
    for (let i = 0; i < GENERATED; i++) {
      const title = `${pick()} ${pick()} ${i % 9 === 0 ? "dues" : pick()}`;
      const body = `dues ${Array.from({ length: 5 + Math.floor(rand() * 30) }, pick).join(" ")}.`;
      const audience = (["everyone", "everyone", "stewards", "officers", "staff"] as const)[i % 5]!;
      const doc = { title, body, kind: i % 4 === 0 ? "form" : "officer_guide", audience, audienceRank: audienceRank(audience), subLocalId: null, ownerId: null, reviewBy: "2027-11-01", language: "en", tags: "", sourceLink: null, file: null };
      await addDocument(tx, { ...doc, contentHash: contentHashOf({ ...doc, fileHash: null }) }, indexTextOf(doc), now);
    }
  });
}

function translate(store: Store, of: number, language: string, title: string, body: string) {
  const doc = { title, body, kind: "officer_guide", audience: "everyone", audienceRank: 0, subLocalId: null, ownerId: null, reviewBy: "2027-11-01", language, translationOf: of, tags: "", sourceLink: null, file: null };
  return transaction(store, (tx) => addDocument(tx, { ...doc, contentHash: contentHashOf({ ...doc, fileHash: null }) }, indexTextOf(doc), new Date("2026-11-02T12:00:00Z")));
}

describe("readMatch reads what parseQuery writes", () => {
  it("numbers phrases left to right, keeps prefixes and the OR'd phrase", () => {
    const r = readMatch(parseQuery("step meet").match!);
    expect(r.phrases).toEqual([{ words: ["step"], prefix: false }, { words: ["meet"], prefix: true }, { words: ["step", "meet"], prefix: false }]);
    expect(r.expr).toEqual({ or: [{ and: [{ phrase: 0 }, { phrase: 1 }] }, { phrase: 2 }] });
    expect(readMatch('"a ""b"" c"*').phrases).toEqual([{ words: ["a", "b", "c"], prefix: true }]);
    expect(() => readMatch("grievance")).toThrow(/not a search expression/);
  });

  it("cuts words as SQLite's unicode61 does", () => {
    expect(searchWords("SL-083 officers' café x\u0301y 工会合同。指南 a·b")).toEqual(["sl", "083", "officers", "café", "x\u0301y", "工会合同", "指南", "a", "b"]);
  });
});

describe.skipIf(unavailable)("knowledge-base search on SQLite and PostgreSQL", () => {
  let server: TestPostgres;
  let sqlite: Store;
  let postgres: Store;
  const viewers: Record<string, KbViewer> = {};

  beforeAll(async () => {
    // The SQLite side is SQLite whatever engine the run's other suites use (TEST_ENGINE).
    sqlite = await openStore(`file:${path.join(tempDir(), "kbsearch.db")}`);
    await seedDemo(sqlite);
    for (const d of SEARCH_DOCS) await addDoc(sqlite, d);
    // An item in three languages: found through any, listed once.
    await translate(sqlite, 3, "es", "Lista para la reunión de paso", "Traiga las notas de la reunión de paso y los plazos.");
    await translate(sqlite, 3, "ru", "Список для встречи по жалобе", "Принесите заметки и сроки жалобы.");
    await translate(sqlite, 8, "es", "Notas de presupuesto de SL-083", "Presupuesto para la capacitación sobre quejas.");
    await generate(sqlite);
    const sl083 = (await subLocalIdByCode(data(sqlite), "SL-083"))!;
    const sl390 = (await subLocalIdByCode(data(sqlite), "SL-390"))!;
    const base = { personId: null, subLocalIds: [] as number[], seesAllSubLocals: false, editsAll: false, editsSubLocalIds: [] as number[] };
    viewers.member = { ...base, audienceRank: 0 };
    viewers.steward = { ...base, audienceRank: audienceRank("stewards"), subLocalIds: [sl390] };
    viewers.officer = { ...base, audienceRank: audienceRank("officers"), subLocalIds: [sl083], editsSubLocalIds: [sl083] };
    viewers.staff = { ...base, audienceRank: audienceRank("staff"), seesAllSubLocals: true, editsAll: true };
    server = await startPostgres();
    postgres = await openStore(await server.createDatabase("kbsearch"));
    const copied = await copyToPostgres(sqlite, postgres);
    expect(copied.problems).toEqual([]);
  }, 240_000);

  afterAll(async () => {
    await postgres?.close();
    await sqlite?.close();
    await server?.stop();
  });

  const both = async (query: string, v: KbViewer, o: { kind?: string; limit: number; offset: number }): Promise<[SearchResult, SearchResult] | null> => {
    const { match, tokens } = parseQuery(query);
    if (!match) return null;
    return [await searchDocuments(data(sqlite), { match, tokens }, v, o), await searchPostgres(data(postgres), { match, tokens }, v, o)];
  };

  it("indexes the same words in as many documents, and as many words in all", async () => {
    const sqliteVocab = await data(sqlite).all<{ term: string; doc: number }>(`SELECT "term", "doc" FROM "KbSearchVocab" ORDER BY "term"`);
    const pgVocab = await postgres.pool!.query<{ term: string; doc: number }>(`SELECT "term", "doc" FROM "KbSearchVocab" ORDER BY "term"`);
    // Two known differences: unaccent also folds ё to е, which SQLite keeps; a word SQLite keeps
    // with a hand-folded letter (đoan) stands folded and marked on PostgreSQL ('doan).
    const sq = new Map(sqliteVocab.map((r) => [/[đłøßæœı]/.test(r.term) ? `'${foldAccents(r.term)}` : r.term.replace(/ё/g, "е"), r.doc]));
    const pq = new Map(pgVocab.rows.map((r) => [r.term, r.doc]));
    const diff = (a: Map<string, number>, b: Map<string, number>) => [...a.entries()].filter(([t, n]) => b.get(t) !== n);
    expect({ onlyPostgres: diff(pq, sq), onlySqlite: diff(sq, pq) }).toEqual({ onlyPostgres: [], onlySqlite: [] });
    const tokens = (await data(sqlite).one<{ n: number }>(`SELECT sum("cnt") AS "n" FROM "KbSearchVocab"`))!.n;
    const totals = await postgres.pool!.query<{ rows: number; tokens: string }>(`SELECT "rows", "tokens" FROM "KbSearchTotals"`);
    expect({ rows: totals.rows[0]!.rows, tokens: Number(totals.rows[0]!.tokens) }).toEqual({ rows: SEARCH_DOCS.length + 3 + GENERATED, tokens });
  });

  it("gives the same page for every corpus query and kind of viewer", async () => {
    let compared = 0;
    for (const query of SEARCH_QUERIES) {
      for (const [who, v] of Object.entries(viewers)) {
        const r = await both(query, v, { limit: 5, offset: 0 });
        if (!r) continue;
        expect(r[1], `${who}: ${query}`).toEqual(r[0]);
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(80);
  }, 120_000);

  it("ranks the generated documents the same way, page after page, with and without a kind", async () => {
    const queries = ["ballot", "caucus overtime", "pension stipend", '"picket layoff"', "quor", "votacion", "cong doan", "工资", "отпуск смена", "remedy OR hearing", "seniority arbitration hearing"];
    const hits: number[] = [];
    for (const query of queries) {
      for (const [who, v] of Object.entries(viewers)) {
        for (const o of [{ limit: 5, offset: 0 }, { limit: 5, offset: 40 }, { kind: "form", limit: 5, offset: 5 }]) {
          const r = (await both(query, v, o))!;
          expect(r[1], `${who}: ${query} ${JSON.stringify(o)}`).toEqual(r[0]);
          hits.push(r[0].hits.length);
        }
      }
    }
    // The ranking was put to work: full pages, counted (a narrow query).
    expect(hits.filter((n) => n === 5).length).toBeGreaterThan(60);
    const counted = (await both("ballot", viewers.staff!, { limit: 5, offset: 0 }))!;
    expect(counted[0].total).toBeGreaterThan(5);
  }, 180_000);

  it("answers a broad word (in more than 1,000 documents) with the same newest-first page", async () => {
    for (const query of ["dues", "due", "dues ballot"]) {
      for (const [who, v] of Object.entries(viewers)) {
        for (const o of [{ limit: 5, offset: 0 }, { limit: 5, offset: 10 }]) {
          const r = (await both(query, v, o))!;
          expect(r[1], `${who}: ${query}`).toEqual(r[0]);
          // "due" is broad through its completion "dues", though the word "due" itself is in no document.
          if (query !== "dues ballot") expect(r[0].total, query).toBeNull();
        }
      }
    }
  }, 120_000);

  it("shows a member no hidden document, not even in a count, on PostgreSQL too", async () => {
    const { match, tokens } = parseQuery("grievance");
    const member = await searchPostgres(data(postgres), { match: match!, tokens }, viewers.member!, { limit: 20, offset: 0 });
    expect(member.hits.map((h) => h.title).sort()).toEqual(["Contract summary", "Grievance form"]);
    expect(member.total).toBe(2);
    const officer = await searchPostgres(data(postgres), { match: match!, tokens }, viewers.officer!, { limit: 20, offset: 0 });
    expect(officer.hits.map((h) => h.title)).toContain("SL-083 officers' budget notes");
    expect(officer.hits.map((h) => h.title)).not.toContain("SL-390 officers' notes");
  });
});
