// `/unionhall remind <when> <where> <message>` and the plain reminder job kind
// (`unionhall.reminder`) with its Snooze 1 day / Mark done / Cancel buttons. Reminders are
// durable jobs (db/jobs.ts): they survive restarts and are delivered once by bot/scheduler.
import { z } from "zod";
import { cancelJobIn, getJob, JobInputError, scheduleJobNowIn, type JobPlatform, type JobTarget } from "../../db/jobs.ts";
import { arg } from "../core/args.ts";
import { defineAction, defineCommand, type LinkedCtx } from "../core/command.ts";
import { userError } from "../core/errors.ts";
import { defineJobKind } from "../core/jobs.ts";
import { readerOfDelivery } from "../core/notice.ts";
import { reply, type Block, type Reply } from "../core/reply.ts";
import { isStaff, type Role } from "../core/roles.ts";
import { tokenize } from "../core/text.ts";
import { requirePostable } from "../core/channels.ts";
import { botMention } from "../core/mention.ts";
import { formatIn, formatWhen, parseWhen, unionTimeZone } from "./when.ts";

export const REMINDER_KIND = "unionhall.reminder";
export const MAX_REMINDER_LENGTH = 1000;

/** Who may post a reminder into a channel. Self-reminders are open to every linked member. */
export const CHANNEL_REMINDER_ROLES: readonly Role[] = [
  "steward",
  "chief_steward",
  "sublocal_officer",
  "board_director",
  "staff",
  "executive_director",
  "statewide_president",
];

const reminderPayload = z.object({
  text: z.string().min(1).max(MAX_REMINDER_LENGTH),
  /** Chat user id of whoever set it, on the platform it is delivered to (for "Set by"). */
  byUser: z.string().nullable().optional(),
  snoozedFrom: z.string().nullable().optional(),
});
export type ReminderPayload = z.infer<typeof reminderPayload>;

type Where = { kind: "me" } | { kind: "channel"; channelId: string; label: string };

const platforms: readonly string[] = ["slack", "discord", "web"];

/** "me", "here", "#stewards", "<#C123|stewards>", "<#1234567>" → where; null if unreadable. */
export function parseWhere(raw: string, here: string | undefined): Where | { kind: "here-missing" } | null {
  const s = raw.trim();
  if (/^(@?me|myself|dm)$/i.test(s)) return { kind: "me" };
  if (/^here$/i.test(s)) return here ? { kind: "channel", channelId: here, label: `#${here}` } : { kind: "here-missing" };
  const m = /^<#([A-Za-z0-9]+)(?:\|([^>]*))?>$/.exec(s);
  if (m) return { kind: "channel", channelId: m[1]!, label: `#${m[2] ?? m[1]}` };
  const n = /^#([a-z0-9][a-z0-9_-]{0,79})$/i.exec(s);
  if (n) return { kind: "channel", channelId: n[1]!.toLowerCase(), label: `#${n[1]!.toLowerCase()}` };
  return null;
}

/** How to mention a chat user in a message on that platform. */
export function mention(platform: string, userId: string): string {
  return botMention(platform, "user", userId);
}

interface Request {
  when: string;
  where: string;
  message: string;
}

/**
 * The three arguments as typed. Without quotes, "in 2 hours #stewards Bring the sheets" arrives
 * as when="in", where="2", message="hours #stewards …": re-split at the first word that reads as
 * a place, so people need not quote the time.
 */
function resplit(args: Request, here: string | undefined): Request {
  if (parseWhere(args.where, here) !== null) return args;
  const words = tokenize(`${args.when} ${args.where} ${args.message}`);
  for (let i = 1; i < words.length; i++) {
    if (parseWhere(words[i]!, here) !== null) return { when: words.slice(0, i).join(" "), where: words[i]!, message: words.slice(i + 1).join(" ") };
  }
  return args;
}

