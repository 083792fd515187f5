// Deadline reminders. Planning is pure (which reminders, for whom, when); syncReminders turns a
// plan into scheduler jobs. Every job's idempotency key names the case, step, deadline, due day
// and stage, so re-planning after any change (an extension, a response, an appeal, closing)
// cancels the case's pending reminders and schedules exactly the new plan.
import { z } from "zod";
import { cancelJobsIn, findJobs, scheduleJobNowIn, upsertRuleIn, type JobTarget } from "../../db/jobs.ts";
import { grievanceById, listCases, openCases, stewardChannel } from "../../db/grievances.ts";
import { data, transaction, type Tx } from "../../db/data.ts";
import { holidayDates } from "../../db/holidays.ts";
import { holdersOf } from "../../db/roles.ts";
import type { Store } from "../../db/store.ts";
import { defineJobKind, type JobCtx } from "../core/jobs.ts";
import { reply, type Reply } from "../core/reply.ts";
import { LAST_STEP, addBusinessDays, addDays, businessDaysBetween, caseDeadlines, localDate, zonedInstant, type Deadline, type HolidaySet } from "./deadlines.ts";
import { TIME_ZONE, deadlinesOf, ensureDefaults, fmtDate } from "./model.ts";

export const REMINDER_TIME = "09:00";
export const STAGES = ["5", "2", "0", "overdue"] as const;
export type Stage = (typeof STAGES)[number];

export interface PlannedReminder {
  key: string;
  stage: Stage;
  at: Date;
  deadline: Pick<Deadline, "kind" | "stepNo" | "dueDate" | "party">;
  /** steward: the assigned steward (or their channel); escalation: steward, chief stewards and, for the union's deadlines, staff. */
  audience: "steward" | "escalation";
}

export const keyPrefix = (grievanceId: number) => `grievance:${grievanceId}:`;

/**
 * Reminders for a case's open deadlines: 5 and 2 business days before and on the day (09:00
 * local), and an escalation just after the cut-off if the deadline is still open. Past times are
 * left out.
 */
export function planReminders(c: { id: number; status: string }, deadlines: readonly Deadline[], holidays: HolidaySet, now: Date, timeZone = TIME_ZONE): PlannedReminder[] {
  if (c.status !== "open") return [];
  const out: PlannedReminder[] = [];
  for (const d of deadlines) {
    if (d.state !== "open") continue;
    const base = `${keyPrefix(c.id)}${d.stepNo}:${d.kind}:${d.dueDate}:`;
    const deadline = { kind: d.kind, stepNo: d.stepNo, dueDate: d.dueDate, party: d.party };
    const days: [Stage, string][] = [
      ["5", addBusinessDays(d.dueDate, -5, holidays)],
      ["2", addBusinessDays(d.dueDate, -2, holidays)],
      ["0", d.dueDate],
    ];
    for (const [stage, day] of days) {
      const at = zonedInstant(day, REMINDER_TIME, timeZone);
      if (at < d.dueAt && at > now) out.push({ key: `${base}${stage}`, stage, at, deadline, audience: "steward" });
    }
    const overdueAt = new Date(d.dueAt.getTime() + 60_000);
    if (overdueAt > now) out.push({ key: `${base}overdue`, stage: "overdue", at: overdueAt, deadline, audience: "escalation" });
  }
  return out.sort((a, b) => a.at.getTime() - b.at.getTime());
}

export interface Recipient {
  target: JobTarget;
  /** Appended to the reminder's key, so every recipient has their own job. */
  suffix: string;
}

/** Who receives a planned reminder for this case. */
export async function recipientsFor(store: Store, g: { subLocalCode: string; stewardId: number | null }, r: PlannedReminder, at: Date): Promise<Recipient[]> {
  const chiefs = (await holdersOf(data(store), "chief_steward", at, { scopeType: "sublocal", scopeId: g.subLocalCode })).map((h) => h.personId);
  const out = new Map<string, Recipient>();
  const person = (id: number) => out.set(`p${id}`, { target: { personId: id }, suffix: `:p${id}` });
  if (r.audience === "steward") {
    const ch = await stewardChannel(data(store), g.subLocalCode);
    if (ch) out.set("ch", { target: { platform: ch.platform as "slack" | "discord" | "web", workspaceId: ch.workspaceId, channelId: ch.channelId }, suffix: ":ch" });
    else if (g.stewardId) person(g.stewardId);
    else chiefs.forEach(person);
    return [...out.values()];
  }
  if (g.stewardId) person(g.stewardId);
  chiefs.forEach(person);
  if (r.deadline.party === "union") {
    for (const role of ["staff", "executive_director"]) for (const h of await holdersOf(data(store), role, at)) person(h.personId);
  }
  return [...out.values()];
}

