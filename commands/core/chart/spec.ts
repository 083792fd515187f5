// Chart specs → Vega-Lite, in one style for every area. The chart is laid out for a phone: the
// picture is 600 px wide (a 390 px screen shows it at about 0.6×, so 22 px type reads as 13 px),
// the text is measured with the very Noto fonts resvg draws with (measure.ts), titles, legends and
// long labels wrap instead of being cut, and every category and period keeps its place on the axis
// (hidden cells included: they draw their "fewer than 5" text where the bar would be). When the
// labels would not fit side by side under vertical bars, the bars turn horizontal.
import type { TopLevelSpec } from "vega-lite";
import { CJK_FONT_FAMILY, FONT_FAMILY } from "../fonts.ts";
import { textWidth, wrapText } from "../measure.ts";
import { chartNumber, numberLocale } from "./number.ts";
import type { ChartSpec, SeriesDatum } from "./types.ts";

export const PALETTE = ["#512da8", "#f0ad00", "#0c8599", "#c2255c", "#5c940d", "#868e96", "#1971c2", "#e8590c"];
/** Most bars a chart draws; longer lists keep the first ones (callers sort largest first). */
export const MAX_BARS = 30;
export const MAX_POINTS = 400;

const FONT = `${FONT_FAMILY}, ${CJK_FONT_FAMILY}`;

/** The chart's full width in layout pixels (the PNG is 1.5× this). */
export const CHART_WIDTH = 600;
export const PADDING = 16;
export const TYPE = { title: 28, subtitle: 21, label: 21, legend: 21, value: 20, axisTitle: 19 } as const;
const LINE = (size: number) => Math.round(size * 1.25);
/** Legend swatch: a square this many pixels wide, then a gap before its label. */
const SWATCH = 18;
const SWATCH_GAP = 10;
const LEGEND_COLUMN_GAP = 28;
/** Longest a category label may run before it wraps, as a share of the chart's width. */
const LABEL_SHARE = 0.4;
const HIDDEN_INK = "#6c757d";
/** Lines are joined with this in data values and split again by the axis and legend (labelExpr). */
const BREAK = "\n";
const SPLIT = `split(datum.label, '\\n')`;

const config = {
  font: FONT,
  background: "#ffffff",
  padding: PADDING,
  view: { stroke: null },
  title: { fontSize: TYPE.title, fontWeight: "bold", anchor: "start", subtitleFontSize: TYPE.subtitle, subtitleColor: "#495057", subtitlePadding: 8, offset: 18, color: "#212529", limit: 0, lineHeight: LINE(TYPE.title), subtitleLineHeight: LINE(TYPE.subtitle) },
  axis: { labelFontSize: TYPE.label, titleFontSize: TYPE.axisTitle, labelColor: "#343a40", titleColor: "#495057", domainColor: "#adb5bd", tickColor: "#adb5bd", gridColor: "#edf0f2", labelLimit: 0, labelOverlap: false, labelLineHeight: LINE(TYPE.label), labelPadding: 6, titlePadding: 12 },
  legend: { labelFontSize: TYPE.legend, titleFontSize: TYPE.legend, orient: "bottom", direction: "horizontal", labelLimit: 0, symbolType: "square", symbolSize: SWATCH * SWATCH, symbolStrokeWidth: 0, labelOffset: SWATCH_GAP, columnPadding: LEGEND_COLUMN_GAP, rowPadding: 10, offset: 22, labelExpr: SPLIT },
  text: { fontSize: TYPE.value },
} as const;

/** Values start at 0 and the axis spans at least 0–1, so an empty or all-zero chart still reads "0". */
const VALUE_SCALE = { domain: { unionWith: [0, 1] }, nice: true } as const;

/** Space an axis of category labels takes beside them (padding, tick, line). */
const AXIS_GAP = 20;

/**
 * A value scale for horizontal bars whose end labels ("42", "fewer than 5") must fit inside the
 * chart: the domain reaches far enough that the longest bar plus its label still fits the plot.
 */
function roomyScale(plot: number, rows: { value: number; label: string }[]) {
  let top = 1;
  for (const r of rows) {
    const room = plot - 10 - textWidth(r.label, TYPE.value);
    top = Math.max(top, room > plot * 0.25 ? (r.value * plot) / room : r.value * 4);
  }
  return { domain: [0, top], nice: true } as const;
}

