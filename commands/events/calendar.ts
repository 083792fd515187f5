// Calendars: an .ics for one event (`/event ics ID`, or the button), a private feed address of the
// events a person said Going to (`/event feed`, `/event feed revoke`), and the public feed.
import { DateTime } from "luxon";
import { z } from "zod";
import { newFeedToken, revokeFeedTokens, type EventRow } from "../../db/events.ts";
import { arg } from "../core/args.ts";
import { defineAction, defineCommand, type LinkedCtx } from "../core/command.ts";
import { reply, type Reply } from "../core/reply.ts";
import { visibleEvent } from "./attend.ts";
import { lazy } from "../core/lazy.ts";

const icalGenerator = lazy<typeof import("ical-generator")>("ical-generator");
const tzlib = lazy<typeof import("timezones-ical-library")>("timezones-ical-library");

/** The zone's VTIMEZONE block (its daylight-saving rules), so calendar apps read the TZID right. */
const vtimezones = new Map<string, string | null>();
const vtimezone = (tz: string) => {
  if (!vtimezones.has(tz)) vtimezones.set(tz, tzlib().tzlib_get_ical_block(tz)[0] ?? null);
  return vtimezones.get(tz)!;
};

/**
 * An iCalendar file of events, with the union's time zone as each event's TZID. ical-generator
 * writes a zoned time as that zone's wall clock, so the instants are handed over as Luxon
 * DateTimes in the zone (a plain Date would be written as its UTC wall clock).
 */
export function calendarText(name: string, events: readonly EventRow[], timeZone: string, url?: (id: number) => string): string {
  const cal = icalGenerator().default({ name, timezone: { name: timeZone, generator: vtimezone }, prodId: { company: "unionhall", product: "events", language: "EN" } });
  const local = (iso: string) => DateTime.fromISO(iso, { zone: "utc" }).setZone(timeZone);
  for (const e of events) {
    cal.createEvent({
      id: `event-${e.id}@unionhall`,
      start: local(e.startsAt),
      end: local(e.endsAt),
      timezone: timeZone,
      summary: e.title,
      description: [e.description, e.link].filter(Boolean).join("\n\n") || undefined,
      location: e.place ?? e.link ?? undefined,
      url: e.link ?? url?.(e.id),
      status: e.status === "cancelled" ? icalGenerator().ICalEventStatus.CANCELLED : icalGenerator().ICalEventStatus.CONFIRMED,
    });
  }
  return cal.toString();
}

async function icsReply(ctx: LinkedCtx, id: number): Promise<Reply> {
  const e = await visibleEvent(ctx, id);
  return { ...reply.private(reply.text(ctx.t("event.ics.here", { title: e.title }))), files: [{ name: `event-${e.id}.ics`, mime: "text/calendar", data: calendarText(e.title, [e], ctx.fmt.timeZone) }] };
}

export const icsCommand = defineCommand({
  path: ["event", "ics"],
  description: "event.ics.description",
  args: { id: arg.integer("event.argId", { min: 1 }) },
  access: { linked: true },
  run: (ctx, { id }) => icsReply(ctx, id),
});

export const icsAction = defineAction({
  id: "event.ics",
  payload: z.object({ eventId: z.number().int().positive() }),
  access: { linked: true },
  run: (ctx, p) => icsReply(ctx, p.eventId),
});

/** The address members reach the bot at, for feed links: PUBLIC_URL when set (an http(s) URL), else this machine. */
export function publicBase(env: NodeJS.ProcessEnv = process.env): string {
  const given = env.PUBLIC_URL?.trim();
  if (given && /^https?:\/\/[^\s/]+/.test(given)) return given.replace(/\/+$/, "");
  return `http://localhost:${env.PORT && /^\d{1,5}$/.test(env.PORT) ? env.PORT : "3000"}`;
}

export const feedCommand = defineCommand({
  path: ["event", "feed"],
  description: "event.feed.description",
  args: { what: arg.optional(arg.choice("event.feed.argWhat", ["new", "revoke"] as const)) },
  access: { linked: true },
  async run(ctx, { what }): Promise<Reply> {
    const now = ctx.clock.now();
    if (what === "revoke") {
      const n = await ctx.commitAsync((tx) => revokeFeedTokens(tx, ctx.person.id, now));
      await ctx.audit("event.feed.revoke", { type: "person", id: ctx.person.id }, { revoked: n });
      return reply.private(reply.text(ctx.t(n ? "event.feed.revoked" : "event.feed.noneToRevoke")));
    }
    const token = await ctx.commitAsync((tx) => newFeedToken(tx, ctx.person.id, now));
    await ctx.audit("event.feed.new", { type: "person", id: ctx.person.id });
    return reply.private(reply.text(ctx.t("event.feed.yours", { url: `${publicBase()}/events/feed/${token}.ics` })), reply.context(ctx.t("event.feed.secret")), reply.context(ctx.t("event.feed.public", { url: `${publicBase()}/events/public.ics` })));
  },
});
