// What a person who will see member contacts is told when they acknowledge the confidentiality
// agreement: the confidentiality module, if not done yet, with a button to start it. They are told
// and reminded weekly rather than blocked: access is already gated by the agreement and an
// approver, and a phone bank should not wait on a training queue.
import { completedModuleIds, moduleBySlug } from "../../db/training.ts";
import type { LinkedCtx } from "../core/command.ts";
import type { Block } from "../core/reply.ts";
import { reply } from "../core/reply.ts";
import { scheduleTrainingReminderIn, startButtons } from "./required.ts";

export const CONFIDENTIALITY_MODULE = "member-records-confidentiality";

export async function confidentialityNudge(ctx: LinkedCtx): Promise<Block[]> {
  const mod = await moduleBySlug(ctx.db, CONFIDENTIALITY_MODULE);
  if (!mod || (await completedModuleIds(ctx.db, ctx.person.id)).has(mod.id)) return [];
  await ctx.commitAsync((tx) => scheduleTrainingReminderIn(tx, ctx.store, ctx.person.id, ctx.clock.now(), ctx.fmt.timeZone));
  return [reply.context(`🎓 ${ctx.t("training.contactsNudge")}`), ...startButtons(ctx.t, [mod])];
}
