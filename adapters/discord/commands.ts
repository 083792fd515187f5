// Pure mapping between the command registry and Discord application commands, both ways:
// registry → the JSON registered with Discord (one top-level command per feature area), and an
// incoming interaction's nested options → the core's command path and typed options.
//
// Path of 2 words → subcommand path[1]; 3 → group path[1] + subcommand path[2];
// 4 → group path[1] + subcommand `path[2]-path[3]` (Discord nests only two levels).
import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  InteractionContextType,
  type APIApplicationCommandBasicOption,
  type APIApplicationCommandOption,
  type APIApplicationCommandSubcommandGroupOption,
  type APIApplicationCommandSubcommandOption,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from "discord.js";
import type { ArgSpec } from "../../commands/core/args.ts";
import type { CommandDef } from "../../commands/core/command.ts";
import type { Translate, Translator } from "../../commands/core/i18n.ts";
import type { Registry } from "../../commands/core/registry.ts";
import { discordSyntax } from "./syntax.ts";

export const LIMITS = { name: 32, description: 100, options: 25, choices: 25, choiceValue: 100, commands: 100, stringMax: 6000, commandText: 4000 } as const;

const nameRe = /^[-_\p{Ll}\p{N}]{1,32}$/u;

/** Where a registry path lives in Discord's three levels. */
export interface DiscordAddress {
  command: string;
  group?: string;
  subcommand: string;
}

export function addressOf(path: readonly string[]): DiscordAddress {
  if (path.length === 2) return { command: path[0]!, subcommand: path[1]! };
  if (path.length === 3) return { command: path[0]!, group: path[1]!, subcommand: path[2]! };
  if (path.length === 4) return { command: path[0]!, group: path[1]!, subcommand: `${path[2]}-${path[3]}` };
  throw new Error(`command path "${path.join(" ")}" must have 2 to 4 words`);
}

const addressKey = (a: DiscordAddress) => [a.command, a.group ?? "", a.subcommand].join("/");

