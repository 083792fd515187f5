// `/project translate ID LANGUAGE`: staff or the committee add an update's version in another
// language (or replace the one there is). Readers of that language get it from then on, in lists,
// on Home and in later deliveries; everyone else keeps the original. The bot's own timeline
// updates need none: each reader gets them in their language already.
import { data } from "../../db/data.ts";
import { z } from "zod";
import { updateById } from "../../db/project.ts";
import { saveTranslation, translationBehind, translationsOf } from "../../db/project-translations.ts";
import { TRANSLATION_BEHIND_JOB } from "../../db/project-amend.ts";
import { defineJobKind } from "../core/jobs.ts";
import { arg } from "../core/args.ts";
import { defineCommand, defineForm, type LinkedCtx } from "../core/command.ts";
import { userError } from "../core/errors.ts";
import { LOCALES, type Locale } from "../core/i18n.ts";
import { contentLanguage } from "../core/content-language.ts";
import { reply, type Reply } from "../core/reply.ts";
import { mayPost, POSTERS } from "./rules.ts";
import { readabilityOf } from "./readability.ts";
import { readabilityLine } from "./readability-text.ts";

const languageName = (ctx: LinkedCtx, l: Locale) => ctx.t(`project.choices.language.${l}`);

/** The update a translation is for: a live one a person wrote, in another language than `language`. */
async function translatable(ctx: LinkedCtx, id: number, language: Locale) {
  const u = await updateById(ctx.db, id);
  if (!u || u.withdrawnAt) throw userError.notFound("project.translate.notFound", { id });
  if (u.generated) throw userError.invalid("project.translate.automatic", { id });
  if (contentLanguage(u.language) === language) throw userError.invalid("project.translate.sameLanguage", { id, language: languageName(ctx, language) });
  return u;
}

export const translateCommand = defineCommand({
  path: ["project", "translate"],
  opensForm: true,
  description: "project.translate.description",
  args: { id: arg.integer("project.translate.argId", { min: 1 }), language: arg.choice("project.translate.argLanguage", LOCALES) },
  access: { roles: POSTERS },
  examples: ["project.translate.example"],
  async run(ctx, { id, language }): Promise<Reply> {
    const u = await translatable(ctx, id, language);
    const had = (await translationsOf(ctx.db, [u.id])).find((x) => x.language === language);
    const t = ctx.t;
    return {
      visibility: "private",
      blocks: [],
      form: {
        form: "project.translate",
        title: t("project.translate.formTitle"),
        intro: t("project.translate.intro", { id: u.id, title: u.title, language: languageName(ctx, language) }),
        submitLabel: t("project.translate.save"),
        payload: { id: u.id, language },
        fields: [
          { name: "title", label: t("project.post.fieldTitle"), kind: "text", required: true, maxLength: 120, initial: had?.title },
          { name: "summary", label: t("project.post.fieldSummary"), kind: "textarea", required: true, maxLength: 1500, hint: t("project.translate.hint"), initial: had?.summary },
          { name: "details", label: t("project.post.fieldDetails"), kind: "textarea", maxLength: 2500, initial: had?.details ?? undefined },
        ],
      },
    };
  },
});

export const translateForm = defineForm({
  id: "project.translate",
  fields: z.object({ title: z.string().trim().min(3).max(120), summary: z.string().trim().min(10).max(1500), details: z.string().trim().max(2500).optional() }),
  payload: z.object({ id: z.number().int().positive(), language: z.enum(LOCALES) }),
  access: { roles: POSTERS },
  async submit(ctx, v, p) {
    if (!mayPost(ctx.roles)) throw userError.notAllowed("project.post.notAllowed");
    const u = await translatable(ctx, p.id, p.language);
    const outcome = await ctx.commitAsync((tx) => saveTranslation(tx, { updateId: u.id, language: p.language, title: v.title, summary: v.summary, details: v.details || null, createdById: ctx.person.id }, ctx.clock.now()));
    await ctx.audit("project.update.translate", { type: "project_update", id: u.id }, { language: p.language, outcome });
    return reply.private(
      reply.text(`🌐 ${ctx.t(outcome === "added" ? "project.translate.added" : "project.translate.replaced", { id: u.id, language: languageName(ctx, p.language) })}`),
      reply.context(readabilityLine(ctx.t, readabilityOf(v.summary, p.language))),
    );
  },
});

/**
 * What a translation's author gets when the original is corrected: which update, when, and how to
 * bring their version up to date, in the author's own language. Nothing once the translation has
 * been saved again (or the update withdrawn) before it is delivered.
 */
export const translationBehindJob = defineJobKind<{ updateId: number; language: string }>({
  kind: TRANSLATION_BEHIND_JOB,
  async render(ctx, p) {
    const db = data(ctx.store);
    const u = await updateById(db, p.updateId);
    const tr = u && !u.withdrawnAt ? (await translationsOf(db, [u.id])).find((x) => x.language === p.language) : undefined;
    if (!u || !tr || !translationBehind(u, tr)) return null;
    const language = (LOCALES as readonly string[]).includes(tr.language) ? ctx.t(`project.choices.language.${tr.language}`) : tr.language;
    return reply.private(
      reply.text(`🌐 ${ctx.t("project.translate.behindNotice", { id: u.id, title: u.title, date: ctx.fmt.date(new Date(u.correctedAt!)), language })}`),
      reply.context(ctx.t("project.translate.behindHow", { command: `/project translate ${u.id} ${tr.language}` })),
    );
  },
});
