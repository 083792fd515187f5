// `/kb attach ID`: a form with one file field (Slack file input, Discord file upload, a file
// picker in the playground). The file's type is judged from its bytes; it is stored once by
// content hash, and the document keeps its previous file in its history.
import { z } from "zod";
import { MAX_FILE_BYTES, saveFile } from "../../db/kb-files.ts";
import { editDocument } from "../../db/kb.ts";
import { defineCommand, defineForm } from "../core/command.ts";
import { FieldErrors, userError } from "../core/errors.ts";
import { reply, type Reply } from "../core/reply.ts";
import { docIdArg, viewerOf } from "./common.ts";
import { contentHashOf, indexTextOf } from "./content.ts";
import { editable } from "./edit.ts";
import { checkFile } from "./filetype.ts";

const ACCEPT = ["pdf", "png", "jpg", "jpeg", "svg", "docx"];

export const attachCommand = defineCommand({
  path: ["kb", "attach"],
  opensForm: true,
  description: "kb.attach.description",
  args: { id: docIdArg() },
  access: { linked: true },
  async run(ctx, { id }): Promise<Reply> {
    const doc = await editable(ctx, id);
    return {
      visibility: "private",
      blocks: [],
      form: {
        form: "kb.attach",
        title: ctx.t("kb.attach.formTitle"),
        intro: ctx.t("kb.attach.intro", { title: doc.title }),
        submitLabel: ctx.t("kb.add.submit"),
        payload: { documentId: doc.id },
        fields: [{ name: "file", label: ctx.t("kb.attach.field"), kind: "file", required: true, accept: ACCEPT, hint: ctx.t("kb.attach.hint") }],
      },
    };
  },
});

export const attachForm = defineForm({
  id: "kb.attach",
  fields: z.object({ file: z.string().max(400).optional() }),
  payload: z.object({ documentId: z.number().int().positive() }),
  access: { linked: true },
  async submit(ctx, _v, p) {
    const cur = await editable(ctx, p.documentId);
    const upload = ctx.uploads?.file?.[0];
    if (!upload) throw new FieldErrors({ file: "kb.attach.noFile" });
    const check = await checkFile(upload.data, upload.name, MAX_FILE_BYTES);
    if (!check.ok) throw new FieldErrors({ file: check.reason === "tooLarge" ? "core.errors.uploadTooLarge" : check.reason === "empty" ? "kb.attach.empty" : "kb.attach.notAllowed" });
    const hash = await saveFile(ctx.store, upload.data);
    const doc = { title: cur.title, body: cur.body, kind: cur.kind, audience: cur.audience, audienceRank: cur.audienceRank, subLocalId: cur.subLocalId, ownerId: cur.ownerId, reviewBy: cur.reviewBy, language: cur.language, tags: cur.tags, sourceLink: cur.sourceLink };
    const file = { hash, name: check.name, mime: check.mime, size: upload.data.length };
    const viewer = await viewerOf(ctx);
    const row = await ctx.commitAsync((tx) => editDocument(tx, cur.id, { viewer }, { ...doc, file, contentHash: contentHashOf({ ...doc, fileHash: hash }) }, indexTextOf(doc), ctx.person.id, ctx.clock.now()));
    if (!row) throw userError.notFound("kb.edit.notYours", { id: cur.id });
    await ctx.audit("kb.attach", { type: "kb_document", id: cur.id }, { mime: check.mime, size: upload.data.length, version: row!.version });
    return reply.private(reply.text(`📎 ${ctx.t("kb.attach.done", { name: check.name, id: cur.id, title: cur.title })}`));
  },
});
