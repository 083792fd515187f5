// Events through Slack (signed requests against the fake Slack, the real Bolt app and scheduler):
// an officer points a channel at the sub-local, creates an online meeting through the two-page
// modal, the announcement lands in the channel with RSVP buttons, members answer by button and
// the full meeting puts the next one on the waiting list.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Bot } from "../../bot/app.ts";
import { answer, counts, createEvent, eventById } from "./db.ts";
import { scheduleJob } from "../../db/jobs.ts";
import { seedDemo } from "../../db/demo.ts";
import { data } from "../../db/data.ts";
import { linkIdentity } from "../../db/identities.ts";
import { personByNumber } from "../../db/people.ts";
import { FakeSlack } from "../fakes/slack.ts";
import { buttonsOf, CHANNEL, SlackDriver, startSlackBot, textOf } from "../slack/harness.ts";

const PAT = "U0PAT";
const MARIA = "U0MARIA";
const SAM = "U0SAM";

let fake: FakeSlack;
let bot: Bot;
let d: SlackDriver;

beforeAll(async () => {
  fake = await new FakeSlack().start();
  for (const [id, name] of [[PAT, "pat"], [MARIA, "maria"], [SAM, "sam"]]) fake.addUser({ id: id!, name: name! });
  bot = await startSlackBot(fake);
  d = new SlackDriver(bot, fake);
  await seedDemo(bot.store);
  for (const [userId, number] of [[PAT, "100004"], [MARIA, "100001"], [SAM, "100002"]] as const) {
    const p = (await personByNumber(data(bot.store), number))!;
    await linkIdentity(data(bot.store), { platform: "slack", workspaceId: fake.teamId, userId, personId: p.id, linkedVia: "admin" });
  }
});
afterAll(async () => {
  await bot?.stop();
  await fake?.stop();
});

/** A day well ahead of the real clock (the running bot keeps real time), as the form wants it. */
function ahead(days: number): string {
  const t = new Date(Date.now() + days * 86_400_000);
  return new Intl.DateTimeFormat("en-CA", { timeZone: "America/Los_Angeles", year: "numeric", month: "2-digit", day: "2-digit" }).format(t);
}

