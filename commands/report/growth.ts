// Membership over time: members and the people not yet members, month by month for the year up to
// the period's end, with joins and drops, so trends come from the import history.
import { shiftPeriod } from "../core/periods.ts";
import { data } from "../../db/data.ts";
import { monthlyTotals, type MemberFilter } from "../../db/reports-members.ts";
import { releaseChange } from "../core/disclosure.ts";
import { changeText } from "./format.ts";
import { memberCells, nonMembers, periodName, scopeLabel } from "./members-common.ts";
import type { Cell, ReportDef, ReportDoc, ReportEnv } from "./model.ts";
import type { Period } from "./period.ts";
import { countText, safeCount, shown } from "./privacy.ts";
import type { ReportScope } from "./scope.ts";

export async function buildGrowth(env: ReportEnv, scope: ReportScope, period: Period): Promise<ReportDoc> {
  const { t, fmt } = env;
  const { range, endMonth: end } = await memberCells(env, period);
  const from = shiftPeriod(end, -11);
  const series = (await monthlyTotals(data(env.store), scope as MemberFilter, from, end, range)).filter((m) => m.month >= range.firstMonth);
  const inPeriod = series.filter((m) => period.months.includes(m.month));
  const joined = inPeriod.reduce((a, m) => a + m.counts.joined, 0);
  const left = inPeriod.reduce((a, m) => a + m.counts.left, 0);
  const first = series[0];
  const last = series.at(-1);
  const num = (n: number) => countText(n, t, fmt);
  // Changes come from released figures only, so they reveal nothing the figures don't.
  const netShown = releaseChange(shown(joined), shown(left));
  const yearChange = first && last && series.length > 1 ? last.counts.member - first.counts.member : null;
  const yearShown = yearChange !== null ? releaseChange(shown(last!.counts.member), shown(first!.counts.member)) : null;
  const monthName = (m: string) => fmt.month(`${m}-01`);
  const name = periodName(env, period);
  const summary = [
    t("report.growth.flows", { joined: num(joined), left: num(left), net: changeText(netShown, t, fmt), period: name }),
    series.length > 1 && first && last
      ? t("report.growth.year", { from: monthName(first.month), to: monthName(last.month), before: num(first.counts.member), after: num(last.counts.member), change: changeText(yearShown, t, fmt) })
      : t("report.growth.noHistory"),
  ];
  const memberLabel = t("report.columns.members");
  const otherLabel = t("report.columns.notYetMembers");
  return {
    name: "growth",
    title: t("report.catalogue.growth.title"),
    subtitle: `${scopeLabel(scope, t)} · ${name}`,
    summary,
    why: t("report.growth.why"),
    highlights: [
      { label: t("report.columns.joined"), value: num(joined) },
      { label: t("report.columns.left"), value: num(left) },
      { label: t("report.columns.net"), value: changeText(netShown, t, fmt) },
      { label: memberLabel, value: last ? num(last.counts.member) : "0" },
    ],
    chart: {
      kind: "line",
      title: t("report.growth.chartTitle"),
      subtitle: scopeLabel(scope, t),
      valueTitle: t("report.words.people"),
      // A hidden month keeps its place and reads "fewer than 5" in the text alternative.
      data: series.flatMap((m) => {
        const point = (series: string, n: number) => {
          const value = shown(n);
          return { x: monthName(m.month), series, value, ...(value === null ? { display: t("core.disclosure.fewer") } : {}) };
        };
        return [point(memberLabel, m.counts.member), point(otherLabel, m.counts.feePayer + nonMembers(m.counts))];
      }),
    },
    table: {
      title: t("report.growth.tableTitle"),
      columns: [
        { key: "month", label: t("report.columns.month") },
        { key: "members", label: memberLabel, numeric: true },
        { key: "fee_payers", label: t("report.columns.feePayers"), numeric: true },
        { key: "non_members", label: t("report.columns.nonMembers"), numeric: true },
        { key: "joined", label: t("report.columns.joined"), numeric: true },
        { key: "left", label: t("report.columns.left"), numeric: true },
      ],
      rows: [...series].reverse().map((m): Cell[] => [m.month, shown(m.counts.member), shown(m.counts.feePayer), shown(nonMembers(m.counts)), shown(m.counts.joined), shown(m.counts.left)]),
    },
    notes: [t("report.notes.history")],
    auditFacts: { months: series.length },
  };
}

export const growthReport: ReportDef = { name: "growth", titleKey: "report.catalogue.growth.title", descriptionKey: "report.catalogue.growth.description", build: buildGrowth };