export const remind = defineCommand({
  path: ["unionhall", "remind"],
  description: "unionhall.remind.description",
  args: {
    when: arg.string("unionhall.remind.argWhen", { maxLength: 60 }),
    where: arg.string("unionhall.remind.argWhere", { maxLength: 120 }),
    message: arg.string("unionhall.remind.argMessage", { maxLength: 4000, rest: true }),
  },
  access: { linked: true },
  examples: ["unionhall.remind.example1", "unionhall.remind.example2"],
  async run(ctx, args) {
    const { t } = ctx;
    if (!platforms.includes(ctx.platform)) throw userError.invalid("unionhall.remind.noPlatform");
    const platform = ctx.platform as JobPlatform;
    const req = resplit(args, ctx.actor.channelId);
    const where = parseWhere(req.where, ctx.actor.channelId);
    if (where === null) throw userError.invalid("unionhall.remind.badWhere", { where: req.where });
    if (where.kind === "here-missing") throw userError.invalid("unionhall.remind.noChannelHere");
    // Discord posts to channel ids only: a typed #name cannot be delivered there.
    if (where.kind === "channel" && platform === "discord" && !/^\d+$/.test(where.channelId)) throw userError.invalid("unionhall.remind.channelMention", { where: req.where });
    const tz = unionTimeZone();
    const now = ctx.clock.now();
    const when = parseWhen(req.when, now, tz);
    if (!when.ok) {
      if (when.problem === "unreadable") throw userError.invalid("unionhall.remind.badWhen", { when: req.when });
      const at = parseWhenLoose(req.when, tz, ctx.locale);
      throw userError.invalid(`unionhall.remind.${when.problem}`, { when: at ?? req.when, zone: tz });
    }
    const text = req.message.trim();
    if (!text) throw userError.invalid("unionhall.remind.emptyMessage");
    if (text.length > MAX_REMINDER_LENGTH) throw userError.invalid("unionhall.remind.messageTooLong", { length: text.length, max: MAX_REMINDER_LENGTH });
    if (where.kind === "channel" && !ctx.roles.some((r) => CHANNEL_REMINDER_ROLES.includes(r.role)))
      throw userError.notAllowed("unionhall.remind.channelNotAllowed");
    if (where.kind === "channel") await requirePostable(ctx, where.channelId, where.label);

    const target: JobTarget =
      where.kind === "me"
        ? { personId: ctx.person.id, platform }
        : { platform, workspaceId: ctx.actor.workspaceId, channelId: where.channelId };
    const payload: ReminderPayload = { text, byUser: where.kind === "channel" ? ctx.actor.userId : null };
    let id: number;
    try {
      // The reminder and its audit entry commit with this delivery's claim: a retry never schedules it twice.
      ({ id } = await ctx.commitAsync(async (tx) => {
        const made = await scheduleJobNowIn(tx, ctx.store, { kind: REMINDER_KIND, target, payload, dueAt: when.at, timeZone: tz, createdById: ctx.person.id });
        await ctx.auditIn(tx, "reminder.schedule", { type: "job", id: made.id }, { to: where.kind, dueAt: when.at.toISOString() });
        return made;
      }));
    } catch (e) {
      if (e instanceof JobInputError) throw userError.invalid("unionhall.remind.badWhere", { where: req.where });
      throw e;
    }
    const span = formatIn(when.at.getTime() - now.getTime());
    return reply.private(
      reply.text(
        // Reminding the caller themselves reads as its own sentence (i18next context "me").
        t("unionhall.remind.confirmed", {
          context: where.kind === "me" ? "me" : undefined,
          where: where.kind === "me" ? undefined : where.label,
          at: formatWhen(when.at, tz, ctx.locale),
          in: t(`unionhall.remind.in.${span.key}`, { count: span.count }),
        }),
      ),
      reply.context(t("unionhall.remind.confirmedNote", { id, text: text.length > 80 ? `${text.slice(0, 79)}…` : text })),
      reply.buttons({ label: t("unionhall.remind.cancel"), action: "unionhall.reminder.cancel", payload: { jobId: id }, style: "danger", once: true }),
    );
  },
});

/** For "past" messages: the time as understood, if the text names a date at all. */
function parseWhenLoose(text: string, tz: string, locale: string): string | null {
  const far = parseWhen(text, new Date(0), tz);
  return far.ok ? formatWhen(far.at, tz, locale) : null;
}

// ---- The job kind ------------------------------------------------------------------------------

function card(t: LinkedCtx["t"] | ((k: string, v?: Record<string, unknown>) => string), p: ReminderPayload, extra: Block[]): Block[] {
  return [reply.section(t("unionhall.remind.card.title"), [], p.text), ...extra];
}

