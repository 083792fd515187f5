// Which modules a person must complete (from their roles, and the confidentiality module for
// anyone who sees member contacts), and the gentle weekly reminder about the ones still open.
import { z } from "zod";
import { activeRoles } from "../../db/roles.ts";
import { scheduleJobNow } from "../../db/jobs.ts";
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
export function requiredModules(store: Store, personId: number, at: Date, language?: string): TrainingModuleRow[] {
  const roles = activeRoles(store, personId, at).map((r) => ({ role: r.role as never, office: r.office }));
  return requiredVersions(listModules(store), requirementKeys(roles, seesContacts(store, personId)), language ?? personLocale(store, personId) ?? "en");
}

/** Required modules this person has not completed in any of their languages. */
export function openRequired(store: Store, personId: number, at: Date, language?: string): TrainingModuleRow[] {
  return stillOpen(requiredModules(store, personId, at, language), listModules(store), completedModuleIds(store, personId));
}

/** A role was just granted (any area, chat or CLI): a reminder in a week if it brings training to do. */
export function remindOnRoleGranted(env: { store: Store; now: Date; timeZone: string }, g: { personId: number }): void {
  if (openRequired(env.store, g.personId, env.now).length > 0) scheduleTrainingReminder(env.store, g.personId, env.now, env.timeZone);
}

/**
 * Schedules the reminder a week after `from`. Keyed by person and week, so however many things
 * ask for it, a person hears at most once a local week. Synchronous: call inside the triggering write's
 * transaction.
 */
export function scheduleTrainingReminder(store: Store, personId: number, from: Date, timeZone: string): void {
  const dueAt = new Date(from.getTime() + WEEK_MS);
  scheduleJobNow(store, { kind: REMINDER_JOB, target: { personId }, payload: { personId }, dueAt, timeZone, idempotencyKey: `${REMINDER_JOB}:${personId}:${periodKey(dueAt, "week", timeZone)}` });
}

export function startButtons(t: (k: string, v?: Record<string, unknown>) => string, mods: readonly TrainingModuleRow[]): Block[] {
  if (mods.length === 0) return [];
  return [reply.buttons(...mods.slice(0, 5).map((m) => ({ label: t("training.list.startButton", { title: m.title }).slice(0, 75), action: "training.start", payload: { moduleId: m.id } })))];
}

/** The training part of a new office-holder's welcome: what their roles need, in their language, with start buttons. */
export function trainingOnboarding(ctx: JobCtx, personId: number): Block[] {
  const open = openRequired(ctx.store, personId, ctx.clock.now(), ctx.locale);
  return [
    reply.list(ctx.t("training.onboarding.title"), open.map((m) => ({ text: m.title, detail: m.summary })), ctx.t("training.onboarding.none")),
    ...startButtons(ctx.t, open),
  ];
}

export const reminderJob = defineJobKind<{ personId: number }>({
  kind: REMINDER_JOB,
  render(ctx, p) {
    if (remindersStopped(ctx.store, p.personId)) return null;
    const now = ctx.clock.now();
    const open = openRequired(ctx.store, p.personId, now, ctx.locale);
    if (open.length === 0) return null;
    // The next one, a week on; nothing is sent then if all is done or reminders were stopped.
    scheduleTrainingReminder(ctx.store, p.personId, now, ctx.timeZone);
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
  run(ctx: LinkedCtx) {
    ctx.commit(() => stopReminders(ctx.store, ctx.person.id, ctx.clock.now()));
    ctx.audit("training.reminders.stopped", { type: "person", id: ctx.person.id });
    return { ...reply.private(reply.text(ctx.t("training.remind.stopped"))), update: true };
  },
});

/** Home: the modules this person's role still needs, with Start buttons (nothing when all done). */
export function trainingHome(ctx: LinkedCtx): Block[] {
  const open = openRequired(ctx.store, ctx.person.id, ctx.clock.now(), ctx.locale);
  if (open.length === 0) return [];
  return [reply.list(ctx.t("training.progress.requiredTitle"), open.map((m) => ({ text: m.title, detail: m.summary }))), ...startButtons(ctx.t, open)];
}
