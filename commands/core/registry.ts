// Everything the bot can do, collected once at start-up. Duplicate names throw here, so a
// mistake shows when the process starts, not when a member clicks.
import { withChoiceKeys } from "./choices.ts";
import type { ActionDef, AutocompleteDef, CommandDef, Feature, FormDef } from "./command.ts";
import type { Strings } from "./i18n.ts";
import type { NoticeKind } from "./notice.ts";

const wordRe = /^[a-z][a-z0-9-]{0,31}$/;

export interface Registry {
  features: readonly Feature[];
  commands: readonly CommandDef[];
  command(path: readonly string[]): CommandDef | undefined;
  action(id: string): ActionDef | undefined;
  form(id: string): FormDef | undefined;
  autocomplete(id: string): AutocompleteDef | undefined;
  /** Every notice kind of every area (rendered for their recipient by the core). */
  notices: readonly NoticeKind[];
  notice(id: string): NoticeKind | undefined;
  strings: Record<string, Strings>[];
}

export const pathKey = (path: readonly string[]) => path.join(" ");

export function createRegistry(features: readonly Feature[]): Registry {
  const commands = new Map<string, CommandDef>();
  const actions = new Map<string, ActionDef>();
  const forms = new Map<string, FormDef>();
  const autocompletes = new Map<string, AutocompleteDef>();
  const notices = new Map<string, NoticeKind>();
  const areas = new Set<string>();
  const put = <T>(m: Map<string, T>, kind: string, id: string, v: T) => {
    if (m.has(id)) throw new Error(`duplicate ${kind} "${id}"`);
    m.set(id, v);
  };
  for (const f of features) {
    if (areas.has(f.area)) throw new Error(`duplicate feature area "${f.area}"`);
    areas.add(f.area);
    for (const declared of f.commands) {
      const c = withChoiceKeys(declared);
      if (c.path[0] !== f.area) throw new Error(`command "${pathKey(c.path)}" must start with its area "${f.area}"`);
      if (c.path.length < 2 || c.path.length > 4 || !c.path.every((w) => wordRe.test(w)))
        throw new Error(`command path "${pathKey(c.path)}" must be 2 to 4 lowercase words`);
      put(commands, "command", pathKey(c.path), c);
    }
    for (const a of f.actions ?? []) put(actions, "action", a.id, a);
    for (const fm of f.forms ?? []) put(forms, "form", fm.id, fm);
    for (const ac of f.autocompletes ?? []) put(autocompletes, "autocomplete", ac.id, ac);
    for (const n of f.notices ?? []) {
      if (!n.id.startsWith(`${f.area}.`)) throw new Error(`notice "${n.id}" must start with its area "${f.area}."`);
      put(notices, "notice", n.id, n);
    }
  }
  // A command path may not be the prefix of another: "/x a" and "/x a b" would be ambiguous as text.
  for (const k of commands.keys())
    for (const other of commands.keys())
      if (other !== k && other.startsWith(`${k} `)) throw new Error(`command "${k}" is a prefix of "${other}"`);
  for (const c of commands.values())
    for (const [name, spec] of Object.entries(c.args))
      if (spec.autocomplete && !autocompletes.has(spec.autocomplete))
        throw new Error(`argument "${name}" of "${pathKey(c.path)}" uses unknown autocomplete "${spec.autocomplete}"`);
  return {
    features,
    commands: [...commands.values()],
    command: (path) => commands.get(pathKey(path)),
    action: (id) => actions.get(id),
    form: (id) => forms.get(id),
    autocomplete: (id) => autocompletes.get(id),
    notices: [...notices.values()],
    notice: (id) => notices.get(id),
    strings: features.map((f) => f.strings),
  };
}
