// What a chart is asked to show. Values are plain numbers; a value of null is a hidden cell (for
// example a small group suppressed for privacy): it draws no bar or point, and its `display`
// text ("fewer than 5") stands in its place, so the hidden number never reaches the picture.
// A hidden cell is a row like any other (its label, its series, value null): its category or
// period keeps its place on the axis, so the bars beside it never shift to another month.

export interface BarDatum {
  label: string;
  value: number | null;
  /** Text shown at the end of the bar instead of the number (e.g. "fewer than 5", "42%"). */
  display?: string;
}

export interface SeriesDatum {
  /** Category (bar) or x position (line, in order given: months, weeks…). */
  x: string;
  series: string;
  value: number | null;
  /** For a hidden cell (value null): the text drawn in its place ("fewer than 5"). */
  display?: string;
}

interface Common {
  title?: string;
  subtitle?: string;
  /** Axis title for the values ("Members"). */
  valueTitle?: string;
  /** Format values as percents (0.42 → 42%). */
  percent?: boolean;
  /** The reader's language ("ru", "zh-Hans"): numbers and the text alternative are written their way (default English). */
  locale?: string;
  /** The text alternative; built from the data when omitted. */
  alt?: string;
  /** Width of the whole chart in CSS pixels before the 1.5× raster (default 600: reads on a phone). */
  width?: number;
}

export type ChartSpec =
  /** Horizontal bars, one per label, in the order given (put the largest first). */
  | (Common & { kind: "bar"; data: BarDatum[] })
  /** Lines over x, one per series. */
  | (Common & { kind: "line"; data: SeriesDatum[] })
  /** Horizontal bars split into series (members / fee payers / …), one bar per x. */
  | (Common & { kind: "stacked"; data: SeriesDatum[] })
  /** Vertical bars side by side per x, one per series (filed / closed per month). */
  | (Common & { kind: "grouped"; data: SeriesDatum[] });

export interface Chart {
  png: Buffer;
  svg: string;
  /** A plain-text description of the chart for screen readers and text-only clients. */
  alt: string;
  width: number;
  height: number;
}
