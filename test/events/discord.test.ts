// Events through the real discord.js client and the fake Discord: an officer points the channel at
// the sub-local and creates a meeting through two modals (five fields each, Discord's limit); the
// announcement is posted in the channel with RSVP buttons; a member answers by button; the
// organiser's check-in list marks them present.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { data } from "../../db/data.ts";
import { counts, eventById, rsvpOf } from "./db.ts";
import { buttonsOf, linkDiscord, send, startHarness, textOf, type Harness } from "../discord/harness.ts";
import type { FakeUser } from "../fakes/discord.ts";

let h: Harness;
let pat: FakeUser;
let maria: FakeUser;

beforeAll(async () => {
  h = await startHarness();
  pat = await linkDiscord(h.bot, h.fake, "100004");
  maria = await linkDiscord(h.bot, h.fake, "100001");
});
afterAll(async () => {
  await h?.stop();
});

const event = (user: FakeUser, sub: string, options: { name: string; type: number; value: string | number }[] = []) => send(h, h.fake.chatInput(user, "event", [{ name: sub, type: 1, options }]));

function ahead(days: number): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "America/Los_Angeles", year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date(Date.now() + days * 86_400_000));
}

describe("events on Discord", () => {
  it("create through two modals, announce with buttons, RSVP, check-in", async () => {
    const on = await event(pat, "channel", [{ name: "audience", type: 3, value: "SL-083" }]);
    expect(textOf(on.data)).toContain("will get announcements of events for Sub-local SL-083");

    const modal = await event(pat, "create");
    expect(modal.type).toBe(9);
    const fields = (modal.data.components as any[]).length;
    expect(fields).toBeLessThanOrEqual(5);
    const preview = await send(h, h.fake.submitModal(pat, modal, { title: "Phone bank for the contract", when: `${ahead(12)} 17:00-19:00`, where: "Union hall, room 2", audience: "SL-083", kind: "phone_bank" }));
    expect(textOf(preview.data)).toContain("This is how the event will look");
    const more = buttonsOf(preview.data).find((b) => b.label === "More details")!;
    const modal2 = await send(h, h.fake.button(pat, more.custom_id, h.fake.messageFrom(preview.data, 64)));
    expect(modal2.type).toBe(9);
    expect((modal2.data.components as any[]).length).toBeLessThanOrEqual(5);
    const preview2 = await send(h, h.fake.submitModal(pat, modal2, { capacity: "10", description: "Call members about the vote." }, { message: h.fake.messageFrom(preview.data, 64) }));
    expect(textOf(preview2.data)).toContain("Places: 10");
    const publish = buttonsOf(preview2.data).find((b) => b.label === "Publish")!;
    const done = await send(h, h.fake.button(pat, publish.custom_id, h.fake.messageFrom(preview2.data, 64)));
    const id = Number(/#(\d+)/.exec(textOf(done.data))![1]);
    expect((await eventById(h.bot.store, id))).toMatchObject({ title: "Phone bank for the contract", kind: "phone_bank", capacity: 10, place: "Union hall, room 2", link: null });

    const posted = await h.fake.waitFor(() => h.fake.messages.find((m: any) => m.channelId === h.fake.channelId && textOf(m.body).includes("Phone bank for the contract")), undefined, "the announcement");
    const buttons = buttonsOf(posted.body);
    expect(buttons.map((b) => b.label)).toEqual(["Going", "Maybe", "Can't go"]);
    const going = await send(h, h.fake.button(maria, buttons[0]!.custom_id, h.fake.messageFrom(posted.body)));
    expect(textOf(going.data)).toContain("You are going to “Phone bank for the contract”");
    expect((await counts(h.bot.store, id)).going).toBe(1);
    // The announcement is edited in place (the bot's own message in that channel) with the count.
    const edited = await h.fake.waitFor(() => h.fake.channelEdits.find((e) => e.channelId === h.fake.channelId && e.messageId === posted.id && textOf(e.body).includes("fewer than 5 going")), undefined, "the announcement edited");
    expect(buttonsOf(edited.body).map((b) => b.label)).toEqual(["Going", "Maybe", "Can't go"]);

    const list = await event(pat, "checkin", [{ name: "id", type: 4, value: id }]);
    expect(textOf(list.data)).toContain("Maria Alvarez");
    const present = buttonsOf(list.data).find((b) => b.label === "Present: Maria Alvarez")!;
    // Check-in opens an hour before the start: too early now, and nothing is recorded.
    const early = await send(h, h.fake.button(pat, present.custom_id, h.fake.messageFrom(list.data, 64)));
    expect(textOf(early.data)).toContain("Check-in is open from an hour before");
    const mariaId = (await data(h.bot.store).one<{ personId: number }>(`SELECT "personId" FROM "ChatIdentity" WHERE "userId" = ?`, maria.id))!.personId;
    expect((await rsvpOf(h.bot.store, id, mariaId))).toEqual({ status: "going", attendedAt: null });
  });

  it("a US date with the Zoom link, and “ten” places asked for as a number, through the modals", async () => {
    const [y, m, d] = ahead(20).split("-").map(Number) as [number, number, number];
    const modal = await event(pat, "create");
    const preview = await send(h, h.fake.submitModal(pat, modal, { title: "Zoom town hall", when: `${m}/${d}/${y} 6pm`, where: "Zoom https://zoom.us/j/8675309", audience: "SL-083", kind: "meeting" }));
    expect(textOf(preview.data)).toContain("6:00 PM");
    expect(textOf(preview.data)).toContain("Online link: https://zoom.us/j/8675309");
    expect(textOf(preview.data)).not.toContain("Place:");
    const more = buttonsOf(preview.data).find((b) => b.label === "More details")!;
    const modal2 = await send(h, h.fake.button(pat, more.custom_id, h.fake.messageFrom(preview.data, 64)));
    const refused = await send(h, h.fake.submitModal(pat, modal2, { capacity: "ten" }, { message: h.fake.messageFrom(preview.data, 64) }));
    expect(textOf(refused.data)).toContain("“ten” is not a number. Write a number, like 10");
    expect(textOf(refused.data)).not.toMatch(/required/i);
  });
});
