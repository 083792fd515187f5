// `/rebate statement PERIOD [SUB-LOCAL]`: a request that treasury staff approve or deny from a
// card (first decision wins, the card is updated in place); on approval the requester gets the
// statement as a message with a CSV and a PDF.
import { z } from "zod";
import { accountById, subLocalInfo } from "../../db/rebate.ts";
import { createStatement, decideStatement, statementById } from "../../db/rebate-requests.ts";
import { arg } from "../core/args.ts";
import { defineAction, defineCommand, type LinkedCtx } from "../core/command.ts";
import { userError } from "../core/errors.ts";
import { reply, type Reply } from "../core/reply.ts";
import { TREASURY_STAFF } from "./access.ts";
import { statementCard } from "./cards.ts";
import { nameOf, pickSubLocal, SUBLOCAL_CODE, today, viewAccount } from "./common.ts";
import { parsePeriod, type Period } from "./period.ts";
import { reachedNobody, toTreasury } from "./route.ts";
import { statementMessage } from "./statement-doc.ts";

/** "2026-Q3 SL-083", "SL-083 2026-Q3", "2026-07-01 2026-09-30": the sub-local is whichever word looks like one. */
export function splitStatementArgs(period: string, sublocal: string | undefined): { code: string | undefined; period: string } {
  const words = [period, sublocal ?? ""].join(" ").trim().split(/\s+/);
  const code = words.find((w) => SUBLOCAL_CODE.test(w));
  return { code, period: words.filter((w) => w !== code).join(" ") };
}

export const statementCommand = defineCommand({
  path: ["rebate", "statement"],
  description: "rebate.statement.description",
  args: {
    period: arg.string("rebate.args.period", { maxLength: 40 }),
    sublocal: arg.optional(arg.string("rebate.args.sublocal", { maxLength: 30, rest: true })),
  },
  // Open to every linked person: the handler refuses politely, naming who may see the account.
  access: { linked: true },
  examples: ["rebate.statement.example"],
  async run(ctx, args) {
    const split = splitStatementArgs(args.period, args.sublocal);
    const sl = pickSubLocal(ctx, split.code);
    const account = viewAccount(ctx, sl, "statement");
    const period = parsePeriod(split.period);
    if (!period) throw userError.invalid("rebate.statement.badPeriod", { period: split.period.slice(0, 40) });
    if (period.from > today(ctx)) throw userError.invalid("rebate.statement.future", { period: period.label });
    const now = ctx.clock.now();
    const id = createStatement(ctx.store, { accountId: account.id, requesterId: ctx.person.id, fromDate: period.from, toDate: period.to, status: "pending" }, now);
    ctx.audit("rebate.statement.request", { type: "rebate_statement", id }, { subLocal: sl.code, from: period.from, to: period.to });
    const card = reply.private(...(await statementCard(ctx, statementById(ctx.store, id)!)));
    const notices = await toTreasury(ctx, { type: "statement", id }, card);
    const sent = reply.text(`📨 ${ctx.t("rebate.statement.sent", { id, code: sl.code, period: period.label })}`);
    return { ...reply.private(sent, ...(reachedNobody(ctx, notices) ? [reply.context(ctx.t("rebate.noStaff"))] : [])), notices };
  },
});

/** The statement as the requester receives it. */
export async function deliverStatement(ctx: LinkedCtx, code: string, accountId: number, period: Period): Promise<Reply> {
  const sl = subLocalInfo(ctx.store, code)!;
  const m = await statementMessage(ctx, sl, accountById(ctx.store, accountId)!, period);
  return { visibility: "private", blocks: m.blocks, files: m.files };
}

export const decideStatementAction = defineAction({
  id: "rebate.statement.decide",
  payload: z.object({ id: z.number().int().positive(), approve: z.boolean() }),
  access: { roles: TREASURY_STAFF },
  async run(ctx, { id, approve }) {
    const s = statementById(ctx.store, id);
    if (!s) throw userError.notFound("rebate.statement.notFound", { id });
    if (s.requesterId === ctx.person.id) throw userError.notAllowed("rebate.errors.ownRequest", { id });
    const d = decideStatement(ctx.store, id, ctx.person.id, approve, ctx.clock.now());
    const card = await statementCard(ctx, d.row ?? s);
    if (!d.ok) return { ...reply.private(...card), update: true };
    const vars = { id, code: s.subLocalCode, by: await nameOf(ctx.store, ctx.person.id), name: await nameOf(ctx.store, s.requesterId) };
    if (!approve) {
      ctx.audit("rebate.statement.deny", { type: "rebate_statement", id }, { subLocal: s.subLocalCode, requesterId: s.requesterId });
      return {
        ...reply.private(...card),
        update: true,
        notices: s.requesterId ? [{ personId: s.requesterId, reply: reply.private(reply.text(ctx.t("rebate.statement.youDenied", vars))) }] : [],
      };
    }
    const period = parsePeriod(`${s.fromDate} ${s.toDate}`)!;
    const statement = await deliverStatement(ctx, s.subLocalCode, s.accountId, { ...period, label: labelOf(s.fromDate, s.toDate) });
    ctx.audit("rebate.statement.approve", { type: "rebate_statement", id }, { subLocal: s.subLocalCode, requesterId: s.requesterId, from: s.fromDate, to: s.toDate });
    const intro = reply.text(`✅ ${ctx.t("rebate.statement.youApproved", vars)}`);
    return {
      ...reply.private(...card, reply.context(ctx.t("rebate.statement.sentTo", vars))),
      update: true,
      notices: s.requesterId ? [{ personId: s.requesterId, reply: { ...statement, blocks: [intro, ...statement.blocks] } }] : [],
    };
  },
});

/** The short name of a stored period: "2026-10", "2026-Q3", "2026", or the two dates. */
export function labelOf(from: string, to: string): string {
  for (const candidate of [from.slice(0, 7), `${from.slice(0, 4)}-Q${Math.floor((Number(from.slice(5, 7)) - 1) / 3) + 1}`, from.slice(0, 4)]) {
    const p = parsePeriod(candidate);
    if (p && p.from === from && p.to === to) return p.label;
  }
  return `${from} – ${to}`;
}
