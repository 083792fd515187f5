// Small shared pieces of the contacts area: dates, labels, and the end-of-grant reminder.
import { z } from "zod";
import { endedUnreminded, grantById, markReminded, type GrantRow } from "../../db/contacts.ts";
import { defineNotice, notice } from "../core/notice.ts";
import type { Translate } from "../core/i18n.ts";
import { localStamp } from "../core/format.ts";
import type { Ctx, LinkedCtx } from "../core/command.ts";
import { reply, type Notice, type Reply } from "../core/reply.ts";

/** A moment as the local's clock shows it ("2026-11-23 09:00 PST"), never UTC. */
export function fmt(d: Date): string {
  return localStamp(d);
}

export function scopeText(ctx: { t: Translate }, s: { scopeType: string; scopeId: string; campaign?: string | null; campaignDetail?: string | null }): string {
  const base = ctx.t(`contacts.request.scope.${s.scopeType}`, { id: s.scopeId });
  if (s.campaign === "classification") return `${base} — ${s.campaignDetail}`;
  if (s.campaign === "organizing" || s.campaign === "cape") return `${base} — ${ctx.t(`contacts.request.campaign.${s.campaign}`)}`;
  return base;
}

export function purposeText(ctx: { t: Translate }, purpose: string): string {
  return ctx.t(`contacts.request.purpose.${purpose}`);
}

/** The reminder a grantee gets when a grant has ended. */
export function endedReply(t: Translate, g: GrantRow): Reply {
  const when = g.revokedAt && g.revokedAt < g.expiresAt ? g.revokedAt : g.expiresAt;
  const scope = t(`contacts.request.scope.${g.scopeType}`, { id: g.scopeId }) + (g.campaignDetail ? ` — ${g.campaignDetail}` : g.campaign === "organizing" || g.campaign === "cape" ? ` — ${t(`contacts.request.campaign.${g.campaign}`)}` : "");
  return reply.private(
    reply.text(`⏰ ${t("contacts.ended.reminder", { grant: g.id, scope, purpose: t(`contacts.request.purpose.${g.purpose}`), when: fmt(when) })}`),
    reply.context(t("contacts.election.rule")),
  );
}

/**
 * The end-of-grant reminder is a scheduled job (contacts.grant_ended, see jobs.ts). As a safety
 * net, a grantee whose ended grant was not reminded yet (scheduler down) hears it on their next
 * contacts command. Either way it goes out once per grant.
 */
export async function endReminders(ctx: LinkedCtx): Promise<Notice[]> {
  const now = ctx.clock.now();
  const notices: Notice[] = [];
  for (const g of await endedUnreminded(ctx.store, now, ctx.person.id)) {
    if (!(await markReminded(ctx.db, g.id, now))) continue;
    await ctx.audit("contacts.grant.ended", { type: "grant", id: g.id }, { granteeId: g.granteeId, reminder: "no_retention", via: "command" });
    notices.push(notice(grantEndedNotice, g.granteeId, { grantId: g.id }));
  }
  return notices;
}

/** "Your access has ended, keep nothing", in the grantee's language. */
export const grantEndedNotice = defineNotice({
  id: "contacts.grantEnded",
  values: z.object({ grantId: z.number().int().positive() }),
  example: { grantId: 1 },
  async render(n, v) {
    const g = await grantById(n.store, v.grantId);
    if (!g) throw new Error("grant not found");
    return endedReply(n.t, g);
  },
});

export function withEndReminders<A>(run: (ctx: LinkedCtx, args: A) => Promise<Reply>): (ctx: LinkedCtx, args: A) => Promise<Reply> {
  return async (ctx, args) => {
    const out = await run(ctx, args);
    const notices = await endReminders(ctx);
    return notices.length ? { ...out, notices: [...(out.notices ?? []), ...notices] } : out;
  };
}
