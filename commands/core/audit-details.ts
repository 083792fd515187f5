// An audit entry's details as a line the reader understands in their own language ("plataforma:
// web · motivo: no es el organizador"), never JSON and never English codes: each detail's name,
// true and false, stored codes, dates and money in the reader's words. Ids and numbers stay as
// stored; a code this version has no word for is shown as stored rather than guessed at.
import { DETAIL_LABELS, DETAIL_VALUES } from "./audit-detail-strings.ts";
import type { Formatter } from "./format.ts";
import { isLocale, LANGUAGE_NAMES, type Translate } from "./i18n.ts";

type Details = Record<string, unknown>;

const has = (table: Record<string, unknown>, key: string) => Object.prototype.hasOwnProperty.call(table, key);

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** One detail's name in the reader's words; a name this version never writes reads as written, spaced out. */
export function detailLabel(key: string, t: Translate): string {
  return has(DETAIL_LABELS, key) ? t(`core.auditLog.detail.${key}`) : key.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();
}

/** One stored value in the reader's words. */
export function detailValue(key: string, v: unknown, t: Translate, fmt: Formatter): string {
  if (Array.isArray(v)) return v.map((x) => detailValue(key, x, t, fmt)).join(", ");
  if (typeof v === "boolean") return t(`core.auditLog.value.${v ? "yes" : "no"}`);
  if (typeof v === "number") return /Cents$/.test(key) ? fmt.money(v) : String(v);
  if (v !== null && typeof v === "object") return Object.values(v).map((x) => detailValue(key, x, t, fmt)).join(", ");
  const s = String(v);
  if (has(DETAIL_VALUES, s)) return t(`core.auditLog.value.${s}`);
  if ((key === "language" || key === "locale" || key === "before") && isLocale(s)) return LANGUAGE_NAMES[s];
  if (ISO_INSTANT.test(s) && !Number.isNaN(Date.parse(s))) return fmt.dateTime(new Date(s));
  if (ISO_DAY.test(s)) return fmt.date(s);
  return s;
}

/** The details not already said by the sentence (`shown`), as "name: value · name: value". */
export function auditDetailLine(d: Details, shown: readonly string[], t: Translate, fmt: Formatter): string {
  return Object.entries(d)
    .filter(([k, v]) => !shown.includes(k) && v !== null && v !== undefined && v !== "")
    .map(([k, v]) => `${detailLabel(k, t)}: ${detailValue(k, v, t, fmt)}`)
    .join(" · ");
}
