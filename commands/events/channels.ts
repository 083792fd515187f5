// `/event channel AUDIENCE`: this channel gets the announcements of that audience's events (and
// the broader events that include it); `/event channel off` stops them. Organisers of that
// audience only.
import { followChannel, subLocalAudience, unfollowChannel } from "../../db/events.ts";
import { arg } from "../core/args.ts";
import { defineCommand } from "../core/command.ts";
import { userError } from "../core/errors.ts";
import { reply, type Reply } from "../core/reply.ts";
import { FieldErrors } from "../core/errors.ts";
import { checkAudience } from "./create.ts";
import { isOrganiser } from "./rules.ts";
import { audienceLabel } from "./render.ts";
import { requirePostable } from "../core/channels.ts";

export const channelCommand = defineCommand({
  path: ["event", "channel"],
  description: "event.channel.description",
  args: { audience: arg.string("event.channel.argAudience", { rest: true, maxLength: 90 }) },
  access: { linked: true },
  async run(ctx, { audience }): Promise<Reply> {
    if (!ctx.actor.channelId || ctx.platform === "cli") throw userError.invalid("event.channel.noChannel");
    if (!isOrganiser(ctx.roles)) throw userError.notAllowed("event.channel.notAllowed");
    const ch = { platform: ctx.platform, workspaceId: ctx.actor.workspaceId, channelId: ctx.actor.channelId };
    const now = ctx.clock.now();
    if (audience.trim().toLowerCase() === "off") {
      const n = await ctx.commitAsync((tx) => unfollowChannel(tx, ch, now));
      if (n) await ctx.audit("event.channel.off", { type: "channel", id: ch.channelId }, { platform: ch.platform });
      return reply.private(reply.text(ctx.t(n ? "event.channel.off" : "event.channel.wasOff")));
    }
    let target;
    try {
      target = await checkAudience(ctx, audience);
    } catch (e) {
      if (!(e instanceof FieldErrors)) throw e;
      const err = e.errors.audience!;
      throw typeof err === "string" ? userError.invalid(err) : userError.invalid(err.key, err.vars);
    }
    // Announcements the bot cannot post would fail later, unseen: refuse now, saying how to fix it.
    await requirePostable(ctx, ch.channelId);
    const created = await ctx.commitAsync((tx) => followChannel(tx, ch, { scopeType: target.audienceType, scopeId: target.audienceId }, ctx.person.id, now));
    if (created) await ctx.audit("event.channel.on", { type: "channel", id: ch.channelId }, { platform: ch.platform, scopeType: target.audienceType });
    return reply.private(reply.text(ctx.t(created ? "event.channel.on" : "event.channel.already", { audience: audienceLabel(ctx.t, target) })));
  },
});

export { subLocalAudience };
