// Turning typed text ("/unionhall admin role grant @maria steward SL-083") into a command path
// and raw argument values. Used by Slack and the playground; Discord sends typed options instead.
import type { ArgSpec, ArgSpecs } from "./args.ts";

/** A typed word, or a "quoted phrase" kept whole. */
export interface Token {
  text: string;
  /** Quoted text is always free text: it never stands for an optional date, number or choice. */
  quoted: boolean;
}

const tokenRe = /"([^"]*)"|“([^”]*)”|'([^']*)'|‘([^’]*)’|(\S+)/g;

/** Splits on whitespace, keeping "quoted phrases" (straight or the curly quotes chat apps insert) together. */
export function tokenizeQuoted(text: string): Token[] {
  const tokens: Token[] = [];
  for (const m of text.matchAll(tokenRe)) {
    const quoted = m[5] === undefined;
    tokens.push({ text: m[1] ?? m[2] ?? m[3] ?? m[4] ?? m[5]!, quoted });
  }
  return tokens;
}

export function tokenize(text: string): string[] {
  return tokenizeQuoted(text).map((t) => t.text);
}

export type RawArgs = Record<string, string>;

/** Whether typed text names one of a choice's options in the reader's language (a label, "acuerdo"). */
export type ChoiceReader = (spec: ArgSpec, text: string) => boolean;

export type TextArgsResult = { ok: true; raw: RawArgs } | { ok: false; problem: "tooMany" | "unknownName"; token: string };

/** Whether a typed word reads as a value of this kind (a choice's value, a date, a number …). */
export function looksLike(spec: ArgSpec, tok: Token, isChoice?: ChoiceReader): boolean {
  if (spec.kind === "choice" && isChoice?.(spec, tok.text)) return true;
  if (tok.quoted) return spec.kind === "string";
  const s = tok.text.trim();
  switch (spec.kind) {
    case "date":
      return /^\d{4}-\d{2}-\d{2}$/.test(s);
    case "integer":
      return /^-?\d+$/.test(s);
    case "boolean":
      return /^(yes|no|true|false|y|n|on|off)$/i.test(s);
    case "choice":
      return (spec.choices ?? []).some((c) => c.value === s.toLowerCase().replace(/[\s-]+/g, "_"));
    case "user":
      return /^<@!?[A-Za-z0-9._-]+(\|[^>]*)?>$|^@[A-Za-z0-9._-]+$/.test(s);
    case "channel":
      return /^<#[A-Za-z0-9]+(\|[^>]*)?>$|^#[A-Za-z0-9_-]+$/.test(s);
    case "member":
      return /^[A-Za-z]{0,3}-?\d{3,10}$/.test(s) || /^<@!?[A-Za-z0-9._-]+(\|[^>]*)?>$|^@[A-Za-z0-9._-]+$/.test(s);
    case "string":
      return true;
  }
}

/** Kinds whose values have a recognisable shape; a plain string fits anything. */
const shaped = (spec: ArgSpec) => spec.kind !== "string";

interface Plan {
  /** Tokens that land in an argument of the kind they look like (higher is better). */
  fits: number;
  /** How many tokens each argument takes, in declared order. */
  counts: number[];
}

function better(a: Plan | null, b: Plan | null): Plan | null {
  if (!a) return b;
  if (!b) return a;
  if (a.fits !== b.fits) return a.fits > b.fits ? a : b;
  // Same fit: the earlier argument takes its word (the order help shows).
  for (let i = 0; i < a.counts.length; i++) if (a.counts[i] !== b.counts[i]) return a.counts[i]! > b.counts[i]! ? a : b;
  return a;
}

/**
 * Assigns tokens to arguments: `name:value` or `name=value` tokens by name, the rest in declared
 * order, exactly as `usageLine` writes them:
 * - a required argument takes the next word whatever it is (validation then says what is wrong);
 * - an optional argument takes a word only when it looks like its kind (a date, a number, one of
 *   its choices), so `respond REF "Management denied it"` leaves the optional date out;
 * - a `rest` argument takes the words up to those the arguments after it need, so a trailing word
 *   that is one of a later argument's choices goes to that argument, never into the free text
 *   (quote the text to keep such a word in it).
 * Among the ways that fit, the one that puts the most words into arguments of their own shape wins.
 */
export function parseTextArgs(specs: ArgSpecs, input: readonly (string | Token)[], isChoice?: ChoiceReader): TextArgsResult {
  const tokens = input.map((t) => (typeof t === "string" ? { text: t, quoted: false } : t));
  const names = Object.keys(specs);
  const raw: RawArgs = {};
  const positional: Token[] = [];
  for (const tok of tokens) {
    const m = tok.quoted ? null : /^([a-z][a-z0-9_-]*)[:=](.*)$/i.exec(tok.text);
    const name = m?.[1]!.toLowerCase().replace(/-/g, "_");
    if (m && name && names.includes(name) && !(specs[name]!.kind === "user" && tok.text.startsWith("<"))) {
      raw[name] = m[2]!;
    } else {
      positional.push(tok);
    }
  }
  const open = names.filter((n) => raw[n] === undefined);
  const n = positional.length;
  // best(i, j): the best plan for open[i..] taking positional[j..] exactly; memoised, small.
  const memo = new Map<number, Plan | null>();
  const best = (i: number, j: number): Plan | null => {
    if (i === open.length) return j === n ? { fits: 0, counts: [] } : null;
    const key = i * (n + 1) + j;
    if (memo.has(key)) return memo.get(key)!;
    const spec = specs[open[i]!]!;
    let result: Plan | null = null;
    const consider = (take: number, fits: number) => {
      const tail = best(i + 1, j + take);
      if (tail) result = better(result, { fits: tail.fits + fits, counts: [take, ...tail.counts] });
    };
    if (!spec.required) consider(0, 0);
    if (spec.rest) {
      // The arguments after a rest argument take one word each at most: only the last few words
      // are in question, which keeps a 5,000-character message cheap to parse.
      const after = open.slice(i + 1).map((a) => specs[a]!);
      const most = after.some((a) => a.rest) ? n : after.length;
      for (let take = Math.max(1, n - j - most); j + take <= n; take++) consider(take, 0);
    } else if (j < n) {
      const fit = looksLike(spec, positional[j]!, isChoice);
      if (spec.required || fit) consider(1, fit && shaped(spec) ? 1 : 0);
    }
    memo.set(key, result);
    return result;
  };
  const plan = best(0, 0);
  if (!plan) return { ok: false, problem: "tooMany", token: strayToken(specs, open, positional, isChoice) };
  let j = 0;
  open.forEach((name, i) => {
    const take = plan.counts[i]!;
    // A search query keeps its "quoted phrases" as typed; other free text drops the quotes.
    const keep = specs[name]!.keepQuotes;
    if (take > 0) raw[name] = positional.slice(j, j + take).map((t) => (keep && t.quoted ? `"${t.text}"` : t.text)).join(" ");
    j += take;
  });
  return { ok: true, raw };
}

/** The first word no argument can take, reading left to right as help describes. */
function strayToken(specs: ArgSpecs, open: string[], positional: Token[], isChoice?: ChoiceReader): string {
  let j = 0;
  for (const name of open) {
    const spec = specs[name]!;
    if (j >= positional.length) break;
    if (spec.rest) return positional[positional.length - 1]!.text;
    if (spec.required || looksLike(spec, positional[j]!, isChoice)) j++;
  }
  return positional[Math.min(j, positional.length - 1)]!.text;
}
