// How an event reads in chat: title, when (local time zone), where, audience, counts, and the
// Going / Maybe / Can't buttons.
import type { Counts, EventRow } from "../../db/events.ts";
import { countFor, releasedText, type Released } from "../core/disclosure.ts";
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

/** How many gave each answer, as one reader may see them. */
export type Answers = Record<"going" | "maybe" | "cant" | "waitlist", Released>;

/**
 * An event's answer counts for one reader: exact for who may see the answers themselves (the
 * event's organiser and staff, `mayManage`), released through disclosure control for everyone
 * else (a channel, a member of the audience, another officer reading the handoff packet).
 */
export function answersFor(c: Counts, seesList: boolean): Answers {
  return { going: countFor(c.going, seesList), maybe: countFor(c.maybe, seesList), cant: countFor(c.cant, seesList), waitlist: countFor(c.waitlist, seesList) };
}

/** The answers line ("10 going · fewer than 5 maybe · …") in the reader's language. */
export function answersText(t: Translate, fmt: Formatter, a: Answers): string {
  const n = (r: Released) => releasedText(r, t, fmt);
  return t("event.counts", { going: n(a.going), maybe: n(a.maybe), cant: n(a.cant), waitlist: n(a.waitlist) });
}

/** The event's details as fields. */
export function eventBlocks(t: Translate, fmt: Formatter, e: EventLike, o: { answers?: Answers; showCode?: string } = {}): Block[] {
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
  if (o.answers) fields.push({ label: t("event.field.answers"), value: answersText(t, fmt, o.answers) });
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

/** "Dec 10": the local day of a date of a series, short enough for a button. */
export function dayLabel(fmt: Formatter, iso: string): string {
  return new Intl.DateTimeFormat(fmt.locale, { month: "short", day: "numeric", timeZone: fmt.timeZone }).format(new Date(iso));
}

/**
 * The answer buttons of a date: for a date of a series, one row for this date (named on each
 * button) and one for every date from it on, so nobody answers for one date thinking it is all.
 */
export function answerButtons(t: Translate, fmt: Formatter, e: { id: number; seriesId: number | null; startsAt: string }, o: { thisDateOnly?: boolean } = {}): Block[] {
  if (e.seriesId === null) return [rsvpButtons(t, e.id)];
  const day = dayLabel(fmt, e.startsAt);
  const row = (every: boolean) =>
    reply.buttons(
      ...(["going", "maybe", "cant"] as const).map((answer) => ({
        label: t(`event.series.${every ? "every" : "this"}.${answer}`, { day }),
        action: "event.rsvp",
        payload: { eventId: e.id, answer, ...(every ? { every: true } : {}) },
        ...(answer === "going" && !every ? { style: "primary" as const } : {}),
      })),
    );
  return o.thisDateOnly ? [row(false)] : [row(false), row(true)];
}
