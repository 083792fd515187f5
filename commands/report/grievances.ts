// Grievances in the catalogue: the grievance trend figures (db/grievances-report.ts, the same
// figures and benchmark as /grievance report) in the standard layout, compared with the period
// before. Every figure is released through the one disclosure rule (commands/core/disclosure.ts):
// a month's figures are released once, the same way in the month's own report and in every
// longer period's trend, so no two reports can be differenced into a small number.
import { loadReport, type ReportFigures, type ReportFilter } from "../../db/grievances-report.ts";
import type { Store } from "../../db/store.ts";
import { addMonths } from "../../db/reports-members.ts";
import { isWithheld, protectTable, releaseChange, releasedAudit, releasedNumber, releasedText, THRESHOLD, type Released } from "../core/disclosure.ts";
import { changeText } from "./format.ts";
import { periodName, scopeLabel } from "./members-common.ts";
import type { Cell, ReportDef, ReportDoc, ReportEnv } from "./model.ts";
import { effectiveEnd, parsePeriod, previousPeriod, type Period } from "./period.ts";
import type { ReportScope } from "./scope.ts";

/** A period's grievance figures as released: total filed, open and resolved, by category, by month. */
export interface ReleasedGrievances {
  figures: ReportFigures;
  filed: Released;
  open: Released;
  closed: Released;
  byCategory: Map<string, Released>;
  byMonth: { month: string; filed: Released; closed: Released }[];
}

/** One month's figures, released the same way wherever they appear. */
function releaseMonth(store: Store, filter: ReportFilter, month: string, today: string): ReleasedGrievances {
  const p = parsePeriod(month)!;
  const f = loadReport(store, filter, p.from, effectiveEnd(p, today));
  const cats = f.byCategory;
  const r = protectTable({ total: f.total, breakdowns: [[f.open, f.closed], cats.map(([, n]) => n)] });
  return {
    figures: f,
    filed: r.total,
    open: r.breakdowns[0]![0]!,
    closed: r.breakdowns[0]![1]!,
    byCategory: new Map(cats.map(([k], i) => [k, r.breakdowns[1]![i]!])),
    byMonth: [{ month, filed: r.total, closed: r.breakdowns[0]![1]! }],
  };
}

/** A period's figures: a month as above; a longer period audited with its months as published. */
export function releaseGrievances(store: Store, filter: ReportFilter, period: Period, today: string): ReleasedGrievances {
  const months = period.months.filter((m) => `${m}-01` <= today);
  if (period.kind === "month" || months.length <= 1) return releaseMonth(store, filter, months[0] ?? period.months[0]!, today);
  const perMonth = months.map((m) => releaseMonth(store, filter, m, today));
  const f = loadReport(store, filter, period.from, effectiveEnd(period, today));
  const cats = f.byCategory;
  const r = protectTable({
    total: f.total,
    breakdowns: [[f.open, f.closed], cats.map(([, n]) => n), perMonth.map((m) => m.figures.total)],
    fixed: [undefined, undefined, perMonth.map((m) => m.filed)],
  });
  return {
    figures: f,
    filed: r.total,
    open: r.breakdowns[0]![0]!,
    closed: r.breakdowns[0]![1]!,
    byCategory: new Map(cats.map(([k], i) => [k, r.breakdowns[1]![i]!])),
    byMonth: perMonth.map((m) => m.byMonth[0]!),
  };
}

/** A released figure as a table cell. */
const asCell = (r: Released | undefined): Cell => (r === undefined ? 0 : isWithheld(r) ? r : r);

export function buildGrievances(env: ReportEnv, scope: ReportScope, period: Period): ReportDoc {
  const { t, fmt, store } = env;
  const filter = scope as ReportFilter;
  const to = effectiveEnd(period, env.today);
  const prev = previousPeriod(period);
  const now = releaseGrievances(store, filter, period, env.today);
  const before = releaseGrievances(store, filter, prev, env.today);
  // The chart shows the year up to the period's end, month by month, as each month is released.
  const trendMonths = Array.from({ length: 12 }, (_, i) => addMonths(to.slice(0, 7), i - 11));
  const trend = trendMonths.map((m) => releaseMonth(store, filter, m, env.today).byMonth[0]!);
  const num = (r: Released) => releasedText(r, t, fmt);
  const change = releaseChange(now.filed, before.filed);
  const name = periodName(env, period);
  const cat = (k: string) => t(`grievance.categories.${k}`);
  const top = [...now.byCategory].filter(([, r]) => typeof r === "number" && r > 0).sort((a, b) => (b[1] as number) - (a[1] as number))[0];
  const summary = [
    t("report.grievances.filed", { filed: num(now.filed), change: changeText(change, t, fmt), previous: periodName(env, prev), period: name }),
    t("report.grievances.open", { open: num(now.open), closed: num(now.closed) }),
  ];
  if (top) summary.push(t("report.grievances.top", { category: cat(top[0]), count: num(top[1]) }));
  const closedShown = releasedNumber(now.closed);
  if (now.figures.medianDaysToResolve !== null && closedShown !== null && closedShown >= THRESHOLD) summary.push(t("report.grievances.median", { count: now.figures.medianDaysToResolve }));
  const filedLabel = t("report.columns.filed");
  const closedLabel = t("report.columns.resolved");
  // Hidden cells stay on the chart as values with their words, never as missing periods.
  const point = (x: string, series: string, r: Released) => ({ x, series, value: releasedNumber(r), ...(typeof r === "number" ? {} : { display: num(r) }) });
  const categories = [...new Set([...now.byCategory.keys(), ...before.byCategory.keys()])];
  return {
    name: "grievances",
    title: t("report.catalogue.grievances.title"),
    subtitle: `${scopeLabel(scope, t)} · ${name}`,
    summary,
    why: t("report.grievances.why"),
    highlights: [
      { label: filedLabel, value: num(now.filed) },
      { label: t("report.columns.open"), value: num(now.open) },
      { label: closedLabel, value: num(now.closed) },
      { label: t("report.columns.changeFiled"), value: changeText(change, t, fmt) },
    ],
    chart: {
      kind: "grouped",
      title: t("report.grievances.chartTitle"),
      subtitle: scopeLabel(scope, t),
      valueTitle: t("report.words.cases"),
      data: trend.flatMap((m) => [point(fmt.month(`${m.month}-01`), filedLabel, m.filed), point(fmt.month(`${m.month}-01`), closedLabel, m.closed)]),
      alt: undefined,
    },
    table: {
      title: t("report.grievances.tableTitle"),
      columns: [
        { key: "category", label: t("report.columns.category") },
        { key: "filed", label: filedLabel, numeric: true },
        { key: "filed_previous_period", label: t("report.columns.previous"), numeric: true },
      ],
      rows: categories.map((k): Cell[] => [cat(k), asCell(now.byCategory.get(k)), asCell(before.byCategory.get(k))]),
    },
    notes: [t("report.notes.grievances")],
    // What was released, never what was hidden.
    auditFacts: { cases: releasedAudit(now.filed) },
  };
}

export const grievancesReport: ReportDef = {
  name: "grievances",
  titleKey: "report.catalogue.grievances.title",
  descriptionKey: "report.catalogue.grievances.description",
  build: buildGrievances,
};
