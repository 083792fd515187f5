// Choosing a language: saved per person (wins over the platform's), per channel for what the bot
// posts there, and the resolution of platform and browser tags (zh-CN → zh-Hans…).
import { afterEach, describe, expect, it } from "vitest";
import { handleCommand, type Outcome } from "../../commands/core/dispatch.ts";
import { handleHome } from "../../commands/core/home.ts";
import { acceptLanguages, createTranslator, matchLocale, resolveLocale } from "../../commands/core/i18n.ts";
import type { RenderedReply } from "../../commands/core/reply.ts";
import { data } from "../../db/data.ts";
import { channelLocale, deliveryLocale } from "../../db/locales.ts";
import type { Store } from "../../db/store.ts";
import { auditCount, demoCore, tempStore, web } from "../helpers/store.ts";
import { createCore } from "../../commands/core/dispatch.ts";
import { defineCommand, type Feature } from "../../commands/core/command.ts";
import { reply } from "../../commands/core/reply.ts";
import { defineNotice, notice } from "../../commands/core/notice.ts";
import { z } from "zod";
import { unionhallFeature } from "../../commands/unionhall/index.ts";
import { personByNumber } from "../../db/people.ts";

let store: Store | undefined;
afterEach(async () => {
  await store?.close();
  store = undefined;
});

function text(r: RenderedReply): string {
  return JSON.stringify(r.blocks);
}
const out = (o: Outcome) => text(o.reply);

describe("locale tags", () => {
  it("maps platform and browser tags onto the five languages", () => {
    expect(["zh", "zh-CN", "zh-Hans-CN", "zh_SG", "zh-TW"].map(matchLocale)).toEqual(["zh-Hans", "zh-Hans", "zh-Hans", "zh-Hans", "zh-Hans"]);
    expect(["es-ES", "es-419", "vi", "vi-VN", "ru-RU", "en-GB", "EN"].map(matchLocale)).toEqual(["es", "es", "vi", "vi", "ru", "en", "en"]);
    expect(["fr-FR", "", "x", "zh-Hans; DROP", undefined].map(matchLocale)).toEqual([undefined, undefined, undefined, undefined, undefined]);
    expect(resolveLocale(undefined, "fr", "ru-RU", "es")).toBe("ru");
    expect(resolveLocale("de", null)).toBe("en");
  });

  it("reads Accept-Language by preference", () => {
    expect(acceptLanguages("fr;q=0.9, vi-VN, zh-CN;q=0.95, *;q=0.1, de;q=0")).toEqual(["vi-VN", "zh-CN", "fr"]);
    expect(resolveLocale(...acceptLanguages("fr;q=0.9, zh-CN;q=0.8"))).toBe("zh-Hans");
  });
});

describe("missing translations", () => {
  it("falls back to English and reports the key once, never showing a key", () => {
    const warnings: Record<string, unknown>[] = [];
    const log = { warn: (_e: string, f?: Record<string, unknown>) => void warnings.push(f ?? {}) };
    const tr = createTranslator(
      [{ en: { a: { hello: "Hello {{name}}", only: "English only" }, core: { missingText: "(missing)" } }, ru: { a: { hello: "Привет, {{name}}" }, core: { missingText: "(нет текста)" } } }],
      { log },
    );
    const t = tr.forLocale("ru-RU");
    expect(t("a.hello", { name: "Оля" })).toBe("Привет, Оля");
    expect(t("a.only")).toBe("English only");
    expect(t("a.only")).toBe("English only");
    expect(t("a.nowhere")).toBe("(нет текста)");
    expect(warnings).toEqual([
      { key: "a.only", locale: "ru" },
      { key: "a.nowhere", locale: "ru" },
    ]);
    // Plain text handed to t() is already text, not a key.
    expect(t("Not a key at all.")).toBe("Not a key at all.");
  });
});

describe("/unionhall language", () => {
  it("is saved per person, answers in the new language at once and wins over the platform's", async () => {
    const d = await demoCore();
    store = d.store;
    const before = await auditCount(store);
    const set = await handleCommand(d.core, { actor: web("maria"), text: "/unionhall language vi" });
    expect(out(set)).toContain("bằng tiếng Việt");
    expect(out(set)).toContain("từ giờ tôi sẽ trả lời bạn");
    expect(await auditCount(store)).toBe(before + 1);
    // Her app says English, her choice says Vietnamese.
    expect(out(await handleCommand(d.core, { actor: web("maria"), text: "/unionhall whoami" }))).toContain("Số đoàn viên");
    const home = await handleHome(d.core, { ...web("maria"), locale: "es-ES" });
    expect(text(home)).toContain("Xin chào");
    // Someone else is not affected; the platform's locale decides for them.
    expect(out(await handleCommand(d.core, { actor: { ...web("sam"), locale: "es-ES" }, text: "/unionhall whoami" }))).toContain("Número de miembro");
    // Reset: back to the platform's language.
    expect(out(await handleCommand(d.core, { actor: { ...web("maria"), locale: "ru" }, text: "/unionhall language-reset" }))).toContain("Выбранный язык забыт");
    expect(out(await handleCommand(d.core, { actor: { ...web("maria"), locale: "ru" }, text: "/unionhall whoami" }))).toContain("Членский номер");
  });

  it("accepts names typed in the language itself and offers a select when typed alone", async () => {
    const d = await demoCore();
    store = d.store;
    expect(out(await handleCommand(d.core, { actor: web("maria"), text: "/unionhall language 中文" }))).toContain("简体中文");
    expect(out(await handleCommand(d.core, { actor: web("sam"), text: "/unionhall language Español" }))).toContain("en español");
    const form = await handleCommand(d.core, { actor: web("nico"), text: "/unionhall language" });
    expect(form.reply.form?.fields[0]?.options).toEqual([
      { value: "en", label: "English" },
      { value: "es", label: "Español" },
      { value: "vi", label: "Tiếng Việt" },
      { value: "zh-Hans", label: "简体中文" },
      { value: "ru", label: "Русский" },
    ]);
    const bad = await handleCommand(d.core, { actor: web("nico"), text: "/unionhall language klingon" });
    expect(out(bad)).toContain("English, Español, Tiếng Việt, 简体中文, Русский");
    // An unlinked account can choose too (saved under the chat account).
    expect(out(await handleCommand(d.core, { actor: web("nico"), text: "/unionhall language ru" }))).toContain("русский");
    expect(await deliveryLocale(data(store), { platform: "web", workspaceId: web("nico").workspaceId, channelId: null, userId: "nico", personId: null })).toBe("ru");
  });
});

