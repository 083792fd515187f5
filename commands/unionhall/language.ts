// Choosing a language: a person's own (every reply, form, button and Home page), and a channel's
// (what the bot posts there: reminders, digests, scheduled reports). The choice list names each
// language in itself, so a reader finds theirs whatever language the bot speaks now.
import { z } from "zod";
import { channelLocale, forgetLocale, localeSubject, saveLocale, setChannelLocale } from "../../db/locales.ts";
import type { ArgSpec } from "../core/args.ts";
import { defineCommand, type Ctx } from "../core/command.ts";
import { userError } from "../core/errors.ts";
import { LANGUAGE_NAMES, LOCALES, isLocale, matchLocale, type Locale } from "../core/i18n.ts";
import { reply } from "../core/reply.ts";
import { CHANNEL_REMINDER_ROLES } from "./remind.ts";

/** Names people type for a language besides its code: in itself and in English. */
const typedNames: Record<string, Locale> = {
  english: "en",
  spanish: "es",
  "español": "es",
  espanol: "es",
  vietnamese: "vi",
  "tiếng việt": "vi",
  "tieng viet": "vi",
  chinese: "zh-Hans",
  "中文": "zh-Hans",
  "简体中文": "zh-Hans",
  "简体": "zh-Hans",
  russian: "ru",
  "русский": "ru",
};

/** "es", "es-MX", "Español", "spanish", "中文" → the language; undefined when it isn't one we speak. */
export function languageFromInput(raw: string): Locale | undefined {
  const s = raw.trim().toLowerCase();
  return typedNames[s] ?? matchLocale(s);
}

function languageArg(description: string): ArgSpec<Locale, true> {
  return {
    kind: "choice",
    description,
    required: true,
    schema: z
      .string()
      .trim()
      .transform((v, c) => {
        const l = languageFromInput(v);
        if (!l) {
          c.addIssue({ code: "custom", message: "unionhall.language.unknown" });
          return z.NEVER;
        }
        return l;
      }),
    choices: LOCALES.map((l) => ({ value: l, label: LANGUAGE_NAMES[l] })),
  };
}

function subjectOf(ctx: Ctx): string {
  return localeSubject({ personId: ctx.person?.id ?? null, ...ctx.actor });
}

export const languageCommand = defineCommand({
  path: ["unionhall", "language"],
  description: "unionhall.language.description",
  args: { language: languageArg("unionhall.language.argLanguage") },
  access: { anyone: true },
  async run(ctx, { language }) {
    // The choice and its audit entry commit together.
    await ctx.commitAsync(async (tx) => {
      await saveLocale(tx, subjectOf(ctx), language, ctx.clock.now());
      await ctx.auditIn(tx, "language.set", ctx.person ? { type: "person", id: ctx.person.id } : undefined, { locale: language });
    });
    // Answer in the language just chosen: the first reply already shows it worked.
    const t = ctx.translator.forLocale(language);
    return reply.private(reply.text(t("unionhall.language.done", { language: t(`unionhall.language.names.${language}`) })), reply.context(t("unionhall.language.doneHint")));
  },
});

export const languageResetCommand = defineCommand({
  path: ["unionhall", "language-reset"],
  description: "unionhall.language.resetDescription",
  args: {},
  access: { anyone: true },
  async run(ctx) {
    const had = await ctx.commitAsync(async (tx) => {
      const forgot = await forgetLocale(tx, subjectOf(ctx));
      if (forgot) await ctx.auditIn(tx, "language.reset", ctx.person ? { type: "person", id: ctx.person.id } : undefined);
      return forgot;
    });
    const t = ctx.translator.forLocale(ctx.actor.locale);
    return reply.private(reply.text(t(had ? "unionhall.language.reset" : "unionhall.language.nothingToReset")));
  },
});

export const channelLanguageCommand = defineCommand({
  path: ["unionhall", "channel-language"],
  description: "unionhall.channelLanguage.description",
  args: { language: languageArg("unionhall.channelLanguage.argLanguage") },
  access: { linked: true },
  async run(ctx, { language }) {
    const channelId = ctx.actor.channelId;
    if (!channelId) throw userError.invalid("unionhall.channelLanguage.noChannel");
    if (!ctx.roles.some((r) => CHANNEL_REMINDER_ROLES.includes(r.role))) throw userError.notAllowed("unionhall.channelLanguage.notAllowed");
    const ch = { platform: ctx.platform, workspaceId: ctx.actor.workspaceId, channelId };
    const before = await channelLocale(ctx.db, ch);
    if (before === language) {
      return reply.private(reply.text(ctx.t("unionhall.channelLanguage.same", { language: ctx.t(`unionhall.language.names.${language}`) })));
    }
    await ctx.commitAsync(async (tx) => {
      await setChannelLocale(tx, ch, language, ctx.person.id, ctx.clock.now());
      await ctx.auditIn(tx, "channel.language", { type: "channel", id: `${ctx.platform}:${channelId}` }, { locale: language, before: before && isLocale(before) ? before : "en" });
    });
    const t = ctx.translator.forLocale(language);
    return reply.channel(reply.text(t("unionhall.channelLanguage.done", { language: t(`unionhall.language.names.${language}`) })));
  },
});
