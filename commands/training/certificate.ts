// The small PDF certificate a person gets on finishing a module, in their language.
import { displayName } from "../../db/people.ts";
import type { TrainingModuleRow } from "../../db/training.ts";
import type { LinkedCtx } from "../core/command.ts";
import { renderPdf } from "../core/pdf.ts";
import type { FileAttachment } from "../core/reply.ts";

export async function certificateFile(ctx: LinkedCtx, mod: TrainingModuleRow, at: Date): Promise<FileAttachment> {
  const vars = { name: displayName(ctx.person), title: mod.title, date: ctx.fmt.date(at) };
  const data = await renderPdf({
    title: ctx.t("training.certificate.title"),
    subtitle: mod.title,
    locale: ctx.locale,
    blocks: [
      { kind: "paragraph", text: ctx.t("training.certificate.text", vars) },
      { kind: "note", text: ctx.t("training.certificate.note", { slug: mod.slug, version: mod.version, member: ctx.person.memberNumber }) },
    ],
  });
  return { name: `certificate-${mod.slug}.pdf`, mime: "application/pdf", data, title: ctx.t("training.certificate.title") };
}
