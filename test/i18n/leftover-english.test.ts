// English words testers found left in other languages' replies: "sub-local SL-083", choice values
// shown as English ("Resultado: settled (acuerdo)", "chọn một trong: filing, meeting"), "history,
// officer guide", "Playground". Every string of every area, in every other language, is checked
// for them (commands typed in backticks or after a slash, and {{variables}}, aside).
import { describe, expect, it } from "vitest";
import { LOCALES, allAreas, flatten } from "./strings.ts";

/** English words a translated sentence never needs: union terms, choice values, the playground's name. */
const LEFTOVER = [
  "sub-local", "sub-locals", "playground", "settled", "withdrawn", "granted", "denied", "filing, meeting", "officer guide", "history, officer",
  "steward", "stewards", "grievance", "grievances", "rebate", "rebates", "reimbursement", "officer", "officers", "member", "members",
];

function prose(text: string): string {
  return text
    .replace(/\{\{[^}]*\}\}/g, " ")
    .replace(/`[^`]*`/g, " ")
    // A command as typed, with its arguments: "/grievance contract set CODE step1.response 14 calendar".
    .replace(/(^|[^\w])\/[a-z][\w-]*( [\w.|…-]+)*/g, " ")
    .replace(/#[\w-]+/g, " ")
    .replace(/“[^”]*”|"[^"]*"|«[^»]*»/g, " ")
    .replace(/\b[a-z]+(?:[-_][a-z]+)*:[\w\p{L}-]+/gu, " ")
    // An area named as the value to type: "p. ej. grievance", "例如 grievance".
    .replace(/(e\.g\.|p\. ej\.|ví dụ|例如|например) [a-z][\w-]*/g, " ");
}

export function leftoverEnglish(text: string): string[] {
  const s = ` ${prose(text).toLowerCase()} `;
  return LEFTOVER.filter((w) => new RegExp(`(^|[^a-z-])${w}([^a-z-]|$)`).test(s));
}

describe("no English words left in other languages", () => {
  it("the check finds the words testers reported and passes commands and examples", () => {
    expect(leftoverEnglish("Resultado: settled (acuerdo), withdrawn (retirada)")).toEqual(["settled", "withdrawn"]);
    expect(leftoverEnglish("chọn một trong: filing, meeting, response, appeal")).toEqual(["filing, meeting"]);
    expect(leftoverEnglish("Opciones: history, officer guide")).toEqual(["officer guide", "history, officer", "officer"]);
    expect(leftoverEnglish("sub-local SL-083")).toEqual(["sub-local"]);
    expect(leftoverEnglish("Playground trên máy")).toEqual(["playground"]);
    expect(leftoverEnglish("Use `/grievance list overdue` o /grievance history G-2026-0001 en #stewards; p. ej. grievance")).toEqual([]);
    expect(leftoverEnglish("提示：/grievance file 姓名 会搜索会员")).toEqual([]);
  });

  for (const lng of LOCALES.filter((l) => l !== "en")) {
    it(`${lng}: no string has them`, () => {
      const problems: string[] = [];
      for (const area of allAreas())
        for (const [key, text] of flatten(area.strings[lng])) {
          const hits = leftoverEnglish(text);
          if (hits.length) problems.push(`${area.name}: ${key}: ${hits.join(", ")}: ${text.slice(0, 110)}`);
        }
      expect(problems).toEqual([]);
    });
  }
});
