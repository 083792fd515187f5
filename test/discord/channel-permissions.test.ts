// A channel set up for posts is checked when it is set: on Discord the bot's own permissions in
// the channel (app_permissions of the interaction) must allow it to see and post there. A post that
// fails later anyway (the permission was taken away) is told privately to whoever caused it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEvent } from "../events/db.ts";
import { personByNumber } from "../../db/people.ts";
import type { FakeUser } from "../fakes/discord.ts";
import { linkDiscord, send, startHarness, textOf, type Harness } from "./harness.ts";
import { data } from "../../db/data.ts";

let h: Harness;
let pat: FakeUser;

beforeAll(async () => {
  h = await startHarness();
  pat = await linkDiscord(h.bot, h.fake, "100004");
}, 60_000);
afterAll(() => h?.stop());

const eventChannel = () => send(h, h.fake.chatInput(pat, "event", [{ name: "channel", type: 1, options: [{ name: "audience", type: 3, value: "SL-083" }] }]));

describe("setting up a channel the bot may not post in, on Discord", () => {
  it("/event channel where the bot lacks View Channel / Send Messages says which permissions to give, and sets nothing", async () => {
    h.fake.forbidChannel(h.fake.channelId);
    const r = await eventChannel();
    expect(textOf(r.data)).toContain("View Channel and Send Messages");
    expect(textOf(r.data)).toContain(`<#${h.fake.channelId}>`);
    h.fake.forbidden.delete(h.fake.channelId);
    expect(textOf((await eventChannel()).data)).toContain("will get announcements of events for Sub-local SL-083");
  });

  it("an announcement that fails later is told to the organiser privately, naming the channel", async () => {
    h.fake.forbidChannel(h.fake.channelId);
    const patId = (await personByNumber(data(h.bot.store), "100004"))!.id;
    const now = new Date();
    await createEvent(h.bot.store, { title: "Closed-door meeting", description: null, kind: "meeting", link: "https://meet.example/x", place: null, audienceType: "sublocal", audienceId: "SL-083", capacity: null, language: "en", organiserId: patId, startsAt: new Date(now.getTime() + 86_400_000), endsAt: new Date(now.getTime() + 90_000_000), rsvpDeadline: null, isPublic: false, repeat: null }, now, "America/Los_Angeles");
    const dm = await h.fake.waitFor(() => h.fake.dmChannels.get(pat.id), 20_000, "a DM to the organiser");
    const told = await h.fake.waitFor(() => h.fake.messages.find((m) => m.channelId === dm && textOf(m.body).includes(`<#${h.fake.channelId}>`)), 20_000, "the organiser told");
    expect(textOf(told.body)).toContain("I couldn't post in");
  });
});
