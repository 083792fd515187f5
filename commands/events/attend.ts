// Going / Maybe / Can't, `/event list` and `/event show ID`.
import { z } from "zod";
import { answer, answerDates, attendees, audienceOf, counts, eventById, mayAttend, restOfSeries, rsvpOf, seriesDates, subLocalAudience, upcomingFor, type Answer, type EventRow } from "../../db/events.ts";
import { displayName } from "../../db/people.ts";
import { arg } from "../core/args.ts";
import { defineAction, defineCommand, type LinkedCtx } from "../core/command.ts";
import { userError } from "../core/errors.ts";
import { reply, type Block, type Reply } from "../core/reply.ts";
import { answerButtons, answersFor, answersText, dayLabel, eventBlocks, whenText } from "./render.ts";
import { readInstant } from "./when.ts";
import { answerOpen, mayChange, mayManage, organisedScopes } from "./rules.ts";

/** The sub-local an event is for (what it belongs to), when its audience is a sub-local. */
export const eventSubLocal = async (ctx: LinkedCtx, e: EventRow) => (e.audienceType === "sublocal" && e.audienceId ? subLocalAudience(ctx.db, e.audienceId) : undefined);

/**
 * The event, if it exists and the caller may see it: its audience, and whoever may change it (its
 * organiser, staff, an officer or board director over its audience: a director who may create an
 * event for a sub-local in their area also sees and may answer that sub-local's events).
 */
export async function visibleEvent(ctx: LinkedCtx, id: number): Promise<EventRow> {
  const e = await eventById(ctx.db, id);
  if (!e || !(mayAttend(e, await audienceOf(ctx.db, ctx.person.id)) || mayChange(ctx.roles, ctx.person.id, e, await eventSubLocal(ctx, e)))) throw userError.notFound("event.notFound", { id });
  return e;
}

const ANSWERS = ["going", "maybe", "cant"] as const;

/**
 * Records one answer and says exactly what it was for: this event; for a date of a series, that
 * date only (and how to answer for every date); with `every`, each date from this one on that is
 * still open, with the dates that were full (waiting list) named.
 */
async function answerFor(ctx: LinkedCtx, e: EventRow, want: Answer, every: boolean): Promise<Reply> {
  const now = ctx.clock.now();
  if (e.status !== "scheduled") throw userError.invalid("event.rsvp.cancelled", { title: e.title });
  if (every && e.seriesId !== null) {
    const dates: EventRow[] = [];
    for (const id of await restOfSeries(ctx.db, e)) {
      const d = (await eventById(ctx.db, id))!;
      if (answerOpen(d, want, now)) dates.push(d);
    }
    if (dates.length === 0) throw userError.invalid("event.rsvp.closed", { title: e.title });
    // The answers and their audit entry commit together (one write to the database, not two).
    const rs = await ctx.commitAsync(async (tx) => {
      const rs = await answerDates(tx, ctx.store, dates, ctx.person.id, want, now, ctx.fmt.timeZone);
      await ctx.auditIn(tx, "event.rsvp", { type: "event", id: e.id }, { series: e.seriesId, dates: rs.length, status: want, waitlist: rs.filter((r) => r.status === "waitlist").length, promotedIds: rs.flatMap((r) => (r.promotedId ? [r.promotedId] : [])) });
      return rs;
    });
    const lines = [ctx.t(`event.series.answered.${want}`, { title: e.title, count: rs.length, from: ctx.fmt.dateTime(new Date(dates[0]!.startsAt)) })];
    const full = rs.filter((r) => r.status === "waitlist");
    if (full.length) lines.push(ctx.t("event.series.waitlisted", { count: full.length, days: ctx.fmt.list(full.map((r) => dayLabel(ctx.fmt, r.startsAt))) }));
    return reply.private(reply.text(lines.join("\n")), ...(want !== "cant" ? [reply.context(ctx.t("event.rsvp.remindersNote", { id: e.id }))] : []));
  }
  if (!answerOpen(e, want, now)) throw userError.invalid("event.rsvp.closed", { title: e.title });
  // A burst of clicks after an announcement: each answer and its audit entry are one commit.
  const r = await ctx.commitAsync(async (tx) => {
    const r = await answer(tx, ctx.store, e, ctx.person.id, want, now, ctx.fmt.timeZone);
    if (r.changed) await ctx.auditIn(tx, "event.rsvp", { type: "event", id: e.id }, { status: r.status, promotedId: r.promotedId });
    return r;
  });
  const key = r.changed ? `event.rsvp.now.${r.status}` : `event.rsvp.already.${r.status}`;
  const notes: Block[] = [];
  // A date of a series: the answer is for this date only, and the reply says so.
  if (e.seriesId !== null) notes.push(reply.context(ctx.t("event.series.thisDateOnly", { when: ctx.fmt.dateTime(new Date(e.startsAt)), id: e.id, answer: want })));
  if (r.status === "going" || r.status === "maybe") notes.push(reply.context(ctx.t("event.rsvp.remindersNote", { id: e.id })));
  return reply.private(reply.text(ctx.t(key, { title: e.title })), ...notes);
}

