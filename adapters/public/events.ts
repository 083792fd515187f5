// Calendar feeds on the bot's one port: `/events/public.ics` (events marked public) and
// `/events/feed/TOKEN.ics` (the events one person said Going to). A feed token is a secret in the
// address: an unknown or revoked one gets the same bare 404 as any other wrong address, and no data.
import type http from "node:http";
import type { Core } from "../../commands/core/dispatch.ts";
import { calendarText } from "../../commands/events/calendar.ts";
import { goingEvents, personByFeedToken, publicEvents } from "../../db/events.ts";

function send(res: http.ServerResponse, status: number, body: string, type = "text/calendar; charset=utf-8"): void {
  res.writeHead(status, {
    "content-type": type,
    // A personal feed must not sit in shared caches; calendar apps poll it anyway.
    "cache-control": status === 200 ? "private, no-cache" : "no-store",
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
  });
  res.end(body);
}

/** The handler for everything under `base` (default "/events"). */
export function eventFeeds(core: Core, base = "/events") {
  return (req: http.IncomingMessage, res: http.ServerResponse): void => {
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.writeHead(405, { allow: "GET, HEAD" });
      res.end();
      return;
    }
    const rest = new URL(req.url ?? "/", "http://localhost").pathname.slice(base.length);
    const now = core.clock.now();
    if (rest === "/public.ics") return send(res, 200, calendarText("Union events", publicEvents(core.store, now), core.timeZone));
    const m = /^\/feed\/([A-Za-z0-9_-]{20,64})\.ics$/.exec(rest);
    const personId = m ? personByFeedToken(core.store, m[1]!) : undefined;
    if (personId === undefined) return send(res, 404, "Not found\n", "text/plain; charset=utf-8");
    send(res, 200, calendarText("My union events", goingEvents(core.store, personId, now), core.timeZone));
  };
}
