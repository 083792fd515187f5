// Events through the real core, the real scheduler and SQLite, with the clock controlled:
// permissions, announcement, RSVP with capacity and waitlist under concurrent clicks, organiser
// tools, check-in and turnout.
import { afterEach, describe, expect, it } from "vitest";
import { data } from "../../db/data.ts";
import { handleAction } from "../../commands/core/dispatch.ts";
import { counts, rsvpOf } from "./db.ts";
import { web } from "../helpers/store.ts";
import { buttons, eventsWorld, textOf, type World } from "./helpers.ts";

let w: World;
afterEach(() => w?.store.close());

const basics = { title: "Monthly sub-local meeting", when: "2026-12-03 18:00-19:30", where: "https://meet.example/sl083 | Union hall, room 2", audience: "SL-083" };

describe("who may create an event", () => {
  it("officers for their sub-local, directors for their area, staff anywhere; members not at all", async () => {
    w = await eventsWorld();
    expect(textOf((await w.run("maria", "/event create")).reply)).toMatch(/not allowed|only/i);
    const tryAs = async (who: string, audience: string) => {
      const f = (await w.run(who, "/event create")).reply.form!;
      return w.submit(who, f.token, { ...basics, audience, kind: "meeting" });
    };
    expect(await tryAs("pat", "SL-083")).toMatchObject({ ok: true });
    expect(await tryAs("pat", "SL-390")).toEqual({ ok: false, errors: { audience: "You can create events only for your own sub-local or area." } });
    expect(await tryAs("pat", "statewide")).toMatchObject({ ok: false });
    expect(await tryAs("dana", "SL-083")).toMatchObject({ ok: true }); // Human Services group
    expect(await tryAs("dana", "group:human services")).toMatchObject({ ok: true });
    expect(await tryAs("dana", "SL-140")).toMatchObject({ ok: false }); // Transportation
    expect(await tryAs("sofia", "statewide")).toMatchObject({ ok: true });
    expect(await tryAs("sofia", "SL-999")).toEqual({ ok: false, errors: { audience: "We don't know “SL-999”. Check the spelling." } });
    const bad = (await w.run("pat", "/event create")).reply.form!;
    expect(await w.submit("pat", bad.token, { ...basics, when: "2026-12-03 19:00-18:00", kind: "meeting" })).toMatchObject({ ok: false, errors: { when: expect.stringContaining("The end is before the start. Put the end after the start, like 2026-11-30 18:00-19:30.") } });
    expect(await w.submit("pat", bad.token, { ...basics, when: "2026-11-01 18:00-19:00", kind: "meeting" })).toMatchObject({ ok: false, errors: { when: expect.stringContaining("already passed") } });
    expect(await w.eventCount()).toBe(0);
  });
});

