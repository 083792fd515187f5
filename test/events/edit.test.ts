// `/event edit ID`: the create form's pages filled in with the event as it is; Save changes it in
// place, edits the channel announcement in place, and tells everyone who answered what changed,
// once, each in their own language; fewer places than people going is refused with the reason;
// only the organiser, officers over its audience and staff may edit, and both edits and refusals
// are audited.
import { afterEach, describe, expect, it } from "vitest";
import { answer, eventById, reminderKey, rsvpOf } from "./db.ts";
import { data } from "../../db/data.ts";
import { getJobByKey } from "../../db/jobs.ts";
import { buttons, eventsWorld, textOf, type World } from "./helpers.ts";

let w: World;
afterEach(() => w?.store.close());

const TZ = "America/Los_Angeles";
const basics = { title: "Contract campaign meeting", when: "2026-12-03 18:00-19:30", where: "Union hall, room 2", audience: "SL-083" };
const audits = async (action: string) => Number((await data(w.store).one<{ n: number }>(`SELECT count(*) AS n FROM "AuditEntry" WHERE "action" = ?`, action))!.n);

async function openEdit(who: string, id: number, all = false) {
  const opened = await w.run(who, `/event edit ${id}${all ? " all" : ""}`);
  if (!opened.reply.form) throw new Error(textOf(opened.reply));
  return opened.reply.form;
}

