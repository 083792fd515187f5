// What every report produces, whatever it is about: one document that the layout turns into a
// chat message, a chart, a CSV and a PDF. Cells hold numbers, rates or hidden counts, so the text,
// chart and CSV are built from the same already-suppressed figures.
import type { Store } from "../../db/store.ts";
import type { Withheld } from "../core/disclosure.ts";
import type { ChartSpec } from "../core/chart/index.ts";
import type { Clock } from "../core/command.ts";
import type { Formatter } from "../core/format.ts";
import type { Translate } from "../core/i18n.ts";
import type { ActiveRole } from "../core/roles.ts";
import type { Period } from "./period.ts";
import type { ReportScope } from "./scope.ts";

/** A table cell: text, a released count, a rate (0..1), a signed change, a hidden small count (null) or a withheld figure. */
export type Cell = string | number | null | Withheld | { rate: number | null } | { change: number | null };

export interface Column {
  /** CSV header (snake_case, stable across languages). */
  key: string;
  label: string;
  numeric?: boolean;
}

export interface ReportDoc {
  /** Catalogue name ("membership"). */
  name: string;
  title: string;
  /** "sub-local SL-083 · November 2026, compared with October 2026". */
  subtitle: string;
  /** What changed, in plain words. */
  summary: string[];
  /** Why it matters. */
  why: string;
  highlights: { label: string; value: string }[];
  chart: ChartSpec;
  table: { title: string; columns: Column[]; rows: Cell[][] };
  /** Further notes (sources, what is carried forward). */
  notes: string[];
  /** Counts for the audit entry (never personal data). */
  auditFacts: Record<string, number | string>;
}

/** What a report builder gets: no person, only what it needs to compute aggregates. */
export interface ReportEnv {
  store: Store;
  t: Translate;
  fmt: Formatter;
  clock: Clock;
  /** Today's local day, "YYYY-MM-DD". */
  today: string;
}

export interface ReportDef {
  name: string;
  /** i18n keys: title and one-line description. */
  titleKey: string;
  descriptionKey: string;
  /** Extra check beyond the scope rules (e.g. who may see grievance figures). */
  mayRun?(roles: readonly ActiveRole[], scope: ReportScope): boolean;
  build(env: ReportEnv, scope: ReportScope, period: Period): ReportDoc | Promise<ReportDoc>;
}
