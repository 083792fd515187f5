// Questions from members: `/project ask` (a form, or the question typed after it; optionally
// anonymous to the committee, never anonymous in the audit log). Each committee member gets it with
// Answer / Answer and publish — or staff do, when nobody else is on the committee to answer; the
// asker is told which. The first answer counts, the asker is told, and a published answer appears on
// the public page without a name. An answer given to the member only can be published later, from
// the button under it or with `/project publish ID`.
import { data } from "../../db/data.ts";
import { z } from "zod";
import { addQuestion, answerQuestion, publishQuestion, questionById, unansweredQuestions, type QuestionRow } from "../../db/project.ts";
import { holdersOf } from "../../db/roles.ts";
import { displayName, personById } from "../../db/people.ts";
import { arg } from "../core/args.ts";
import { defineAction, defineCommand, defineForm, type LinkedCtx, type PendingItem } from "../core/command.ts";
import { userError } from "../core/errors.ts";
import { reply, type Block, type Notice, type Reply } from "../core/reply.ts";
import type { Translate } from "../core/i18n.ts";
import { defineNotice, notice } from "../core/notice.ts";
import { isStaff, STAFF } from "../core/roles.ts";
import type { Store } from "../../db/store.ts";

/** Staff answer too: they are who a question reaches when the committee has nobody else. */
const ANSWERERS = ["project_committee", ...STAFF] as const;

/**
 * Who answers a question: the committee, less the asker; staff when that leaves nobody (the
 * committee empty, or the asker its only member). Nobody at all only before staff are appointed.
 */
async function answerersFor(store: Store, askerId: number, now: Date): Promise<{ to: "committee" | "staff" | "nobody"; people: number[] }> {
  const others = async (roles: readonly string[]) => [...new Set((await Promise.all(roles.map((r) => holdersOf(data(store), r, now)))).flat().map((h) => h.person.id))].filter((id) => id !== askerId);
  const committee = await others(["project_committee"]);
  if (committee.length) return { to: "committee", people: committee };
  const staff = await others(STAFF);
  return staff.length ? { to: "staff", people: staff } : { to: "nobody", people: [] };
}

/** Stores the question and sends it to whoever answers; the reply says truthfully who that is. */
async function ask(ctx: LinkedCtx, question: string, anonymous: boolean) {
  const id = await ctx.commitAsync((tx) => addQuestion(tx, { askerId: ctx.person.id, anonymous, question }, ctx.clock.now()));
  const { to, people } = await answerersFor(ctx.store, ctx.person.id, ctx.clock.now());
  // The audit log always knows who asked, even when the committee is not told.
  await ctx.audit("project.question.ask", { type: "project_question", id }, { askerId: ctx.person.id, anonymous, routedTo: to });
  // Each answerer reads the card in their own language (rendered by the core for them).
  const notices: Notice[] = people.map((personId) => notice(questionNotice, personId, { questionId: id }));
  return { ...reply.private(reply.text(`✉️ ${ctx.t(to === "committee" ? "project.ask.sent" : to === "staff" ? "project.ask.sentStaff" : "project.ask.sentNobody", { id })}`)), notices };
}

export const askCommand = defineCommand({
  path: ["project", "ask"],
  opensForm: true,
  description: "project.ask.description",
  args: { question: arg.optional(arg.string("project.ask.argQuestion", { maxLength: 1000, rest: true })) },
  access: { linked: true },
  examples: ["project.ask.example"],
  run: async (ctx, { question }): Promise<Reply> => {
    // Typed after the command, the question goes at once, with the asker's name (the form offers to withhold it).
    if (question !== undefined && question.trim().length > 0) {
      if (question.trim().length < 5) throw userError.invalid("project.ask.tooShort");
      return ask(ctx, question.trim(), false);
    }
    return askFormReply(ctx);
  },
});

const askFormReply = (ctx: LinkedCtx): Reply => ({
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
    const q = await questionById(data(n.store), v.questionId);
    if (!q) throw new Error("question not found");
    const asker = q.anonymous ? null : await personById(data(n.store), q.askerId);
    return reply.private(...card(n.t, q, asker ? displayName(asker) : n.t("project.ask.anonymousMember")));
  },
});

/** The answer, to the member who asked. */
export const answeredNotice = defineNotice({
  id: "project.answered",
  values: z.object({ questionId: z.number().int().positive() }),
  example: { questionId: 1 },
  async render(n, v) {
    const q = await questionById(data(n.store), v.questionId);
    if (!q || q.answer === null) throw new Error("answer not found");
    return reply.private(reply.section(n.t("project.ask.yourAnswer", { id: q.id }), [{ label: n.t("project.ask.youAsked"), value: q.question }], q.answer));
  },
});

