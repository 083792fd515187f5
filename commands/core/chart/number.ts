// A chart's values written as its reader writes numbers ("1,234" / "1 234" / "42 %"), in the bars'
// labels and the text alternative alike.
import { createFormatter } from "../format.ts";
import type { ChartSpec } from "./types.ts";

export function chartNumber(s: Pick<ChartSpec, "locale" | "percent">, v: number): string {
  const fmt = createFormatter(s.locale ?? "en");
  return s.percent ? fmt.percent(Math.round(v * 100) / 100, 0) : fmt.number(v);
}