describe("announce and RSVP", () => {
  it("announces in the following channel once, in the local time zone, with working buttons", async () => {
    w = await eventsWorld();
    expect(textOf((await w.run("maria", "/event channel SL-083", "sl083")).reply)).toMatch(/Only officers/);
    expect(textOf((await w.run("pat", "/event channel SL-083", "sl083")).reply)).toContain("will get announcements of events for Sub-local SL-083");
    expect(textOf((await w.run("pat", "/event channel SL-390", "other")).reply)).toContain("only for your own");
    const id = await w.publish("pat", basics, { capacity: "2", description: "Agenda: contract campaign.", repeat: "none", visibility: "public" });
    await w.deliver();
    await w.deliver();
    const ann = w.poster.deliveries.filter((d) => d.target.channelId === "sl083");
    expect(ann).toHaveLength(1);
    expect(ann[0]!.text).toContain("Monthly sub-local meeting");
    expect(ann[0]!.text).toContain("6:00 PM");
    expect(ann[0]!.text).toContain("PST");
    expect(ann[0]!.text).toContain("https://meet.example/sl083");
    const going = buttons(ann[0]!.reply).find((b) => b.label === "Going")!;
    const r = await w.click("maria", going.token);
    expect(textOf(r.reply)).toContain("You are going to “Monthly sub-local meeting”");
    // A double click counts once.
    expect(textOf((await w.click("maria", going.token)).reply)).toContain("already said you are going");
    expect((await counts(w.store, id))).toMatchObject({ going: 1 });
    // Someone outside the audience cannot answer (SL-140 is not in SL-083's audience).
    expect(textOf((await w.click("paul", going.token)).reply)).toContain(`There is no event #${id}`);
  });

  it("never overfills under concurrent clicks, and promotes the first in line with a message", async () => {
    w = await eventsWorld();
    const id = await w.publish("pat", basics, { capacity: "2", repeat: "none", visibility: "members" });
    const show = await w.run("maria", `/event show ${id}`);
    const going = buttons(show.reply).find((b) => b.label === "Going")!;
    const people = ["maria", "sam", "carla", "tom", "pat"];
    const results = await Promise.all(people.map((p) => handleAction(w.core, { actor: web(p), token: going.token })));
    const texts = results.map((r) => textOf(r.reply));
    expect(texts.filter((t) => t.includes("You are going")).length).toBe(2);
    expect(texts.filter((t) => t.includes("waiting list")).length).toBe(3);
    expect((await counts(w.store, id))).toMatchObject({ going: 2, waitlist: 3 });
    const goingPeople = people.filter((_, i) => texts[i]!.includes("You are going"));
    const waiting = await data(w.store).all<{ personId: number }>(`SELECT "personId" FROM "EventRsvp" WHERE "eventId" = ? AND status = 'waitlist' ORDER BY "waitSince", id`, id);
    // One of the two gives up their place: the first in line is promoted and told.
    const cant = buttons(show.reply).find((b) => b.label === "Can't go")!;
    expect(textOf((await w.click(goingPeople[0]!, cant.token)).reply)).toContain("You can't go");
    expect((await rsvpOf(w.store, id, waiting[0]!.personId))?.status).toBe("going");
    expect((await counts(w.store, id))).toMatchObject({ going: 2, waitlist: 2, cant: 1 });
    await w.deliver();
    const ids = await Promise.all(people.map((p) => w.personId(p)));
    const promotedHandle = people[ids.indexOf(waiting[0]!.personId)]!;
    const told = w.poster.deliveries.filter((d) => d.target.userId === promotedHandle && d.text.includes("a place opened up"));
    expect(told).toHaveLength(1);
    // Changing Maybe → Going when full goes to the back of the line, never over capacity.
    const maybe = buttons(show.reply).find((b) => b.label === "Maybe")!;
    await w.click(goingPeople[0]!, maybe.token);
    expect(textOf((await w.click(goingPeople[0]!, going.token)).reply)).toContain("waiting list");
    expect((await counts(w.store, id)).going).toBe(2);
  });
});

