// Turning cells into text, CSV values and chart values, one way for every report.
import { isWithheld, releasedCsv, releasedText } from "../core/disclosure.ts";
import type { Formatter } from "../core/format.ts";
import type { Translate } from "../core/i18n.ts";
import type { Cell } from "./model.ts";

export function cellText(c: Cell, t: Translate, fmt: Formatter): string {
  if (c === null || isWithheld(c)) return releasedText(c, t, fmt);
  if (typeof c === "string") return c;
  if (typeof c === "number") return fmt.number(c);
  if ("rate" in c) return c.rate === null ? t("report.privacy.hidden") : fmt.percent(c.rate);
  if (c.change === null) return t("report.privacy.hidden");
  return c.change > 0 ? `+${fmt.number(c.change)}` : fmt.number(c.change);
}

/** CSV: numbers plain, rates as percent with one decimal, hidden cells in words. */
export function cellCsv(c: Cell, t: Translate): string | number {
  if (c === null || isWithheld(c)) return releasedCsv(c, t);
  if (typeof c === "string" || typeof c === "number") return c;
  if ("rate" in c) return c.rate === null ? t("report.privacy.hidden") : Math.round(c.rate * 1000) / 10;
  return c.change === null ? t("report.privacy.hidden") : c.change;
}

const csvField = (v: string | number) => {
  if (typeof v === "number") return String(v);
  const s = v;
  return /[",\n\r]/.test(s) || /^[=+\-@\t\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

export function toCsv(header: string[], rows: (string | number)[][]): string {
  return [header, ...rows].map((r) => r.map(csvField).join(",")).join("\r\n") + "\r\n";
}

/** "+12" / "−3" / "no change" for a change in a count, or a hidden one. */
export function changeText(n: number | null, t: Translate, fmt: Formatter): string {
  if (n === null) return t("report.privacy.hidden");
  if (n === 0) return t("report.words.noChange");
  return n > 0 ? `+${fmt.number(n)}` : `−${fmt.number(-n)}`;
}

/** A change in a rate, in percentage points. */
export function pointsText(delta: number | null, t: Translate, fmt: Formatter): string {
  if (delta === null) return t("report.privacy.hidden");
  const pts = Math.round(delta * 1000) / 10;
  if (pts === 0) return t("report.words.noChange");
  return t("report.words.points", { value: `${pts > 0 ? "+" : "−"}${fmt.number(Math.abs(pts))}` });
}
