// The messages the scheduler delivers for events: the announcement (with the RSVP buttons), the
// reminders, a place freed up, the organiser's update, a cancellation, the check-in list. Each
// checks the event as it is now, so a reminder for a cancelled event or a person no longer coming
// is dropped instead of sent.
import { data } from "../../db/data.ts";
import { counts, eventById, rsvpOf, seriesDates, type EventRow } from "../../db/events.ts";
import { defineJobKind, type JobCtx } from "../core/jobs.ts";
import { reply, type Reply } from "../core/reply.ts";
import { answerButtons, answersFor, answersText, eventBlocks, rsvpButtons, whenText } from "./render.ts";
import { checkinBlocks } from "./organise.ts";

type P = { eventId: number };

/**
 * The announcement as it stands: current counts and buttons while answers are open; after a
 * cancel, no buttons. A channel is no one entitled to the answers: its counts are released.
 */
async function announcement(ctx: JobCtx, e: EventRow): Promise<Reply> {
  if (e.seriesId !== null) return seriesAnnouncement(ctx, e);
  const blocks = [reply.text(`📣 ${ctx.t("event.announce.title")}`), ...eventBlocks(ctx.t, ctx.fmt, e, { answers: answersFor(await counts(data(ctx.store), e.id), false) })];
  if (e.status === "cancelled") return reply.channel(...blocks, reply.text(`❌ ${ctx.t("event.show.cancelled")}`));
  if (ctx.clock.now() < new Date(e.endsAt)) blocks.push(rsvpButtons(ctx.t, e.id));
  return reply.channel(...blocks, reply.context(ctx.t("event.announce.hint", { id: e.id })));
}

/** Dates listed on a series' announcement; the rest are in /event list. */
const DATES_SHOWN = 6;

/**
 * A series is announced once: the next date still on, with the answer buttons for that date and
 * for every date, and each upcoming date with its own counts (released: a channel is no one
 * entitled to the answers).
 */
async function seriesAnnouncement(ctx: JobCtx, head: EventRow): Promise<Reply> {
  const db = data(ctx.store);
  const now = ctx.clock.now();
  const dates = await seriesDates(db, head);
  const open = dates.filter((d) => d.status === "scheduled" && now < new Date(d.endsAt));
  const next = open[0] ?? head;
  const blocks = [reply.text(`📣 ${ctx.t("event.announce.title")}`), ...eventBlocks(ctx.t, ctx.fmt, { ...next, repeat: head.repeat }, { answers: answersFor(await counts(db, next.id), false) })];
  if (open.length === 0) {
    const cancelled = dates.every((d) => d.status === "cancelled");
    return reply.channel(...blocks, ...(cancelled ? [reply.text(`❌ ${ctx.t("event.series.allCancelled")}`)] : []));
  }
  const shown = [];
  for (const d of open.slice(0, DATES_SHOWN)) shown.push({ text: whenText(ctx.fmt, d), detail: answersText(ctx.t, ctx.fmt, answersFor(await counts(db, d.id), false)) });
  blocks.push(reply.list(ctx.t("event.series.datesTitle"), shown));
  if (open.length > DATES_SHOWN) blocks.push(reply.context(ctx.t("event.series.moreDates", { count: open.length - DATES_SHOWN })));
  blocks.push(...answerButtons(ctx.t, ctx.fmt, next));
  return reply.channel(...blocks, reply.context(ctx.t("event.series.hint", { id: next.id })));
}

export const announceJob = defineJobKind<P>({
  kind: "event.announce",
  async render(ctx, p) {
    const e = await eventById(data(ctx.store), p.eventId);
    if (!e || e.status !== "scheduled" || new Date(e.startsAt) <= ctx.clock.now()) return null;
    return announcement(ctx, e);
  },
});

