// `/event report [scope] [months]`: turnout over time for staff and officers, aggregates only
// (events held, people who said Going, people present), as a chart and a CSV.
import { turnout, subLocalAudience } from "../../db/events.ts";
import { renderChart } from "../core/chart/index.ts";
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
    const sub = target.audienceType === "sublocal" ? subLocalAudience(ctx.store, target.audienceId!) : undefined;
    if (!mayOrganise(ctx.roles, target, sub)) throw userError.notAllowed("event.report.notAllowed");
    const n = months ?? 12;
    const to = ctx.clock.now();
    const from = new Date(Date.UTC(to.getUTCFullYear(), to.getUTCMonth() - n + 1, 1));
    const rows = turnout(ctx.store, from, to, target.audienceType === "statewide" ? null : { scopeType: target.audienceType, scopeId: target.audienceId });
    ctx.audit("event.report", undefined, { scopeType: target.audienceType, months: n, rows: rows.length });
    const label = audienceLabel(ctx.t, target);
    if (rows.length === 0) return reply.private(reply.text(ctx.t("event.report.none", { scope: label, count: n })));
    const total = rows.reduce((a, r) => ({ events: a.events + r.events, rsvped: a.rsvped + r.rsvped, attended: a.attended + r.attended }), { events: 0, rsvped: 0, attended: 0 });
    const byMonth = new Map<string, { rsvped: number; attended: number }>();
    for (const r of rows) {
      const m = byMonth.get(r.month) ?? { rsvped: 0, attended: 0 };
      m.rsvped += r.rsvped;
      m.attended += r.attended;
      byMonth.set(r.month, m);
    }
    const said = ctx.t("event.turnout.said");
    const came = ctx.t("event.turnout.came");
    const chart = await renderChart({
      kind: "grouped",
      title: ctx.t("event.report.chartTitle", { scope: label }),
      valueTitle: ctx.t("event.report.people"),
      data: [...byMonth].flatMap(([month, v]) => [
        { x: ctx.fmt.month(`${month}-15`), series: said, value: v.rsvped },
        { x: ctx.fmt.month(`${month}-15`), series: came, value: v.attended },
      ]),
    });
    const header = ["month", "audience", "kind", "events", "said_going", "attended"];
    const csv = [header.join(","), ...rows.map((r) => [r.month, r.audience, r.kind, r.events, r.rsvped, r.attended].map(csvCell).join(","))].join("\n") + "\n";
    return {
      ...reply.private(
        reply.text(`📊 ${ctx.t("event.report.title", { scope: label, count: n })}`),
        reply.section(undefined, [
          { label: ctx.t("event.report.events"), value: ctx.fmt.number(total.events) },
          { label: said, value: ctx.fmt.number(total.rsvped) },
          { label: came, value: ctx.fmt.number(total.attended) },
        ]),
        reply.context(chart.alt),
      ),
      files: [
        { name: "event-turnout.png", mime: "image/png", data: chart.png, title: ctx.t("event.report.chartTitle", { scope: label }) },
        { name: "event-turnout.csv", mime: "text/csv", data: csv },
      ],
    };
  },
});