export const reminderJob = defineJobKind<unknown>({
  kind: REMINDER_KIND,
  render(ctx, raw) {
    const parsed = reminderPayload.safeParse(raw);
    if (!parsed.success) throw new Error("reminder payload is malformed");
    const p = parsed.data;
    const { t, job } = ctx;
    const notes: Block[] = [];
    if (p.byUser && job.platform !== "any") notes.push(reply.context(t("unionhall.remind.card.setBy", { who: mention(job.platform, p.byUser) })));
    if (p.snoozedFrom) notes.push(reply.context(t("unionhall.remind.card.snoozedFrom", { at: formatWhen(new Date(p.snoozedFrom), job.timeZone, ctx.locale) })));
    const group = `reminder:${job.id}`;
    const out: Reply = reply.channel(
      ...card(t, p, notes),
      reply.buttons(
        { label: t("unionhall.remind.card.snooze"), action: "unionhall.reminder.snooze", payload: { jobId: job.id }, once: true, group },
        { label: t("unionhall.remind.card.done"), action: "unionhall.reminder.done", payload: { jobId: job.id }, style: "primary", once: true, group },
      ),
    );
    return out;
  },
});

const jobRef = z.object({ jobId: z.number().int().positive() });

/** Who reads the reminder card a click edits: whoever it was delivered to (a channel, a person), never the clicker. */
const cardReader = (ctx: LinkedCtx, job: NonNullable<Awaited<ReturnType<typeof getJob>>>) => readerOfDelivery(ctx, job);

async function loadReminder(ctx: LinkedCtx, jobId: number) {
  const job = await getJob(ctx.store, jobId);
  if (!job || job.kind !== REMINDER_KIND) throw userError.notFound("unionhall.remind.missing");
  const p = reminderPayload.safeParse(JSON.parse(job.payload));
  if (!p.success) throw userError.notFound("unionhall.remind.missing");
  return { job, payload: p.data };
}

export const snoozeAction = defineAction({
  id: "unionhall.reminder.snooze",
  payload: jobRef,
  access: { linked: true },
  async run(ctx, { jobId }) {
    const { job, payload } = await loadReminder(ctx, jobId);
    const at = new Date(ctx.clock.now().getTime() + 86_400_000);
    const target: JobTarget =
      job.personId !== null
        ? { personId: job.personId, ...(job.platform === "any" ? {} : { platform: job.platform as JobPlatform }) }
        : { platform: job.platform as JobPlatform, workspaceId: job.workspaceId, channelId: job.channelId, userId: job.userId };
    const { id } = await ctx.commitAsync(async (tx) => {
      const made = await scheduleJobNowIn(tx, ctx.store, {
        kind: REMINDER_KIND,
        target,
        payload: { ...payload, snoozedFrom: job.dueAt.toISOString() },
        dueAt: at,
        timeZone: job.timeZone,
        idempotencyKey: `unionhall.reminder.snooze:${job.id}`,
        createdById: ctx.person.id,
      });
      await ctx.auditIn(tx, "reminder.snooze", { type: "job", id: job.id }, { newJobId: made.id });
      return made;
    });
    const who = mention(ctx.platform, ctx.actor.userId);
    const r = await cardReader(ctx, job);
    return { ...reply.channel(...card(r.t, payload, [reply.context(r.t("unionhall.remind.card.snoozed", { who, at: formatWhen(at, job.timeZone, r.locale) }))])), update: true };
  },
});

export const doneAction = defineAction({
  id: "unionhall.reminder.done",
  payload: jobRef,
  access: { linked: true },
  async run(ctx, { jobId }) {
    const { job, payload } = await loadReminder(ctx, jobId);
    await ctx.audit("reminder.done", { type: "job", id: job.id });
    const who = mention(ctx.platform, ctx.actor.userId);
    const r = await cardReader(ctx, job);
    return { ...reply.channel(...card(r.t, payload, [reply.context(r.t("unionhall.remind.card.markedDone", { who }))])), update: true };
  },
});

export const cancelReminderAction = defineAction({
  id: "unionhall.reminder.cancel",
  payload: jobRef,
  access: { linked: true },
  async run(ctx, { jobId }) {
    const { job } = await loadReminder(ctx, jobId);
    if (job.createdById !== ctx.person.id && !isStaff(ctx.roles)) throw userError.notAllowed("unionhall.remind.notYours", { id: jobId });
    const cancelled = await ctx.commitAsync(async (tx) => {
      if (!(await cancelJobIn(tx, jobId))) return false;
      await ctx.auditIn(tx, "reminder.cancel", { type: "job", id: jobId });
      return true;
    });
    if (!cancelled) throw userError.conflict("unionhall.remind.notCancellable", { id: jobId });
    return { ...reply.private(reply.text(ctx.t("unionhall.remind.cancelled", { id: jobId }))), update: true };
  },
});

export const reminderActions = [snoozeAction, doneAction, cancelReminderAction];
