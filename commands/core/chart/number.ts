// A chart's values written as its reader writes numbers ("1,234" / "1 234" / "42 %"), in the bars'
// labels and the text alternative alike.
import { createFormatter, intlTag } from "../format.ts";
import type { ChartSpec } from "./types.ts";

export function chartNumber(s: Pick<ChartSpec, "locale" | "percent">, v: number): string {
  const fmt = createFormatter(s.locale ?? "en");
  return s.percent ? fmt.percent(Math.round(v * 100) / 100, 0) : fmt.number(v);
}

/** The axis's number style (d3's locale) taken from Intl: "1,000" in English, "1 000" in Russian. */
export function numberLocale(locale = "en"): { decimal: string; thousands: string; grouping: number[]; currency: [string, string] } {
  const parts = new Intl.NumberFormat(intlTag(locale)).formatToParts(1234567.5);
  return {
    decimal: parts.find((p) => p.type === "decimal")?.value ?? ".",
    thousands: parts.find((p) => p.type === "group")?.value ?? ",",
    grouping: [3],
    currency: ["$", ""],
  };
}
