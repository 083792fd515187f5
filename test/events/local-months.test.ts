// Turnout months are the local's: an event on Saturday 31 October at 6 pm in Oregon (1 am on
// 1 November in UTC) is October's, and "the last month" starts at local midnight on the 1st.
import { afterEach, describe, expect, it } from "vitest";
import { buttons, eventsWorld, textOf, type World } from "./helpers.ts";

let w: World;
afterEach(() => w?.store.close());

describe("turnout by local month", () => {
  it("files Sat 31 Oct 18:00 Pacific under October, never November", async () => {
    w = await eventsWorld(new Date("2026-10-20T17:00:00Z"));
    const id = await w.publish("pat", { title: "Halloween phone bank", when: "2026-10-31 18:00-20:00", where: "Union hall", audience: "SL-083" });
    const show = await w.run("maria", `/event show ${id}`);
    await w.click("maria", buttons(show.reply).find((b) => b.label === "Going")!.token);
    w.clock.set(new Date("2026-11-30T20:00:00Z"));

    const two = await w.run("pat", "/event report SL-083 2");
    const csv = String(two.reply.files.find((f) => f.name.endsWith(".csv"))!.data);
    expect(csv).toMatch(/^2026-10,sublocal:SL-083,meeting,1,/m);
    expect(csv).not.toMatch(/^2026-11,/m);
    expect(textOf(two.reply)).toContain("Events: 1");

    // The last month is November in Oregon: from midnight on 1 November local, which the event precedes.
    expect(textOf((await w.run("pat", "/event report SL-083 1")).reply)).toContain("No events for Sub-local SL-083 in the last month.");
  });
});
