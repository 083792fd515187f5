// Which modules a person must complete (from their roles, and the confidentiality module for
// anyone who sees member contacts), and the gentle weekly reminder about the ones still open.
import { z } from "zod";
import { data, type Tx } from "../../db/data.ts";
import { activeRoles } from "../../db/roles.ts";
import { scheduleJob, scheduleJobNowIn, type ScheduleJobInput } from "../../db/jobs.ts";
import type { Store } from "../../db/store.ts";
import { personLocale } from "../../db/locales.ts";
import { completedModuleIds, listModules, remindersStopped, seesContacts, stopReminders, type TrainingModuleRow } from "../../db/training.ts";
import { defineAction, type LinkedCtx } from "../core/command.ts";
import { defineJobKind, type JobCtx } from "../core/jobs.ts";
import { reply, type Block } from "../core/reply.ts";
import { periodKey } from "../core/periods.ts";
import { requiredVersions, requirementKeys, stillOpen } from "./rules.ts";

export const REMINDER_JOB = "training.remind";
const WEEK_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * The modules this person's roles (any role a module names) and access to contacts require, one
 * version of each: in `language` (the reader's), else English. Without a language given, the
 * person's own (their choice, else their chat app's), else English.
 */
export async function requiredModules(store: Store, personId: number, at: Date, language?: string, granting?: { role: string; office: string | null }): Promise<TrainingModuleRow[]> {
  const db = data(store);
  const roles = (await activeRoles(db, personId, at)).map((r) => ({ role: r.role as never, office: r.office }));
  if (granting) roles.push({ role: granting.role as never, office: granting.office });
  const reader = language ?? (await personLocale(db, personId)) ?? "en";
  return requiredVersions(await listModules(db), requirementKeys(roles, await seesContacts(db, personId)), reader);
}

/** Required modules this person has not completed in any of their languages (counting a role being granted). */
export async function openRequired(store: Store, personId: number, at: Date, language?: string, granting?: { role: string; office: string | null }): Promise<TrainingModuleRow[]> {
  const db = data(store);
  return stillOpen(await requiredModules(store, personId, at, language, granting), await listModules(db), await completedModuleIds(db, personId));
}

/**
 * A role is being granted (any area, chat or CLI): a reminder in a week if it brings training to do.
 * What is still open is read before the grant's transaction, counting the role being granted; the
 * reminder is written inside it, with the role.
 */
export async function remindOnRoleGranted(env: { store: Store; now: Date; timeZone: string }, g: { personId: number; role: string; office: string | null }) {
  if ((await openRequired(env.store, g.personId, env.now, undefined, g)).length === 0) return undefined;
  return (tx: Tx) => scheduleTrainingReminderIn(tx, env.store, g.personId, env.now, env.timeZone);
}

/**
 * The reminder a week after `from`. Keyed by person and week, so however many things ask for it,
 * a person hears at most once a local week.
 */
function trainingReminder(personId: number, from: Date, timeZone: string): ScheduleJobInput {
  const dueAt = new Date(from.getTime() + WEEK_MS);
  return { kind: REMINDER_JOB, target: { personId }, payload: { personId }, dueAt, timeZone, idempotencyKey: `${REMINDER_JOB}:${personId}:${periodKey(dueAt, "week", timeZone)}` };
}

/** Schedules the reminder, as a transaction of its own. */
export async function scheduleTrainingReminder(store: Store, personId: number, from: Date, timeZone: string): Promise<void> {
  await scheduleJob(store, trainingReminder(personId, from, timeZone));
}

/** The same reminder, written inside the caller's transaction (with the write that calls for it). */
export async function scheduleTrainingReminderIn(tx: Tx, store: Store, personId: number, from: Date, timeZone: string): Promise<void> {
  await scheduleJobNowIn(tx, store, trainingReminder(personId, from, timeZone));
}

export function startButtons(t: (k: string, v?: Record<string, unknown>) => string, mods: readonly TrainingModuleRow[]): Block[] {
  if (mods.length === 0) return [];
  return [reply.buttons(...mods.slice(0, 5).map((m) => ({ label: t("training.list.startButton", { title: m.title }).slice(0, 75), action: "training.start", payload: { moduleId: m.id } })))];
}

/** The training part of a new office-holder's welcome: what their roles need, in their language, with start buttons. */
export async function trainingOnboarding(ctx: JobCtx, personId: number): Promise<Block[]> {
  const open = await openRequired(ctx.store, personId, ctx.clock.now(), ctx.locale);
  return [
    reply.list(ctx.t("training.onboarding.title"), open.map((m) => ({ text: m.title, detail: m.summary })), ctx.t("training.onboarding.none")),
    ...startButtons(ctx.t, open),
  ];
}

export const reminderJob = defineJobKind<{ personId: number }>({
  kind: REMINDER_JOB,
  async render(ctx, p) {
    if (await remindersStopped(data(ctx.store), p.personId)) return null;
    const now = ctx.clock.now();
    const open = await openRequired(ctx.store, p.personId, now, ctx.locale);
    if (open.length === 0) return null;
    // The next one, a week on; nothing is sent then if all is done or reminders were stopped.
    await scheduleTrainingReminder(ctx.store, p.personId, now, ctx.timeZone);
    return reply.private(
      reply.list(ctx.t("training.remind.title"), open.map((m) => ({ text: m.title, detail: m.summary })), undefined),
      reply.context(ctx.t("training.remind.text")),
      ...startButtons(ctx.t, open),
      reply.buttons({ label: ctx.t("training.remind.stopButton"), action: "training.remind.stop", payload: {}, once: true }),
    );
  },
});

export const stopReminderAction = defineAction({
  id: "training.remind.stop",
  payload: z.object({}),
  access: { linked: true },
  async run(ctx: LinkedCtx) {
    await ctx.commitAsync((tx) => stopReminders(tx, ctx.person.id, ctx.clock.now()));
    await ctx.audit("training.reminders.stopped", { type: "person", id: ctx.person.id });
    return { ...reply.private(reply.text(ctx.t("training.remind.stopped"))), update: true };
  },
});

/** Home: the modules this person's role still needs, with Start buttons (nothing when all done). */
export async function trainingHome(ctx: LinkedCtx): Promise<Block[]> {
  const open = await openRequired(ctx.store, ctx.person.id, ctx.clock.now(), ctx.locale);
  if (open.length === 0) return [];
  return [reply.list(ctx.t("training.progress.requiredTitle"), open.map((m) => ({ text: m.title, detail: m.summary }))), ...startButtons(ctx.t, open)];
}
