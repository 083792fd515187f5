// Usage lines and the list of commands a given person may run.
import type { CommandDef } from "./command.ts";
import type { FormField } from "./reply.ts";
import type { Translate } from "./i18n.ts";
import type { Registry } from "./registry.ts";
import { allows, type ActiveRole } from "./roles.ts";

/**
 * The one written form of a command, generated from its argument specs and read back by
 * `parseTextArgs` exactly as written: `<required>`, `[optional]`, `a|b` for choices, `…` for
 * free text that takes the rest of the words. Help, usage errors, menus and the README use it.
 */
export function usageLine(cmd: CommandDef): string {
  const args = Object.entries(cmd.args).map(([name, spec]) => {
    const label = spec.kind === "choice" && spec.choices && spec.choices.length <= 6 ? spec.choices.map((c) => c.value).join("|") : spec.rest ? `${name}…` : name;
    return spec.required ? `<${label}>` : `[${label}]`;
  });
  return ["/" + cmd.path.join(" "), ...args].join(" ");
}

export function argHelp(cmd: CommandDef, t: Translate): string[] {
  return Object.entries(cmd.args).map(([name, spec]) => `${name}: ${t(spec.description)}`);
}

export function visibleCommands(registry: Registry, linked: boolean, roles: readonly ActiveRole[], area?: string): CommandDef[] {
  return registry.commands.filter((c) => (!area || c.path[0] === area) && allows(c.access, linked, roles));
}

/** Form fields for a command's arguments (a command typed alone opens as a form). */
export function argFormFields(cmd: CommandDef, t: Translate, labelOf: (name: string) => string | undefined = () => undefined): FormField[] {
  return Object.entries(cmd.args).map(([name, spec]) => ({
    name,
    // The option's name in the reader's language when the core knows it, else the (English) name.
    label: labelOf(name) ?? name.replace(/_/g, " ").replace(/^./, (c) => c.toUpperCase()),
    kind: spec.kind === "choice" ? "select" : spec.kind === "date" ? "date" : spec.kind === "integer" ? "number" : spec.rest ? "textarea" : "text",
    required: spec.required,
    hint: t(spec.description),
    maxLength: spec.maxLength,
    // A choice's label may be an i18n key (shown in the reader's language); plain text passes through.
    options: spec.choices?.map((c) => ({ value: c.value, label: t(c.label) })),
  }));
}