/** The announcement edited in place with the counts as they are now (or as cancelled). */
export const refreshJob = defineJobKind<P & { messageId: string }>({
  kind: "event.refresh",
  async render(ctx, p) {
    const e = await eventById(data(ctx.store), p.eventId);
    if (!e) return null;
    return { ...(await announcement(ctx, e)), replaces: p.messageId };
  },
});

/** The channel that had the announcement is told the event is cancelled. */
export const channelCancelledJob = defineJobKind<P & { series?: boolean }>({
  kind: "event.channel_cancelled",
  async render(ctx, p) {
    const e = await eventById(data(ctx.store), p.eventId);
    if (!e || e.status !== "cancelled") return null;
    return reply.channel(reply.text(`❌ ${ctx.t(p.series ? "event.series.cancelledFrom" : "event.cancel.notice", { title: e.title, when: ctx.fmt.dateTime(new Date(e.startsAt)) })}`));
  },
});

/**
 * A reminder names the start it was scheduled for: one for a time the event has since moved from
 * is dropped (the move scheduled the reminders of the new time), never sent with the wrong "tomorrow".
 */
export const reminderJob = defineJobKind<P & { which: "day" | "hour"; startsAt?: string }>({
  kind: "event.reminder",
  async render(ctx, p) {
    const e = await eventById(data(ctx.store), p.eventId);
    const mine = e && ctx.job.personId !== null ? await rsvpOf(data(ctx.store), e.id, ctx.job.personId) : undefined;
    if (!e || e.status !== "scheduled" || !mine || (mine.status !== "going" && mine.status !== "maybe")) return null;
    if (p.startsAt !== undefined && new Date(p.startsAt).getTime() !== new Date(e.startsAt).getTime()) return null;
    return reply.private(reply.text(`⏰ ${ctx.t(p.which === "day" ? "event.remind.day" : "event.remind.hour", { title: e.title })}`), ...eventBlocks(ctx.t, ctx.fmt, e), ...answerButtons(ctx.t, ctx.fmt, e, { thisDateOnly: true }));
  },
});

export const promotedJob = defineJobKind<P>({
  kind: "event.promoted",
  async render(ctx, p) {
    const e = await eventById(data(ctx.store), p.eventId);
    const mine = e && ctx.job.personId !== null ? await rsvpOf(data(ctx.store), e.id, ctx.job.personId) : undefined;
    if (!e || e.status !== "scheduled" || mine?.status !== "going") return null;
    return reply.private(reply.text(`🎉 ${ctx.t("event.promoted", { title: e.title })}`), ...eventBlocks(ctx.t, ctx.fmt, e), ...answerButtons(ctx.t, ctx.fmt, e, { thisDateOnly: true }));
  },
});

export const messageJob = defineJobKind<P & { text: string }>({
  kind: "event.message",
  async render(ctx, p) {
    const e = await eventById(data(ctx.store), p.eventId);
    if (!e) return null;
    return reply.private(reply.section(`✉️ ${ctx.t("event.message.title", { title: e.title })}`, [], p.text), reply.context(ctx.t("event.number", { id: e.id })));
  },
});

export const cancelledJob = defineJobKind<P>({
  kind: "event.cancelled",
  async render(ctx, p) {
    const e = await eventById(data(ctx.store), p.eventId);
    if (!e) return null;
    return reply.private(reply.text(`❌ ${ctx.t("event.cancel.notice", { title: e.title, when: ctx.fmt.dateTime(new Date(e.startsAt)) })}`));
  },
});

export const checkinJob = defineJobKind<P>({
  kind: "event.checkin",
  async render(ctx, p) {
    const e = await eventById(data(ctx.store), p.eventId);
    if (!e || e.status !== "scheduled") return null;
    return reply.private(...(await checkinBlocks(data(ctx.store), ctx.t, e)));
  },
});

export const eventJobs = [announceJob, refreshJob, channelCancelledJob, reminderJob, promotedJob, messageJob, cancelledJob, checkinJob];
