// How to type a command differs by platform: Slack and the playground read one line of text, where
// quotes keep words with spaces together; Discord gives each option its own field, where quotes
// are not needed. A hint about typing has a second text, `<key>Discord`, said on Discord.
import type { Platform } from "./command.ts";

/** The key of a typing hint as the person's platform needs it. */
export function typingHint(platform: Platform, key: string): string {
  return platform === "discord" ? `${key}Discord` : key;
}