/** Who receives each kind of reminder for a case: looked up first, so the writes can be one transaction. */
export interface Audiences {
  steward: Recipient[];
  escalation: Recipient[];
  /** Escalations of the union's own deadlines also reach staff and the executive director. */
  escalationUnion: Recipient[];
}

export async function audiencesFor(store: Store, g: { subLocalCode: string; stewardId: number | null }, at: Date): Promise<Audiences> {
  const probe = (audience: PlannedReminder["audience"], party: Deadline["party"]) =>
    recipientsFor(store, g, { audience, deadline: { party } } as PlannedReminder, at);
  return { steward: await probe("steward", "management"), escalation: await probe("escalation", "management"), escalationUnion: await probe("escalation", "union") };
}

/** Cancels a case's pending reminders and schedules its current plan, as one transaction. Returns how many jobs now stand. */
export async function syncReminders(store: Store, grievanceId: number, now: Date): Promise<number> {
  await ensureDefaults(store);
  const db = data(store);
  const g = await grievanceById(db, grievanceId);
  const who = g ? await audiencesFor(store, g, now) : { steward: [], escalation: [], escalationUnion: [] };
  const holidays = await holidayDates(db);
  return transaction(store, (tx) => writeReminderPlan(tx, store, grievanceId, who, holidays, now));
}

/**
 * Writes a case's reminder plan inside the caller's transaction (with the filing or the change it
 * follows), the steward's weekly digest rule with it. "replace" cancels the case's pending
 * reminders first; "fill" only adds the planned reminders that are missing, leaving those already
 * planned or sent alone. Who receives what (`who`) and the union's `holidays` are read before.
 */
export async function writeReminderPlan(tx: Tx, store: Store, grievanceId: number, who: Audiences, holidays: HolidaySet, now: Date, mode: "replace" | "fill" = "replace"): Promise<number> {
  if (mode === "replace") await cancelJobsIn(tx, { idempotencyKeyPrefix: keyPrefix(grievanceId) });
  const g = await grievanceById(tx, grievanceId);
  if (!g || g.status !== "open") return 0;
  const { deadlines, holidays: counted } = await deadlinesOf(tx, g, holidays);
  let n = 0;
  for (const r of planReminders(g, deadlines, counted, now)) {
    const recipients = r.audience === "steward" ? who.steward : r.deadline.party === "union" ? who.escalationUnion : who.escalation;
    for (const to of recipients) {
      const job = await scheduleJobNowIn(tx, store, {
        kind: "grievance.deadline",
        target: to.target,
        payload: { id: g.id, stepNo: r.deadline.stepNo, deadline: r.deadline.kind, dueDate: r.deadline.dueDate, stage: r.stage },
        dueAt: r.at,
        timeZone: TIME_ZONE,
        idempotencyKey: `${r.key}${to.suffix}`,
        onConflict: mode === "replace" ? "update" : "keep",
      });
      // "replace": how many stand now; "fill": how many were missing.
      if (mode === "replace" || job.created) n++;
    }
  }
  if (g.stewardId) await ensureDigest(tx, store, g.stewardId, now);
  return n;
}

/** Open cases missing a planned reminder (a crash left a plan half-written): no job at all for one of its reminders. */
export async function casesMissingReminders(store: Store, now: Date): Promise<number[]> {
  await ensureDefaults(store);
  const union = await holidayDates(data(store));
  const out: number[] = [];
  const db = data(store);
  for (const g of await openCases(db)) {
    const { deadlines, holidays } = await deadlinesOf(db, g, union);
    const planned = planReminders(g, deadlines, holidays, now).map((r) => r.key);
    if (planned.length === 0) continue;
    const have = (await findJobs(db, { idempotencyKeyPrefix: keyPrefix(g.id), status: ["pending", "claimed", "sent", "parked"], limit: 1000 })).map((j) => j.idempotencyKey ?? "");
    if (planned.some((key) => !have.some((h) => h.startsWith(`${key}:`)))) out.push(g.id);
  }
  return out;
}

