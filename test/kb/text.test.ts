// The query and snippet rules: any text is a safe query; accents and Chinese are found.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cjkBigrams, foldAccents, highlight, indexExtras, parseQuery, snippet } from "../../commands/kb/text.ts";
import { data } from "../../db/data.ts";
import { searchDocuments, type KbViewer } from "../../db/kb.ts";
import { tempStore } from "../helpers/store.ts";

describe("foldAccents", () => {
  it("removes marks, including letters Unicode does not decompose", () => {
    expect(foldAccents("hướng dẫn")).toBe("huong dan");
    expect(foldAccents("Đảng đoàn")).toBe("Dang doan");
    expect(foldAccents("queja señor")).toBe("queja senor");
  });
});

describe("cjkBigrams", () => {
  it("splits a run into overlapping pairs", () => {
    expect(cjkBigrams("工会合同")).toEqual(["工会", "会合", "合同"]);
    expect(cjkBigrams("会")).toEqual(["会"]);
  });
  it("indexes the pairs and the folded form only when needed", () => {
    expect(indexExtras("plain words")).toBe("");
    expect(indexExtras("đang")).toBe("dang");
    expect(indexExtras("申诉表")).toBe("申诉 诉表");
  });
});

describe("parseQuery", () => {
  it("quotes every word, so operators are plain words", () => {
    expect(parseQuery("grievance form").match).toBe(`("grievance" AND "form"*) OR ("grievance form")`);
    expect(parseQuery('"step meeting"').match).toBe(`"step meeting"`);
    expect(parseQuery("NEAR AND OR").match).toBe(`("NEAR" AND "AND" AND "OR"*) OR ("NEAR AND OR")`);
    // OR alone is Oregon's abbreviation, found by prefix; between two words it only joins them.
    expect(parseQuery("OR").match).toBe(`"OR"*`);
    expect(parseQuery("dues OR").match).toBe(`("dues" AND "OR"*) OR ("dues OR")`);
    expect(parseQuery("dues OR fees").match).toBe(`("dues" AND "fees"*) OR ("dues fees")`);
    expect(parseQuery("合同").match).toBe(`"合同"*`);
    expect(parseQuery("申").match).toBe(`"申"*`);
  });
  it("says there is nothing to search for symbols, emoji and empty text", () => {
    for (const q of ["", "   ", "*", "((", "🙂🙂", '"', "- + ^ :"]) expect(parseQuery(q)).toEqual({ match: null, terms: [], tokens: [] });
  });

  it("never builds an expression the search rejects, whatever is typed", async () => {
    const store = await tempStore();
    // The store's own search on either engine: SQLite's FTS5 MATCH, or the PostgreSQL reading of it.
    const staff: KbViewer = { personId: null, audienceRank: 4, subLocalIds: [], seesAllSubLocals: true, editsAll: true, editsSubLocalIds: [] };
    const check = async (q: string) => {
      const { match, tokens } = parseQuery(q);
      if (match) await searchDocuments(data(store), { match, tokens }, staff, { limit: 5, offset: 0 });
    };
    try {
      for (const q of ['"unbalanced', "a AND (b", "NEAR(a b, 2)", "title:x", "x*y*", "^start", "'; DROP TABLE x; --", "a".repeat(5000), "🙂 grievance 👍", "\u0000\u0001"]) await check(q);
      await fc.assert(fc.asyncProperty(fc.string({ maxLength: 200 }), (q) => check(q)), { numRuns: 500 });
      await fc.assert(fc.asyncProperty(fc.string({ unit: "binary", maxLength: 60 }), (q) => check(q)), { numRuns: 300 });
    } finally {
      await store.close();
    }
  });
});

describe("snippet", () => {
  it("shows the passage around the match, its section heading, and bolds the words", () => {
    const s = snippet("# Intro\nWelcome.\n## Deadlines\nFile the grievance within 30 days.", ["griev"]);
    expect(s.heading).toBe("Deadlines");
    expect(s.text).toContain("*grievance*");
  });
  it("finds words typed without accents", () => {
    expect(highlight("Đọc hướng dẫn", ["huong", "dan"])).toBe("Đọc *hướng* *dẫn*");
  });
});
