// Reminders follow an event that moves: a reminder not yet sent is moved to the new time; one
// already sent for the old time is sent again for the new time (nobody turns up at the old time or
// misses the new one); nothing is sent at the old times; a cancelled date reminds nobody.
import { afterEach, describe, expect, it } from "vitest";
import { data } from "../../db/data.ts";
import { answer, eventById, reminderKey } from "./db.ts";
import { getJobByKey, scheduleJob } from "../../db/jobs.ts";
import { repairAtStartup } from "../../commands/core/dispatch.ts";
import { buttons, eventsWorld, textOf, type World } from "./helpers.ts";

let w: World;
afterEach(() => w?.store.close());

const TZ = "America/Los_Angeles";
const basics = { title: "Contract campaign meeting", when: "2026-12-03 18:00-19:30", where: "Union hall, room 2", audience: "SL-083", kind: "meeting" };

/** The organiser moves the event through `/event edit` (with `all`, the rest of its series too). */
async function move(id: number, when: string, all = false) {
  const opened = await w.run("pat", `/event edit ${id}${all ? " all" : ""}`);
  if (!opened.reply.form) throw new Error(textOf(opened.reply));
  const preview = await w.submit("pat", opened.reply.form.token, { ...basics, title: (await eventById(w.store, id))!.title, when });
  if (!preview.ok) throw new Error(JSON.stringify(preview.errors));
  const saved = await w.click("pat", buttons(preview.reply).find((b) => b.label === "Save changes")!.token);
  expect(textOf(saved.reply)).toContain("changed");
}

/** Reminders delivered so far, as "person: first line". */
const reminders = () => w.poster.deliveries.filter((d) => d.text.includes("⏰")).map((d) => `${d.target.userId}: ${d.text.split("\n")[0]}`);

async function at(iso: string) {
  w.clock.set(new Date(iso));
  await w.deliver();
}

