// The one chart module every area uses (grievance, rebate, events, reports): a ChartSpec becomes
// a Vega-Lite spec, Vega lays it out as SVG, and resvg rasterises it to PNG with the project's
// Noto fonts (so Chinese, Vietnamese and Russian labels render), with a text alternative.
// From the main thread the drawing runs on the worker pool (render.worker.ts); on a worker thread
// (say, inside another area's PDF worker) it runs right there.
//
//   const { png, alt } = await renderChart({ kind: "bar", title, data: [{ label, value }] });
import { isMainThread } from "node:worker_threads";
import { runInWorker } from "../pool.ts";
import { drawChart } from "./draw.ts";
import type { Chart, ChartSpec } from "./types.ts";

export type { BarDatum, Chart, ChartSpec, SeriesDatum } from "./types.ts";
export { MAX_BARS, MAX_POINTS, PALETTE } from "./spec.ts";
export { chartSvg } from "./draw.ts";

/** Renders the chart: PNG (1.5× for sharp previews), its SVG and a text alternative. */
export async function renderChart(spec: ChartSpec): Promise<Chart> {
  if (!isMainThread) return drawChart(spec);
  const c = await runInWorker<Omit<Chart, "png"> & { png: Uint8Array }>("core/chart/render", "chart", spec);
  // Structured clone hands a Buffer back as a plain Uint8Array.
  return { ...c, png: Buffer.from(c.png.buffer, c.png.byteOffset, c.png.byteLength) };
}
