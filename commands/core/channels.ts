// Does a channel exist where a person wants something posted later (a reminder, a scheduled
// report)? Each running adapter says how to ask its platform (Slack conversations.info, a Discord
// channel fetch, the playground's own channel list); commands ask here when the thing is set, so
// a typo is refused at once instead of failing silently when it falls due.
import type { Ctx } from "./command.ts";
import type { Registry } from "./registry.ts";

/** true: it exists; false: the platform says there is no such channel; null: can't tell (then allow). */
export type ChannelCheck = (workspaceId: string, channelId: string) => Promise<boolean | null>;

// Per core (each core has its own registry), per platform.
const checks = new WeakMap<Registry, Map<string, ChannelCheck>>();

export function registerChannelCheck(core: { registry: Registry }, platform: string, check: ChannelCheck): void {
  let byPlatform = checks.get(core.registry);
  if (!byPlatform) checks.set(core.registry, (byPlatform = new Map()));
  byPlatform.set(platform, check);
}

/** Whether `channelId` exists on the caller's platform and workspace; null when no adapter can tell. */
export async function channelExists(ctx: Pick<Ctx, "registry" | "platform" | "actor" | "log">, channelId: string): Promise<boolean | null> {
  const check = checks.get(ctx.registry)?.get(ctx.platform);
  if (!check) return null;
  try {
    return await check(ctx.actor.workspaceId, channelId);
  } catch (e) {
    ctx.log.warn("channel.check.failed", { platform: ctx.platform, error: e instanceof Error ? e.name : "unknown" });
    return null;
  }
}
