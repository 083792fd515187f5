// `/kb translate ID LANGUAGE`: a version of a document in another language, linked to it as one
// item. Whoever may change the original may add its translations. A translation has no audience
// of its own: it reaches exactly the people its original reaches (db/kb.ts and db/kb-access.ts).
import { z } from "zod";
import { addDocument, translationProblem, type KbDocumentRow } from "../../db/kb.ts";
import { arg } from "../core/args.ts";
import { defineCommand, defineForm, type LinkedCtx } from "../core/command.ts";
import { userError } from "../core/errors.ts";
import { LOCALES, type Locale } from "../core/i18n.ts";
import { reply, type Reply } from "../core/reply.ts";
import { FORM_BODY_MAX } from "./bodyfile.ts";
import { docIdArg } from "./common.ts";
import { contentHashOf, indexTextOf, normaliseTags } from "./content.ts";
import { editable } from "./edit.ts";
import { scheduleReview } from "./review.ts";
import { aYearOn } from "./rules.ts";

/** The original a translation is added to, checked for this language; a polite refusal otherwise. */
async function originalFor(ctx: LinkedCtx, id: number, language: Locale): Promise<KbDocumentRow> {
  const doc = await editable(ctx, id);
  const problem = await translationProblem(ctx.db, doc.id, language);
  if (problem === "isTranslation") throw userError.invalid("kb.translate.isTranslation", { id: doc.id, original: doc.translationOf });
  if (problem === "originalLanguage") throw userError.invalid("kb.translate.sameLanguage", { id: doc.id, language: ctx.t(`kb.choices.language.${language}`) });
  if (problem === "taken") throw userError.conflict("kb.translate.taken", { id: doc.id, language: ctx.t(`kb.choices.language.${language}`) });
  if (problem === "missing") throw userError.notFound("kb.edit.notYours", { id });
  return doc;
}

export const translateCommand = defineCommand({
  path: ["kb", "translate"],
  opensForm: true,
  description: "kb.translate.description",
  args: { id: docIdArg(), language: arg.choice("kb.args.language", LOCALES) },
  access: { linked: true },
  examples: ["kb.translate.example"],
  async run(ctx, { id, language }): Promise<Reply> {
    const doc = await originalFor(ctx, id, language);
    const t = ctx.t;
    return {
      visibility: "private",
      blocks: [],
      form: {
        form: "kb.translate",
        title: t("kb.translate.formTitle"),
        intro: t("kb.translate.intro", { id: doc.id, title: doc.title, language: t(`kb.choices.language.${language}`) }),
        submitLabel: t("kb.add.submit"),
        payload: { originalId: doc.id, language },
        fields: [
          { name: "title", label: t("kb.fields.title"), kind: "text", required: true, maxLength: 200 },
          { name: "body", label: t("kb.fields.body"), kind: "textarea", required: true, maxLength: FORM_BODY_MAX, hint: t("kb.translate.bodyHint") },
          { name: "tags", label: t("kb.fields.tags"), kind: "text", maxLength: 200, hint: t("kb.fields.tagsHint"), ...(doc.tags ? { initial: doc.tags } : {}) },
        ],
      },
    };
  },
});

export const translateForm = defineForm({
  id: "kb.translate",
  fields: z.object({ title: z.string().trim().min(1).max(200), body: z.string().max(FORM_BODY_MAX).refine((s) => s.trim().length > 0), tags: z.string().trim().max(200).optional() }),
  payload: z.object({ originalId: z.number().int().positive(), language: z.enum(LOCALES) }),
  access: { linked: true },
  async submit(ctx, v, p) {
    const original = await originalFor(ctx, p.originalId, p.language);
    const now = ctx.clock.now();
    const reviewBy = aYearOn(ctx.fmt.localDay(now));
    const tags = normaliseTags(v.tags);
    // Audience and sub-local are the original's (addDocument takes them from it in the same transaction).
    const doc = {
      title: v.title, body: v.body, kind: original.kind, audience: original.audience, audienceRank: original.audienceRank, subLocalId: original.subLocalId,
      ownerId: ctx.person.id, reviewBy, language: p.language, translationOf: original.id, tags, sourceLink: original.sourceLink, file: null,
    };
    const id = await ctx.commitAsync(async (tx) => {
      const newId = await addDocument(tx, { ...doc, contentHash: contentHashOf({ ...doc, fileHash: null }) }, indexTextOf(doc), now);
      await scheduleReview(tx, ctx.store, { id: newId, ownerId: ctx.person.id, reviewBy }, ctx.fmt.timeZone);
      return newId;
    });
    await ctx.audit("kb.translate", { type: "kb_document", id }, { originalId: original.id, language: p.language });
    return reply.private(reply.text(`🌐 ${ctx.t("kb.translate.done", { id, title: v.title, original: original.id, language: ctx.t(`kb.choices.language.${p.language}`) })}`));
  },
});
