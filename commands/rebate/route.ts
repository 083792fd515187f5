// Where treasury staff get a card: the treasury channel of the platform the request came from
// (set with /rebate channel; delivered by the scheduler as a card job), else a direct message to
// each treasury staff member (treasury_staff holders, or staff when there are none).
import { treasuryChannel } from "../../db/rebate-requests.ts";
import { holderIds } from "../../db/rebate.ts";
import type { Db, Tx } from "../../db/data.ts";
import { scheduleJobNowIn, type JobPlatform } from "../../db/jobs.ts";
import type { LinkedCtx } from "../core/command.ts";
import { notice, type NoticeKind } from "../core/notice.ts";
import type { Notice } from "../core/reply.ts";

export const CARD_JOB = "rebate.card";

export type CardSubject = { type: "statement" | "request" | "dispute"; id: number };

/** The people who decide treasury matters now. */
export async function treasuryDeciders(db: Db, at: Date): Promise<number[]> {
  const treasury = await holderIds(db, "treasury_staff", at);
  return treasury.length > 0 ? treasury : holderIds(db, "staff", at);
}

/**
 * Sends the card to the treasury channel, or returns it as notices to each decider (never the
 * caller), each rendered for its reader. Inside the caller's transaction: the channel's card job
 * commits with the step it announces.
 */
export async function toTreasury(ctx: LinkedCtx, tx: Tx, subject: CardSubject, card: NoticeKind<{ id: number }>, stage = "new"): Promise<Notice[]> {
  const ch = ctx.platform === "cli" ? undefined : await treasuryChannel(tx, ctx.platform);
  if (ch) {
    await scheduleJobNowIn(tx, ctx.store, {
      kind: CARD_JOB,
      target: { platform: ch.platform as JobPlatform, workspaceId: ch.workspaceId, channelId: ch.channelId },
      // The stage rides along so the card job knows a withdrawal is news for the channel, not a
      // request decided while the job waited (which it leaves unposted).
      payload: stage === "withdrawn" ? { ...subject, stage } : subject,
      dueAt: ctx.clock.now(),
      idempotencyKey: `rebate:card:${subject.type}:${subject.id}:${stage}:${ch.platform}`,
      createdById: ctx.person.id,
    });
    return [];
  }
  const now = ctx.clock.now();
  let people = (await treasuryDeciders(tx, now)).filter((id) => id !== ctx.person.id);
  // Nobody else on treasury staff (say, staff asked for a statement themselves): the executive director decides.
  if (people.length === 0) people = (await holderIds(tx, "executive_director", now)).filter((id) => id !== ctx.person.id);
  return people.map((personId) => notice(card, personId, { id: subject.id }));
}

/** True when a card reached nobody: no treasury channel here and no one holds a deciding role. */
export async function reachedNobody(ctx: LinkedCtx, notices: readonly Notice[]): Promise<boolean> {
  if (notices.length > 0) return false;
  return ctx.platform === "cli" || !(await treasuryChannel(ctx.db, ctx.platform));
}
