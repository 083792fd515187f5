// `/rebate dispute`: an officer questions one ledger entry. Treasury staff take it under review
// and resolve it from buttons: adjusted (a correcting adjustment entry is recorded and shown) or
// upheld (with a reason). Every step tells the requester; untouched disputes remind and escalate.
import { z } from "zod";
import type { Tx } from "../../db/data.ts";
import { accountById, entryById, entryByRef, PostingRefusedError, type EntryRow } from "../../db/rebate.ts";
import { createDisputeIn, disputeById, openDisputeOnEntry, resolveDisputeIn, startReviewIn, type Decided, type DisputeRow, type Resolution } from "../../db/rebate-requests.ts";
import { unionHolidays } from "../core/calendar.ts";
import { arg } from "../core/args.ts";
import { defineAction, defineCommand, defineForm, type LinkedCtx } from "../core/command.ts";
import { FieldErrors, userError } from "../core/errors.ts";
import { notice } from "../core/notice.ts";
import { reply, type Notice, type Reply } from "../core/reply.ts";
import { mayFile, TREASURY_STAFF } from "./access.ts";
import { disputeCard, expectedSigned, personReader, signedMoney } from "./cards.ts";
import { entryLine, formAmount, today } from "./common.ts";
import { disputeCardNotice, disputeNewsNotice } from "./notices.ts";
import { reachedNobody, toTreasury } from "./route.ts";
import { syncStaleJobsIn } from "./stale.ts";

