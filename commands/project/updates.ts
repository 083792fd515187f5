// Updates: `/project updates` (newest first, "More"), and `/project post` for the committee and
// staff: a form, then a preview with the summary's reading grade, then Publish, which sends the
// update to every follower at once through the scheduler's durable delivery.
import { z } from "zod";
import { latestUpdates, milestones, publishUpdate, updateById, updateCount, type UpdateRow } from "../../db/project.ts";
import { defineAction, defineCommand, defineForm, type LinkedCtx } from "../core/command.ts";
import { userError } from "../core/errors.ts";
import { defineJobKind, jobFormatter } from "../core/jobs.ts";
import { reply, type Block, type Form, type Reply } from "../core/reply.ts";
import type { Translate } from "../core/i18n.ts";
import type { Formatter } from "../core/format.ts";
import { mayPost, PLAIN_GRADE, POSTERS, readingGrade } from "./rules.ts";

const PAGE = 3;

/** One update as a message: title, date, the plain summary, then the details for those who want them. */
export function updateBlocks(t: Translate, fmt: Formatter, u: Pick<UpdateRow, "id" | "title" | "summary" | "details" | "phase" | "milestoneKey" | "postedAt">): Block[] {
  const where = [u.phase ? t("project.phase", { n: u.phase }) : "", u.milestoneKey ? t(`project.milestones.${u.milestoneKey}.title`) : ""].filter(Boolean).join(" · ");
  const blocks: Block[] = [reply.section(`📣 ${u.title}`, [], u.summary)];
  if (u.details) blocks.push(reply.section(t("project.post.technical"), [], u.details));
  blocks.push(reply.context([fmt.date(new Date(u.postedAt)), where, t("project.updates.number", { id: u.id })].filter(Boolean).join(" · ")));
  return blocks;
}

function page(ctx: LinkedCtx, offset: number): Reply {
  const total = updateCount(ctx.store);
  if (total === 0) return reply.private(reply.text(ctx.t("project.updates.none")));
  const rows = latestUpdates(ctx.store, PAGE, offset);
  const blocks: Block[] = [reply.text(ctx.t("project.updates.title", { from: offset + 1, to: offset + rows.length, count: total }))];
  for (const u of rows) blocks.push({ type: "divider" } as Block, ...updateBlocks(ctx.t, ctx.fmt, u));
  if (offset + rows.length < total) blocks.push(reply.buttons({ label: ctx.t("project.updates.more"), action: "project.updates.more", payload: { offset: offset + PAGE } }));
  blocks.push(reply.context(ctx.t("project.updates.follow")));
  return reply.private(...blocks);
}

export const updatesCommand = defineCommand({
  path: ["project", "updates"],
  description: "project.updates.description",
  args: {},
  access: { linked: true },
  run: (ctx) => page(ctx, 0),
});

export const moreUpdatesAction = defineAction({
  id: "project.updates.more",
  payload: z.object({ offset: z.number().int().min(0).max(100_000) }),
  access: { linked: true },
  run: (ctx, p) => page(ctx, p.offset),
});

type Draft = { title: string; summary: string; details?: string; phase?: string; milestone?: string };

function postForm(ctx: LinkedCtx, initial: Partial<Draft> = {}): Form {
  const t = ctx.t;
  return {
    form: "project.post",
    title: t("project.post.formTitle"),
    intro: t("project.post.intro", { grade: PLAIN_GRADE }),
    submitLabel: t("project.post.preview"),
    fields: [
      { name: "title", label: t("project.post.fieldTitle"), kind: "text", required: true, maxLength: 120, initial: initial.title },
      { name: "summary", label: t("project.post.fieldSummary"), kind: "textarea", required: true, maxLength: 1500, hint: t("project.post.hintSummary"), initial: initial.summary },
      { name: "details", label: t("project.post.fieldDetails"), kind: "textarea", maxLength: 2500, hint: t("project.post.hintDetails"), initial: initial.details },
      { name: "phase", label: t("project.post.fieldPhase"), kind: "select", options: [1, 2, 3].map((n) => ({ value: String(n), label: t("project.phase", { n }) })), initial: initial.phase },
      { name: "milestone", label: t("project.post.fieldMilestone"), kind: "select", options: milestones(ctx.store).map((m) => ({ value: m.key, label: t(`project.milestones.${m.key}.title`) })), initial: initial.milestone },
    ],
  };
}

