// Turning typed text ("/unionhall admin role grant @maria steward SL-083") into a command path
// and raw argument values. Used by Slack and the playground; Discord sends typed options instead.
import type { ArgSpecs } from "./args.ts";

/** Splits on whitespace, keeping "quoted phrases" (straight or the curly quotes chat apps insert) together. */
export function tokenize(text: string): string[] {
  const tokens: string[] = [];
  const re = /"([^"]*)"|“([^”]*)”|'([^']*)'|‘([^’]*)’|(\S+)/g;
  for (const m of text.matchAll(re)) tokens.push(m[1] ?? m[2] ?? m[3] ?? m[4] ?? m[5]!);
  return tokens;
}

export type RawArgs = Record<string, string>;

export type TextArgsResult = { ok: true; raw: RawArgs } | { ok: false; problem: "tooMany" | "unknownName"; token: string };

/**
 * Assigns tokens to arguments: `name:value` or `name=value` tokens by name, the rest in declared
 * order; an argument marked `rest` takes everything left.
 */
export function parseTextArgs(specs: ArgSpecs, tokens: string[]): TextArgsResult {
  const names = Object.keys(specs);
  const raw: RawArgs = {};
  const positional: string[] = [];
  for (const tok of tokens) {
    const m = /^([a-z][a-z0-9_-]*)[:=](.*)$/i.exec(tok);
    const name = m?.[1]!.toLowerCase().replace(/-/g, "_");
    if (m && name && names.includes(name) && !(specs[name]!.kind === "user" && tok.startsWith("<"))) {
      raw[name] = m[2]!;
    } else {
      positional.push(tok);
    }
  }
  const open = names.filter((n) => raw[n] === undefined);
  for (let i = 0; i < open.length && positional.length > 0; i++) {
    const name = open[i]!;
    if (specs[name]!.rest || i === open.length - 1) {
      if (!specs[name]!.rest && positional.length > 1) return { ok: false, problem: "tooMany", token: positional[1]! };
      raw[name] = positional.splice(0).join(" ");
    } else {
      raw[name] = positional.shift()!;
    }
  }
  if (positional.length > 0) return { ok: false, problem: "tooMany", token: positional[0]! };
  return { ok: true, raw };
}
