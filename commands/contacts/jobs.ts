// The end-of-grant reminder, delivered by the scheduler when a grant expires: access has stopped
// and nothing may be retained. Sent once per grant (shared with the safety net in common.ts).
import { appendAuditIn } from "../../db/audit.ts";
import { grantById, grantsWithoutEndJob, markReminded } from "../../db/contacts.ts";
import { transaction, type Tx } from "../../db/data.ts";
import { scheduleJobNowIn } from "../../db/jobs.ts";
import type { Store } from "../../db/store.ts";
import { defineJobKind } from "../core/jobs.ts";
import { endedReply } from "./common.ts";

export const GRANT_ENDED = "contacts.grant_ended";

/** At start-up: every grant still running gets its end-of-access reminder, whatever a crash interrupted. */
export async function repairGrantEnds(store: Store): Promise<{ grants: number }> {
  return transaction(store, async (tx) => {
    const missing = await grantsWithoutEndJob(tx);
    for (const g of missing) await scheduleGrantEndIn(tx, store, { grantId: g.id, granteeId: g.granteeId, expiresAt: g.expiresAt, approvedById: g.approvedById });
    return { grants: missing.length };
  });
}

export const grantEndedJob = defineJobKind<{ grantId: number }>({
  kind: GRANT_ENDED,
  async render(ctx, payload) {
    const g = await grantById(ctx.store, payload.grantId);
    if (!g) return null;
    const now = ctx.clock.now();
    // Not over yet (e.g. the clock moved back): nothing to say.
    if (g.expiresAt > now && !(g.revokedAt && g.revokedAt <= now)) return null;
    // Marked once, with its audit entry: both commit, or neither and the next run tries again.
    const first = await transaction(ctx.store, async (tx) => {
      if (!(await markReminded(tx, g.id, now))) return false;
      await appendAuditIn(tx, { actor: "system", action: "contacts.grant.ended", subjectType: "grant", subjectId: String(g.id), details: { granteeId: g.granteeId, reminder: "no_retention", via: "scheduler", jobId: ctx.job.id }, at: now });
      return true;
    });
    return first ? endedReply(ctx.t, g) : null;
  },
});

const grantEndJob = (g: { grantId: number; granteeId: number; expiresAt: Date; approvedById: number }) => ({
  kind: GRANT_ENDED,
  target: { personId: g.granteeId },
  payload: { grantId: g.grantId },
  dueAt: g.expiresAt,
  idempotencyKey: `${GRANT_ENDED}:${g.grantId}`,
  createdById: g.approvedById,
});

/** Inside an asynchronous transaction (the approval's, the start-up repair's): the grant and its end-of-access reminder commit together. */
export function scheduleGrantEndIn(tx: Tx, store: Store, g: { grantId: number; granteeId: number; expiresAt: Date; approvedById: number }) {
  return scheduleJobNowIn(tx, store, grantEndJob(g));
}
