// What the knowledge base asks of a person (documents of theirs due for a check) and its part of
// a sub-local's handoff packet (the sub-local's own documents).
import { reviewsDueFor, subLocalDocuments } from "../../db/kb-access.ts";
import type { HandoffSection, HandoffSubLocal, LinkedCtx, PendingItem } from "../core/command.ts";
import { reply } from "../core/reply.ts";
import { docDetail, viewerOf } from "./common.ts";
import { reviewButtons } from "./review.ts";

export async function kbPending(ctx: LinkedCtx): Promise<PendingItem[]> {
  const today = ctx.fmt.localDay(ctx.clock.now());
  return (await reviewsDueFor(ctx.db, await viewerOf(ctx), today)).map((doc) => ({
    area: "kb",
    summary: ctx.t("kb.pending.summary", { title: doc.title, id: doc.id }),
    since: new Date(`${doc.reviewBy}T12:00:00Z`),
    blocks: [reply.section(ctx.t("kb.review.title"), [], ctx.t("kb.review.text", { title: doc.title, id: doc.id, date: ctx.fmt.date(doc.reviewBy) })), reviewButtons(ctx.t, doc)],
  }));
}

export async function kbHandoff(ctx: LinkedCtx, sl: HandoffSubLocal): Promise<HandoffSection | null> {
  const { docs, total } = await subLocalDocuments(ctx.db, sl.id, await viewerOf(ctx));
  const title = ctx.t("kb.handoff.title", { code: sl.code });
  const items = docs.map((d) => ({ text: d.title, detail: `${docDetail(ctx, d)} · ${ctx.fmt.date(new Date(d.updatedAt))}` }));
  const intro = ctx.t("kb.handoff.count", { count: total, code: sl.code });
  const markdown = [`## ${title}`, "", intro, "", ...items.map((i) => `- ${i.text} (${i.detail})`), ""].join("\n");
  return { area: "kb", title, blocks: [reply.list(title, items, ctx.t("kb.handoff.none")), reply.context(intro)], markdown };
}
