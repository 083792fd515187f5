// Trend reports: counts by category, employer, article, step reached and outcome; median days to
// resolution; month-by-month trend; top recurring issues per employer. One standard layout every
// time: a summary, a PNG chart and a CSV. Aggregated figures only, no names, every count released
// through disclosure control for whole months (the same figures as the report catalogue's).
import { describeScope } from "../core/roles.ts";
import { parseReportScope } from "../core/report-scope.ts";
import { z } from "zod";
import { upsertRule, deactivateRuleIn } from "../../db/jobs.ts";
import { ReportAccumulator, loadReport, monthsBetween, type ReportFigures, type ReportFilter, type ReportTuple } from "../../db/grievances-report.ts";
import { data, type Db } from "../../db/data.ts";
import { arg } from "../core/args.ts";
import { defineCommand } from "../core/command.ts";
import { channelMention, requirePostable } from "../core/channels.ts";
import { userError } from "../core/errors.ts";
import { localStamp, type Formatter } from "../core/format.ts";
import { releaseGrievanceMonths, wholeMonths, type ReleasedGrievances } from "../core/disclosure-grievances.ts";
import { releasedAudit, releasedCsv, releasedNumber, releasedText, type Released } from "../core/disclosure.ts";
import type { Translate } from "../core/i18n.ts";
import { defineJobKind } from "../core/jobs.ts";
import { reply, type FileAttachment, type Reply } from "../core/reply.ts";
import { STAFF } from "../core/roles.ts";
import { STEPS, addDays, localDate } from "./deadlines.ts";
import { CATEGORIES, OUTCOMES, TIME_ZONE, ensureDefaults, today } from "./model.ts";
import { defaultReportScope, mayReport, type ReportScope } from "./permissions.ts";
import { renderChart, type Chart } from "../core/chart/index.ts";
import { renderPdf } from "../core/pdf.ts";

export type { ReportFigures };
export { monthsBetween };

/** Folds cases into the report's figures (what the cells hold, for a list of cases). */
export function aggregate(rows: Iterable<ReportTuple>, from: string, to: string): ReportFigures {
  const acc = new ReportAccumulator();
  for (const r of rows) acc.addRow(r);
  return acc.figures(from, to);
}

export function computeReport(db: Db, scope: ReportScope, from: string, to: string): Promise<ReportFigures> {
  return loadReport(db, scope as ReportFilter, from, to);
}

/** "sub-local SL-083" in the reader's language (English without a translator: job names). */
export function scopeLabel(s: ReportScope, t?: Translate): string {
  return describeScope({ scopeType: s.kind, scopeId: s.kind === "statewide" ? null : s.id }, t);
}

// ---- Layouts ----------------------------------------------------------------------------------
// Every figure below is a released one (commands/core/disclosure-grievances.ts): a count of 1 to 4
// reads "fewer than 5" in the message, the chart, its text, the CSV and the PDF alike.

/** How released figures read: the reader's words and number format. */
export interface Wording {
  t: Translate;
  fmt: Pick<Formatter, "number" | "month" | "dateShort" | "locale">;
}

