// Russian reads as Russian: a language is named so it fits the sentence ("Язык моих ответов вам:
// русский", not "на языке Русский"), a date that ends in "г." ends a sentence with one period, and
// a reminder for yourself has no parentheses inside parentheses. Inflection comes from i18next's
// plural and context keys, never from gluing words together.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { handleCommand, type Core } from "../../commands/core/dispatch.ts";
import { createFormatter } from "../../commands/core/format.ts";
import { createTranslator } from "../../commands/core/i18n.ts";
import type { Store } from "../../db/store.ts";
import { demoCore, testClock, web } from "../helpers/store.ts";
import { replyText } from "./english.ts";
import { allAreas, flatten } from "./strings.ts";

let core: Core;
let store: Store;
beforeAll(async () => {
  ({ core, store } = await demoCore(testClock()));
});
afterAll(async () => {
  await store?.close();
});

const say = async (who: string, locale: string, text: string) => replyText((await handleCommand(core, { actor: { ...web(who), locale, channelId: "stewards" }, text })).reply).join("\n");

describe("Russian grammar", () => {
  it("no Russian string puts a variable right after “на языке”", () => {
    const problems: string[] = [];
    for (const area of allAreas()) for (const [key, text] of flatten(area.strings.ru)) if (/на языке \{\{/.test(text)) problems.push(`${area.name}: ${key}: ${text}`);
    expect(problems).toEqual([]);
  });

  it("choosing a language names it the way the sentence needs, in every language", async () => {
    expect(await say("maria", "ru", "/unionhall language ru")).toContain("Язык моих ответов вам: русский.");
    expect(await say("maria", "ru", "/unionhall language es")).toContain("le responderé en español.");
    const ru = await say("maria", "ru", "/unionhall language Русский");
    expect(ru).not.toMatch(/на языке|Русский\./);
    expect(await say("sam", "ru", "/unionhall channel-language Español")).toContain("en español");
    expect(await say("sam", "ru", "/unionhall channel-language Español")).toContain("Язык этого канала уже испанский.");
  });

  it("a date ending in “г.” at the end of a sentence leaves one period", () => {
    const fmt = createFormatter("ru", "America/Los_Angeles");
    const month = fmt.month("2026-12-01");
    expect(month).toMatch(/г\.$/);
    const t = core.translator.forLocale("ru");
    const line = t("report.errors.noRecords", { period: month, start: month });
    expect(line).toMatch(/начинаются с дек\. 2026 г\.$/);
    const demo = createTranslator([{ en: { x: { a: "{{d}}.", b: "{{d}}..." } } }]).forLocale("en");
    expect(demo("x.a", { d: "дек. 2026 г." })).toBe("дек. 2026 г.");
    expect(demo("x.a", { d: "2026" })).toBe("2026.");
    expect(demo("x.b", { d: "Wait." })).toBe("Wait....");
  });

  it("a reminder for yourself says so in one sentence, without nested parentheses (i18next context)", async () => {
    for (const lng of ["en", "es", "vi", "zh-Hans", "ru"]) {
      const text = await say("sam", lng, "/unionhall remind in 10 minutes me Call Maria back");
      expect(text, lng).not.toMatch(/\([^()]*\(|（[^（）]*（/);
    }
    expect(await say("sam", "ru", "/unionhall remind in 10 minutes me Call Maria back")).toContain("Напомню вам в личных сообщениях");
    expect(await say("sam", "en", "/unionhall remind in 10 minutes me Call Maria back")).toContain("I'll remind you by direct message on");
  });

  it("context keys fall back to the plain key when there is no such context", () => {
    const t = createTranslator([{ en: { x: { said: "said {{n}}", said_me: "you said {{n}}" } } }]).forLocale("en");
    expect(t("x.said", { context: "me", n: 1 })).toBe("you said 1");
    expect(t("x.said", { context: "channel", n: 1 })).toBe("said 1");
    expect(t("x.said", { n: 1 })).toBe("said 1");
  });
});
