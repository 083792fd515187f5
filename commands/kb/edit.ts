// `/kb add` and `/kb edit ID`: staff for any document, officers for their sub-local's own. A form
// of five fields (it fits a Discord modal); an edit keeps the previous text as a version.
import { z } from "zod";
import { addDocument, editDocument } from "../../db/kb.ts";
import { subLocalIdByCode } from "../../db/kb-sublocals.ts";
import { changeable, docIdArg, viewerOf } from "./common.ts";
import { defineCommand, defineForm, type LinkedCtx } from "../core/command.ts";
import { FieldErrors, userError } from "../core/errors.ts";
import { reply, type Form, type Reply } from "../core/reply.ts";
import { contentHashOf, indexTextOf, normaliseTags } from "./content.ts";
import { scheduleReview } from "./review.ts";
import { addableSubLocals, audienceRank, AUDIENCES, aYearOn, editAudiences, KINDS, publishableAudiences, type Audience } from "./rules.ts";
import type { KbDocumentRow } from "../../db/kb.ts";

const MAX_BODY = 3000; // Slack's limit for a multi-line input

function documentForm(ctx: LinkedCtx, id: "kb.add" | "kb.edit", audiences: Audience[], initial?: KbDocumentRow): Form {
  const t = ctx.t;
  return {
    form: id,
    title: t(id === "kb.add" ? "kb.add.formTitle" : "kb.edit.formTitle"),
    intro: t("kb.add.intro"),
    submitLabel: t("kb.add.submit"),
    payload: initial ? { documentId: initial.id } : null,
    fields: [
      { name: "title", label: t("kb.fields.title"), kind: "text", required: true, maxLength: 200, ...(initial ? { initial: initial.title } : {}) },
      { name: "kind", label: t("kb.fields.kind"), kind: "select", required: true, options: KINDS.map((k) => ({ value: k, label: t(`kb.kinds.${k}`) })), ...(initial ? { initial: initial.kind } : {}) },
      { name: "audience", label: t("kb.fields.audience"), kind: "select", required: true, options: audiences.map((a) => ({ value: a, label: t(`kb.audiences.${a}`) })), initial: initial?.audience ?? "members" },
      { name: "body", label: t("kb.fields.body"), kind: "textarea", required: true, maxLength: MAX_BODY, hint: t("kb.fields.bodyHint"), ...(initial ? { initial: initial.body.slice(0, MAX_BODY) } : {}) },
      { name: "tags", label: t("kb.fields.tags"), kind: "text", maxLength: 200, hint: t("kb.fields.tagsHint"), ...(initial && initial.tags ? { initial: initial.tags } : {}) },
    ],
  };
}

const fields = z.object({
  title: z.string().trim().min(1).max(200),
  kind: z.enum(KINDS),
  audience: z.enum(AUDIENCES),
  body: z.string().trim().min(1).max(MAX_BODY),
  tags: z.string().trim().max(200).optional(),
});

/** The sub-local an officer publishes for (their first), or null for staff (statewide). */
function publishingSubLocal(ctx: LinkedCtx): { id: number | null } {
  const codes = addableSubLocals(ctx.roles);
  if (codes === null) return { id: null };
  const id = codes.length ? subLocalIdByCode(ctx.store, codes[0]!) : undefined;
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
  submit(ctx, v) {
    const audiences = publishableAudiences(ctx.roles);
    if (!audiences.includes(v.audience)) throw new FieldErrors({ audience: "kb.add.audienceNotYours" });
    const { id: subLocalId } = publishingSubLocal(ctx);
    const now = ctx.clock.now();
    const reviewBy = aYearOn(ctx.fmt.localDay(now));
    const tags = normaliseTags(v.tags);
    const doc = { title: v.title, body: v.body, kind: v.kind, audience: v.audience, audienceRank: audienceRank(v.audience), subLocalId, ownerId: ctx.person.id, reviewBy, language: ctx.locale.split("-")[0] === "zh" ? "zh-Hans" : ctx.locale.split("-")[0]!, tags, sourceLink: null, file: null };
    const id = ctx.commit(() =>
      addDocument(ctx.store, { ...doc, contentHash: contentHashOf({ ...doc, fileHash: null }) }, indexTextOf(doc), now, (newId) =>
        scheduleReview(ctx.store, { id: newId, ownerId: ctx.person.id, reviewBy }, ctx.fmt.timeZone),
      ),
    );
    ctx.audit("kb.add", { type: "kb_document", id }, { kind: v.kind, audience: v.audience, subLocalId });
    return reply.private(reply.text(`📄 ${ctx.t("kb.add.done", { id, title: v.title, date: ctx.fmt.date(reviewBy) })}`), reply.context(ctx.t("kb.add.attachHint", { id })));
  },
});

/** A document the caller may change (see common.ts: one answer whatever the reason it can't be). */
export function editable(ctx: LinkedCtx, id: number): KbDocumentRow {
  try {
    return changeable(ctx, id);
  } catch (e) {
    ctx.audit("kb.edit.refused", { type: "kb_document", id });
    throw e;
  }
}

export const editCommand = defineCommand({
  path: ["kb", "edit"],
  opensForm: true,
  description: "kb.edit.description",
  args: { id: docIdArg() },
  access: { linked: true },
  run(ctx, { id }): Reply {
    const doc = editable(ctx, id);
    return { visibility: "private", blocks: [], form: documentForm(ctx, "kb.edit", editAudiences(ctx.person, ctx.roles, doc.audience as Audience), doc) };
  },
});

export const editForm = defineForm({
  id: "kb.edit",
  fields,
  payload: z.object({ documentId: z.number().int().positive() }),
  access: { linked: true },
  submit(ctx, v, p) {
    const cur = editable(ctx, p.documentId);
    if (!editAudiences(ctx.person, ctx.roles, cur.audience as Audience).includes(v.audience)) throw new FieldErrors({ audience: "kb.add.audienceNotYours" });
    const now = ctx.clock.now();
    const tags = normaliseTags(v.tags);
    const doc = { title: v.title, body: v.body, kind: v.kind, audience: v.audience, audienceRank: audienceRank(v.audience), subLocalId: cur.subLocalId, ownerId: cur.ownerId, reviewBy: cur.reviewBy, language: cur.language, tags, sourceLink: cur.sourceLink };
    const row = ctx.commit(() => editDocument(ctx.store, cur.id, { viewer: viewerOf(ctx) }, { ...doc, contentHash: contentHashOf({ ...doc, fileHash: cur.fileHash }) }, indexTextOf(doc), ctx.person.id, now));
    if (!row) throw userError.notFound("kb.edit.notYours", { id: cur.id });
    ctx.audit("kb.edit", { type: "kb_document", id: cur.id }, { version: row!.version });
    return reply.private(reply.text(`✏️ ${ctx.t("kb.edit.done", { id: cur.id, title: v.title, version: row!.version })}`));
  },
});
