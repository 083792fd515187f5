// What every knowledge-base command needs: the viewer's audience, a document's sub-local code and
// how a document is described in a list.
import type { KbDocumentRow, KbViewer } from "../../db/kb.ts";
import { subLocalCodeById } from "../../db/kb-sublocals.ts";
import { z } from "zod";
import { arg, type ArgSpec } from "../core/args.ts";
import type { LinkedCtx } from "../core/command.ts";
import { audienceOf, audienceRank, seesAllSubLocals } from "./rules.ts";

export function viewerOf(ctx: LinkedCtx): KbViewer {
  return { audienceRank: audienceRank(audienceOf(ctx.person, ctx.roles)), subLocalId: ctx.person.subLocalId, seesAllSubLocals: seesAllSubLocals(ctx.roles) };
}

export function subLocalCodeOf(ctx: LinkedCtx, doc: Pick<KbDocumentRow, "subLocalId">): string | null {
  return doc.subLocalId === null ? null : (subLocalCodeById(ctx.store, doc.subLocalId) ?? null);
}

/** "Steward guide · officer guide · stewards" style detail line. */
export function docDetail(ctx: LinkedCtx, doc: Pick<KbDocumentRow, "id" | "kind" | "audience" | "needsUpdate" | "fileName">): string {
  const parts = [`#${doc.id}`, ctx.t(`kb.kinds.${doc.kind}`)];
  if (doc.audience) parts.push(ctx.t(`kb.audiences.${doc.audience}`));
  if (doc.fileName) parts.push(`📎 ${doc.fileName}`);
  if (doc.needsUpdate) parts.push(`⚠️ ${ctx.t("kb.flaggedShort")}`);
  return parts.join(" · ");
}

/** A document number, typed ("12") or picked by title from Discord's autocomplete. */
export function docIdArg(): ArgSpec<number, true> {
  return { ...arg.string("kb.args.id", { maxLength: 12, autocomplete: "kb.title" }), schema: z.coerce.number().int().positive().max(2 ** 31) } as unknown as ArgSpec<number, true>;
}
