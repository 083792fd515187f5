// Contact requests waiting for this person's decision, each as the same card (Approve / Deny) the
// approver was sent. Re-rendered on every look, so the buttons work after a restart; the first
// decision still wins, whichever card it comes from.
import { pendingContactRequests } from "../../db/contacts-pending.ts";
import type { LinkedCtx, PendingItem } from "../core/command.ts";
import { mayDecide } from "./policy.ts";
import { requestCard } from "./request.ts";

export async function contactsPending(ctx: LinkedCtx): Promise<PendingItem[]> {
  return (await pendingContactRequests(ctx.db))
    .filter((r) => mayDecide(ctx.roles, ctx.person.id, r))
    .map((r) => ({
      area: "contacts",
      summary: ctx.t("contacts.request.cardTitle", { id: r.id }),
      since: r.createdAt,
      blocks: requestCard(ctx, r.id, r.requester, r).blocks,
    }));
}
