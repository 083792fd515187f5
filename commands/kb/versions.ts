// `/kb history ID [VERSION]` (every version, with what each edit changed; one version's whole
// text) and `/kb restore ID VERSION` (staff: an earlier text becomes the current one, as a new
// version, so nothing is lost). Versions are read through the viewer-scoped reads of
// db/kb-access.ts: a version is shown only to who may see the document now and could see it then.
import { editDocument, type KbDocumentRow, type KbVersionRow } from "../../db/kb.ts";
import { mayChange, versionOf, versionsOf, visibleDocument } from "../../db/kb-access.ts";
import { personById, displayName } from "../../db/people.ts";
import { arg } from "../core/args.ts";
import { defineCommand, type LinkedCtx } from "../core/command.ts";
import { userError } from "../core/errors.ts";
import { reply, type Block, type FileAttachment } from "../core/reply.ts";
import { STAFF } from "../core/roles.ts";
import { textFileName } from "./bodyfile.ts";
import { changeable, docIdArg, viewerOf } from "./common.ts";
import { contentHashOf, indexTextOf } from "./content.ts";
import { cutAtWord, plainText } from "./text.ts";
import { lazy } from "../core/lazy.ts";

const diff = lazy<typeof import("diff")>("diff");

/** Text shown in a message before the rest goes into the attached file. */
const SHOWN = 2500;
/** Changed lines shown under each version. */
const CHANGED_LINES = 4;

async function seen(ctx: LinkedCtx, id: number): Promise<KbDocumentRow> {
  const doc = await visibleDocument(ctx.db, id, await viewerOf(ctx));
  if (!doc) {
    await ctx.audit("kb.view.refused", { type: "kb_document", id });
    throw userError.notFound("kb.notFound", { id });
  }
  return doc;
}

interface Text {
  version: number;
  title: string;
  body: string;
}

/** What an edit changed, in lines: how many added and removed, and the first few of them. */
export function changes(before: string, after: string): { added: number; removed: number; lines: string[] } {
  let added = 0;
  let removed = 0;
  const lines: string[] = [];
  for (const part of diff().diffLines(before, after)) {
    if (!part.added && !part.removed) continue;
    const partLines = part.value.replace(/\n$/, "").split("\n");
    if (part.added) added += partLines.length;
    else removed += partLines.length;
    for (const l of partLines) {
      const shown = plainText(l);
      if (shown && lines.length < CHANGED_LINES) lines.push(`${part.added ? "+" : "−"} ${cutAtWord(shown, 100)}`);
    }
  }
  return { added, removed, lines };
}

async function nameOf(ctx: LinkedCtx, personId: number | null): Promise<string> {
  const p = personId ? await personById(ctx.db, personId) : null;
  return p ? displayName(p) : "—";
}

export const historyCommand = defineCommand({
  path: ["kb", "history"],
  description: "kb.history.description",
  args: { id: docIdArg(), version: arg.optional(arg.integer("kb.args.version", { min: 1, max: 1_000_000 })) },
  access: { linked: true },
  async run(ctx, { id, version }) {
    const doc = await seen(ctx, id);
    const earlier = await versionsOf(ctx.db, doc.id, await viewerOf(ctx));
    if (version !== undefined) return oneVersion(ctx, doc, earlier, version);
    // Oldest first, to tell each version from the one before it; every KbVersion row records who
    // replaced it and when, which is who saved the next version.
    const texts: Text[] = [...earlier].reverse().map((v) => ({ version: v.version, title: v.title, body: v.body }));
    texts.push({ version: doc.version, title: doc.title, body: doc.body });
    const savedBy = new Map<number, KbVersionRow>(earlier.map((v) => [v.version + 1, v]));
    const items = [];
    for (let i = texts.length - 1; i >= 0; i--) {
      const t = texts[i]!;
      const prev = texts[i - 1];
      const row = savedBy.get(t.version);
      const when = row ? ctx.fmt.dateTime(new Date(row.editedAt)) : t.version === 1 ? ctx.fmt.dateTime(new Date(doc.createdAt)) : null;
      const parts = [when ? ctx.t("kb.history.saved", { when, by: row ? await nameOf(ctx, row.editedById) : "—" }) : null];
      if (t.version === 1) parts.push(ctx.t("kb.history.first"));
      else if (prev && prev.version === t.version - 1) {
        const c = changes(prev.body, t.body);
        if (prev.title !== t.title) parts.push(ctx.t("kb.history.titleChanged", { before: prev.title }));
        parts.push(c.added || c.removed ? ctx.t("kb.history.lines", { added: c.added, removed: c.removed }) : ctx.t("kb.history.sameText"));
        if (c.lines.length) parts.push(`\n${c.lines.join("\n")}`);
      } else parts.push(ctx.t("kb.history.notShown"));
      const label = t.version === doc.version ? ctx.t("kb.history.current", { version: t.version, title: t.title }) : ctx.t("kb.history.version", { version: t.version, title: t.title });
      items.push({ text: label, detail: parts.filter(Boolean).join(" · ").replace(" · \n", "\n") });
    }
    const blocks: Block[] = [reply.list(ctx.t("kb.history.title", { id: doc.id }), items), reply.context(ctx.t("kb.history.openHint", { id: doc.id }))];
    if (isStaffCtx(ctx) && (await mayChange(ctx.db, doc.id, await viewerOf(ctx)))) blocks.push(reply.context(ctx.t("kb.history.restoreHint", { id: doc.id })));
    return reply.private(...blocks);
  },
});

