// Data quality: people the union represents with no work e-mail or no work phone on file, per place
// — the gaps that keep stewards from reaching them.
import { memberWindow, nonMembers, represented, periodName, placeName, scopeLabel, sumCounts } from "./members-common.ts";
import type { Cell, ReportDef, ReportDoc, ReportEnv } from "./model.ts";
import type { Period } from "./period.ts";
import { countText, poolSmallRows, safeCount, safeRate, shown } from "./privacy.ts";
import type { ReportScope } from "./scope.ts";

type Row = { people: number; noEmail: number; noPhone: number; withEmail: number; withPhone: number };

export async function buildContactData(env: ReportEnv, scope: ReportScope, period: Period): Promise<ReportDoc> {
  const { t, fmt } = env;
  const w = await memberWindow(env, scope, period);
  const toRow = (people: number, noEmail: number, noPhone: number): Row => ({ people, noEmail, noPhone, withEmail: people - noEmail, withPhone: people - noPhone });
  const rows = [...w.now]
    .map(([key, c]) => ({ key, counts: toRow(represented(c), c.noEmail, c.noPhone) }))
    .filter((r) => r.counts.people > 0)
    .sort((a, b) => b.counts.people - a.counts.people || (a.key < b.key ? -1 : 1));
  const { rows: safeRows, pool } = poolSmallRows(rows, ["people", "noEmail", "noPhone", "withEmail", "withPhone"], (r) => r.people);
  const dim = t(`report.dims.${w.key}`);
  const all = sumCounts(w.now.values());
  const total = toRow(all.member + all.feePayer + nonMembers(all), all.noEmail, all.noPhone);
  const num = (n: number) => countText(n, t, fmt);
  const pct = (part: number, whole: number) => {
    const r = safeRate(part, whole);
    return r === null ? t("report.privacy.hidden") : fmt.percent(r);
  };
  const line = (label: string, c: Row): Cell[] => [label, shown(c.people), shown(c.noEmail), { rate: safeRate(c.noEmail, c.people) }, shown(c.noPhone), { rate: safeRate(c.noPhone, c.people) }];
  const table = safeRows.map((x) => line(placeName(env, x.key), x.counts));
  if (pool) table.push(line(t("report.privacy.pooled", { count: pool.groups }), pool.counts));
  const worst = safeRows.filter((x) => safeRate(x.counts.noEmail, x.counts.people) !== null).sort((a, b) => b.counts.noEmail / b.counts.people - a.counts.noEmail / a.counts.people).slice(0, 3);
  const chartRows = [...safeRows.slice(0, 12).map((x) => ({ label: placeName(env, x.key), c: x.counts })), ...(pool ? [{ label: t("report.privacy.pooled", { count: pool.groups }), c: pool.counts }] : [])];
  const noEmailLabel = t("report.columns.noEmail");
  const noPhoneLabel = t("report.columns.noPhone");
  const name = periodName(env, period);
  const summary = [t("report.contacts.gaps", { noEmail: num(total.noEmail), emailPct: pct(total.noEmail, total.people), noPhone: num(total.noPhone), phonePct: pct(total.noPhone, total.people), people: num(total.people) })];
  if (worst.length > 0 && total.noEmail > 0) summary.push(t("report.contacts.worst", { dim, places: fmt.list(worst.map((x) => t("core.punct.aside", { text: placeName(env, x.key), aside: pct(x.counts.noEmail, x.counts.people) }))) }));
  return {
    name: "contacts",
    title: t("report.catalogue.contacts.title"),
    subtitle: `${scopeLabel(scope, t)} · ${name}`,
    summary,
    why: t("report.contacts.why"),
    highlights: [
      { label: t("report.columns.represented"), value: num(total.people) },
      { label: noEmailLabel, value: num(total.noEmail) },
      { label: noPhoneLabel, value: num(total.noPhone) },
    ],
    chart: {
      kind: "grouped",
      title: t("report.contacts.chartTitle", { dim }),
      subtitle: scopeLabel(scope, t),
      percent: true,
      data: chartRows.flatMap(({ label, c }) => [
        { x: label, series: noEmailLabel, value: safeRate(c.noEmail, c.people) },
        { x: label, series: noPhoneLabel, value: safeRate(c.noPhone, c.people) },
      ]),
    },
    table: {
      title: t("report.contacts.tableTitle", { dim }),
      columns: [
        { key: "place", label: dim },
        { key: "represented", label: t("report.columns.represented"), numeric: true },
        { key: "no_work_email", label: noEmailLabel, numeric: true },
        { key: "no_work_email_pct", label: "%", numeric: true },
        { key: "no_work_phone", label: noPhoneLabel, numeric: true },
        { key: "no_work_phone_pct", label: "%", numeric: true },
      ],
      rows: table,
    },
    notes: [t("report.notes.contactsNow")],
    auditFacts: { places: rows.length, pooled: pool?.groups ?? 0 },
  };
}

export const contactDataReport: ReportDef = { name: "contacts", titleKey: "report.catalogue.contacts.title", descriptionKey: "report.catalogue.contacts.description", build: buildContactData };
