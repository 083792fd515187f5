// Disbursement requests: one officer files (a form), the other signing officer co-signs with a
// button, then treasury staff approve (the disbursement entry is recorded in the same
// transaction) or deny with a reason. Money already promised to open requests is not available
// for another one. Every step tells the requester and is kept in the history.
import { z } from "zod";
import { ensureAccount, signersOf } from "../../db/rebate.ts";
import { cosignRequestIn, createRequestIn, decideRequestIn, requestById, withdrawRequestIn, type RequestRow } from "../../db/rebate-requests.ts";
import { arg } from "../core/args.ts";
import { defineAction, defineCommand, defineForm, type LinkedCtx } from "../core/command.ts";
import { FieldErrors, userError } from "../core/errors.ts";
import { notice } from "../core/notice.ts";
import { reply, type Notice, type Reply } from "../core/reply.ts";
import { isPartyTo, mayCosign, mayFile, otherOffice, signingOffice, TREASURY_STAFF } from "./access.ts";
import { personReader, requestCard } from "./cards.ts";
import { formAmount, nameOf, pickSubLocal, today } from "./common.ts";
import { requestCardNotice, requestNewsNotice } from "./notices.ts";
import { parseDate } from "./period.ts";
import { reachedNobody, toTreasury } from "./route.ts";

const LIMIT = { payee: 120, purpose: 500, receipt: 500 };

export const requestCommand = defineCommand({
  path: ["rebate", "request"],
  opensForm: true,
  description: "rebate.request.description",
  args: { sublocal: arg.optional(arg.string("rebate.args.sublocal", { maxLength: 30 })) },
  access: { roles: ["sublocal_officer"] },
  async run(ctx, args) {
    const sl = await pickSubLocal(ctx, args.sublocal);
    if (!mayFile(ctx.roles, sl.code)) {
      await ctx.audit("rebate.denied", { type: "sublocal", id: sl.code }, { what: "request", reason: "not_a_signer" });
      throw userError.notAllowed("rebate.errors.signersOnly", { code: sl.code });
    }
    const t = ctx.t;
    return {
      visibility: "private",
      blocks: [],
      form: {
        form: "rebate.request",
        title: t("rebate.request.formTitle", { code: sl.code }),
        intro: t("rebate.request.intro"),
        submitLabel: t("rebate.request.submit"),
        payload: { code: sl.code },
        fields: [
          { name: "payee", label: t("rebate.request.payee"), kind: "text", required: true, maxLength: LIMIT.payee },
          { name: "amount", label: t("rebate.request.amount"), kind: "text", required: true, maxLength: 20, placeholder: ctx.fmt.money(125_000) },
          { name: "purpose", label: t("rebate.request.purpose"), kind: "textarea", required: true, maxLength: LIMIT.purpose },
          { name: "needed_by", label: t("rebate.request.neededBy"), kind: "date", required: true, hint: t("rebate.request.hintDate") },
          { name: "receipt", label: t("rebate.request.receipt"), kind: "text", maxLength: LIMIT.receipt, hint: t("rebate.request.hintReceipt") },
        ],
      },
    };
  },
});

