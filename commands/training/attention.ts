// Training's part of a sub-local's handoff packet: how many of its officers and stewards have
// completed each module. Counts only, never who, released like the training report's (nobody,
// not even staff, sees who completed what through a count).
import { completionByRole, listModules } from "../../db/training.ts";
import type { HandoffSection, HandoffSubLocal, LinkedCtx } from "../core/command.ts";
import { releasedText } from "../core/disclosure.ts";
import { reply } from "../core/reply.ts";
import { countCompletion, releaseCompletion } from "./report.ts";

const LEADER_ROLES = new Set(["sublocal_officer", "steward", "chief_steward"]);

export async function trainingHandoff(ctx: LinkedCtx, sl: HandoffSubLocal): Promise<HandoffSection | null> {
  const mods = await listModules(ctx.db);
  if (mods.length === 0) return null;
  const rows = (await completionByRole(ctx.db, ctx.clock.now(), sl.code)).filter((r) => LEADER_ROLES.has(r.role));
  // One line per module: leaders of the sub-local, whatever their role, counted once.
  const perModule = releaseCompletion(countCompletion(rows.map((r) => ({ ...r, role: "leader", office: null }))));
  const title = ctx.t("training.handoff.title", { code: sl.code });
  const items = mods.flatMap((m) => {
    const c = perModule.find((x) => x.module === m.slug);
    return c ? [{ text: m.title, detail: ctx.t("training.handoff.line", { completed: releasedText(c.completed, ctx.t, ctx.fmt), people: releasedText(c.people, ctx.t, ctx.fmt) }) }] : [];
  });
  const markdown = [`## ${title}`, "", ...(items.length ? items.map((i) => `- ${i.text}: ${i.detail}`) : [ctx.t("training.handoff.none")]), ""].join("\n");
  return { area: "training", title, blocks: [reply.list(title, items, ctx.t("training.handoff.none"))], markdown };
}
