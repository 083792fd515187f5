// Showing where a person is in a module: the lesson (once, with its first question) and the
// question's choices as buttons. Buttons carry the position they answer, so an old button cannot
// move anyone.
import { lessonAt, type TrainingLessonRow, type TrainingModuleRow, type TrainingProgressRow } from "../../db/training.ts";
import type { LinkedCtx } from "../core/command.ts";
import { cutMarkdown } from "../core/markdown.ts";
import { reply, type Block } from "../core/reply.ts";
import { readDocument } from "../core/hooks.ts";

const MAX_LESSON_CHARS = 2500;

async function lessonText(ctx: LinkedCtx, lesson: TrainingLessonRow): Promise<string> {
  if (lesson.kbDocumentId !== null) {
    // The document in the reader's language when it has a version in it, else its original.
    const doc = await readDocument(ctx.registry.features, ctx, lesson.kbDocumentId);
    const body = doc ? doc.body : ctx.t("training.step.docMissing", { id: lesson.kbDocumentId });
    return [lesson.body, body].filter((s) => s.trim() !== "").join("\n\n");
  }
  return lesson.body;
}

/** The lesson as its Markdown, cut between paragraphs when it is too long for one message. */
function clip(text: string): string {
  const shown = cutMarkdown(text, MAX_LESSON_CHARS);
  return shown.cut ? `${shown.text}\n\n…` : shown.text;
}

/** The question's choices as buttons (not once-only: a wrong answer may be tried again). */
export function questionBlocks(ctx: LinkedCtx, mod: TrainingModuleRow, p: Pick<TrainingProgressRow, "lesson" | "question">, lesson: TrainingLessonRow): Block[] {
  const q = lesson.questions[p.question];
  if (!q) {
    return [
      reply.buttons({ label: ctx.t("training.step.continue"), action: "training.continue", payload: { moduleId: mod.id, version: mod.version, lesson: p.lesson }, style: "primary" }),
    ];
  }
  return [
    reply.section(ctx.t("training.step.question", { n: p.question + 1, total: lesson.questions.length }), [], q.ask),
    reply.buttons(
      ...q.choices.map((c, i) => ({ label: c.slice(0, 75), action: "training.answer", payload: { moduleId: mod.id, version: mod.version, lesson: p.lesson, question: p.question, choice: i } })),
    ),
  ];
}

/** The person's current step: lesson text when they are at its first question, then the question. */
export async function stepBlocks(ctx: LinkedCtx, mod: TrainingModuleRow, p: Pick<TrainingProgressRow, "lesson" | "question">): Promise<Block[]> {
  const lesson = await lessonAt(ctx.db, mod.id, p.lesson);
  if (!lesson) return [reply.text(ctx.t("training.step.empty", { title: mod.title }))];
  const head = ctx.t("training.step.lesson", { module: mod.title, n: p.lesson + 1, total: mod.lessonCount, title: lesson.title });
  const blocks: Block[] = [];
  if (p.question === 0) blocks.push(reply.section(head), reply.markdown(clip(await lessonText(ctx, lesson))));
  else blocks.push(reply.context(head));
  blocks.push(...questionBlocks(ctx, mod, p, lesson));
  return blocks;
}