export const askForm = defineForm({
  id: "project.ask",
  fields: z.object({ question: z.string().trim().min(5).max(1000), anonymous: z.enum(["yes", "no"]) }),
  payload: z.null(),
  access: { linked: true },
  submit: (ctx, v) => ask(ctx, v.question, v.anonymous === "yes"),
});

export const answerAction = defineAction({
  id: "project.ask.answer",
  payload: z.object({ questionId: z.number().int().positive(), publish: z.boolean() }),
  access: { roles: ANSWERERS },
  async run(ctx, p): Promise<Reply> {
    const q = await questionById(ctx.db, p.questionId);
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
    const q = await questionById(ctx.db, p.questionId);
    if (!q) throw userError.notFound("project.ask.notFound", { id: p.questionId });
    const done = await ctx.commitAsync(async (tx) => {
      if (!(await answerQuestion(tx, q.id, v.answer, ctx.person.id, now))) return false;
      if (v.publish === "yes") await publishQuestion(tx, q.id, now);
      return true;
    });
    if (!done) {
      const by = q.answeredById ? await personById(ctx.db, q.answeredById) : null;
      return reply.private(reply.text(ctx.t("project.ask.alreadyAnsweredBy", { id: q.id, by: by ? displayName(by) : "—" })));
    }
    await ctx.audit("project.question.answer", { type: "project_question", id: q.id }, { published: v.publish === "yes" });
    const said = reply.text(`✅ ${ctx.t(v.publish === "yes" ? "project.ask.answeredPublished" : "project.ask.answered", { id: q.id })}`);
    return {
      ...(v.publish === "yes" ? reply.private(said) : reply.private(said, ...publishLater(ctx.t, q.id))),
      notices: [notice(answeredNotice, q.askerId, { questionId: q.id })],
    };
  },
});

/** Under an answer given to the member only: the way to put it on the page later. */
function publishLater(t: Translate, id: number): Block[] {
  return [reply.buttons({ label: t("project.ask.publishLater"), action: "project.ask.publish", payload: { questionId: id }, once: true }), reply.context(t("project.ask.publishLaterHint", { id }))];
}

/** Puts an answered question on the public page, once; says plainly why not otherwise. */
async function publishAnswer(ctx: LinkedCtx, id: number): Promise<string> {
  const q = await questionById(ctx.db, id);
  if (!q) throw userError.notFound("project.ask.notFound", { id });
  if (q.answer === null) throw userError.conflict("project.ask.notAnswered", { id });
  if (q.publishedAt !== null) throw userError.conflict("project.ask.alreadyPublished", { id });
  const ok = await ctx.commitAsync((tx) => publishQuestion(tx, id, ctx.clock.now()));
  if (!ok) throw userError.conflict("project.ask.alreadyPublished", { id });
  await ctx.audit("project.question.publish", { type: "project_question", id });
  return `🌐 ${ctx.t("project.ask.nowPublished", { id })}`;
}

export const publishAnswerAction = defineAction({
  id: "project.ask.publish",
  payload: z.object({ questionId: z.number().int().positive() }),
  access: { roles: ANSWERERS },
  run: async (ctx, p) => ({ ...reply.private(reply.text(await publishAnswer(ctx, p.questionId))), update: true }),
});

export const publishCommand = defineCommand({
  path: ["project", "publish"],
  description: "project.ask.publishDescription",
  args: { id: arg.integer("project.ask.argId", { min: 1, max: 1_000_000_000 }) },
  access: { roles: ANSWERERS },
  examples: ["project.ask.publishExample"],
  run: async (ctx, { id }) => reply.private(reply.text(await publishAnswer(ctx, id))),
});

/** Unanswered questions wait for every committee member. */
export async function questionsPending(ctx: LinkedCtx): Promise<PendingItem[]> {
  const onCommittee = ctx.roles.some((r) => r.role === "project_committee");
  if (!onCommittee && !isStaff(ctx.roles)) return [];
  const out: PendingItem[] = [];
  for (const q of await unansweredQuestions(ctx.db)) {
    if (q.askerId === ctx.person.id) continue;
    // Staff are waited for only on the questions that reached them: when nobody else is on the committee.
    if (!onCommittee && (await answerersFor(ctx.store, q.askerId, ctx.clock.now())).to !== "staff") continue;
    const person = q.anonymous ? null : await personById(ctx.db, q.askerId);
    const asker = q.anonymous ? ctx.t("project.ask.anonymousMember") : person ? displayName(person) : "—";
    out.push({ area: "project", summary: ctx.t("project.ask.pending", { id: q.id }), since: new Date(q.createdAt), blocks: card(ctx.t, q, asker) });
  }
  return out;
}
