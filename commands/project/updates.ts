// Updates: `/project updates` (newest first, "More"), and `/project post` for the committee and
// staff: a form, then a preview with the summary's reading grade, then Publish, which sends the
// update to every follower at once through the scheduler's durable delivery.
import { z } from "zod";
import { latestUpdates, milestones, updateById, updateCount, type UpdateRow } from "../../db/project.ts";
import { draftById, publishDraft, saveDraft } from "../../db/project-drafts.ts";
import { data } from "../../db/data.ts";
import { defineAction, defineCommand, defineForm, type LinkedCtx } from "../core/command.ts";
import { userError } from "../core/errors.ts";
import { defineJobKind, jobFormatter } from "../core/jobs.ts";
import { reply, type Block, type Form, type Reply } from "../core/reply.ts";
import type { Translate } from "../core/i18n.ts";
import type { Formatter } from "../core/format.ts";
import { mayPost, POSTERS } from "./rules.ts";
import { readabilityOf, storedGrade } from "./readability.ts";
import { readabilityLine } from "./readability-text.ts";
import { updatesForReader } from "./languages.ts";

const PAGE = 3;

/**
 * One update as a message: title, date, the plain summary, then the details for those who want
 * them. Give it the reader's text (updatesForReader): `note` says when it is not in their language.
 */
export function updateBlocks(t: Translate, fmt: Formatter, u: Pick<UpdateRow, "id" | "title" | "summary" | "details" | "phase" | "milestoneKey" | "postedAt"> & { correctedAt?: string | null; note?: string | null }): Block[] {
  const where = [u.phase ? t("project.phase", { n: u.phase }) : "", u.milestoneKey ? t(`project.milestones.${u.milestoneKey}.title`) : ""].filter(Boolean).join(" · ");
  const blocks: Block[] = [...(u.note ? [reply.context(`🌐 ${u.note}`)] : []), reply.section(`📣 ${u.title}`, [], u.summary)];
  if (u.details) blocks.push(reply.section(t("project.post.technical"), [], u.details));
  const corrected = u.correctedAt ? t("project.amend.correctedOn", { date: fmt.date(new Date(u.correctedAt)) }) : "";
  blocks.push(reply.context([fmt.date(new Date(u.postedAt)), corrected, where, t("project.updates.number", { id: u.id })].filter(Boolean).join(" · ")));
  return blocks;
}

