// An HTTP agent from discord.js's own undici, for every Discord REST client we create.
//
// Why: node_modules holds two undici majors (6 for discord.js, 7 for @slack/socket-mode). Whichever
// loads first installs the process-wide default dispatcher; when that is undici 7, @discordjs/rest
// (undici 6) sends multipart uploads through it and they fail inside undici 7 ("action is not a
// function"), so replies with files broke depending on import order. With an explicit agent from
// the same undici as @discordjs/rest, load order no longer matters.
import { createRequire } from "node:module";
import type { RESTOptions } from "discord.js";

export type DiscordAgent = NonNullable<RESTOptions["agent"]> & { close(): Promise<void> };

export function createDiscordAgent(): DiscordAgent {
  const fromRest = createRequire(createRequire(import.meta.url).resolve("@discordjs/rest"));
  const { Agent } = fromRest("undici") as { Agent: new () => DiscordAgent };
  return new Agent();
}
