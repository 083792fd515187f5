// A board director may create events for the sub-locals of their employer group and report on
// them; they also see those events, in /event list and /event show, and may answer them (counts
// released, not exact: names stay with the organiser and staff).
import { afterEach, describe, expect, it } from "vitest";
import { rsvpOf } from "./db.ts";
import { eventsWorld, textOf, type World } from "./helpers.ts";

let w: World;
afterEach(() => w?.store.close());

describe("a board director and the events of the sub-locals in their area", () => {
  it("sees SL-083's meeting, may answer it, and reads released counts", async () => {
    w = await eventsWorld();
    const id = await w.publish("pat", { title: "SL-083 budget meeting", when: "2026-12-03 18:00-19:30", where: "Union hall, room 2", audience: "SL-083" });
    expect(textOf((await w.run("dana", "/event list")).reply)).toContain(`#${id} SL-083 budget meeting`);
    const shown = textOf((await w.run("dana", `/event show ${id}`)).reply);
    expect(shown).toContain("SL-083 budget meeting");
    expect(shown).not.toContain("Who answered");
    expect(textOf((await w.run("dana", `/event rsvp ${id} going`)).reply)).toContain("You are going to “SL-083 budget meeting”.");
    expect((await rsvpOf(w.store, id, await w.personId("dana")))!.status).toBe("going");
    // Someone with no role over SL-083 still does not see it.
    const other = await w.publish("dana", { title: "SL-390 steward night", when: "2026-12-04 18:00-19:30", where: "Portland hall", audience: "SL-390" });
    expect(textOf((await w.run("maria", `/event show ${other}`)).reply)).toContain(`There is no event #${other} that you can see.`);
  });
});