async function page(ctx: LinkedCtx, offset: number): Promise<Reply> {
  const total = await updateCount(ctx.db);
  if (total === 0) return reply.private(reply.text(ctx.t("project.updates.none")));
  const rows = await updatesForReader(ctx.db, ctx.t, ctx.fmt, ctx.locale, await latestUpdates(ctx.db, PAGE, offset));
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

export type Draft = { title: string; summary: string; details?: string; phase?: string; milestone?: string };

/** The fields of an update, pre-filled: for a new post and for a correction. */
export async function updateFields(ctx: LinkedCtx, initial: Partial<Draft> = {}): Promise<Form["fields"]> {
  const t = ctx.t;
  const all = await milestones(ctx.db);
  return [
    { name: "title", label: t("project.post.fieldTitle"), kind: "text", required: true, maxLength: 120, initial: initial.title },
    { name: "summary", label: t("project.post.fieldSummary"), kind: "textarea", required: true, maxLength: 1500, hint: t("project.post.hintSummary"), initial: initial.summary },
    { name: "details", label: t("project.post.fieldDetails"), kind: "textarea", maxLength: 2500, hint: t("project.post.hintDetails"), initial: initial.details },
    { name: "phase", label: t("project.post.fieldPhase"), kind: "select", options: [1, 2, 3].map((n) => ({ value: String(n), label: t("project.phase", { n }) })), initial: initial.phase },
    { name: "milestone", label: t("project.post.fieldMilestone"), kind: "select", options: all.map((m) => ({ value: m.key, label: t(`project.milestones.${m.key}.title`) })), initial: initial.milestone },
  ];
}

async function postForm(ctx: LinkedCtx, initial: Partial<Draft> = {}): Promise<Form> {
  return {
    form: "project.post",
    title: ctx.t("project.post.formTitle"),
    intro: ctx.t("project.readability.intro"),
    submitLabel: ctx.t("project.post.preview"),
    fields: await updateFields(ctx, initial),
  };
}

export const postCommand = defineCommand({
  path: ["project", "post"],
  description: "project.post.description",
  args: {},
  access: { roles: POSTERS },
  run: async (ctx): Promise<Reply> => ({ visibility: "private", blocks: [], form: await postForm(ctx) }),
});

export const draftSchema = z.object({
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
  async submit(ctx, v) {
    await checkMilestone(ctx, v.milestone);
    const readability = readabilityOf(v.summary, ctx.locale);
    const preview = updateBlocks(ctx.t, ctx.fmt, { id: 0, title: v.title, summary: v.summary, details: v.details ?? null, phase: v.phase ? Number(v.phase) : null, milestoneKey: v.milestone ?? null, postedAt: ctx.clock.now().toISOString() });
    // This preview becomes the author's only live one: an older card's Publish is refused from now on.
    const draftId = await ctx.commitAsync((tx) => saveDraft(tx, ctx.person.id, { title: v.title, summary: v.summary, details: v.details ?? null, phase: v.phase ? Number(v.phase) : null, milestoneKey: v.milestone ?? null }, ctx.clock.now()));
    const draft = { draftId };
    return reply.private(
      reply.text(ctx.t("project.post.previewTitle")),
      ...preview.slice(0, -1),
      reply.context(readabilityLine(ctx.t, readability)),
      reply.buttons(
        { label: ctx.t("project.post.publish"), action: "project.post.publish", payload: draft, style: "primary", once: true, group: "publish" },
        { label: ctx.t("project.post.change"), action: "project.post.change", payload: draft },
      ),
    );
  },
});

/** A milestone named in a form must exist. */
export async function checkMilestone(ctx: LinkedCtx, key: string | undefined): Promise<void> {
  const all = await milestones(ctx.db);
  if (key && !all.some((m) => m.key === key)) throw userError.invalid("project.milestone.unknown", { key, names: all.map((m) => `“${ctx.t(`project.milestones.${m.key}.title`)}”`).join(", ") });
}

const draftPayload = z.object({ draftId: z.number().int().positive() });

/** The author's own preview, or a polite "not found" (a preview is nobody else's). */
async function ownDraft(ctx: LinkedCtx, id: number) {
  const d = await draftById(ctx.db, id);
  if (!d || d.authorId !== ctx.person.id) throw userError.notFound("project.post.noPreview");
  return d;
}

export const changeDraftAction = defineAction({
  id: "project.post.change",
  payload: draftPayload,
  access: { roles: POSTERS },
  async run(ctx, p): Promise<Reply> {
    const d = await ownDraft(ctx, p.draftId);
    return { visibility: "private", blocks: [], form: await postForm(ctx, { title: d.title, summary: d.summary, details: d.details ?? undefined, phase: d.phase ? String(d.phase) : undefined, milestone: d.milestoneKey ?? undefined }) };
  },
});

export const publishAction = defineAction({
  id: "project.post.publish",
  payload: draftPayload,
  access: { roles: POSTERS },
  async run(ctx, p) {
    if (!mayPost(ctx.roles)) throw userError.notAllowed("project.post.notAllowed");
    const d = await ownDraft(ctx, p.draftId);
    const grade = storedGrade(readabilityOf(d.summary, ctx.locale));
    const out = await ctx.commitAsync((tx) => publishDraft(tx, ctx.store, d.id, ctx.person.id, grade, ctx.clock.now(), ctx.fmt.timeZone, ctx.locale));
    if (!out.ok && out.why === "missing") throw userError.notFound("project.post.noPreview");
    if (!out.ok && out.why === "replaced") throw userError.conflict("project.post.replaced");
    if (!out.ok) throw userError.conflict("project.post.alreadyPublished", { id: out.updateId ?? "?" });
    await ctx.audit("project.update.publish", { type: "project_update", id: out.id }, { followers: out.followers, gradeLevel: grade });
    return { ...reply.private(reply.text(`📣 ${ctx.t("project.post.published", { id: out.id, count: out.followers })}`)), update: true };
  },
});

export const updateJob = defineJobKind<{ updateId: number }>({
  kind: "project.update",
  async render(ctx, p) {
    const db = data(ctx.store);
    const row = await updateById(db, p.updateId);
    if (!row || row.withdrawnAt) return null;
    // Rendered for this follower (person or channel), in their language, when it is delivered.
    const fmt = jobFormatter(ctx);
    const [u] = await updatesForReader(db, ctx.t, fmt, ctx.locale, [row]);
    return reply.channel(...updateBlocks(ctx.t, fmt, u!), reply.context(ctx.t("project.updates.follow")));
  },
});

/** Home: the newest update, for everyone. */
export async function projectHome(ctx: LinkedCtx): Promise<Block[]> {
  const [u] = await updatesForReader(ctx.db, ctx.t, ctx.fmt, ctx.locale, await latestUpdates(ctx.db, 1));
  if (!u) return [];
  return [reply.section(ctx.t("project.home.title"), [], `*${u.title}* (${ctx.fmt.date(new Date(u.postedAt))})\n${u.summary}`), ...(u.note ? [reply.context(`🌐 ${u.note}`)] : []), reply.context(ctx.t("project.home.more"))];
}

