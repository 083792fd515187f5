// The organiser's tools: `/event message ID TEXT`, `/event cancel ID`, the check-in list with
// Present buttons (`/event checkin ID`), and attendees checking themselves in with the code
// shown at the event (`/event here ID CODE`).
import { z } from "zod";
import { attendees, cancelEvent, checkIn, eventById, messageAttendees, rsvpOf, type EventRow } from "../../db/events.ts";
import { displayName } from "../../db/people.ts";
import { arg } from "../core/args.ts";
import { defineAction, defineCommand, type LinkedCtx } from "../core/command.ts";
import { userError } from "../core/errors.ts";
import type { Translate } from "../core/i18n.ts";
import { reply, type Block, type Reply } from "../core/reply.ts";
import type { Store } from "../../db/store.ts";
import { visibleEvent } from "./attend.ts";
import { checkInOpen, mayManage } from "./rules.ts";

function managed(ctx: LinkedCtx, id: number): EventRow {
  const e = visibleEvent(ctx, id);
  if (!mayManage(ctx.roles, ctx.person.id, e)) throw userError.notAllowed("event.organiserOnly");
  return e;
}

export const messageCommand = defineCommand({
  path: ["event", "message"],
  description: "event.message.description",
  args: { id: arg.integer("event.argId", { min: 1 }), text: arg.string("event.message.argText", { rest: true, maxLength: 1500 }) },
  access: { linked: true },
  run(ctx, { id, text }): Reply {
    const e = managed(ctx, id);
    if (e.status !== "scheduled") throw userError.invalid("event.rsvp.cancelled", { title: e.title });
    const n = ctx.commit(() => messageAttendees(ctx.store, e.id, text, ctx.person.id, ctx.clock.now(), ctx.fmt.timeZone));
    ctx.audit("event.message", { type: "event", id: e.id }, { recipients: n });
    return reply.private(reply.text(ctx.t("event.message.sent", { count: n })));
  },
});

export const cancelCommand = defineCommand({
  path: ["event", "cancel"],
  description: "event.cancel.description",
  args: { id: arg.integer("event.argId", { min: 1 }) },
  access: { linked: true },
  run(ctx, { id }): Reply {
    const e = managed(ctx, id);
    const r = ctx.commit(() => cancelEvent(ctx.store, e.id, ctx.person.id, ctx.clock.now(), ctx.fmt.timeZone));
    if (!r.cancelled) return reply.private(reply.text(ctx.t("event.cancel.already")));
    ctx.audit("event.cancel", { type: "event", id: e.id }, { told: r.told });
    return reply.private(reply.text(ctx.t("event.cancel.done", { title: e.title, count: r.told })));
  },
});

/** The check-in list: everyone who said Going or Maybe, a Present button beside each one not yet in. */
export function checkinBlocks(store: Store, t: Translate, e: EventRow): Block[] {
  const people = attendees(store, e.id).filter((p) => p.status === "going" || p.status === "maybe" || p.status === "walk_in");
  const blocks: Block[] = [reply.text(`📋 ${t("event.checkin.title", { title: e.title })}`), reply.context(t("event.checkin.codeNote", { code: e.checkinCode, id: e.id }))];
  if (people.length === 0) blocks.push(reply.text(t("event.show.nobody")));
  for (const p of people.slice(0, 40)) {
    if (p.attendedAt) blocks.push(reply.text(`✅ ${displayName(p)}`));
    else blocks.push(reply.section(`${displayName(p)} (${t(`event.answer.${p.status}`)})`), reply.buttons({ label: t("event.checkin.present"), action: "event.checkin.mark", payload: { eventId: e.id, personId: p.personId }, once: true, group: `p${p.personId}` }));
  }
  return blocks;
}

export const checkinCommand = defineCommand({
  path: ["event", "checkin"],
  description: "event.checkin.description",
  args: { id: arg.integer("event.argId", { min: 1 }) },
  access: { linked: true },
  run(ctx, { id }): Reply {
    const e = managed(ctx, id);
    ctx.audit("event.attendees.view", { type: "event", id: e.id }, { for: "checkin" });
    return reply.private(...checkinBlocks(ctx.store, ctx.t, e));
  },
});

export const markPresentAction = defineAction({
  id: "event.checkin.mark",
  payload: z.object({ eventId: z.number().int().positive(), personId: z.number().int().positive() }),
  access: { linked: true },
  run(ctx, p) {
    const e = managed(ctx, p.eventId);
    if (!checkInOpen(e, ctx.clock.now())) throw userError.invalid("event.checkin.closed");
    if (!rsvpOf(ctx.store, e.id, p.personId)) throw userError.notFound("event.checkin.notOnList");
    const done = ctx.commit(() => checkIn(ctx.store, e.id, p.personId, ctx.clock.now()));
    if (done) ctx.audit("event.checkin", { type: "event", id: e.id }, { personId: p.personId, by: "organiser" });
    return reply.private(reply.text(ctx.t(done ? "event.checkin.marked" : "event.checkin.already")));
  },
});

export const hereCommand = defineCommand({
  path: ["event", "here"],
  description: "event.here.description",
  args: { id: arg.integer("event.argId", { min: 1 }), code: arg.string("event.here.argCode", { maxLength: 12 }) },
  access: { linked: true },
  run(ctx, { id, code }): Reply {
    const e = eventById(ctx.store, id);
    // A wrong code and an unknown event read the same: the code is the proof of being there.
    if (!e || e.status !== "scheduled" || e.checkinCode !== code.trim()) throw userError.invalid("event.here.wrong");
    if (!checkInOpen(e, ctx.clock.now())) throw userError.invalid("event.checkin.closed");
    const done = ctx.commit(() => checkIn(ctx.store, e.id, ctx.person.id, ctx.clock.now()));
    if (done) ctx.audit("event.checkin", { type: "event", id: e.id }, { by: "code" });
    return reply.private(reply.text(ctx.t(done ? "event.here.done" : "event.checkin.already", { title: e.title })));
  },
});

export { eventById };
