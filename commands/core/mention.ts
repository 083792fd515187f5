// Mentions the bot itself puts in a message (the person a reminder is for, the channel cards go to).
// Everything else in a reply is people's words and stays inert: an adapter escapes it, so `<@U…>`,
// `<#C…>` or `<!channel>` typed into an update, a note, a title or a question never pings anyone.
// On Slack a deliberate mention is carried as a marker only this process can write (a random
// nonce between two private-use characters); the adapter turns exactly those markers into live
// mentions after escaping the rest. A marker from an earlier process, or one typed by a person,
// reads as plain "@U123".
import { randomBytes } from "node:crypto";

const OPEN = "\uE000";
const CLOSE = "\uE001";
const NONCE = randomBytes(9).toString("base64url");
const ID = /^[A-Za-z0-9._-]{1,80}$/;

type Kind = "user" | "channel";
const sigil = (kind: Kind) => (kind === "user" ? "@" : "#");

/** A mention of a chat user or channel built by the bot, in the syntax of the platform it goes to. */
export function botMention(platform: string, kind: Kind, id: string): string {
  if (!ID.test(id)) return `${sigil(kind)}${id.replace(/[<>&\uE000\uE001]/g, "")}`;
  if (platform === "slack") return `${OPEN}${NONCE}${sigil(kind)}${id}${CLOSE}`;
  if (platform === "discord") return `<${sigil(kind)}${id}>`;
  return `${sigil(kind)}${id}`;
}

const MARKER = /\uE000([A-Za-z0-9_-]*)([@#])([A-Za-z0-9._-]{1,80})\uE001/g;

/** For Slack, after escaping: this process's markers become live mentions, any other reads as plain text. */
export function liveSlackMentions(escaped: string): string {
  return escaped.replace(MARKER, (_, nonce: string, s: string, id: string) => (nonce === NONCE ? `<${s}${id}>` : `${s}${id}`)).replace(/[\uE000\uE001]/g, "");
}

/** For anywhere that is not Slack (files, logs, other platforms): markers read as "@U123". */
export function plainMentions(text: string): string {
  return text.replace(MARKER, (_, _n: string, s: string, id: string) => `${s}${id}`).replace(/[\uE000\uE001]/g, "");
}