const valueFormat = (s: ChartSpec) => (s.percent ? ".0%" : ",d");
/** Counts tick on whole numbers only (no "0, 0, 1, 1" on a small axis). */
const valueAxis = (s: ChartSpec, ticks = 5) => ({ format: valueFormat(s), tickCount: ticks, labelOverlap: "parity", ...(s.percent ? {} : { tickMinStep: 1 }) });
const formatValue = (s: ChartSpec, v: number) => chartNumber(s, s.percent ? v : Math.round(v));

/** Room inside the padding. */
const inner = (s: ChartSpec) => (s.width ?? CHART_WIDTH) - 2 * PADDING;

const lines = (text: string, size: number, width: number, bold = false) => wrapText(text, size, width, { bold });
const widest = (texts: string[], size: number) => Math.max(0, ...texts.map((t) => Math.max(...t.split(BREAK).map((l) => textWidth(l, size)))));
const wrapLabel = (label: string, width: number) => lines(label, TYPE.label, width).join(BREAK);
const lineCount = (label: string) => label.split(BREAK).length;

function title(s: ChartSpec) {
  if (!s.title) return undefined;
  return {
    text: lines(s.title, TYPE.title, inner(s), true),
    ...(s.subtitle ? { subtitle: lines(s.subtitle, TYPE.subtitle, inner(s)) } : {}),
  };
}

/**
 * Series names wrapped to fit the legend, and how many legend columns fit side by side. The legend
 * lines up with the plot, so it has the width left of the category labels (`beside`).
 */
function legendPlan(s: ChartSpec, series: string[], beside = 70): { names: Map<string, string>; columns: number } {
  const width = inner(s) - beside;
  const room = width - SWATCH - SWATCH_GAP;
  const names = new Map(series.map((n) => [n, lines(n, TYPE.legend, room).join(BREAK)]));
  const entry = widest([...names.values()], TYPE.legend) + SWATCH + SWATCH_GAP;
  const columns = Math.max(1, Math.min(series.length, Math.floor((width + LEGEND_COLUMN_GAP) / (entry + LEGEND_COLUMN_GAP))));
  return { names, columns };
}

/** Category labels wrapped to at most LABEL_SHARE of the width (they sit left of horizontal bars). */
function categoryLabels(s: ChartSpec, categories: string[]): Map<string, string> {
  const room = Math.round(inner(s) * LABEL_SHARE);
  return new Map(categories.map((c) => [c, wrapLabel(c, room)]));
}

/** Categories in the order given, every one of them (hidden cells keep theirs). */
const categoriesOf = (data: SeriesDatum[]) => [...new Set(data.map((d) => d.x))];
const seriesOf = (data: SeriesDatum[]) => [...new Set(data.map((d) => d.series))];

/** What a hidden cell shows in place of its bar. */
const hiddenText = (d: { value: number | null; display?: string }) => (d.value === null ? (d.display ?? "—") : null);

