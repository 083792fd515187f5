// Chart specs → Vega-Lite. Sizes and fonts are chosen to stay readable when Slack or Discord
// shrink the image to a ~400 px preview: few, large labels, no gridline clutter.
import type { TopLevelSpec } from "vega-lite";
import { CJK_FONT_FAMILY, FONT_FAMILY } from "../fonts.ts";
import type { ChartSpec } from "./types.ts";

export const PALETTE = ["#512da8", "#f0ad00", "#0c8599", "#c2255c", "#5c940d", "#868e96", "#1971c2", "#e8590c"];
/** Most bars a chart draws; longer lists keep the first ones (callers sort largest first). */
export const MAX_BARS = 30;
export const MAX_POINTS = 400;

const FONT = `${FONT_FAMILY}, ${CJK_FONT_FAMILY}`;

const config = {
  font: FONT,
  background: "#ffffff",
  padding: 14,
  view: { stroke: null },
  title: { fontSize: 22, fontWeight: "bold", anchor: "start", subtitleFontSize: 16, subtitleColor: "#495057", offset: 14, color: "#212529", limit: 700 },
  axis: { labelFontSize: 16, titleFontSize: 15, labelColor: "#343a40", titleColor: "#495057", domainColor: "#adb5bd", tickColor: "#adb5bd", gridColor: "#edf0f2", labelLimit: 300 },
  legend: { labelFontSize: 16, titleFontSize: 15, orient: "bottom", direction: "horizontal", labelLimit: 260, symbolType: "square", symbolSize: 160 },
  text: { fontSize: 15 },
} as const;

/** Values start at 0 and the axis spans at least 0–1, so an empty or all-zero chart still reads "0". */
const VALUE_SCALE = { domain: { unionWith: [0, 1] }, nice: true } as const;

const valueFormat = (s: ChartSpec) => (s.percent ? ".0%" : ",d");
/** Counts tick on whole numbers only (no "0, 0, 1, 1" on a small axis). */
const valueAxis = (s: ChartSpec) => ({ format: valueFormat(s), tickCount: 5, ...(s.percent ? {} : { tickMinStep: 1 }) });

function title(s: ChartSpec) {
  return s.title ? { text: s.title, ...(s.subtitle ? { subtitle: s.subtitle } : {}) } : undefined;
}

export function toVegaLite(s: ChartSpec): TopLevelSpec {
  // A plot ~440 px wide (≈ 750 px with labels) keeps the text legible in a ~400 px chat preview.
  const width = s.width ?? 440;
  const fmt = valueFormat(s);
  const base = { $schema: "https://vega.github.io/schema/vega-lite/v6.json", config, title: title(s), width } as const;
  switch (s.kind) {
    case "bar": {
      const data = s.data.slice(0, MAX_BARS).map((d, i) => ({ i, label: d.label, value: d.value ?? 0, shown: d.display ?? (d.value === null ? "" : null) }));
      const x = { field: "value", type: "quantitative", title: s.valueTitle ?? null, axis: valueAxis(s), scale: VALUE_SCALE } as const;
      const y = { field: "label", type: "nominal", sort: { field: "i", op: "min", order: "ascending" }, title: null } as const;
      return {
        ...base,
        height: { step: 36 },
        data: { values: data },
        encoding: { y },
        layer: [
          // stack: null keeps the bar's domain on "value", the same field as the labels' (one scale, no conflict).
          { mark: { type: "bar", color: PALETTE[0], cornerRadiusEnd: 2 }, encoding: { x: { ...x, stack: null } } },
          {
            mark: { type: "text", align: "left", dx: 5, color: "#343a40", fontSize: 15 },
            encoding: { x, text: { condition: { test: "datum.shown !== null", field: "shown" }, field: "value", format: fmt } },
          },
        ],
      } as unknown as TopLevelSpec;
    }
    case "line": {
      const data = s.data.slice(-MAX_POINTS).map((d, i) => ({ ...d, i }));
      return {
        ...base,
        height: Math.round(width * 0.62),
        data: { values: data.filter((d) => d.value !== null) },
        mark: { type: "line", point: data.length <= 40, strokeWidth: 3 },
        encoding: {
          x: { field: "x", type: "ordinal", sort: null, title: null, axis: { labelAngle: -40, labelOverlap: "greedy" } },
          y: { field: "value", type: "quantitative", title: s.valueTitle ?? null, axis: valueAxis(s), scale: VALUE_SCALE },
          color: { field: "series", type: "nominal", title: null, sort: null, scale: { range: PALETTE } },
        },
      } as unknown as TopLevelSpec;
    }
    case "stacked": {
      const order = [...new Set(s.data.map((d) => d.x))].slice(0, MAX_BARS);
      const keep = new Set(order);
      const series = [...new Set(s.data.map((d) => d.series))];
      return {
        ...base,
        height: { step: 36 },
        data: { values: s.data.filter((d) => keep.has(d.x) && d.value !== null).map((d) => ({ ...d, o: series.indexOf(d.series) })) },
        mark: { type: "bar" },
        encoding: {
          y: { field: "x", type: "nominal", sort: order, title: null },
          x: { field: "value", type: "quantitative", stack: "zero", title: s.valueTitle ?? null, axis: valueAxis(s), scale: VALUE_SCALE },
          color: { field: "series", type: "nominal", title: null, sort: series, scale: { range: PALETTE } },
          order: { field: "o", type: "quantitative" },
        },
      } as unknown as TopLevelSpec;
    }
    case "grouped": {
      const data = s.data.slice(-MAX_POINTS);
      const xs = [...new Set(data.map((d) => d.x))];
      return {
        ...base,
        height: Math.round(width * 0.6),
        data: { values: data.filter((d) => d.value !== null) },
        mark: { type: "bar" },
        encoding: {
          x: { field: "x", type: "ordinal", sort: xs, title: null, axis: { labelAngle: -40, labelOverlap: "greedy" } },
          xOffset: { field: "series", sort: null },
          y: { field: "value", type: "quantitative", title: s.valueTitle ?? null, axis: valueAxis(s), scale: VALUE_SCALE },
          color: { field: "series", type: "nominal", title: null, sort: null, scale: { range: PALETTE } },
        },
      } as unknown as TopLevelSpec;
    }
  }
}