function isStaffCtx(ctx: LinkedCtx): boolean {
  return ctx.roles.some((r) => STAFF.includes(r.role));
}

/** One version's whole text: in the message when short, else its start and the whole as a .md file. */
async function oneVersion(ctx: LinkedCtx, doc: KbDocumentRow, earlier: KbVersionRow[], version: number) {
  const v: Text | undefined = version === doc.version ? doc : earlier.find((x) => x.version === version);
  if (!v) throw userError.notFound("kb.history.noVersion", { id: doc.id, version });
  const long = v.body.length > SHOWN;
  const title = version === doc.version ? ctx.t("kb.history.current", { version, title: v.title }) : ctx.t("kb.history.version", { version, title: v.title });
  const blocks: Block[] = [reply.section(title, [], long ? cutAtWord(v.body, SHOWN) : v.body)];
  const files: FileAttachment[] = [];
  if (long) {
    blocks.push(reply.context(ctx.t("kb.show.fullInFile")));
    files.push({ name: textFileName(doc.id, version), mime: "text/markdown", data: v.body, title: v.title });
  }
  if (version !== doc.version && isStaffCtx(ctx) && (await mayChange(ctx.db, doc.id, await viewerOf(ctx)))) blocks.push(reply.context(ctx.t("kb.history.restoreThis", { id: doc.id, version })));
  return { ...reply.private(...blocks), files };
}

export const restoreCommand = defineCommand({
  path: ["kb", "restore"],
  description: "kb.restore.description",
  args: { id: docIdArg(), version: arg.integer("kb.args.version", { min: 1, max: 1_000_000 }) },
  access: { roles: STAFF },
  async run(ctx, { id, version }) {
    const viewer = await viewerOf(ctx);
    const cur = await changeable(ctx, id);
    if (version === cur.version) throw userError.conflict("kb.restore.isCurrent", { id: cur.id, version });
    const old = await versionOf(ctx.db, cur.id, version, viewer);
    if (!old) {
      await ctx.audit("kb.restore.refused", { type: "kb_document", id: cur.id }, { version });
      throw userError.notFound("kb.history.noVersion", { id: cur.id, version });
    }
    // The text, title, kind, tags and file come back; who may see it, its owner and its check
    // date stay as they are now (restoring words must not quietly widen or narrow the audience).
    const file = old.fileHash ? { hash: old.fileHash, name: old.fileName!, mime: old.fileMime!, size: old.fileSize! } : null;
    const doc = { title: old.title, body: old.body, kind: old.kind ?? cur.kind, audience: cur.audience, audienceRank: cur.audienceRank, subLocalId: cur.subLocalId, ownerId: cur.ownerId, reviewBy: cur.reviewBy, language: cur.language, tags: old.tags ?? cur.tags, sourceLink: cur.sourceLink };
    const row = await ctx.commitAsync((tx) => editDocument(tx, cur.id, { viewer }, { ...doc, file, contentHash: contentHashOf({ ...doc, fileHash: file?.hash ?? null }) }, indexTextOf(doc), ctx.person.id, ctx.clock.now()));
    if (!row) throw userError.notFound("kb.edit.notYours", { id: cur.id });
    await ctx.audit("kb.restore", { type: "kb_document", id: cur.id }, { restored: version, replaced: cur.version, version: row.version });
    return reply.private(reply.text(`↩️ ${ctx.t("kb.restore.done", { id: cur.id, restored: version, version: row.version, replaced: cur.version, title: old.title })}`));
  },
});
