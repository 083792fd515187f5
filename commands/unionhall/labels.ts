import type { Translate } from "../core/i18n.ts";

export function roleLabel(t: Translate, r: { role: string; office: string | null }): string {
  const base = t(`core.roles.${r.role}`);
  return r.office ? `${base} (${t(`core.offices.${r.office}`)})` : base;
}

export { describeScope as scopeLabel } from "../core/roles.ts";
