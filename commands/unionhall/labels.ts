import type { Translate } from "../core/i18n.ts";

export function roleLabel(t: Translate, r: { role: string; office: string | null }): string {
  const base = t(`core.roles.${r.role}`);
  return r.office ? `${base} (${r.office.replace(/_/g, " ")})` : base;
}

export function scopeLabel(r: { scopeType: string; scopeId: string | null }): string {
  if (r.scopeType === "statewide") return "statewide";
  const kind = r.scopeType === "sublocal" ? "sub-local" : r.scopeType === "employer_group" ? "employer group" : "region";
  return `${kind} ${r.scopeId}`;
}
