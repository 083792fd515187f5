// Trend reports: counts by category, employer, article, step reached and outcome; median days to
// resolution; month-by-month trend; top recurring issues per employer. One standard layout every
// time: a summary, a PNG chart and a CSV. Aggregated figures only, no names.
import { describeScope } from "../core/roles.ts";
import { z } from "zod";
import { upsertRule, deactivateRule } from "../../db/jobs.ts";
import { ReportAccumulator, loadReport, monthsBetween, type ReportFigures, type ReportFilter, type ReportTuple } from "../../db/grievances-report.ts";
import type { Store } from "../../db/store.ts";
import { arg } from "../core/args.ts";
import { defineCommand } from "../core/command.ts";
import { userError } from "../core/errors.ts";
import { localStamp } from "../core/format.ts";
import type { Translate } from "../core/i18n.ts";
import { defineJobKind } from "../core/jobs.ts";
import { reply, type FileAttachment, type Reply } from "../core/reply.ts";
import { STAFF } from "../core/roles.ts";
import { STEPS, addDays, localDate } from "./deadlines.ts";
import { CATEGORIES, OUTCOMES, TIME_ZONE, ensureDefaults, today } from "./model.ts";
import { defaultReportScope, mayReport, type ReportScope } from "./permissions.ts";
import { Canvas, type Rgb } from "./png.ts";

export type { ReportFigures };
export { monthsBetween };

/** Folds cases into the report's figures (what the cells hold, for a list of cases). */
export function aggregate(rows: Iterable<ReportTuple>, from: string, to: string): ReportFigures {
  const acc = new ReportAccumulator();
  for (const r of rows) acc.addRow(r);
  return acc.figures(from, to);
}

export function computeReport(store: Store, scope: ReportScope, from: string, to: string): ReportFigures {
  return loadReport(store, scope as ReportFilter, from, to);
}

export function scopeLabel(s: ReportScope): string {
  return describeScope({ scopeType: s.kind, scopeId: s.kind === "statewide" ? null : s.id });
}

// ---- Layouts ----------------------------------------------------------------------------------