export const requestForm = defineForm({
  id: "rebate.request",
  fields: z.object({
    payee: z.string().trim().min(1).max(LIMIT.payee),
    amount: z.string().trim().max(20),
    purpose: z.string().trim().min(1).max(LIMIT.purpose),
    needed_by: z.string().trim().max(20),
    receipt: z.string().trim().max(LIMIT.receipt).optional(),
  }),
  payload: z.object({ code: z.string() }),
  access: { roles: ["sublocal_officer"] },
  async submit(ctx, v, { code }) {
    // Checked again now: roles may have changed since the form was opened.
    if (!mayFile(ctx.roles, code)) throw userError.notAllowed("rebate.errors.signersOnly", { code });
    const sl = await pickSubLocal(ctx, code);
    const errors: Record<string, string | { key: string; vars?: Record<string, unknown> }> = {};
    const read = formAmount(ctx, v.amount);
    const amount = "cents" in read ? read.cents : null;
    if ("error" in read) errors.amount = read.error;
    else if (read.cents <= 0) errors.amount = "rebate.request.badAmount";
    const neededBy = parseDate(v.needed_by);
    if (!neededBy) errors.needed_by = "rebate.request.badDate";
    else if (neededBy < today(ctx)) errors.needed_by = "rebate.request.pastDate";
    if (v.receipt && !/^https?:\/\/\S+$/i.test(v.receipt)) errors.receipt = "rebate.request.badReceipt";
    if (Object.keys(errors).length) throw new FieldErrors(errors);
    const now = ctx.clock.now();
    const account = await ensureAccount(ctx.db, sl.code, now);
    const office = signingOffice(ctx.roles, sl.code)!;
    const filed = { accountId: account.id, requesterId: ctx.person.id, requesterOffice: office, payee: v.payee, amountCents: amount!, purpose: v.purpose, neededBy: neededBy!, receiptUrl: v.receipt ?? null };
    const cosigners = (await signersOf(ctx.db, sl.code, now)).filter((s) => s.office === otherOffice(office) && s.personId !== ctx.person.id);
    // The request and its audit entry commit together; a refusal writes only its own audit entry.
    const r = await ctx.commitAsync(async (tx) => {
      const r = await createRequestIn(tx, filed, now);
      if (r.ok) await ctx.auditIn(tx, "rebate.request.file", { type: "rebate_request", id: r.id }, { subLocal: sl.code, amountCents: amount, cosignerIds: cosigners.map((c) => c.personId) });
      return r;
    });
    if (!r.ok) {
      await ctx.audit("rebate.request.refused", { type: "sublocal", id: sl.code }, { reason: "over_available", amountCents: amount });
      throw new FieldErrors({
        amount: { key: "rebate.request.overAvailable", vars: { available: ctx.fmt.money(r.balance - r.committed), balance: ctx.fmt.money(r.balance), committed: ctx.fmt.money(r.committed) } },
      });
    }
    const notices: Notice[] = cosigners.map((c) => notice(requestCardNotice, c.personId, { id: r.id }));
    const key = cosigners.length ? "rebate.request.sent" : "rebate.request.sentNoCosigner";
    return { ...reply.private(reply.text(`📨 ${ctx.t(key, { id: r.id, amount: ctx.fmt.money(amount!), office: ctx.t(`rebate.office.${otherOffice(office)}`) })}`)), notices };
  },
});

/** Everyone involved in a request hears of a step on it, in their own language: never the one who took it. */
function tellInvolved(ctx: LinkedCtx, r: RequestRow, what: "cosigned" | "declined" | "approved" | "denied" | "withdrawn", extra: readonly number[] = []): Notice[] {
  const people = new Set([r.requesterId, ...(r.cosignerId ? [r.cosignerId] : []), ...extra]);
  people.delete(ctx.person.id);
  return [...people].map((personId) => notice(requestNewsNotice, personId, { id: r.id, what }));
}

const mine = (ctx: LinkedCtx) => personReader(ctx.store, ctx.person.id, ctx.clock.now());

/** Co-signs, or declines with the reason: one guarded update in db/ decides who may. */
async function sign(ctx: LinkedCtx, id: number, yes: boolean, reason: string | null): Promise<Reply> {
  const r = await requestById(ctx.db, id);
  if (!r) throw userError.notFound("rebate.request.notFound", { id });
  // Who may sign is decided by the guarded update in db/ (never the requester, always the other
  // office); this only gives people who sign for no sub-local here the plainer answer.
  if (!signingOffice(ctx.roles, r.subLocalCode)) {
    await ctx.audit("rebate.denied", { type: "rebate_request", id }, { what: yes ? "cosign" : "decline", reason: "not_a_signer" });
    throw userError.notAllowed("rebate.errors.signersOnly", { code: r.subLocalCode });
  }
  // The signature, its audit entry and the staff channel's card commit together.
  const { d, toStaff } = await ctx.commitAsync(async (tx) => {
    const d = await cosignRequestIn(tx, id, ctx.person.id, yes, ctx.clock.now(), reason);
    if (!d.ok) return { d, toStaff: [] };
    await ctx.auditIn(tx, yes ? "rebate.request.cosign" : "rebate.request.decline", { type: "rebate_request", id }, { subLocal: r.subLocalCode });
    return { d, toStaff: yes ? await toTreasury(ctx, tx, { type: "request", id }, requestCardNotice, "staff") : [] };
  });
  if (!d.ok && "refused" in d) {
    await ctx.audit("rebate.denied", { type: "rebate_request", id }, { what: yes ? "cosign" : "decline", reason: d.refused });
    if (d.refused === "requester") throw userError.notAllowed("rebate.request.secondOfficer", { id });
    const office = (d.row.requesterOffice ?? "treasurer") as "treasurer" | "president";
    throw userError.notAllowed("rebate.request.otherOffice", { id, office: ctx.t(`rebate.office.${office}`), other: ctx.t(`rebate.office.${otherOffice(office)}`) });
  }
  const card = reply.private(...(await requestCard(ctx, d.row ?? r, await mine(ctx))));
  if (!d.ok) return { ...card, update: true };
  if (!yes) return { ...card, update: true, notices: tellInvolved(ctx, d.row, "declined") };
  const shown = (await reachedNobody(ctx, toStaff)) ? { ...card, blocks: [...card.blocks, reply.context(ctx.t("rebate.noStaff"))] } : card;
  return { ...shown, update: true, notices: [...tellInvolved(ctx, d.row, "cosigned"), ...toStaff] };
}

