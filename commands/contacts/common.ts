// Small shared pieces of the contacts area: dates, labels, and the end-of-grant reminder.
import { endedUnreminded, markReminded } from "../../db/contacts.ts";
import type { Ctx, LinkedCtx } from "../core/command.ts";
import { reply, type Notice, type Reply } from "../core/reply.ts";

export function fmt(d: Date): string {
  return d.toISOString().slice(0, 16).replace("T", " ") + " UTC";
}

export function scopeText(ctx: Ctx, s: { scopeType: string; scopeId: string; campaign?: string | null; campaignDetail?: string | null }): string {
  const base = ctx.t(`contacts.request.scope.${s.scopeType}`, { id: s.scopeId });
  if (s.campaign === "classification") return `${base} — ${s.campaignDetail}`;
  if (s.campaign === "organizing") return `${base} — ${ctx.t("contacts.request.campaign.organizing")}`;
  return base;
}

export function purposeText(ctx: Ctx, purpose: string): string {
  return ctx.t(`contacts.request.purpose.${purpose}`);
}

/**
 * Tells every grantee whose grant has ended that access stopped and nothing may be retained,
 * once per grant. Runs after each contacts command (delivered as notices), so the reminder goes
 * out even without the scheduler.
 */
export async function endReminders(ctx: Ctx): Promise<Notice[]> {
  const now = ctx.clock.now();
  const notices: Notice[] = [];
  for (const g of await endedUnreminded(ctx.store, now)) {
    if (!markReminded(ctx.store, g.id, now)) continue;
    ctx.audit("contacts.grant.ended", { type: "grant", id: g.id }, { granteeId: g.granteeId, reminder: "no_retention" });
    const when = g.revokedAt && g.revokedAt < g.expiresAt ? g.revokedAt : g.expiresAt;
    notices.push({
      personId: g.granteeId,
      reply: reply.private(reply.text(`⏰ ${ctx.t("contacts.ended.reminder", { grant: g.id, scope: scopeText(ctx, g), purpose: purposeText(ctx, g.purpose), when: fmt(when) })}`)),
    });
  }
  return notices;
}

export function withEndReminders<A>(run: (ctx: LinkedCtx, args: A) => Promise<Reply>): (ctx: LinkedCtx, args: A) => Promise<Reply> {
  return async (ctx, args) => {
    const out = await run(ctx, args);
    const notices = await endReminders(ctx);
    return notices.length ? { ...out, notices: [...(out.notices ?? []), ...notices] } : out;
  };
}
