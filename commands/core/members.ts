// Finding the member a command names: by member number or by chat mention. A core service, as
// several areas (accounts, roles, contacts) name members the same way and must refuse the same way.
import { findIdentity } from "../../db/identities.ts";
import { personById, personByNumber, type PersonRecord } from "../../db/people.ts";
import type { MemberRef } from "./args.ts";
import type { Ctx } from "./command.ts";
import { userError } from "./errors.ts";

export async function resolveMember(ctx: Ctx, ref: MemberRef): Promise<PersonRecord> {
  if ("memberNumber" in ref) {
    const p = (await personByNumber(ctx.db, ref.memberNumber)) ?? (await personByNumber(ctx.db, ref.memberNumber.replace(/^[A-Z]+-?/, "")));
    if (!p) throw userError.notFound("core.member.notFound", { ref: ref.memberNumber });
    return p;
  }
  const ident = await findIdentity(ctx.db, { platform: ctx.platform, workspaceId: ctx.actor.workspaceId, userId: ref.userId });
  const p = ident ? await personById(ctx.db, ident.personId) : null;
  if (!p) throw userError.notFound("core.member.userNotLinked");
  return p;
}