export const cosignAction = defineAction({
  id: "rebate.request.cosign",
  payload: z.object({ id: z.number().int().positive(), sign: z.boolean() }),
  access: { roles: ["sublocal_officer"] },
  async run(ctx, p) {
    if (p.sign) return sign(ctx, p.id, true, null);
    return declineForm(ctx, p.id);
  },
});

/** Declining asks for the reason the requester will read. */
async function declineForm(ctx: LinkedCtx, id: number): Promise<Reply> {
  const r = await requestById(ctx.db, id);
  if (!r) throw userError.notFound("rebate.request.notFound", { id });
  if (r.status !== "awaiting_cosign") return { ...reply.private(...(await requestCard(ctx, r, await mine(ctx)))), update: true };
  // Only the one who may sign is asked for a reason (the guarded update decides again on submit).
  if (r.requesterId === ctx.person.id) throw userError.notAllowed("rebate.request.secondOfficer", { id });
  if (!mayCosign(ctx.roles, r)) {
    await ctx.audit("rebate.denied", { type: "rebate_request", id }, { what: "decline", reason: "same_office" });
    const office = (r.requesterOffice ?? "treasurer") as "treasurer" | "president";
    throw userError.notAllowed("rebate.request.otherOffice", { id, office: ctx.t(`rebate.office.${office}`), other: ctx.t(`rebate.office.${otherOffice(office)}`) });
  }
  return {
    visibility: "private",
    blocks: [],
    form: {
      form: "rebate.request.decline",
      title: ctx.t("rebate.request.declineTitle", { id }),
      submitLabel: ctx.t("rebate.request.decline"),
      payload: { id },
      fields: [{ name: "reason", label: ctx.t("rebate.reasonLabel"), kind: "textarea", required: true, maxLength: 500, hint: ctx.t("rebate.request.hintReason") }],
    },
  };
}

export const declineAction = defineAction({
  id: "rebate.request.decline",
  payload: z.object({ id: z.number().int().positive() }),
  access: { roles: ["sublocal_officer"] },
  run: (ctx, { id }) => declineForm(ctx, id),
});

export const declineForm_ = defineForm({
  id: "rebate.request.decline",
  fields: z.object({ reason: z.string().trim().min(3).max(500) }),
  payload: z.object({ id: z.number().int().positive() }),
  access: { roles: ["sublocal_officer"] },
  submit: (ctx, { reason }, { id }) => sign(ctx, id, false, reason),
});

export const approveAction = defineAction({
  id: "rebate.request.approve",
  payload: z.object({ id: z.number().int().positive() }),
  access: { roles: TREASURY_STAFF },
  async run(ctx, { id }) {
    const r = await requestById(ctx.db, id);
    if (!r) throw userError.notFound("rebate.request.notFound", { id });
    if (isPartyTo(ctx.person.id, r)) throw userError.notAllowed("rebate.errors.ownRequest", { id });
    // The decision, its ledger entry and its audit entry commit together, or none of them.
    const d = await ctx.commitAsync(async (tx) => {
      const d = await decideRequestIn(tx, id, ctx.person.id, { approve: true, postedOn: today(ctx), description: `${r.payee}: ${r.purpose}`.slice(0, 300) }, ctx.clock.now());
      if (d.ok) await ctx.auditIn(tx, "rebate.request.approve", { type: "rebate_request", id }, { subLocal: r.subLocalCode, entryId: d.row.entryId, amountCents: r.amountCents });
      return d;
    });
    if (!d.ok && "short" in d) throw userError.conflict("rebate.request.shortNow", { id, amount: ctx.fmt.money(r.amountCents), balance: ctx.fmt.money(d.balance) });
    const card = reply.private(...(await requestCard(ctx, d.row ?? r, await mine(ctx))));
    if (!d.ok) return { ...card, update: true };
    return { ...card, update: true, notices: tellInvolved(ctx, d.row, "approved") };
  },
});

