// `/project subscribe` and `/project unsubscribe`: a channel (officers, staff) or oneself (anyone).
import { subscribe, unsubscribe } from "../../db/project.ts";
import type { JobPlatform } from "../../db/jobs.ts";
import { arg } from "../core/args.ts";
import { defineCommand, type LinkedCtx } from "../core/command.ts";
import { requirePostable } from "../core/channels.ts";
import { userError } from "../core/errors.ts";
import { reply } from "../core/reply.ts";
import { maySubscribeChannel } from "./rules.ts";

const whoArg = () => arg.optional(arg.choice("project.follow.argWho", ["me", "here"] as const));

function channelOf(ctx: LinkedCtx): { platform: JobPlatform; workspaceId: string; channelId: string } {
  if (!ctx.actor.channelId || ctx.platform === "cli") throw userError.invalid("project.follow.noChannel");
  if (!maySubscribeChannel(ctx.roles)) throw userError.notAllowed("project.follow.channelNotAllowed");
  return { platform: ctx.platform, workspaceId: ctx.actor.workspaceId, channelId: ctx.actor.channelId };
}

/** Starts (on) or stops following, for this channel (`here`) or for oneself; one message says which. */
async function follow(ctx: LinkedCtx, who: "me" | "here" | undefined, on: boolean) {
  const now = ctx.clock.now();
  if (who === "here") {
    const ch = channelOf(ctx);
    if (on) await requirePostable(ctx, ch.channelId);
    const changed = await ctx.commitAsync(async (tx) => (on ? (await subscribe(tx, ch, ctx.person.id, now)).created : unsubscribe(tx, ch, now)));
    if (changed) await ctx.audit(on ? "project.subscribe" : "project.unsubscribe", { type: "channel", id: ch.channelId }, { platform: ch.platform });
    return reply.private(reply.text(ctx.t(`project.follow.${on ? (changed ? "channelOn" : "channelAlready") : changed ? "channelOff" : "channelNot"}`)));
  }
  const me = { personId: ctx.person.id };
  const changed = await ctx.commitAsync(async (tx) => (on ? (await subscribe(tx, me, ctx.person.id, now)).created : unsubscribe(tx, me, now)));
  return reply.private(reply.text(ctx.t(`project.follow.${on ? (changed ? "meOn" : "meAlready") : changed ? "meOff" : "meNot"}`)));
}

export const subscribeCommand = defineCommand({
  path: ["project", "subscribe"],
  description: "project.follow.subscribeDescription",
  args: { who: whoArg() },
  access: { linked: true },
  run: (ctx, { who }) => follow(ctx, who, true),
});

export const unsubscribeCommand = defineCommand({
  path: ["project", "unsubscribe"],
  description: "project.follow.unsubscribeDescription",
  args: { who: whoArg() },
  access: { linked: true },
  run: (ctx, { who }) => follow(ctx, who, false),
});