describe("/event edit", () => {
  it("pre-fills the form, saves in place, edits the announcement and tells each person once in their language", async () => {
    w = await eventsWorld();
    await w.run("pat", "/event channel SL-083", "sl083");
    const id = await w.publish("pat", basics, { capacity: "20", visibility: "members" });
    await w.deliver();
    const ann = w.poster.deliveries.find((d) => d.target.channelId === "sl083")!;
    await w.run("maria", "/unionhall language es");
    await answer(w.store, (await eventById(w.store, id))!, await w.personId("maria"), "going", w.clock.now(), TZ);
    await answer(w.store, (await eventById(w.store, id))!, await w.personId("sam"), "cant", w.clock.now(), TZ);

    const form = await openEdit("pat", id);
    expect(form.title).toBe("Change event #" + id);
    expect(Object.fromEntries(form.fields.map((f) => [f.name, f.initial]))).toEqual({ title: basics.title, when: "2026-12-03 18:00-19:30", where: "Union hall, room 2", audience: "SL-083", kind: "meeting" });
    const preview = await w.submit("pat", form.token, { ...basics, kind: "meeting", when: "2026-12-03 19:00-20:30", where: "Union hall, room 5" });
    if (!preview.ok) throw new Error(JSON.stringify(preview.errors));
    expect(buttons(preview.reply).map((b) => b.label)).toEqual(["Save changes", "More details", "Change"]);
    // The details page keeps what was there.
    const more = await w.click("pat", buttons(preview.reply).find((b) => b.label === "More details")!.token);
    expect(more.reply.form!.fields.find((f) => f.name === "capacity")!.initial).toBe("20");
    const saved = await w.click("pat", buttons(preview.reply).find((b) => b.label === "Save changes")!.token);
    expect(textOf(saved.reply)).toContain("“Contract campaign meeting” is changed. 2 people who answered are being told what changed.");
    expect((await eventById(w.store, id))).toMatchObject({ startsAt: "2026-12-04T03:00:00.000+00:00", endsAt: "2026-12-04T04:30:00.000+00:00", place: "Union hall, room 5", capacity: 20 });
    // Reminders follow the new time.
    expect((await getJobByKey(w.store, reminderKey(id, await w.personId("maria"), "hour", (await eventById(w.store, id))!.startsAt)))!.dueAt.toISOString()).toBe("2026-12-04T02:00:00.000Z");
    expect((await getJobByKey(w.store, `event.checkin:${id}`))!.dueAt.toISOString()).toBe("2026-12-04T03:00:00.000Z");

    // The messages are paced a quarter second apart.
    w.clock.advance(1_000);
    await w.deliver();
    const told = w.poster.deliveries.filter((d) => d.text.includes("✏️"));
    expect(told.map((d) => d.target.userId).sort()).toEqual(["maria", "sam"]);
    const maria = told.find((d) => d.target.userId === "maria")!.text;
    expect(maria).toContain("«Contract campaign meeting» cambió");
    expect(maria).toContain("antes jue, 3 de dic de 2026, 6:00 p.m. PST – 7:30 p.m. PST, ahora jue, 3 de dic de 2026, 7:00 p.m. PST – 8:30 p.m. PST");
    expect(maria).toContain("antes Union hall, room 2, ahora Union hall, room 5");
    const sam = told.find((d) => d.target.userId === "sam")!.text;
    expect(sam).toContain("“Contract campaign meeting” has changed");
    expect(sam).toContain("When: was Thu, Dec 3, 2026, 6:00 PM PST – 7:30 PM PST, now Thu, Dec 3, 2026, 7:00 PM PST – 8:30 PM PST");
    expect(sam).not.toContain("Places:");
    // The channel's announcement is edited, not posted again.
    const edit = w.poster.edits.at(-1)!;
    expect(edit.messageId).toBe(ann.messageId);
    expect(edit.text).toContain("Place: Union hall, room 5");
    expect(w.poster.deliveries.filter((d) => d.target.channelId === "sl083")).toHaveLength(1);
    expect(await audits("event.edit")).toBe(1);
  });

  it("refuses fewer places than people going, with the reason, and changes nothing", async () => {
    w = await eventsWorld();
    const id = await w.publish("pat", basics, { capacity: "3", visibility: "members" });
    for (const who of ["maria", "sam", "carla", "tom"]) await answer(w.store, (await eventById(w.store, id))!, await w.personId(who), "going", w.clock.now(), TZ);
    expect((await rsvpOf(w.store, id, await w.personId("tom")))!.status).toBe("waitlist");
    const form = await openEdit("pat", id);
    const preview = await w.submit("pat", form.token, { ...basics, kind: "meeting" });
    if (!preview.ok) throw new Error(JSON.stringify(preview.errors));
    const more = await w.click("pat", buttons(preview.reply).find((b) => b.label === "More details")!.token);
    const r = await w.submit("pat", more.reply.form!.token, { capacity: "2", visibility: "members" });
    expect(r).toEqual({ ok: false, errors: { capacity: "3 people are already going on Thu, Dec 3, 2026, 6:00 PM PST, so there can't be fewer places than that. Keep at least 3, or ask people to give up their place first." } });
    // Changing how it repeats is refused too, saying how.
    const repeat = await w.submit("pat", more.reply.form!.token, { capacity: "3", repeat: "weekly", visibility: "members" });
    expect(repeat).toMatchObject({ ok: false, errors: { repeat: expect.stringContaining("How an event repeats can't be changed") } });
    expect((await eventById(w.store, id))!.capacity).toBe(3);
    // More places: the first in line gets one, and is told.
    const ok = await w.submit("pat", more.reply.form!.token, { capacity: "4", visibility: "members" });
    if (!ok.ok) throw new Error(JSON.stringify(ok.errors));
    expect(textOf((await w.click("pat", buttons(ok.reply).find((b) => b.label === "Save changes")!.token)).reply)).toContain("is changed");
    expect((await eventById(w.store, id))!.capacity).toBe(4);
    expect((await rsvpOf(w.store, id, await w.personId("tom")))!.status).toBe("going");
    await w.deliver();
    expect(w.poster.deliveries.some((d) => d.target.userId === "tom" && d.text.includes("a place opened up"))).toBe(true);
  });

  it("the organiser, another officer of the sub-local, the board director over it and staff may edit; a member may not (audited)", async () => {
    w = await eventsWorld();
    const id = await w.publish("pat", basics);
    for (const who of ["pat", "tom", "dana", "sofia"]) expect((await w.run(who, `/event edit ${id}`)).reply.form, who).toBeDefined();
    const refused = await w.run("maria", `/event edit ${id}`);
    expect(refused.reply.form).toBeUndefined();
    expect(textOf(refused.reply)).toContain("Only the event's organiser, an officer over who it is for, or staff can change it.");
    expect(await audits("event.edit.refused")).toBe(1);
    // The same rule for cancelling.
    expect(textOf((await w.run("maria", `/event cancel ${id}`)).reply)).toContain("can change it");
    expect(await audits("event.cancel.refused")).toBe(1);
  });

  it("edit ID all: every later date of a series moves to the new time on its own day; each person told once", async () => {
    w = await eventsWorld();
    const first = await w.publish("pat", { ...basics, title: "Weekly steward hour" }, { repeat: "weekly", visibility: "members" });
    const ids = await w.seriesDates(first);
    for (const id of ids.slice(1)) await answer(w.store, (await eventById(w.store, id))!, await w.personId("maria"), "going", w.clock.now(), TZ);
    const form = await openEdit("pat", ids[1]!, true);
    const preview = await w.submit("pat", form.token, { ...basics, title: "Weekly steward hour", kind: "meeting", when: "2026-12-10 17:00-18:00" });
    if (!preview.ok) throw new Error(JSON.stringify(preview.errors));
    const saved = textOf((await w.click("pat", buttons(preview.reply).find((b) => b.label === "Save changes")!.token)).reply);
    expect(saved).toContain("11 dates are changed. 1 person who answered is being told what changed.");
    expect((await eventById(w.store, ids[0]!))!.startsAt).toBe("2026-12-04T02:00:00.000+00:00");
    expect((await eventById(w.store, ids[1]!))!.startsAt).toBe("2026-12-11T01:00:00.000+00:00");
    // The same local time (5 pm) on each later date's own day.
    const local = await Promise.all(ids.slice(1).map(async (id) => new Date((await eventById(w.store, id))!.startsAt).toLocaleTimeString("en-US", { timeZone: TZ, hour: "numeric" })));
    expect(new Set(local)).toEqual(new Set(["5 PM"]));
    await w.deliver();
    expect(w.poster.deliveries.filter((d) => d.text.includes("✏️"))).toHaveLength(1);
    expect(w.poster.deliveries.find((d) => d.text.includes("✏️"))!.text).toContain("has changed, on 11 dates from Thu, Dec 10, 2026, 5:00 PM PST on");
  });
});