export const postCommand = defineCommand({
  path: ["project", "post"],
  description: "project.post.description",
  args: {},
  access: { roles: POSTERS },
  run: (ctx): Reply => ({ visibility: "private", blocks: [], form: postForm(ctx) }),
});

const draftSchema = z.object({
  title: z.string().trim().min(3).max(120),
  summary: z.string().trim().min(10).max(1500),
  details: z.string().trim().max(2500).optional(),
  phase: z.enum(["1", "2", "3"]).optional(),
  milestone: z.string().max(40).optional(),
});

/** The preview: how it will read, its reading grade, and Publish / Change. */
export const postDraftForm = defineForm({
  id: "project.post",
  fields: draftSchema,
  payload: z.null(),
  access: { roles: POSTERS },
  submit(ctx, v) {
    if (v.milestone && !milestones(ctx.store).some((m) => m.key === v.milestone)) throw userError.invalid("project.milestone.unknown", { key: v.milestone });
    const grade = readingGrade(v.summary);
    const preview = updateBlocks(ctx.t, ctx.fmt, { id: 0, title: v.title, summary: v.summary, details: v.details ?? null, phase: v.phase ? Number(v.phase) : null, milestoneKey: v.milestone ?? null, postedAt: ctx.clock.now().toISOString() });
    const draft = { title: v.title, summary: v.summary, details: v.details ?? null, phase: v.phase ?? null, milestone: v.milestone ?? null };
    return reply.private(
      reply.text(ctx.t("project.post.previewTitle")),
      ...preview.slice(0, -1),
      reply.context(grade <= PLAIN_GRADE ? `✅ ${ctx.t("project.post.gradeOk", { grade, target: PLAIN_GRADE })}` : `⚠️ ${ctx.t("project.post.gradeHigh", { grade, target: PLAIN_GRADE })}`),
      reply.buttons(
        { label: ctx.t("project.post.publish"), action: "project.post.publish", payload: draft, style: "primary", once: true, group: "publish" },
        { label: ctx.t("project.post.change"), action: "project.post.change", payload: draft },
      ),
    );
  },
});

const draftPayload = z.object({
  title: z.string().max(120),
  summary: z.string().max(1500),
  details: z.string().max(2500).nullable(),
  phase: z.enum(["1", "2", "3"]).nullable(),
  milestone: z.string().max(40).nullable(),
});

export const changeDraftAction = defineAction({
  id: "project.post.change",
  payload: draftPayload,
  access: { roles: POSTERS },
  run: (ctx, d): Reply => ({ visibility: "private", blocks: [], form: postForm(ctx, { title: d.title, summary: d.summary, details: d.details ?? undefined, phase: d.phase ?? undefined, milestone: d.milestone ?? undefined }) }),
});

export const publishAction = defineAction({
  id: "project.post.publish",
  payload: draftPayload,
  access: { roles: POSTERS },
  run(ctx, d) {
    if (!mayPost(ctx.roles)) throw userError.notAllowed("project.post.notAllowed");
    const grade = readingGrade(d.summary);
    const { id, followers } = ctx.commit(() =>
      publishUpdate(ctx.store, { title: d.title, summary: d.summary, details: d.details, phase: d.phase ? Number(d.phase) : null, milestoneKey: d.milestone, gradeLevel: grade, authorId: ctx.person.id }, ctx.clock.now(), ctx.fmt.timeZone),
    );
    ctx.audit("project.update.publish", { type: "project_update", id }, { followers, gradeLevel: grade });
    return { ...reply.private(reply.text(`📣 ${ctx.t("project.post.published", { id, count: followers })}`)), update: true };
  },
});

export const updateJob = defineJobKind<{ updateId: number }>({
  kind: "project.update",
  render(ctx, p) {
    const u = updateById(ctx.store, p.updateId);
    if (!u) return null;
    return reply.channel(...updateBlocks(ctx.t, jobFormatter(ctx), u), reply.context(ctx.t("project.updates.follow")));
  },
});

/** Home: the newest update, for everyone. */
export function projectHome(ctx: LinkedCtx): Block[] {
  const [u] = latestUpdates(ctx.store, 1);
  if (!u) return [];
  return [reply.section(ctx.t("project.home.title"), [], `*${u.title}* (${ctx.fmt.date(new Date(u.postedAt))})\n${u.summary}`), reply.context(ctx.t("project.home.more"))];
}

