// Messages that are not answers to an interaction (notices, reminders, scheduled reports):
// POST /channels/{id}/messages, or a DM through POST /users/@me/channels first. Discord's rate
// limits become RateLimitedError (the caller's outbox retries later), hopeless targets
// PermanentDeliveryError.
import { DiscordAPIError, RateLimitError, REST, Routes } from "discord.js";
import { ChannelAccessError, PermanentDeliveryError, RateLimitedError, type Poster, type Target } from "../../commands/core/host.ts";
import type { RenderedReply } from "../../commands/core/reply.ts";
import { mapReplyText, renderMessage } from "./render.ts";
import { discordT } from "./strings.ts";
import type { DiscordAgent } from "./agent.ts";

/** A REST client for posting: it does not sit out rate limits, it reports them. */
export function postingRest(token: string, api: string | undefined, agent: DiscordAgent): REST {
  return new REST({ version: "10", retries: 1, rejectOnRateLimit: () => true, agent, ...(api ? { api } : {}) }).setToken(token);
}

/** Discord's codes for a channel the bot may not see or post in (and one that is gone). */
const NO_ACCESS = new Set([50001, 50013, 10003]);

function mapError(e: unknown, channelId?: string | null): unknown {
  if (e instanceof RateLimitError) return new RateLimitedError(Math.max(e.retryAfter, e.timeToReset, 0));
  if (channelId && e instanceof DiscordAPIError && NO_ACCESS.has(Number(e.code))) return new ChannelAccessError(channelId, "no_permission", `discord ${e.status} code ${String(e.code)}`);
  if (e instanceof DiscordAPIError && e.status >= 400 && e.status < 500 && e.status !== 429)
    return new PermanentDeliveryError(`discord ${e.status} code ${String(e.code)}`);
  return e;
}

export function createDiscordPoster(rest: REST, respell: (s: string) => string = (s) => s): Poster {
  return {
    platform: "discord",
    async post(target: Target, message: RenderedReply) {
      try {
        let channelId = target.channelId ?? null;
        if (!channelId) {
          if (!target.userId) throw new PermanentDeliveryError("no channel or user to post to");
          const dm = (await rest.post(Routes.userChannels(), { body: { recipient_id: target.userId } })) as { id: string };
          channelId = dm.id;
        }
        // Nothing posted outside an interaction can be "only you": DMs and channels are what they are.
        const m = renderMessage(mapReplyText({ ...message, visibility: "channel" }, respell), { truncatedNote: discordT(undefined)("discord.truncated") });
        const body = {
          content: m.content,
          embeds: m.embeds,
          components: m.components,
          allowed_mentions: m.allowed_mentions,
          attachments: m.files.map((f, i) => ({ id: i, filename: f.name, description: f.description })),
        };
        const res = (await rest.post(Routes.channelMessages(channelId), { body, files: m.files.map((f, i) => ({ key: `files[${i}]`, name: f.name, data: f.data })) })) as { id: string };
        return { messageId: res.id };
      } catch (e) {
        throw mapError(e, target.channelId);
      }
    },
    async edit(target: Target, messageId: string, message: RenderedReply) {
      if (!target.channelId) throw new PermanentDeliveryError("only channel messages are edited");
      try {
        const m = renderMessage(mapReplyText({ ...message, visibility: "channel" }, respell), { truncatedNote: discordT(undefined)("discord.truncated") });
        await rest.patch(Routes.channelMessage(target.channelId, messageId), { body: { content: m.content ?? "", embeds: m.embeds, components: m.components, allowed_mentions: m.allowed_mentions } });
      } catch (e) {
        throw mapError(e, target.channelId);
      }
    },
  };
}