describe("/unionhall channel-language", () => {
  it("sets the channel's language for stewards, officers and staff only", async () => {
    const d = await demoCore();
    store = d.store;
    const ch = { platform: "web", workspaceId: web("sam").workspaceId, channelId: "stewards" };
    const denied = await handleCommand(d.core, { actor: { ...web("maria"), channelId: "stewards" }, text: "/unionhall channel-language es" });
    expect(out(denied)).toMatch(/Only stewards, officers and staff/);
    expect(await channelLocale(data(store), ch)).toBeUndefined();
    const nowhere = await handleCommand(d.core, { actor: web("sam"), text: "/unionhall channel-language es" });
    expect(out(nowhere)).toMatch(/in the channel/);
    const done = await handleCommand(d.core, { actor: { ...web("sam"), channelId: "stewards" }, text: "/unionhall channel-language es" });
    expect(done.reply.visibility).toBe("channel");
    expect(out(done)).toContain("estarán en español");
    expect(await channelLocale(data(store), ch)).toBe("es");
    expect(await deliveryLocale(data(store), { ...ch, userId: null, personId: null })).toBe("es");
    const again = await handleCommand(d.core, { actor: { ...web("sam"), channelId: "stewards" }, text: "/unionhall channel-language Español" });
    expect(out(again)).toMatch(/already uses Spanish/);
  });
});

describe("notices to other people", () => {
  // A fixture area whose command tells another member something, the way approvals and case
  // assignments do: the notice must be in the recipient's language, not the sender's.
  const hello = defineNotice({ id: "noticetest.hello", values: z.object({}), example: {}, render: ({ t }) => reply.private(reply.text(t("noticetest.hello"))) });
  const fixture: Feature = {
    area: "noticetest",
    notices: [hello],
    description: "noticetest.description",
    strings: { en: { noticetest: { description: "x", hello: "Hello from the union" } }, vi: { noticetest: { description: "x", hello: "Công đoàn xin chào" } }, ru: { noticetest: { description: "x", hello: "Привет от профсоюза" } } },
    commands: [
      defineCommand({
        path: ["noticetest", "tell"],
        description: "noticetest.description",
        args: {},
        access: { linked: true },
        async run(ctx) {
          const maria = (await personByNumber(ctx.db, "100001"))!;
          return { ...reply.private(reply.text(ctx.t("noticetest.hello"))), notices: [notice(hello, maria.id, {})] };
        },
      }),
    ],
  };

  it("follow the language the recipient's app was last seen in when they never chose one", async () => {
    const store = await tempStore({ seed: true });
    try {
      const core = createCore({ store, features: [unionhallFeature, fixture] });
      await handleCommand(core, { actor: { ...web("maria"), locale: "ru-RU" }, text: "/unionhall whoami" });
      const told = await handleCommand(core, { actor: web("sam"), text: "/noticetest tell" });
      expect(JSON.stringify(told.notices[0]!.message.blocks)).toContain("Привет от профсоюза");
      const maria = (await personByNumber(data(store), "100001"))!;
      expect(await deliveryLocale(data(store), { platform: "any", workspaceId: null, channelId: null, userId: null, personId: maria.id })).toBe("ru");
      // Her own choice wins over what her app says.
      await handleCommand(core, { actor: { ...web("maria"), locale: "ru-RU" }, text: "/unionhall language vi" });
      expect(await deliveryLocale(data(store), { platform: "any", workspaceId: null, channelId: null, userId: null, personId: maria.id })).toBe("vi");
    } finally {
      await store.close();
    }
  });

  it("are written in the recipient's saved language; without one, in English", async () => {
    const store = await tempStore({ seed: true });
    try {
      const core = createCore({ store, features: [unionhallFeature, fixture] });
      const first = await handleCommand(core, { actor: { ...web("sam"), locale: "ru" }, text: "/noticetest tell" });
      expect(out(first)).toContain("Привет от профсоюза");
      expect(JSON.stringify(first.notices[0]!.message.blocks)).toContain("Hello from the union");
      await handleCommand(core, { actor: web("maria"), text: "/unionhall language vi" });
      const second = await handleCommand(core, { actor: { ...web("sam"), locale: "ru" }, text: "/noticetest tell" });
      expect(JSON.stringify(second.notices[0]!.message.blocks)).toContain("Công đoàn xin chào");
    } finally {
      await store.close();
    }
  });
});