export function toVegaLite(s: ChartSpec): TopLevelSpec {
  const width = s.width ?? CHART_WIDTH;
  const fmt = valueFormat(s);
  const base = {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    config: { ...config, locale: { number: numberLocale(s.locale) } },
    title: title(s),
    width,
    autosize: { type: "fit-x", contains: "padding" },
  } as const;
  const valueText = { condition: { test: "datum.shown !== null", field: "shown" }, field: "value", format: fmt } as const;
  switch (s.kind) {
    case "bar": {
      const labels = categoryLabels(s, s.data.slice(0, MAX_BARS).map((d) => d.label));
      const data = s.data.slice(0, MAX_BARS).map((d, i) => ({ i, label: labels.get(d.label)!, value: d.value ?? 0, shown: d.value === null ? (d.display ?? "—") : (d.display ?? null) }));
      const step = Math.max(44, Math.max(1, ...data.map((d) => lineCount(d.label))) * LINE(TYPE.label) + 14);
      const plot = inner(s) - widest(data.map((d) => d.label), TYPE.label) - AXIS_GAP;
      const scale = roomyScale(plot, data.map((d) => ({ value: d.value, label: d.shown ?? formatValue(s, d.value) })));
      const x = { field: "value", type: "quantitative", title: s.valueTitle ?? null, axis: valueAxis(s, 4), scale } as const;
      const y = { field: "label", type: "nominal", sort: null, scale: { domain: data.map((d) => d.label), paddingInner: 0.3 }, title: null, axis: { labelExpr: SPLIT } } as const;
      return {
        ...base,
        height: { step },
        data: { values: data },
        encoding: { y },
        layer: [
          // stack: null keeps the bar's domain on "value", the same field as the labels' (one scale, no conflict).
          { mark: { type: "bar", color: PALETTE[0], cornerRadiusEnd: 2 }, encoding: { x: { ...x, stack: null } } },
          { mark: { type: "text", align: "left", dx: 6, color: "#343a40", fontSize: TYPE.value }, encoding: { x, text: valueText } },
        ],
      } as unknown as TopLevelSpec;
    }
    case "line": {
      const data = s.data.slice(-MAX_POINTS);
      const xs = categoriesOf(data);
      const legend = legendPlan(s, seriesOf(data));
      // Every period labelled: flat when the labels fit side by side, else turned upright and,
      // only when even that would crowd, in smaller type.
      const plot = inner(s) - 70;
      const flat = widest(xs, TYPE.label) + 10 <= plot / Math.max(1, xs.length);
      const labelSize = flat ? TYPE.label : Math.max(12, Math.min(TYPE.label, Math.floor((plot / Math.max(1, xs.length)) * 0.8)));
      const hidden = xs.filter((x) => data.some((d) => d.x === x && d.value === null)).map((x) => ({ x, shown: hiddenText(data.find((d) => d.x === x && d.value === null)!) }));
      return {
        ...base,
        height: Math.round(width * 0.6),
        layer: [
          {
            data: { values: data.map((d) => ({ ...d, series: legend.names.get(d.series) })) },
            mark: { type: "line", point: data.length <= 60, strokeWidth: 3 },
            encoding: {
              x: { field: "x", type: "ordinal", sort: null, scale: { domain: xs }, title: null, axis: { labelAngle: flat ? 0 : -90, labelFontSize: labelSize } },
              y: { field: "value", type: "quantitative", title: s.valueTitle ?? null, axis: valueAxis(s), scale: VALUE_SCALE },
              color: { field: "series", type: "nominal", title: null, sort: null, scale: { range: PALETTE }, legend: { columns: legend.columns } },
            },
          },
          ...(hidden.length
            ? [{ data: { values: hidden }, mark: { type: "text", angle: -90, align: "left", baseline: "middle", dx: 6, color: HIDDEN_INK, fontSize: Math.min(TYPE.value, labelSize) }, encoding: { x: { field: "x", type: "ordinal", sort: null, scale: { domain: xs } }, y: { datum: 0, type: "quantitative" }, text: { field: "shown" } } }]
            : []),
        ],
      } as unknown as TopLevelSpec;
    }
    case "stacked": {
      const data = s.data.filter((d) => categoriesOf(s.data).slice(0, MAX_BARS).includes(d.x));
      const xs = categoriesOf(data);
      const series = seriesOf(data);
      const labels = categoryLabels(s, xs);
      const beside = widest([...labels.values()], TYPE.label) + AXIS_GAP;
      const legend = legendPlan(s, series, beside);
      const step = Math.max(44, Math.max(1, ...[...labels.values()].map(lineCount)) * LINE(TYPE.label) + 14);
      const domain = xs.map((x) => labels.get(x)!);
      const totals = xs.map((x) => {
        const cells = data.filter((d) => d.x === x);
        const hiddenCells = [...new Set(cells.filter((d) => d.value === null).map(hiddenText))];
        return { x: labels.get(x)!, total: cells.reduce((a, d) => a + (d.value ?? 0), 0), shown: hiddenCells.length ? hiddenCells.join(", ") : null };
      });
      const y = { field: "x", type: "nominal", sort: null, scale: { domain, paddingInner: 0.3 }, title: null, axis: { labelExpr: SPLIT } } as const;
      const scale = roomyScale(inner(s) - beside, totals.map((t) => ({ value: t.total, label: t.shown ?? "" })));
      return {
        ...base,
        height: { step },
        layer: [
          {
            data: { values: data.filter((d) => d.value !== null).map((d) => ({ x: labels.get(d.x), series: legend.names.get(d.series), value: d.value, o: series.indexOf(d.series) })) },
            mark: { type: "bar" },
            encoding: {
              y,
              x: { field: "value", type: "quantitative", stack: "zero", title: s.valueTitle ?? null, axis: valueAxis(s, 4), scale },
              color: { field: "series", type: "nominal", title: null, sort: series.map((n) => legend.names.get(n)), scale: { range: PALETTE }, legend: { columns: legend.columns } },
              order: { field: "o", type: "quantitative" },
            },
          },
          // A hidden part of a bar says so at the bar's end.
          ...(totals.some((t) => t.shown)
            ? [{ data: { values: totals.filter((t) => t.shown) }, mark: { type: "text", align: "left", dx: 6, color: HIDDEN_INK, fontSize: TYPE.value }, encoding: { y, x: { field: "total", type: "quantitative", scale }, text: { field: "shown" } } }]
            : []),
        ],
      } as unknown as TopLevelSpec;
    }
    case "grouped": {
      const data = s.data.slice(-MAX_POINTS);
      const xs = categoriesOf(data);
      const series = seriesOf(data);
      const vertical = xs.length * series.length <= 16 && widest(xs, TYPE.label) + 12 <= (inner(s) - 80) / Math.max(1, xs.length);
      const labels = categoryLabels(s, xs);
      const beside = vertical ? 70 : widest([...labels.values()], TYPE.label) + AXIS_GAP;
      const legend = legendPlan(s, series, beside);
      const color = { field: "series", type: "nominal", title: null, sort: series.map((n) => legend.names.get(n)), scale: { range: PALETTE }, legend: { columns: legend.columns } } as const;
      // Side by side under vertical bars only when every label fits flat under its group.
      if (vertical) {
        const values = data.map((d) => ({ x: d.x, series: legend.names.get(d.series), value: d.value ?? 0, shown: hiddenText(d) }));
        const x = { field: "x", type: "nominal", sort: null, scale: { domain: xs }, title: null, axis: { labelAngle: 0 } } as const;
        const xOffset = { field: "series", sort: series.map((n) => legend.names.get(n)) } as const;
        return {
          ...base,
          height: Math.round(width * 0.6),
          data: { values },
          encoding: { x, xOffset },
          layer: [
            { mark: { type: "bar" }, encoding: { y: { field: "value", type: "quantitative", title: s.valueTitle ?? null, axis: valueAxis(s), scale: VALUE_SCALE }, color } },
            // A hidden cell reads upright in its empty slot.
            { transform: [{ filter: "datum.shown !== null" }], mark: { type: "text", angle: -90, align: "left", baseline: "middle", dx: 6, color: HIDDEN_INK, fontSize: TYPE.value - 2 }, encoding: { y: { datum: 0, type: "quantitative" }, text: { field: "shown" } } },
          ],
        } as unknown as TopLevelSpec;
      }
      const values = data.map((d) => ({ x: labels.get(d.x), series: legend.names.get(d.series), value: d.value ?? 0, shown: hiddenText(d) }));
      const band = Math.max(...[...labels.values()].map(lineCount)) * LINE(TYPE.label) + 10;
      const bar = Math.max(32, Math.ceil(band / series.length));
      const textSize = Math.min(TYPE.value, Math.floor(bar / 1.45));
      const scale = roomyScale(inner(s) - beside, values.map((v) => ({ value: v.value, label: v.shown ?? formatValue(s, v.value) })));
      const y = { field: "x", type: "nominal", sort: null, scale: { domain: xs.map((x) => labels.get(x)) }, title: null, axis: { labelExpr: SPLIT } } as const;
      const value = { field: "value", type: "quantitative", title: s.valueTitle ?? null, axis: valueAxis(s, 4), scale } as const;
      return {
        ...base,
        height: { step: bar, for: "offset" },
        data: { values },
        encoding: { y, yOffset: { field: "series", sort: series.map((n) => legend.names.get(n)), scale: { paddingOuter: 0.35 } } },
        layer: [
          { mark: { type: "bar", cornerRadiusEnd: 2 }, encoding: { x: { ...value, stack: null }, color } },
          { mark: { type: "text", align: "left", dx: 6, color: "#343a40", fontSize: textSize }, encoding: { x: value, text: valueText, color: { condition: { test: "datum.shown !== null", value: HIDDEN_INK }, value: "#343a40" } } },
        ],
      } as unknown as TopLevelSpec;
    }
  }
}
