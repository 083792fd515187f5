// `/event list` shows every upcoming date, a repeating event's too, each with its own answer
// counts (exact for the organiser, released for a member, as /event show shows them), ten at a
// time with Next and Previous, so nothing past the first screen is lost.
import { afterEach, describe, expect, it } from "vitest";
import { answer, eventById } from "./db.ts";
import { buttons, eventsWorld, textOf, type World } from "./helpers.ts";

let w: World;
afterEach(() => w?.store.close());

const TZ = "America/Los_Angeles";
const line = (text: string, id: number) => text.split("\n").find((l) => l.includes(`#${id} `));

describe("/event list", () => {
  it("lists each date of a series with its own counts, ten at a time, and pages to the last", async () => {
    w = await eventsWorld();
    const weekly = await w.seriesDates(await w.publish("pat", { title: "Weekly steward hour", when: "2026-12-03 18:00-19:00", where: "Union hall, room 2", audience: "SL-083" }, { repeat: "weekly", visibility: "members" }));
    const monthly = await w.seriesDates(await w.publish("pat", { title: "Monthly membership meeting", when: "2026-12-15 18:00-19:30", where: "Union hall", audience: "SL-083" }, { repeat: "monthly", visibility: "members" }));
    const picnic = await w.publish("pat", { title: "Picnic", when: "2026-12-05 12:00-14:00", where: "Riverfront Park", audience: "SL-083" });
    expect(weekly.length + monthly.length + 1).toBe(17);
    // Five people going on the second weekly date, one on the third; Maria on every weekly date.
    for (const who of ["maria", "sam", "carla", "tom", "pat"]) await answer(w.store, (await eventById(w.store, weekly[1]!))!, await w.personId(who), "going", w.clock.now(), TZ);
    for (const id of weekly) await answer(w.store, (await eventById(w.store, id))!, await w.personId("maria"), "going", w.clock.now(), TZ);

    const first = await w.run("maria", "/event list");
    const page1 = textOf(first.reply);
    expect(page1).toContain("Upcoming events: 1–10 of 17");
    expect(page1).toContain(`#${picnic} Picnic`);
    // Each weekly date on its own line, with that date's own counts (released for a member).
    expect(line(page1, weekly[0]!)).toContain("Thu, Dec 3, 2026, 6:00 PM PST");
    expect(line(page1, weekly[1]!)).toContain("Thu, Dec 10, 2026, 6:00 PM PST");
    expect(line(page1, weekly[1]!)).toContain("5 going");
    expect(line(page1, weekly[2]!)).toContain("fewer than 5 going");
    expect(line(page1, weekly[1]!)).toContain("You are going");
    expect(line(page1, weekly[1]!)).toContain("🔁");
    expect(page1).toContain("A date of a repeating event: each date has its own answers.");
    expect(page1).toContain("Page 1 of 2.");
    expect(buttons(first.reply).map((b) => b.label)).toEqual(["Next 7"]);

    const second = await w.click("maria", buttons(first.reply)[0]!.token);
    expect(second.reply.update).toBe(true);
    const page2 = textOf(second.reply);
    expect(page2).toContain("Upcoming events: 11–17 of 17");
    for (const id of [weekly[11]!, monthly[3]!]) expect(line(page2, id), `#${id}`).toBeDefined();
    expect(line(page2, monthly[3]!)).toContain("Mar 15, 2027");
    expect(buttons(second.reply).map((b) => b.label)).toEqual(["Previous"]);
    const back = textOf((await w.click("maria", buttons(second.reply)[0]!.token)).reply);
    expect(back).toContain("Upcoming events: 1–10 of 17");

    // The organiser sees exact counts.
    const pat = textOf((await w.run("pat", "/event list")).reply);
    expect(line(pat, weekly[2]!)).toContain("1 going");
  });

  it("a short list stays one page, in the reader's language", async () => {
    w = await eventsWorld();
    const id = await w.publish("pat", { title: "Picnic", when: "2026-12-05 12:00-14:00", where: "Riverfront Park", audience: "SL-083" });
    await w.run("maria", "/unionhall language es");
    const r = await w.run("maria", "/event list");
    expect(buttons(r.reply)).toEqual([]);
    expect(textOf(r.reply)).toContain(`#${id} Picnic`);
    expect(textOf(r.reply)).toContain("Próximos eventos");
    expect(textOf(r.reply)).not.toContain("Página");
  });
});
