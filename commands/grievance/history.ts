// A case's history, one page at a time: the case card shows the latest entries and an
// "Earlier entries" button; each click shows the page before. Rendering costs the same for a
// case with ten entries and one with ten thousand, and stays well inside Slack's and Discord's
// message limits.
import { z } from "zod";
import { historyPage } from "../../db/grievance-history.ts";
import { grievanceById, namesOf, type GrievanceRow } from "../../db/grievances.ts";
import { defineAction, type LinkedCtx } from "../core/command.ts";
import { userError } from "../core/errors.ts";
import { reply, type Block } from "../core/reply.ts";
import { caseScope, fmtStamp, stepLabel } from "./model.ts";
import { mayOnCase, seesInternals } from "./permissions.ts";

/** Entries per page: a card stays readable and far below 50 blocks / 4,000 characters per part. */
export const HISTORY_PAGE = 15;

/** The history list of a case (the latest page, or the page before `beforeId`) and its button. */
export async function historyBlocks(ctx: LinkedCtx, g: GrievanceRow, o: { beforeId?: number; title?: string } = {}): Promise<Block[]> {
  const internal = seesInternals(ctx.roles, ctx.person.id, caseScope(g));
  const page = await historyPage(ctx.db, g.id, { limit: HISTORY_PAGE, beforeId: o.beforeId, withNotes: internal });
  const actors = await namesOf(ctx.db, page.rows.flatMap((e) => (e.actorId ? [e.actorId] : [])));
  const items = page.rows.map((e) => ({
    text: `${fmtStamp(new Date(e.at), ctx.fmt)} — ${ctx.t(`grievance.events.${e.kind}`, { step: stepLabel(ctx.t, e.stepNo), ...(JSON.parse(e.details) as object) })}`,
    detail: `${e.actorId ? (actors.get(e.actorId) ?? "") : ""}${internal && e.text ? ` — ${e.text}` : ""}`,
  }));
  const blocks: Block[] = [reply.list(o.title ?? ctx.t("grievance.show.history"), items)];
  if (page.earlier > 0 || o.beforeId !== undefined)
    blocks.push(reply.context(ctx.t("grievance.show.historyShown", { from: ctx.fmt.number(page.earlier + 1), to: ctx.fmt.number(page.earlier + page.rows.length), total: ctx.fmt.number(page.total) })));
  if (page.earlier > 0 && page.rows[0])
    blocks.push(reply.buttons({ label: ctx.t("grievance.show.earlier"), action: HISTORY_ACTION, payload: { id: g.id, before: page.rows[0].id } }));
  return blocks;
}

const HISTORY_ACTION = "grievance.history";

/** "Earlier entries": the page before the one shown (permission checked again at click time). */
export const historyAction = defineAction({
  id: HISTORY_ACTION,
  payload: z.object({ id: z.number().int().positive(), before: z.number().int().positive() }),
  access: { linked: true },
  async run(ctx, { id, before }) {
    const g = await grievanceById(ctx.db, id);
    if (!g || !mayOnCase(ctx.roles, ctx.person.id, "view", caseScope(g))) throw userError.notFound("grievance.errors.notFound", { ref: String(id) });
    await ctx.audit("grievance.view", { type: "grievance", id: g.id }, { history: "earlier" });
    return reply.private(...(await historyBlocks(ctx, g, { beforeId: before, title: `${g.ref} — ${ctx.t("grievance.show.history")}` })));
  },
});
