// `/event report [scope] [months]`: turnout over time for staff and officers, aggregates only
// (events held, people who said Going, people present), as a chart and a CSV.
import { turnout, subLocalAudience } from "../../db/events.ts";
import { periodKey, windowStart } from "../core/periods.ts";
import { renderChart } from "../core/chart/index.ts";
import { protectSeries, releasedAudit, releasedCsv, releasedNumber, releasedText, seriesKey, type Released } from "../core/disclosure.ts";
import { arg } from "../core/args.ts";
import { defineCommand } from "../core/command.ts";
import { userError } from "../core/errors.ts";
import { reply, type Reply } from "../core/reply.ts";
import { isStaff } from "../core/roles.ts";
import { mayOrganise, parseAudience } from "./rules.ts";
import { audienceLabel } from "./render.ts";

const csvCell = (s: string | number) => (typeof s === "number" ? String(s) : /[",\n]/.test(s) || /^[=+\-@]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

export const reportCommand = defineCommand({
  path: ["event", "report"],
  description: "event.report.description",
  args: { scope: arg.optional(arg.string("event.report.argScope", { maxLength: 90 })), months: arg.optional(arg.integer("event.report.argMonths", { min: 1, max: 36 })) },
  access: { roles: ["sublocal_officer", "board_director", "staff", "executive_director", "statewide_president"] },
  async run(ctx, { scope, months }): Promise<Reply> {
    const target = scope ? parseAudience(scope) : isStaff(ctx.roles) ? { audienceType: "statewide" as const, audienceId: null } : ctx.roles.find((r) => r.role === "sublocal_officer") ? { audienceType: "sublocal" as const, audienceId: ctx.roles.find((r) => r.role === "sublocal_officer")!.scopeId } : undefined;
    if (!target) throw userError.invalid("event.report.badScope");
    const sub = target.audienceType === "sublocal" ? await subLocalAudience(ctx.db, target.audienceId!) : undefined;
    if (!mayOrganise(ctx.roles, target, sub)) {
      await ctx.audit("event.report.refused", undefined, { scopeType: target.audienceType, scopeId: target.audienceId });
      throw userError.notAllowed("event.report.notAllowed");
    }
    const n = months ?? 12;
    const to = ctx.clock.now();
    // Months are the local's: the window starts at local midnight on the 1st, and each event is
    // counted in the month of its local start.
    const from = windowStart(to, n, "month", ctx.fmt.timeZone);
    const rows = await turnout(ctx.db, from, to, target.audienceType === "statewide" ? null : { scopeType: target.audienceType, scopeId: target.audienceId }, (startsAt) => periodKey(startsAt, "month", ctx.fmt.timeZone));
    const label = audienceLabel(ctx.t, target);
    if (rows.length === 0) {
      await ctx.audit("event.report", undefined, { scopeType: target.audienceType, months: n, rows: 0 });
      return reply.private(reply.text(ctx.t("event.report.none", { scope: label, count: n })));
    }
    // Counts of people go through disclosure control (commands/core/disclosure.ts): each month's
    // rows and total, then the months and the whole period. Events held are not people: exact.
    const rowKey = (r: (typeof rows)[number]) => `${r.audience}\u0000${r.kind}`;
    const saidGoing = protectSeries(rows.map((r) => ({ period: r.month, key: rowKey(r), n: r.rsvped })));
    const present = protectSeries(rows.map((r) => ({ period: r.month, key: rowKey(r), n: r.attended })));
    const events = rows.reduce((a, r) => a + r.events, 0);
    await ctx.audit("event.report", undefined, { scopeType: target.audienceType, months: n, rows: rows.length, saidGoing: releasedAudit(saidGoing.total), present: releasedAudit(present.total) });
    const num = (r: Released) => releasedText(r, ctx.t, ctx.fmt);
    // Every month of the period on the axis, those without events too.
    const axis = Array.from({ length: n }, (_, i) => new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth() + i, 1)).toISOString().slice(0, 7));
    const said = ctx.t("event.turnout.said");
    const came = ctx.t("event.turnout.came");
    const point = (x: string, series: string, r: Released) => ({ x, series, value: releasedNumber(r), ...(typeof r === "number" ? {} : { display: num(r) }) });
    const chart = await renderChart({
      kind: "grouped",
      locale: ctx.fmt.locale,
      title: ctx.t("event.report.chartTitle", { scope: label }),
      valueTitle: ctx.t("event.report.people"),
      data: axis.flatMap((month) => [
        point(ctx.fmt.month(`${month}-15`), said, saidGoing.periods.get(month) ?? 0),
        point(ctx.fmt.month(`${month}-15`), came, present.periods.get(month) ?? 0),
      ]),
    });
    const header = ["month", "audience", "kind", "events", "said_going", "attended"];
    const cell = (s: ReturnType<typeof protectSeries>, r: (typeof rows)[number]) => releasedCsv(s.cells.get(seriesKey(r.month, rowKey(r)))!, ctx.t);
    const csv = [header.join(","), ...rows.map((r) => [r.month, r.audience, r.kind, r.events, cell(saidGoing, r), cell(present, r)].map(csvCell).join(",")), ["note", "", "", "", ctx.t("core.disclosure.note"), ""].map(csvCell).join(",")].join("\n") + "\n";
    return {
      ...reply.private(
        reply.text(`📊 ${ctx.t("event.report.title", { scope: label, count: n })}`),
        reply.section(undefined, [
          { label: ctx.t("event.report.events"), value: ctx.fmt.number(events) },
          { label: said, value: num(saidGoing.total) },
          { label: came, value: num(present.total) },
        ]),
        reply.context(chart.alt),
        reply.context(ctx.t("core.disclosure.note")),
      ),
      files: [
        { name: "event-turnout.png", mime: "image/png", data: chart.png, title: ctx.t("event.report.chartTitle", { scope: label }) },
        { name: "event-turnout.csv", mime: "text/csv", data: csv },
      ],
    };
  },
});
