// `npm run cli -- discord-register [--guild ID] [--print]`: registers every command of the registry
// with Discord in one bulk overwrite (PUT), so Discord never drifts from the code. Global commands
// can take up to an hour to appear everywhere; a guild's appear at once (use it while testing).
import { REST, Routes } from "discord.js";
import { buildCommands, discordLocalized } from "../../adapters/discord/commands.ts";
import { apiBase } from "../../adapters/discord/index.ts";
import { createDiscordAgent } from "../../adapters/discord/agent.ts";
import { createRegistry } from "../../commands/core/registry.ts";
import { createTranslator } from "../../commands/core/i18n.ts";
import { coreLocales } from "../../commands/core/locales/index.ts";
import { features } from "../../commands/index.ts";
import { loadConfig } from "../config.ts";
import { parseFlags } from "./open.ts";
import type { CliCommand } from "./types.ts";

/** The application commands for the whole registry: names in English, descriptions in every language Discord offers. */
export function discordCommandsJson() {
  const registry = createRegistry(features);
  const translator = createTranslator([coreLocales, ...registry.strings]);
  return buildCommands(registry, translator.forLocale("en"), discordLocalized(translator));
}

export async function registerDiscordCommands(o: { token: string; applicationId: string; api?: string; guildId?: string }): Promise<{ commands: number; subcommands: number }> {
  const body = discordCommandsJson();
  const agent = createDiscordAgent();
  const rest = new REST({ version: "10", agent, ...(o.api ? { api: o.api } : {}) }).setToken(o.token);
  const route = o.guildId ? Routes.applicationGuildCommands(o.applicationId, o.guildId) : Routes.applicationCommands(o.applicationId);
  const res = (await rest.put(route, { body }).finally(() => agent.close().catch(() => undefined))) as unknown[];
  const subcommands = body.reduce((n, c) => n + (c.options ?? []).reduce((m, o) => m + (o.type === 2 ? (o.options?.length ?? 0) : 1), 0), 0);
  return { commands: res.length, subcommands };
}

export const discordRegisterCli: CliCommand = {
  summary: "Register every command with Discord in one bulk overwrite [--guild ID] [--print]",
  async run(args) {
    const { flags } = parseFlags(args);
    if (flags.print) {
      console.log(JSON.stringify(discordCommandsJson(), null, 2));
      return 0;
    }
    const config = loadConfig();
    const guild = typeof flags.guild === "string" ? flags.guild : undefined;
    if (flags.guild === true || (guild !== undefined && !/^\d{17,20}$/.test(guild))) {
      console.error("--guild needs a server id (17–20 digits; in Discord: Server Settings → Widget, or right-click the server with Developer Mode on → Copy Server ID).");
      return 2;
    }
    if (!config.DISCORD_TOKEN || !config.DISCORD_APPLICATION_ID) {
      console.error("Set DISCORD_TOKEN and DISCORD_APPLICATION_ID (Discord Developer Portal → your application) before registering.");
      return 2;
    }
    const r = await registerDiscordCommands({ token: config.DISCORD_TOKEN, applicationId: config.DISCORD_APPLICATION_ID, api: apiBase(config.DISCORD_API_URL), guildId: guild });
    console.log(`Registered ${r.commands} command(s) with ${r.subcommands} subcommands ${guild ? `in server ${guild} (visible at once)` : "globally (may take up to an hour to appear)"}.`);
    return 0;
  },
};
