// Reply shapes the unionhall area does not produce yet, through the real discord.js client with a
// small fixture feature: channel replies with files (direct and deferred), a button that opens a
// form as a modal, and a form submitted from a message that updates it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import type { AdapterHandle, Bot } from "../../bot/app.ts";
import { startDiscord } from "../../adapters/discord/index.ts";
import { defineAction, defineCommand, defineForm, type Feature } from "../../commands/core/command.ts";
import { createCore } from "../../commands/core/dispatch.ts";
import { reply } from "../../commands/core/reply.ts";
import { FakeDiscord } from "../fakes/discord.ts";
import { buttonsOf, send, startHarness, textOf, type Harness } from "./harness.ts";

const fixture: Feature = {
  area: "demo",
  description: "demo.d",
  strings: { en: { demo: { d: "A fixture area for adapter tests" } } },
  commands: [
    defineCommand({
      path: ["demo", "report"],
      description: "demo.d",
      args: {},
      access: { anyone: true },
      run: () => ({ ...reply.channel(reply.section("Report ready", [{ label: "Rows", value: "1" }])), files: [{ name: "report.csv", mime: "text/csv", data: "a,b\n1,2\n" }] }),
    }),
    defineCommand({
      path: ["demo", "intake"],
      description: "demo.d",
      args: {},
      access: { anyone: true },
      run: () => ({ visibility: "private", blocks: [], form: { form: "demo.step1", title: "Step 1 of 2", fields: [{ name: "who", label: "Who", kind: "text", required: true }] } }),
    }),
    defineCommand({
      path: ["demo", "locale"],
      description: "demo.d",
      args: {},
      access: { anyone: true },
      run: (ctx) => reply.private(reply.text(`locale=${ctx.actor.locale} platform=${ctx.platform} workspace=${ctx.actor.workspaceId} channel=${ctx.actor.channelId}`)),
    }),
    defineCommand({
      path: ["demo", "card"],
      description: "demo.d",
      args: {},
      access: { anyone: true },
      run: () => reply.channel(reply.text("A card"), reply.buttons({ label: "Add note", action: "demo.open", style: "primary" })),
    }),
  ],
  actions: [
    defineAction({
      id: "demo.open",
      payload: z.null(),
      access: { anyone: true },
      run: () => ({ visibility: "private", blocks: [], form: { form: "demo.note", title: "Add a note", fields: [{ name: "note", label: "Note", kind: "textarea", required: true }] } }),
    }),
  ],
  forms: [
    defineForm({
      id: "demo.step1",
      fields: z.object({ who: z.string().min(1) }),
      payload: z.null(),
      access: { anyone: true },
      submit: (_ctx, v) => ({ visibility: "private", blocks: [], form: { form: "demo.step2", title: "Step 2 of 2", fields: [{ name: "what", label: "What", kind: "textarea", required: true }], payload: { who: v.who } } }),
    }),
    defineForm({
      id: "demo.step2",
      fields: z.object({ what: z.string().min(1) }),
      payload: z.object({ who: z.string() }),
      access: { anyone: true },
      submit: (_ctx, v, p) => reply.private(reply.text(`Filed for ${p.who}: ${v.what}`)),
    }),
    defineForm({
      id: "demo.note",
      fields: z.object({ note: z.string().min(3) }),
      payload: z.null(),
      access: { anyone: true },
      submit: (_ctx, v) => ({ ...reply.channel(reply.text(`Noted: ${v.note}`)), update: true }),
    }),
  ],
};

let h: Harness;
let fast: AdapterHandle;
let slow: AdapterHandle;
let slowFake: FakeDiscord;
const user = { id: "1255555555555555555" };

beforeAll(async () => {
  h = await startHarness((c) => ({ ...c, discordEnabled: false }));
  const core = createCore({ store: h.bot.store, features: [fixture] });
  const bot: Bot = { ...h.bot, core };
  fast = await startDiscord(bot);
  slowFake = await new FakeDiscord().start();
  slow = await startDiscord({ ...bot, config: { ...h.bot.config, DISCORD_API_URL: slowFake.apiUrl } }, { deferAfterMs: 0 });
});
afterAll(async () => {
  await slow?.stop();
  await fast?.stop();
  await slowFake?.stop();
  await h?.stop();
});

const demo = (fake: FakeDiscord, name: string) => fake.chatInput(user, "demo", [{ name, type: 1, options: [] }]);

