// Chinese text uses full-width punctuation beside Chinese characters ("结果：", "（全州）", "集会，谈判"):
// a half-width colon, bracket or comma next to a Han character reads as a mistake. Typed syntax a
// person copies (`region:名称`) stays as the bot reads it.
import { describe, expect, it } from "vitest";
import { createTranslator } from "../../commands/core/i18n.ts";
import { coreBundles } from "../../commands/core/dispatch.ts";
import { createFormatter } from "../../commands/core/format.ts";
import { roleLabel } from "../../commands/core/roles.ts";
import { normaliseTags } from "../../commands/kb/content.ts";
import { allAreas, flatten } from "./strings.ts";

// Dates are written as Chinese writes them, without spaces ("2026年11月", "12月10日").
const chineseDate = /\d+\s*[年月日号]/g;
const hanTouchesLatin = /\p{Script=Han}[A-Za-z0-9]|[A-Za-z0-9]\p{Script=Han}/u;
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

  // One spacing rule: a space between Chinese characters and Latin letters or digits ("分会 SL-083",
  // "第 27 条"), never "2026提交了 35 件申诉" with some numbers spaced and others not.
  // Dates are written as Chinese writes them, without spaces ("2026年11月", "12月10日").

  it("no zh-Hans string puts a Chinese character right beside a Latin letter or digit", () => {
    const problems: string[] = [];
    for (const area of allAreas())
      for (const [key, text] of flatten(area.strings["zh-Hans"])) if (hanTouchesLatin.test(text.replace(/\{\{[^}]*\}\}/g, " ").replace(chineseDate, " "))) problems.push(`${area.name}: ${key}: ${text.slice(0, 80)}`);
    expect(problems).toEqual([]);
  });

  it("a number or code put into a Chinese sentence is spaced from the Chinese around it, and Chinese values are not", () => {
    const t = createTranslator([{ en: { x: { filed: "{{n}} filed in {{period}}" } }, "zh-Hans": { x: { filed: "{{period}}提交了{{n}}件申诉：与{{previous}}相比。{{code}}（{{name}}）" } } }]).forLocale("zh-Hans");
    expect(t("x.filed", { period: "2026", n: 35, previous: "2025", code: "SL-083", name: "塞勒姆" })).toBe("2026 提交了 35 件申诉：与 2025 相比。SL-083（塞勒姆）");
    expect(t("x.filed", { period: "2026年11月", n: "三十五", previous: "2026年10月", code: "分会", name: "x" })).toBe("2026年11月提交了三十五件申诉：与 2026年10月相比。分会（x）");
    const spaced = createTranslator([{ en: { x: { y: "{{a}} {{b}}" } }, "zh-Hans": { x: { y: "与上月相比 {{change}}。{{actor}} 查看了日志" } } }]).forLocale("zh-Hans");
    expect(spaced("x.y", { change: "+3", actor: "Sofia Chen" })).toBe("与上月相比 +3。Sofia Chen 查看了日志");
    expect(spaced("x.y", { change: "没有变化", actor: "Sofia Chen（会员 100007）" })).toBe("与上月相比没有变化。Sofia Chen（会员 100007）查看了日志");
    const en = createTranslator([{ en: { x: { y: "{{a}}提交" } } }]).forLocale("en");
    expect(en("x.y", { a: 35 })).toBe("35提交");
  });

  it("tags typed with Chinese commas are separate tags", () => {
    expect(normaliseTags("集会，谈判、罢工")).toBe("集会 谈判 罢工");
  });
});

describe("a chart's text alternative in the reader's language", () => {
  it("writes numbers the reader's way and Chinese with full-width marks", async () => {
    const { altText } = await import("../../commands/core/chart/alt.ts");
    const data = [
      { x: "2026年1月", series: "申诉", value: 1234 },
      { x: "2026年1月", series: "已解决", value: 3 },
    ];
    expect(altText({ kind: "grouped", title: "申诉", locale: "zh-Hans", data })).toBe("申诉。2026年1月：申诉 1,234，已解决 3");
    expect(altText({ kind: "bar", title: "Члены", locale: "ru", data: [{ label: "SL-083", value: 1234 }] })).toBe("Члены. SL-083: 1\u00a0234");
    expect(altText({ kind: "bar", title: "Members", data: [{ label: "SL-083", value: 1234 }] })).toBe("Members. SL-083: 1,234");
  });
});

describe("pieces joined by code", () => {
  it("a role with its office reads with full-width brackets in Chinese, half-width elsewhere", () => {
    const t = (lng: string) => createTranslator([...coreBundles]).forLocale(lng);
    const zh = roleLabel(t("zh-Hans"), { role: "sublocal_officer", office: "treasurer" });
    expect(zh).toMatch(/^分会干部（.+）$/);
    expect(halfWidthBesideHan.test(zh)).toBe(false);
    expect(roleLabel(t("en"), { role: "sublocal_officer", office: "treasurer" })).toMatch(/^sub-local officer \(.+\)$/);
  });

  it("a list joins codes with a space beside 和 and none beside Chinese or full-width marks", () => {
    const zh = createTranslator([...coreBundles]).forLocale("zh-Hans");
    const fmt = createFormatter("zh-Hans", "America/Los_Angeles");
    const places = fmt.list([zh("core.punct.aside", { text: "SL-730", aside: fmt.percent(0.8) }), "SL-920"]);
    expect(places).toBe("SL-730（80%）和 SL-920");
    expect(fmt.list(["SL-083", "SL-730", "SL-920"])).toBe("SL-083、SL-730 和 SL-920");
    expect(fmt.list(["塞勒姆（80%）", "波特兰"])).toBe("塞勒姆（80%）和波特兰");
    expect(fmt.list(["SL-083", "波特兰"], "disjunction")).toBe("SL-083 或波特兰");
    expect(hanTouchesLatin.test(places.replace(chineseDate, " "))).toBe(false);
    expect(createFormatter("en", "America/Los_Angeles").list(["SL-730 (80%)", "SL-920"])).toBe("SL-730 (80%) and SL-920");
  });
});
