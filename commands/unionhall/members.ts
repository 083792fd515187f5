// Finding the member a command names: by member number or by chat mention.
import { findIdentity } from "../../db/identities.ts";
import { personById, personByNumber, type PersonRecord } from "../../db/people.ts";
import type { MemberRef } from "../core/args.ts";
import type { Ctx } from "../core/command.ts";
import { userError } from "../core/errors.ts";

export async function resolveMember(ctx: Ctx, ref: MemberRef): Promise<PersonRecord> {
  if ("memberNumber" in ref) {
    const p = (await personByNumber(ctx.store, ref.memberNumber)) ?? (await personByNumber(ctx.store, ref.memberNumber.replace(/^[A-Z]+-?/, "")));
    if (!p) throw userError.notFound("unionhall.member.notFound", { ref: ref.memberNumber });
    return p;
  }
  const ident = await findIdentity(ctx.store, { platform: ctx.platform, workspaceId: ctx.actor.workspaceId, userId: ref.userId });
  const p = ident ? await personById(ctx.store, ident.personId) : null;
  if (!p) throw userError.notFound("unionhall.member.userNotLinked");
  return p;
}
