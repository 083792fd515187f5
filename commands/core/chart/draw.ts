// Drawing a chart in this thread: Vega-Lite spec → Vega SVG → resvg PNG with the Noto fonts.
// renderChart (index.ts) runs this on a worker thread; a worker calls it directly.
import { lazy } from "../lazy.ts";
import { FONT_FAMILY, fontFiles } from "../fonts.ts";
import { textWidth } from "../measure.ts";
import { altText } from "./alt.ts";
import { opaquePng } from "./png.ts";
import { toVegaLite } from "./spec.ts";
import type { Chart, ChartSpec } from "./types.ts";
import { vegaLiteCompiler } from "./vega-lite.ts";

const resvg = lazy<typeof import("@resvg/resvg-js")>("@resvg/resvg-js");

/** The raster is 1.5× the layout size: sharp when a client scales it, cheap to draw. */
const SCALE = 1.5;
const CJK = /[\u2E80-\u9FFF\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFFEF]/;

/** The chart as SVG (Vega's layout; text stays text). */
export async function chartSvg(spec: ChartSpec): Promise<string> {
  // Vega and Vega-Lite load on the first chart, not at start-up: they are large and most processes
  // never draw one (see vega-lite.ts for what loading Vega-Lite must undo).
  const [vega, compile] = await Promise.all([import("vega"), vegaLiteCompiler()]);
  measureWithOurFonts((vega as unknown as { textMetrics: Parameters<typeof measureWithOurFonts>[0] }).textMetrics);
  const vl = compile(toVegaLite(spec));
  const view = new vega.View(vega.parse(vl), { renderer: "none", logLevel: vega.Error });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

type TextItem = { fontSize?: number | string; fontWeight?: number | string; text?: unknown };

/**
 * Vega without a canvas guesses every text as 0.8 em per character, too narrow for Chinese (a
 * legend label ran under the next swatch) and too wide for "il1": it lays out with the Noto fonts'
 * real advances instead, the very widths resvg draws.
 */
function measureWithOurFonts(metrics: { width: (item: TextItem, text?: unknown) => number }): void {
  metrics.width = (item, text) => {
    const t = text == null ? "" : String(text).trim();
    const size = item.fontSize != null ? +item.fontSize || 0 : 11;
    const bold = item.fontWeight === "bold" || Number(item.fontWeight) >= 600;
    return t && size > 0 ? textWidth(t, size, bold) : 0;
  };
}

export async function drawChart(spec: ChartSpec): Promise<Chart> {
  const svg = await chartSvg(spec);
  const f = fontFiles();
  // Loading the 8 MB Chinese font costs more than drawing the chart: only when a label needs it.
  const image = new (resvg().Resvg)(svg, {
    fitTo: { mode: "zoom", value: SCALE },
    background: "#ffffff",
    font: { loadSystemFonts: false, fontFiles: CJK.test(svg) ? [f.regular, f.bold, f.cjk, f.cjkBold] : [f.regular, f.bold], defaultFontFamily: FONT_FAMILY, sansSerifFamily: FONT_FAMILY },
    logLevel: "off",
  }).render();
  // Drawn on white: the PNG needs no alpha channel, and a PDF embeds one without it as it is (png.ts).
  return { png: opaquePng(image.pixels, image.width, image.height), svg, alt: altText(spec), width: image.width, height: image.height };
}
