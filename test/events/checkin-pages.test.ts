// The check-in list of a big event: every person has a button that names them, the list pages
// ten at a time (nobody past the 40th is lost), and a name search finds one person among many.
import { afterEach, describe, expect, it } from "vitest";
import { data } from "../../db/data.ts";
import { answer, counts, createEvent, eventById } from "./db.ts";
import { buttons, eventsWorld, textOf, type World } from "./helpers.ts";

let w: World;
afterEach(() => w?.store.close());

const TZ = "America/Los_Angeles";

/** An event starting in 30 minutes (check-in open) with `n` people going; returns its id. */
async function bigEvent(n: number): Promise<number> {
  w = await eventsWorld();
  const now = w.clock.now();
  const [id] = (await createEvent(w.store, { title: "Contract rally", description: null, kind: "rally", link: null, place: "Capitol steps", audienceType: "statewide", audienceId: null, capacity: null, language: "en", organiserId: await w.personId("pat"), startsAt: new Date(now.getTime() + 30 * 60_000), endsAt: new Date(now.getTime() + 150 * 60_000), rsvpDeadline: null, isPublic: false, repeat: null }, now, TZ)).ids;
  const people = await data(w.store).all<{ id: number }>(`SELECT id FROM "Person" ORDER BY id LIMIT ?`, n);
  expect(people).toHaveLength(n);
  for (const p of people) await answer(w.store, (await eventById(w.store, id!))!, p.id, "going", now, TZ);
  return id!;
}

const presentButtons = (r: Parameters<typeof buttons>[0]) => buttons(r).filter((b) => b.label.startsWith("Present: "));

describe("check-in of a big event", () => {
  it("names each person on their own button, pages ten at a time, and the 45th person can be marked present", async () => {
    const id = await bigEvent(45);
    const first = (await w.run("pat", `/event checkin ${id}`)).reply;
    expect(textOf(first)).toContain("Showing 1–10 of 45");
    const names = presentButtons(first).map((b) => b.label.slice("Present: ".length));
    expect(names).toHaveLength(10);
    // Every button's name is on the list shown above it, and no two buttons say the same.
    for (const n of names) expect(textOf(first)).toContain(`⬜ ${n}`);
    expect(new Set(names).size).toBe(10);
    expect(buttons(first).some((b) => b.label === "Present")).toBe(false);

    // Page through to the end: 45 different people, each reachable.
    const seen = new Set(names);
    let page = first;
    for (let i = 0; i < 4; i++) {
      const next = buttons(page).find((b) => b.label.startsWith("Next "))!;
      expect(next).toBeDefined();
      page = (await w.click("pat", next.token)).reply;
      expect(page.update).toBe(true);
      for (const b of presentButtons(page)) seen.add(b.label);
    }
    expect(textOf(page)).toContain("Showing 41–45 of 45");
    expect(buttons(page).find((b) => b.label.startsWith("Next "))).toBeUndefined();
    expect(seen.size).toBe(45);
    const last = presentButtons(page).at(-1)!;
    const marked = await w.click("pat", last.token);
    expect(textOf(marked.reply)).toBe(`Checked in: ${last.label.slice("Present: ".length).replace(/ \(\d+\)$/, "")}.`);
    expect((await counts(w.store, id)).attended).toBe(1);
  });

  it("finds a person by part of their name, accents or not, from the command and from the button's form", async () => {
    const id = await bigEvent(45);
    const someone = (await data(w.store).one<{ firstName: string; lastName: string }>(`SELECT p."firstName", p."lastName", p."preferredName" FROM "EventRsvp" r JOIN "Person" p ON p.id = r."personId" WHERE r."eventId" = ? ORDER BY r.id DESC LIMIT 1`, id))!;
    const found = (await w.run("pat", `/event checkin ${id} ${someone.lastName.normalize("NFD").replace(/\p{M}/gu, "").toUpperCase()}`)).reply;
    expect(textOf(found)).toContain(`Names with`);
    expect(presentButtons(found).some((b) => b.label.includes(someone.lastName))).toBe(true);
    const none = (await w.run("pat", `/event checkin ${id} zzzz`)).reply;
    expect(textOf(none)).toContain("Nobody on the list has a name with “zzzz”");
    const form = await w.click("pat", buttons(first(none)).find((b) => b.label === "Find by name")!.token);
    const searched = await w.submit("pat", form.reply.form!.token, { name: someone.firstName });
    if (!searched.ok) throw new Error("form refused");
    expect(presentButtons(searched.reply).some((b) => b.label.includes(someone.firstName))).toBe(true);
    // Only the organiser (or staff) sees the list.
    expect(textOf((await w.run("maria", `/event checkin ${id} ${someone.lastName}`)).reply)).toMatch(/Only the event's organiser/);
  });
});

const first = <T>(x: T) => x;
