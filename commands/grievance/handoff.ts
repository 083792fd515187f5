// The grievance part of a sub-local's handoff packet: its open cases with their next deadline
// (reference, step and category only, never who filed), the last 12 months' figures and the
// trend chart. Only cases the caller may see.
import { extensionsFor, listCases } from "../../db/grievances.ts";
import { holidayDates } from "../../db/holidays.ts";
import type { HandoffSection, HandoffSubLocal, LinkedCtx } from "../core/command.ts";
import { reply } from "../core/reply.ts";
import { caseDeadlines, isOverdue } from "./deadlines.ts";
import { deadlinesOf, ensureDefaults, fmtDate, stepLabel } from "./model.ts";
import { mayOnCase } from "./permissions.ts";
import { periodEnds, releaseReport, reportChart } from "./report.ts";
import { countFor, releasedText } from "../core/disclosure.ts";
import { caseScope } from "./model.ts";

const MAX_LISTED = 25;

function monthsBack(day: string, months: number): string {
  const [y, m] = day.split("-").map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m - 1 - months + 1, 1));
  return d.toISOString().slice(0, 10);
}

export async function grievanceHandoff(ctx: LinkedCtx, sl: HandoffSubLocal): Promise<HandoffSection | null> {
  await ensureDefaults(ctx.store);
  const now = ctx.clock.now();
  const rows = (await listCases(ctx.db, { scope: null, subLocalCode: sl.code, status: "open" })).filter((g) => mayOnCase(ctx.roles, ctx.person.id, "view", caseScope(g)));
  const holidays = await holidayDates(ctx.db);
  const exts = await extensionsFor(ctx.db, rows.map((r) => r.id));
  const contracts = new Map<number, Awaited<ReturnType<typeof deadlinesOf>>["rules"]>();
  for (const g of rows) if (!contracts.has(g.contractId)) contracts.set(g.contractId, (await deadlinesOf(ctx.db, g, holidays)).rules);
  const cases = rows.map((g) => {
    const rules = contracts.get(g.contractId)!;
    const next = caseDeadlines({ ...g }, rules, holidays, exts.get(g.id) ?? []).filter((d) => d.state === "open").sort((a, b) => a.dueDate.localeCompare(b.dueDate))[0];
    const detail = next
      ? ctx.t("grievance.list.next", { what: ctx.t(`grievance.deadline.short.${next.kind}`), date: fmtDate(next.dueDate, ctx.fmt), flag: isOverdue(next, now) ? " 🚨" : "" })
      : ctx.t("grievance.list.noDeadline");
    return { text: `${g.ref} · ${stepLabel(ctx.t, g.stepNo)} · ${ctx.t(`grievance.categories.${g.category}`)}`, detail, due: next?.dueDate ?? "9999" };
  });
  cases.sort((a, b) => a.due.localeCompare(b.due));
  const shown = cases.slice(0, MAX_LISTED);
  const scopeName = sl.code;
  // The reader may open every case counted here (each passed mayOnCase "view" above), so the
  // count of that list is theirs exactly; the sub-local's figures below are released.
  const openTitle = ctx.t("grievance.list.title.open", { scope: scopeName, count: releasedText(countFor(cases.length, true), ctx.t, ctx.fmt) });

  // The report's figures count every case of the sub-local: aggregates, which packet readers may see.
  const to = ctx.fmt.localDay(now);
  const from = monthsBack(to, 12);
  const scope = { kind: "sublocal" as const, id: sl.code };
  // Released exactly as /grievance report and the report catalogue release them (whole months).
  const f = await releaseReport(ctx.db, scope, from, to, to);
  const num = (r: Parameters<typeof releasedText>[0]) => releasedText(r, ctx.t, ctx.fmt);
  // The period in the reader's date style ("Dec 2025 – Nov 2026"), as /grievance report titles it.
  const [fromText, toText] = periodEnds(ctx, f);
  const figuresTitle = ctx.t("grievance.report.title", { scope: scopeName, from: fromText, to: toText });
  const median = f.medianDaysToResolve === null ? "—" : ctx.t("grievance.report.days", { count: f.medianDaysToResolve });
  const fields = [
    { label: ctx.t("grievance.report.filed"), value: num(f.filed) },
    { label: ctx.t("grievance.report.open"), value: num(f.open) },
    { label: ctx.t("grievance.report.closed"), value: num(f.closed) },
    { label: ctx.t("grievance.report.median"), value: median },
  ];
  const chart = f.filed !== 0 ? await reportChart(f, scope, ctx) : null;
  const markdown = [
    `## ${openTitle}`,
    "",
    ...(shown.length ? shown.map((c) => `- ${c.text}: ${c.detail}`) : [ctx.t("grievance.list.empty")]),
    "",
    `## ${figuresTitle}`,
    "",
    ...fields.map((x) => `- ${x.label}: ${x.value}`),
    "",
    ctx.t("core.disclosure.note"),
    "",
  ].join("\n");
  return {
    area: "grievance",
    title: openTitle,
    blocks: [reply.list(openTitle, shown, ctx.t("grievance.list.empty")), reply.section(figuresTitle, fields), reply.context(ctx.t("core.disclosure.note"))],
    markdown,
    files: chart ? [{ name: `grievances-${sl.code.toLowerCase()}-12-months.png`, mime: "image/png", data: chart.png, title: ctx.t("grievance.report.chartTitle"), alt: chart.alt }] : [],
  };
}
