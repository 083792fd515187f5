// Starts the real bot (real store, real core, real discord.js client) against the local fake
// Discord, with demo data and a few Discord users linked to demo personas.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { startBot, type Bot } from "../../bot/app.ts";
import { loadConfig, type Config } from "../../bot/config.ts";
import { seedDemo } from "../../db/demo.ts";
import { data } from "../../db/data.ts";
import { linkIdentity } from "../../db/identities.ts";
import { personByNumber } from "../../db/people.ts";
import { FakeDiscord, nextId, type Callback, type FakeUser } from "../fakes/discord.ts";

process.env.NO_PROXY = "127.0.0.1,localhost";

export interface Harness {
  fake: FakeDiscord;
  bot: Bot;
  dir: string;
  /** Staff (Sofia, statewide), linked. */
  staff: FakeUser;
  /** A steward (Sam, SL-083), linked. */
  steward: FakeUser;
  /** Nico: a member with no linked account. */
  stranger: FakeUser;
  config: Config;
  stop(): Promise<void>;
}

export function testConfig(fake: FakeDiscord, dir: string): Config {
  return loadConfig({
    DATABASE_URL: `file:${path.join(dir, "x.db")}`,
    PORT: "0",
    LOG_LEVEL: "silent",
    PLAYGROUND: "off",
    DISCORD_TOKEN: "fake-bot-token",
    DISCORD_APPLICATION_ID: fake.applicationId,
    DISCORD_API_URL: fake.apiUrl,
    // These tests drive one person through many commands in a row; the rate limit has its own tests.
    RATE_LIMIT_PER_MINUTE: "6000",
    RATE_LIMIT_BURST: "1000",
  });
}

export async function linkDiscord(bot: Bot, fake: FakeDiscord, memberNumber: string): Promise<FakeUser> {
  const user = { id: nextId() };
  const person = (await personByNumber(data(bot.store), memberNumber))!;
  await linkIdentity(data(bot.store), { platform: "discord", workspaceId: fake.guildId, userId: user.id, personId: person.id, linkedVia: "admin" });
  return user;
}

/** Refusals a test provoked on purpose by breaking a rule itself (and checked); `stop()` fails on any other. */
export const expectedRefusals = new Set<object>();

/** Starts everything; `configure` may adjust the config (e.g. to start the adapter by hand). */
export async function startHarness(configure: (c: Config) => Config = (c) => c): Promise<Harness> {
  const fake = await new FakeDiscord().start();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "uh-discord-"));
  const config = configure(testConfig(fake, dir));
  const bot = await startBot(config);
  await seedDemo(bot.store, { members: 40 });
  const staff = await linkDiscord(bot, fake, "100007");
  const steward = await linkDiscord(bot, fake, "100002");
  const stranger = { id: nextId() };
  return {
    fake,
    bot,
    dir,
    staff,
    steward,
    stranger,
    config,
    async stop() {
      await bot.stop();
      await fake.stop();
      fs.rmSync(dir, { recursive: true, force: true });
      // Whatever Discord would have refused fails the file, even when no assertion looked at it.
      const refused = fake.refused.filter((r) => !r.provoked && !expectedRefusals.has(r));
      if (refused.length) throw new Error(`the fake Discord refused what the bot sent:\n${JSON.stringify(refused, null, 2)}`);
    },
  };
}

/** Everything a message payload shows, as one string: content, embed titles, descriptions, fields. */
export function textOf(payload: any): string {
  if (!payload) return "";
  const parts: string[] = [payload.content ?? ""];
  for (const e of payload.embeds ?? []) {
    parts.push(e.title ?? "", e.description ?? "");
    for (const f of e.fields ?? []) parts.push(`${f.name}: ${f.value}`);
  }
  return parts.filter(Boolean).join("\n");
}

export function buttonsOf(payload: any): { label: string; custom_id: string; style: number }[] {
  return (payload?.components ?? []).flatMap((row: any) => row.components ?? []).filter((c: any) => c.type === 2);
}

/** Sends an interaction and waits for its callback. */
export async function send(h: Harness, interaction: any): Promise<Callback> {
  h.fake.dispatch(interaction);
  return h.fake.callbackFor(interaction.id);
}

/** A /unionhall command as Discord sends it: `sub` is the subcommand path under the top-level command. */
export function slash(h: Harness, user: FakeUser, sub: { group?: string; name: string }, values: Record<string, string | number | boolean> = {}, types: Record<string, number> = {}, locale?: string) {
  const leaf = Object.entries(values).map(([name, value]) => ({ name, type: types[name] ?? (typeof value === "number" ? 4 : typeof value === "boolean" ? 5 : 3), value }));
  const subcommand = { name: sub.name, type: 1, options: leaf };
  const options = sub.group ? [{ name: sub.group, type: 2, options: [subcommand] }] : [subcommand];
  return h.fake.chatInput(user, "unionhall", options, locale);
}
