// Regression: undici 7 (as @slack/socket-mode loads it) imported before discord.js used to become
// the process-wide dispatcher, and every Discord upload then failed inside it ("action is not a
// function"). Both the interaction client and the poster now bring discord.js's own agent.
import "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AdapterHandle, Bot } from "../../bot/app.ts";
import { startDiscord } from "../../adapters/discord/index.ts";
import { defineCommand, type Feature } from "../../commands/core/command.ts";
import { createCore, renderStandalone } from "../../commands/core/dispatch.ts";
import { reply } from "../../commands/core/reply.ts";
import { send, startHarness, type Harness } from "./harness.ts";

const fixture: Feature = {
  area: "demo",
  description: "demo.d",
  strings: { en: { demo: { d: "A fixture area for adapter tests" } } },
  commands: [
    defineCommand({
      path: ["demo", "export"],
      description: "demo.d",
      args: {},
      access: { anyone: true },
      run: () => ({ ...reply.private(reply.text("Your export")), files: [{ name: "export.csv", mime: "text/csv", data: "n\n1\n" }] }),
    }),
  ],
};

let h: Harness;
let discord: AdapterHandle;

beforeAll(async () => {
  h = await startHarness((c) => ({ ...c, discordEnabled: false }));
  const bot: Bot = { ...h.bot, core: createCore({ store: h.bot.store, features: [fixture] }) };
  discord = await startDiscord(bot);
});
afterAll(async () => {
  await discord?.stop();
  await h?.stop();
});

describe("Discord uploads whatever undici loaded first", () => {
  it("answers an interaction with an attachment", async () => {
    const cb = await send(h, h.fake.chatInput({ id: "1233333333333333333" }, "demo", [{ name: "export", type: 1, options: [] }]));
    expect(cb.type).toBe(4);
    expect(cb.files.map((f) => [f.filename, f.data.toString()])).toEqual([["export.csv", "n\n1\n"]]);
  });

  it("posts a message with an attachment", async () => {
    const msg = await renderStandalone(h.bot.core, { ...reply.channel(reply.text("x")), files: [{ name: "r.csv", mime: "text/csv", data: "a\n" }] });
    const r = await h.bot.posters.get("discord")!.post({ platform: "discord", channelId: h.fake.channelId }, msg);
    expect(h.fake.messages.find((m) => m.id === r.messageId)?.files.map((f) => f.filename)).toEqual(["r.csv"]);
  });
});