describe("an event past midnight", () => {
  it("21:00-01:00 ends the next day, shows both days, and reads back the same in the edit form", async () => {
    w = await eventsWorld();
    const id = await w.publish("pat", { ...basics, title: "Night shift meeting", when: "12/17/2026 9pm-1am" });
    expect((await eventById(w.store, id))).toMatchObject({ startsAt: "2026-12-18T05:00:00.000+00:00", endsAt: "2026-12-18T09:00:00.000+00:00" });
    expect(textOf((await w.run("maria", `/event show ${id}`)).reply)).toContain("When: Thu, Dec 17, 2026, 9:00 PM PST – Fri, Dec 18, 2026, 1:00 AM PST");
    const form = await openEdit("pat", id);
    const when = form.fields.find((f) => f.name === "when")!.initial!;
    expect(when).toBe("2026-12-17 21:00 - 2026-12-18 01:00");
    // Saved unchanged, it is the same event: nothing to tell anyone.
    const preview = await w.submit("pat", form.token, { ...basics, title: "Night shift meeting", kind: "meeting", when });
    if (!preview.ok) throw new Error(JSON.stringify(preview.errors));
    expect(textOf((await w.click("pat", buttons(preview.reply).find((b) => b.label === "Save changes")!.token)).reply)).toBe("Nothing was changed.");
    // Moved to end at 2 am instead, written the short way.
    const again = await w.submit("pat", form.token, { ...basics, title: "Night shift meeting", kind: "meeting", when: "2026-12-17 21:00-02:00" });
    if (!again.ok) throw new Error(JSON.stringify(again.errors));
    await w.click("pat", buttons(again.reply).find((b) => b.label === "Save changes")!.token);
    expect((await eventById(w.store, id))!.endsAt).toBe("2026-12-18T10:00:00.000+00:00");
  });
});
