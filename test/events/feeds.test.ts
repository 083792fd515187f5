// Calendar files and feeds on the real bot wiring: the .ics parsed back (TZID and the instant),
// a personal feed behind a secret token (wrong or revoked → 404 and no data), the public feed.
import path from "node:path";
import ICAL from "ical.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { data } from "../../db/data.ts";
import { startBot, type Bot } from "../../bot/app.ts";
import { loadConfig } from "../../bot/config.ts";
import { calendarText } from "../../commands/events/calendar.ts";
import { answer, createEvent, eventById, newFeedToken, revokeFeedTokens } from "./db.ts";
import { tempDir, testClock } from "../helpers/store.ts";

let bot: Bot;
let base: string;
let members: number;
let publicId: number;
let personA: number;
const TZ = "America/Los_Angeles";
const clock = testClock(new Date("2026-11-23T17:00:00Z"));

const event = (title: string, isPublic: boolean, startsAt: string) => ({
  title, description: null, kind: "meeting", link: "https://meet.example/x", place: null, audienceType: "statewide", audienceId: null, capacity: null, language: "en", organiserId: 1,
  startsAt: new Date(startsAt), endsAt: new Date(new Date(startsAt).getTime() + 3_600_000), rsvpDeadline: null, isPublic, repeat: null,
});

beforeAll(async () => {
  bot = await startBot(loadConfig({ DATABASE_URL: `file:${path.join(tempDir(), "events.db")}`, PORT: "0", LOG_LEVEL: "silent", SEED_DEMO: "true" }), { clock });
  base = `http://127.0.0.1:${bot.port}`;
  const now = clock.now();
  publicId = (await createEvent(bot.store, event("Statewide rally", true, "2026-12-05T20:00:00Z"), now, TZ)).ids[0]!;
  members = (await createEvent(bot.store, event("Members-only meeting", false, "2026-12-03T02:00:00Z"), now, TZ)).ids[0]!;
  personA = (await data(bot.store).one<{ id: number }>(`SELECT id FROM "Person" ORDER BY id LIMIT 1`))!.id;
  await answer(bot.store, (await eventById(bot.store, members))!, personA, "going", now, TZ);
});
afterAll(async () => {
  await bot?.stop();
});

function parse(text: string) {
  const comp = new ICAL.Component(ICAL.parse(text));
  // The file's own VTIMEZONE teaches ical.js the zone's rules, as a calendar app would learn them.
  for (const vtz of comp.getAllSubcomponents("vtimezone")) ICAL.TimezoneService.register(new ICAL.Timezone(vtz));
  return comp.getAllSubcomponents("vevent").map((v) => new ICAL.Event(v));
}

describe("calendar files", () => {
  it("an event's .ics carries the union's TZID and the right instant", async () => {
    const e = (await eventById(bot.store, members))!;
    const text = calendarText(e.title, [e], TZ);
    expect(text).toContain("TZID=America/Los_Angeles");
    const [ev] = parse(text);
    expect(ev!.summary).toBe("Members-only meeting");
    expect(text).toContain("BEGIN:VTIMEZONE");
    expect(ev!.startDate.zone.tzid).toBe("America/Los_Angeles");
    expect(`${ev!.startDate.year}-${ev!.startDate.month}-${ev!.startDate.day} ${ev!.startDate.hour}:${ev!.startDate.minute}`).toBe("2026-12-2 18:0");
    expect(ev!.startDate.toJSDate().toISOString()).toBe("2026-12-03T02:00:00.000Z");
    expect(ev!.endDate.toJSDate().toISOString()).toBe("2026-12-03T03:00:00.000Z");
    expect(ev!.uid).toBe(`event-${members}@unionhall`);
  });

  it("the personal feed lists the events the person is going to; a wrong or revoked token gets 404 and no data", async () => {
    const token = (await newFeedToken(bot.store, personA, clock.now()));
    const r = await fetch(`${base}/events/feed/${token}.ics`);
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toContain("text/calendar");
    const body = await r.text();
    expect(parse(body).map((e) => e.summary)).toEqual(["Members-only meeting"]);

    const wrong = await fetch(`${base}/events/feed/${token.slice(0, -2)}xx.ics`);
    expect(wrong.status).toBe(404);
    expect(await wrong.text()).not.toContain("BEGIN:VCALENDAR");

    // A new address stops the old one; revoking stops the new one.
    const second = (await newFeedToken(bot.store, personA, clock.now()));
    expect((await fetch(`${base}/events/feed/${token}.ics`)).status).toBe(404);
    expect((await fetch(`${base}/events/feed/${second}.ics`)).status).toBe(200);
    await revokeFeedTokens(bot.store, personA, clock.now());
    const revoked = await fetch(`${base}/events/feed/${second}.ics`);
    expect(revoked.status).toBe(404);
    expect(await revoked.text()).not.toContain("Members-only");
    expect((await fetch(`${base}/events/feed/.ics`)).status).toBe(404);
    expect((await fetch(`${base}/events/feed/${second}.ics`, { method: "POST" })).status).toBe(405);
  });

  it("the public feed has public events only", async () => {
    const r = await fetch(`${base}/events/public.ics`);
    expect(r.status).toBe(200);
    const events = parse(await r.text());
    expect(events.map((e) => e.summary)).toEqual(["Statewide rally"]);
    expect(events[0]!.uid).toBe(`event-${publicId}@unionhall`);
  });
});
