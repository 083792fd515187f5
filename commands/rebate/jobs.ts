// Scheduled deliveries of the treasury area: a card for the treasury channel, the stale-dispute
// reminder and escalation, and the automatic monthly statement. Each is rendered from the current
// state when it falls due, and says nothing (null) when it no longer applies.
import { z } from "zod";
import { appendAuditIn } from "../../db/audit.ts";
import { data, transaction } from "../../db/data.ts";
import { scheduleJobNowIn, upsertRuleIn } from "../../db/jobs.ts";
import { accountByCode, ensureAccount, signersOf, subLocalInfo } from "../../db/rebate.ts";
import { createStatementIn, disputeById, OPEN_DISPUTE, requestById, statementById } from "../../db/rebate-requests.ts";
import { jobFormatter, defineJobKind, type JobCtx } from "../core/jobs.ts";
import { reply, type Block, type Reply } from "../core/reply.ts";
import { disputeCard, personReader, requestCard, statementCard } from "./cards.ts";
import type { View } from "./common.ts";
import { previousMonth } from "./period.ts";
import { CARD_JOB } from "./route.ts";
import { STALE_JOB } from "./stale.ts";
import { AUTO_CRON, AUTO_JOB, autoKey } from "./staff.ts";
import { issuedStatement, statementMessage } from "./statement-doc.ts";

function view(ctx: JobCtx): View & { locale: string } {
  return { store: ctx.store, t: ctx.t, fmt: jobFormatter(ctx), clock: ctx.clock, locale: ctx.locale };
}

export const cardJob = defineJobKind({
  kind: CARD_JOB,
  async render(ctx, raw): Promise<Reply | null> {
    const p = z.object({ type: z.enum(["statement", "request", "dispute"]), id: z.number().int(), stage: z.literal("withdrawn").optional() }).parse(raw);
    const v = view(ctx);
    const db = data(ctx.store);
    let blocks: Block[] | null = null;
    if (p.type === "statement") {
      const s = await statementById(db, p.id);
      if (s?.status === "pending") blocks = await statementCard(v, s, { channel: true });
    } else if (p.type === "request") {
      const r = await requestById(db, p.id);
      // A request still waiting gets staff's buttons; a withdrawn one tells the channel that the
      // card posted earlier has nothing left to decide.
      if (r?.status === "awaiting_staff" || (p.stage === "withdrawn" && r?.status === "withdrawn")) blocks = await requestCard(v, r, { channel: true });
    } else {
      const d = await disputeById(db, p.id);
      if (d && OPEN_DISPUTE.includes(d.status)) blocks = await disputeCard(v, d, { channel: true });
    }
    return blocks ? { visibility: "channel", blocks } : null;
  },
});

export const staleJob = defineJobKind({
  kind: STALE_JOB,
  async render(ctx, raw): Promise<Reply | null> {
    const p = z.object({ id: z.number().int(), stage: z.enum(["remind", "escalate"]), since: z.string() }).parse(raw);
    const d = await disputeById(data(ctx.store), p.id);
    // Resolved, or someone acted since this was planned (a newer plan exists): nothing to say.
    if (!d || !OPEN_DISPUTE.includes(d.status) || d.lastActivityAt !== p.since) return null;
    const v = view(ctx);
    await transaction(ctx.store, (tx) =>
      appendAuditIn(tx, { actor: "system", action: `rebate.dispute.${p.stage === "remind" ? "reminder" : "escalation"}`, subjectType: "rebate_dispute", subjectId: String(d.id), details: { jobId: ctx.job.id, personId: ctx.job.personId }, at: ctx.clock.now() }),
    );
    const key = p.stage === "remind" ? "rebate.dispute.staleReminder" : "rebate.dispute.staleEscalation";
    return reply.private(reply.text(`⏰ ${ctx.t(key, { id: d.id, code: d.subLocalCode, since: v.fmt.dateShort(new Date(d.lastActivityAt)) })}`), ...(await disputeCard(v, d, ctx.job.personId !== null ? await personReader(ctx.store, ctx.job.personId, ctx.clock.now()) : { channel: true })));
  },
});

export const autoStatementJob = defineJobKind({
  kind: AUTO_JOB,
  async render(ctx, raw): Promise<Reply | null> {
    const { code } = z.object({ code: z.string() }).parse(raw);
    const db = data(ctx.store);
    const sl = await subLocalInfo(db, code);
    const account = (await accountByCode(db, code)) ?? (sl ? await ensureAccount(db, code, ctx.clock.now()) : undefined);
    if (!sl || !account || !account.autoStatement) return null;
    const now = ctx.clock.now();
    const treasurer = (await signersOf(db, code, now)).find((s) => s.office === "treasurer");
    if (!treasurer) return null;
    const v = view(ctx);
    const period = previousMonth(v.fmt.localDay(ctx.job.dueAt));
    if (ctx.job.personId !== treasurer.personId) {
      // The treasurer changed: the rule follows the office, and the new treasurer gets this month's too.
      await transaction(ctx.store, async (tx) => {
        await upsertRuleIn(tx, ctx.store, { kind: AUTO_JOB, name: `Monthly rebate statement ${code}`, cron: AUTO_CRON, timeZone: ctx.job.timeZone, target: { personId: treasurer.personId }, payload: { code }, idempotencyKey: autoKey(code) }, now);
        await scheduleJobNowIn(tx, ctx.store, { kind: AUTO_JOB, target: { personId: treasurer.personId }, payload: { code }, dueAt: now, timeZone: ctx.job.timeZone, idempotencyKey: `${autoKey(code)}:${period.label}:p${treasurer.personId}` });
      });
      return null;
    }
    // The statement, issued with its figures and closed period, commits with its audit entry.
    const id = await transaction(ctx.store, async (tx) => {
      const id = await createStatementIn(tx, { accountId: account.id, requesterId: treasurer.personId, fromDate: period.from, toDate: period.to, status: "automatic" }, now, v.fmt.localDay(now));
      await appendAuditIn(tx, { actor: "system", action: "rebate.statement.automatic", subjectType: "rebate_statement", subjectId: String(id), details: { subLocal: code, personId: treasurer.personId, jobId: ctx.job.id }, at: now });
      return id;
    });
    const m = await statementMessage(v, (await issuedStatement(ctx.store, (await statementById(db, id))!))!);
    return { visibility: "private", blocks: [{ type: "text", text: `🗓️ ${ctx.t("rebate.auto.intro", { code, period: period.label })}` }, ...m.blocks], files: m.files };
  },
});