describe("organiser tools", () => {
  it("message and cancel reach everyone coming; names only for the organiser; check-in and turnout", async () => {
    w = await eventsWorld();
    const id = await w.publish("pat", basics);
    const show = await w.run("maria", `/event show ${id}`);
    await w.click("maria", buttons(show.reply).find((b) => b.label === "Going")!.token);
    await w.click("sam", buttons(show.reply).find((b) => b.label === "Maybe")!.token);
    await w.click("carla", buttons(show.reply).find((b) => b.label === "Can't go")!.token);
    const asMember = textOf((await w.run("maria", `/event show ${id}`)).reply);
    // A member of the audience sees counts released like every published count; the organiser, who sees the names, exact ones.
    expect(asMember).toContain("fewer than 5 going · fewer than 5 maybe · fewer than 5 can't · 0 waiting");
    expect(asMember).not.toMatch(/Okafor|Nguyen/);
    expect(asMember).not.toMatch(/Check-in code/);
    const asOrganiser = textOf((await w.run("pat", `/event show ${id}`)).reply);
    expect(asOrganiser).toContain("Maria Alvarez");
    expect(asOrganiser).toContain("1 going · 1 maybe · 1 can't · 0 waiting");
    expect(asOrganiser).toContain("Sam Okafor — Maybe");
    expect(textOf((await w.run("maria", `/event message ${id} Bring your questions`)).reply)).toContain("Only the event's organiser");
    expect(textOf((await w.run("pat", `/event message ${id} Bring your questions`)).reply)).toContain("being sent to 2 people");
    w.clock.advance(5_000); // deliveries to several people are paced a little apart
    await w.deliver();
    expect(w.poster.deliveries.filter((d) => d.text.includes("Bring your questions")).map((d) => d.target.userId).sort()).toEqual(["maria", "sam"]);

    // At the start the organiser gets the check-in list.
    w.clock.set(new Date("2026-12-04T02:00:00Z"));
    await w.deliver();
    const list = w.poster.deliveries.find((d) => d.target.userId === "pat" && d.text.includes("Check-in: Monthly sub-local meeting"))!;
    expect(list.text).toContain("Maria Alvarez");
    const present = buttons(list.reply).find((b) => b.label === "Present: Maria Alvarez")!;
    expect(textOf((await w.click("pat", present.token)).reply)).toContain("Checked in: Maria Alvarez.");
    const code = /\/event here \d+ (\d{6})/.exec(list.text)![1]!;
    expect(textOf((await w.run("sam", `/event here ${id} 000000${code === "000000" ? "1" : ""}`)).reply)).toContain("does not match");
    expect(textOf((await w.run("sam", `/event here ${id} ${code}`)).reply)).toContain("You are checked in");
    w.clock.set(new Date("2026-12-05T02:00:00Z"));
    const turnout = textOf((await w.run("pat", `/event show ${id}`)).reply);
    expect(turnout).toMatch(/Said going: 1\b/);
    expect(turnout).toMatch(/Came: 2\b/);

    const report = await w.run("pat", "/event report SL-083 3");
    expect(textOf(report.reply)).toContain("Event turnout for Sub-local SL-083");
    const csv = report.reply.files.find((f) => f.name.endsWith(".csv"))!;
    // One said going and two came: counts of people below 5 read "fewer than 5" (events held are exact).
    expect(String(csv.data).split("\n").slice(0, 2)).toEqual(["month,audience,kind,events,said_going,attended", "2026-12,sublocal:SL-083,meeting,1,fewer than 5,fewer than 5"]);
    expect(textOf(report.reply)).toContain("fewer than 5");
    expect(report.reply.files.find((f) => f.mime === "image/png")!.data.length).toBeGreaterThan(1000);
    expect(textOf((await w.run("pat", "/event report SL-390")).reply)).toContain("only for your own");
  });

  it("cancel tells everyone coming once and stops their reminders", async () => {
    w = await eventsWorld();
    const id = await w.publish("pat", basics);
    const show = await w.run("maria", `/event show ${id}`);
    await w.click("maria", buttons(show.reply).find((b) => b.label === "Going")!.token);
    expect(textOf((await w.run("pat", `/event cancel ${id}`)).reply)).toContain("1 person is being told");
    expect(textOf((await w.run("pat", `/event cancel ${id}`)).reply)).toContain("already cancelled");
    w.clock.set(new Date("2026-12-04T01:30:00Z"));
    await w.deliver();
    const toMaria = w.poster.deliveries.filter((d) => d.target.userId === "maria").map((d) => d.text);
    expect(toMaria.filter((t) => t.includes("is cancelled"))).toHaveLength(1);
    expect(toMaria.filter((t) => t.includes("Reminder"))).toHaveLength(0);
    expect(textOf((await w.click("maria", buttons(show.reply).find((b) => b.label === "Going")!.token)).reply)).toContain("was cancelled");
  });
});

