// Messages that are not direct answers (notices, reminders, reports) go out through
// chat.postMessage; a direct message first opens the conversation. Slack's rate limit and
// permanent failures are mapped to the outbox's error types, so the outbox can retry or give up.
import type { webApi } from "@slack/bolt";
import type { FileAttachment, RenderedReply } from "../../commands/core/reply.ts";
import { ChannelAccessError, PermanentDeliveryError, RateLimitedError, type Poster, type Target } from "../../commands/core/host.ts";
import { renderMessage } from "./render.ts";
import { cutText } from "../../commands/core/cut.ts";
import type { Translate } from "../../commands/core/i18n.ts";
import { uploadEach } from "./answer-files.ts";

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

export interface SlackPosterOptions {
  /** Words for the note naming files that could not be attached (the local's language). */
  t: Translate;
  /** Waits before trying a failed upload again. */
  uploadWaits?: readonly number[];
}

export function slackPoster(client: WebClient, o: SlackPosterOptions): Poster {
  return {
    platform: "slack",
    /**
     * Posts once. The files then go up one by one, each failed one tried again here: a failure
     * after the message is out never reaches the outbox, whose retry would post the message twice.
     * What still could not be attached is named under the message.
     */
    async post(target: Target, message: RenderedReply) {
      const channel = target.channelId ?? (target.userId ? await dmChannel(client, target.userId) : null);
      if (!channel) throw new PermanentDeliveryError("no channel or user to post to");
      const res = await inChannel(channel, () => slackCall(() => client.chat.postMessage({ channel, ...renderMessage(message) } as never)));
      const missing = await uploadEach(client, channel, message.files, o.uploadWaits);
      if (missing.length > 0) await noteMissing(client, channel, res.ts, missing, o.t);
      return { messageId: `${res.channel ?? channel}:${res.ts ?? ""}` };
    },
    async edit(_target: Target, messageId: string, message: RenderedReply) {
      const [channel, ts] = messageId.split(":");
      if (!channel || !ts) throw new PermanentDeliveryError("not a Slack message id");
      await inChannel(channel, () => slackCall(() => client.chat.update({ channel, ts, ...renderMessage(message) } as never)));
    },
  };
}

/**
 * Names, in a reply under the posted message, the files that could not be attached. Best effort:
 * the message itself is out, and failing here must not make the outbox post it again.
 */
async function noteMissing(client: WebClient, channel: string, ts: string | undefined, missing: readonly string[], t: Translate): Promise<void> {
  const text = `⚠️ ${t("core.load.filesMissing", { files: missing.join(", ") })}`;
  await client.chat.postMessage({ channel, text, ...(ts ? { thread_ts: ts } : {}) }).catch(() => undefined);
}
