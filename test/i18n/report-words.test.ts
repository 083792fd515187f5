// A report reads in one language and one date style: the scope ("sub-local SL-083"), article
// numbers, the period and the months are the reader's, never English words or ISO dates mixed in.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { handleCommand, type Core } from "../../commands/core/dispatch.ts";
import type { Store } from "../../db/store.ts";
import { webStrings } from "../../adapters/web/strings.ts";
import { demoCore, testClock, web } from "../helpers/store.ts";
import { replyText } from "./english.ts";
import { flatten } from "./strings.ts";

let core: Core;
let store: Store;
beforeAll(async () => {
  ({ core, store } = await demoCore(testClock()));
});
afterAll(async () => {
  await store?.close();
});

const SCOPE_WORD: Record<string, string> = { es: "sublocal SL-083", vi: "chi hội SL-083", "zh-Hans": "分会 SL-083", ru: "отделение SL-083" };

describe("the grievance report in the reader's words", () => {
  for (const lng of Object.keys(SCOPE_WORD)) {
    it(`${lng}: the scope, the period and the months are written the reader's way`, async () => {
      const out = await handleCommand(core, { actor: { ...web("sofia"), locale: lng, channelId: "stewards" }, text: "/grievance report SL-083 2025-12-01 2026-11-23" });
      const text = replyText(out.reply).join("\n");
      const chart = out.reply.files.find((f) => f.mime === "image/png");
      for (const shown of [text, chart?.alt ?? ""]) {
        expect(shown).toContain(SCOPE_WORD[lng]);
        expect(shown).not.toMatch(/sub-local/i);
        expect(shown, "an ISO date or month beside formatted ones").not.toMatch(/\b20\d\d-\d\d\b/);
      }
    });
  }

  it("article numbers read the reader's way", () => {
    const article = (lng: string) => core.translator.forLocale(lng)("grievance.report.article", { article: "27" });
    expect([article("en"), article("es"), article("vi"), article("zh-Hans"), article("ru")]).toEqual(["art. 27", "art. 27", "điều 27", "第 27 条", "ст. 27"]);
  });

  it("the playground page has no English word for itself in another language", () => {
    for (const lng of ["es", "vi", "zh-Hans", "ru"]) for (const [key, text] of flatten(webStrings[lng])) expect(text, `${lng} ${key}`).not.toMatch(/playground/i);
  });
});

describe("the grievance report in Chinese", () => {
  it("joins its footer and privacy note without a space after “。”", async () => {
    const out = await handleCommand(core, { actor: { ...web("sofia"), locale: "zh-Hans", channelId: "stewards" }, text: "/grievance report" });
    const text = replyText(out.reply).join("\n");
    expect(text).toContain("案件按提交日期计算。1 到 4");
    expect(text).not.toMatch(/。 /);
    expect(core.translator.forLocale("zh-Hans")("grievance.report.issueArticle", { category: "纪律", article: "第 27 条" })).toBe("纪律（第 27 条）");
  });
});
