// CAPE participation: the share of members who contribute to CAPE, per place, and its change.
import { pointsText } from "./format.ts";
import { memberWindow, periodName, placeName, represented, scopeLabel, sumCounts } from "./members-common.ts";
import type { Cell, ReportDef, ReportDoc, ReportEnv } from "./model.ts";
import { previousPeriod, type Period } from "./period.ts";
import { countText, poolSmallRows, safeCount, safeRate, shown } from "./privacy.ts";
import type { ReportScope } from "./scope.ts";

type Row = { member: number; cape: number };

export async function buildCape(env: ReportEnv, scope: ReportScope, period: Period): Promise<ReportDoc> {
  const { t, fmt } = env;
  const w = await memberWindow(env, scope, period);
  // Places are pooled by the people they hold (the same measure as the membership and contact
  // reports), so every report pools the same places.
  const rows = [...w.now].map(([key, c]) => ({ key, counts: { member: c.member, cape: c.cape, people: represented(c) } })).filter((r) => r.counts.people > 0).sort((a, b) => b.counts.member - a.counts.member || (a.key < b.key ? -1 : 1));
  const pooled = poolSmallRows(rows, ["member", "cape", "people"], (r) => r.people);
  const safeRows = pooled.rows.filter((r) => r.counts.member > 0);
  const pool = pooled.pool;
  const rate = (r: Row) => safeRate(r.cape, r.member);
  const dim = t(`report.dims.${w.key}`);
  const total = sumCounts(w.now.values());
  const before = sumCounts(w.before.values());
  const r = rate(total);
  const rBefore = w.comparable ? rate(before) : null;
  const num = (n: number) => countText(n, t, fmt);
  const name = periodName(env, period);
  const line = (label: string, c: Row): Cell[] => [label, shown(c.member), shown(c.cape), { rate: rate(c) }];
  const table = safeRows.map((x) => line(placeName(env, x.key), x.counts));
  if (pool) table.push(line(t("report.privacy.pooled", { count: pool.groups }), pool.counts));
  const chartRows = [...safeRows.slice(0, 20).map((x) => ({ label: placeName(env, x.key), c: x.counts })), ...(pool ? [{ label: t("report.privacy.pooled", { count: pool.groups }), c: pool.counts }] : [])];
  return {
    name: "cape",
    title: t("report.catalogue.cape.title"),
    subtitle: `${scopeLabel(scope, t)} · ${name}`,
    summary: [
      r === null
        ? t("report.cape.hidden")
        : rBefore !== null
          ? t("report.cape.rateChange", { rate: fmt.percent(r), cape: num(total.cape), members: num(total.member), change: pointsText(r - rBefore, t, fmt), previous: periodName(env, previousPeriod(period)) })
          : t("report.cape.rate", { rate: fmt.percent(r), cape: num(total.cape), members: num(total.member) }),
    ],
    why: t("report.cape.why"),
    highlights: [
      { label: t("report.columns.members"), value: num(total.member) },
      { label: t("report.columns.cape"), value: num(total.cape) },
      { label: t("report.columns.capeRate"), value: r === null ? t("report.privacy.hidden") : fmt.percent(r) },
    ],
    chart: {
      kind: "bar",
      title: t("report.cape.chartTitle", { dim }),
      subtitle: `${scopeLabel(scope, t)} · ${name}`,
      percent: true,
      valueTitle: t("report.columns.capeRate"),
      data: chartRows.map(({ label, c }) => ({ label, value: rate(c), display: rate(c) === null ? t("core.disclosure.fewer") : undefined })),
    },
    table: {
      title: t("report.cape.tableTitle", { dim }),
      columns: [
        { key: "place", label: dim },
        { key: "members", label: t("report.columns.members"), numeric: true },
        { key: "cape_contributors", label: t("report.columns.cape"), numeric: true },
        { key: "cape_rate_pct", label: t("report.columns.capeRate"), numeric: true },
      ],
      rows: table,
    },
    notes: [t("report.notes.asOf", { month: fmt.month(`${w.endMonth}-01`) })],
    auditFacts: { places: rows.length, pooled: pool?.groups ?? 0 },
  };
}

export const capeReport: ReportDef = { name: "cape", titleKey: "report.catalogue.cape.title", descriptionKey: "report.catalogue.cape.description", build: buildCape };
