// Union terms are translated the same way everywhere: a string whose English uses "grievance"
// uses the glossary's word for it in every language (a stem, so Russian case endings count).
import { describe, expect, it } from "vitest";
import { LOCALES, allAreas, flatten, forbiddenWords, glossary } from "./strings.ts";

/** The English a reader sees, without command names (/grievance), channels (#stewards), area names given as examples, {{variables}} and `code`. */
function prose(text: string): string {
  return text
    .replace(/\{\{[^}]*\}\}/g, " ")
    .replace(/`[^`]*`/g, " ")
    .replace(/(^|\s)\/[a-z][\w-]*/g, " ")
    .replace(/#[\w-]+/g, " ")
    .replace(/\be\.g\. [a-z][\w-]*/g, " ")
    .replace(/\b[a-z]+(?:-[a-z]+)*:[A-Z_]+\b/g, " ");
}

describe("glossary", () => {
  const en = glossary("en");

  it("names the same terms in every language", () => {
    for (const lng of LOCALES) expect(Object.keys(glossary(lng)).sort(), lng).toEqual(Object.keys(en).sort());
    expect(Object.keys(en)).toEqual(expect.arrayContaining(["grievance", "steward", "sub-local", "rebate", "dues", "bargaining unit", "fee payer"]));
  });

  for (const lng of LOCALES.filter((l) => l !== "en")) {
    it(`${lng}: every string that uses a union term uses the glossary's word for it`, () => {
      const terms = glossary(lng);
      const problems: string[] = [];
      for (const area of allAreas()) {
        const english = flatten(area.strings.en);
        const mine = flatten(area.strings[lng]);
        for (const [key, text] of english) {
          const translated = mine.get(key);
          if (translated === undefined) continue; // the parity test reports it
          // An identifier kept as is in the translation (a module called steward-basics) is a name, not prose.
          const names = (text.match(/\b[a-z0-9]+(?:-[a-z0-9]+)+\b/g) ?? []).filter((w) => !/^sub-locals?$/.test(w) && translated.includes(w));
          const english = names.reduce((p, w) => p.split(w).join(" "), prose(text));
          for (const [id, t] of Object.entries(en)) {
            if (!new RegExp(t.match, "i").test(english)) continue;
            if (!translated.toLowerCase().includes(terms[id]!.match.toLowerCase())) problems.push(`${area.name}/${lng}: ${key} should say “${terms[id]!.term}” for “${id}”: ${translated}`);
          }
        }
      }
      expect(problems).toEqual([]);
    });
  }

  for (const lng of LOCALES.filter((l) => l !== "en")) {
    it(`${lng}: the rebate and an expense reimbursement are told apart`, () => {
      const terms = glossary(lng);
      const rebate = terms.rebate!.term.toLowerCase();
      const reimbursement = terms["expense reimbursement"]!.term.toLowerCase();
      // Not one word in common: "reembolso" for both had members read the sub-local's rebate account as expense claims.
      const words = (s: string) => s.split(/[\s,()]+/).filter((w) => w.length > 2);
      expect(words(rebate).filter((w) => words(reimbursement).includes(w)), `${rebate} / ${reimbursement}`).toEqual([]);
      expect(reimbursement.includes(terms.rebate!.match.toLowerCase()), "the reimbursement term contains the rebate's").toBe(false);
      expect(rebate.includes(terms["expense reimbursement"]!.match.toLowerCase()), "the rebate term contains the reimbursement's").toBe(false);
      const problems: string[] = [];
      const reimburses = new RegExp(en["expense reimbursement"]!.match, "i");
      for (const area of allAreas()) {
        const mine = flatten(area.strings[lng]);
        for (const [key, text] of flatten(area.strings.en)) {
          const translated = mine.get(key);
          if (translated === undefined || reimburses.test(text)) continue;
          if (translated.toLowerCase().includes(terms["expense reimbursement"]!.match.toLowerCase())) problems.push(`${area.name}/${lng}: ${key} says “${terms["expense reimbursement"]!.term}” where English does not: ${translated}`);
        }
      }
      expect(problems).toEqual([]);
    });
  }

  it("Spanish names an officer with the word SEIU locals use, and no other", () => {
    expect(glossary("es").officer!.term).toBe("funcionario");
    expect(Object.keys(forbiddenWords("es"))).toEqual(expect.arrayContaining(["dirigente", "directivo", "oficiales"]));
    expect(glossary("es").rebate!.term).not.toMatch(/reembols/);
  });

  it("the variants a glossary rules out are listed (member, sub-local)", () => {
    expect(Object.keys(forbiddenWords("es"))).toContain("afiliad");
    expect(Object.keys(forbiddenWords("vi"))).toContain("hội viên");
    expect(Object.keys(forbiddenWords("ru"))).toContain("подотделени");
  });

  for (const lng of LOCALES.filter((l) => l !== "en")) {
    it(`${lng}: no string uses a variant the glossary rules out`, () => {
      const problems: string[] = [];
      for (const [stem, instead] of Object.entries(forbiddenWords(lng)))
        for (const area of allAreas())
          for (const [key, text] of flatten(area.strings[lng]))
            if (text.toLowerCase().includes(stem.toLowerCase())) problems.push(`${area.name}/${lng}: ${key} uses “${stem}” (say “${instead}”): ${text.slice(0, 100)}`);
      expect(problems).toEqual([]);
    });
  }
});
