// `/kb add` and `/kb edit ID`: staff for any document, officers for their sub-local's own. A form
// of five fields (it fits a Discord modal); an edit keeps the previous text as a version.
import { z } from "zod";
import { arg } from "../core/args.ts";
import { addDocument, editDocument, translationsOfDocument } from "../../db/kb.ts";
import { tellTranslationOwners, translationsNotYetBehind } from "./behind.ts";
import { subLocalIdByCode } from "../../db/kb-sublocals.ts";
import { changeable, docIdArg, viewerOf } from "./common.ts";
import { defineCommand, defineForm, type LinkedCtx } from "../core/command.ts";
import { FieldErrors, userError } from "../core/errors.ts";
import { reply, type Form, type FormField, type Reply } from "../core/reply.ts";
import { FORM_BODY_MAX, textFileName, textOfFile } from "./bodyfile.ts";
import { contentHashOf, indexTextOf, normaliseTags } from "./content.ts";
import { scheduleReview } from "./review.ts";
import { addableSubLocals, audienceRank, AUDIENCES, aYearOn, editAudiences, KINDS, publishableAudiences, type Audience } from "./rules.ts";
import type { KbDocumentRow } from "../../db/kb.ts";

/**
 * The add form, and the edit form for a text that fits a chat form: every field holds the whole
 * current value, never a cut one.
 */
function documentForm(ctx: LinkedCtx, id: "kb.add" | "kb.edit", audiences: Audience[], initial?: KbDocumentRow): Form {
  const t = ctx.t;
  return {
    form: id,
    title: t(id === "kb.add" ? "kb.add.formTitle" : "kb.edit.formTitle"),
    intro: initial ? t("kb.edit.intro", { id: initial.id, max: ctx.fmt.number(FORM_BODY_MAX) }) : t("kb.add.intro"),
    submitLabel: t("kb.add.submit"),
    payload: initial ? { documentId: initial.id, version: initial.version } : null,
    fields: [
      ...headFields(ctx, audiences, initial),
      { name: "body", label: t("kb.fields.body"), kind: "textarea", required: true, maxLength: FORM_BODY_MAX, hint: t("kb.fields.bodyHint"), ...(initial ? { initial: initial.body } : {}) },
      tagsField(ctx, initial),
    ],
  };
}

function headFields(ctx: LinkedCtx, audiences: Audience[], initial?: KbDocumentRow): FormField[] {
  const t = ctx.t;
  return [
    { name: "title", label: t("kb.fields.title"), kind: "text", required: true, maxLength: 200, ...(initial ? { initial: initial.title } : {}) },
    { name: "kind", label: t("kb.fields.kind"), kind: "select", required: true, options: KINDS.map((k) => ({ value: k, label: t(`kb.kinds.${k}`) })), ...(initial ? { initial: initial.kind } : {}) },
    { name: "audience", label: t("kb.fields.audience"), kind: "select", required: true, options: audiences.map((a) => ({ value: a, label: t(`kb.audiences.${a}`) })), initial: initial?.audience ?? "members" },
  ];
}

function tagsField(ctx: LinkedCtx, initial?: KbDocumentRow): FormField {
  return { name: "tags", label: ctx.t("kb.fields.tags"), kind: "text", maxLength: 200, hint: ctx.t("kb.fields.tagsHint"), ...(initial && initial.tags ? { initial: initial.tags } : {}) };
}

/**
 * The edit form for a text longer than a chat form holds: no text field at all (a cut text would
 * be saved as the document), a file field for the whole new text instead, the reason said above
 * it, and the current text sent as a .md file to change and send back. Left empty, the file field
 * keeps the text as it is.
 */
