// `/rebate requests [ID]` and `/rebate disputes [ID]`: the caller's requests and disputes (their
// sub-locals', or every one for treasury staff) with state and age; with an id, the item as it
// stands now and its whole history.
import { accountByCode, allSubLocals, subLocalInfo } from "../../db/rebate.ts";
import { disputeById, disputesWhere, requestById, requestsWhere, type DisputeRow, type RequestRow } from "../../db/rebate-requests.ts";
import { arg } from "../core/args.ts";
import { defineCommand, type LinkedCtx } from "../core/command.ts";
import { userError } from "../core/errors.ts";
import { reply } from "../core/reply.ts";
import { AREA_ROLES, isTreasuryStaff, mayView, visibleSubLocals } from "./access.ts";
import { disputeCard, historyItems, personReader, requestCard } from "./cards.ts";
import { ageDays } from "./common.ts";

/** Accounts whose items the caller may list; undefined means all of them. */
async function listableAccounts(ctx: LinkedCtx): Promise<number[] | undefined> {
  if (isTreasuryStaff(ctx.roles) || ctx.roles.some((r) => r.role === "statewide_president")) return undefined;
  const ids: number[] = [];
  for (const s of visibleSubLocals(ctx.roles, await allSubLocals(ctx.db))) {
    const id = (await accountByCode(ctx.db, s.code))?.id;
    if (id !== undefined) ids.push(id);
  }
  return ids;
}

async function checkVisible(ctx: LinkedCtx, code: string, type: string, id: number) {
  const sl = await subLocalInfo(ctx.db, code);
  if (!sl || !mayView(ctx.roles, sl)) {
    await ctx.audit("rebate.denied", { type, id }, { reason: "not_in_scope" });
    throw userError.notAllowed("rebate.errors.notYours", { code });
  }
}

const idArg = (d: string) => arg.optional(arg.integer(d, { min: 1 }));

export const requestsCommand = defineCommand({
  path: ["rebate", "requests"],
  description: "rebate.requests.description",
  args: { id: idArg("rebate.args.requestId") },
  access: { roles: AREA_ROLES },
  async run(ctx, { id }) {
    if (id !== undefined) {
      const r = await requestById(ctx.db, id);
      if (!r) throw userError.notFound("rebate.request.notFound", { id });
      await checkVisible(ctx, r.subLocalCode, "rebate_request", id);
      await ctx.audit("rebate.request.view", { type: "rebate_request", id });
      return reply.private(...(await requestCard(ctx, r, await personReader(ctx.store, ctx.person.id, ctx.clock.now()))), reply.list(ctx.t("rebate.history.title"), await historyItems(ctx, "request", id)));
    }
    const rows = await requestsWhere(ctx.db, { accountIds: await listableAccounts(ctx), limit: 25 });
    await ctx.audit("rebate.requests.list", undefined, { shown: rows.length });
    const now = ctx.clock.now();
    const item = (r: RequestRow) => ({
      text: ctx.t("rebate.requestLine", { id: r.id, payee: r.payee, amount: ctx.fmt.money(r.amountCents) }) + ` · ${r.subLocalCode}`,
      detail: `${ctx.t(`rebate.request.status.${r.status}`)} · ${ctx.t("rebate.days", { count: ageDays(r.createdAt, now) })}`,
    });
    return reply.private(reply.list(ctx.t("rebate.requests.title"), rows.map(item), ctx.t("rebate.requests.empty")), reply.context(ctx.t("rebate.requests.hint")));
  },
});

export const disputesCommand = defineCommand({
  path: ["rebate", "disputes"],
  description: "rebate.disputes.description",
  args: { id: idArg("rebate.args.disputeId") },
  access: { roles: AREA_ROLES },
  async run(ctx, { id }) {
    if (id !== undefined) {
      const d = await disputeById(ctx.db, id);
      if (!d) throw userError.notFound("rebate.dispute.notFound", { id });
      await checkVisible(ctx, d.subLocalCode, "rebate_dispute", id);
      await ctx.audit("rebate.dispute.view", { type: "rebate_dispute", id });
      return reply.private(...(await disputeCard(ctx, d, await personReader(ctx.store, ctx.person.id, ctx.clock.now()))), reply.list(ctx.t("rebate.history.title"), await historyItems(ctx, "dispute", id)));
    }
    const rows = await disputesWhere(ctx.db, { accountIds: await listableAccounts(ctx), limit: 25 });
    await ctx.audit("rebate.disputes.list", undefined, { shown: rows.length });
    const now = ctx.clock.now();
    const item = (d: DisputeRow) => ({
      text: ctx.t("rebate.disputeLine", { id: d.id, entry: d.entryId, code: d.subLocalCode }),
      detail: `${ctx.t(`rebate.dispute.status.${d.status}`)} · ${ctx.t("rebate.days", { count: ageDays(d.createdAt, now) })}`,
    });
    return reply.private(reply.list(ctx.t("rebate.disputes.title"), rows.map(item), ctx.t("rebate.disputes.empty")), reply.context(ctx.t("rebate.disputes.hint")));
  },
});
