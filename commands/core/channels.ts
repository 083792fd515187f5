// Can the bot post in a channel where a person wants something posted later (a reminder, a
// scheduled report, announcements)? Each running adapter says how to ask its platform (Slack
// conversations.info and its is_member, Discord the bot's permissions in that channel, the
// playground's own channel list); commands ask here when the thing is set, so a typo or a channel
// the bot was never invited to is refused at once instead of failing silently when it falls due.
import type { Ctx } from "./command.ts";
import { userError } from "./errors.ts";
import { botMention } from "./mention.ts";
import type { Registry } from "./registry.ts";

/**
 * ok: the bot can post there; missing: the platform says there is no such channel; not_member: the
 * bot has not been invited (Slack); no_permission: the bot may not see or post there (Discord).
 */
export type ChannelState = "ok" | "missing" | "not_member" | "no_permission";

/** A platform's answer; true/false stand for ok/missing; null: can't tell (then allow). */
export type ChannelCheck = (workspaceId: string, channelId: string) => Promise<boolean | ChannelState | null>;

// Per core (each core has its own registry), per platform.
const checks = new WeakMap<Registry, Map<string, ChannelCheck>>();

export function registerChannelCheck(core: { registry: Registry }, platform: string, check: ChannelCheck): void {
  let byPlatform = checks.get(core.registry);
  if (!byPlatform) checks.set(core.registry, (byPlatform = new Map()));
  byPlatform.set(platform, check);
}

type CheckCtx = Pick<Ctx, "registry" | "platform" | "actor" | "log">;

/** What the caller's platform says about posting in `channelId`; null when no adapter can tell. */
export async function channelState(ctx: CheckCtx, channelId: string): Promise<ChannelState | null> {
  const check = checks.get(ctx.registry)?.get(ctx.platform);
  if (!check) return null;
  try {
    const s = await check(ctx.actor.workspaceId, channelId);
    return s === true ? "ok" : s === false ? "missing" : s;
  } catch (e) {
    ctx.log.warn("channel.check.failed", { platform: ctx.platform, error: e instanceof Error ? e.name : "unknown" });
    return null;
  }
}

/** Whether `channelId` exists on the caller's platform and workspace; null when no adapter can tell. */
export async function channelExists(ctx: CheckCtx, channelId: string): Promise<boolean | null> {
  const s = await channelState(ctx, channelId);
  return s === null ? null : s !== "missing";
}

/** How a channel is named in a message on `platform`: a live mention the platform shows as its name. */
export const channelMention = (platform: string, channelId: string): string => botMention(platform, "channel", channelId);

/**
 * Refuses, politely and before anything is saved, to set up posts in a channel the bot cannot post
 * in, saying what to do about it on this platform (invite the bot, or give it the permission).
 */
export async function requirePostable(ctx: CheckCtx, channelId: string, label?: string): Promise<void> {
  const s = await channelState(ctx, channelId);
  // A channel the platform does not know is named as typed: a live mention of it would show nothing.
  if (s === "missing") throw userError.notFound("core.channels.unknown", { where: label ?? `#${channelId}` });
  const where = label ?? channelMention(ctx.platform, channelId);
  if (s === "not_member") throw userError.invalid("core.channels.notMember", { where });
  if (s === "no_permission") throw userError.invalid("core.channels.noPermission", { where });
}
