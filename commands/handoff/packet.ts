// `/handoff packet SUB-LOCAL`: everything an incoming officer needs, from every area's
// Feature.handoff (an area adds its section without touching this file). One failing area is left
// out and logged; the rest still comes. Sent as chat sections, a Markdown file and a PDF.
import { z } from "zod";
import { hasStaffOnlyNotes, subLocalRow, type SubLocalRow } from "../../db/handoff.ts";
import { isStaff } from "../core/roles.ts";
import { arg } from "../core/args.ts";
import { defineAction, defineCommand, type HandoffSection, type LinkedCtx } from "../core/command.ts";
import { userError } from "../core/errors.ts";
import { renderPdf, type PdfBlock } from "../core/pdf.ts";
import { reply, type Block, type Reply } from "../core/reply.ts";
import { markdownToPdfBlocks, mayViewPacket } from "./rules.ts";

export async function collectSections(ctx: LinkedCtx, sl: SubLocalRow): Promise<HandoffSection[]> {
  const sections: HandoffSection[] = [];
  for (const f of ctx.registry.features) {
    if (!f.handoff) continue;
    try {
      const s = await f.handoff(ctx, { id: sl.id, code: sl.code, name: sl.name });
      if (s) sections.push(s);
    } catch (e) {
      ctx.log.warn("handoff.section.failed", { area: f.area, error: e instanceof Error ? e.name : "unknown" });
    }
  }
  // Notes from past officers close the packet, whatever order the areas are registered in.
  return [...sections.filter((s) => s.area !== "handoff"), ...sections.filter((s) => s.area === "handoff")];
}

export async function packetReply(ctx: LinkedCtx, code: string): Promise<Reply> {
  const sl = await subLocalRow(ctx.db, code);
  // Not told apart from "not allowed": who may not see a packet learns nothing about the sub-local.
  if (!sl || !mayViewPacket(ctx.roles, sl)) {
    await ctx.audit("handoff.denied", { type: "sublocal", id: code.slice(0, 20) });
    throw userError.notAllowed("handoff.packet.notAllowed", { code });
  }
  const sections = await collectSections(ctx, sl);
  // Only what is true: staff may be reading notes kept for staff because they hold personal data.
  const privacy = ctx.t(isStaff(ctx.roles) && (await hasStaffOnlyNotes(ctx.db, sl.id)) ? "handoff.packet.privacyStaff" : "handoff.packet.privacy");
  const now = ctx.clock.now();
  const title = ctx.t("handoff.packet.title", { code: sl.code, name: sl.name });
  const intro = ctx.t("handoff.packet.intro", { date: ctx.fmt.date(now) });
  const blocks: Block[] = [reply.section(title, [], intro)];
  for (const s of sections) blocks.push({ type: "divider" }, ...s.blocks);
  if (sections.length === 0) blocks.push(reply.context(ctx.t("handoff.packet.empty")));
  blocks.push(reply.context(privacy));
  const markdown = [`# ${title}`, "", intro, "", ...sections.map((s) => s.markdown.trimEnd() + "\n"), `_${privacy}_`, ""].join("\n");
  // The intro is the PDF's subtitle already: not repeated as a paragraph.
  const pdfBlocks: PdfBlock[] = [];
  for (const s of sections) {
    pdfBlocks.push(...markdownToPdfBlocks(s.markdown));
    for (const f of s.files ?? []) if (f.mime === "image/png" && Buffer.isBuffer(f.data)) pdfBlocks.push({ kind: "image", png: f.data, alt: f.title ?? f.name });
  }
  const pdf = await renderPdf({ title, subtitle: intro, locale: ctx.locale, blocks: pdfBlocks, footer: privacy });
  await ctx.audit("handoff.packet", { type: "sublocal", id: sl.id }, { sections: sections.map((s) => s.area).join(",") });
  const slug = sl.code.toLowerCase();
  return {
    ...reply.private(...blocks),
    files: [
      { name: `handoff-${slug}.md`, mime: "text/markdown", data: markdown, title },
      { name: `handoff-${slug}.pdf`, mime: "application/pdf", data: pdf, title },
      ...sections.flatMap((s) => s.files ?? []),
    ],
  };
}

export const packetCommand = defineCommand({
  path: ["handoff", "packet"],
  description: "handoff.packet.description",
  args: { code: arg.string("handoff.packet.argSubLocal", { maxLength: 20 }) },
  access: { linked: true },
  examples: ["handoff.packet.example"],
  run: (ctx, args) => packetReply(ctx, args.code),
});

/** The "Open the handoff packet" button in a new officer's welcome. */
export const packetAction = defineAction({
  id: "handoff.packet",
  payload: z.object({ code: z.string().max(20) }),
  access: { linked: true },
  run: (ctx, p) => packetReply(ctx, p.code),
});