export const rsvpAction = defineAction({
  id: "event.rsvp",
  payload: z.object({ eventId: z.number().int().positive(), answer: z.enum(ANSWERS), every: z.boolean().optional() }),
  access: { linked: true },
  run: async (ctx, p) => answerFor(ctx, await visibleEvent(ctx, p.eventId), p.answer, p.every === true),
});

/**
 * `/event rsvp ID going|maybe|cant [all|DATE]`: the answer for that event; for a series, `all`
 * answers for every date from this one on, and a date (`12/10`, `Dec 10`, `2026-12-10`) picks
 * that date of the series.
 */
export const rsvpCommand = defineCommand({
  path: ["event", "rsvp"],
  description: "event.rsvp.description",
  args: {
    id: arg.integer("event.argId", { min: 1 }),
    answer: arg.choice("event.rsvp.argAnswer", ANSWERS, "event.answer"),
    which: arg.optional(arg.string("event.rsvp.argWhich", { rest: true, maxLength: 40 })),
  },
  access: { linked: true },
  async run(ctx, { id, answer: want, which }): Promise<Reply> {
    const e = await visibleEvent(ctx, id);
    const w = which?.trim() ?? "";
    if (!w) return answerFor(ctx, e, want, false);
    if (/^(all|every|todas?|tất cả|全部|все)$/iu.test(w)) {
      if (e.seriesId === null) throw userError.invalid("event.series.notSeries", { id: e.id });
      return answerFor(ctx, e, want, true);
    }
    const day = readInstant(w, { timeZone: ctx.fmt.timeZone, now: ctx.clock.now(), locale: ctx.locale });
    if ("problem" in day) throw userError.invalid("event.series.badDate", { text: w, id: e.id });
    const dates = await seriesDates(ctx.db, e);
    const hit = dates.find((d) => ctx.fmt.localDay(new Date(d.startsAt)) === ctx.fmt.localDay(day));
    if (!hit) {
      const upcoming = dates.filter((d) => d.status === "scheduled" && new Date(d.endsAt) > ctx.clock.now()).slice(0, 6);
      throw userError.invalid("event.series.noSuchDate", { title: e.title, day: ctx.fmt.date(day), days: ctx.fmt.list(upcoming.map((d) => dayLabel(ctx.fmt, d.startsAt))) || "—" });
    }
    return answerFor(ctx, hit, want, false);
  },
});

/** Dates on one page of `/event list`. */
export const LIST_PAGE = 10;
/** The most upcoming dates `/event list` pages through (a year of a weekly event and more). */
const LIST_MOST = 500;

/**
 * `/event list`, one page: every upcoming date the person may attend or organises for, soonest
 * first; each date of a repeating event on its own line with its own answer counts, exact for who
 * may see the answers themselves and released for everyone else (as /event show shows them).
 */
