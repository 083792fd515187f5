// Lists with a button per item, on Discord (five rows of five buttons at most): the check-in list
// of a big event names each person on their button and pages; `/unionhall pending` keeps each
// item's Approve and Deny together on one row, labelled with the item's number, and pages the rest.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRequest } from "../../db/contacts.ts";
import { answer, counts, createEvent, eventById } from "./db.ts";
import { personByNumber } from "../../db/people.ts";
import { buttonsOf, linkDiscord, send, slash, startHarness, textOf, type Harness } from "../discord/harness.ts";
import type { FakeUser } from "../fakes/discord.ts";
import { data } from "../../db/data.ts";

let h: Harness;
let pat: FakeUser;

beforeAll(async () => {
  h = await startHarness();
  pat = await linkDiscord(h.bot, h.fake, "100004");
});
afterAll(async () => {
  await h?.stop();
});

const TZ = "America/Los_Angeles";
const rows = (data: any): any[][] => (data.components ?? []).map((r: any) => r.components);

describe("lists with a button per item, on Discord", () => {
  it("check-in of 30 people: every button names its person, nothing past the five rows is dropped, Next pages", async () => {
    const store = h.bot.store;
    const patId = (await personByNumber(data(store), "100004"))!.id;
    const now = new Date();
    const [id] = (await createEvent(store, { title: "Big rally", description: null, kind: "rally", link: null, place: "Capitol", audienceType: "statewide", audienceId: null, capacity: null, language: "en", organiserId: patId, startsAt: new Date(now.getTime() + 20 * 60_000), endsAt: new Date(now.getTime() + 120 * 60_000), rsvpDeadline: null, isPublic: false, repeat: null }, now, TZ)).ids;
    const people = await data(store).all<{ id: number }>(`SELECT id FROM "Person" ORDER BY id LIMIT 30`);
    for (const p of people) await answer(store, (await eventById(store, id!))!, p.id, "going", now, TZ);

    const list = await send(h, h.fake.chatInput(pat, "event", [{ name: "checkin", type: 1, options: [{ name: "id", type: 4, value: id }] }]));
    expect(rows(list.data).length).toBeLessThanOrEqual(5);
    const present = buttonsOf(list.data).filter((b) => b.label.startsWith("Present: "));
    expect(present).toHaveLength(10);
    for (const b of present) expect(textOf(list.data)).toContain(b.label.slice("Present: ".length));
    expect(textOf(list.data)).toContain("Showing 1–10 of 30");

    const next = buttonsOf(list.data).find((b) => b.label === "Next 10")!;
    const page2 = await send(h, h.fake.button(pat, next.custom_id, h.fake.messageFrom(list.data, 64)));
    expect(page2.type).toBe(7); // the list is replaced in place
    expect(textOf(page2.data)).toContain("Showing 11–20 of 30");
    const someone = buttonsOf(page2.data).find((b) => b.label.startsWith("Present: "))!;
    expect(present.map((b) => b.label)).not.toContain(someone.label);
    const marked = await send(h, h.fake.button(pat, someone.custom_id, h.fake.messageFrom(page2.data, 64)));
    expect(textOf(marked.data)).toContain(`Checked in: ${someone.label.slice("Present: ".length).replace(/ \(\d+\)$/, "")}`);
    expect((await counts(store, id!)).attended).toBe(1);
  });

  it("/unionhall pending: each item's Approve and Deny on one row, numbered like the item; the rest on the next page", async () => {
    const store = h.bot.store;
    const tom = (await personByNumber(data(store), "100005"))!;
    for (let i = 0; i < 7; i++)
      await createRequest(store, { scopeType: "sublocal", scopeId: "SL-083", campaign: null, campaignDetail: null, requesterId: tom.id, purpose: "phone_bank", justification: `Phone bank number ${i + 1} for the ratification vote.`, days: 14, route: "sublocal_president:SL-083", status: "pending", createdAt: new Date(Date.now() - (10 - i) * 60_000) });
    const first = await send(h, slash(h, pat, { name: "pending" }));
    const r1 = rows(first.data);
    expect(r1.length).toBeGreaterThan(1);
    expect(r1.length).toBeLessThanOrEqual(5);
    for (const row of r1) {
      const numbers = new Set(row.map((b: any) => /· (\d+)$/.exec(b.label)?.[1]));
      expect(numbers.size, JSON.stringify(row.map((b: any) => b.label))).toBe(1);
      expect([...numbers][0]).toBeDefined();
      expect(row.map((b: any) => b.label.replace(/ · \d+$/, ""))).toEqual(expect.arrayContaining(["Approve", "Deny"]));
    }
    // Each numbered item is on the message above its buttons.
    for (const row of r1) expect(textOf(first.data)).toContain(`${/· (\d+)$/.exec(row[0].label)![1]}. `);
    expect(textOf(first.data)).toContain("/unionhall pending page:2");
    const second = await send(h, slash(h, pat, { name: "pending" }, { page: 2 }));
    const shownFirst = new Set(r1.map((row) => /· (\d+)$/.exec(row[0].label)![1]));
    for (const row of rows(second.data)) expect(shownFirst.has(/· (\d+)$/.exec(row[0].label)![1])).toBe(false);
    expect(shownFirst.size + rows(second.data).length).toBeGreaterThanOrEqual(7);
  });
});
