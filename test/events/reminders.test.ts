// Reminders the day before (same local time) and an hour before, across the autumn clock change,
// each delivered once even when the bot restarts between runs; none for people no longer coming.
import { afterEach, describe, expect, it } from "vitest";
import { getJobByKey } from "../../db/jobs.ts";
import { eventById, reminderKey, reminderTimes } from "./db.ts";
import { buttons, eventsWorld, textOf, type World } from "./helpers.ts";

let w: World;
afterEach(() => w?.store.close());

describe("event reminders", () => {
  it("computes the day-before reminder in local time across DST (25 hours before on the changeover)", () => {
    const start = new Date("2026-11-01T18:00:00Z"); // Sun 1 Nov 2026, 10:00 PST (clocks went back at 02:00)
    const at = reminderTimes(start, "America/Los_Angeles");
    expect(at.day.toISOString()).toBe("2026-10-31T17:00:00.000Z"); // Sat 31 Oct, 10:00 PDT
    expect(at.hour.toISOString()).toBe("2026-11-01T17:00:00.000Z");
    const spring = reminderTimes(new Date("2027-03-14T17:00:00Z"), "America/Los_Angeles"); // Sun 14 Mar 2027, 10:00 PDT
    expect(spring.day.toISOString()).toBe("2027-03-13T18:00:00.000Z"); // Sat 13 Mar, 10:00 PST: 23 hours before
  });

  it("sends each reminder once at its instant, across a restart, only to Going and Maybe", async () => {
    w = await eventsWorld(new Date("2026-10-25T17:00:00Z"));
    const id = await w.publish("pat", { title: "Bargaining update", when: "2026-11-01 10:00-11:00", where: "https://meet.example/bargain", audience: "SL-083" });
    const show = await w.run("maria", `/event show ${id}`);
    const b = (label: string) => buttons(show.reply).find((x) => x.label === label)!.token;
    await w.click("maria", b("Going"));
    await w.click("sam", b("Maybe"));
    await w.click("carla", b("Going"));
    await w.click("carla", b("Can't go")); // changed her mind: her reminders are cancelled in the same transaction
    expect((await getJobByKey(w.store, reminderKey(id, await w.personId("carla"), "day", (await eventById(w.store, id))!.startsAt)))?.status).toBe("cancelled");
    expect((await getJobByKey(w.store, reminderKey(id, await w.personId("maria"), "day", (await eventById(w.store, id))!.startsAt)))?.dueAt.toISOString()).toBe("2026-10-31T17:00:00.000Z");

    const reminders = () => w.poster.deliveries.filter((d) => d.text.includes("Reminder:"));
    w.clock.set(new Date("2026-10-31T16:59:00Z"));
    await w.deliver();
    expect(reminders()).toHaveLength(0);
    w.clock.set(new Date("2026-10-31T17:00:00Z"));
    await w.deliver(); // one process…
    await w.deliver(); // …and a restarted one: nothing twice
    expect(reminders().map((d) => `${d.target.userId}:${d.text.split("\n")[0]}`).sort()).toEqual([
      "maria:⏰ Reminder: “Bargaining update” is tomorrow.",
      "sam:⏰ Reminder: “Bargaining update” is tomorrow.",
    ]);
    expect(reminders()[0]!.text).toContain("https://meet.example/bargain");
    expect(reminders()[0]!.text).toContain("10:00 AM PST");

    // Sam says he can't after all: the hour-before reminder is not sent to him.
    await w.click("sam", b("Can't go"));
    w.clock.set(new Date("2026-11-01T17:00:00Z"));
    await w.deliver();
    await w.deliver();
    const hour = reminders().filter((d) => d.text.includes("starts in an hour"));
    expect(hour.map((d) => d.target.userId)).toEqual(["maria"]);
    expect(reminders().filter((d) => d.target.userId === "carla")).toHaveLength(0);
    expect(textOf(show.reply)).toContain("Bargaining update");
  });
});
