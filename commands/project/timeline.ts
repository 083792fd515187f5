// `/project timeline`: the three phases with their milestones and deliverables; staff change a
// milestone with `/project milestone NAME` (its title as shown, in any language), which posts an
// update saying what changed.
import { z } from "zod";
import { changeMilestone, milestoneByKey, milestones, publishUpdateIn, type MilestoneRow } from "../../db/project.ts";
import { arg } from "../core/args.ts";
import { defineCommand, defineForm, type LinkedCtx } from "../core/command.ts";
import { FieldErrors, userError } from "../core/errors.ts";
import { reply, type Block, type Reply } from "../core/reply.ts";
import { LOCALES } from "../core/i18n.ts";
import { STAFF } from "../core/roles.ts";
import { foldName } from "../core/typed-name.ts";
import { findMilestone } from "./milestone-name.ts";
import { effectiveStatus, STATUSES, type Status } from "./rules.ts";
import { milestoneChangeText, type MilestoneChange } from "./languages.ts";

const ICON: Record<Status, string> = { planned: "⚪", on_track: "🟢", at_risk: "🟠", late: "🔴", done: "✅" };

export function milestoneLine(ctx: LinkedCtx, m: MilestoneRow, today: string): { text: string; detail: string } {
  const status = effectiveStatus(m, today);
  const when = m.status === "done" && m.doneOn ? ctx.t("project.timeline.doneOn", { date: ctx.fmt.date(m.doneOn) }) : m.targetDate ? ctx.t("project.timeline.target", { date: ctx.fmt.date(m.targetDate) }) : ctx.t("project.timeline.noDate");
  const kind = m.kind === "deliverable" ? `${ctx.t("project.timeline.deliverable")}: ` : "";
  return { text: `${ICON[status]} ${kind}${ctx.t(`project.milestones.${m.key}.title`)}`, detail: `${ctx.t(`project.status.${status}`)} · ${when} — ${ctx.t(`project.milestones.${m.key}.plain`)}` };
}

export const timelineCommand = defineCommand({
  path: ["project", "timeline"],
  description: "project.timeline.description",
  args: {},
  access: { linked: true },
  async run(ctx) {
    const today = ctx.fmt.localDay(ctx.clock.now());
    const all = await milestones(ctx.db);
    const blocks: Block[] = [];
    for (const phase of [1, 2, 3]) {
      blocks.push(reply.list(ctx.t("core.punct.labelled", { label: ctx.t("project.phase", { n: phase }), value: ctx.t(`project.phases.${phase}`) }), all.filter((m) => m.phase === phase).map((m) => milestoneLine(ctx, m, today))));
    }
    blocks.push(reply.context(ctx.t("project.timeline.legend")));
    return reply.private(...blocks);
  },
});

const day = z.string().trim().regex(/^\d{4}-\d{2}-\d{2}$/, "core.args.notADate").refine((v) => new Date(`${v}T00:00:00Z`).toISOString().startsWith(v), "core.args.notADate");

export const milestoneCommand = defineCommand({
  path: ["project", "milestone"],
  opensForm: true,
  description: "project.milestone.description",
  args: { key: arg.string("project.milestone.argKey", { maxLength: 160, rest: true, autocomplete: "project.milestone" }) },
  access: { roles: STAFF },
  examples: ["project.milestone.example"],
  async run(ctx, { key }): Promise<Reply> {
    const m = await milestoneNamed(ctx, key);
    return {
      visibility: "private",
      blocks: [],
      form: {
        form: "project.milestone",
        title: ctx.t("project.milestone.formTitle"),
        intro: ctx.t(`project.milestones.${m.key}.title`),
        payload: { key: m.key },
        fields: [
          { name: "status", label: ctx.t("project.milestone.fieldStatus"), kind: "select", required: true, initial: m.status, options: STATUSES.map((s) => ({ value: s, label: ctx.t(`project.status.${s}`) })) },
          { name: "target", label: ctx.t("project.milestone.fieldTarget"), kind: "date", initial: m.targetDate ?? undefined },
          { name: "done", label: ctx.t("project.milestone.fieldDone"), kind: "date", initial: m.doneOn ?? undefined, hint: ctx.t("project.milestone.hintDone") },
        ],
      },
    };
  },
});

