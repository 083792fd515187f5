// Questions from members: `/project ask` (optionally anonymous to the committee; never anonymous in
// the audit log). Each committee member gets it with Answer / Answer and publish; the first answer
// counts, the asker is told, and a published answer appears on the public page without a name.
import { z } from "zod";
import { addQuestion, answerQuestion, publishQuestion, questionById, unansweredQuestions, type QuestionRow } from "../../db/project.ts";
import { holdersOf } from "../../db/roles.ts";
import { displayName, personById } from "../../db/people.ts";
import { defineAction, defineCommand, defineForm, type LinkedCtx, type PendingItem } from "../core/command.ts";
import { userError } from "../core/errors.ts";
import { reply, type Block, type Notice, type Reply } from "../core/reply.ts";
import type { Translate } from "../core/i18n.ts";
import { defineNotice, notice } from "../core/notice.ts";

const ANSWERERS = ["project_committee"] as const;

export const askCommand = defineCommand({
  path: ["project", "ask"],
  opensForm: true,
  description: "project.ask.description",
  args: {},
  access: { linked: true },
  run: (ctx): Reply => ({
    visibility: "private",
    blocks: [],
    form: {
      form: "project.ask",
      title: ctx.t("project.ask.formTitle"),
      intro: ctx.t("project.ask.intro"),
      submitLabel: ctx.t("project.ask.send"),
      fields: [
        { name: "question", label: ctx.t("project.ask.fieldQuestion"), kind: "textarea", required: true, maxLength: 1000 },
        { name: "anonymous", label: ctx.t("project.ask.fieldAnonymous"), kind: "select", required: true, initial: "no", options: [{ value: "no", label: ctx.t("project.ask.showName") }, { value: "yes", label: ctx.t("project.ask.hideName") }], hint: ctx.t("project.ask.hintAnonymous") },
      ],
    },
  }),
});

function card(t: Translate, q: Pick<QuestionRow, "id" | "question">, asker: string): Block[] {
  return [
    reply.section(t("project.ask.cardTitle", { id: q.id }), [{ label: t("project.ask.from"), value: asker }], q.question),
    reply.buttons(
      { label: t("project.ask.answer"), action: "project.ask.answer", payload: { questionId: q.id, publish: false }, style: "primary" },
      { label: t("project.ask.answerPublish"), action: "project.ask.answer", payload: { questionId: q.id, publish: true } },
    ),
  ];
}

/** A member's question, to each committee member (the asker's name only when they allowed it). */
export const questionNotice = defineNotice({
  id: "project.question",
  values: z.object({ questionId: z.number().int().positive() }),
  example: { questionId: 1 },
  async render(n, v) {
    const q = questionById(n.store, v.questionId);
    if (!q) throw new Error("question not found");
    const asker = q.anonymous ? null : await personById(n.store, q.askerId);
    return reply.private(...card(n.t, q, asker ? displayName(asker) : n.t("project.ask.anonymousMember")));
  },
});

/** The answer, to the member who asked. */
export const answeredNotice = defineNotice({
  id: "project.answered",
  values: z.object({ questionId: z.number().int().positive() }),
  example: { questionId: 1 },
  render(n, v) {
    const q = questionById(n.store, v.questionId);
    if (!q || q.answer === null) throw new Error("answer not found");
    return reply.private(reply.section(n.t("project.ask.yourAnswer", { id: q.id }), [{ label: n.t("project.ask.youAsked"), value: q.question }], q.answer));
  },
});

export const askForm = defineForm({
  id: "project.ask",
  fields: z.object({ question: z.string().trim().min(5).max(1000), anonymous: z.enum(["yes", "no"]) }),
  payload: z.null(),
  access: { linked: true },
  async submit(ctx, v) {
    const anonymous = v.anonymous === "yes";
    const id = ctx.commit(() => addQuestion(ctx.store, { askerId: ctx.person.id, anonymous, question: v.question }, ctx.clock.now()));
    // The audit log always knows who asked, even when the committee is not told.
    ctx.audit("project.question.ask", { type: "project_question", id }, { askerId: ctx.person.id, anonymous });
    const committee = (await holdersOf(ctx.store, ANSWERERS[0], ctx.clock.now())).map((h) => h.person.id).filter((pid) => pid !== ctx.person.id);
    // Each committee member reads the card in their own language (rendered by the core for them).
    const notices: Notice[] = [...new Set(committee)].map((personId) => notice(questionNotice, personId, { questionId: id }));
    return { ...reply.private(reply.text(`✉️ ${ctx.t("project.ask.sent", { id })}`)), notices };
  },
});

