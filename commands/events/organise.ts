// The organiser's tools: `/event message ID TEXT`, `/event cancel ID`, the check-in list with
// Present buttons (`/event checkin ID`), and attendees checking themselves in with the code
// shown at the event (`/event here ID CODE`).
import { z } from "zod";
import { attendees, cancelEvent, checkIn, eventById, messageAttendees, restOfSeries, rsvpOf, type EventRow } from "../../db/events.ts";
import { displayName, personById } from "../../db/people.ts";
import { arg } from "../core/args.ts";
import { defineAction, defineCommand, defineForm, type LinkedCtx } from "../core/command.ts";
import { userError } from "../core/errors.ts";
import type { Translate } from "../core/i18n.ts";
import { reply, type Block, type Reply } from "../core/reply.ts";
import type { Db } from "../../db/data.ts";
import { eventSubLocal, visibleEvent } from "./attend.ts";
import { checkInOpen, mayChange, mayManage } from "./rules.ts";

async function managed(ctx: LinkedCtx, id: number): Promise<EventRow> {
  const e = await visibleEvent(ctx, id);
  if (!mayManage(ctx.roles, ctx.person.id, e)) throw userError.notAllowed("event.organiserOnly");
  return e;
}

/** The event, if the caller may change it (edit, cancel): the one rule for both, refusals audited. */
export async function changeable(ctx: LinkedCtx, id: number, action: "edit" | "cancel"): Promise<EventRow> {
  const e = await visibleEvent(ctx, id);
  if (!mayChange(ctx.roles, ctx.person.id, e, await eventSubLocal(ctx, e))) {
    await ctx.audit(`event.${action}.refused`, { type: "event", id: e.id }, { reason: "not_organiser" });
    throw userError.notAllowed("event.changeOnly");
  }
  return e;
}

export const messageCommand = defineCommand({
  path: ["event", "message"],
  description: "event.message.description",
  args: { id: arg.integer("event.argId", { min: 1 }), text: arg.string("event.message.argText", { rest: true, maxLength: 1500 }) },
  access: { linked: true },
  async run(ctx, { id, text }): Promise<Reply> {
    const e = await managed(ctx, id);
    if (e.status !== "scheduled") throw userError.invalid("event.rsvp.cancelled", { title: e.title });
    const n = await ctx.commitAsync((tx) => messageAttendees(tx, ctx.store, e.id, text, ctx.person.id, ctx.clock.now(), ctx.fmt.timeZone));
    await ctx.audit("event.message", { type: "event", id: e.id }, { recipients: n });
    return reply.private(reply.text(ctx.t("event.message.sent", { count: n })));
  },
});

export const cancelCommand = defineCommand({
  path: ["event", "cancel"],
  description: "event.cancel.description",
  args: { id: arg.integer("event.argId", { min: 1 }), which: arg.optional(arg.choice("event.cancel.argWhich", ["all"] as const)) },
  access: { linked: true },
  async run(ctx, { id, which }): Promise<Reply> {
    const e = await changeable(ctx, id, "cancel");
    if (which === "all") {
      // This date and every later one of the series still on: one transaction, each date's people told.
      const now = ctx.clock.now();
      const dates = await restOfSeries(ctx.db, e);
      const done = await ctx.commitAsync(async (tx) => {
        const out = [];
        for (const [i, d] of dates.entries()) out.push(await cancelEvent(tx, ctx.store, d, ctx.person.id, now, ctx.fmt.timeZone, { channels: i === 0 ? "series" : "quiet" }));
        return out.filter((r) => r.cancelled);
      });
      if (done.length === 0) return reply.private(reply.text(ctx.t("event.cancel.already")));
      const told = done.reduce((n, r) => n + r.told, 0);
      await ctx.audit("event.cancel", { type: "event", id: e.id }, { series: e.seriesId, dates: done.length, told });
      return reply.private(reply.text(ctx.t("event.cancel.doneSeries", { title: e.title, dates: done.length, count: told })));
    }
    const r = await ctx.commitAsync((tx) => cancelEvent(tx, ctx.store, e.id, ctx.person.id, ctx.clock.now(), ctx.fmt.timeZone));
    if (!r.cancelled) return reply.private(reply.text(ctx.t("event.cancel.already")));
    await ctx.audit("event.cancel", { type: "event", id: e.id }, { told: r.told });
    const later = (await restOfSeries(ctx.db, e)).length;
    const lines = [ctx.t("event.cancel.done", { title: e.title, count: r.told })];
    if (e.seriesId !== null && later > 0) lines.push(ctx.t("event.cancel.restOfSeries", { count: later, id: e.id }));
    return reply.private(reply.text(lines.join("\n")));
  },
});