const csvCell = (v: string | number | null) => {
  const s = v === null ? "" : String(v);
  return /[",\n\r]/.test(s) || /^[=+\-@]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** One CSV, sections one after another: section,key,sub_key,value. */
export function reportCsv(f: ReleasedGrievances, scope: ReportScope, t: Translate): string {
  const v = (r: Released) => releasedCsv(r, t);
  const lines: (string | number | null)[][] = [["section", "key", "sub_key", "value"]];
  lines.push(["meta", "scope", null, scopeLabel(scope, t)], ["meta", "from", null, f.from], ["meta", "to", null, f.to]);
  lines.push(["total", "filed", null, v(f.filed)], ["total", "open", null, v(f.open)], ["total", "closed", null, v(f.closed)], ["total", "median_days_to_resolution", null, f.medianDaysToResolve]);
  for (const [k, n] of f.byCategory) lines.push(["category", k, null, v(n)]);
  for (const [k, n] of f.byEmployer) lines.push(["employer", k, null, v(n)]);
  for (const [k, n] of f.byArticle) lines.push(["article", k, null, v(n)]);
  f.byStep.forEach((n, i) => lines.push(["step_reached", STEPS[i]!, null, v(n)]));
  for (const [k, n] of f.byOutcome) lines.push(["outcome", k, null, v(n)]);
  for (const m of f.byMonth) lines.push(["month_filed", m.month, null, v(m.filed)], ["month_closed", m.month, null, v(m.closed)]);
  for (const e of f.topIssuesByEmployer) for (const i of e.issues) lines.push(["top_issue", e.employer, `${i.category} art. ${i.article}`, null]);
  lines.push(["note", "disclosure", null, t("core.disclosure.note")]);
  return lines.map((l) => l.map(csvCell).join(",")).join("\r\n") + "\r\n";
}

/** The chart: cases filed and resolved per filing month (the last 24 months), every month on the axis. */
export function reportChart(f: ReleasedGrievances, scope: ReportScope, w: Wording): Promise<Chart> {
  const { t } = w;
  const filed = t("grievance.report.filed");
  const resolved = t("grievance.report.resolvedOfFiled");
  const point = (x: string, series: string, r: Released) => ({ x, series, value: releasedNumber(r), ...(typeof r === "number" ? {} : { display: releasedText(r, t, w.fmt) }) });
  return renderChart({
    kind: "grouped",
    locale: w.fmt.locale,
    title: `${t("grievance.report.chartTitle")} — ${scopeLabel(scope, t)}`,
    subtitle: (([from, to]) => `${from} – ${to}`)(periodEnds(w, f)),
    data: f.byMonth.slice(-24).flatMap((m) => [point(w.fmt.month(`${m.month}-01`), filed, m.filed), point(w.fmt.month(`${m.month}-01`), resolved, m.closed)]),
  });
}

/** The period's ends in the reader's date style: months when it is whole months ("Oct 2026"), else days. */
export function periodEnds(w: Wording, f: { from: string; to: string }): [string, string] {
  const end = new Date(`${f.to}T00:00:00Z`);
  end.setUTCDate(end.getUTCDate() + 1);
  const whole = f.from.endsWith("-01") && end.getUTCDate() === 1;
  return whole ? [w.fmt.month(f.from), w.fmt.month(f.to)] : [w.fmt.dateShort(f.from), w.fmt.dateShort(f.to)];
}

const top = (xs: readonly (readonly [string, Released])[], n: number, num: (r: Released) => string, label: (k: string) => string = (k) => k) =>
  xs.slice(0, n).map(([k, v]) => `${label(k)} ${num(v)}`).join(" · ") || "—";

export async function reportReply(w: Wording, f: ReleasedGrievances, scope: ReportScope, visibility: "private" | "channel"): Promise<Reply> {
  const { t } = w;
  const num = (r: Released) => releasedText(r, t, w.fmt);
  const stamp = `${scope.kind === "statewide" ? "statewide" : scope.id.replace(/[^A-Za-z0-9-]+/g, "-")}-${f.from}-${f.to}`;
  const chart = await reportChart(f, scope, w);
  const [from, to] = periodEnds(w, f);
  const title = t("grievance.report.title", { scope: scopeLabel(scope, t), from, to });
  const median = f.medianDaysToResolve === null ? "—" : t("grievance.report.days", { count: f.medianDaysToResolve });
  const outcome = (k: string) => (k === "open" ? t("grievance.report.open") : t(`grievance.outcomes.${k}`));
  const note = t("core.disclosure.note");
  const pdf = await renderPdf({
    title: t("grievance.report.chartTitle"),
    subtitle: title,
    footer: t("grievance.report.footer"),
    blocks: [
      { kind: "table", columns: [{ label: t("grievance.report.trend"), weight: 2 }, { label: "", align: "right" }], rows: [
        [t("grievance.report.filed"), num(f.filed)], [t("grievance.report.open"), num(f.open)], [t("grievance.report.closed"), num(f.closed)],
        [t("grievance.report.median"), median],
      ] },
      { kind: "image", png: chart.png, alt: chart.alt },
      { kind: "table", caption: t("grievance.report.byCategory"), columns: [{ label: t("grievance.report.byCategory"), weight: 2 }, { label: t("grievance.report.filed"), align: "right" }], rows: f.byCategory.map(([k, n]) => [t(`grievance.categories.${k}`), num(n)]) },
      { kind: "table", caption: t("grievance.report.byOutcome"), columns: [{ label: t("grievance.report.byOutcome"), weight: 2 }, { label: "", align: "right" }], rows: f.byOutcome.map(([k, n]) => [outcome(k), num(n)]) },
      { kind: "note", text: note },
      { kind: "note", text: t("grievance.report.footer") },
    ],
  });
  const files: FileAttachment[] = [
    { name: `grievance-report-${stamp}.png`, mime: "image/png", data: chart.png, title: t("grievance.report.chartTitle"), alt: chart.alt },
    { name: `grievance-report-${stamp}.csv`, mime: "text/csv", data: reportCsv(f, scope, t) },
    { name: `grievance-report-${stamp}.pdf`, mime: "application/pdf", data: pdf, title: t("grievance.report.chartTitle") },
  ];
  const blocks = [
    reply.section(title, [
      { label: t("grievance.report.filed"), value: num(f.filed) },
      { label: t("grievance.report.open"), value: num(f.open) },
      { label: t("grievance.report.closed"), value: num(f.closed) },
      { label: t("grievance.report.median"), value: median },
    ]),
    reply.list(undefined, [
      { text: t("grievance.report.byCategory"), detail: top(f.byCategory, 9, num, (k) => t(`grievance.categories.${k}`)) },
      { text: t("grievance.report.byEmployer"), detail: top(f.byEmployer, 5, num) },
      { text: t("grievance.report.byArticle"), detail: top(f.byArticle, 5, num, (k) => t("grievance.report.article", { article: k })) },
      { text: t("grievance.report.byStep"), detail: f.byStep.map((n, i) => `${t(`grievance.steps.${STEPS[i]}`)} ${num(n)}`).join(" · ") },
      { text: t("grievance.report.byOutcome"), detail: top(f.byOutcome, 6, num, outcome) },
      { text: t("grievance.report.trend"), detail: f.byMonth.slice(-12).map((m) => `${w.fmt.month(`${m.month}-01`)} ${num(m.filed)}`).join(" · ") },
    ]),
    reply.list(
      t("grievance.report.topIssues"),
      f.topIssuesByEmployer.slice(0, 8).map((e) => ({ text: e.employer, detail: e.issues.map((i) => t("grievance.report.issueArticle", { category: t(`grievance.categories.${i.category}`), article: t("grievance.report.article", { article: i.article }) })).join(" · ") })),
      t("grievance.report.none"),
    ),
    reply.context(t("grievance.report.footerWithNote", { footer: t("grievance.report.footer"), note })),
  ];
  return { visibility, blocks, files };
}

/** A range of days as published: the whole months it touches, each month released as everywhere else. */
export function releaseReport(db: Db, scope: ReportScope, from: string, to: string, today: string): Promise<ReleasedGrievances> {
  return releaseGrievanceMonths(db, scope as ReportFilter, wholeMonths(from, to), today);
}

function monthsBack(day: string, n: number): string {
  const y = Number(day.slice(0, 4));
  const m = Number(day.slice(5, 7)) - n;
  const yy = y + Math.floor((m - 1) / 12);
  const mm = ((((m - 1) % 12) + 12) % 12) + 1;
  return `${yy}-${String(mm).padStart(2, "0")}-01`;
}

export const report = defineCommand({
  path: ["grievance", "report"],
  description: "grievance.report.description",
  args: {
    scope: arg.optional(arg.string("grievance.args.scope", { maxLength: 80 })),
    from: arg.optional(arg.date("grievance.args.from")),
    to: arg.optional(arg.date("grievance.args.to")),
  },
  access: { roles: ["steward", "chief_steward", "sublocal_officer", "board_director", "staff", "executive_director", "statewide_president"] },
  async run(ctx, args) {
    await ensureDefaults(ctx.store);
    const scope = args.scope ? parseReportScope(args.scope) : defaultReportScope(ctx.roles);
    if (!scope) throw userError.invalid("grievance.report.badScope", { scope: (args.scope ?? "").slice(0, 40) });
    if (!mayReport(ctx.roles, scope)) {
      await ctx.audit("grievance.report.refused", undefined, { scope: scope.kind, scopeId: scope.kind === "statewide" ? null : scope.id });
      throw userError.notAllowed("grievance.report.notYourScope", { scope: scopeLabel(scope, ctx.t) });
    }
    const to = args.to ?? today(ctx);
    const from = args.from ?? monthsBack(to, 11);
    if (from > to) throw userError.invalid("grievance.report.badRange");
    if (monthsBetween(from, to).length > 120) throw userError.invalid("grievance.report.tooLong");
    const f = await releaseReport(ctx.db, scope, from, to, today(ctx));
    // What was released, never a count it hid.
    await ctx.audit("grievance.report", undefined, { scope: scope.kind, scopeId: scope.kind === "statewide" ? null : scope.id, from: f.from, to: f.to, cases: releasedAudit(f.filed) });
    return reportReply(ctx, f, scope, "private");
  },
});

// ---- Scheduled reports ------------------------------------------------------------------------

export const schedule = defineCommand({
  path: ["grievance", "schedule"],
  description: "grievance.schedule.description",
  args: {
    frequency: arg.choice("grievance.args.frequency", ["weekly", "monthly", "off"] as const),
    channel: arg.channel("grievance.args.channel"),
    scope: arg.optional(arg.string("grievance.args.scope", { maxLength: 80 })),
  },
  access: { roles: STAFF },
  async run(ctx, args) {
    const scope = args.scope ? parseReportScope(args.scope) : { kind: "statewide" as const };
    if (!scope) throw userError.invalid("grievance.report.badScope", { scope: (args.scope ?? "").slice(0, 40) });
    const key = `grievance-report:${ctx.platform}:${ctx.actor.workspaceId}:${args.channel}:${scope.kind}:${scope.kind === "statewide" ? "" : scope.id}`;
    if (args.frequency === "off") {
      const stopped = await ctx.commitAsync(async (tx) => {
        if (!(await deactivateRuleIn(tx, key))) return false;
        await ctx.auditIn(tx, "grievance.report.unschedule", undefined, { channel: args.channel, scope: scope.kind });
        return true;
      });
      if (!stopped) throw userError.notFound("grievance.schedule.none");
      return reply.private(reply.text(`✅ ${ctx.t("grievance.schedule.off", { channel: channelMention(ctx.platform, args.channel) })}`));
    }
    if (ctx.platform === "cli") throw userError.invalid("grievance.schedule.noChannelHere");
    await requirePostable(ctx, args.channel);
    const r = await upsertRule(
      ctx.store,
      {
        kind: "grievance.report",
        name: `Grievance report (${scopeLabel(scope)}, ${args.frequency})`,
        cron: args.frequency === "weekly" ? "0 8 * * 1" : "0 8 1 * *",
        timeZone: TIME_ZONE,
        target: { platform: ctx.platform, workspaceId: ctx.actor.workspaceId, channelId: args.channel },
        payload: { scope, frequency: args.frequency },
        idempotencyKey: key,
        createdById: ctx.person.id,
      },
      ctx.clock.now(),
    );
    await ctx.audit("grievance.report.schedule", undefined, { ruleId: r.id, frequency: args.frequency, channel: args.channel, scope: scope.kind });
    return reply.private(
      reply.text(`✅ ${ctx.t("grievance.schedule.done", { frequency: ctx.t(`grievance.schedule.${args.frequency}`), channel: channelMention(ctx.platform, args.channel), scope: scopeLabel(scope, ctx.t), next: r.nextAt ? localStamp(r.nextAt, ctx.fmt.timeZone) : "—" })}`),
    );
  },
});

const scopeSchema = z.union([
  z.object({ kind: z.literal("statewide") }),
  z.object({ kind: z.enum(["sublocal", "employer_group", "region"]), id: z.string() }),
]);

export const reportJob = defineJobKind({
  kind: "grievance.report",
  async render(ctx, payload: unknown) {
    const p = z.object({ scope: scopeSchema, frequency: z.enum(["weekly", "monthly"]) }).safeParse(payload);
    if (!p.success) return null;
    await ensureDefaults(ctx.store);
    const to = addDays(localDate(ctx.clock.now(), TIME_ZONE), -1);
    const from = monthsBack(to, 11);
    return reportReply(ctx, await releaseReport(data(ctx.store), p.data.scope, from, to, to), p.data.scope, "channel");
  },
});

