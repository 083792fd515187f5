// The treasury's part of Home, the pending-decisions list and a sub-local's handoff packet.
import { accountByCode, ENTRY_KINDS, ensureAccount, subLocalInfo, totalsByKind } from "../../db/rebate.ts";
import { committedCents, disputesWhere, OPEN_DISPUTE, OPEN_REQUEST, pendingStatements, requestsWhere } from "../../db/rebate-requests.ts";
import type { HandoffSection, HandoffSubLocal, LinkedCtx, PendingItem } from "../core/command.ts";
import type { Block } from "../core/reply.ts";
import { isTreasuryStaff, mayCosign, mayView, signingSubLocals } from "./access.ts";
import { balanceBlocks } from "./balance.ts";
import { disputeCard, personReader, requestCard, statementCard } from "./cards.ts";
import { kindLabel, today } from "./common.ts";

export async function home(ctx: LinkedCtx): Promise<Block[]> {
  const blocks: Block[] = [];
  for (const code of signingSubLocals(ctx.roles)) {
    const sl = await subLocalInfo(ctx.db, code);
    if (!sl) continue;
    const account = await ensureAccount(ctx.db, code, ctx.clock.now());
    blocks.push(...(await balanceBlocks(ctx, sl, account, false)));
    const open = (await requestsWhere(ctx.db, { accountIds: [account.id], statuses: OPEN_REQUEST, limit: 50 })).length;
    const disputes = (await disputesWhere(ctx.db, { accountIds: [account.id], statuses: OPEN_DISPUTE, limit: 50 })).length;
    blocks.push({ type: "context", text: ctx.t("rebate.home.open", { requests: open, disputes }) });
  }
  if (isTreasuryStaff(ctx.roles)) {
    const counts = {
      statements: (await pendingStatements(ctx.db)).length,
      requests: (await requestsWhere(ctx.db, { statuses: ["awaiting_staff"], limit: 500 })).length,
      disputes: (await disputesWhere(ctx.db, { statuses: OPEN_DISPUTE, limit: 500 })).length,
    };
    blocks.push({ type: "section", title: ctx.t("rebate.home.staffTitle"), text: ctx.t("rebate.home.staff", counts) });
  }
  if (blocks.length) await ctx.audit("rebate.home.view", undefined, { sublocals: signingSubLocals(ctx.roles).length });
  return blocks;
}

export async function pending(ctx: LinkedCtx): Promise<PendingItem[]> {
  const items: PendingItem[] = [];
  const me = ctx.person.id;
  const reader = await personReader(ctx.store, me, ctx.clock.now());
  if (isTreasuryStaff(ctx.roles)) {
    for (const s of (await pendingStatements(ctx.db)).filter((x) => x.requesterId !== me))
      items.push({ area: "rebate", summary: ctx.t("rebate.pending.statement", { id: s.id, code: s.subLocalCode }), since: new Date(s.createdAt), blocks: await statementCard(ctx, s, reader) });
    for (const r of (await requestsWhere(ctx.db, { statuses: ["awaiting_staff"], limit: 100 })).filter((x) => x.requesterId !== me && x.cosignerId !== me))
      items.push({ area: "rebate", summary: ctx.t("rebate.pending.request", { id: r.id, code: r.subLocalCode, amount: ctx.fmt.money(r.amountCents) }), since: new Date(r.cosignedAt ?? r.createdAt), blocks: await requestCard(ctx, r, reader) });
    for (const d of (await disputesWhere(ctx.db, { statuses: OPEN_DISPUTE, limit: 100 })).filter((x) => x.requesterId !== me))
      items.push({ area: "rebate", summary: ctx.t("rebate.pending.dispute", { id: d.id, code: d.subLocalCode }), since: new Date(d.lastActivityAt), blocks: await disputeCard(ctx, d, reader) });
  }
  const mine: number[] = [];
  for (const c of signingSubLocals(ctx.roles)) {
    const id = (await accountByCode(ctx.db, c))?.id;
    if (id !== undefined) mine.push(id);
  }
  for (const r of (await requestsWhere(ctx.db, { accountIds: mine, statuses: ["awaiting_cosign"], limit: 100 })).filter((x) => x.requesterId !== me && mayCosign(ctx.roles, x)))
    items.push({ area: "rebate", summary: ctx.t("rebate.pending.cosign", { id: r.id, amount: ctx.fmt.money(r.amountCents) }), since: new Date(r.createdAt), blocks: await requestCard(ctx, r, reader) });
  return items.sort((a, b) => a.since.getTime() - b.since.getTime());
}

export async function handoff(ctx: LinkedCtx, sub: HandoffSubLocal): Promise<HandoffSection | null> {
  const sl = await subLocalInfo(ctx.db, sub.code);
  if (!sl || !mayView(ctx.roles, sl)) return null;
  const account = await accountByCode(ctx.db, sl.code);
  if (!account) return null;
  const year = today(ctx).slice(0, 4);
  const committed = await committedCents(ctx.db, account.id);
  const ytd = await totalsByKind(ctx.db, account.id, `${year}-01-01`, `${year}-12-31`);
  const openRequests = (await requestsWhere(ctx.db, { accountIds: [account.id], statuses: OPEN_REQUEST, limit: 100 })).length;
  const openDisputes = (await disputesWhere(ctx.db, { accountIds: [account.id], statuses: OPEN_DISPUTE, limit: 100 })).length;
  const fields = [
    { label: ctx.t("rebate.balance.balance"), value: ctx.fmt.money(account.balanceCents) },
    { label: ctx.t("rebate.balance.committed"), value: ctx.fmt.money(committed) },
    ...ENTRY_KINDS.map((k) => ({ label: `${kindLabel(ctx.t, k)} (${year})`, value: ctx.fmt.money(ytd[k] ?? 0) })),
    { label: ctx.t("rebate.handoff.openRequests"), value: String(openRequests) },
    { label: ctx.t("rebate.handoff.openDisputes"), value: String(openDisputes) },
    { label: ctx.t("rebate.handoff.auto"), value: ctx.t(account.autoStatement ? "rebate.handoff.yes" : "rebate.handoff.no") },
  ];
  await ctx.audit("rebate.handoff.view", { type: "sublocal", id: sl.code });
  const title = ctx.t("rebate.handoff.title");
  return {
    area: "rebate",
    title,
    blocks: [{ type: "section", title, fields }, { type: "context", text: ctx.t("rebate.handoff.howTo") }],
    markdown: [`## ${title}`, "", ...fields.map((f) => `- **${f.label}:** ${f.value}`), "", ctx.t("rebate.handoff.howTo"), ""].join("\n"),
  };
}
