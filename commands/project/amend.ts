// Correcting or withdrawing a published update: `/project correct ID` opens the update's own form,
// filled in, with a line saying what was corrected; `/project withdraw ID` asks why. Followers who
// already have a copy are told once (their copy edited in place where the platform allows); the
// page, the feed and the lists follow at once.
import { data } from "../../db/data.ts";
import { z } from "zod";
import { correctUpdate, withdrawUpdate, AMEND_JOB } from "../../db/project-amend.ts";
import { updateById, type UpdateRow } from "../../db/project.ts";
import { arg } from "../core/args.ts";
import { defineCommand, defineForm, type LinkedCtx } from "../core/command.ts";
import { userError } from "../core/errors.ts";
import { defineJobKind } from "../core/jobs.ts";
import { reply, type Reply } from "../core/reply.ts";
import { mayAmend, POSTERS } from "./rules.ts";
import { readabilityOf, storedGrade } from "./readability.ts";
import { updatesForReader } from "./languages.ts";
import { checkMilestone, draftSchema, updateBlocks, updateFields } from "./updates.ts";

const idArg = () => arg.integer("project.amend.argId", { min: 1, max: 1_000_000_000 });

/** The update this person may amend, or a polite refusal (audited) that changes nothing. */
async function amendable(ctx: LinkedCtx, id: number, action: "correct" | "withdraw"): Promise<UpdateRow> {
  const u = await updateById(ctx.db, id);
  if (!u) throw userError.notFound("project.amend.notFound", { id });
  if (!mayAmend(ctx.roles, ctx.person.id, u)) {
    await ctx.audit(`project.update.${action}.refused`, { type: "project_update", id }, { reason: "not_allowed" });
    throw userError.notAllowed("project.amend.notAllowed");
  }
  if (u.withdrawnAt) throw userError.conflict("project.amend.withdrawn", { id });
  return u;
}

export const correctCommand = defineCommand({
  path: ["project", "correct"],
  opensForm: true,
  description: "project.amend.correctDescription",
  args: { id: idArg() },
  access: { roles: POSTERS },
  async run(ctx, { id }): Promise<Reply> {
    const u = await amendable(ctx, id, "correct");
    const fields = await updateFields(ctx, { title: u.title, summary: u.summary, details: u.details ?? undefined, phase: u.phase ? String(u.phase) : undefined, milestone: u.milestoneKey ?? undefined });
    return {
      visibility: "private",
      blocks: [],
      form: {
        form: "project.correct",
        title: ctx.t("project.amend.correctTitle"),
        intro: ctx.t("project.amend.correctIntro", { id: u.id }),
        submitLabel: ctx.t("project.amend.correctSave"),
        payload: { id: u.id, revision: u.revision },
        fields: [...fields, { name: "note", label: ctx.t("project.amend.fieldNote"), kind: "text", required: true, maxLength: 300, hint: ctx.t("project.amend.hintNote") }],
      },
    };
  },
});

function refused(why: "missing" | "withdrawn" | "stale", id: number): never {
  if (why === "missing") throw userError.notFound("project.amend.notFound", { id });
  if (why === "withdrawn") throw userError.conflict("project.amend.withdrawn", { id });
  throw userError.conflict("project.amend.stale", { id });
}

