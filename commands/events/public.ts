// The events' calendar feeds on the web: `/events/public.ics` (events marked public) and
// `/events/feed/TOKEN.ics` (the events one person said Going to). A feed token is a secret in the
// address: an unknown or revoked one gets the same bare "not found" as any other wrong address, and no data.
import { goingEvents, personByFeedToken, publicEvents } from "../../db/events.ts";
import type { PublicPage } from "../core/public-page.ts";
import { calendarText } from "./calendar.ts";

const CALENDAR = "text/calendar; charset=utf-8";

export const eventPages: PublicPage[] = [
  {
    prefix: "/events",
    path: /^\/public\.ics$/,
    // Calendar apps poll it; kept out of shared caches like the personal feed beside it.
    answer: async (ctx) => ({ kind: "file", contentType: CALENDAR, body: calendarText("Union events", await publicEvents(ctx.db, ctx.clock.now()), ctx.timeZone), caching: { kind: "private" } }),
  },
  {
    prefix: "/events",
    path: /^\/feed\/([A-Za-z0-9_-]{20,64})\.ics$/,
    async answer(ctx, _req, m) {
      const personId = await personByFeedToken(ctx.db, m[1]!);
      if (personId === undefined) return { kind: "not-found" };
      return { kind: "file", contentType: CALENDAR, body: calendarText("My union events", await goingEvents(ctx.db, personId, ctx.clock.now()), ctx.timeZone), caching: { kind: "private" } };
    },
  },
  { prefix: "/events", path: /^/, answer: () => ({ kind: "not-found" }) },
];
