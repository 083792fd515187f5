// A choice argument in the reader's language: its labels are i18n keys, shown translated in forms,
// Discord menus, help and errors, and a label typed in the reader's language is read as its value
// ("acuerdo" → settled), as are the values themselves (command words stay English everywhere).
import type { ArgSpec, ArgSpecs } from "./args.ts";
import type { CommandDef } from "./command.ts";
import type { Translate } from "./i18n.ts";

/** The key a choice declared without labels gets: `<area>.choices.<arg>.<value>`. */
export const defaultChoiceKey = (area: string, arg: string, value: string) => `${area}.choices.${arg}.${value}`;

/** A command whose unlabelled choices carry their default keys (done once, by the registry). */
export function withChoiceKeys(cmd: CommandDef): CommandDef {
  const entries = Object.entries(cmd.args);
  if (!entries.some(([, s]) => s.defaultLabels)) return cmd;
  const args: ArgSpecs = {};
  for (const [name, spec] of entries)
    args[name] = spec.defaultLabels
      ? { ...spec, defaultLabels: false, choices: spec.choices?.map((c) => ({ value: c.value, label: defaultChoiceKey(cmd.path[0]!, name, c.value) })) }
      : spec;
  return { ...cmd, args };
}

/** Lowercase, without accents or tone marks, spaces and hyphens as "_": how a typed choice is compared. */
export function choiceWord(s: string): string {
  return s
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/đ/g, "d")
    .replace(/Đ/g, "D")
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, "_");
}

/** The choices with their labels in the reader's language. */
export function choiceLabels(spec: ArgSpec, t: Translate): { value: string; label: string }[] {
  return (spec.choices ?? []).map((c) => ({ value: c.value, label: t(c.label) }));
}

/** The value a typed word stands for: the value itself, or its label in the reader's language or in English. */
export function choiceValue(spec: ArgSpec, typed: string, t: Translate, en: Translate): string | undefined {
  const w = choiceWord(typed);
  for (const c of spec.choices ?? []) if (choiceWord(c.value) === w || choiceWord(t(c.label)) === w || choiceWord(en(c.label)) === w) return c.value;
  return undefined;
}

/** Raw argument values with every choice given as a label replaced by its value; anything else as it was. */
export function choicesAsValues(specs: ArgSpecs, raw: Record<string, unknown>, t: Translate, en: Translate): Record<string, unknown> {
  const out = { ...raw };
  for (const [name, spec] of Object.entries(specs)) {
    const v = out[name];
    if (spec.kind !== "choice" || typeof v !== "string") continue;
    out[name] = choiceValue(spec, v, t, en) ?? v;
  }
  return out;
}

/** "acuerdo, retirada, “guía para funcionarios”": the choices as a reader can type them (a phrase quoted). */
export function choiceList(spec: ArgSpec, t: Translate): string {
  return choiceLabels(spec, t)
    .map((c) => (/\s/.test(c.label) ? `“${c.label}”` : c.label))
    .join(", ");
}
