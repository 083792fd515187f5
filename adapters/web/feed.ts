// The playground's message history: channel messages everyone sees, and direct messages per
// persona. In memory: it is a demo surface; the truth (jobs, cases, audit) lives in the store.
import type { Poster, Target } from "../../commands/core/host.ts";
import type { RenderedReply } from "../../commands/core/reply.ts";
import { renderReplyHtml, webLabels, type WebLabels } from "./render.ts";

export interface FeedMessage {
  id: number;
  /** "#general" for a channel, "@maria" for a direct message. */
  where: string;
  from: string;
  html: string;
  text: string;
  at: string;
}

export class Feed {
  private messages: FeedMessage[] = [];
  private seq = 0;
  constructor(
    private readonly labels: WebLabels = webLabels(),
    private readonly limit = 500,
  ) {}

  add(where: string, from: string, reply: RenderedReply): FeedMessage {
    const m = { id: ++this.seq, where, from, html: renderReplyHtml(reply, this.labels), text: reply.fallbackText, at: new Date().toISOString() };
    this.messages.push(m);
    if (this.messages.length > this.limit) this.messages.splice(0, this.messages.length - this.limit);
    return m;
  }

  replace(id: number, reply: RenderedReply): void {
    const m = this.messages.find((x) => x.id === id);
    if (m) Object.assign(m, { html: renderReplyHtml(reply, this.labels), text: reply.fallbackText });
  }

  /** What `handle` can see in `where` after message id `since`. */
  read(handle: string, where: string, since = 0): FeedMessage[] {
    return this.messages.filter((m) => m.id > since && m.where === where && (where.startsWith("#") || where === `@${handle}`));
  }

  poster(): Poster {
    return {
      platform: "web",
      post: async (target: Target, message: RenderedReply) => {
        const where = target.channelId ? `#${target.channelId.replace(/^#/, "")}` : `@${target.userId}`;
        const m = this.add(where, "unionhall", message);
        return { messageId: String(m.id) };
      },
    };
  }
}

export const playgroundChannels = ["general", "stewards", "leaders", "staff"] as const;
