// `/rebate balance [SUB-LOCAL]`: the balance, what is already promised to open requests, the last
// rebate deposits and this year's totals by kind. Without a sub-local, a reader of several
// accounts (staff, a board director) gets an overview of the ones they may see.
import { allSubLocals, balancesOf, ENTRY_KINDS, lastEntriesOfKind, totalsByKind, type AccountRow, type SubLocalInfo } from "../../db/rebate.ts";
import { committedCents, OPEN_REQUEST, requestsWhere } from "../../db/rebate-requests.ts";
import { arg } from "../core/args.ts";
import { defineCommand, type LinkedCtx } from "../core/command.ts";
import { userError } from "../core/errors.ts";
import { reply, type Block } from "../core/reply.ts";
import { data } from "../../db/data.ts";
import { AREA_ROLES, signingSubLocals, visibleSubLocals } from "./access.ts";
import { entryLine, kindLabel, pickSubLocal, today, viewAccount, type View } from "./common.ts";

const LAST_DEPOSITS = 5;
const OVERVIEW_LIMIT = 30;

/** The figures of one account, as blocks (also used by Home). */
export async function balanceBlocks(v: View, sl: SubLocalInfo, account: AccountRow, detail = true): Promise<Block[]> {
  const db = data(v.store);
  const committed = await committedCents(db, account.id);
  const year = today(v).slice(0, 4);
  const blocks: Block[] = [
    {
      type: "section",
      title: v.t("rebate.balance.title", { code: sl.code, name: sl.name }),
      fields: [
        { label: v.t("rebate.balance.balance"), value: v.fmt.money(account.balanceCents) },
        { label: v.t("rebate.balance.committed"), value: v.fmt.money(committed) },
        { label: v.t("rebate.balance.available"), value: v.fmt.money(account.balanceCents - committed) },
      ],
    },
  ];
  if (!detail) return blocks;
  const ytd = await totalsByKind(db, account.id, `${year}-01-01`, `${year}-12-31`);
  blocks.push({
    type: "list",
    title: v.t("rebate.balance.lastDeposits"),
    items: (await lastEntriesOfKind(db, account.id, "deposit", LAST_DEPOSITS)).map((e) => ({ text: entryLine(v, e) })),
    empty: v.t("rebate.balance.noDeposits"),
  });
  blocks.push({
    type: "section",
    title: v.t("rebate.balance.yearToDate", { year }),
    fields: ENTRY_KINDS.map((k) => ({ label: kindLabel(v.t, k), value: v.fmt.money(ytd[k] ?? 0) })),
  });
  const pending = await requestsWhere(db, { accountIds: [account.id], statuses: OPEN_REQUEST, limit: 10 });
  blocks.push({
    type: "list",
    title: v.t("rebate.balance.pendingRequests"),
    items: pending.map((r) => ({ text: v.t("rebate.requestLine", { id: r.id, payee: r.payee, amount: v.fmt.money(r.amountCents) }), detail: v.t(`rebate.request.status.${r.status}`) })),
    empty: v.t("rebate.balance.noPending"),
  });
  return blocks;
}

async function overview(ctx: LinkedCtx): Promise<Block[]> {
  const visible = visibleSubLocals(ctx.roles, await allSubLocals(ctx.db));
  if (visible.length === 0) throw userError.notAllowed("rebate.errors.noAccounts");
  const balances = await balancesOf(ctx.db, visible.map((s) => s.code));
  const shown = visible.slice(0, OVERVIEW_LIMIT);
  await ctx.audit("rebate.balance.overview", undefined, { shown: shown.length });
  return [
    {
      type: "list",
      title: ctx.t("rebate.balance.overviewTitle", { count: visible.length }),
      items: shown.map((s) => ({ text: `${s.code} ${s.name}`, detail: ctx.fmt.money(balances.get(s.code) ?? 0) })),
    },
    { type: "context", text: ctx.t(visible.length > shown.length ? "rebate.balance.overviewMore" : "rebate.balance.overviewHint", { count: visible.length - shown.length }) },
  ];
}

export const balanceCommand = defineCommand({
  path: ["rebate", "balance"],
  description: "rebate.balance.description",
  args: { sublocal: arg.optional(arg.string("rebate.args.sublocal", { maxLength: 30 })) },
  // Open to every linked person: the handler refuses politely, naming who may see the account.
  access: { linked: true },
  examples: ["rebate.balance.example"],
  async run(ctx, args) {
    if (!args.sublocal && signingSubLocals(ctx.roles).length !== 1) return reply.private(...(await overview(ctx)));
    const sl = await pickSubLocal(ctx, args.sublocal);
    const account = await viewAccount(ctx, sl, "balance");
    await ctx.audit("rebate.balance.view", { type: "sublocal", id: sl.code });
    return reply.private(...(await balanceBlocks(ctx, sl, account)));
  },
});
