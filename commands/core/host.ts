// What a platform adapter is handed and what it provides: the interfaces the process (bot/)
// implements, declared here beside the core's neutral events so that adapters depend on the core
// only and the process wires them together (arrows point inward).
import type http from "node:http";
import type { Store } from "../../db/store.ts";
import type { Logger } from "./command.ts";
import type { Core, RenderedNotice } from "./dispatch.ts";
import type { Intake } from "./intake.ts";
import type { RenderedReply } from "./reply.ts";

/** The chat platforms a message can be posted to. */
export type ChatPlatform = "slack" | "discord" | "web";

export interface Target {
  platform: ChatPlatform;
  workspaceId?: string | null;
  /** A channel id, or null to send a direct message to userId. */
  channelId?: string | null;
  userId?: string | null;
}

/** Sends a message that is not an answer (reminders, digests, notices, scheduled reports). */
export interface Poster {
  platform: ChatPlatform;
  /** Posts a message. Throws RateLimitedError or PermanentDeliveryError on known platform failures. */
  post(target: Target, message: RenderedReply): Promise<{ messageId: string }>;
  /**
   * Edits a message the bot posted earlier (its id as `post` returned it) to show `message`
   * (Slack chat.update, Discord message edit). Same errors as `post`.
   */
  edit?(target: Target, messageId: string, message: RenderedReply): Promise<void>;
}

/** The platform asked us to slow down (Slack 429 `retry-after`, Discord rate limit). */
export class RateLimitedError extends Error {
  constructor(
    readonly retryAfterMs: number,
    message = `rate limited; retry after ${retryAfterMs} ms`,
  ) {
    super(message);
    this.name = "RateLimitedError";
  }
}

/** Retrying cannot help (channel not found, bot not in channel, user unknown). */
export class PermanentDeliveryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PermanentDeliveryError";
  }
}

/**
 * The bot may not post in this channel: not a member (Slack not_in_channel, or a private channel it
 * cannot see), or without the permission (Discord Missing Access / Missing Permissions). Retrying
 * cannot help until someone invites the bot or gives it the permission, so the person whose post
 * failed is told.
 */
export class ChannelAccessError extends PermanentDeliveryError {
  constructor(
    readonly channelId: string,
    readonly reason: "not_member" | "no_permission",
    detail: string,
  ) {
    super(detail);
    this.name = "ChannelAccessError";
  }
}

export type HttpHandler = (req: http.IncomingMessage, res: http.ServerResponse) => void | Promise<void>;

export interface MountOptions {
  /** Answer only peers on this machine (the playground: whoever reaches it can act as anyone). */
  loopbackOnly?: boolean;
}

/** The one HTTP server's routing, as adapters see it. */
export interface HttpMount {
  /** Routes requests whose path starts with `prefix` to `handler` (longest prefix wins). */
  mount(prefix: string, handler: HttpHandler, opts?: MountOptions): void;
}

/** The settings adapters read (validated by the process at start-up). */
export interface AdapterConfig {
  SLACK_SIGNING_SECRET?: string;
  SLACK_BOT_TOKEN?: string;
  SLACK_APP_TOKEN?: string;
  SLACK_API_URL?: string;
  DISCORD_TOKEN?: string;
  DISCORD_API_URL?: string;
}

/** What the process hands each adapter. */
export interface AdapterHost {
  config: AdapterConfig;
  store: Store;
  core: Core;
  http: HttpMount;
  log: Logger;
  /** One poster per running platform, for messages that are not direct answers. */
  posters: Map<ChatPlatform, Poster>;
  /** Delivers notices (e.g. "your request was approved") as direct messages on `platform`. */
  notify(notices: RenderedNotice[], platform: ChatPlatform): Promise<void>;
  /** Rate limits and the bounded queue every adapter puts its work through, behind the ack. */
  intake: Intake;
}

/** A running adapter, stopped by the process on shutdown. */
export interface AdapterHandle {
  name: string;
  stop(): Promise<void>;
}
