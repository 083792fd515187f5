// `/rebate statement PERIOD [SUB-LOCAL]`: a request that treasury staff approve or deny (with a
// reason) from a card; the first decision wins and every card shows it. On approval the statement
// is issued: its figures are stored as they are at that moment, its period is closed, and the
// requester gets it (message, CSV and PDF) in their own language. `/rebate statements [ID]` lists
// the issued statements one may see and sends one again, unchanged.
import { z } from "zod";
import { accountByCode, allSubLocals } from "../../db/rebate.ts";
import { createStatementIn, decideStatementIn, issuedStatements, statementById } from "../../db/rebate-requests.ts";
import { arg } from "../core/args.ts";
import { defineAction, defineCommand, defineForm } from "../core/command.ts";
import { userError } from "../core/errors.ts";
import { notice } from "../core/notice.ts";
import { reply, type Reply } from "../core/reply.ts";
import { AREA_ROLES, isPartyTo, isTreasuryStaff, TREASURY_STAFF, visibleSubLocals } from "./access.ts";
import { personReader, statementCard } from "./cards.ts";
import { nameOf, pickSubLocal, SUBLOCAL_CODE, today, viewAccount } from "./common.ts";
import { statementCardNotice, statementDeniedNotice, statementIssuedNotice } from "./notices.ts";
import { parsePeriod, periodProblem } from "./period.ts";
import { reachedNobody, toTreasury } from "./route.ts";
import { issuedLine, issuedStatement, statementMessage } from "./statement-doc.ts";

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
    const sl = await pickSubLocal(ctx, split.code);
    const account = await viewAccount(ctx, sl, "statement");
    const period = parsePeriod(split.period);
    if (!period) throw userError.invalid("rebate.statement.badPeriod", { period: split.period.slice(0, 40) });
    const problem = periodProblem(period, today(ctx));
    if (problem === "future") throw userError.invalid("rebate.statement.future", { period: period.label });
    if (problem) throw userError.invalid("rebate.statement.yearRange", { period: period.label, first: 2000, last: Number(today(ctx).slice(0, 4)) + 1 });
    const now = ctx.clock.now();
    // The request, its audit entry and the staff channel's card commit together.
    const { id, notices } = await ctx.commitAsync(async (tx) => {
      const id = await createStatementIn(tx, { accountId: account.id, requesterId: ctx.person.id, fromDate: period.from, toDate: period.to, status: "pending" }, now, today(ctx));
      await ctx.auditIn(tx, "rebate.statement.request", { type: "rebate_statement", id }, { subLocal: sl.code, from: period.from, to: period.to });
      return { id, notices: await toTreasury(ctx, tx, { type: "statement", id }, statementCardNotice) };
    });
    const sent = reply.text(`📨 ${ctx.t("rebate.statement.sent", { id, code: sl.code, period: period.label })}`);
    return { ...reply.private(sent, ...((await reachedNobody(ctx, notices)) ? [reply.context(ctx.t("rebate.noStaff"))] : [])), notices };
  },
});

export const decideStatementAction = defineAction({
  id: "rebate.statement.decide",
  payload: z.object({ id: z.number().int().positive(), approve: z.boolean() }),
  access: { roles: TREASURY_STAFF },
  async run(ctx, { id, approve }): Promise<Reply> {
    const s = await statementById(ctx.db, id);
    if (!s) throw userError.notFound("rebate.statement.notFound", { id });
    if (isPartyTo(ctx.person.id, s)) throw userError.notAllowed("rebate.errors.ownRequest", { id });
    const me = await personReader(ctx.store, ctx.person.id, ctx.clock.now());
    if (!approve) {
      // Deny asks for the reason first; a card already decided just shows the decision.
      if (s.status !== "pending") return { ...reply.private(...(await statementCard(ctx, s, me))), update: true };
      return {
        visibility: "private",
        blocks: [],
        form: {
          form: "rebate.statement.deny",
          title: ctx.t("rebate.statement.denyTitle", { id }),
          submitLabel: ctx.t("rebate.deny"),
          payload: { id },
          fields: [{ name: "reason", label: ctx.t("rebate.reasonLabel"), kind: "textarea", required: true, maxLength: 500, hint: ctx.t("rebate.request.hintReason") }],
        },
      };
    }
    // The decision, the statement's frozen figures, its closed period and its audit entry commit together.
    const d = await ctx.commitAsync(async (tx) => {
      const d = await decideStatementIn(tx, id, ctx.person.id, { approve: true, today: today(ctx) }, ctx.clock.now());
      if (d.ok) await ctx.auditIn(tx, "rebate.statement.approve", { type: "rebate_statement", id }, { subLocal: s.subLocalCode, requesterId: s.requesterId, from: s.fromDate, to: s.toDate, closesThrough: d.row.closesThrough });
      return d;
    });
    const card = await statementCard(ctx, d.row ?? s, me);
    if (!d.ok) return { ...reply.private(...card), update: true };
    const name = await nameOf(ctx.store, s.requesterId);
    return {
      ...reply.private(...card, reply.context(ctx.t("rebate.statement.sentTo", { name }))),
      update: true,
      notices: s.requesterId ? [notice(statementIssuedNotice, s.requesterId, { id })] : [],
    };
  },
});

