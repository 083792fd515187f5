// Grievances in the catalogue: the grievance trend figures (db/grievances-report.ts, the same
// figures and benchmark as /grievance report) in the standard layout, compared with the period
// before. Counts of 1 to 4 cases are shown as "fewer than 5", as everywhere in the catalogue.
import { loadReport, type ReportFilter } from "../../db/grievances-report.ts";
import { addMonths } from "../../db/reports-members.ts";
import { changeText } from "./format.ts";
import { periodName, scopeLabel } from "./members-common.ts";
import type { Cell, ReportDef, ReportDoc, ReportEnv } from "./model.ts";
import { effectiveEnd, previousPeriod, type Period } from "./period.ts";
import { safeCount, shown } from "./privacy.ts";
import type { ReportScope } from "./scope.ts";

export function buildGrievances(env: ReportEnv, scope: ReportScope, period: Period): ReportDoc {
  const { t, fmt, store } = env;
  const filter = scope as ReportFilter;
  const to = effectiveEnd(period, env.today);
  const prev = previousPeriod(period);
  const now = loadReport(store, filter, period.from, to);
  const before = loadReport(store, filter, prev.from, prev.to);
  // The chart shows the year up to the period's end, whatever the period's length.
  const trendFrom = `${addMonths(to.slice(0, 7), -11)}-01`;
  const trend = period.months.length >= 12 ? now : loadReport(store, filter, trendFrom, to);
  const num = (n: number) => (safeCount(n) ? fmt.number(n) : t("report.privacy.fewer"));
  const diff = now.total - before.total;
  const change = safeCount(now.total) && safeCount(before.total) && safeCount(Math.abs(diff)) ? diff : null;
  const name = periodName(env, period);
  const cat = (k: string) => t(`grievance.categories.${k}`);
  const beforeBy = new Map(before.byCategory);
  const top = now.byCategory[0];
  const summary = [
    t("report.grievances.filed", { filed: num(now.total), change: changeText(change, t, fmt), previous: periodName(env, prev), period: name }),
    t("report.grievances.open", { open: num(now.open), closed: num(now.closed) }),
  ];
  if (top && safeCount(top[1])) summary.push(t("report.grievances.top", { category: cat(top[0]), count: num(top[1]) }));
  if (now.medianDaysToResolve !== null && safeCount(now.closed)) summary.push(t("report.grievances.median", { count: now.medianDaysToResolve }));
  const filedLabel = t("report.columns.filed");
  const closedLabel = t("report.columns.resolved");
  return {
    name: "grievances",
    title: t("report.catalogue.grievances.title"),
    subtitle: `${scopeLabel(scope, t)} · ${name}`,
    summary,
    why: t("report.grievances.why"),
    highlights: [
      { label: filedLabel, value: num(now.total) },
      { label: t("report.columns.open"), value: num(now.open) },
      { label: closedLabel, value: num(now.closed) },
      { label: t("report.columns.changeFiled"), value: changeText(change, t, fmt) },
    ],
    chart: {
      kind: "grouped",
      title: t("report.grievances.chartTitle"),
      subtitle: scopeLabel(scope, t),
      valueTitle: t("report.words.cases"),
      data: trend.months.flatMap((m) => [
        { x: fmt.month(`${m.month}-01`), series: filedLabel, value: shown(m.filed) },
        { x: fmt.month(`${m.month}-01`), series: closedLabel, value: shown(m.closed) },
      ]),
      alt: undefined,
    },
    table: {
      title: t("report.grievances.tableTitle"),
      columns: [
        { key: "category", label: t("report.columns.category") },
        { key: "filed", label: filedLabel, numeric: true },
        { key: "filed_previous_period", label: t("report.columns.previous"), numeric: true },
      ],
      rows: now.byCategory.map(([k, n]): Cell[] => [cat(k), shown(n), shown(beforeBy.get(k) ?? 0)]),
    },
    notes: [t("report.notes.grievances")],
    auditFacts: { cases: now.total },
  };
}

export const grievancesReport: ReportDef = {
  name: "grievances",
  titleKey: "report.catalogue.grievances.title",
  descriptionKey: "report.catalogue.grievances.description",
  build: buildGrievances,
};