export const denyAction = defineAction({
  id: "rebate.request.deny",
  payload: z.object({ id: z.number().int().positive() }),
  access: { roles: TREASURY_STAFF },
  async run(ctx, { id }): Promise<Reply> {
    const r = await requestById(ctx.db, id);
    if (!r) throw userError.notFound("rebate.request.notFound", { id });
    if (r.status !== "awaiting_staff") return { ...reply.private(...(await requestCard(ctx, r, await mine(ctx)))), update: true };
    return {
      visibility: "private",
      blocks: [],
      form: {
        form: "rebate.request.deny",
        title: ctx.t("rebate.request.denyTitle", { id }),
        submitLabel: ctx.t("rebate.deny"),
        payload: { id },
        fields: [{ name: "reason", label: ctx.t("rebate.reasonLabel"), kind: "textarea", required: true, maxLength: 500, hint: ctx.t("rebate.request.hintReason") }],
      },
    };
  },
});

export const denyForm = defineForm({
  id: "rebate.request.deny",
  fields: z.object({ reason: z.string().trim().min(3).max(500) }),
  payload: z.object({ id: z.number().int().positive() }),
  access: { roles: TREASURY_STAFF },
  async submit(ctx, { reason }, { id }) {
    const r = await requestById(ctx.db, id);
    if (!r) throw userError.notFound("rebate.request.notFound", { id });
    if (isPartyTo(ctx.person.id, r)) throw userError.notAllowed("rebate.errors.ownRequest", { id });
    const d = await ctx.commitAsync(async (tx) => {
      const d = await decideRequestIn(tx, id, ctx.person.id, { approve: false, reason }, ctx.clock.now());
      if (d.ok) await ctx.auditIn(tx, "rebate.request.deny", { type: "rebate_request", id }, { subLocal: r.subLocalCode });
      return d;
    });
    if (!d.ok) return reply.private(...(await requestCard(ctx, d.row ?? r, await mine(ctx))));
    return { ...reply.private(...(await requestCard(ctx, d.row, await mine(ctx)))), notices: tellInvolved(ctx, d.row, "denied") };
  },
});

/** `/rebate withdraw ID [REASON…]`, or the Withdraw button on the requester's card. */
async function withdraw(ctx: LinkedCtx, id: number, reason: string | null): Promise<Reply> {
  const r = await requestById(ctx.db, id);
  if (!r) throw userError.notFound("rebate.request.notFound", { id });
  if (r.requesterId !== ctx.person.id) {
    await ctx.audit("rebate.denied", { type: "rebate_request", id }, { what: "withdraw", reason: "not_requester" });
    throw userError.notAllowed("rebate.request.onlyRequester", { id });
  }
  const before = r.status;
  const now = ctx.clock.now();
  // The withdrawal, its audit entry and the staff channel's card commit together.
  const { d, waiting } = await ctx.commitAsync(async (tx) => {
    const d = await withdrawRequestIn(tx, id, ctx.person.id, now, reason);
    if (!d.ok) return { d, waiting: [] };
    await ctx.auditIn(tx, "rebate.request.withdraw", { type: "rebate_request", id }, { subLocal: r.subLocalCode });
    // Whoever was waiting to act on it hears that it is gone: the co-signing officers, or staff.
    const waiting =
      before === "awaiting_cosign"
        ? (await signersOf(tx, r.subLocalCode, now)).filter((s) => s.office !== r.requesterOffice).map((s) => s.personId)
        : (await toTreasury(ctx, tx, { type: "request", id }, requestCardNotice, "withdrawn")).map((n) => n.personId);
    return { d, waiting };
  });
  const card = reply.private(...(await requestCard(ctx, d.row ?? r, await mine(ctx))));
  if (!d.ok) return card;
  return { ...reply.private(reply.text(`✅ ${ctx.t("rebate.request.youWithdrew", { id })}`), ...card.blocks), notices: tellInvolved(ctx, d.row, "withdrawn", waiting) };
}

export const withdrawAction = defineAction({
  id: "rebate.request.withdraw",
  payload: z.object({ id: z.number().int().positive() }),
  access: { roles: ["sublocal_officer"] },
  run: (ctx, { id }) => withdraw(ctx, id, null),
});

export const withdrawCommand = defineCommand({
  path: ["rebate", "withdraw"],
  description: "rebate.withdraw.description",
  args: { id: arg.integer("rebate.args.requestId", { min: 1 }), reason: arg.optional(arg.string("rebate.args.reason", { maxLength: 500, rest: true })) },
  access: { roles: ["sublocal_officer"] },
  run: (ctx, { id, reason }) => withdraw(ctx, id, reason?.trim() || null),
});
