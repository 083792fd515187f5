// `npm run cli -- slack-manifest [--url https://bot.example.org] [--socket] [--name "Union Hall"]`
// prints the Slack app manifest (JSON) generated from the registry.
import { slackManifest } from "../../adapters/slack/manifest.ts";
import { createTranslator } from "../../commands/core/i18n.ts";
import { coreStrings } from "../../commands/core/strings.ts";
import { features } from "../../commands/index.ts";
import { parseFlags } from "./open.ts";
import type { CliCommand } from "./types.ts";

const PLACEHOLDER = "https://bot.example.org";

export const slackManifestCli: CliCommand = {
  summary: "Print the Slack app manifest for this bot (--url https://your.host, --socket)",
  async run(args) {
    const { flags } = parseFlags(args);
    const socket = flags.socket === true;
    const raw = typeof flags.url === "string" ? flags.url : PLACEHOLDER;
    let url: URL;
    try {
      url = new URL(raw);
      if (url.protocol !== "https:" && url.hostname !== "localhost" && url.hostname !== "127.0.0.1") throw new Error("not https");
    } catch {
      console.error(`--url must be the bot's public https address, like ${PLACEHOLDER}`);
      return 2;
    }
    if (typeof flags.url !== "string" && !socket) console.error(`No --url given: using ${PLACEHOLDER}; replace it with your bot's public address.`);
    const t = createTranslator([coreStrings, ...features.map((f) => f.strings)]).forLocale("en");
    const name = typeof flags.name === "string" ? flags.name : undefined;
    console.log(JSON.stringify(slackManifest({ features, t, baseUrl: url.origin + url.pathname, socketMode: socket, name }), null, 2));
    return 0;
  },
};
