// Going / Maybe / Can't, `/event list` and `/event show ID`.
import { z } from "zod";
import { answer, attendees, audienceOf, counts, eventById, mayAttend, rsvpOf, upcomingFor, type EventRow } from "../../db/events.ts";
import { displayName } from "../../db/people.ts";
import { arg } from "../core/args.ts";
import { defineAction, defineCommand, type LinkedCtx } from "../core/command.ts";
import { userError } from "../core/errors.ts";
import { reply, type Block, type Reply } from "../core/reply.ts";
import { answersFor, eventBlocks, rsvpButtons, whenText } from "./render.ts";
import { answerOpen, mayManage } from "./rules.ts";

/** The event, if it exists and the caller may see it (its audience, its organiser, staff). */
export function visibleEvent(ctx: LinkedCtx, id: number): EventRow {
  const e = eventById(ctx.store, id);
  if (!e || !(mayAttend(e, audienceOf(ctx.store, ctx.person.id)) || mayManage(ctx.roles, ctx.person.id, e))) throw userError.notFound("event.notFound", { id });
  return e;
}

export const rsvpAction = defineAction({
  id: "event.rsvp",
  payload: z.object({ eventId: z.number().int().positive(), answer: z.enum(["going", "maybe", "cant"]) }),
  access: { linked: true },
  run(ctx, p) {
    const e = visibleEvent(ctx, p.eventId);
    const now = ctx.clock.now();
    if (e.status !== "scheduled") throw userError.invalid("event.rsvp.cancelled", { title: e.title });
    if (!answerOpen(e, p.answer, now)) throw userError.invalid("event.rsvp.closed", { title: e.title });
    const r = ctx.commit(() => answer(ctx.store, e, ctx.person.id, p.answer, now, ctx.fmt.timeZone));
    if (r.changed) ctx.audit("event.rsvp", { type: "event", id: e.id }, { status: r.status, promotedId: r.promotedId });
    const key = r.changed ? `event.rsvp.now.${r.status}` : `event.rsvp.already.${r.status}`;
    return reply.private(reply.text(ctx.t(key, { title: e.title })), ...(r.status === "going" || r.status === "maybe" ? [reply.context(ctx.t("event.rsvp.remindersNote", { id: e.id }))] : []));
  },
});

export const listCommand = defineCommand({
  path: ["event", "list"],
  description: "event.list.description",
  args: {},
  access: { linked: true },
  run(ctx): Reply {
    const rows = upcomingFor(ctx.store, ctx.person.id, audienceOf(ctx.store, ctx.person.id), ctx.clock.now(), 15);
    const items = rows.map((e) => ({ text: `#${e.id} ${e.title}`, detail: `${whenText(ctx.fmt, e)} · ${ctx.t(`event.mine.${e.mine ?? "none"}`)}` }));
    return reply.private(reply.list(ctx.t("event.list.title"), items, ctx.t("event.list.none")), reply.context(ctx.t("event.list.hint")));
  },
});

export const showCommand = defineCommand({
  path: ["event", "show"],
  description: "event.show.description",
  args: { id: arg.integer("event.argId", { min: 1 }) },
  access: { linked: true },
  run(ctx, { id }): Reply {
    const e = visibleEvent(ctx, id);
    const manage = mayManage(ctx.roles, ctx.person.id, e);
    const c = counts(ctx.store, e.id);
    // Who may see the answers themselves sees exact counts; the rest of the audience released ones.
    const blocks: Block[] = eventBlocks(ctx.t, ctx.fmt, e, { answers: answersFor(c, manage), showCode: manage ? e.checkinCode : undefined });
    if (e.status === "cancelled") blocks.push(reply.text(`❌ ${ctx.t("event.show.cancelled")}`));
    const mine = rsvpOf(ctx.store, e.id, ctx.person.id);
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
      const people = attendees(ctx.store, e.id);
      ctx.audit("event.attendees.view", { type: "event", id: e.id }, { count: people.length });
      blocks.push(reply.list(ctx.t("event.show.who"), people.map((p) => ({ text: displayName(p), detail: ctx.t(`event.answer.${p.status}`) + (p.attendedAt ? ` · ✅ ${ctx.t("event.checkin.present")}` : "") })), ctx.t("event.show.nobody")));
    }
    if (e.status === "scheduled" && now < new Date(e.endsAt)) blocks.push(rsvpButtons(ctx.t, e.id));
    blocks.push(reply.buttons({ label: ctx.t("event.ics.button"), action: "event.ics", payload: { eventId: e.id } }));
    return reply.private(...blocks);
  },
});