async function listPage(ctx: LinkedCtx, page: number): Promise<Block[]> {
  const rows = await upcomingFor(ctx.db, ctx.person.id, await audienceOf(ctx.db, ctx.person.id), ctx.clock.now(), LIST_MOST, organisedScopes(ctx.roles));
  const pages = Math.max(1, Math.ceil(rows.length / LIST_PAGE));
  const p = Math.min(Math.max(1, page), pages);
  const from = (p - 1) * LIST_PAGE;
  const shown = rows.slice(from, from + LIST_PAGE);
  const items = [];
  for (const e of shown) {
    const answers = answersText(ctx.t, ctx.fmt, answersFor(await counts(ctx.db, e.id), mayManage(ctx.roles, ctx.person.id, e)));
    items.push({ text: `#${e.id} ${e.title}${e.seriesId !== null ? " 🔁" : ""}`, detail: `${whenText(ctx.fmt, e)} · ${answers} · ${ctx.t(`event.mine.${e.mine ?? "none"}`)}` });
  }
  const title = rows.length > LIST_PAGE ? ctx.t("event.list.showing", { from: from + 1, to: from + shown.length, count: rows.length }) : ctx.t("event.list.title");
  const blocks: Block[] = [reply.list(title, items, ctx.t("event.list.none"))];
  if (shown.some((e) => e.seriesId !== null)) blocks.push(reply.context(ctx.t("event.list.seriesNote")));
  if (pages > 1) {
    const nav = [];
    if (p > 1) nav.push({ label: ctx.t("event.list.previous"), action: "event.list.page", payload: { page: p - 1 } });
    if (p < pages) nav.push({ label: ctx.t("event.list.next", { count: Math.min(LIST_PAGE, rows.length - from - shown.length) }), action: "event.list.page", payload: { page: p + 1 } });
    blocks.push(reply.buttons(...nav), reply.context(`${ctx.t("event.list.pageOf", { page: p, pages })} ${ctx.t("event.list.hint")}`));
  } else blocks.push(reply.context(ctx.t("event.list.hint")));
  return blocks;
}

export const listCommand = defineCommand({
  path: ["event", "list"],
  description: "event.list.description",
  args: {},
  access: { linked: true },
  run: async (ctx): Promise<Reply> => reply.private(...(await listPage(ctx, 1))),
});

/** "Next 10" / "Previous": the list at another page, in place of the one clicked (read afresh). */
export const listPageAction = defineAction({
  id: "event.list.page",
  payload: z.object({ page: z.number().int().min(1).max(1_000) }),
  access: { linked: true },
  run: async (ctx, p): Promise<Reply> => ({ ...reply.private(...(await listPage(ctx, p.page))), update: true }),
});

export const showCommand = defineCommand({
  path: ["event", "show"],
  description: "event.show.description",
  args: { id: arg.integer("event.argId", { min: 1 }) },
  access: { linked: true },
  async run(ctx, { id }): Promise<Reply> {
    const e = await visibleEvent(ctx, id);
    const manage = mayManage(ctx.roles, ctx.person.id, e);
    const c = await counts(ctx.db, e.id);
    // Who may see the answers themselves sees exact counts; the rest of the audience released ones.
    const blocks: Block[] = eventBlocks(ctx.t, ctx.fmt, e, { answers: answersFor(c, manage), showCode: manage ? e.checkinCode : undefined });
    if (e.status === "cancelled") blocks.push(reply.text(`❌ ${ctx.t("event.show.cancelled")}`));
    const mine = await rsvpOf(ctx.db, e.id, ctx.person.id);
    blocks.push(reply.context(ctx.t(`event.mine.${mine?.status ?? "none"}`)));
    const now = ctx.clock.now();
    if (manage && now >= new Date(e.startsAt)) {
      const wentOrCame = c.attended;
      blocks.push(reply.section(ctx.t("event.turnout.title"), [
        { label: ctx.t("event.turnout.said"), value: ctx.fmt.number(c.going) },
        { label: ctx.t("event.turnout.came"), value: ctx.fmt.number(wentOrCame) },
        { label: ctx.t("event.turnout.rate"), value: c.going ? ctx.fmt.percent(Math.min(1, wentOrCame / c.going), 0) : "—" },
      ]));
    }
    if (manage) {
      const people = await attendees(ctx.db, e.id);
      await ctx.audit("event.attendees.view", { type: "event", id: e.id }, { count: people.length });
      blocks.push(reply.list(ctx.t("event.show.who"), people.map((p) => ({ text: displayName(p), detail: ctx.t(`event.answer.${p.status}`) + (p.attendedAt ? ` · ✅ ${ctx.t("event.checkin.present")}` : "") })), ctx.t("event.show.nobody")));
    }
    if (e.status === "scheduled" && now < new Date(e.endsAt)) blocks.push(...answerButtons(ctx.t, ctx.fmt, e));
    blocks.push(reply.buttons({ label: ctx.t("event.ics.button"), action: "event.ics", payload: { eventId: e.id } }));
    return reply.private(...blocks);
  },
});
