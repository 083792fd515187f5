// `/project subscribe` and `/project unsubscribe`: a channel (officers, staff) or oneself (anyone).
import { subscribe, unsubscribe } from "../../db/project.ts";
import type { JobPlatform } from "../../db/jobs.ts";
import { arg } from "../core/args.ts";
import { defineCommand, type LinkedCtx } from "../core/command.ts";
import { userError } from "../core/errors.ts";
import { reply } from "../core/reply.ts";
import { maySubscribeChannel } from "./rules.ts";

const whoArg = () => arg.optional(arg.choice("project.follow.argWho", ["me", "here"] as const));

function channelOf(ctx: LinkedCtx): { platform: JobPlatform; workspaceId: string; channelId: string } {
  if (!ctx.actor.channelId || ctx.platform === "cli") throw userError.invalid("project.follow.noChannel");
  if (!maySubscribeChannel(ctx.roles)) throw userError.notAllowed("project.follow.channelNotAllowed");
  return { platform: ctx.platform, workspaceId: ctx.actor.workspaceId, channelId: ctx.actor.channelId };
}

export const subscribeCommand = defineCommand({
  path: ["project", "subscribe"],
  description: "project.follow.subscribeDescription",
  args: { who: whoArg() },
  access: { linked: true },
  run(ctx, { who }) {
    const now = ctx.clock.now();
    if (who === "here") {
      const ch = channelOf(ctx);
      const r = ctx.commit(() => subscribe(ctx.store, ch, ctx.person.id, now));
      if (r.created) ctx.audit("project.subscribe", { type: "channel", id: ch.channelId }, { platform: ch.platform });
      return reply.private(reply.text(ctx.t(r.created ? "project.follow.channelOn" : "project.follow.channelAlready")));
    }
    const r = ctx.commit(() => subscribe(ctx.store, { personId: ctx.person.id }, ctx.person.id, now));
    return reply.private(reply.text(ctx.t(r.created ? "project.follow.meOn" : "project.follow.meAlready")));
  },
});

export const unsubscribeCommand = defineCommand({
  path: ["project", "unsubscribe"],
  description: "project.follow.unsubscribeDescription",
  args: { who: whoArg() },
  access: { linked: true },
  run(ctx, { who }) {
    const now = ctx.clock.now();
    if (who === "here") {
      const ch = channelOf(ctx);
      const ended = ctx.commit(() => unsubscribe(ctx.store, ch, now));
      if (ended) ctx.audit("project.unsubscribe", { type: "channel", id: ch.channelId }, { platform: ch.platform });
      return reply.private(reply.text(ctx.t(ended ? "project.follow.channelOff" : "project.follow.channelNot")));
    }
    const ended = ctx.commit(() => unsubscribe(ctx.store, { personId: ctx.person.id }, now));
    return reply.private(reply.text(ctx.t(ended ? "project.follow.meOff" : "project.follow.meNot")));
  },
});