describe("home and handoff", () => {
  it("Home lists upcoming events with the person's answer; the handoff packet lists the sub-local's with counts, no names", async () => {
    w = await eventsWorld();
    const id = await w.publish("pat", basics);
    await w.publish("dana", { ...basics, title: "Portland meeting", audience: "SL-390" });
    const show = await w.run("maria", `/event show ${id}`);
    await w.click("maria", buttons(show.reply).find((b) => b.label === "Going")!.token);
    const { handleHome } = await import("../../commands/core/home.ts");
    const home = textOf(await handleHome(w.core, web("maria")));
    expect(home).toContain(`#${id} Monthly sub-local meeting`);
    expect(home).toContain("You are going");
    expect(home).not.toContain("Portland meeting");

    const { makeCtx } = await import("../../commands/core/dispatch.ts");
    const { resolveCaller } = await import("../../commands/core/identity.ts");
    const { eventsFeature } = await import("../../commands/events/index.ts");
    const ctx = makeCtx(w.core, web("pat"), await resolveCaller(w.store, web("pat"), w.clock.now()));
    const section = await eventsFeature.handoff!(ctx as never, { id: 1, code: "SL-083", name: "Salem State Workers" });
    expect(section!.markdown).toContain("Monthly sub-local meeting");
    // Pat organised it: his packet counts its answers exactly.
    expect(section!.markdown).toContain("1 going · 0 maybe");
    expect(section!.markdown).not.toMatch(/Maria|Alvarez|Portland/);
  });
});

describe("repeating events and the feed command", () => {
  it("a weekly event keeps its local time across the clock change", async () => {
    w = await eventsWorld(new Date("2026-10-20T17:00:00Z"));
    const id = await w.publish("pat", { ...basics, when: "2026-10-29 18:00-19:00" }, { repeat: "weekly", visibility: "members" });
    const rows = await data(w.store).all<{ startsAt: string; seriesId: number }>(`SELECT "startsAt", "seriesId" FROM "Event" ORDER BY "startsAt"`);
    expect(rows).toHaveLength(12);
    expect(rows.every((r) => r.seriesId === id)).toBe(true);
    expect(rows.slice(0, 2).map((r) => r.startsAt)).toEqual(["2026-10-30T01:00:00.000+00:00", "2026-11-06T02:00:00.000+00:00"]); // 18:00 PDT, then 18:00 PST
  });

  it("/event feed gives a private address that works until revoked", async () => {
    w = await eventsWorld();
    const { personByFeedToken } = await import("./db.ts");
    const text = textOf((await w.run("maria", "/event feed")).reply);
    const token = /\/events\/feed\/([A-Za-z0-9_-]+)\.ics/.exec(text)![1]!;
    expect((await personByFeedToken(w.store, token))).toBe(await w.personId("maria"));
    expect(textOf((await w.run("maria", "/event feed revoke")).reply)).toContain("no longer works");
    expect((await personByFeedToken(w.store, token))).toBeUndefined();
    expect(textOf((await w.run("maria", "/event feed revoke")).reply)).toContain("You had no calendar address");
  });
});

describe("answer-by time", () => {
  it("after the RSVP deadline nobody can say Going, but a place can still be given up", async () => {
    w = await eventsWorld();
    const id = await w.publish("pat", basics, { deadline: "2026-12-01 17:00", repeat: "none", visibility: "members" });
    const show = await w.run("maria", `/event show ${id}`);
    expect(textOf(show.reply)).toMatch(/Answer by: .*Dec 1, 2026.*5:00 PM/);
    const b = (label: string) => buttons(show.reply).find((x) => x.label === label)!.token;
    await w.click("maria", b("Going"));
    w.clock.set(new Date("2026-12-02T02:00:00Z")); // 18:00 on 1 December in Oregon: past the deadline
    expect(textOf((await w.click("sam", b("Going"))).reply)).toContain("Answers for “Monthly sub-local meeting” are closed.");
    expect(textOf((await w.click("maria", b("Can't go"))).reply)).toContain("You can't go");
    expect((await counts(w.store, id))).toMatchObject({ going: 0, cant: 1 });
    const bad = await w.run("pat", "/event create");
    expect(textOf((await w.run("maria", "/event show 999")).reply)).toContain("There is no event #999");
    expect(bad.reply.form?.title).toBe("New event");
  });
});