/** At start-up: completes every open case's reminder plan that a crash left incomplete. */
export async function repairReminderPlans(store: Store, now: Date): Promise<{ cases: number; reminders: number }> {
  let reminders = 0;
  let cases = 0;
  for (const id of await casesMissingReminders(store, now)) {
    const g = await grievanceById(data(store), id);
    if (!g) continue;
    const who = await audiencesFor(store, g, now);
    const holidays = await holidayDates(data(store));
    // A reminder nobody can receive (no steward, no chief steward, no channel) stays unplanned.
    const added = await transaction(store, (tx) => writeReminderPlan(tx, store, id, who, holidays, now, "fill"));
    reminders += added;
    if (added > 0) cases++;
  }
  return { cases, reminders };
}

/** Each steward with cases gets a weekly digest, Mondays 08:00 Pacific (inside the case's transaction). */
export async function ensureDigest(tx: Tx, store: Store, personId: number, now: Date): Promise<void> {
  await upsertRuleIn(
    tx,
    store,
    {
      kind: "grievance.digest",
      name: `Weekly grievance digest (person ${personId})`,
      cron: "0 8 * * 1",
      timeZone: TIME_ZONE,
      target: { personId },
      payload: { personId },
      idempotencyKey: `grievance-digest:${personId}`,
    },
    now,
  );
}

// ---- Rendering at delivery time ---------------------------------------------------------------

const deadlinePayload = z.object({ id: z.number().int(), stepNo: z.number().int(), deadline: z.enum(["filing", "meeting", "response", "appeal"]), dueDate: z.string(), stage: z.enum(STAGES) });

/** When the reminder after this one for the same deadline is planned (null after the escalation). */
export function nextStageAt(stage: Stage, d: Pick<Deadline, "dueDate" | "dueAt">, holidays: HolidaySet, timeZone = TIME_ZONE): Date | null {
  const at =
    stage === "5"
      ? zonedInstant(addBusinessDays(d.dueDate, -2, holidays), REMINDER_TIME, timeZone)
      : stage === "2"
        ? zonedInstant(d.dueDate, REMINDER_TIME, timeZone)
        : stage === "0"
          ? new Date(d.dueAt.getTime() + 60_000)
          : null;
  // Reminders planned at or after the cut-off are not planned at all: the escalation follows instead.
  if (at && stage !== "0" && at >= d.dueAt) return new Date(d.dueAt.getTime() + 60_000);
  return at;
}

/**
 * What a reminder should say at `now`, which may be long after it was planned (the bot was down):
 * null when a later reminder for the same deadline has fallen due too (that one says it, newer);
 * otherwise the stage as it stands now and the business days left.
 */
export function stageNow(stage: Stage, d: Pick<Deadline, "dueDate" | "dueAt">, holidays: HolidaySet, now: Date, timeZone = TIME_ZONE): { stage: Stage; days: number } | null {
  const next = nextStageAt(stage, d, holidays, timeZone);
  if (next && next <= now) return null;
  const today = localDate(now, timeZone);
  if (now.getTime() > d.dueAt.getTime()) return { stage: "overdue", days: 0 };
  if (today >= d.dueDate) return { stage: "0", days: 0 };
  return { stage, days: businessDaysBetween(today, d.dueDate, holidays) };
}

