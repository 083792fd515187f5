// Discord's side of the inbox of acknowledged work (commands/core/acked-inbox.ts): what a kept
// interaction holds (enough to run the same handler again and answer through its webhook), its
// delivery key, how long Discord takes answers with an interaction's token, and how a person whose
// interaction could not be read back is told.
import { AckedInbox, type AckedRow } from "../../commands/core/acked-inbox.ts";
import type { AdapterHost } from "../../commands/core/host.ts";
import type { OptionLike } from "./commands.ts";

/** An interaction's token takes follow-ups and edits for 15 minutes (developer docs, "Interactions"). */
export const INTERACTION_TOKEN_LIFE_MS = 15 * 60_000;
/**
 * How old a kept interaction may be and still be run: a minute short of the token's life, so the
 * work and its answer finish while the token still takes them. An older row is dropped, with an
 * audit entry.
 */
export const DISCORD_ANSWER_LIFE_MS = INTERACTION_TOKEN_LIFE_MS - 60_000;

interface KeptInteraction {
  teamId: string;
  guildId: string | null;
  userId: string;
  channelId: string | null;
  locale: string;
  /** The interaction's id: the delivery id the core's once-only claim is keyed on. */
  interactionId: string;
  applicationId: string;
  token: string;
  /** `${applicationId}/${token}`: kept unsealed, so a request sealed without a key can still be told it was lost. */
  responseUrl: string;
  /** How it was acknowledged: a "thinking…" placeholder (reply), or the clicked message kept as it was (update). */
  deferred: "reply" | "update";
}

/** What the handler needs to run an interaction again. Modal submissions are not kept (see docs/operations.md). */
export type DiscordAckedRequest =
  | (KeptInteraction & { kind: "command"; commandName: string; options: OptionLike[] })
  | (KeptInteraction & { kind: "button"; customId: string; seenByOthers: boolean });

/** The delivery's key: Discord sends an interaction once, under its own id. */
export function discordAckedKey(r: Pick<DiscordAckedRequest, "interactionId">): string {
  return `discord:${r.interactionId}`;
}

/** Where a kept interaction is answered, as the row's unsealed `responseUrl` holds it. */
export function webhookAddress(applicationId: string, token: string): string {
  return `${applicationId}/${token}`;
}

/** The webhook an answer goes through, read back from the unsealed part of a row. */
export function webhookIdsOf(responseUrl: string): { applicationId: string; token: string } {
  const slash = responseUrl.indexOf("/");
  return { applicationId: responseUrl.slice(0, slash), token: responseUrl.slice(slash + 1) };
}

export interface DiscordInboxOptions {
  /** Runs a kept interaction's work and its answer, never throwing (failures are told to the person). */
  run(req: DiscordAckedRequest, takenOver: boolean): Promise<void>;
  /** Tells the person an interaction that cannot be read back was not done (where its placeholder is). */
  tellLost(row: AckedRow, where: { applicationId: string; token: string; placeholder: boolean }): Promise<void>;
}

export function createDiscordInbox(host: Pick<AdapterHost, "store" | "core" | "log" | "intake">, opts: DiscordInboxOptions): AckedInbox<DiscordAckedRequest> {
  return new AckedInbox<DiscordAckedRequest>(host, {
    platform: "discord",
    keyOf: discordAckedKey,
    answerLifeMs: DISCORD_ANSWER_LIFE_MS,
    run: opts.run,
    // A slash command left a "thinking…" placeholder to replace; a click left its message as it was.
    tellLost: (row) => opts.tellLost(row, { ...webhookIdsOf(row.responseUrl), placeholder: row.kind === "command" }),
  });
}
