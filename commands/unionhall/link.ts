// Linking chat accounts to member records: by staff, or by the member with a one-time code.
import { findIdentity, issueLinkCode, linkIdentity, redeemLinkCode } from "../../db/identities.ts";
import { displayName, personById } from "../../db/people.ts";
import { arg } from "../core/args.ts";
import { defineCommand } from "../core/command.ts";
import { userError } from "../core/errors.ts";
import { reply } from "../core/reply.ts";
import { STAFF } from "../core/roles.ts";
import { resolveMember } from "../core/members.ts";
import { localStamp } from "../core/format.ts";
import { botMention } from "../core/mention.ts";

export const adminLink = defineCommand({
  path: ["unionhall", "admin", "link"],
  description: "unionhall.admin.link.description",
  args: { user: arg.user("unionhall.admin.link.argUser"), member: arg.member("unionhall.admin.link.argMember") },
  access: { roles: STAFF },
  async run(ctx, { user, member }) {
    const person = await resolveMember(ctx, member);
    const key = { platform: ctx.platform, workspaceId: ctx.actor.workspaceId, userId: user };
    // The link and its audit entry commit together.
    const before = await ctx.commitAsync(async (tx) => {
      const prior = await findIdentity(tx, key);
      await linkIdentity(tx, { ...key, personId: person.id, linkedVia: "admin" });
      await ctx.auditIn(tx, "identity.link", { type: "person", id: person.id }, { workspaceId: key.workspaceId, userId: user, previousPersonId: prior?.personId ?? null });
      return prior;
    });
    const previous = before && before.personId !== person.id ? await personById(ctx.db, before.personId) : null;
    const vars = { user: botMention(ctx.platform, "user", user), number: person.memberNumber, name: displayName(person), previous: previous?.memberNumber };
    return reply.private(reply.text(ctx.t(previous ? "unionhall.admin.link.relinked" : "unionhall.admin.link.done", vars)));
  },
});

export const adminLinkCode = defineCommand({
  path: ["unionhall", "admin", "link-code"],
  description: "unionhall.admin.linkCode.description",
  args: { member: arg.member("unionhall.admin.linkCode.argMember") },
  access: { roles: STAFF },
  async run(ctx, { member }) {
    const person = await resolveMember(ctx, member);
    const { code, expiresAt } = await ctx.commitAsync(async (tx) => {
      const issued = await issueLinkCode(tx, person.id, ctx.person.id, 24 * 3600_000, ctx.clock.now());
      await ctx.auditIn(tx, "identity.linkcode.issue", { type: "person", id: person.id });
      return issued;
    });
    return reply.private(
      reply.text(ctx.t("unionhall.admin.linkCode.done", { number: person.memberNumber, name: displayName(person), code, expires: localStamp(expiresAt, ctx.fmt.timeZone) })),
    );
  },
});

export const selfLink = defineCommand({
  path: ["unionhall", "link"],
  description: "unionhall.link.description",
  args: { code: arg.string("unionhall.link.argCode", { maxLength: 20 }) },
  access: { anyone: true },
  async run(ctx, { code }) {
    if (ctx.person) throw userError.conflict("unionhall.link.already", { number: ctx.person.memberNumber });
    const who = `${ctx.platform}:${ctx.actor.workspaceId}:${ctx.actor.userId}`;
    // The code used once, the link and its audit entry commit together: an unknown, used or expired
    // code changes nothing.
    const personId = await ctx.commitAsync(async (tx) => {
      const id = await redeemLinkCode(tx, code, who, ctx.clock.now());
      if (!id) throw userError.invalid("unionhall.link.badCode");
      await linkIdentity(tx, { platform: ctx.platform, workspaceId: ctx.actor.workspaceId, userId: ctx.actor.userId, personId: id, linkedVia: "code" });
      await ctx.auditIn(tx, "identity.link.code", { type: "person", id }, { workspaceId: ctx.actor.workspaceId, userId: ctx.actor.userId });
      return id;
    });
    const person = await personById(ctx.db, personId);
    return reply.private(reply.text(ctx.t("unionhall.link.done", { number: person?.memberNumber })));
  },
});