/** People shown on one page of the check-in list: each with a button named for them. */
export const CHECKIN_PAGE = 10;
/** Name buttons per row: one Discord action row, a short Slack actions block. */
const PER_ROW = 5;

/** Lower-case, without accents, for finding "Jose" in "José". */
const fold = (s: string) => s.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase().trim();

/**
 * The check-in list: everyone who said Going or Maybe (and walk-ins), a page at a time, each person
 * not yet in with a "Present: NAME" button, so a button can never be taken for another person's.
 * Longer lists page ("Next 10"); `query` narrows it to names containing those letters.
 */
export async function checkinBlocks(db: Db, t: Translate, e: EventRow, o: { page?: number; query?: string } = {}): Promise<Block[]> {
  const everyone = (await attendees(db, e.id)).filter((p) => p.status === "going" || p.status === "maybe" || p.status === "walk_in");
  const q = o.query ? fold(o.query) : "";
  const people = q ? everyone.filter((p) => fold(`${displayName(p)} ${p.firstName} ${p.lastName}`).includes(q)) : everyone;
  const blocks: Block[] = [reply.text(`📋 ${t("event.checkin.title", { title: e.title })}`), reply.context(t("event.checkin.codeNote", { code: e.checkinCode, id: e.id }))];
  if (everyone.length === 0) {
    blocks.push(reply.text(t("event.show.nobody")));
    return blocks;
  }
  if (q && people.length === 0) {
    blocks.push(reply.text(t("event.checkin.noMatch", { query: o.query!.trim() })));
    blocks.push(reply.buttons({ label: t("event.checkin.showAll"), action: "event.checkin.page", payload: { eventId: e.id, page: 1 } }, { label: t("event.checkin.find"), action: "event.checkin.find", payload: { eventId: e.id } }));
    return blocks;
  }
  const pages = Math.ceil(people.length / CHECKIN_PAGE);
  const page = Math.min(Math.max(1, o.page ?? 1), pages);
  const from = (page - 1) * CHECKIN_PAGE;
  const shown = people.slice(from, from + CHECKIN_PAGE);
  // Two people with the same name are told apart by their member number, on the list and the button.
  const counted = new Map<string, number>();
  for (const p of everyone) counted.set(displayName(p), (counted.get(displayName(p)) ?? 0) + 1);
  const label = (p: (typeof everyone)[number]) => (counted.get(displayName(p))! > 1 && p.memberNumber ? `${displayName(p)} (${p.memberNumber})` : displayName(p));
  const present = everyone.filter((p) => p.attendedAt).length;
  blocks.push(
    reply.list(
      t(q ? "event.checkin.matching" : "event.checkin.showing", { from: from + 1, to: from + shown.length, count: people.length, query: o.query?.trim() ?? "", present }),
      shown.map((p) => ({ text: `${p.attendedAt ? "✅" : "⬜"} ${label(p)}`, detail: t(`event.answer.${p.status}`) })),
    ),
  );
  const waiting = shown.filter((p) => !p.attendedAt);
  for (let i = 0; i < waiting.length; i += PER_ROW) {
    blocks.push(
      reply.buttons(
        ...waiting.slice(i, i + PER_ROW).map((p) => ({ label: t("event.checkin.presentName", { name: label(p) }), action: "event.checkin.mark", payload: { eventId: e.id, personId: p.personId }, once: true, group: `p${p.personId}` })),
      ),
    );
  }
  const nav = [];
  if (page > 1) nav.push({ label: t("event.checkin.previous"), action: "event.checkin.page", payload: { eventId: e.id, page: page - 1, ...(q ? { query: o.query!.trim() } : {}) } });
  if (page < pages) nav.push({ label: t("event.checkin.next", { count: Math.min(CHECKIN_PAGE, people.length - from - shown.length) }), action: "event.checkin.page", payload: { eventId: e.id, page: page + 1, ...(q ? { query: o.query!.trim() } : {}) } });
  nav.push({ label: t("event.checkin.find"), action: "event.checkin.find", payload: { eventId: e.id } });
  if (q) nav.push({ label: t("event.checkin.showAll"), action: "event.checkin.page", payload: { eventId: e.id, page: 1 } });
  blocks.push(reply.buttons(...nav));
  if (pages > 1) blocks.push(reply.context(t("event.checkin.pageOf", { page, pages, id: e.id })));
  return blocks;
}

