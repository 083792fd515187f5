// Chinese text uses full-width punctuation beside Chinese characters ("结果：", "（全州）", "集会，谈判"):
// a half-width colon, bracket or comma next to a Han character reads as a mistake. Typed syntax a
// person copies (`region:名称`) stays as the bot reads it.
import { describe, expect, it } from "vitest";
import { normaliseTags } from "../../commands/kb/content.ts";
import { allAreas, flatten } from "./strings.ts";

const halfWidthBesideHan = /\p{Script=Han}\s*[:(),;!?]|[:(),;!?]\s*\p{Script=Han}/u;

function prose(text: string): string {
  return text
    .replace(/\{\{[^}]*\}\}/g, "X")
    .replace(/`[^`]*`/g, " ")
    .replace(/\b[a-z][a-z-]*:\p{Script=Han}+/gu, " ");
}

describe("Chinese punctuation", () => {
  it("the check finds a half-width mark beside Chinese and passes full-width ones and typed syntax", () => {
    expect(halfWidthBesideHan.test(prose("结果: 已和解"))).toBe(true);
    expect(halfWidthBesideHan.test(prose("申诉(全州)"))).toBe(true);
    expect(halfWidthBesideHan.test(prose("结果：已和解（全州），region:名称"))).toBe(false);
  });

  it("no zh-Hans string puts a half-width colon, bracket or comma beside a Chinese character", () => {
    const problems: string[] = [];
    for (const area of allAreas())
      for (const [key, text] of flatten(area.strings["zh-Hans"])) if (halfWidthBesideHan.test(prose(text))) problems.push(`${area.name}: ${key}: ${text.slice(0, 80)}`);
    expect(problems).toEqual([]);
  });

  it("tags typed with Chinese commas are separate tags", () => {
    expect(normaliseTags("集会，谈判、罢工")).toBe("集会 谈判 罢工");
  });
});
