// `/training list`, `/training start MODULE`, `/training next`, `/training progress`, and the
// answer buttons. Progress is stored at every step, so a person picks up where they were after
// any restart; a right answer moves them on only from the position its button was shown for.
import { z } from "zod";
import { advanceProgress, countWrongAnswer, issueCertificate, currentProgress, lessonAt, listModules, moduleById, moduleBySlug, progressFor, progressOf, startProgress, type TrainingModuleRow, type TrainingProgressRow } from "../../db/training.ts";
import { arg } from "../core/args.ts";
import { defineAction, defineCommand, type LinkedCtx } from "../core/command.ts";
import { userError } from "../core/errors.ts";
import { findByName, unquoteName } from "../core/typed-name.ts";
import { reply, type Reply } from "../core/reply.ts";
import { certificateFile, titleForReader } from "./certificate.ts";
import { openRequired, requiredModules, scheduleTrainingReminderIn, startButtons } from "./required.ts";
import { moduleFamily, modulesForReader, nextPosition, readerVersion, slugOf } from "./rules.ts";
import { missingNote } from "../core/content-language.ts";
import { stepBlocks, questionBlocks } from "./step.ts";

/** Where the person is in a module, whichever of its languages they took: finished in one is finished. */
async function statusOf(ctx: LinkedCtx, mod: TrainingModuleRow): Promise<string> {
  const family = (await listModules(ctx.db)).filter((m) => moduleFamily(m) === moduleFamily(mod));
  const all: TrainingProgressRow[] = [];
  for (const m of family) {
    const p = await progressOf(ctx.db, ctx.person.id, m.id);
    if (p !== undefined) all.push(p);
  }
  const p = all.find((x) => x.completedAt) ?? (await progressOf(ctx.db, ctx.person.id, mod.id)) ?? all[0];
  if (!p) return ctx.t("training.status.notStarted");
  if (p.completedAt) return ctx.t("training.status.done", { date: ctx.fmt.date(new Date(p.completedAt)) });
  return ctx.t("training.status.inProgress", { n: p.lesson + 1, total: mod.lessonCount });
}

/** What /training list shows this reader, in its order: each module once, in their language where it exists. */
async function listedModules(ctx: LinkedCtx) {
  return modulesForReader(await listModules(ctx.db), ctx.locale).sort((a, b) => a.module.title.localeCompare(b.module.title, ctx.locale));
}

export const listCommand = defineCommand({
  path: ["training", "list"],
  description: "training.list.description",
  args: {},
  access: { linked: true },
  async run(ctx) {
    // Each module once, in the reader's language where it exists, else its original with a note;
    // numbered: `/training start 2` starts the second module of this list.
    const shown = await listedModules(ctx);
    const mods = shown.map((x) => x.module);
    const required = new Set((await requiredModules(ctx.store, ctx.person.id, ctx.clock.now(), ctx.locale)).map((m) => moduleFamily(m)));
    const items: { text: string; detail: string }[] = [];
    for (const [i, { module: m, missing }] of shown.entries()) {
      items.push({
        text: `${i + 1}. ${m.title}${required.has(moduleFamily(m)) ? ` — ${ctx.t("training.list.required")}` : ""}`,
        detail: `${m.slug} · ${ctx.t("training.list.lessons", { count: m.lessonCount })} · ${await statusOf(ctx, m)}${m.summary ? ` · ${m.summary}` : ""}${missing ? ` · 🌐 ${missingNote(ctx.t, ctx.locale, m.language)}` : ""}`,
      });
    }
    return reply.private(reply.list(ctx.t("training.list.title"), items, ctx.t("training.list.none")), reply.context(ctx.t("training.list.hint")), ...startButtons(ctx.t, mods));
  },
});

