// One table says which permissions and intents the Discord bot needs (adapters/discord/permissions.ts);
// the fake Discord grants exactly those (as the invite link asks) and refuses, as Discord does, a
// channel message the bot's permissions do not allow and an IDENTIFY with a privileged intent.
import { PermissionFlagsBits } from "discord.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DISCORD_INTENTS, discordBotPermissions, discordInviteUrl } from "../../adapters/discord/permissions.ts";
import { PermanentDeliveryError } from "../../bot/outbox.ts";
import { renderStandalone } from "../../commands/core/dispatch.ts";
import { expectedRefusals, startHarness, type Harness } from "./harness.ts";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.stop();
});

const report = () =>
  renderStandalone(h.bot.core, {
    visibility: "channel",
    blocks: [{ type: "text", text: "Monthly grievance report" }, { type: "section", title: "Q1", fields: [{ label: "Filed", value: "12" }] }],
    files: [{ name: "report.csv", mime: "text/csv", data: "a,b\n1,2\n" }],
  });

describe("Discord permissions and intents", () => {
  it("the invite link asks for exactly the table's permissions, and the bot connects without privileged intents", () => {
    const p = discordBotPermissions();
    expect(p).toBe(PermissionFlagsBits.ViewChannel | PermissionFlagsBits.SendMessages | PermissionFlagsBits.EmbedLinks | PermissionFlagsBits.AttachFiles);
    expect(discordInviteUrl("123")).toContain(`permissions=${p}`);
    expect(decodeURIComponent(discordInviteUrl("123")).replace(/\+/g, " ")).toContain("scope=bot applications.commands");
    expect([...DISCORD_INTENTS]).toEqual([1]);
    expect(h.fake.identified).toBeGreaterThan(0);
  });

  it("a report with a file posts to a channel with the granted permissions", async () => {
    const r = await h.bot.posters.get("discord")!.post({ platform: "discord", channelId: h.fake.channelId }, await report());
    expect(r.messageId).toBeTruthy();
    expect(h.fake.messages.at(-1)!.files.map((f) => f.filename)).toEqual(["report.csv"]);
  });

  it("without Attach Files the fake refuses with 50013, a permanent failure the poster reports", async () => {
    const granted = h.fake.permissions;
    h.fake.permissions = granted & ~PermissionFlagsBits.AttachFiles;
    try {
      const err = await h.bot.posters.get("discord")!.post({ platform: "discord", channelId: h.fake.channelId }, await report()).then(() => null, (e: unknown) => e);
      expect(err).toBeInstanceOf(PermanentDeliveryError);
      expect(String((err as Error).message)).toContain("50013");
      const refusal = h.fake.refused.at(-1)!;
      expect(refusal).toMatchObject({ code: 50013, problems: ["needs AttachFiles"] });
      expectedRefusals.add(refusal);
    } finally {
      h.fake.permissions = granted;
    }
  });

  it("without View Channel a channel look-up answers Missing Access", async () => {
    const granted = h.fake.permissions;
    h.fake.permissions = granted & ~PermissionFlagsBits.ViewChannel;
    try {
      const res = await fetch(`${h.fake.apiUrl}/v10/channels/${h.fake.channelId}`, { headers: { authorization: "Bot fake-bot-token" } });
      expect(res.status).toBe(403);
      expect(await res.json()).toMatchObject({ code: 50001 });
      expectedRefusals.add(h.fake.refused.at(-1)!);
    } finally {
      h.fake.permissions = granted;
    }
  });
});
