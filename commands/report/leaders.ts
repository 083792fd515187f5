// Leaders: stewards per 100 members in each sub-local. Steward counts are shown as they are —
// stewards are the union's named representatives, not a confidential status — while member counts
// follow the small-cell rule and a ratio is hidden whenever its member count is.
import { data } from "../../db/data.ts";
import { countsBy, type MemberFilter } from "../../db/reports-members.ts";
import { memberWindow, periodName, scopeLabel } from "./members-common.ts";
import type { Cell, ReportDef, ReportDoc, ReportEnv } from "./model.ts";
import type { Period } from "./period.ts";
import { countText, safeCount, shown } from "./privacy.ts";
import type { ReportScope } from "./scope.ts";
import { stewardsBySubLocal } from "../../db/reports-members.ts";

export async function buildLeaders(env: ReportEnv, scope: ReportScope, period: Period): Promise<ReportDoc> {
  const { t, fmt } = env;
  const w = await memberWindow(env, scope, period);
  const db = data(env.store);
  const bySub = await countsBy(db, scope as MemberFilter, w.endMonth, "subLocalCode", w.range);
  const stewards = await stewardsBySubLocal(db, scope as MemberFilter, env.clock.now());
  const codes = [...new Set([...bySub.keys(), ...stewards.keys()])].filter((c) => c !== "").sort();
  // Per 100 members, from the released member count (stewards are public): reveals nothing more.
  const per100 = (s: number, m: number) => { const r = shown(m); return r !== null && r > 0 ? Math.round((s / r) * 1000) / 10 : null; };
  const rows = codes.map((code) => ({ code, members: bySub.get(code)?.member ?? 0, stewards: stewards.get(code) ?? 0 }));
  const totalMembers = rows.reduce((a, r) => a + r.members, 0);
  const totalStewards = rows.reduce((a, r) => a + r.stewards, 0);
  const overall = per100(totalStewards, totalMembers);
  const thin = rows.filter((r) => per100(r.stewards, r.members) !== null && per100(r.stewards, r.members)! < 1).map((r) => r.code);
  const name = periodName(env, period);
  const num = (n: number) => countText(n, t, fmt);
  const ratio = (v: number | null) => (v === null ? t("report.privacy.hidden") : fmt.number(v, { maximumFractionDigits: 1 }));
  const summary = [t("report.leaders.overall", { stewards: fmt.number(totalStewards), per100: ratio(overall) })];
  summary.push(thin.length ? t("report.leaders.thin", { places: fmt.list(thin.slice(0, 5)) }) : t("report.leaders.noneThin"));
  return {
    name: "leaders",
    title: t("report.catalogue.leaders.title"),
    subtitle: `${scopeLabel(scope, t)} · ${name}`,
    summary,
    why: t("report.leaders.why"),
    highlights: [
      { label: t("report.columns.stewards"), value: fmt.number(totalStewards) },
      { label: t("report.columns.members"), value: num(totalMembers) },
      { label: t("report.columns.per100"), value: ratio(overall) },
    ],
    chart: {
      kind: "bar",
      title: t("report.leaders.chartTitle"),
      subtitle: scopeLabel(scope, t),
      valueTitle: t("report.columns.per100"),
      data: rows.slice(0, 30).map((r) => {
        const v = per100(r.stewards, r.members);
        return { label: r.code, value: v, display: v === null ? t("report.privacy.hidden") : fmt.number(v, { maximumFractionDigits: 1 }) };
      }),
    },
    table: {
      title: t("report.leaders.tableTitle"),
      columns: [
        { key: "sub_local", label: t("report.dims.subLocalCode") },
        { key: "members", label: t("report.columns.members"), numeric: true },
        { key: "stewards", label: t("report.columns.stewards"), numeric: true },
        { key: "stewards_per_100_members", label: t("report.columns.per100"), numeric: true },
      ],
      rows: rows.map((r): Cell[] => [r.code, shown(r.members), r.stewards, per100(r.stewards, r.members) ?? { rate: null }]),
    },
    notes: [t("report.notes.stewards")],
    auditFacts: { subLocals: rows.length },
  };
}

export const leadersReport: ReportDef = { name: "leaders", titleKey: "report.catalogue.leaders.title", descriptionKey: "report.catalogue.leaders.description", build: buildLeaders };