async function begin(ctx: LinkedCtx, mod: TrainingModuleRow): Promise<Reply> {
  if (mod.lessonCount === 0) throw userError.invalid("training.step.empty", { title: mod.title });
  // Finished in any of its languages is finished: nobody is sent through it again in another one.
  let doneElsewhere: string | null = null;
  for (const m of (await listModules(ctx.db)).filter((m) => moduleFamily(m) === moduleFamily(mod) && m.id !== mod.id)) {
    doneElsewhere ??= (await progressOf(ctx.db, ctx.person.id, m.id))?.completedAt ?? null;
  }
  if (doneElsewhere) return reply.private(reply.text(`✅ ${ctx.t("training.start.already", { title: mod.title, date: ctx.fmt.date(new Date(doneElsewhere)) })}`));
  const now = ctx.clock.now();
  // Someone who starts a module they must do hears again in a week if it is still open: the
  // reminder commits with the start.
  const remind = (await openRequired(ctx.store, ctx.person.id, now, ctx.locale)).length > 0;
  const p = await ctx.commitAsync(async (tx) => {
    const row = await startProgress(tx, ctx.person.id, mod, now);
    if (remind) await scheduleTrainingReminderIn(tx, ctx.store, ctx.person.id, now, ctx.fmt.timeZone);
    return row;
  });
  await ctx.audit("training.start", { type: "training_module", id: mod.id });
  if (p.completedAt) return reply.private(reply.text(`✅ ${ctx.t("training.start.already", { title: mod.title, date: ctx.fmt.date(new Date(p.completedAt)) })}`));
  const missing = readerVersion(await listModules(ctx.db), moduleFamily(mod), ctx.locale)?.missing ?? false;
  return reply.private(...(missing ? [reply.context(`🌐 ${missingNote(ctx.t, ctx.locale, mod.language)}`)] : []), ...(await stepBlocks(ctx, mod, p)));
}

/** A module asked for by its slug or title, in the reader's language when it has a version in it. */
async function inReaderLanguage(ctx: LinkedCtx, mod: TrainingModuleRow): Promise<TrainingModuleRow> {
  return readerVersion(await listModules(ctx.db), moduleFamily(mod), ctx.locale)?.module ?? mod;
}

export const startCommand = defineCommand({
  path: ["training", "start"],
  description: "training.start.description",
  args: { module: arg.string("training.start.argModule", { maxLength: 80, rest: true }) },
  access: { linked: true },
  examples: ["training.start.example"],
  run: async (ctx, args) => begin(ctx, await moduleTyped(ctx, args.module)),
});

/**
 * The module a person typed as /training list shows it: its number in the list, its title (any
 * language, case and accents aside, or the start of it when only one begins so) or its short name.
 */
async function moduleTyped(ctx: LinkedCtx, typed: string): Promise<TrainingModuleRow> {
  const text = unquoteName(typed);
  if (/^\d{1,4}$/.test(text)) {
    const listed = await listedModules(ctx);
    const mod = listed[Number(text) - 1]?.module;
    if (!mod) throw userError.notFound("training.notInList", { n: text, count: listed.length });
    return mod;
  }
  const bySlug = await moduleBySlug(ctx.db, slugOf(text));
  if (bySlug) return inReaderLanguage(ctx, bySlug);
  const match = findByName(await listModules(ctx.db), (m) => [m.title, m.slug], text);
  if ("found" in match) return inReaderLanguage(ctx, match.found);
  // Versions of one module in several languages are one module.
  if ("several" in match && new Set(match.several.map(moduleFamily)).size === 1) return inReaderLanguage(ctx, match.several[0]!);
  if ("several" in match) {
    const titles: string[] = [];
    for (const m of match.several) titles.push(`“${(await inReaderLanguage(ctx, m)).title}”`);
    throw userError.invalid("training.several", { module: text, names: [...new Set(titles)].join(", ") });
  }
  throw userError.notFound("training.notFound", { module: text });
}

export const startAction = defineAction({
  id: "training.start",
  payload: z.object({ moduleId: z.number().int().positive() }),
  access: { linked: true },
  async run(ctx, p) {
    const mod = await moduleById(ctx.db, p.moduleId);
    if (!mod) throw userError.notFound("training.notFound", { module: String(p.moduleId) });
    return begin(ctx, mod);
  },
});

export const nextCommand = defineCommand({
  path: ["training", "next"],
  description: "training.next.description",
  args: {},
  access: { linked: true },
  async run(ctx) {
    const p = await currentProgress(ctx.db, ctx.person.id);
    const mod = p ? await moduleById(ctx.db, p.moduleId) : undefined;
    if (!p || !mod) return reply.private(reply.text(ctx.t("training.next.nothing")), ...startButtons(ctx.t, await openRequired(ctx.store, ctx.person.id, ctx.clock.now(), ctx.locale)));
    // The module changed since: begin() starts it again from the first lesson.
    if (p.moduleVersion !== mod.version) return begin(ctx, mod);
    return reply.private(...(await stepBlocks(ctx, mod, p)));
  },
});

