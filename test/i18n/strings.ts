// Reading translation bundles for the i18n tests: every area the registry knows (so areas added
// later are covered without touching these tests), the core's own strings and the adapters' words.
import fs from "node:fs";
import path from "node:path";
import { coreBundles } from "../../commands/core/dispatch.ts";
import { LOCALES, mergeBundles, type Strings } from "../../commands/core/i18n.ts";
import { features } from "../../commands/index.ts";
import { discordStrings } from "../../adapters/discord/strings.ts";
import { webStrings } from "../../adapters/web/strings.ts";

export interface Area {
  name: string;
  strings: Record<string, Strings>;
}

export function allAreas(): Area[] {
  return [
    { name: "core", strings: mergeBundles(...coreBundles) },
    { name: "discord", strings: discordStrings },
    { name: "web", strings: webStrings },
    ...features.map((f) => ({ name: f.area, strings: f.strings })),
  ];
}

/** "a.b.c" → text, for one language of one bundle. */
export function flatten(s: Strings | undefined, prefix = "", out = new Map<string, string>()): Map<string, string> {
  for (const [k, v] of Object.entries(s ?? {})) {
    if (typeof v === "string") out.set(`${prefix}${k}`, v);
    else flatten(v, `${prefix}${k}.`, out);
  }
  return out;
}

const pluralRe = /_(zero|one|two|few|many|other)$/;

/** A key without its plural suffix, and the suffix. */
export function pluralOf(key: string): { base: string; form?: string } {
  const m = pluralRe.exec(key);
  return m ? { base: key.slice(0, -m[0].length), form: m[1] } : { base: key };
}

export function variables(text: string): string[] {
  return [...text.matchAll(/\{\{\s*([\w.]+)\s*(?:,[^}]*)?\}\}/g)].map((m) => m[1]!);
}

/** The plural forms a language needs (Intl), less Spanish "many" (a million or more: the core falls back to "other"). */
export function pluralForms(lng: string): string[] {
  const cats = new Intl.PluralRules(lng).resolvedOptions().pluralCategories as string[];
  return cats.filter((c) => !(lng === "es" && c === "many")).sort();
}

export interface GlossaryTerm {
  term: string;
  match: string;
}

export function glossary(lng: string): Record<string, GlossaryTerm> {
  const file = path.join(import.meta.dirname, "../../commands/core/glossary", `${lng}.json`);
  return (JSON.parse(fs.readFileSync(file, "utf8")) as { terms: Record<string, GlossaryTerm> }).terms;
}

export { LOCALES };

/** Variants of union words no string may use in this language (a stem → the word to use instead). */
export function forbiddenWords(lng: string): Record<string, string> {
  const file = path.join(import.meta.dirname, "../../commands/core/glossary", `${lng}.json`);
  return (JSON.parse(fs.readFileSync(file, "utf8")) as { forbidden?: Record<string, string> }).forbidden ?? {};
}