export const correctForm = defineForm({
  id: "project.correct",
  fields: draftSchema.extend({ note: z.string().trim().min(3).max(300) }),
  payload: z.object({ id: z.number().int().positive(), revision: z.number().int().positive() }),
  access: { roles: POSTERS },
  async submit(ctx, v, p) {
    const u = await amendable(ctx, p.id, "correct");
    await checkMilestone(ctx, v.milestone);
    const text = { title: v.title, summary: v.summary, details: v.details || null, phase: v.phase ? Number(v.phase) : null, milestoneKey: v.milestone || null, gradeLevel: u.automatic ? null : storedGrade(readabilityOf(v.summary, u.language)) };
    if (text.title === u.title && text.summary === u.summary && text.details === u.details && text.phase === u.phase && text.milestoneKey === u.milestoneKey) return reply.private(reply.text(ctx.t("project.amend.unchanged")));
    const out = await ctx.commitAsync((tx) => correctUpdate(tx, ctx.store, p.id, p.revision, text, v.note, ctx.person.id, ctx.clock.now(), ctx.fmt.timeZone));
    if (!out.ok) refused(out.why, p.id);
    await ctx.audit("project.update.correct", { type: "project_update", id: p.id }, { revision: out.revision, followersTold: out.told, translations: out.translations });
    const behind = out.translations > 0 ? [reply.context(`🌐 ${ctx.t("project.translate.markedBehind", { id: p.id, count: out.translations })}`)] : [];
    return reply.private(reply.text(`✏️ ${ctx.t("project.amend.corrected", { id: p.id, count: out.told })}`), ...behind);
  },
});

export const withdrawCommand = defineCommand({
  path: ["project", "withdraw"],
  opensForm: true,
  description: "project.amend.withdrawDescription",
  args: { id: idArg() },
  access: { roles: POSTERS },
  async run(ctx, { id }): Promise<Reply> {
    const u = await amendable(ctx, id, "withdraw");
    return {
      visibility: "private",
      blocks: [],
      form: {
        form: "project.withdraw",
        title: ctx.t("project.amend.withdrawTitle"),
        intro: ctx.t("project.amend.withdrawIntro", { id: u.id, title: u.title }),
        submitLabel: ctx.t("project.amend.withdrawSave"),
        payload: { id: u.id },
        fields: [{ name: "reason", label: ctx.t("project.amend.fieldReason"), kind: "textarea", required: true, maxLength: 500, hint: ctx.t("project.amend.hintReason") }],
      },
    };
  },
});

export const withdrawForm = defineForm({
  id: "project.withdraw",
  fields: z.object({ reason: z.string().trim().min(3).max(500) }),
  payload: z.object({ id: z.number().int().positive() }),
  access: { roles: POSTERS },
  async submit(ctx, v, p) {
    await amendable(ctx, p.id, "withdraw");
    const out = await ctx.commitAsync((tx) => withdrawUpdate(tx, ctx.store, p.id, v.reason, ctx.person.id, ctx.clock.now(), ctx.fmt.timeZone));
    if (!out.ok) refused(out.why, p.id);
    await ctx.audit("project.update.withdraw", { type: "project_update", id: p.id }, { followersTold: out.told });
    return reply.private(reply.text(`🚫 ${ctx.t("project.amend.withdrawnDone", { id: p.id, count: out.told })}`));
  },
});

/**
 * What a follower who already had the update gets: the update as it is now, saying it was
 * corrected (and how), or that it was withdrawn and why. Edits the earlier copy when its id is known.
 */
export const amendJob = defineJobKind<{ updateId: number; messageId?: string }>({
  kind: AMEND_JOB,
  async render(ctx, p) {
    const row = await updateById(data(ctx.store), p.updateId);
    if (!row) return null;
    // The follower's language: a translation they have, else the original with a note.
    const [u] = await updatesForReader(data(ctx.store), ctx.t, ctx.fmt, ctx.locale, [row]);
    if (!u) return null;
    const blocks = u.withdrawnAt
      ? [reply.section(`🚫 ${ctx.t("project.amend.withdrawnNotice", { id: u.id, title: u.title, date: ctx.fmt.date(new Date(u.withdrawnAt)) })}`, [], u.withdrawnReason ?? "")]
      : [reply.context(`✏️ ${ctx.t("project.amend.correctedNotice", { id: u.id, date: ctx.fmt.date(new Date(u.correctedAt ?? u.postedAt)), note: u.correctionNote ?? "" })}`), ...updateBlocks(ctx.t, ctx.fmt, u)];
    const message = ctx.job.personId !== null ? reply.private(...blocks) : reply.channel(...blocks);
    return p.messageId ? { ...message, replaces: p.messageId } : message;
  },
});
