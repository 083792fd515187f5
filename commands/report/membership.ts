// Membership: members, fee payers and non-members per place, density (members among everyone the
// union represents there) and the change since the previous period.
import type { CellCounts } from "../../db/reports-members.ts";
import { releaseChange } from "../core/disclosure.ts";
import { changeText, pointsText } from "./format.ts";
import { memberWindow, nonMembers, periodName, placeName, represented, scopeLabel, sumCounts } from "./members-common.ts";
import type { Cell, ReportDef, ReportDoc, ReportEnv } from "./model.ts";
import { previousPeriod, type Period } from "./period.ts";
import { countText, poolSmallRows, safeCount, safeRate, shown } from "./privacy.ts";
import type { ReportScope } from "./scope.ts";

type Row = { member: number; feePayer: number; nonMember: number; retired: number; before: number };
const PEOPLE = ["member", "feePayer", "nonMember", "retired", "before"] as const;
/** People a place holds: the one measure pooling uses in every report. */
const size = (r: Row) => r.member + r.feePayer + r.nonMember;
const density = (r: Row) => safeRate(r.member, r.member + r.feePayer + r.nonMember);
/** A change in members, hidden when it or the earlier count is a handful of people. */
const memberChange = (now: number, before: number, comparable: boolean): number | null => (comparable ? releaseChange(shown(now), shown(before)) : null);

const toRow = (c: CellCounts | undefined, before: CellCounts | undefined): Row => ({
  member: c?.member ?? 0,
  feePayer: c?.feePayer ?? 0,
  nonMember: c ? nonMembers(c) : 0,
  retired: c?.retired ?? 0,
  before: before?.member ?? 0,
});

export async function buildMembership(env: ReportEnv, scope: ReportScope, period: Period): Promise<ReportDoc> {
  const { t, fmt } = env;
  const w = await memberWindow(env, scope, period);
  const keys = new Set([...w.now.keys(), ...w.before.keys()]);
  const rows = [...keys].map((k) => ({ key: k, counts: toRow(w.now.get(k), w.before.get(k)) })).sort((a, b) => size(b.counts) - size(a.counts) || (a.key < b.key ? -1 : 1));
  const { rows: safeRows, pool } = poolSmallRows(rows, PEOPLE, size);
  const dim = t(`report.dims.${w.key}`);
  const line = (name: string, r: Row): Cell[] => [
    name,
    shown(r.member),
    shown(r.feePayer),
    shown(r.nonMember),
    shown(r.retired),
    { rate: density(r) },
    w.comparable ? { change: memberChange(r.member, r.before, true) } : "—",
  ];
  const tableRows: Cell[][] = safeRows.map((r) => line(placeName(env, r.key), r.counts));
  if (pool) tableRows.push(line(t("report.privacy.pooled", { count: pool.groups }), pool.counts));

  const total = toRow(sumCounts(w.now.values()), sumCounts(w.before.values()));
  const totalBefore = sumCounts(w.before.values());
  const beforeRow: Row = { member: totalBefore.member, feePayer: totalBefore.feePayer, nonMember: nonMembers(totalBefore), retired: totalBefore.retired, before: 0 };
  const flows = [...w.flows.values()].reduce((a, f) => ({ joined: a.joined + f.joined, left: a.left + f.left }), { joined: 0, left: 0 });
  const d = density(total);
  const dBefore = w.comparable ? density(beforeRow) : null;
  const change = memberChange(total.member, total.before, w.comparable);
  const prevName = periodName(env, previousPeriod(period));
  const name = periodName(env, period);
  const num = (n: number) => countText(n, t, fmt);

  const summary = [
    w.comparable
      ? t("report.membership.membersChange", { members: num(total.member), change: changeText(change, t, fmt), previous: prevName, period: name })
      : t("report.membership.membersNoHistory", { members: num(total.member), period: name }),
    t("report.membership.flows", { joined: num(flows.joined), left: num(flows.left), period: name }),
    d === null
      ? t("report.membership.densityHidden")
      : w.comparable && dBefore !== null
        ? t("report.membership.densityChange", { density: fmt.percent(d), change: pointsText(d - dBefore, t, fmt), previous: prevName })
        : t("report.membership.density", { density: fmt.percent(d) }),
  ];
  // Organising targets: the places below the scope's own density, lowest first.
  const lowest = safeRows
    .filter((r) => density(r.counts) !== null && size(r.counts) >= 5 && (d === null || density(r.counts)! < d))
    .sort((a, b) => density(a.counts)! - density(b.counts)!)
    .slice(0, 3);
  if (lowest.length > 0) summary.push(t("report.membership.lowest", { dim, places: fmt.list(lowest.map((r) => t("core.punct.aside", { text: placeName(env, r.key), aside: fmt.percent(density(r.counts)!) }))) }));

  const chartRows = [...safeRows.slice(0, 20).map((r) => ({ name: placeName(env, r.key), r: r.counts })), ...(pool ? [{ name: t("report.privacy.pooled", { count: pool.groups }), r: pool.counts }] : [])];
  return {
    name: "membership",
    title: t("report.catalogue.membership.title"),
    subtitle: `${scopeLabel(scope, t)} · ${name}`,
    summary,
    why: t("report.membership.why"),
    highlights: [
      { label: t("report.columns.members"), value: num(total.member) },
      { label: t("report.columns.feePayers"), value: num(total.feePayer) },
      { label: t("report.columns.nonMembers"), value: num(total.nonMember) },
      { label: t("report.columns.density"), value: d === null ? t("report.privacy.hidden") : fmt.percent(d) },
      { label: t("report.columns.change"), value: w.comparable ? changeText(change, t, fmt) : t("report.words.noEarlier") },
    ],
    chart: {
      kind: "bar",
      title: t("report.membership.chartTitle", { dim }),
      subtitle: `${scopeLabel(scope, t)} · ${name}`,
      percent: true,
      valueTitle: t("report.columns.density"),
      data: chartRows.map(({ name: label, r }) => {
        const rate = density(r);
        return { label, value: rate, display: rate === null ? t("core.disclosure.fewer") : undefined };
      }),
    },
    table: {
      title: t("report.membership.tableTitle", { dim }),
      columns: [
        { key: "place", label: dim },
        { key: "members", label: t("report.columns.members"), numeric: true },
        { key: "fee_payers", label: t("report.columns.feePayers"), numeric: true },
        { key: "non_members", label: t("report.columns.nonMembers"), numeric: true },
        { key: "retired", label: t("report.columns.retired"), numeric: true },
        { key: "density_pct", label: t("report.columns.density"), numeric: true },
        { key: "member_change", label: t("report.columns.change"), numeric: true },
      ],
      rows: tableRows,
    },
    notes: [t("report.notes.asOf", { month: fmt.month(`${w.endMonth}-01`) }), t("report.notes.density")],
    auditFacts: { places: rows.length, pooled: pool?.groups ?? 0 },
  };
}

export const membershipReport: ReportDef = {
  name: "membership",
  titleKey: "report.catalogue.membership.title",
  descriptionKey: "report.catalogue.membership.description",
  build: buildMembership,
};
