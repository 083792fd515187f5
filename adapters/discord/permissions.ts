// The one table of what the Discord bot asks of a server: the permissions its messages need (asked
// for in the invite link) and the gateway intents it connects with. Discord refuses a channel
// message the bot's permissions do not allow (403, 50013 "Missing Permissions", or 50001 "Missing
// Access" for a channel it cannot see); the fake Discord refuses the same, with the permissions this
// table grants, so a call that needs more fails in the tests first.
import { GatewayIntentBits, PermissionFlagsBits } from "discord.js";

/** Permission → why the bot needs it (developer docs, "Permissions"). */
export const DISCORD_PERMISSIONS = {
  ViewChannel: "see the channels chosen for reminders and announcements (a channel it cannot see answers Missing Access)",
  SendMessages: "post reminders, announcements and scheduled reports in those channels",
  EmbedLinks: "messages carry their details as embeds",
  AttachFiles: "reports, charts and documents go out as attached files",
} as const satisfies Partial<Record<keyof typeof PermissionFlagsBits, string>>;

/** The permissions integer of the invite link. */
export function discordBotPermissions(): bigint {
  return Object.keys(DISCORD_PERMISSIONS).reduce((acc, k) => acc | PermissionFlagsBits[k as keyof typeof PermissionFlagsBits], 0n);
}

/** Gateway intents: only Guilds (interactions need no privileged intent; no message content is read). */
export const DISCORD_INTENTS = [GatewayIntentBits.Guilds] as const;

/** The link an admin opens to add the bot to a server, with its slash commands and exactly these permissions. */
export function discordInviteUrl(applicationId: string): string {
  const q = new URLSearchParams({ client_id: applicationId, scope: "bot applications.commands", permissions: String(discordBotPermissions()) });
  return `https://discord.com/oauth2/authorize?${q.toString()}`;
}
