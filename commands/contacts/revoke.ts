// `/contacts revoke GRANT`: whoever may approve a grant's request (or staff) can end it early.
// Access stops at once and the grantee is told that nothing may be retained.
import { grantById, markReminded, requestById, revokeGrant } from "../../db/contacts.ts";
import { displayName, personById } from "../../db/people.ts";
import { arg } from "../core/args.ts";
import { defineCommand } from "../core/command.ts";
import { userError } from "../core/errors.ts";
import { reply } from "../core/reply.ts";
import { isStaff } from "../core/roles.ts";
import { notice } from "../core/notice.ts";
import { grantEndedNotice } from "./common.ts";
import { mayDecide } from "./policy.ts";

export const revokeCommand = defineCommand({
  path: ["contacts", "revoke"],
  description: "contacts.revoke.description",
  args: { grant: arg.integer("contacts.revoke.argGrant", { min: 1 }) },
  access: { roles: ["sublocal_officer", "staff", "executive_director", "statewide_president"] },
  async run(ctx, { grant: id }) {
    const now = ctx.clock.now();
    const g = await grantById(ctx.store, id);
    const req = g ? await requestById(ctx.store, g.requestId) : null;
    if (!g || !req) throw userError.notFound("contacts.revoke.notFound", { id });
    if (!isStaff(ctx.roles) && !mayDecide(ctx.roles, ctx.person.id, req)) throw userError.notAllowed("contacts.revoke.notApprover", { id });
    if (!(await revokeGrant(ctx.db, id, now))) throw userError.conflict("contacts.revoke.over", { id });
    await ctx.audit("contacts.grant.revoke", { type: "grant", id }, { granteeId: g.granteeId });
    const grantee = await personById(ctx.db, g.granteeId);
    const ended = (await grantById(ctx.store, id))!;
    const notices = (await markReminded(ctx.db, id, now)) ? [notice(grantEndedNotice, g.granteeId, { grantId: ended.id })] : [];
    return { ...reply.private(reply.text(`✅ ${ctx.t("contacts.revoke.done", { id, name: grantee ? displayName(grantee) : `#${g.granteeId}` })}`)), notices };
  },
});