const csvCell = (v: string | number | null) => {
  const s = v === null ? "" : String(v);
  return /[",\n\r]/.test(s) || /^[=+\-@]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** One CSV, sections one after another: section,key,sub_key,count. */
export function reportCsv(f: ReportFigures, scope: ReportScope): string {
  const lines: (string | number | null)[][] = [["section", "key", "sub_key", "value"]];
  lines.push(["meta", "scope", null, scopeLabel(scope)], ["meta", "from", null, f.from], ["meta", "to", null, f.to]);
  lines.push(["total", "filed", null, f.total], ["total", "open", null, f.open], ["total", "closed", null, f.closed], ["total", "median_days_to_resolution", null, f.medianDaysToResolve]);
  for (const [k, n] of f.byCategory) lines.push(["category", k, null, n]);
  for (const [k, n] of f.byEmployer) lines.push(["employer", k, null, n]);
  for (const [k, n] of f.byArticle) lines.push(["article", k, null, n]);
  f.byStep.forEach((n, i) => lines.push(["step_reached", STEPS[i]!, null, n]));
  for (const [k, n] of f.byOutcome) lines.push(["outcome", k, null, n]);
  for (const m of f.months) lines.push(["month_filed", m.month, null, m.filed], ["month_closed", m.month, null, m.closed]);
  for (const e of f.topIssuesByEmployer) for (const i of e.issues) lines.push(["top_issue", e.employer, `${i.category} art. ${i.article}`, i.count]);
  return lines.map((l) => l.map(csvCell).join(",")).join("\r\n") + "\r\n";
}

const INK: Rgb = [33, 37, 41];
const GREY: Rgb = [134, 142, 150];
const RULE: Rgb = [222, 226, 230];
const PURPLE: Rgb = [81, 45, 168];
const GOLD: Rgb = [240, 173, 0];
const TEAL: Rgb = [12, 133, 153];

/** The chart: totals strip, monthly filed/closed bars, categories, outcomes. Fixed 960×600 layout. */
export function reportPng(f: ReportFigures, scope: ReportScope, t: Translate): Buffer {
  const W = 960;
  const H = 600;
  const c = new Canvas(W, H);
  c.text(24, 20, `${t("grievance.report.chartTitle")} - ${scopeLabel(scope)}`, INK, 2);
  c.text(24, 44, `${f.from} TO ${f.to}`, GREY, 1);
  const strip = [
    [t("grievance.report.filed"), String(f.total)],
    [t("grievance.report.open"), String(f.open)],
    [t("grievance.report.closed"), String(f.closed)],
    [t("grievance.report.medianShort"), f.medianDaysToResolve === null ? "-" : String(f.medianDaysToResolve)],
  ];
  strip.forEach(([k, v], i) => {
    c.text(24 + i * 230, 66, k!, GREY, 1);
    c.text(24 + i * 230, 78, v!, INK, 3);
  });
  c.rect(24, 108, W - 48, 1, RULE);

  // Monthly trend (the last 24 months of the range).
  const months = f.months.slice(-24);
  const ox = 60;
  const oy = 330;
  const ph = 190;
  const pw = 540;
  c.text(24, 120, t("grievance.report.trend"), INK, 1);
  const max = Math.max(1, ...months.map((m) => Math.max(m.filed, m.closed)));
  c.text(24, oy - ph - 3, String(max), GREY, 1);
  c.text(24, oy - 7, "0", GREY, 1);
  c.rect(ox, oy, pw, 1, GREY);
  const slot = months.length ? pw / months.length : pw;
  const bw = Math.max(2, Math.floor(slot / 2) - 2);
  months.forEach((m, i) => {
    const x = ox + i * slot + 2;
    const hf = Math.round((m.filed / max) * ph);
    const hc = Math.round((m.closed / max) * ph);
    c.rect(x, oy - hf, bw, hf, PURPLE);
    c.rect(x + bw + 1, oy - hc, bw, hc, GOLD);
    if (months.length <= 12 || i % 3 === 0) c.text(x, oy + 6, m.month.slice(2), GREY, 1);
  });
  c.rect(ox, oy + 20, 10, 7, PURPLE);
  c.text(ox + 14, oy + 20, t("grievance.report.filed"), INK, 1);
  c.rect(ox + 90, oy + 20, 10, 7, GOLD);
  c.text(ox + 104, oy + 20, t("grievance.report.resolvedOfFiled"), INK, 1);

  // Categories (horizontal bars, fixed order so reports compare at a glance).
  const cx = 630;
  c.text(cx, 120, t("grievance.report.byCategory"), INK, 1);
  const counts = new Map(f.byCategory);
  const cmax = Math.max(1, ...CATEGORIES.map((k) => counts.get(k) ?? 0));
  CATEGORIES.forEach((k, i) => {
    const y = 138 + i * 21;
    const n = counts.get(k) ?? 0;
    c.text(cx, y + 3, t(`grievance.categories.${k}`).slice(0, 14), INK, 1);
    const w = Math.round((n / cmax) * 170);
    c.rect(cx + 90, y, w, 13, TEAL);
    c.text(cx + 94 + w, y + 3, String(n), GREY, 1);
  });

  // Outcomes and steps reached.
  c.rect(24, 372, W - 48, 1, RULE);
  c.text(24, 384, t("grievance.report.byOutcome"), INK, 1);
  const outcomes = new Map(f.byOutcome);
  const omax = Math.max(1, ...[...OUTCOMES, "open"].map((k) => outcomes.get(k) ?? 0));
  [...OUTCOMES, "open"].forEach((k, i) => {
    const y = 402 + i * 21;
    const n = outcomes.get(k) ?? 0;
    c.text(24, y + 3, (k === "open" ? t("grievance.report.open") : t(`grievance.outcomes.${k}`)).slice(0, 14), INK, 1);
    const w = Math.round((n / omax) * 300);
    c.rect(114, y, w, 13, GOLD);
    c.text(118 + w, y + 3, String(n), GREY, 1);
  });
  c.text(500, 384, t("grievance.report.byStep"), INK, 1);
  const smax = Math.max(1, ...f.byStep);
  f.byStep.forEach((n, i) => {
    const y = 402 + i * 21;
    c.text(500, y + 3, t(`grievance.steps.${STEPS[i]}`).slice(0, 14), INK, 1);
    const w = Math.round((n / smax) * 300);
    c.rect(590, y, w, 13, PURPLE);
    c.text(594 + w, y + 3, String(n), GREY, 1);
  });
  c.text(24, H - 20, t("grievance.report.footer"), GREY, 1);
  return c.png();
}

const top = (xs: [string, number][], n: number, label: (k: string) => string = (k) => k) =>
  xs.slice(0, n).map(([k, v]) => `${label(k)} ${v}`).join(" · ") || "—";

export function reportReply(t: Translate, f: ReportFigures, scope: ReportScope, visibility: "private" | "channel"): Reply {
  const stamp = `${scope.kind === "statewide" ? "statewide" : scope.id.replace(/[^A-Za-z0-9-]+/g, "-")}-${f.from}-${f.to}`;
  const files: FileAttachment[] = [
    { name: `grievance-report-${stamp}.png`, mime: "image/png", data: reportPng(f, scope, t), title: t("grievance.report.chartTitle") },
    { name: `grievance-report-${stamp}.csv`, mime: "text/csv", data: reportCsv(f, scope) },
  ];
  const blocks = [
    reply.section(t("grievance.report.title", { scope: scopeLabel(scope), from: f.from, to: f.to }), [
      { label: t("grievance.report.filed"), value: String(f.total) },
      { label: t("grievance.report.open"), value: String(f.open) },
      { label: t("grievance.report.closed"), value: String(f.closed) },
      { label: t("grievance.report.median"), value: f.medianDaysToResolve === null ? "—" : t("grievance.report.days", { count: f.medianDaysToResolve }) },
    ]),
    reply.list(undefined, [
      { text: t("grievance.report.byCategory"), detail: top(f.byCategory, 9, (k) => t(`grievance.categories.${k}`)) },
      { text: t("grievance.report.byEmployer"), detail: top(f.byEmployer, 5) },
      { text: t("grievance.report.byArticle"), detail: top(f.byArticle, 5, (k) => `art. ${k}`) },
      { text: t("grievance.report.byStep"), detail: f.byStep.map((n, i) => `${t(`grievance.steps.${STEPS[i]}`)} ${n}`).join(" · ") },
      { text: t("grievance.report.byOutcome"), detail: top(f.byOutcome, 6, (k) => (k === "open" ? t("grievance.report.open") : t(`grievance.outcomes.${k}`))) },
      { text: t("grievance.report.trend"), detail: f.months.slice(-12).map((m) => `${m.month} ${m.filed}`).join(" · ") },
    ]),
    reply.list(
      t("grievance.report.topIssues"),
      f.topIssuesByEmployer.slice(0, 8).map((e) => ({ text: e.employer, detail: e.issues.map((i) => `${t(`grievance.categories.${i.category}`)} (art. ${i.article}) ${i.count}`).join(" · ") })),
      t("grievance.report.none"),
    ),
    reply.context(t("grievance.report.footer")),
  ];
  return { visibility, blocks, files };
}

/** "SL-083", "sublocal:SL-083", "employer-group:Human Services", "region:Lane", "statewide". */
export function parseReportScope(raw: string): ReportScope | null {
  const s = raw.trim();
  if (/^statewide$/i.test(s)) return { kind: "statewide" };
  const m = /^(sublocal|sub-local|employer[-_ ]group|group|region)\s*:\s*(.+)$/i.exec(s);
  if (m) {
    const k = m[1]!.toLowerCase();
    const id = m[2]!.trim();
    if (k.startsWith("sub")) return { kind: "sublocal", id: id.toUpperCase() };
    return { kind: k === "region" ? "region" : "employer_group", id };
  }
  if (/^SL-\d{2,4}$/i.test(s)) return { kind: "sublocal", id: s.toUpperCase() };
  return null;
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
  run(ctx, args) {
    ensureDefaults(ctx.store);
    const scope = args.scope ? parseReportScope(args.scope) : defaultReportScope(ctx.roles);
    if (!scope) throw userError.invalid("grievance.report.badScope", { scope: (args.scope ?? "").slice(0, 40) });
    if (!mayReport(ctx.roles, scope)) throw userError.notAllowed("grievance.report.notYourScope", { scope: scopeLabel(scope) });
    const to = args.to ?? today(ctx);
    const from = args.from ?? monthsBack(to, 11);
    if (from > to) throw userError.invalid("grievance.report.badRange");
    if (monthsBetween(from, to).length > 120) throw userError.invalid("grievance.report.tooLong");
    const f = computeReport(ctx.store, scope, from, to);
    ctx.audit("grievance.report", undefined, { scope: scope.kind, scopeId: scope.kind === "statewide" ? null : scope.id, from, to, cases: f.total });
    return reportReply(ctx.t, f, scope, "private");
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
      if (!deactivateRule(ctx.store, key)) throw userError.notFound("grievance.schedule.none");
      ctx.audit("grievance.report.unschedule", undefined, { channel: args.channel, scope: scope.kind });
      return reply.private(reply.text(`✅ ${ctx.t("grievance.schedule.off", { channel: args.channel })}`));
    }
    if (ctx.platform === "cli") throw userError.invalid("grievance.schedule.noChannelHere");
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
    ctx.audit("grievance.report.schedule", undefined, { ruleId: r.id, frequency: args.frequency, channel: args.channel, scope: scope.kind });
    return reply.private(
      reply.text(`✅ ${ctx.t("grievance.schedule.done", { frequency: ctx.t(`grievance.schedule.${args.frequency}`), channel: args.channel, scope: scopeLabel(scope), next: r.nextAt ? localStamp(r.nextAt, ctx.fmt.timeZone) : "—" })}`),
    );
  },
});

const scopeSchema = z.union([
  z.object({ kind: z.literal("statewide") }),
  z.object({ kind: z.enum(["sublocal", "employer_group", "region"]), id: z.string() }),
]);

export const reportJob = defineJobKind({
  kind: "grievance.report",
  render(ctx, payload: unknown) {
    const p = z.object({ scope: scopeSchema, frequency: z.enum(["weekly", "monthly"]) }).safeParse(payload);
    if (!p.success) return null;
    ensureDefaults(ctx.store);
    const to = addDays(localDate(ctx.clock.now(), TIME_ZONE), -1);
    const from = monthsBack(to, 11);
    return reportReply(ctx.t, computeReport(ctx.store, p.data.scope, from, to), p.data.scope, "channel");
  },
});