function longDocumentForm(ctx: LinkedCtx, audiences: Audience[], doc: KbDocumentRow): Form {
  const t = ctx.t;
  return {
    form: "kb.edit",
    title: t("kb.edit.formTitle"),
    intro: t(doc.body.length > FORM_BODY_MAX ? "kb.edit.longIntro" : "kb.edit.fileIntro", { length: ctx.fmt.number(doc.body.length), max: ctx.fmt.number(FORM_BODY_MAX), file: textFileName(doc.id), id: doc.id }),
    submitLabel: t("kb.add.submit"),
    payload: { documentId: doc.id, version: doc.version, viaFile: true },
    fields: [
      ...headFields(ctx, audiences, doc),
      { name: "bodyFile", label: t("kb.fields.bodyFile"), kind: "file", required: false, accept: ["md", "txt"], hint: t("kb.fields.bodyFileHint") },
      tagsField(ctx, doc),
    ],
  };
}

const head = {
  title: z.string().trim().min(1).max(200),
  kind: z.enum(KINDS),
  audience: z.enum(AUDIENCES),
  tags: z.string().trim().max(200).optional(),
};
// The text is kept exactly as typed (no trimming: a save changes nothing it was not asked to).
const bodyText = z.string().max(FORM_BODY_MAX).refine((s) => s.trim().length > 0);
const fields = z.object({ ...head, body: bodyText });
const editFields = z.object({ ...head, body: bodyText.optional(), bodyFile: z.string().max(400).optional() });

/** The sub-local an officer publishes for (their first), or null for staff (statewide). */
async function publishingSubLocal(ctx: LinkedCtx): Promise<{ id: number | null }> {
  const codes = addableSubLocals(ctx.roles);
  if (codes === null) return { id: null };
  const id = codes.length ? await subLocalIdByCode(ctx.db, codes[0]!) : undefined;
  if (id === undefined) throw userError.notAllowed("kb.add.notAllowed");
  return { id };
}

export const addCommand = defineCommand({
  path: ["kb", "add"],
  opensForm: true,
  description: "kb.add.description",
  args: {},
  access: { roles: ["staff", "executive_director", "sublocal_officer"] },
  run(ctx): Reply {
    const audiences = publishableAudiences(ctx.roles);
    if (audiences.length === 0) throw userError.notAllowed("kb.add.notAllowed");
    return { visibility: "private", blocks: [], form: documentForm(ctx, "kb.add", audiences) };
  },
});

export const addForm = defineForm({
  id: "kb.add",
  fields,
  payload: z.null(),
  access: { roles: ["staff", "executive_director", "sublocal_officer"] },
  async submit(ctx, v) {
    const audiences = publishableAudiences(ctx.roles);
    if (!audiences.includes(v.audience)) throw new FieldErrors({ audience: "kb.add.audienceNotYours" });
    const { id: subLocalId } = await publishingSubLocal(ctx);
    const now = ctx.clock.now();
    const reviewBy = aYearOn(ctx.fmt.localDay(now));
    const tags = normaliseTags(v.tags);
    const doc = { title: v.title, body: v.body, kind: v.kind, audience: v.audience, audienceRank: audienceRank(v.audience), subLocalId, ownerId: ctx.person.id, reviewBy, language: ctx.locale.split("-")[0] === "zh" ? "zh-Hans" : ctx.locale.split("-")[0]!, tags, sourceLink: null, file: null };
    const id = await ctx.commitAsync(async (tx) => {
      const newId = await addDocument(tx, { ...doc, contentHash: contentHashOf({ ...doc, fileHash: null }) }, indexTextOf(doc), now);
      await scheduleReview(tx, ctx.store, { id: newId, ownerId: ctx.person.id, reviewBy }, ctx.fmt.timeZone);
      return newId;
    });
    await ctx.audit("kb.add", { type: "kb_document", id }, { kind: v.kind, audience: v.audience, subLocalId });
    return reply.private(reply.text(`📄 ${ctx.t("kb.add.done", { id, title: v.title, date: ctx.fmt.date(reviewBy) })}`), reply.context(ctx.t("kb.add.attachHint", { id })));
  },
});

/** The audiences the edit form offers: a translation has its original's and no other (it cannot be chosen). */
function audiencesFor(ctx: LinkedCtx, doc: KbDocumentRow): Audience[] {
  return doc.translationOf !== null ? [doc.audience as Audience] : editAudiences(ctx.person, ctx.roles, doc.audience as Audience);
}

