// The chart's text alternative: what a screen reader or a text-only client gets instead of the
// picture. Built from the same data, with the same hidden cells shown as their display text.
import { chartNumber } from "./number.ts";
import { MAX_BARS } from "./spec.ts";
import type { ChartSpec } from "./types.ts";

export function altText(s: ChartSpec): string {
  if (s.alt) return s.alt;
  const num = (v: number) => chartNumber(s, v);
  // Chinese separates with full-width marks ("2026年1月：申诉 3，已解决 1；…").
  const zh = s.locale === "zh-Hans";
  const [colon, comma, semi, stop] = zh ? ["：", "，", "；", "。"] : [": ", ", ", "; ", ". "];
  const head = [s.title, s.subtitle].filter(Boolean).join(" — ");
  let body: string;
  if (s.kind === "bar") {
    body = s.data
      .slice(0, MAX_BARS)
      .map((d) => `${d.label}${colon}${d.display ?? (d.value === null ? "—" : num(d.value))}`)
      .join(semi);
  } else {
    const byX = new Map<string, string[]>();
    for (const d of s.data) {
      const cell = `${d.series} ${d.value === null ? (d.display ?? "—") : num(d.value)}`;
      byX.set(d.x, [...(byX.get(d.x) ?? []), cell]);
    }
    body = [...byX].map(([x, cells]) => `${x}${colon}${cells.join(comma)}`).join(semi);
  }
  return head ? `${head}${stop}${body}` : body;
}