/** Problems found while building; all of them are reported at once. */
export class DiscordCommandError extends Error {
  constructor(readonly problems: string[]) {
    super(`Discord application commands break Discord's limits:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "DiscordCommandError";
  }
}

/** Arguments whose choices do not fit Discord's 25 are offered through autocomplete instead. */
export function choicesViaAutocomplete(spec: ArgSpec): boolean {
  return spec.kind === "choice" && (spec.choices?.length ?? 0) > LIMITS.choices;
}

/** Translations of descriptions by Discord locale ("es-ES", "vi", "zh-CN", "ru"). */
export type DiscordLocalized = Partial<Record<"es-ES" | "es-419" | "vi" | "zh-CN" | "ru", Translate>>;

/** The Discord locales our languages serve: names stay English, descriptions are shown in these. */
export function discordLocalized(translator: Translator): DiscordLocalized {
  const es = translator.forLocale("es");
  return { "es-ES": es, "es-419": es, vi: translator.forLocale("vi"), "zh-CN": translator.forLocale("zh-Hans"), ru: translator.forLocale("ru") };
}

/** `description_localizations` for one i18n key: only languages that differ from English, cut to Discord's 100. */
function localizations(key: string, english: string, localized: DiscordLocalized): { description_localizations?: Record<string, string> } {
  const out: Record<string, string> = {};
  for (const [loc, t] of Object.entries(localized)) {
    const d = t!(key);
    if (d && d !== english) out[loc] = d.length <= LIMITS.description ? d : `${d.slice(0, LIMITS.description - 1)}…`;
  }
  return Object.keys(out).length > 0 ? { description_localizations: out } : {};
}

function option(name: string, spec: ArgSpec, t: Translate, where: string, problems: string[], localized: DiscordLocalized): APIApplicationCommandBasicOption {
  const description = t(spec.description);
  checkName(name, `option "${name}" of ${where}`, problems);
  checkDescription(description, `option "${name}" of ${where}`, problems);
  // Every option is optional on Discord: a command typed without any opens the core's form as a
  // modal, exactly like typing it alone on Slack. A partly filled command gets the core's usage error.
  const base = { name, description, ...localizations(spec.description, description, localized), required: false } as const;
  switch (spec.kind) {
    case "integer": {
      const o: APIApplicationCommandBasicOption = { ...base, type: ApplicationCommandOptionType.Integer };
      if (spec.min !== undefined) o.min_value = spec.min;
      if (spec.max !== undefined) o.max_value = spec.max;
      return o;
    }
    case "boolean":
      return { ...base, type: ApplicationCommandOptionType.Boolean };
    case "user":
      return { ...base, type: ApplicationCommandOptionType.User };
    case "channel":
      return { ...base, type: ApplicationCommandOptionType.Channel };
    case "choice": {
      const choices = spec.choices ?? [];
      if (choicesViaAutocomplete(spec)) return { ...base, type: ApplicationCommandOptionType.String, autocomplete: true };
      for (const c of choices) {
        const label = t(c.label);
        if (label.length < 1 || label.length > LIMITS.choiceValue) problems.push(`choice "${c.value}" of option "${name}" of ${where}: label must be 1–100 characters`);
        if (c.value.length > LIMITS.choiceValue) problems.push(`choice "${c.value}" of option "${name}" of ${where}: value must be at most 100 characters`);
      }
      // A label that is an i18n key is shown in each Discord language (name_localizations); values stay as typed.
      return {
        ...base,
        type: ApplicationCommandOptionType.String,
        choices: choices.map((c) => {
          const label = t(c.label);
          const names = localizations(c.label, label, localized).description_localizations;
          return { name: label, value: c.value, ...(names ? { name_localizations: names } : {}) };
        }),
      };
    }
    case "date":
      return { ...base, type: ApplicationCommandOptionType.String, min_length: 10, max_length: 10 };
    case "member":
    case "string": {
      const max_length = spec.maxLength !== undefined ? Math.min(spec.maxLength, LIMITS.stringMax) : undefined;
      if (spec.autocomplete) return { ...base, type: ApplicationCommandOptionType.String, max_length, autocomplete: true };
      return { ...base, type: ApplicationCommandOptionType.String, max_length };
    }
  }
}

function checkName(name: string, what: string, problems: string[]) {
  if (!nameRe.test(name)) problems.push(`${what}: name must be 1–32 lowercase letters, digits, - or _`);
}

function checkDescription(d: string, what: string, problems: string[]) {
  if (d.length < 1 || d.length > LIMITS.description) problems.push(`${what}: description must be 1–100 characters (has ${d.length}: “${d.slice(0, 40)}…”)`);
}

function subcommand(cmd: CommandDef, name: string, t: Translate, problems: string[], localized: DiscordLocalized): APIApplicationCommandSubcommandOption {
  const where = `/${cmd.path.join(" ")}`;
  checkName(name, `subcommand "${name}" of ${where}`, problems);
  const description = t(cmd.description);
  checkDescription(description, where, problems);
  const entries = Object.entries(cmd.args);
  if (entries.length > LIMITS.options) problems.push(`${where}: at most 25 options (has ${entries.length})`);
  // Discord lists options in this order and all are optional there: the ones the command needs come first.
  const ordered = [...entries.filter(([, s]) => s.required), ...entries.filter(([, s]) => !s.required)];
  const options = ordered.map(([n, spec]) => option(n, spec, t, where, problems, localized));
  return { type: ApplicationCommandOptionType.Subcommand, name, description, ...localizations(cmd.description, description, localized), options };
}

/**
 * The whole registry as Discord application commands (one per feature area). Throws a
 * DiscordCommandError listing every limit that is broken, so a mistake shows at build time.
 */
export function buildCommands(registry: Registry, t: Translate, localized: DiscordLocalized = {}): RESTPostAPIChatInputApplicationCommandsJSONBody[] {
  const problems: string[] = [];
  const seen = new Map<string, string>();
  const out: RESTPostAPIChatInputApplicationCommandsJSONBody[] = [];
  for (const feature of registry.features) {
    const description = t(feature.description);
    checkName(feature.area, `command /${feature.area}`, problems);
    checkDescription(description, `/${feature.area}`, problems);
    const top: APIApplicationCommandOption[] = [];
    const groups = new Map<string, APIApplicationCommandSubcommandGroupOption>();
    for (const cmd of registry.commands.filter((c) => c.path[0] === feature.area)) {
      const a = addressOf(cmd.path);
      const key = addressKey(a);
      const clash = seen.get(key);
      if (clash) problems.push(`/${cmd.path.join(" ")} and /${clash} both become /${[a.command, a.group, a.subcommand].filter(Boolean).join(" ")} on Discord`);
      seen.set(key, cmd.path.join(" "));
      const sub = subcommand(cmd, a.subcommand, t, problems, localized);
      if (!a.group) {
        top.push(sub);
        continue;
      }
      let group = groups.get(a.group);
      if (!group) {
        checkName(a.group, `group "${a.group}" of /${feature.area}`, problems);
        group = { type: ApplicationCommandOptionType.SubcommandGroup, name: a.group, description: "", options: [] };
        groups.set(a.group, group);
        top.push(group);
      }
      group.options!.push(sub);
    }
    // A group has no description of its own in the registry: say what it holds.
    for (const g of groups.values()) {
      const list = g.options!.map((o) => o.name).join(", ");
      g.description = list.length <= LIMITS.description ? list : `${list.slice(0, LIMITS.description - 1)}…`;
    }
    for (const g of groups.values()) if (g.options!.length > LIMITS.options) problems.push(`group /${feature.area} ${g.name}: at most 25 subcommands (has ${g.options!.length})`);
    if (top.length > LIMITS.options) problems.push(`/${feature.area}: at most 25 subcommands and groups (has ${top.length})`);
    if (top.length === 0) problems.push(`/${feature.area}: has no commands`);
    out.push({
      type: ApplicationCommandType.ChatInput,
      name: feature.area,
      description,
      ...localizations(feature.description, description, localized),
      contexts: [InteractionContextType.Guild],
      options: top,
    });
  }
  if (out.length > LIMITS.commands) problems.push(`at most 100 top-level commands (has ${out.length})`);
  for (const c of out) {
    const n = textSize(c);
    if (n > LIMITS.commandText) problems.push(`/${c.name}: names, descriptions and choices add up to ${n} characters; Discord allows ${LIMITS.commandText}`);
  }
  if (problems.length > 0) throw new DiscordCommandError(problems);
  return out;
}

/** Discord's combined limit counts every name, description and choice of one command. */
export function textSize(o: { name?: string; description?: string; value?: unknown; options?: readonly unknown[]; choices?: readonly unknown[] }): number {
  let n = (o.name?.length ?? 0) + (o.description?.length ?? 0) + (typeof o.value === "string" ? o.value.length : 0);
  for (const x of [...(o.options ?? []), ...(o.choices ?? [])]) n += textSize(x as Parameters<typeof textSize>[0]);
  return n;
}

/**
 * Replies name commands as the core spells them ("/event show 2"); on Discord they read in its
 * option form ("/event show id:2", "/unionhall admin role-grant member:…"): see ./syntax.ts.
 */
export function discordSpelling(registry: Registry): (text: string) => string {
  return discordSyntax(registry);
}

// ---- Incoming: interaction options → path and typed options -------------------------------------

/** The shape of an interaction option, as Discord sends it and as discord.js exposes it. */
export interface OptionLike {
  name: string;
  type: number;
  value?: string | number | boolean;
  focused?: boolean;
  options?: readonly OptionLike[];
}

export interface ParsedInvocation {
  path: readonly string[];
  cmd: CommandDef;
  /** Options in the core's terms: users as `<@id>`, channels as `<#id>`. */
  options: Record<string, unknown>;
  /** The option being typed, for autocomplete. */
  focused?: { name: string; value: string };
}

/** Finds the registry command an interaction names and converts its options; undefined when unknown. */
export function parseInvocation(registry: Registry, commandName: string, options: readonly OptionLike[]): ParsedInvocation | undefined {
  const { group, sub, leaf } = invocationParts(options);
  if (!sub) return undefined;
  const key = addressKey({ command: commandName, group, subcommand: sub });
  const cmd = registry.commands.find((c) => c.path.length >= 2 && c.path.length <= 4 && addressKey(addressOf(c.path)) === key);
  if (!cmd) return undefined;
  const out: Record<string, unknown> = {};
  let focused: ParsedInvocation["focused"];
  for (const o of leaf) {
    if (o.value === undefined) continue;
    if (o.focused) focused = { name: o.name, value: String(o.value) };
    out[o.name] =
      o.type === ApplicationCommandOptionType.User ? `<@${o.value}>` : o.type === ApplicationCommandOptionType.Channel ? `<#${o.value}>` : o.value;
  }
  return { path: cmd.path, cmd, options: out, focused };
}

/**
 * An interaction's options as plain data (names, types, values, nesting): what parsing reads,
 * without the user, member and channel objects discord.js resolves beside them, so it can be kept
 * and parsed again after a restart.
 */
export function plainOptions(options: readonly OptionLike[]): OptionLike[] {
  return options.map((o) => ({
    name: o.name,
    type: o.type,
    ...(o.value !== undefined ? { value: o.value } : {}),
    ...(o.options ? { options: plainOptions(o.options) } : {}),
  }));
}

/** The subcommand group and subcommand an invocation names, and the options under them. */
function invocationParts(options: readonly OptionLike[]): { group?: string; sub?: string; leaf: readonly OptionLike[] } {
  const first = options[0];
  if (first?.type === ApplicationCommandOptionType.SubcommandGroup) {
    const s = first.options?.[0];
    return s?.type === ApplicationCommandOptionType.Subcommand ? { group: first.name, sub: s.name, leaf: s.options ?? [] } : { group: first.name, leaf: [] };
  }
  if (first?.type === ApplicationCommandOptionType.Subcommand) return { sub: first.name, leaf: first.options ?? [] };
  return { leaf: [] };
}

/** The names an invocation gives (command, subcommand group, subcommand), whether or not the registry knows them. */
export function invokedPath(commandName: string, options: readonly OptionLike[]): string[] {
  const { group, sub } = invocationParts(options);
  return [commandName, group, sub].filter((x): x is string => x !== undefined);
}