/** "123", "#123", "E-123" or the treasury's own reference. */
export async function findEntry(ctx: LinkedCtx, raw: string): Promise<EntryRow | undefined> {
  const s = raw.trim();
  const m = /^(?:#|E-?)?(\d{1,12})$/i.exec(s);
  return (m ? await entryById(ctx.db, Number(m[1])) : undefined) ?? (await entryByRef(ctx.db, s));
}

export const disputeCommand = defineCommand({
  path: ["rebate", "dispute"],
  opensForm: true,
  description: "rebate.dispute.description",
  args: { entry: arg.optional(arg.string("rebate.args.entry", { maxLength: 60 })) },
  access: { roles: ["sublocal_officer"] },
  run(ctx, args) {
    const t = ctx.t;
    return {
      visibility: "private",
      blocks: [],
      form: {
        form: "rebate.dispute",
        title: t("rebate.dispute.formTitle"),
        intro: t("rebate.dispute.intro"),
        submitLabel: t("rebate.dispute.submit"),
        payload: null,
        fields: [
          { name: "entry", label: t("rebate.dispute.entry"), kind: "text", required: true, maxLength: 60, initial: args.entry, hint: t("rebate.dispute.hintEntry") },
          { name: "problem", label: t("rebate.dispute.problem"), kind: "textarea", required: true, maxLength: 1000 },
          { name: "expected", label: t("rebate.dispute.expected"), kind: "text", maxLength: 20, hint: t("rebate.dispute.hintExpected") },
        ],
      },
    };
  },
});

export const disputeForm = defineForm({
  id: "rebate.dispute",
  fields: z.object({ entry: z.string().trim().min(1).max(60), problem: z.string().trim().min(1).max(1000), expected: z.string().trim().max(20).optional() }),
  payload: z.null(),
  access: { roles: ["sublocal_officer"] },
  async submit(ctx, v) {
    const entry = await findEntry(ctx, v.entry);
    if (!entry) throw new FieldErrors({ entry: { key: "rebate.dispute.noEntry", vars: { entry: v.entry.slice(0, 40) } } });
    const code = (await accountById(ctx.db, entry.accountId))!.subLocalCode;
    if (!mayFile(ctx.roles, code)) {
      await ctx.audit("rebate.denied", { type: "rebate_entry", id: entry.id }, { what: "dispute", reason: "not_a_signer" });
      throw new FieldErrors({ entry: { key: "rebate.dispute.notYourEntry", vars: { code } } });
    }
    const read = v.expected ? formAmount(ctx, v.expected) : null;
    if (read && "error" in read) throw new FieldErrors({ expected: read.error });
    const expected = read && "cents" in read ? read.cents : null;
    if (v.problem.length < 10) throw new FieldErrors({ problem: "rebate.dispute.problemShort" });
    const now = ctx.clock.now();
    const holidays = await unionHolidays(ctx.store);
    // The dispute, its reminders, its audit entry and the staff channel's card commit together.
    const { id, notices } = await ctx.commitAsync(async (tx) => {
      const already = await openDisputeOnEntry(tx, entry.id);
      if (already) throw new FieldErrors({ entry: { key: "rebate.dispute.alreadyOpen", vars: { id: already.id } } });
      const id = await createDisputeIn(tx, { accountId: entry.accountId, entryId: entry.id, requesterId: ctx.person.id, problem: v.problem, expectedCents: expected }, now);
      await syncStaleJobsIn(tx, ctx.store, (await disputeById(tx, id))!, now, holidays);
      await ctx.auditIn(tx, "rebate.dispute.open", { type: "rebate_dispute", id }, { subLocal: code, entryId: entry.id });
      return { id, notices: await toTreasury(ctx, tx, { type: "dispute", id }, disputeCardNotice) };
    });
    const sent = reply.text(`📨 ${ctx.t("rebate.dispute.sent", { id, entry: entryLine(ctx, entry) })}`);
    return { ...reply.private(sent, ...((await reachedNobody(ctx, notices)) ? [reply.context(ctx.t("rebate.noStaff"))] : [])), notices };
  },
});

async function loadOpen(ctx: LinkedCtx, id: number): Promise<DisputeRow> {
  const d = await disputeById(ctx.db, id);
  if (!d) throw userError.notFound("rebate.dispute.notFound", { id });
  if (d.requesterId === ctx.person.id) throw userError.notAllowed("rebate.errors.ownRequest", { id });
  return d;
}

const tell = (d: DisputeRow, what: "under_review" | "adjusted" | "upheld"): Notice[] => [notice(disputeNewsNotice, d.requesterId, { id: d.id, what })];
const mine = (ctx: LinkedCtx) => personReader(ctx.store, ctx.person.id, ctx.clock.now());

/**
 * One step on a dispute, committed whole: the step (with a correction's ledger entry), its
 * reminders re-planned or cancelled, and its audit entry. Nothing is audited when the step was
 * already taken by someone else (the guarded update changed nothing).
 */
async function step(ctx: LinkedCtx, act: (tx: Tx) => Promise<Decided<DisputeRow>>, audit: (d: DisputeRow) => Parameters<LinkedCtx["audit"]>): Promise<Decided<DisputeRow>> {
  const now = ctx.clock.now();
  const holidays = await unionHolidays(ctx.store);
  return ctx.commitAsync(async (tx) => {
    const d = await act(tx);
    if (!d.ok) return d;
    await syncStaleJobsIn(tx, ctx.store, d.row, now, holidays);
    await ctx.auditIn(tx, ...audit(d.row));
    return d;
  });
}

export const reviewAction = defineAction({
  id: "rebate.dispute.review",
  payload: z.object({ id: z.number().int().positive() }),
  access: { roles: TREASURY_STAFF },
  async run(ctx, { id }) {
    const before = await loadOpen(ctx, id);
    const d = await step(
      ctx,
      (tx) => startReviewIn(tx, id, ctx.person.id, ctx.clock.now()),
      (row) => ["rebate.dispute.review", { type: "rebate_dispute", id }, { subLocal: row.subLocalCode }],
    );
    const card = reply.private(...(await disputeCard(ctx, d.row ?? before, await mine(ctx))));
    if (!d.ok) return { ...card, update: true };
    return { ...card, update: true, notices: tell(d.row, "under_review") };
  },
});

/** A button that opens the resolution form, or shows the card as it now stands when already resolved. */
function resolutionButton(id: string, form: (ctx: LinkedCtx, d: DisputeRow) => Reply | Promise<Reply>) {
  return defineAction({
    id,
    payload: z.object({ id: z.number().int().positive() }),
    access: { roles: TREASURY_STAFF },
    async run(ctx, p) {
      const d = await loadOpen(ctx, p.id);
      if (d.status !== "open" && d.status !== "under_review") return { ...reply.private(...(await disputeCard(ctx, d, await mine(ctx)))), update: true };
      return form(ctx, d);
    },
  });
}

export const adjustAction = resolutionButton("rebate.dispute.adjust", async (ctx, d) => {
  const entry = (await entryById(ctx.db, d.entryId))!;
  // The correction is the signed difference between what was expected and what was posted:
  // an expense of −165.00 that should have been 150.00 is corrected by +15.00.
  const expected = d.expectedCents !== null ? expectedSigned(entry.amountCents, d.expectedCents) : null;
  const suggested = expected !== null ? expected - entry.amountCents : null;
  const intro = [entryLine(ctx, entry), ...(expected !== null ? [ctx.t("rebate.dispute.adjustIntro", { entry: ctx.fmt.money(entry.amountCents), expected: ctx.fmt.money(expected), difference: signedMoney(ctx, suggested!) })] : [])].join("\n");
  return {
    visibility: "private",
    blocks: [],
    form: {
      form: "rebate.dispute.adjust",
      title: ctx.t("rebate.dispute.adjustTitle", { id: d.id }),
      intro,
      submitLabel: ctx.t("rebate.dispute.adjust"),
      payload: { id: d.id },
      fields: [
        { name: "amount", label: ctx.t("rebate.dispute.correction"), kind: "text", required: true, maxLength: 20, initial: suggested !== null && suggested !== 0 ? signedMoney(ctx, suggested) : undefined, hint: ctx.t("rebate.dispute.hintCorrection") },
        { name: "note", label: ctx.t("rebate.dispute.note"), kind: "textarea", maxLength: 500 },
      ],
    },
  };
});

export const upholdAction = resolutionButton("rebate.dispute.uphold", (ctx, d) => ({
  visibility: "private",
  blocks: [],
  form: {
    form: "rebate.dispute.uphold",
    title: ctx.t("rebate.dispute.upholdTitle", { id: d.id }),
    submitLabel: ctx.t("rebate.dispute.uphold"),
    payload: { id: d.id },
    fields: [{ name: "reason", label: ctx.t("rebate.reasonLabel"), kind: "textarea", required: true, maxLength: 500, hint: ctx.t("rebate.dispute.hintUphold") }],
  },
}));

export const adjustForm = defineForm({
  id: "rebate.dispute.adjust",
  fields: z.object({ amount: z.string().trim().max(20), note: z.string().trim().max(500).optional() }),
  payload: z.object({ id: z.number().int().positive() }),
  access: { roles: TREASURY_STAFF },
  async submit(ctx, v, { id }) {
    const before = await loadOpen(ctx, id);
    const read = formAmount(ctx, v.amount);
    if ("error" in read) throw new FieldErrors({ amount: read.error });
    const amount = read.cents;
    if (amount === 0) throw new FieldErrors({ amount: "rebate.dispute.badCorrection" });
    const description = ctx.t("rebate.dispute.adjustmentDescription", { id, entry: before.entryId });
    // Dated today, in the open period, even when the entry it corrects lies in a closed one.
    const r: Resolution = { outcome: "adjusted", amountCents: amount, postedOn: today(ctx), description, note: v.note ?? null };
    let d;
    try {
      d = await step(
        ctx,
        (tx) => resolveDisputeIn(tx, id, ctx.person.id, r, ctx.clock.now(), today(ctx)),
        (row) => ["rebate.dispute.adjust", { type: "rebate_dispute", id }, { subLocal: row.subLocalCode, entryId: row.correctingEntryId, amountCents: amount }],
      );
    } catch (e) {
      if (!(e instanceof PostingRefusedError)) throw e;
      await ctx.audit("rebate.dispute.adjust.refused", { type: "rebate_dispute", id }, { reason: e.refusal.code });
      throw new FieldErrors({ amount: { key: `rebate.posting.${e.refusal.code}`, vars: refusalVars(ctx, e) } });
    }
    const card = reply.private(...(await disputeCard(ctx, d.row ?? before, await mine(ctx))));
    if (!d.ok) return card;
    return { ...card, notices: tell(d.row, "adjusted") };
  },
});

export const upholdForm = defineForm({
  id: "rebate.dispute.uphold",
  fields: z.object({ reason: z.string().trim().min(3).max(500) }),
  payload: z.object({ id: z.number().int().positive() }),
  access: { roles: TREASURY_STAFF },
  async submit(ctx, { reason }, { id }) {
    const before = await loadOpen(ctx, id);
    const d = await step(
      ctx,
      (tx) => resolveDisputeIn(tx, id, ctx.person.id, { outcome: "upheld", reason }, ctx.clock.now()),
      (row) => ["rebate.dispute.uphold", { type: "rebate_dispute", id }, { subLocal: row.subLocalCode }],
    );
    const card = reply.private(...(await disputeCard(ctx, d.row ?? before, await mine(ctx))));
    if (!d.ok) return card;
    return { ...card, notices: tell(d.row, "upheld") };
  },
});

/** The words of a ledger refusal: which day, which statement closed it, the balance it would leave. */
export function refusalVars(ctx: { fmt: LinkedCtx["fmt"] }, e: PostingRefusedError): Record<string, unknown> {
  const r = e.refusal;
  if (r.code === "closed") return { date: ctx.fmt.dateShort(r.postedOn), through: ctx.fmt.dateShort(r.closesThrough), statement: r.statementId };
  if (r.code === "negative") return { balance: ctx.fmt.money(r.balanceCents) };
  if (r.code === "promised") return { balance: ctx.fmt.money(r.balanceCents), promised: ctx.fmt.money(r.promisedCents) };
  return { date: r.postedOn };
}
