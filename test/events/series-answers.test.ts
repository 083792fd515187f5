// A repeating event is answered per date or for every date: the announcement has a row of buttons
// for its next date (named on each button) and one for every date, `/event rsvp ID ANSWER all|DATE`
// does the same by command, each reply says exactly what was answered for, places are counted per
// date (a full date puts the person on that date's waiting list), and the announcement lists each
// date's counts.
import { afterEach, describe, expect, it } from "vitest";
import { answer, counts, eventById, rsvpOf } from "./db.ts";
import { buttons, eventsWorld, textOf, type World } from "./helpers.ts";

let w: World;
afterEach(() => w?.store.close());

const TZ = "America/Los_Angeles";
const basics = { title: "Weekly steward hour", when: "2026-12-03 18:00-19:00", where: "Union hall, room 2", audience: "SL-083" };
const mine = (ids: number[], who: string) => Promise.all(ids.map(async (id) => (await rsvpOf(w.store, id, await w.personId(who)))?.status ?? null));

describe("answering a repeating event", () => {
  it("the announcement offers this date or every date, and each reply says which", async () => {
    w = await eventsWorld();
    await w.run("pat", "/event channel SL-083", "sl083");
    const first = await w.publish("pat", basics, { repeat: "weekly", capacity: "2", visibility: "members" });
    const ids = await w.seriesDates(first);
    await w.deliver();
    const ann = w.poster.deliveries.find((d) => d.target.channelId === "sl083")!;
    const labels = buttons(ann.reply).map((b) => b.label);
    expect(labels).toEqual(["Going on Dec 3", "Maybe on Dec 3", "Can't go on Dec 3", "Going, every date", "Maybe, every date", "Can't go, any date"]);
    expect(ann.text).toContain("Dates");
    expect(ann.text).toContain("And 6 more dates");

    // One date: only that date, and the reply names it.
    const thisDate = await w.click("maria", buttons(ann.reply).find((b) => b.label === "Going on Dec 3")!.token);
    expect(textOf(thisDate.reply)).toContain("This answer is for Thu, Dec 3, 2026, 6:00 PM PST only. To answer for every date: /event rsvp");
    expect(await mine(ids, "maria")).toEqual(["going", ...Array(11).fill(null)]);

    // Every date: twelve answers, and the reply counts them.
    const every = await w.click("sam", buttons(ann.reply).find((b) => b.label === "Going, every date")!.token);
    expect(textOf(every.reply)).toContain("You are going to “Weekly steward hour” on every date from Thu, Dec 3, 2026, 6:00 PM PST on (12 dates).");
    expect(await mine(ids, "sam")).toEqual(Array(12).fill("going"));

    // Places are per date: Dec 3 now has its two; Carla's "every date" waits for that date only.
    const carla = textOf((await w.run("carla", `/event rsvp ${first} going all`)).reply);
    expect(carla).toContain("(12 dates)");
    expect(carla).toContain("Dec 3 is full: you are on the waiting list for that date.");
    expect(await mine(ids, "carla")).toEqual(["waitlist", ...Array(11).fill("going")]);
    for (const id of ids) expect((await counts(w.store, id)).going, `date ${id}`).toBeLessThanOrEqual(2);

    // A date by name; a date the series does not have is named with the ones it has.
    const dec17 = textOf((await w.run("tom", `/event rsvp ${first} maybe Dec 17`)).reply);
    expect(dec17).toContain("You might go to “Weekly steward hour”.");
    expect(dec17).toContain("This answer is for Thu, Dec 17, 2026, 6:00 PM PST only.");
    expect(await mine(ids, "tom")).toEqual([null, null, "maybe", ...Array(9).fill(null)]);
    expect(textOf((await w.run("tom", `/event rsvp ${first} maybe Dec 18`)).reply)).toContain("“Weekly steward hour” has no date on Fri, Dec 18, 2026. Its next dates: Dec 3, Dec 10, Dec 17");
    expect(textOf((await w.run("tom", `/event rsvp ${first} maybe someday`)).reply)).toContain("We couldn't read “someday” as a date.");

    // The announcement, edited in place, lists each date's counts (released for a channel).
    w.clock.advance(6_000);
    await w.deliver();
    const edit = w.poster.edits.at(-1)!;
    expect(edit.messageId).toBe(ann.messageId);
    expect(edit.text).toMatch(/Thu, Dec 3, 2026, 6:00 PM PST – 7:00 PM PST — fewer than 5 going · 0 maybe · 0 can't · fewer than 5 waiting/);
  });

  it("cancelling one date tells only those who answered for it; the series' announcement shows the next date", async () => {
    w = await eventsWorld();
    await w.run("pat", "/event channel SL-083", "sl083");
    const first = await w.publish("pat", basics, { repeat: "weekly", visibility: "members" });
    const ids = await w.seriesDates(first);
    await w.deliver();
    await answer(w.store, (await eventById(w.store, ids[0]!))!, await w.personId("maria"), "going", w.clock.now(), TZ);
    await answer(w.store, (await eventById(w.store, ids[1]!))!, await w.personId("sam"), "going", w.clock.now(), TZ);
    await w.run("pat", `/event cancel ${ids[0]}`);
    await w.deliver();
    const told = w.poster.deliveries.filter((d) => d.text.includes("is cancelled"));
    expect(told.map((d) => d.target.userId ?? d.target.channelId).sort()).toEqual(["maria", "sl083"]);
    const last = w.poster.edits.at(-1)!;
    expect(last.text).toContain("When: Thu, Dec 10, 2026");
    expect(buttons(last.reply)[0]!.label).toBe("Going on Dec 10");
  });
});