export const denyStatementForm = defineForm({
  id: "rebate.statement.deny",
  fields: z.object({ reason: z.string().trim().min(3).max(500) }),
  payload: z.object({ id: z.number().int().positive() }),
  access: { roles: TREASURY_STAFF },
  async submit(ctx, { reason }, { id }) {
    const s = await statementById(ctx.db, id);
    if (!s) throw userError.notFound("rebate.statement.notFound", { id });
    if (isPartyTo(ctx.person.id, s)) throw userError.notAllowed("rebate.errors.ownRequest", { id });
    const d = await ctx.commitAsync(async (tx) => {
      const d = await decideStatementIn(tx, id, ctx.person.id, { approve: false, reason }, ctx.clock.now());
      if (d.ok) await ctx.auditIn(tx, "rebate.statement.deny", { type: "rebate_statement", id }, { subLocal: s.subLocalCode, requesterId: s.requesterId });
      return d;
    });
    const card = reply.private(...(await statementCard(ctx, d.row ?? s, await personReader(ctx.store, ctx.person.id, ctx.clock.now()))));
    if (!d.ok) return card;
    return { ...card, notices: s.requesterId ? [notice(statementDeniedNotice, s.requesterId, { id })] : [] };
  },
});

/** The accounts whose issued statements the caller may see; undefined means every account. */
async function statementAccounts(ctx: Parameters<typeof viewAccount>[0]): Promise<number[] | undefined> {
  if (isTreasuryStaff(ctx.roles) || ctx.roles.some((r) => r.role === "statewide_president")) return undefined;
  const ids: number[] = [];
  for (const s of visibleSubLocals(ctx.roles, await allSubLocals(ctx.db))) {
    const id = (await accountByCode(ctx.db, s.code))?.id;
    if (id !== undefined) ids.push(id);
  }
  return ids;
}

export const statementsCommand = defineCommand({
  path: ["rebate", "statements"],
  description: "rebate.statements.description",
  args: { id: arg.optional(arg.integer("rebate.args.statementId", { min: 1 })) },
  access: { roles: AREA_ROLES },
  async run(ctx, { id }) {
    if (id !== undefined) {
      const s = await statementById(ctx.db, id);
      const issued = s && (await issuedStatement(ctx.store, s));
      if (!s || !issued) throw userError.notFound("rebate.statements.notIssued", { id });
      await viewAccount(ctx, issued.sl, "statement_copy");
      await ctx.audit("rebate.statement.copy", { type: "rebate_statement", id }, { subLocal: s.subLocalCode });
      const m = await statementMessage(ctx, issued);
      return { visibility: "private", blocks: [reply.text(ctx.t("rebate.statements.copy", { id })), ...m.blocks], files: m.files };
    }
    const rows = await issuedStatements(ctx.db, await statementAccounts(ctx));
    await ctx.audit("rebate.statements.list", undefined, { shown: rows.length });
    const items = [];
    for (const s of rows) {
      const issued = (await issuedStatement(ctx.store, s))!;
      items.push({ text: ctx.t("rebate.statements.line", { id: s.id, code: s.subLocalCode, period: issued.period.label }), detail: issuedLine(ctx, issued) });
    }
    return reply.private(reply.list(ctx.t("rebate.statements.title"), items, ctx.t("rebate.statements.empty")), reply.context(ctx.t("rebate.statements.hint")));
  },
});