/** The milestone a staff member named, or a polite error listing the names they can type. */
async function milestoneNamed(ctx: LinkedCtx, typed: string): Promise<MilestoneRow> {
  const all = await milestones(ctx.db);
  const match = findMilestone(all, typed, LOCALES.map((l) => ctx.translator.forLocale(l)));
  if ("found" in match) return match.found;
  const names = (list: readonly MilestoneRow[]) => list.map((m) => `“${ctx.t(`project.milestones.${m.key}.title`)}”`).join(", ");
  if ("several" in match) throw userError.invalid("project.milestone.several", { key: typed.trim(), names: names(match.several) });
  throw userError.notFound("project.milestone.unknown", { key: typed.trim(), names: names(all) });
}

export const milestoneForm = defineForm({
  id: "project.milestone",
  fields: z.object({ status: z.enum(STATUSES), target: day.optional(), done: day.optional() }),
  payload: z.object({ key: z.string().max(40) }),
  access: { roles: STAFF },
  async submit(ctx, v, p) {
    const now = ctx.clock.now();
    const today = ctx.fmt.localDay(now);
    if (v.status === "done" && v.done && v.done > today) throw new FieldErrors({ done: "project.milestone.doneFuture" });
    const doneOn = v.status === "done" ? (v.done ?? today) : null;
    const before = await milestoneByKey(ctx.db, p.key);
    if (!before) throw userError.notFound("project.milestone.unknown", { key: p.key });
    const after = { ...before, status: v.status, targetDate: v.target ?? null, doneOn };
    if (before.status === after.status && before.targetDate === after.targetDate && before.doneOn === after.doneOn) return reply.private(reply.text(ctx.t("project.milestone.unchanged")));
    // The change and the update announcing it (to every follower) commit together. The update
    // keeps what changed as keys and values: each follower reads it in their own language.
    const name = (t: (k: string, v?: Record<string, unknown>) => string) => t(`project.milestones.${p.key}.title`);
    const change: MilestoneChange = { kind: "milestone", key: p.key, status: effectiveStatus(after, today), targetDate: after.targetDate, doneOn: after.doneOn };
    const forRecord = milestoneChangeText(ctx.t, ctx.fmt, change);
    const { id, followers } = await ctx.commitAsync(async (tx) => {
      await changeMilestone(tx, p.key, after, now);
      return publishUpdateIn(
        tx,
        ctx.store,
        { ...forRecord, details: null, phase: before.phase, milestoneKey: p.key, gradeLevel: null, authorId: ctx.person.id, automatic: true, language: ctx.locale, generated: JSON.stringify(change) },
        now,
        ctx.fmt.timeZone,
      );
    });
    await ctx.audit("project.milestone.change", { type: "project_milestone", id: p.key }, { from: before.status, to: after.status, targetDate: after.targetDate, updateId: id });
    return reply.private(reply.text(`🗓️ ${ctx.t("project.milestone.changed", { name: name(ctx.t), count: followers })}`));
  },
});

export const milestoneSuggestions = {
  id: "project.milestone",
  access: { roles: STAFF },
  async suggest(ctx: LinkedCtx, partial: string) {
    const q = foldName(partial);
    // The value is the title in the reader's words: what they pick is what they would type.
    return (await milestones(ctx.db))
      .map((m) => ctx.t(`project.milestones.${m.key}.title`))
      .filter((title) => !q || foldName(title).includes(q))
      .map((title) => ({ value: title.slice(0, 100), label: title.slice(0, 100) }))
      .slice(0, 25);
  },
};
