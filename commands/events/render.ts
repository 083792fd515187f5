// How an event reads in chat: title, when (local time zone), where, audience, counts, and the
// Going / Maybe / Can't buttons.
import type { Counts, EventRow } from "../../db/events.ts";
import type { Formatter } from "../core/format.ts";
import type { Translate } from "../core/i18n.ts";
import { reply, type Block } from "../core/reply.ts";

export type EventLike = Pick<EventRow, "title" | "description" | "kind" | "startsAt" | "endsAt" | "link" | "place" | "audienceType" | "audienceId" | "capacity" | "rsvpDeadline" | "repeat" | "isPublic"> & { id: number };

export function audienceLabel(t: Translate, e: { audienceType: string; audienceId: string | null }): string {
  return e.audienceType === "statewide" ? t("event.audience.statewide") : t(`event.audience.${e.audienceType}`, { id: e.audienceId ?? "" });
}

export function whenText(fmt: Formatter, e: { startsAt: string; endsAt: string }): string {
  const s = new Date(e.startsAt);
  const end = new Date(e.endsAt);
  return fmt.localDay(s) === fmt.localDay(end) ? `${fmt.dateTime(s)} – ${fmt.timeWithZone(end)}` : `${fmt.dateTime(s)} – ${fmt.dateTime(end)}`;
}

/** The event's details as fields. */
export function eventBlocks(t: Translate, fmt: Formatter, e: EventLike, o: { counts?: Counts; showCode?: string } = {}): Block[] {
  const fields = [
    { label: t("event.field.when"), value: whenText(fmt, e) },
    ...(e.link ? [{ label: t("event.field.online"), value: e.link }] : []),
    ...(e.place ? [{ label: t("event.field.place"), value: e.place }] : []),
    { label: t("event.field.audience"), value: audienceLabel(t, e) },
    { label: t("event.field.kind"), value: t(`event.kinds.${e.kind}`) },
  ];
  if (e.capacity !== null) fields.push({ label: t("event.field.capacity"), value: fmt.number(e.capacity) });
  if (e.rsvpDeadline) fields.push({ label: t("event.field.deadline"), value: fmt.dateTime(new Date(e.rsvpDeadline)) });
  if (e.repeat) fields.push({ label: t("event.field.repeat"), value: t(`event.repeat.${e.repeat}`) });
  if (o.counts) fields.push({ label: t("event.field.answers"), value: t("event.counts", { going: o.counts.going, maybe: o.counts.maybe, cant: o.counts.cant, waitlist: o.counts.waitlist }) });
  if (o.showCode) fields.push({ label: t("event.field.code"), value: o.showCode });
  const blocks: Block[] = [reply.section(`📅 ${e.title}`, fields, e.description ?? undefined)];
  if (e.id > 0) blocks.push(reply.context(t("event.number", { id: e.id }) + (e.isPublic ? ` · ${t("event.public")}` : "")));
  return blocks;
}

/** Going / Maybe / Can't: any member of the audience may click; the latest click is their answer. */
export function rsvpButtons(t: Translate, eventId: number): Block {
  return reply.buttons(
    { label: t("event.rsvp.going"), action: "event.rsvp", payload: { eventId, answer: "going" }, style: "primary" },
    { label: t("event.rsvp.maybe"), action: "event.rsvp", payload: { eventId, answer: "maybe" } },
    { label: t("event.rsvp.cant"), action: "event.rsvp", payload: { eventId, answer: "cant" } },
  );
}