export const answerAction = defineAction({
  id: "project.ask.answer",
  payload: z.object({ questionId: z.number().int().positive(), publish: z.boolean() }),
  access: { roles: ANSWERERS },
  run(ctx, p): Reply {
    const q = questionById(ctx.store, p.questionId);
    if (!q) throw userError.notFound("project.ask.notFound", { id: p.questionId });
    if (q.answer !== null) return reply.private(reply.text(ctx.t("project.ask.alreadyAnswered", { id: q.id })));
    return {
      visibility: "private",
      blocks: [],
      form: {
        form: "project.answer",
        title: ctx.t("project.ask.answerTitle", { id: q.id }),
        intro: q.question,
        payload: { questionId: q.id },
        fields: [
          { name: "answer", label: ctx.t("project.ask.fieldAnswer"), kind: "textarea", required: true, maxLength: 2000, hint: ctx.t("project.ask.hintAnswer") },
          { name: "publish", label: ctx.t("project.ask.fieldPublish"), kind: "select", required: true, initial: p.publish ? "yes" : "no", options: [{ value: "yes", label: ctx.t("project.ask.publishYes") }, { value: "no", label: ctx.t("project.ask.publishNo") }] },
        ],
      },
    };
  },
});

export const answerForm = defineForm({
  id: "project.answer",
  fields: z.object({ answer: z.string().trim().min(2).max(2000), publish: z.enum(["yes", "no"]) }),
  payload: z.object({ questionId: z.number().int().positive() }),
  access: { roles: ANSWERERS },
  async submit(ctx, v, p) {
    const now = ctx.clock.now();
    const q = questionById(ctx.store, p.questionId);
    if (!q) throw userError.notFound("project.ask.notFound", { id: p.questionId });
    const done = ctx.commit(() => {
      if (!answerQuestion(ctx.store, q.id, v.answer, ctx.person.id, now)) return false;
      if (v.publish === "yes") publishQuestion(ctx.store, q.id, now);
      return true;
    });
    if (!done) {
      const by = q.answeredById ? await personById(ctx.store, q.answeredById) : null;
      return reply.private(reply.text(ctx.t("project.ask.alreadyAnsweredBy", { id: q.id, by: by ? displayName(by) : "—" })));
    }
    ctx.audit("project.question.answer", { type: "project_question", id: q.id }, { published: v.publish === "yes" });
    return {
      ...reply.private(reply.text(`✅ ${ctx.t(v.publish === "yes" ? "project.ask.answeredPublished" : "project.ask.answered", { id: q.id })}`)),
      notices: [notice(answeredNotice, q.askerId, { questionId: q.id })],
    };
  },
});

export const publishAnswerAction = defineAction({
  id: "project.ask.publish",
  payload: z.object({ questionId: z.number().int().positive() }),
  access: { roles: ANSWERERS },
  run(ctx, p) {
    const ok = ctx.commit(() => publishQuestion(ctx.store, p.questionId, ctx.clock.now()));
    if (ok) ctx.audit("project.question.publish", { type: "project_question", id: p.questionId });
    return { ...reply.private(reply.text(ctx.t(ok ? "project.ask.nowPublished" : "project.ask.cannotPublish", { id: p.questionId }))), update: true };
  },
});

/** Unanswered questions wait for every committee member. */
export async function questionsPending(ctx: LinkedCtx): Promise<PendingItem[]> {
  if (!ctx.roles.some((r) => r.role === "project_committee")) return [];
  const out: PendingItem[] = [];
  for (const q of unansweredQuestions(ctx.store)) {
    if (q.askerId === ctx.person.id) continue;
    const person = q.anonymous ? null : await personById(ctx.store, q.askerId);
    const asker = q.anonymous ? ctx.t("project.ask.anonymousMember") : person ? displayName(person) : "—";
    out.push({ area: "project", summary: ctx.t("project.ask.pending", { id: q.id }), since: new Date(q.createdAt), blocks: card(ctx.t, q, asker) });
  }
  return out;
}
