// Freshness: when a document's review date comes, its owner is asked whether it is still correct.
// "Still correct" sets the next review a year on; "Needs an update" flags it in search until the
// next edit. Staff list what is stale with `/kb stale`.
import { z } from "zod";
import { decideReview } from "../../db/kb.ts";
import { displayName, personById } from "../../db/people.ts";
import { editableDocument, staleDocuments } from "../../db/kb-access.ts";
import { scheduleJobNowIn } from "../../db/jobs.ts";
import type { Tx } from "../../db/data.ts";
import type { Store } from "../../db/store.ts";
import { data } from "../../db/data.ts";
import { zonedToUtc } from "../../db/cron.ts";
import { defineAction, defineCommand, type LinkedCtx } from "../core/command.ts";
import { userError } from "../core/errors.ts";
import { defineJobKind, jobFormatter } from "../core/jobs.ts";
import { reply, type Block } from "../core/reply.ts";
import { STAFF } from "../core/roles.ts";
import { changeable, docDetail, viewerOf, viewerOfPerson } from "./common.ts";
import { aYearOn } from "./rules.ts";

export const REVIEW_JOB = "kb.review";
const REVIEW_HOUR = 9;

/** Asks the owner on the morning of the review date (once per document and date), in the caller's transaction. */
export async function scheduleReview(tx: Tx, store: Store, doc: { id: number; ownerId: number | null; reviewBy: string }, timeZone: string): Promise<void> {
  if (doc.ownerId === null) return;
  const [y, m, d] = doc.reviewBy.split("-").map(Number) as [number, number, number];
  await scheduleJobNowIn(tx, store, {
    kind: REVIEW_JOB,
    target: { personId: doc.ownerId },
    payload: { documentId: doc.id, reviewBy: doc.reviewBy },
    dueAt: zonedToUtc({ year: y, month: m, day: d, hour: REVIEW_HOUR, minute: 0 }, timeZone),
    timeZone,
    idempotencyKey: `${REVIEW_JOB}:${doc.id}:${doc.reviewBy}`,
  });
}

/** "Still correct" / "Needs an update": decided once, by the first click. */
export function reviewButtons(t: (key: string) => string, doc: { id: number; reviewBy: string }): Block {
  return reply.buttons(
    { label: t("kb.review.stillCorrect"), action: "kb.review.decide", payload: { documentId: doc.id, reviewBy: doc.reviewBy, correct: true }, style: "primary", once: true, group: "review" },
    { label: t("kb.review.needsUpdate"), action: "kb.review.decide", payload: { documentId: doc.id, reviewBy: doc.reviewBy, correct: false }, once: true, group: "review" },
  );
}

export const reviewJob = defineJobKind<{ documentId: number; reviewBy: string }>({
  kind: REVIEW_JOB,
  async render(ctx, p) {
    // Asked only about a document its owner may still change (a role that ended hides it).
    const owner = ctx.job.personId === null ? null : await viewerOfPerson(ctx.store, ctx.job.personId, ctx.clock.now());
    const doc = owner ? await editableDocument(data(ctx.store), p.documentId, owner) : undefined;
    // Reviewed or edited since: the date moved, nothing to ask.
    if (!doc || doc.reviewBy !== p.reviewBy) return null;
    return reply.private(reply.section(ctx.t("kb.review.title"), [], ctx.t("kb.review.text", { title: doc.title, id: doc.id, date: jobFormatter(ctx).date(doc.reviewBy) })), reviewButtons(ctx.t, doc));
  },
});

export const reviewAction = defineAction({
  id: "kb.review.decide",
  payload: z.object({ documentId: z.number().int().positive(), reviewBy: z.string().regex(/^\d{4}-\d{2}-\d{2}$/), correct: z.boolean() }),
  access: { linked: true },
  async run(ctx, p) {
    const doc = await changeable(ctx, p.documentId);
    const viewer = await viewerOf(ctx);
    const now = ctx.clock.now();
    const next = aYearOn(ctx.fmt.localDay(now));
    const decision = p.correct ? "correct" : "update";
    const out = await ctx.commitAsync(async (tx) => {
      const decided = await decideReview(tx, doc.id, viewer, { reviewFor: p.reviewBy, decision, next, byId: ctx.person.id, now });
      if (decided.ok && p.correct) await scheduleReview(tx, ctx.store, { id: doc.id, ownerId: doc.ownerId, reviewBy: next }, ctx.fmt.timeZone);
      return decided;
    });
    if (!out.ok) {
      // Another card of the same review (or this one, stale) was decided first: say by whom, change nothing.
      await ctx.audit("kb.review.refused", { type: "kb_document", id: doc.id }, { reviewBy: p.reviewBy, asked: decision, decided: out.decided?.decision ?? null });
      if (!out.decided) return { ...reply.private(reply.text(ctx.t("kb.review.closed", { title: doc.title, date: ctx.fmt.date(doc.reviewBy) }))), update: true };
      const by = out.decided.byId ? await personById(ctx.db, out.decided.byId) : null;
      const when = out.decided.at ? ctx.fmt.dateTime(new Date(out.decided.at)) : "—";
      return {
        ...reply.private(reply.text(ctx.t(out.decided.decision === "correct" ? "kb.review.alreadyCorrect" : "kb.review.alreadyFlagged", { title: doc.title, by: by ? displayName(by) : "—", when }))),
        update: true,
      };
    }
    if (p.correct) {
      await ctx.audit("kb.review.confirmed", { type: "kb_document", id: doc.id }, { nextReview: next });
      return { ...reply.private(reply.text(`✅ ${ctx.t("kb.review.confirmed", { title: doc.title, date: ctx.fmt.date(next) })}`)), update: true };
    }
    await ctx.audit("kb.review.flagged", { type: "kb_document", id: doc.id });
    return { ...reply.private(reply.text(`⚠️ ${ctx.t("kb.review.flagged", { title: doc.title, id: doc.id })}`)), update: true };
  },
});

export const staleCommand = defineCommand({
  path: ["kb", "stale"],
  description: "kb.stale.description",
  args: {},
  access: { roles: STAFF },
  async run(ctx: LinkedCtx) {
    const today = ctx.fmt.localDay(ctx.clock.now());
    const docs = await staleDocuments(ctx.db, today, await viewerOf(ctx));
    return reply.private(
      reply.list(
        ctx.t("kb.stale.title", { count: docs.length }),
        docs.map((d) => ({ text: d.title, detail: `${docDetail(ctx, d)} · ${d.needsUpdate ? ctx.t("kb.stale.flagged") : ctx.t("kb.stale.due", { date: ctx.fmt.date(d.reviewBy) })}` })),
        ctx.t("kb.stale.none"),
      ),
    );
  },
});
