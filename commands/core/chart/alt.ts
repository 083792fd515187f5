// The chart's text alternative: what a screen reader or a text-only client gets instead of the
// picture. Built from the same data, with the same hidden cells shown as their display text.
import { MAX_BARS } from "./spec.ts";
import type { ChartSpec } from "./types.ts";

function num(v: number, percent?: boolean): string {
  return percent ? `${Math.round(v * 100)}%` : v.toLocaleString("en-US");
}

export function altText(s: ChartSpec): string {
  if (s.alt) return s.alt;
  const head = [s.title, s.subtitle].filter(Boolean).join(" — ");
  let body: string;
  if (s.kind === "bar") {
    body = s.data
      .slice(0, MAX_BARS)
      .map((d) => `${d.label}: ${d.display ?? (d.value === null ? "—" : num(d.value, s.percent))}`)
      .join("; ");
  } else {
    const byX = new Map<string, string[]>();
    for (const d of s.data) {
      const cell = `${d.series} ${d.value === null ? (d.display ?? "—") : num(d.value, s.percent)}`;
      byX.set(d.x, [...(byX.get(d.x) ?? []), cell]);
    }
    body = [...byX].map(([x, cells]) => `${x}: ${cells.join(", ")}`).join("; ");
  }
  return head ? `${head}. ${body}` : body;
}