export const progressCommand = defineCommand({
  path: ["training", "progress"],
  description: "training.progress.description",
  args: {},
  access: { linked: true },
  async run(ctx) {
    const rows = await progressFor(ctx.db, ctx.person.id);
    const items: { text: string; detail: string }[] = [];
    for (const p of rows) {
      const mod = await moduleById(ctx.db, p.moduleId);
      if (mod) items.push({ text: mod.title, detail: await statusOf(ctx, mod) });
    }
    const open = await openRequired(ctx.store, ctx.person.id, ctx.clock.now(), ctx.locale);
    return reply.private(
      reply.list(ctx.t("training.progress.title"), items, ctx.t("training.progress.none")),
      reply.list(ctx.t("training.progress.requiredTitle"), open.map((m) => ({ text: m.title, detail: m.slug })), ctx.t("training.progress.requiredNone")),
      ...startButtons(ctx.t, open),
    );
  },
});

const answerPayload = z.object({
  moduleId: z.number().int().positive(),
  version: z.number().int().positive(),
  lesson: z.number().int().min(0),
  question: z.number().int().min(0),
  choice: z.number().int().min(0),
});

/** Loads the module and the person's progress for a button; an outdated button gets a polite note. */
async function atButton(ctx: LinkedCtx, p: { moduleId: number; version: number; lesson: number; question: number }) {
  const mod = await moduleById(ctx.db, p.moduleId);
  const prog = mod ? await progressOf(ctx.db, ctx.person.id, mod.id) : undefined;
  if (!mod || !prog) throw userError.notFound("training.notFound", { module: String(p.moduleId) });
  if (prog.completedAt) throw userError.conflict("training.start.already", { title: mod.title, date: ctx.fmt.date(new Date(prog.completedAt)) });
  if (mod.version !== p.version || prog.moduleVersion !== mod.version || prog.lesson !== p.lesson || prog.question !== p.question) throw userError.conflict("training.step.moved");
  return { mod, prog };
}

async function moveOn(ctx: LinkedCtx, mod: TrainingModuleRow, progId: number, from: { lesson: number; question: number }, questionsInLesson: number, prefix: string): Promise<Reply> {
  const now = ctx.clock.now();
  const to = nextPosition(from, questionsInLesson, mod.lessonCount);
  if (to !== "done") {
    if (!(await ctx.commitAsync((tx) => advanceProgress(tx, progId, from, to, now)))) throw userError.conflict("training.step.moved");
    return reply.private(reply.text(prefix), ...(await stepBlocks(ctx, mod, to)));
  }
  // The certificate's code is recorded with the completion itself: one never exists without the other.
  const moduleTitle = await titleForReader(ctx.db, mod, ctx.locale);
  const certificate = await ctx.commitAsync(async (tx) =>
    (await advanceProgress(tx, progId, from, to, now)) ? issueCertificate(tx, { personId: ctx.person.id, moduleId: mod.id, moduleVersion: mod.version, moduleTitle }, now) : undefined,
  );
  if (!certificate) throw userError.conflict("training.step.moved");
  await ctx.audit("training.complete", { type: "training_module", id: mod.id });
  const file = await certificateFile(ctx, mod, now, certificate.code);
  return {
    ...reply.private(reply.text(prefix), reply.section(`🎓 ${ctx.t("training.done.title", { title: mod.title })}`, [], ctx.t("training.done.text", { title: mod.title, date: ctx.fmt.date(now) }))),
    files: [file],
  };
}

export const answerAction = defineAction({
  id: "training.answer",
  payload: answerPayload,
  access: { linked: true },
  async run(ctx, p) {
    const { mod, prog } = await atButton(ctx, p);
    const lesson = await lessonAt(ctx.db, mod.id, p.lesson);
    const q = lesson?.questions[p.question];
    if (!lesson || !q || p.choice >= q.choices.length) throw userError.conflict("training.step.moved");
    if (p.choice !== q.answer) {
      await ctx.commitAsync((tx) => countWrongAnswer(tx, prog.id, ctx.clock.now()));
      return reply.private(reply.text(`🤔 ${ctx.t("training.answer.wrong")}`), reply.context(q.why), ...questionBlocks(ctx, mod, p, lesson));
    }
    return moveOn(ctx, mod, prog.id, p, lesson.questions.length, `✅ ${ctx.t("training.answer.right")} ${q.why}`);
  },
});

export const continueAction = defineAction({
  id: "training.continue",
  payload: z.object({ moduleId: z.number().int().positive(), version: z.number().int().positive(), lesson: z.number().int().min(0) }),
  access: { linked: true },
  async run(ctx, p) {
    const { mod, prog } = await atButton(ctx, { ...p, question: 0 });
    return moveOn(ctx, mod, prog.id, { lesson: p.lesson, question: 0 }, 0, ctx.t("training.answer.continued"));
  },
});
