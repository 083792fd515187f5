// Charts are drawn on a worker thread (commands/core/pool.ts): Vega's layout, resvg's raster and
// the PNG encoding together take tens of milliseconds, which no acknowledgement should wait behind.
import { drawChart } from "./draw.ts";
import type { Chart, ChartSpec } from "./types.ts";

export async function chart(spec: ChartSpec): Promise<Chart> {
  return drawChart(spec);
}
