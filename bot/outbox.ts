// Sending a message that is not an answer to an interaction (reminders, digests, notices,
// scheduled reports). Each platform adapter provides one Poster; the scheduler and the core
// only see this interface.
import type { RenderedReply } from "../commands/core/reply.ts";

export type Platform = "slack" | "discord" | "web";

export interface Target {
  platform: Platform;
  workspaceId?: string | null;
  /** A channel id, or null to send a direct message to userId. */
  channelId?: string | null;
  userId?: string | null;
}

export interface Poster {
  platform: Platform;
  /** Posts a message. Throws RateLimitedError or PermanentDeliveryError on known platform failures. */
  post(target: Target, message: RenderedReply): Promise<{ messageId: string }>;
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