describe("reminders after an event moves", () => {
  it("moved a day later after the day-before reminder went out: reminded again for the new day, nothing at the old times", async () => {
    w = await eventsWorld(new Date("2026-11-23T17:00:00Z"));
    const id = await w.publish("pat", basics);
    for (const [who, a] of [["maria", "going"], ["sam", "maybe"], ["carla", "cant"]] as const) await answer(w.store, (await eventById(w.store, id))!, await w.personId(who), a, w.clock.now(), TZ);

    await at("2026-12-03T02:00:00Z"); // Wed 2 Dec, 6 pm: the day-before reminders for Thursday 6 pm
    expect(reminders().sort()).toEqual(["maria: ⏰ Reminder: “Contract campaign meeting” is tomorrow.", "sam: ⏰ Reminder: “Contract campaign meeting” is tomorrow."]);

    await at("2026-12-03T03:00:00Z"); // Wed 7 pm: moved to Friday 6 pm
    await move(id, "2026-12-04 18:00-19:30");
    await at("2026-12-03T03:00:01Z"); // everyone who answered is told what changed
    expect(w.poster.deliveries.filter((d) => d.text.includes("✏️")).map((d) => d.target.userId).sort()).toEqual(["carla", "maria", "sam"]);
    w.poster.deliveries.length = 0;

    await at("2026-12-04T01:00:00Z"); // Thu 5 pm: the old hour-before time
    expect(reminders()).toEqual([]);
    await at("2026-12-04T02:00:00Z"); // Thu 6 pm: the old start, and the day before the new one
    expect(reminders().sort()).toEqual(["maria: ⏰ Reminder: “Contract campaign meeting” is tomorrow.", "sam: ⏰ Reminder: “Contract campaign meeting” is tomorrow."]);
    expect(w.poster.deliveries.find((d) => d.text.includes("⏰"))!.text).toContain("Fri, Dec 4, 2026, 6:00 PM PST");
    await at("2026-12-05T01:00:00Z"); // Fri 5 pm: an hour before
    expect(reminders().filter((r) => r.includes("starts in an hour")).sort()).toEqual([
      "maria: ⏰ Reminder: “Contract campaign meeting” starts in an hour.",
      "sam: ⏰ Reminder: “Contract campaign meeting” starts in an hour.",
    ]);
    expect(reminders()).toHaveLength(4);
    expect(reminders().some((r) => r.startsWith("carla"))).toBe(false);
  });

  it("moved earlier: the reminders not yet sent move with it and none comes at the old times", async () => {
    w = await eventsWorld(new Date("2026-11-23T17:00:00Z"));
    const id = await w.publish("pat", { ...basics, when: "2026-12-10 18:00-19:30" });
    await answer(w.store, (await eventById(w.store, id))!, await w.personId("maria"), "going", w.clock.now(), TZ);
    await move(id, "2026-12-05 10:00-11:30");
    expect((await getJobByKey(w.store, reminderKey(id, await w.personId("maria"), "day", "2026-12-11T02:00:00Z")))!.status).toBe("cancelled");
    expect((await getJobByKey(w.store, reminderKey(id, await w.personId("maria"), "day", (await eventById(w.store, id))!.startsAt)))!.dueAt.toISOString()).toBe("2026-12-04T18:00:00.000Z");

    await at("2026-12-04T18:00:00Z");
    await at("2026-12-05T17:00:00Z");
    await at("2026-12-10T02:00:00Z");
    await at("2026-12-11T01:00:00Z");
    expect(reminders()).toEqual(["maria: ⏰ Reminder: “Contract campaign meeting” is tomorrow.", "maria: ⏰ Reminder: “Contract campaign meeting” starts in an hour."]);
  });

  it("moved within the last hour, after the hour-before reminder: reminded again an hour before the new time", async () => {
    w = await eventsWorld(new Date("2026-11-23T17:00:00Z"));
    const id = await w.publish("pat", basics);
    await answer(w.store, (await eventById(w.store, id))!, await w.personId("maria"), "going", w.clock.now(), TZ);
    await at("2026-12-04T01:00:00Z"); // Thu 5 pm: "starts in an hour"
    await at("2026-12-04T01:20:00Z");
    await move(id, "2026-12-03 20:00-21:30"); // pushed back two hours
    await at("2026-12-04T03:00:00Z"); // 7 pm
    expect(reminders().filter((r) => r.includes("starts in an hour"))).toHaveLength(2);
    expect(w.poster.deliveries.filter((d) => d.text.includes("⏰")).at(-1)!.text).toContain("8:00 PM PST");
  });

  it("a cancelled date of a series gets no reminder when the rest of the series moves", async () => {
    w = await eventsWorld(new Date("2026-11-23T17:00:00Z"));
    const first = await w.publish("pat", { ...basics, title: "Weekly steward hour" }, { repeat: "weekly", visibility: "members" });
    const ids = await w.seriesDates(first);
    for (const id of ids.slice(0, 3)) await answer(w.store, (await eventById(w.store, id))!, await w.personId("maria"), "going", w.clock.now(), TZ);
    await w.run("pat", `/event cancel ${ids[1]}`);
    await move(ids[0]!, "2026-12-03 19:00-20:30", true);
    const reminderEvents = async (status: string) => (await data(w.store).all<{ payload: string }>(`SELECT payload FROM "ScheduledJob" WHERE kind = 'event.reminder' AND status = ?`, status)).map((j) => (JSON.parse(j.payload) as { eventId: number }).eventId);
    expect((await reminderEvents("pending")).filter((e) => e === ids[1])).toHaveLength(0);
    expect((await reminderEvents("pending")).filter((e) => e === ids[2])).toHaveLength(2);
    for (const t of ["2026-12-04T03:00:00Z", "2026-12-11T02:00:00Z", "2026-12-11T03:00:00Z", "2026-12-18T02:00:00Z"]) await at(t);
    expect((await reminderEvents("sent")).sort()).toEqual([ids[0], ids[0], ids[2], ids[2]].sort());
  });

  it("a reminder still pending from before reminders named their start is given today's key at start-up, then neither doubled nor lost", async () => {
    w = await eventsWorld(new Date("2026-11-23T17:00:00Z"));
    const id = await w.publish("pat", basics);
    const maria = await w.personId("maria");
    const sam = await w.personId("sam");
    await answer(w.store, (await eventById(w.store, id))!, maria, "going", w.clock.now(), TZ);
    await data(w.store).run(`UPDATE "ScheduledJob" SET status = 'cancelled' WHERE kind = 'event.reminder'`);
    // As an older version of the bot left it: keyed without the start, the payload without it.
    const older = await scheduleJob(w.store, { kind: "event.reminder", target: { personId: maria }, payload: { eventId: id, which: "day" }, dueAt: new Date("2026-12-03T02:00:00Z"), timeZone: TZ, idempotencyKey: `event.reminder:${id}:${maria}:day` });
    // Sam has both: the older one is a duplicate.
    await answer(w.store, (await eventById(w.store, id))!, sam, "going", w.clock.now(), TZ);
    const samOlder = await scheduleJob(w.store, { kind: "event.reminder", target: { personId: sam }, payload: { eventId: id, which: "day" }, dueAt: new Date("2026-12-03T02:00:00Z"), timeZone: TZ, idempotencyKey: `event.reminder:${id}:${sam}:day` });
    // Pat has only the older one (never answered since): it is renamed in place.
    const pat = await w.personId("pat");
    const patOlder = await scheduleJob(w.store, { kind: "event.reminder", target: { personId: pat }, payload: { eventId: id, which: "hour" }, dueAt: new Date("2026-12-04T02:00:00Z"), timeZone: TZ, idempotencyKey: `event.reminder:${id}:${pat}:hour` });
    expect((await repairAtStartup(w.core)).event).toEqual({ reminderKeysRewritten: 2, reminderDuplicatesCancelled: 1 });
    expect((await repairAtStartup(w.core)).event).toBeUndefined();
    const startsAt = (await eventById(w.store, id))!.startsAt;
    expect((await getJobByKey(w.store, `event.reminder:${id}:${maria}:day`))?.status ?? "cancelled").toBe("cancelled");
    expect((await getJobByKey(w.store, reminderKey(id, maria, "day", startsAt)))).toMatchObject({ status: "pending", dueAt: new Date("2026-12-03T02:00:00Z") });
    expect(older.id).toBeGreaterThan(0);
    expect((await getJobByKey(w.store, `event.reminder:${id}:${sam}:day`))).toMatchObject({ id: samOlder.id, status: "cancelled" });
    await answer(w.store, (await eventById(w.store, id))!, maria, "maybe", w.clock.now(), TZ);
    await answer(w.store, (await eventById(w.store, id))!, sam, "cant", w.clock.now(), TZ);
    await at("2026-12-03T02:00:00Z");
    expect(reminders()).toEqual(["maria: ⏰ Reminder: “Contract campaign meeting” is tomorrow."]);
  });
});
