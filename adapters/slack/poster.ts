// Messages that are not direct answers (notices, reminders, reports) go out through
// chat.postMessage; a direct message first opens the conversation. Slack's rate limit and
// permanent failures are mapped to the outbox's error types, so the outbox can retry or give up.
import type { webApi } from "@slack/bolt";
import type { FileAttachment, RenderedReply } from "../../commands/core/reply.ts";
import { ChannelAccessError, PermanentDeliveryError, RateLimitedError, type Poster, type Target } from "../../commands/core/host.ts";
import { renderMessage } from "./render.ts";
import { cutText } from "../../commands/core/cut.ts";

/** Slack keeps at most this much of an image's alt text. */
const SLACK_ALT_TEXT = 1000;

type WebClient = webApi.WebClient;

/** Errors that retrying cannot fix. */
const PERMANENT = new Set([
  "channel_not_found",
  "not_in_channel",
  "is_archived",
  "user_not_found",
  "users_not_found",
  "user_disabled",
  "account_inactive",
  "cannot_dm_bot",
  "invalid_blocks",
  "message_not_found",
  "cant_update_message",
  "edit_window_closed",
  "msg_too_long",
  "no_permission",
  "restricted_action",
  "missing_scope",
  "not_authed",
  "invalid_auth",
  "token_revoked",
]);

/** Runs a Web API call, turning Slack's failures into RateLimitedError / PermanentDeliveryError. */
export async function slackCall<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (e) {
    const err = e as { code?: string; retryAfter?: number; data?: { error?: string } };
    if (err.code === "slack_webapi_rate_limited_error") throw new RateLimitedError(Math.max(1, err.retryAfter ?? 1) * 1000);
    if (err.code === "slack_webapi_platform_error" && err.data?.error && PERMANENT.has(err.data.error)) throw new PermanentDeliveryError(err.data.error);
    throw e;
  }
}

/** The channel for a direct message to a user (conversations.open is idempotent on Slack's side). */
export async function dmChannel(client: WebClient, userId: string): Promise<string> {
  const res = await slackCall(() => client.conversations.open({ users: userId }));
  const id = res.channel?.id;
  if (!id) throw new PermanentDeliveryError("no DM channel");
  return id;
}

/** Uploads files to a channel with the current API (getUploadURLExternal → POST → completeUploadExternal). */
export async function uploadFiles(client: WebClient, channelId: string, files: readonly FileAttachment[]): Promise<void> {
  if (files.length === 0) return;
  await slackCall(() =>
    client.files.uploadV2({
      channel_id: channelId,
      file_uploads: files.map((f) => ({
        file: Buffer.isBuffer(f.data) ? f.data : Buffer.from(f.data, "utf8"),
        filename: f.name,
        title: f.title ?? f.name,
        ...(f.alt ? { alt_text: cutText(f.alt, SLACK_ALT_TEXT) } : {}),
      })),
    }),
  );
}

/** Slack's answers for a channel the bot is not in (a private one it was not invited to is "not found" to it). */
const NOT_MEMBER = new Set(["not_in_channel", "channel_not_found"]);

/** A channel post Slack refused because the bot is not in the channel becomes ChannelAccessError. */
async function inChannel<T>(channel: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (e) {
    if (e instanceof PermanentDeliveryError && NOT_MEMBER.has(e.message) && !channel.startsWith("D")) throw new ChannelAccessError(channel, "not_member", e.message);
    throw e;
  }
}

export function slackPoster(client: WebClient): Poster {
  return {
    platform: "slack",
    async post(target: Target, message: RenderedReply) {
      const channel = target.channelId ?? (target.userId ? await dmChannel(client, target.userId) : null);
      if (!channel) throw new PermanentDeliveryError("no channel or user to post to");
      const res = await inChannel(channel, () => slackCall(() => client.chat.postMessage({ channel, ...renderMessage(message) } as never)));
      await inChannel(channel, () => uploadFiles(client, channel, message.files));
      return { messageId: `${res.channel ?? channel}:${res.ts ?? ""}` };
    },
    async edit(_target: Target, messageId: string, message: RenderedReply) {
      const [channel, ts] = messageId.split(":");
      if (!channel || !ts) throw new PermanentDeliveryError("not a Slack message id");
      await inChannel(channel, () => slackCall(() => client.chat.update({ channel, ts, ...renderMessage(message) } as never)));
    },
  };
}