export const checkinCommand = defineCommand({
  path: ["event", "checkin"],
  description: "event.checkin.description",
  args: { id: arg.integer("event.argId", { min: 1 }), name: arg.optional(arg.string("event.checkin.argName", { rest: true, maxLength: 80 })) },
  access: { linked: true },
  async run(ctx, { id, name }): Promise<Reply> {
    const e = await managed(ctx, id);
    await ctx.audit("event.attendees.view", { type: "event", id: e.id }, { for: "checkin", search: Boolean(name) });
    return reply.private(...(await checkinBlocks(ctx.db, ctx.t, e, { query: name })));
  },
});

/** "Next 10", "Previous", "Show everyone": the same list at another page, in place of the one clicked. */
export const checkinPageAction = defineAction({
  id: "event.checkin.page",
  payload: z.object({ eventId: z.number().int().positive(), page: z.number().int().min(1).max(10_000), query: z.string().max(80).optional() }),
  access: { linked: true },
  async run(ctx, p): Promise<Reply> {
    const e = await managed(ctx, p.eventId);
    await ctx.audit("event.attendees.view", { type: "event", id: e.id }, { for: "checkin", page: p.page });
    return { ...reply.private(...(await checkinBlocks(ctx.db, ctx.t, e, { page: p.page, query: p.query }))), update: true };
  },
});

/** "Find by name": a one-field form. */
export const checkinFindAction = defineAction({
  id: "event.checkin.find",
  payload: z.object({ eventId: z.number().int().positive() }),
  access: { linked: true },
  async run(ctx, p): Promise<Reply> {
    const e = await managed(ctx, p.eventId);
    return {
      visibility: "private",
      blocks: [],
      form: { form: "event.checkin.find", title: ctx.t("event.checkin.findTitle"), submitLabel: ctx.t("event.checkin.findSubmit"), payload: { eventId: e.id }, fields: [{ name: "name", label: ctx.t("event.checkin.argName"), kind: "text", required: true, maxLength: 80 }] },
    };
  },
});

export const checkinFindForm = defineForm({
  id: "event.checkin.find",
  fields: z.object({ name: z.string().trim().min(1).max(80) }),
  payload: z.object({ eventId: z.number().int().positive() }),
  access: { linked: true },
  async submit(ctx, v, p): Promise<Reply> {
    const e = await managed(ctx, p.eventId);
    await ctx.audit("event.attendees.view", { type: "event", id: e.id }, { for: "checkin", search: true });
    return reply.private(...(await checkinBlocks(ctx.db, ctx.t, e, { query: v.name })));
  },
});

export const markPresentAction = defineAction({
  id: "event.checkin.mark",
  payload: z.object({ eventId: z.number().int().positive(), personId: z.number().int().positive() }),
  access: { linked: true },
  async run(ctx, p) {
    const e = await managed(ctx, p.eventId);
    if (!checkInOpen(e, ctx.clock.now())) throw userError.invalid("event.checkin.closed");
    if (!(await rsvpOf(ctx.db, e.id, p.personId))) throw userError.notFound("event.checkin.notOnList");
    const done = await ctx.commitAsync((tx) => checkIn(tx, e.id, p.personId, ctx.clock.now()));
    if (done) await ctx.audit("event.checkin", { type: "event", id: e.id }, { personId: p.personId, by: "organiser" });
    const who = await personById(ctx.db, p.personId);
    const name = who ? displayName(who) : `#${p.personId}`;
    return reply.private(reply.text(ctx.t(done ? "event.checkin.markedName" : "event.checkin.alreadyName", { name })));
  },
});

export const hereCommand = defineCommand({
  path: ["event", "here"],
  description: "event.here.description",
  args: { id: arg.integer("event.argId", { min: 1 }), code: arg.string("event.here.argCode", { maxLength: 12 }) },
  access: { linked: true },
  async run(ctx, { id, code }): Promise<Reply> {
    const e = await eventById(ctx.db, id);
    // A wrong code and an unknown event read the same: the code is the proof of being there.
    if (!e || e.status !== "scheduled" || e.checkinCode !== code.trim()) throw userError.invalid("event.here.wrong");
    if (!checkInOpen(e, ctx.clock.now())) throw userError.invalid("event.checkin.closed");
    const done = await ctx.commitAsync((tx) => checkIn(tx, e.id, ctx.person.id, ctx.clock.now()));
    if (done) await ctx.audit("event.checkin", { type: "event", id: e.id }, { by: "code" });
    return reply.private(reply.text(ctx.t(done ? "event.here.done" : "event.checkin.already", { title: e.title })));
  },
});

export { eventById };
