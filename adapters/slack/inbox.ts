// Slack's side of the inbox of acknowledged work (commands/core/acked-inbox.ts): what a kept request
// holds (enough to run the same handler again), its delivery key, how long Slack takes answers at
// a response_url, and how a person whose request could not be read back is told.
import { AckedInbox, type AckedRow } from "../../commands/core/acked-inbox.ts";
import type { AdapterHost } from "../../commands/core/host.ts";
import { escapeMrkdwn } from "./render.ts";
import { postToResponseUrl } from "./response-url.ts";

/** Slack takes answers at a response_url for 30 minutes; a row older than that is dropped, with an audit entry. */
export const RESPONSE_URL_LIFE_MS = 30 * 60_000;

/** What the handler needs to run a request again: the parsed payload's essentials. */
export type AckedRequest =
  | { kind: "command"; teamId: string; userId: string; channelId?: string; command: string; text: string; triggerId: string; responseUrl: string }
  | { kind: "button"; teamId: string; userId: string; channelId?: string; actionId: string; actionTs: string; triggerId?: string; responseUrl: string; home: boolean };

/** The delivery's key: a Slack retry of the same request has the same one. */
export function ackedKey(r: AckedRequest): string {
  return r.kind === "command" ? `slack:command:${r.triggerId}` : `slack:button:${r.userId}:${r.actionTs}`;
}

export interface SlackInboxOptions {
  /** Runs a request's work and its answer, never throwing (failures are told to the person). */
  run(req: AckedRequest, takenOver: boolean): Promise<void>;
  /** The person's language, for a request that cannot be read back. */
  textFor(teamId: string, userId: string): Promise<(key: string, vars?: Record<string, unknown>) => string>;
}

export function createSlackInbox(host: Pick<AdapterHost, "store" | "core" | "log" | "intake">, opts: SlackInboxOptions): AckedInbox<AckedRequest> {
  return new AckedInbox<AckedRequest>(host, {
    platform: "slack",
    keyOf: ackedKey,
    answerLifeMs: RESPONSE_URL_LIFE_MS,
    run: opts.run,
    async tellLost(row: AckedRow) {
      const t = await opts.textFor(row.workspaceId, row.userId);
      await postToResponseUrl(row.responseUrl, { response_type: "ephemeral", replace_original: false, text: `⚠️ ${escapeMrkdwn(t("core.errors.requestLost"))}` });
    },
  });
}
