// The event form reads dates as people write them, in the local's time zone, and says what is
// wrong with each kind of mistake (with an example that works); a number of places written as a
// word is asked for as a number; "Zoom https://…" is the online link, not a place.
import { afterEach, describe, expect, it } from "vitest";
import { handleCommand, handleForm } from "../../commands/core/dispatch.ts";
import { eventById } from "./db.ts";
import { web } from "../helpers/store.ts";
import { buttons, eventsWorld, textOf, type World } from "./helpers.ts";

let w: World;
/** The reply of a form that was accepted (a refusal fails the test with its errors). */
const accepted = (r: { ok: true; reply: import("../../commands/core/reply.ts").RenderedReply } | { ok: false; errors: Record<string, string> }) => {
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.reply;
};
afterEach(() => w?.store.close());

const basics = { title: "Contract campaign meeting", where: "Union hall, room 2", audience: "SL-083", kind: "meeting" };

async function tryWhen(when: string, who = "pat") {
  const f = (await w.run(who, "/event create")).reply.form!;
  return w.submit(who, f.token, { ...basics, when });
}

describe("the event form's date and time", () => {
  it("accepts 12/17/2026 6pm, Dec 17 6pm and 2026-12-17 18:00 as 6 pm in Oregon", async () => {
    w = await eventsWorld(); // 2026-11-23, 9 am in Oregon
    for (const when of ["12/17/2026 6pm", "Dec 17 6pm", "2026-12-17 18:00", "Thu, Dec 17 at 6:00 p.m.", "12/17/2026 6-7pm"]) {
      const r = await tryWhen(when);
      expect(r, when).toMatchObject({ ok: true });
      expect(textOf(accepted(r)), when).toContain("When: Thu, Dec 17, 2026, 6:00 PM PST – 7:00 PM PST");
    }
    const id = await w.publish("pat", { ...basics, when: "12/17/2026 6pm" });
    expect((await eventById(w.store, id))).toMatchObject({ startsAt: "2026-12-18T02:00:00.000+00:00", endsAt: "2026-12-18T03:00:00.000+00:00" });
  });

  it("says what is wrong with each mistake, with an example dated ahead, and saves nothing", async () => {
    w = await eventsWorld();
    const error = async (when: string) => {
      const r = await tryWhen(when);
      expect(r.ok, when).toBe(false);
      return (r as { errors: Record<string, string> }).errors.when!;
    };
    expect(await error("2026-02-30 18:00")).toBe("“2026-02-30 18:00” is not a real date or time: check the day, the month and the hour. For example: 2026-11-30 18:00-19:30.");
    expect(await error("12/17/2026 25:00")).toContain("is not a real date or time");
    expect(await error("2026-11-20 18:00-19:00")).toBe("Fri, Nov 20, 2026, 6:00 PM PST has already passed. Pick a time in the future, like 2026-11-30 18:00-19:30.");
    expect(await error("2026-12-03 19:00-18:00")).toBe("The end is before the start. Put the end after the start, like 2026-11-30 18:00-19:30. For an event that ends the next day, write both days: 2026-11-30 22:00 - 2026-12-01 02:00.");
    expect(await error("next Thursday evening")).toBe("We couldn't read “next Thursday evening” as a date and time. Write it like 2026-11-30 18:00-19:30, 11/30/2026 6-7:30pm or Nov 30 6pm (PST time).");
    // "Dec 17 6" could be morning or evening.
    expect(await error("Dec 17 6")).toContain("We couldn't read");
    expect(await w.eventCount()).toBe(0);
  });

  it("in Spanish: the message is Spanish and a Spanish month name is read", async () => {
    w = await eventsWorld();
    const actor = { ...web("pat"), locale: "es" };
    const f = (await handleCommand(w.core, { actor, text: "/event create" })).reply.form!;
    const bad = await handleForm(w.core, { actor, token: f.token, values: { ...basics, when: "30/02/2026 18:00" } });
    expect(bad).toMatchObject({ ok: false, errors: { when: "«30/02/2026 18:00» no es una fecha u hora que exista: revise el día, el mes y la hora. Por ejemplo: 2026-11-30 18:00-19:30." } });
    const good = await handleForm(w.core, { actor, token: f.token, values: { ...basics, when: "17 de diciembre 18:00-19:00" } });
    expect(textOf(accepted(good))).toContain("Cuándo: jue, 17 de dic de 2026, 6:00 p.m. PST – 7:00 p.m. PST");
  });

  it("an event past midnight: 22:00-01:00 ends the next morning; a date on the end also works", async () => {
    w = await eventsWorld();
    const a = await w.publish("pat", { ...basics, when: "2026-12-31 22:00-01:00" });
    expect((await eventById(w.store, a))).toMatchObject({ startsAt: "2027-01-01T06:00:00.000+00:00", endsAt: "2027-01-01T09:00:00.000+00:00" });
    const b = await w.publish("pat", { ...basics, when: "2026-12-31 20:00 - 2027-01-01 09:00" });
    expect((await eventById(w.store, b))).toMatchObject({ endsAt: "2027-01-01T17:00:00.000+00:00" });
    expect(textOf((await w.run("pat", `/event show ${b}`)).reply)).toMatch(/Dec 31, 2026, 8:00 PM PST – Fri, Jan 1, 2027, 9:00 AM PST/);
  });
});

describe("number of places and the online link", () => {
  it("“ten” places is asked for as a number; 1,000 is read; zero is out of range", async () => {
    w = await eventsWorld();
    const f = (await w.run("pat", "/event create")).reply.form!;
    const preview = await w.submit("pat", f.token, { ...basics, when: "2026-12-17 18:00-19:00" });
    const more = await w.click("pat", buttons(accepted(preview)).find((b) => b.label === "More details")!.token);
    const token = more.reply.form!.token;
    expect(await w.submit("pat", token, { capacity: "ten" })).toEqual({ ok: false, errors: { capacity: "“ten” is not a number. Write a number, like 10, or leave it empty for no limit." } });
    expect(await w.submit("pat", token, { capacity: "0" })).toEqual({ ok: false, errors: { capacity: "Write a number from 1 to 100,000, or leave it empty for no limit." } });
    expect(textOf(accepted(await w.submit("pat", token, { capacity: "1,000" })))).toContain("Places: 1,000");
    expect(await w.submit("pat", token, { deadline: "12/16/2026 5pm" })).toMatchObject({ ok: true });
    expect(await w.submit("pat", token, { deadline: "someday" })).toEqual({ ok: false, errors: { deadline: "We couldn't read “someday” as a date. Write it like 2026-11-30 17:00 or 11/30/2026 5pm." } });
  });

  it("“Zoom https://…” is saved as the online link with no place", async () => {
    w = await eventsWorld();
    const id = await w.publish("pat", { ...basics, when: "2026-12-17 18:00-19:00", where: "Zoom https://zoom.us/j/8675309" });
    expect((await eventById(w.store, id))).toMatchObject({ link: "https://zoom.us/j/8675309", place: null });
    const shown = textOf((await w.run("maria", `/event show ${id}`)).reply);
    expect(shown).toContain("Online link: https://zoom.us/j/8675309");
    expect(shown).not.toContain("Place:");
    const both = await w.publish("pat", { ...basics, when: "2026-12-17 18:00-19:00", where: "Teams: https://teams.example/x | Union hall, room 2" });
    expect((await eventById(w.store, both))).toMatchObject({ link: "https://teams.example/x", place: "Union hall, room 2" });
  });
});
