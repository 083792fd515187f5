// An announcement keeps its counts current, edited in place (one edit for a burst of answers), and
// a cancellation takes its buttons away and tells the channel.
import { afterEach, describe, expect, it } from "vitest";
import { buttons, eventsWorld, textOf, type World } from "./helpers.ts";

let w: World;
afterEach(() => w?.store.close());

const basics = { title: "Monthly sub-local meeting", when: "2026-12-03 18:00-19:30", where: "Union hall, room 2", audience: "SL-083" };

describe("the announcement as answers come", () => {
  it("is edited in place with the new counts, once for a burst; a cancel removes its buttons and tells the channel", async () => {
    w = await eventsWorld();
    await w.run("pat", "/event channel SL-083", "sl083");
    const id = await w.publish("pat", basics);
    await w.deliver();
    const ann = w.poster.deliveries.find((d) => d.target.channelId === "sl083")!;
    expect(ann.text).toContain("0 going");
    const going = buttons(ann.reply).find((b) => b.label === "Going")!;
    for (const who of ["maria", "sam", "tom"]) await w.click(who, going.token);
    w.clock.advance(6_000);
    await w.deliver();
    expect(w.poster.edits).toHaveLength(1);
    expect(w.poster.edits[0]!.target.channelId).toBe("sl083");
    expect(w.poster.edits[0]!.messageId).toBe(ann.messageId);
    // A channel reads counts as published: three is "fewer than 5".
    expect(w.poster.edits[0]!.text).toContain("fewer than 5 going");
    expect(buttons(w.poster.edits[0]!.reply).map((b) => b.label)).toEqual(["Going", "Maybe", "Can't go"]);
    // Nothing new posted in the channel for the answers.
    expect(w.poster.deliveries.filter((d) => d.target.channelId === "sl083")).toHaveLength(1);

    expect(textOf((await w.run("pat", `/event cancel ${id}`)).reply)).toContain("is cancelled");
    await w.deliver();
    const last = w.poster.edits.at(-1)!;
    expect(last.messageId).toBe(ann.messageId);
    expect(last.text).toContain("This event was cancelled.");
    expect(buttons(last.reply)).toEqual([]);
    const told = w.poster.deliveries.filter((d) => d.target.channelId === "sl083");
    expect(told).toHaveLength(2);
    expect(told[1]!.text).toContain("“Monthly sub-local meeting” on");
    expect(told[1]!.text).toContain("is cancelled");
  });
});
