// `/kb show ID` (the document, with its file attached) and `/kb history ID` (its versions).
// A document the person may not see is answered exactly like one that does not exist.
import { readFile } from "../../db/kb-files.ts";
import { mayChange, recentDocuments } from "../../db/kb-access.ts";
import { personById, displayName } from "../../db/people.ts";
import { docIdArg } from "./common.ts";
import { defineCommand, type LinkedCtx } from "../core/command.ts";
import { userError } from "../core/errors.ts";
import { cutMarkdown } from "../core/markdown.ts";
import { reply, type Block, type FileAttachment, type FileMime } from "../core/reply.ts";
import { docDetail, viewerOf } from "./common.ts";
import { forReader, itemsForReader, otherLanguagesLine, type ReaderDocument } from "./languages.ts";

const SHOWN = 2500;

async function seen(ctx: LinkedCtx, id: number): Promise<ReaderDocument> {
  const doc = await forReader(ctx, id);
  if (!doc) {
    await ctx.audit("kb.view.refused", { type: "kb_document", id });
    throw userError.notFound("kb.notFound", { id });
  }
  return doc;
}

export const showCommand = defineCommand({
  path: ["kb", "show"],
  description: "kb.show.description",
  args: { id: docIdArg() },
  access: { linked: true },
  async run(ctx, { id }) {
    const { doc, note, others } = await seen(ctx, id);
    const owner = doc.ownerId ? await personById(ctx.db, doc.ownerId) : null;
    const shown = cutMarkdown(doc.body, SHOWN);
    const long = shown.cut;
    const fields = [
      { label: ctx.t("kb.fields.kind"), value: ctx.t(`kb.kinds.${doc.kind}`) },
      { label: ctx.t("kb.fields.audience"), value: ctx.t(`kb.audiences.${doc.audience}`) },
      { label: ctx.t("kb.show.owner"), value: owner ? displayName(owner) : "—" },
      { label: ctx.t("kb.show.reviewBy"), value: ctx.fmt.date(doc.reviewBy) },
      { label: ctx.t("kb.show.version"), value: String(doc.version) },
    ];
    if (doc.tags) fields.push({ label: ctx.t("kb.fields.tags"), value: doc.tags });
    if (doc.sourceLink) fields.push({ label: ctx.t("kb.show.source"), value: doc.sourceLink });
    const blocks: Block[] = [];
    if (note) blocks.push(reply.context(`🌐 ${note}`));
    blocks.push(reply.section(doc.title, fields), reply.markdown(long ? `${shown.text}\n\n…` : shown.text));
    const also = otherLanguagesLine(ctx, others);
    if (also) blocks.push(reply.context(also));
    if (doc.needsUpdate) blocks.push(reply.context(`⚠️ ${ctx.t("kb.show.flagged")}`));
    if (long) blocks.push(reply.context(ctx.t("kb.show.fullInFile")));
    const files: FileAttachment[] = [];
    if (doc.fileHash) {
      const bytes = await readFile(ctx.store, doc.fileHash);
      if (bytes) files.push({ name: doc.fileName ?? "file", mime: (doc.fileMime ?? "application/octet-stream") as FileMime, data: bytes, title: doc.title });
      else blocks.push(reply.context(ctx.t("kb.show.fileMissing")));
    }
    if (long) files.push({ name: `kb-${doc.id}.md`, mime: "text/markdown", data: `# ${doc.title}\n\n${doc.body}\n`, title: doc.title });
    if (await mayChange(ctx.db, doc.id, await viewerOf(ctx))) blocks.push(reply.context(ctx.t("kb.show.editHint", { id: doc.id })));
    return { ...reply.private(...blocks), files };
  },
});

/** Home: what was added or changed lately, for this person's audience. */
export async function kbHome(ctx: LinkedCtx): Promise<Block[]> {
  // Each item once, in the reader's language: read enough rows for five items of up to five languages.
  const docs = (await itemsForReader(ctx, await recentDocuments(ctx.db, await viewerOf(ctx), 25))).slice(0, 5);
  if (docs.length === 0) return [];
  return [reply.list(ctx.t("kb.home.title"), docs.map((d) => ({ text: d.title, detail: `${docDetail(ctx, d)} · ${ctx.fmt.date(new Date(d.updatedAt))}` })))];
}
