// Where treasury staff get a card: the treasury channel of the platform the request came from
// (set with /rebate channel; delivered by the scheduler as a card job), else a direct message to
// each treasury staff member (treasury_staff holders, or staff when there are none).
import { treasuryChannel } from "../../db/rebate-requests.ts";
import { holderIds } from "../../db/rebate.ts";
import { scheduleJob, type JobPlatform } from "../../db/jobs.ts";
import type { Store } from "../../db/store.ts";
import type { LinkedCtx } from "../core/command.ts";
import { notice, type NoticeKind } from "../core/notice.ts";
import type { Notice } from "../core/reply.ts";

export const CARD_JOB = "rebate.card";

export type CardSubject = { type: "statement" | "request" | "dispute"; id: number };

/** The people who decide treasury matters now. */
export function treasuryDeciders(store: Store, at: Date): number[] {
  const treasury = holderIds(store, "treasury_staff", at);
  return treasury.length > 0 ? treasury : holderIds(store, "staff", at);
}

/**
 * Sends the card to the treasury channel, or returns it as notices to each decider (never the
 * caller), each rendered for its reader.
 */
export async function toTreasury(ctx: LinkedCtx, subject: CardSubject, card: NoticeKind<{ id: number }>, stage = "new"): Promise<Notice[]> {
  const ch = ctx.platform === "cli" ? undefined : treasuryChannel(ctx.store, ctx.platform);
  if (ch) {
    await scheduleJob(ctx.store, {
      kind: CARD_JOB,
      target: { platform: ch.platform as JobPlatform, workspaceId: ch.workspaceId, channelId: ch.channelId },
      payload: subject,
      dueAt: ctx.clock.now(),
      idempotencyKey: `rebate:card:${subject.type}:${subject.id}:${stage}:${ch.platform}`,
      createdById: ctx.person.id,
    });
    return [];
  }
  const now = ctx.clock.now();
  let people = treasuryDeciders(ctx.store, now).filter((id) => id !== ctx.person.id);
  // Nobody else on treasury staff (say, staff asked for a statement themselves): the executive director decides.
  if (people.length === 0) people = holderIds(ctx.store, "executive_director", now).filter((id) => id !== ctx.person.id);
  return people.map((personId) => notice(card, personId, { id: subject.id }));
}

/** True when a card reached nobody: no treasury channel here and no one holds a deciding role. */
export function reachedNobody(ctx: LinkedCtx, notices: readonly Notice[]): boolean {
  const ch = ctx.platform === "cli" ? undefined : treasuryChannel(ctx.store, ctx.platform);
  return !ch && notices.length === 0;
}