/** The reminder as it reads when it is delivered; null when it no longer applies (met, extended, closed, superseded). */
export async function renderDeadlineReminder(ctx: Pick<JobCtx, "store" | "t" | "clock" | "fmt">, planned: z.infer<typeof deadlinePayload>): Promise<Reply | null> {
  await ensureDefaults(ctx.store);
  const db = data(ctx.store);
  const g = await grievanceById(db, planned.id);
  if (!g || g.status !== "open" || g.stepNo !== planned.stepNo) return null;
  const { deadlines, holidays } = await deadlinesOf(db, g, await holidayDates(db));
  const d = deadlines.find((x) => x.kind === planned.deadline && x.stepNo === planned.stepNo);
  if (!d || d.state !== "open" || d.dueDate !== planned.dueDate) return null;
  const current = stageNow(planned.stage, d, holidays, ctx.clock.now());
  if (!current) return null;
  const p = { ...planned, stage: current.stage };
  const t = ctx.t;
  const step = t(`grievance.steps.${["informal", "step1", "step2", "step3", "arbitration"][d.stepNo]}`);
  // The contract's next step (a step it doesn't have is skipped).
  const next = t(`grievance.steps.${["informal", "step1", "step2", "step3", "arbitration"][d.toStep ?? Math.min(d.stepNo + 1, LAST_STEP)]}`);
  const what = t(`grievance.deadline.short.${d.kind}`);
  const vars = { ref: g.ref, what, step, next, date: fmtDate(d.dueDate, ctx.fmt), days: current.days };
  const who = d.kind === "meeting" ? "Meeting" : "Management";
  const text =
    p.stage === "overdue"
      ? t(d.party === "union" ? "grievance.reminder.overdueUnion" : `grievance.reminder.overdue${who}`, vars)
      : p.stage === "0"
        ? t(d.party === "union" ? "grievance.reminder.todayUnion" : `grievance.reminder.today${who}`, vars)
        : t(d.party === "union" ? "grievance.reminder.beforeUnion" : `grievance.reminder.before${who}`, vars);
  const buttons = [{ label: t("grievance.buttons.show"), action: "grievance.act", payload: { id: g.id, op: "show" } }];
  if (d.kind === "response" && !g.responseReceivedOn) buttons.push({ label: t("grievance.buttons.respond"), action: "grievance.act", payload: { id: g.id, op: "respond" } });
  if (d.kind === "appeal" && p.stage !== "overdue") buttons.push({ label: t("grievance.buttons.advance"), action: "grievance.act", payload: { id: g.id, op: "advance" } });
  buttons.push({ label: t("grievance.buttons.extend"), action: "grievance.act", payload: { id: g.id, op: "extend" } });
  return { visibility: "channel", blocks: [reply.text(text), reply.context(t("grievance.reminder.noNames")), reply.buttons(...buttons)] };
}

/** The weekly digest for one steward: open cases and the coming week's deadlines. Reference numbers only. */
export async function renderDigest(ctx: Pick<JobCtx, "store" | "t" | "clock" | "fmt">, personId: number): Promise<Reply | null> {
  await ensureDefaults(ctx.store);
  const db = data(ctx.store);
  const cases = await listCases(db, { scope: null, stewardId: personId, status: "open", limit: 500 });
  if (cases.length === 0) return null;
  const holidays = await holidayDates(db);
  const today = localDate(ctx.clock.now(), TIME_ZONE);
  const weekEnd = addDays(today, 7);
  const coming: { text: string; due: string }[] = [];
  for (const g of cases) {
    const { rules, extensions } = await deadlinesOf(db, g, holidays);
    for (const d of caseDeadlines({ ...g }, rules, holidays, extensions))
      if (d.state === "open" && d.dueDate <= weekEnd)
        coming.push({ text: `${d.dueDate < today ? "🚨 " : ""}${fmtDate(d.dueDate, ctx.fmt)} — ${g.ref}: ${ctx.t(`grievance.deadline.short.${d.kind}`)}`, due: d.dueDate });
  }
  coming.sort((a, b) => a.due.localeCompare(b.due));
  return {
    visibility: "private",
    blocks: [
      reply.text(ctx.t("grievance.digest.title", { count: cases.length })),
      reply.list(ctx.t("grievance.digest.coming"), coming.map((c) => ({ text: c.text })), ctx.t("grievance.digest.none")),
      reply.context(ctx.t("grievance.digest.hint")),
    ],
  };
}

export const deadlineJob = defineJobKind({
  kind: "grievance.deadline",
  render: (ctx, payload: unknown) => {
    const p = deadlinePayload.safeParse(payload);
    return p.success ? renderDeadlineReminder(ctx, p.data) : null;
  },
});

export const digestJob = defineJobKind({
  kind: "grievance.digest",
  render: (ctx, payload: unknown) => {
    const p = z.object({ personId: z.number().int() }).safeParse(payload);
    return p.success ? renderDigest(ctx, p.data.personId) : null;
  },
});