describe("Discord flows", () => {
  it("posts a channel reply with its file as an attachment", async () => {
    const cb = await send(h, demo(h.fake, "report"));
    expect(cb.type).toBe(4);
    expect(cb.data.flags ?? 0).toBe(0);
    expect(cb.data.embeds[0]).toMatchObject({ title: "Report ready", fields: [{ name: "Rows", value: "1" }] });
    expect(cb.files.map((f) => [f.filename, f.data.toString()])).toEqual([["report.csv", "a,b\n1,2\n"]]);
  });

  it("when slow, defers and then posts the channel reply as a follow-up, removing the placeholder", async () => {
    const i = demo(slowFake, "report");
    slowFake.dispatch(i);
    const cb = await slowFake.callbackFor(i.id);
    expect(cb.type).toBe(5);
    const follow = await slowFake.waitFor(() => slowFake.followUps.find((f) => f.token === i.token));
    expect(follow.body.flags ?? 0).toBe(0);
    expect(textOf(follow.body)).toContain("Report ready");
    expect(follow.files.map((f) => f.filename)).toEqual(["report.csv"]);
    await slowFake.waitFor(() => slowFake.deletes.find((d) => d.token === i.token && d.messageId === "@original"));
  });

  it("passes interaction.locale, the guild and the channel to the core", async () => {
    const i = h.fake.chatInput(user, "demo", [{ name: "locale", type: 1, options: [] }], "vi");
    const cb = await send(h, i);
    expect(textOf(cb.data)).toBe(`locale=vi platform=discord workspace=${h.fake.guildId} channel=${h.fake.channelId}`);
  });

  it("a button opens a form as a modal; a bad value is refused, a good one updates the card", async () => {
    const card = await send(h, demo(h.fake, "card"));
    expect(card.data.flags ?? 0).toBe(0);
    const [b] = buttonsOf(card.data);
    expect(b?.style).toBe(1);
    const message = h.fake.messageFrom(card.data);
    const opened = await send(h, h.fake.button(user, b!.custom_id, message));
    expect(opened.type).toBe(9);
    expect(opened.data.title).toBe("Add a note");
    const field = opened.data.components.find((c: any) => c.type === 18).component;
    expect(field).toMatchObject({ type: 4, custom_id: "note", style: 2, required: true });

    const submit = (note: string) => h.fake.submitModal(user, opened, { note }, { locale: "en-GB", message });
    const bad = await send(h, submit("no"));
    expect(bad.type).toBe(4);
    expect(bad.data.flags & 64).toBe(64);
    expect(bad.data.content).toContain("**Note**: needs at least 3 characters");
    const good = await send(h, submit("Steward called back"));
    expect(good.type).toBe(7);
    expect(textOf(good.data)).toContain("Noted: Steward called back");
    expect(textOf(good.data)).toContain(`Decided by <@${user.id}>`);
  });

  it("when a click that opens a form was deferred, offers a button that opens the modal", async () => {
    const cardI = demo(slowFake, "card");
    slowFake.dispatch(cardI);
    const card = await slowFake.waitFor(() => slowFake.followUps.find((f) => f.token === cardI.token));
    const [b] = buttonsOf(card.body);
    const click = slowFake.button(user, b!.custom_id, slowFake.messageFrom(card.body));
    slowFake.dispatch(click);
    expect((await slowFake.callbackFor(click.id)).type).toBe(6);
    const offer = await slowFake.waitFor(() => slowFake.followUps.find((f) => f.token === click.token));
    expect(offer.body.flags & 64).toBe(64);
    expect(offer.body.content).toBe("📝 Add a note");
    const [open] = buttonsOf(offer.body);
    expect(open?.label).toBe("Open the form");
    const opened = await send({ ...h, fake: slowFake }, slowFake.button(user, open!.custom_id, slowFake.messageFrom(offer.body, 64)));
    expect(opened.type).toBe(9);
    expect(opened.data.title).toBe("Add a note");
  });

  it("a form whose answer is another form continues with an 'Open the form' button (two-step intake)", async () => {
    const first = await send(h, demo(h.fake, "intake"));
    expect(first.type).toBe(9);
    expect(first.data.title).toBe("Step 1 of 2");
    const s1 = await send(h, h.fake.submitModal(user, first, { who: "Maria" }));
    expect(s1.type).toBe(4);
    expect(s1.data.flags & 64).toBe(64);
    expect(s1.data.content).toBe("📝 Step 2 of 2");
    const [open] = buttonsOf(s1.data);
    const second = await send(h, h.fake.button(user, open!.custom_id, h.fake.messageFrom(s1.data, 64)));
    expect(second.type).toBe(9);
    expect(second.data.title).toBe("Step 2 of 2");
    const done = await send(h, h.fake.submitModal(user, second, { what: "Overtime denied" }));
    expect(textOf(done.data)).toBe("Filed for Maria: Overtime denied");
  });

  it("a slow form submission defers too, and a rejection replaces the placeholder", async () => {
    // Both adapters share one core and store: open the modal through the quick one, submit through the slow one.
    const first = await send(h, demo(h.fake, "intake"));
    expect(first.type).toBe(9);
    const bad = slowFake.submitModal(user, first, { who: "  " });
    slowFake.dispatch(bad);
    const cb = await slowFake.callbackFor(bad.id);
    expect(cb.type).toBe(5);
    expect(cb.data.flags & 64).toBe(64);
    const edit = await slowFake.waitFor(() => slowFake.edits.find((e) => e.token === bad.token));
    expect(edit.messageId).toBe("@original");
    expect(edit.body.content).toContain("**Who**: this is required");
    // The slow adapter never showed this form, so it has nothing to reopen: no button, just the fix.
    expect(buttonsOf(edit.body)).toEqual([]);
  });
});
