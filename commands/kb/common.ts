// What every knowledge-base command needs: the viewer's audience, a document's sub-local code and
// how a document is described in a list.
import type { KbDocumentRow } from "../../db/kb.ts";
import type { KbViewer } from "../../db/kb-access.ts";
import { editableDocument } from "../../db/kb-access.ts";
import { subLocalCodeById, subLocalIdByCode } from "../../db/kb-sublocals.ts";
import { activeRoles } from "../../db/roles.ts";
import { personById } from "../../db/people.ts";
import type { Store } from "../../db/store.ts";
import { data, type Db } from "../../db/data.ts";
import { userError } from "../core/errors.ts";
import { z } from "zod";
import { arg, type ArgSpec } from "../core/args.ts";
import type { LinkedCtx } from "../core/command.ts";
import type { ActiveRole } from "../core/roles.ts";
import { kbViewer } from "./rules.ts";

/** The sub-local ids of the codes these roles are scoped to, read once for kbViewer. */
async function subLocalIdsOf(db: Db, roles: readonly ActiveRole[]): Promise<(code: string) => number | undefined> {
  const ids = new Map<string, number | undefined>();
  for (const r of roles) if (r.scopeType === "sublocal" && r.scopeId !== null && !ids.has(r.scopeId)) ids.set(r.scopeId, await subLocalIdByCode(db, r.scopeId));
  return (code) => ids.get(code);
}

/** The caller as a knowledge-base viewer: every read and write of a document goes through it. */
export async function viewerOf(ctx: LinkedCtx): Promise<KbViewer> {
  return kbViewer(ctx.person, ctx.roles, await subLocalIdsOf(ctx.db, ctx.roles));
}

/** Someone who is not the caller (the owner a review job writes to), with the roles they hold at `at`. */
export async function viewerOfPerson(store: Store, personId: number, at: Date): Promise<KbViewer | null> {
  const person = await personById(data(store), personId);
  if (!person) return null;
  const db = data(store);
  const roles = (await activeRoles(db, personId, at)) as ActiveRole[];
  return kbViewer(person, roles, await subLocalIdsOf(db, roles));
}

/**
 * A document the caller may change, else one answer for every reason it can't be (no such
 * document, not theirs to see, not theirs to change): the words never tell those apart.
 */
export async function changeable(ctx: LinkedCtx, id: number): Promise<KbDocumentRow> {
  const doc = await editableDocument(ctx.db, id, await viewerOf(ctx));
  if (!doc) throw userError.notFound("kb.edit.notYours", { id });
  return doc;
}

export async function subLocalCodeOf(ctx: LinkedCtx, doc: Pick<KbDocumentRow, "subLocalId">): Promise<string | null> {
  return doc.subLocalId === null ? null : ((await subLocalCodeById(ctx.db, doc.subLocalId)) ?? null);
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
