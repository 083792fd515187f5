// The Slack app manifest, generated from the registry: one slash command per feature area, the
// scopes the Web API methods it calls need (./scopes.ts), and the request URLs. Create the app from it in one step; regenerate
// when features change so Slack never drifts from the code.
import type { Feature } from "../../commands/core/command.ts";
import type { Translate } from "../../commands/core/i18n.ts";
import { truncate } from "./render.ts";
import { SLACK_EVENTS_PATH } from "./receiver.ts";
import { slackBotScopes } from "./scopes.ts";

/** Bot scopes: derived from the Web API methods the adapter calls (./scopes.ts), nothing more. */
export const SLACK_BOT_SCOPES: readonly string[] = slackBotScopes();

export interface ManifestOptions {
  features: readonly Feature[];
  t: Translate;
  /** Public base URL of the bot, e.g. https://bot.example.org (ignored in Socket Mode). */
  baseUrl: string;
  socketMode?: boolean;
  name?: string;
}

/** "help | whoami | admin …": the first words after the area, as a usage hint. */
function usageHint(f: Feature): string {
  const words = [...new Set(f.commands.map((c) => c.path[1]!))];
  return truncate(words.join(" | "), 1000);
}

export function slackManifest(o: ManifestOptions): Record<string, unknown> {
  const base = o.baseUrl.replace(/\/+$/, "");
  const url = `${base}${SLACK_EVENTS_PATH}`;
  const socket = Boolean(o.socketMode);
  const name = o.name ?? "Union Hall";
  return {
    _metadata: { major_version: 1, minor_version: 1 },
    display_information: {
      name,
      description: "Grievances, approved contacts, rebates and the knowledge base for our union local.",
      background_color: "#5b2a86",
    },
    features: {
      app_home: { home_tab_enabled: true, messages_tab_enabled: true, messages_tab_read_only_enabled: true },
      bot_user: { display_name: truncate(name.toLowerCase().replace(/[^a-z0-9._-]+/g, ""), 80) || "unionhall", always_online: true },
      slash_commands: o.features.map((f) => ({
        command: `/${f.area}`,
        ...(socket ? {} : { url }),
        description: truncate(o.t(f.description), 100),
        usage_hint: usageHint(f),
        // Mentions arrive as <@U123|name>, which the core parses as a member reference.
        should_escape: true,
      })),
    },
    oauth_config: { scopes: { bot: [...SLACK_BOT_SCOPES] } },
    settings: {
      event_subscriptions: { ...(socket ? {} : { request_url: url }), bot_events: ["app_home_opened"] },
      interactivity: { is_enabled: true, ...(socket ? {} : { request_url: url }) },
      org_deploy_enabled: false,
      socket_mode_enabled: socket,
      token_rotation_enabled: false,
    },
  };
}