describe("events on Slack", () => {
  it("create through the modal, announce in the channel, RSVP by button with a waiting list", async () => {
    const on = await d.slash(PAT, "/event", "channel SL-083");
    expect(textOf((await d.response(on.id)).body)).toContain("will get announcements of events for Sub-local SL-083");

    const opened = await d.slash(PAT, "/event", "create");
    const view = await d.views(opened.triggerId);
    expect((view.blocks as Record<string, any>[]).filter((b) => b.type === "input")).toHaveLength(5);
    const sent = await d.submit(PAT, view, { title: "Online sub-local meeting", when: `${ahead(10)} 18:00-19:00`, where: "https://meet.example/sl083", audience: "SL-083", kind: "meeting" });
    expect(sent.status).toBe(200);
    // The preview goes back where the command was typed, privately.
    const preview = (await d.response(opened.id)).body;
    expect(textOf(preview)).toContain("This is how the event will look");
    const more = buttonsOf(preview).find((b) => b.text.text === "More details")!;
    const moreClick = await d.click(PAT, more.action_id);
    const details = await fake.waitFor(() => fake.callsOf("views.open").map((c) => c.args.view as Record<string, any>).find((v) => JSON.stringify(v).includes("Number of places")), "the second page");
    expect((details.blocks as Record<string, any>[]).filter((b) => b.type === "input")).toHaveLength(5);
    await d.submit(PAT, details, { capacity: "1", visibility: "members", repeat: "none" });
    const preview2 = (await d.response(moreClick.id)).body;
    expect(textOf(preview2)).toContain("Places");
    const publish = buttonsOf(preview2).find((b) => b.text.text === "Publish")!;
    await d.click(PAT, publish.action_id);

    const announced = await fake.waitFor(() => fake.callsOf("chat.postMessage").find((c) => c.args.channel === CHANNEL && JSON.stringify(c.args).includes("Online sub-local meeting")), "the announcement");
    const buttons = buttonsOf(announced.args as Record<string, any>);
    expect(buttons.map((b) => b.text.text)).toEqual(["Going", "Maybe", "Can't go"]);

    const first = await d.click(MARIA, buttons[0]!.action_id);
    expect(textOf((await d.response(first.id)).body)).toContain("You are going to “Online sub-local meeting”");
    const second = await d.click(SAM, buttons[0]!.action_id);
    expect(textOf((await d.response(second.id)).body)).toContain("is full. You are on the waiting list");
    const id = (await data(bot.store).one<{ id: number }>(`SELECT id FROM "Event" WHERE title = 'Online sub-local meeting'`))!.id;
    expect((await counts(bot.store, id))).toMatchObject({ going: 1, waitlist: 1 });

    // Maria can't go after all: Sam gets her place and a direct message saying so.
    await d.click(MARIA, buttons[2]!.action_id);
    const told = await fake.waitFor(() => fake.callsOf("chat.postMessage").find((c) => c.args.channel === `D${SAM}` && JSON.stringify(c.args).includes("a place opened up")), "the message to Sam");
    expect(buttonsOf(told.args as Record<string, any>).map((b) => b.text.text)).toContain("Going");
    expect((await counts(bot.store, id))).toMatchObject({ going: 1, waitlist: 0, cant: 1 });

    // The announcement itself is edited in place (chat.update of the bot's own message) with the counts.
    const updated = await fake.waitFor(() => fake.callsOf("chat.update").find((c) => c.args.channel === CHANNEL && JSON.stringify(c.args).includes("fewer than 5 going · 0 maybe · fewer than 5 can't")), "the announcement edited");
    expect(String(fake.posted.get(`${CHANNEL}:${String(updated.args.ts)}`)?.text)).toContain("fewer than 5 going");
    expect(buttonsOf(updated.args as Record<string, any>).map((b) => b.text.text)).toEqual(["Going", "Maybe", "Can't go"]);
    // Cancelled: the message loses its buttons and the channel is told.
    await d.slash(PAT, "/event", `cancel ${id}`);
    const gone = await fake.waitFor(() => fake.callsOf("chat.update").find((c) => c.args.ts === updated.args.ts && JSON.stringify(c.args).includes("This event was cancelled")), "the announcement marked cancelled");
    expect(buttonsOf(gone.args as Record<string, any>)).toEqual([]);
    await fake.waitFor(() => fake.callsOf("chat.postMessage").find((c) => c.args.channel === CHANNEL && JSON.stringify(c.args).includes("is cancelled")), "the channel told");
  });

  it("a reminder reaches the attendee by direct message, and the organiser checks them in with a button", async () => {
    const TZ = "America/Los_Angeles";
    const now = new Date();
    const patId = (await data(bot.store).one<{ personId: number }>(`SELECT "personId" FROM "ChatIdentity" WHERE "userId" = ?`, PAT))!.personId;
    const mariaId = (await data(bot.store).one<{ personId: number }>(`SELECT "personId" FROM "ChatIdentity" WHERE "userId" = ?`, MARIA))!.personId;
    // A meeting starting in 30 minutes: check-in is open.
    const [id] = (await createEvent(bot.store, { title: "Stewards' huddle", description: null, kind: "meeting", link: "https://meet.example/huddle", place: null, audienceType: "sublocal", audienceId: "SL-083", capacity: null, language: "en", organiserId: patId, startsAt: new Date(now.getTime() + 30 * 60_000), endsAt: new Date(now.getTime() + 90 * 60_000), rsvpDeadline: null, isPublic: false, repeat: null }, now, TZ)).ids;
    await answer(bot.store, (await eventById(bot.store, id!))!, mariaId, "going", now, TZ);
    // Both her reminder times had passed when she answered (the meeting is in 30 minutes), so none
    // was scheduled; the running bot keeps real time, so one is scheduled due now to see it delivered.
    await scheduleJob(bot.store, { kind: "event.reminder", target: { personId: mariaId }, payload: { eventId: id, which: "hour" }, dueAt: now, timeZone: TZ, idempotencyKey: `test-reminder:${id}` });
    const reminder = await fake.waitFor(() => fake.callsOf("chat.postMessage").find((c) => c.args.channel === `D${MARIA}` && JSON.stringify(c.args).includes("Stewards' huddle")), "the reminder");
    expect(textOf(reminder.args as Record<string, any>)).toContain("starts in an hour");
    expect(textOf(reminder.args as Record<string, any>)).toContain("https://meet.example/huddle");

    const list = await d.slash(PAT, "/event", `checkin ${id}`);
    const body = (await d.response(list.id)).body;
    expect(textOf(body)).toContain("Maria Alvarez");
    const present = buttonsOf(body).find((b) => b.text.text === "Present: Maria Alvarez")!;
    const clicked = await d.click(PAT, present.action_id);
    expect(textOf((await d.response(clicked.id)).body)).toContain("Checked in: Maria Alvarez.");
    expect((await counts(bot.store, id!)).attended).toBe(1);
  });

  it("check-in of 30 people: ten named buttons a page, Next replaces the list in place, nothing dropped", async () => {
    const TZ = "America/Los_Angeles";
    const now = new Date();
    const patId = (await data(bot.store).one<{ personId: number }>(`SELECT "personId" FROM "ChatIdentity" WHERE "userId" = ?`, PAT))!.personId;
    const [id] = (await createEvent(bot.store, { title: "Rally of thirty", description: null, kind: "rally", link: null, place: "Capitol", audienceType: "statewide", audienceId: null, capacity: null, language: "en", organiserId: patId, startsAt: new Date(now.getTime() + 30 * 60_000), endsAt: new Date(now.getTime() + 90 * 60_000), rsvpDeadline: null, isPublic: false, repeat: null }, now, TZ)).ids;
    const people = await data(bot.store).all<{ id: number }>(`SELECT id FROM "Person" ORDER BY id LIMIT 30`);
    for (const p of people) await answer(bot.store, (await eventById(bot.store, id!))!, p.id, "going", now, TZ);
    const list = await d.slash(PAT, "/event", `checkin ${id}`);
    const body = (await d.response(list.id)).body;
    expect((body.blocks as unknown[]).length).toBeLessThanOrEqual(50);
    const named = buttonsOf(body).filter((b) => String(b.text.text).startsWith("Present: "));
    expect(named).toHaveLength(10);
    expect(buttonsOf(body).every((b) => b.text.text !== "Present")).toBe(true);
    expect(textOf(body)).toContain("Showing 1–10 of 30");
    const next = buttonsOf(body).find((b) => b.text.text === "Next 10")!;
    const clicked = await d.click(PAT, next.action_id);
    const page2 = (await d.response(clicked.id)).body;
    expect(page2.replace_original).toBe(true);
    expect(textOf(page2)).toContain("Showing 11–20 of 30");
    const more = buttonsOf(page2).filter((b) => String(b.text.text).startsWith("Present: ")).map((b) => b.text.text);
    expect(more).toHaveLength(10);
    for (const label of more) expect(named.map((b) => b.text.text)).not.toContain(label);
  });
});