/** A document the caller may change (see common.ts: one answer whatever the reason it can't be). */
export async function editable(ctx: LinkedCtx, id: number): Promise<KbDocumentRow> {
  try {
    return await changeable(ctx, id);
  } catch (e) {
    await ctx.audit("kb.edit.refused", { type: "kb_document", id });
    throw e;
  }
}

export const editCommand = defineCommand({
  path: ["kb", "edit"],
  opensForm: true,
  description: "kb.edit.description",
  args: { id: docIdArg(), how: arg.optional(arg.choice("kb.args.editHow", ["file"] as const)) },
  access: { linked: true },
  async run(ctx, { id, how }): Promise<Reply> {
    const doc = await editable(ctx, id);
    const audiences = audiencesFor(ctx, doc);
    if (doc.body.length <= FORM_BODY_MAX && how !== "file") return { visibility: "private", blocks: [], form: documentForm(ctx, "kb.edit", audiences, doc) };
    return { visibility: "private", blocks: [], form: longDocumentForm(ctx, audiences, doc), files: [{ name: textFileName(doc.id), mime: "text/markdown", data: doc.body, title: doc.title }] };
  },
});

export const editForm = defineForm({
  id: "kb.edit",
  fields: editFields,
  payload: z.object({ documentId: z.number().int().positive(), version: z.number().int().positive().optional(), viaFile: z.literal(true).optional() }),
  access: { linked: true },
  async submit(ctx, v, p) {
    const cur = await editable(ctx, p.documentId);
    // Saved by someone else since this form opened: saving would throw their change away.
    if (p.version !== undefined && p.version !== cur.version) throw userError.conflict("kb.edit.changedSince", { id: cur.id, version: cur.version });
    if (!audiencesFor(ctx, cur).includes(v.audience)) throw new FieldErrors({ audience: "kb.add.audienceNotYours" });
    const body = p.viaFile ? bodyFromUpload(ctx, cur) : v.body;
    if (body === undefined) throw new FieldErrors({ body: "kb.edit.bodyMissing" });
    const now = ctx.clock.now();
    const tags = normaliseTags(v.tags);
    const doc = { title: v.title, body, kind: v.kind, audience: v.audience, audienceRank: audienceRank(v.audience), subLocalId: cur.subLocalId, ownerId: cur.ownerId, reviewBy: cur.reviewBy, language: cur.language, tags, sourceLink: cur.sourceLink };
    // An original's translations may now be behind it: their owners are told, with the edit.
    const translations = cur.translationOf === null ? await translationsOfDocument(ctx.db, cur.id) : [];
    const behind = await translationsNotYetBehind(ctx.db, cur.id, translations);
    const viewer = await viewerOf(ctx);
    const row = await ctx.commitAsync(async (tx) => {
      const saved = await editDocument(tx, cur.id, { viewer }, { ...doc, contentHash: contentHashOf({ ...doc, fileHash: cur.fileHash }) }, indexTextOf(doc), ctx.person.id, now);
      if (saved) await tellTranslationOwners(tx, ctx.store, saved, behind, ctx.person.id, now, ctx.fmt.timeZone);
      return saved;
    });
    if (!row) throw userError.notFound("kb.edit.notYours", { id: cur.id });
    await ctx.audit("kb.edit", { type: "kb_document", id: cur.id }, { version: row!.version, viaFile: Boolean(p.viaFile), ...(translations.length ? { translations: translations.length } : {}) });
    return reply.private(
      reply.text(`✏️ ${ctx.t("kb.edit.done", { id: cur.id, title: v.title, version: row!.version })}`),
      ...(translations.length ? [reply.context(`🌐 ${ctx.t("kb.languages.markedBehind", { id: cur.id, count: translations.length })}`)] : []),
    );
  },
});

/** The whole new text from the attached file, or the current text when no file was attached. */
function bodyFromUpload(ctx: LinkedCtx, cur: KbDocumentRow): string {
  const upload = ctx.uploads?.bodyFile?.[0];
  if (!upload) return cur.body;
  const read = textOfFile(upload.data);
  if (!read.ok) throw new FieldErrors({ bodyFile: `kb.edit.file.${read.reason}` });
  return read.text;
}
