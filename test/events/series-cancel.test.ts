// A repeating event: cancelling one date says how to cancel the rest; `/event cancel ID all` cancels
// that date and every later one still on, and tells the people answering for each.
import { afterEach, describe, expect, it } from "vitest";
import { answer, eventById } from "./db.ts";
import { eventsWorld, textOf, type World } from "./helpers.ts";

let w: World;
afterEach(() => w?.store.close());

const TZ = "America/Los_Angeles";
const basics = { title: "Weekly steward hour", when: "2026-12-03 18:00-19:00", where: "Union hall, room 2", audience: "SL-083" };
const statuses = (ids: number[]) => Promise.all(ids.map(async (id) => (await eventById(w.store, id))!.status));

describe("cancelling a repeating event", () => {
  it("one date, then the rest of the series", async () => {
    w = await eventsWorld(new Date("2026-11-23T17:00:00Z"));
    const first = await w.publish("pat", basics, { repeat: "weekly", visibility: "members" });
    const ids = await w.seriesDates(first);
    expect(ids).toHaveLength(12);
    await answer(w.store, (await eventById(w.store, ids[2]!))!, await w.personId("maria"), "going", w.clock.now(), TZ);

    const one = textOf((await w.run("pat", `/event cancel ${ids[1]}`)).reply);
    expect(one).toContain("is cancelled");
    expect(one).toContain(`10 later dates of this series are still on. To cancel them too: /event cancel ${ids[1]} all`);
    expect((await statuses(ids)).filter((s) => s === "cancelled")).toHaveLength(1);

    const all = textOf((await w.run("pat", `/event cancel ${ids[2]} all`)).reply);
    expect(all).toContain("10 dates are cancelled (this one and every later one). 1 person is being told.");
    expect(await statuses(ids)).toEqual(["scheduled", ...Array(11).fill("cancelled")]);
    expect(textOf((await w.run("pat", `/event cancel ${ids[2]} all`)).reply)).toContain("already cancelled");
    expect(textOf((await w.run("maria", `/event cancel ${ids[0]} all`)).reply)).not.toContain("cancelled (this one");
    expect((await eventById(w.store, ids[0]!))!.status).toBe("scheduled");
  });
});
