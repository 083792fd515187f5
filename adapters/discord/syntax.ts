// Replies write commands the way Slack and the playground read them ("/event show 2", usage lines
// like "/grievance extend <ref> <until> <reason…> [response|appeal]"). On Discord a person fills
// named options instead, so each command written in a reply is respelled in Discord's option form
// ("/event show id:2", "/grievance extend ref:… until:… reason:… [deadline:response|appeal]"),
// with a four-word command joined as Discord registers it ("/unionhall admin role-grant"). Text
// with spaces loses the quotes Slack needs ("summary:Management denied it"): a field needs none.
import type { ArgSpec, ArgSpecs } from "../../commands/core/args.ts";
import type { CommandDef } from "../../commands/core/command.ts";
import type { Registry } from "../../commands/core/registry.ts";
import { parseTextArgs } from "../../commands/core/text.ts";

/** What may follow a command's last word in a sentence. */
const AFTER_COMMAND = "(?=$|[\\s`'\"”),.;:!?])";
/** Punctuation that ends a sentence or a parenthesis after an argument (and ends the command). */
const TRAILING = /[.,;:!?)”]+$/;

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * Whether a word written after a command is one of its arguments, not the sentence going on: a
 * placeholder (REF, NUMBER, YYYY-MM-DD), a usage token (<ref>, [scope]), a value with a digit
 * (2, G-2026-0001, SL-083), a quoted phrase, a mention, or one of the command's choices.
 */
function isArgWord(word: string, specs: ArgSpecs): boolean {
  if (/^[<[]/.test(word) || /^["“]/.test(word) || /\d/.test(word) || /^#/.test(word)) return true;
  if (/^[A-Z][A-Z_-]*$/.test(word) && word.length >= 2) return true;
  return Object.values(specs).some((s) => s.choices?.some((c) => c.value === word));
}

/** Reads the argument words after a command (at most one per argument; a rest argument takes the rest of a quoted or code span). */
function argWords(text: string, from: number, cmd: CommandDef, inCode: boolean): { words: string[]; end: number } {
  const words: string[] = [];
  let at = from;
  const most = Object.values(cmd.args).some((s) => s.rest) && inCode ? Infinity : Object.keys(cmd.args).length;
  while (words.length < most) {
    const m = /^ (“[^”]*”|"[^"]*"|[^\s`]+)/.exec(text.slice(at));
    if (!m) break;
    const raw = m[1]!;
    const trail = /^["“]/.test(raw) ? "" : (TRAILING.exec(raw)?.[0] ?? "");
    // A usage token ends with its own bracket: "[scope]" keeps it, "<ref>)." loses only ")."
    const word = raw.endsWith("]") || raw.endsWith(">") ? raw : raw.slice(0, raw.length - trail.length);
    if (!word || (!inCode && !isArgWord(word, cmd.args))) break;
    if (/^[a-z_]+:/.test(word) && Object.keys(cmd.args).includes(word.split(":")[0]!)) break; // already in option form
    words.push(word);
    at += 1 + word.length;
    if (word.length < raw.length) break;
  }
  return { words, end: at };
}

/** A usage token (<ref>, [a|b], <reason…>) written for the option it stands for. */
function usageToken(word: string, name: string, spec: ArgSpec): string {
  const inner = word.slice(1, -1);
  const value = spec.kind === "choice" && inner.includes("|") ? inner : "…";
  return word.startsWith("[") ? `[${name}:${value}]` : `${name}:${value}`;
}

/** The words after a command in Discord's option form, or null when they cannot be told apart. */
function asOptions(cmd: CommandDef, words: string[]): string[] | null {
  const names = Object.keys(cmd.args);
  if (words.length === 0) return [];
  // A usage line: each token names its argument (<ref>, <reason…>), or stands in its place ([a|b]).
  if (words.every((w) => /^[<[].*[>\]]$/.test(w)) && words.length <= names.length)
    return words.map((w, i) => {
      const inner = w.slice(1, -1).replace(/…$/, "");
      const name = names.includes(inner) ? inner : names[i]!;
      return usageToken(w, name, cmd.args[name]!);
    });
  const tokens = words.map((w) => (/^["“]/.test(w) ? { text: w.slice(1, -1), quoted: true } : { text: w, quoted: false }));
  const parsed = parseTextArgs(cmd.args, tokens);
  if (!parsed.ok) return null;
  // Each value is typed into its own option field on Discord, so text with spaces needs no quotes;
  // quotes that mean something to the command (a search's "exact phrase") are kept as typed.
  return names.filter((n) => parsed.raw[n] !== undefined).map((n) => `${n}:${String(parsed.raw[n])}`);
}

/** The command path as Discord shows it: a fourth word joins the third with "-". */
const discordPath = (path: readonly string[]) => (path.length === 4 ? `/${path.slice(0, 3).join(" ")}-${path[3]}` : `/${path.join(" ")}`);

/** Returns a function that respells every command written in a text in Discord's form. */
export function discordSyntax(registry: Registry): (text: string) => string {
  const byPath = new Map(registry.commands.map((c) => [`/${c.path.join(" ")}`, c]));
  if (byPath.size === 0) return (s) => s;
  // Longest first, so "/kb history" never stops "/kb history …" from matching a longer path.
  const alternatives = [...byPath.keys()].sort((a, b) => b.length - a.length).map(esc);
  const re = new RegExp(`(?<![\\w/])(${alternatives.join("|")})${AFTER_COMMAND}`, "g");
  return (text) => {
    let out = "";
    let last = 0;
    for (const m of text.matchAll(re)) {
      if (m.index < last) continue;
      const cmd = byPath.get(m[1]!)!;
      const start = m.index;
      const inCode = (text.slice(0, start).match(/`/g)?.length ?? 0) % 2 === 1;
      const { words, end } = argWords(text, start + m[1]!.length, cmd, inCode);
      const options = asOptions(cmd, words);
      out += text.slice(last, start) + [discordPath(cmd.path), ...(options ?? words)].join(" ");
      last = end;
    }
    return out + text.slice(last);
  };
}
