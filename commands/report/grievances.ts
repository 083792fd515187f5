// Grievances in the catalogue: the grievance trend figures (db/grievances-report.ts, the same
// figures and benchmark as /grievance report) in the standard layout, compared with the period
// before. Every figure is released through the one disclosure rule (commands/core/disclosure.ts):
// a month's figures are released once, the same way in the month's own report and in every
// longer period's trend, so no two reports can be differenced into a small number.
import { data } from "../../db/data.ts";
import type { ReportFilter } from "../../db/grievances-report.ts";
import { monthOfDay, shiftPeriod } from "../core/periods.ts";
import { releaseGrievanceMonth, releaseGrievanceMonths } from "../core/disclosure-grievances.ts";
import { isWithheld, releaseChange, releasedAudit, releasedNumber, releasedText, type Released } from "../core/disclosure.ts";
import { changeText } from "./format.ts";
import { periodName, scopeLabel } from "./members-common.ts";
import type { Cell, ReportDef, ReportDoc, ReportEnv } from "./model.ts";
import { effectiveEnd, previousPeriod, type Period } from "./period.ts";
import type { ReportScope } from "./scope.ts";

/** A released figure as a table cell. */
const asCell = (r: Released | undefined): Cell => (r === undefined ? 0 : isWithheld(r) ? r : r);

export async function buildGrievances(env: ReportEnv, scope: ReportScope, period: Period): Promise<ReportDoc> {
  const { t, fmt, store } = env;
  const db = data(store);
  const filter = scope as ReportFilter;
  const to = effectiveEnd(period, env.today);
  const prev = previousPeriod(period);
  const now = await releaseGrievanceMonths(db, filter, period.months, env.today);
  const before = await releaseGrievanceMonths(db, filter, prev.months, env.today);
  // The chart shows the year up to the period's end, month by month, as each month is released.
  const trendMonths = Array.from({ length: 12 }, (_, i) => shiftPeriod(monthOfDay(to), i - 11));
  const trend = [];
  for (const m of trendMonths) trend.push((await releaseGrievanceMonth(db, filter, m, env.today)).byMonth[0]!);
  const num = (r: Released) => releasedText(r, t, fmt);
  const change = releaseChange(now.filed, before.filed);
  const name = periodName(env, period);
  const cat = (k: string) => t(`grievance.categories.${k}`);
  // Cells come largest first: the top category is the first with a released number above 0.
  const top = now.byCategory.find(([, r]) => typeof r === "number" && r > 0);
  const summary = [
    t("report.grievances.filed", { filed: num(now.filed), change: changeText(change, t, fmt), previous: periodName(env, prev), period: name }),
    t("report.grievances.open", { open: num(now.open), closed: num(now.closed) }),
  ];
  if (top) summary.push(t("report.grievances.top", { category: cat(top[0]), count: num(top[1]) }));
  if (now.medianDaysToResolve !== null) summary.push(t("report.grievances.median", { count: now.medianDaysToResolve }));
  const filedLabel = t("report.columns.filed");
  const closedLabel = t("report.columns.resolved");
  // Hidden cells stay on the chart as values with their words, never as missing periods.
  const point = (x: string, series: string, r: Released) => ({ x, series, value: releasedNumber(r), ...(typeof r === "number" ? {} : { display: num(r) }) });
  const nowCat = new Map(now.byCategory);
  const beforeCat = new Map(before.byCategory);
  const categories = [...new Set([...nowCat.keys(), ...beforeCat.keys()])];
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
      rows: categories.map((k): Cell[] => [cat(k), asCell(nowCat.get(k)), asCell(beforeCat.get(k))]),
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
