// /report list · /report run NAME [scope] [period] · /report schedule NAME weekly|monthly|off #channel [scope]
import { z } from "zod";
import { appendAuditAsync } from "../../db/audit.ts";
import { data } from "../../db/data.ts";
import { activeRoles } from "../../db/roles.ts";
import type { ActiveRole } from "../core/roles.ts";
import { deactivateRuleIn, upsertRule } from "../../db/jobs.ts";
import { activeReportRuleByKey, activeRuleExists } from "../../db/reports-schedule.ts";
import { arg } from "../core/args.ts";
import { defineCommand, type LinkedCtx } from "../core/command.ts";
import { channelMention, requirePostable } from "../core/channels.ts";
import { UserError, userError } from "../core/errors.ts";
import { defineJobKind } from "../core/jobs.ts";
import { reply, type Reply, type Visibility } from "../core/reply.ts";
import { CATALOGUE, findReport } from "./catalogue.ts";
import { renderReport } from "./layout.ts";
import { scopeLabel } from "./members-common.ts";
import type { ReportDef, ReportEnv } from "./model.ts";
import { monthPeriod, monthPeriodAt, parsePeriod, previousPeriod, type Period } from "./period.ts";
import { shiftPeriod } from "../core/periods.ts";
import { REPORT_READERS, REPORT_SCHEDULERS, defaultScope, mayRunReport, mayScheduleReport, parseReportScope, scopeKey, type ReportScope } from "./scope.ts";

const NAMES = CATALOGUE.map((r) => r.name) as [string, ...string[]];

export const list = defineCommand({
  path: ["report", "list"],
  description: "report.list.description",
  args: {},
  access: { roles: REPORT_READERS },
  run(ctx) {
    const scope = defaultScope(ctx.roles);
    const mine = CATALOGUE.filter((r) => scope && (r.mayRun?.(ctx.roles, scope) ?? true));
    return reply.private(
      reply.list(
        ctx.t("report.list.title", { scope: scope ? scopeLabel(scope, ctx.t) : "—" }),
        mine.map((r) => ({ text: `${r.name} — ${ctx.t(r.titleKey)}`, detail: ctx.t(r.descriptionKey) })),
        ctx.t("report.list.none"),
      ),
      reply.context(ctx.t("report.list.hint")),
    );
  },
});

/** Reads scope and period, in either order (both are optional and look different). */
function scopeAndPeriod(ctx: LinkedCtx, rawScope: string | undefined, rawPeriod: string | undefined): { scope: ReportScope; period: Period } {
  let s = rawScope;
  let p = rawPeriod;
  if (s && !p && parsePeriod(s) && !parseReportScope(s)) [s, p] = [undefined, s];
  const scope = s ? parseReportScope(s) : defaultScope(ctx.roles);
  if (!scope) throw userError.invalid("report.errors.badScope", { scope: (s ?? "").slice(0, 40) });
  const today = ctx.fmt.localDay(ctx.clock.now());
  const period = p ? parsePeriod(p) : monthPeriodAt(ctx.clock.now(), ctx.fmt.timeZone);
  if (!period) throw userError.invalid("report.errors.badPeriod", { period: (p ?? "").slice(0, 20) });
  if (period.from > today) throw userError.invalid("report.errors.futurePeriod", { period: period.code });
  return { scope, period };
}

function env(ctx: { store: LinkedCtx["store"]; t: LinkedCtx["t"]; fmt: LinkedCtx["fmt"]; clock: LinkedCtx["clock"] }): ReportEnv {
  return { store: ctx.store, t: ctx.t, fmt: ctx.fmt, clock: ctx.clock, today: ctx.fmt.localDay(ctx.clock.now()) };
}

/** Builds and lays out one report. */
export async function produceReport(e: ReportEnv, def: ReportDef, scope: ReportScope, period: Period, visibility: Visibility): Promise<{ reply: Reply; facts: Record<string, number | string> }> {
  const doc = await def.build(e, scope, period);
  const out = await renderReport(doc, `${scopeKey(scope)}-${period.code}`, e.t, e.fmt, visibility);
  return { reply: out.reply, facts: doc.auditFacts };
}

export const run = defineCommand({
  path: ["report", "run"],
  description: "report.run.description",
  args: {
    name: arg.choice("report.args.name", NAMES, Object.fromEntries(NAMES.map((n) => [n, `report.catalogue.${n}.title`]))),
    scope: arg.optional(arg.string("report.args.scope", { maxLength: 80 })),
    period: arg.optional(arg.string("report.args.period", { maxLength: 20 })),
  },
  access: { roles: REPORT_READERS },
  examples: ["report.run.example"],
  async run(ctx, args) {
    const def = findReport(args.name)!;
    const { scope, period } = scopeAndPeriod(ctx, args.scope, args.period);
    if (!mayRunReport(ctx.roles, scope) || !(def.mayRun?.(ctx.roles, scope) ?? true)) {
      await ctx.audit("report.refused", undefined, { report: def.name, action: "run", scope: scope.kind, scopeId: scope.kind === "statewide" ? null : scope.id });
      throw userError.notAllowed("report.errors.notYourScope", { scope: scopeLabel(scope, ctx.t) });
    }
    const out = await produceReport(env(ctx), def, scope, period, "private");
    await ctx.audit("report.run", undefined, { report: def.name, scope: scope.kind, scopeId: scope.kind === "statewide" ? null : scope.id, period: period.code, ...out.facts });
    return out.reply;
  },
});

export const schedule = defineCommand({
  path: ["report", "schedule"],
  description: "report.schedule.description",
  args: {
    name: arg.choice("report.args.name", NAMES, Object.fromEntries(NAMES.map((n) => [n, `report.catalogue.${n}.title`]))),
    frequency: arg.choice("report.args.frequency", ["weekly", "monthly", "off"] as const),
    channel: arg.channel("report.args.channel"),
    scope: arg.optional(arg.string("report.args.scope", { maxLength: 80 })),
  },
  access: { roles: REPORT_SCHEDULERS },
  examples: ["report.schedule.example"],
  async run(ctx, args) {
    const def = findReport(args.name)!;
    const scope = args.scope ? parseReportScope(args.scope) : defaultScope(ctx.roles);
    if (!scope) throw userError.invalid("report.errors.badScope", { scope: (args.scope ?? "").slice(0, 40) });
    if (!mayScheduleReport(ctx.roles, scope) || !(def.mayRun?.(ctx.roles, scope) ?? true)) {
      // A refused schedule is audited like a refused run: once, naming what was asked for.
      await ctx.audit("report.refused", undefined, { report: def.name, action: "schedule", scope: scope.kind, scopeId: scope.kind === "statewide" ? null : scope.id });
      throw userError.notAllowed("report.errors.notYourScope", { scope: scopeLabel(scope, ctx.t) });
    }
    const key = `report:${def.name}:${ctx.platform}:${ctx.actor.workspaceId}:${args.channel}:${scopeKey(scope)}`;
    if (args.frequency === "off") {
      if (!(await activeRuleExists(ctx.db, key))) throw userError.notFound("report.schedule.none");
      const stopped = await ctx.commitAsync(async (tx) => {
        if (!(await deactivateRuleIn(tx, key))) return false;
        await ctx.auditIn(tx, "report.unschedule", undefined, { report: def.name, channel: args.channel, scope: scope.kind });
        return true;
      });
      if (!stopped) throw userError.notFound("report.schedule.none");
      return reply.private(reply.text(`✅ ${ctx.t("report.schedule.off", { name: def.name, channel: channelMention(ctx.platform, args.channel) })}`));
    }
    if (ctx.platform === "cli") throw userError.invalid("report.errors.noChannelHere");
    await requirePostable(ctx, args.channel);
    // The same report, channel and figures have one schedule: a new one replaces it, and says so.
    const replaced = await activeReportRuleByKey(ctx.db, key);
    const before = replaced ? (JSON.parse(replaced.payload) as { frequency?: string }).frequency : undefined;
    const r = await upsertRule(
      ctx.store,
      {
        kind: "report.delivery",
        name: `Report ${def.name} (${scopeLabel(scope)}, ${args.frequency})`,
        // Weekly on Monday, monthly on the 1st, at 08:00 in the local's time zone.
        cron: args.frequency === "weekly" ? "0 8 * * 1" : "0 8 1 * *",
        timeZone: ctx.fmt.timeZone,
        target: { platform: ctx.platform, workspaceId: ctx.actor.workspaceId, channelId: args.channel },
        payload: { name: def.name, scope, frequency: args.frequency, scheduledBy: ctx.person.id },
        idempotencyKey: key,
        createdById: ctx.person.id,
      },
      ctx.clock.now(),
    );
    await ctx.audit("report.schedule", undefined, { report: def.name, ruleId: r.id, frequency: args.frequency, channel: args.channel, scope: scope.kind, replaced: Boolean(replaced) });
    const replacedNote = replaced
      ? [reply.context(`🔁 ${ctx.t("report.schedule.replaced", { id: r.id, before: before === "weekly" || before === "monthly" ? ctx.t(`report.schedule.${before}`) : "—" })}`)]
      : [];
    return reply.private(
      reply.text(
        `✅ ${ctx.t("report.schedule.done", {
          name: ctx.t(def.titleKey),
          frequency: ctx.t(`report.schedule.${args.frequency}`),
          channel: channelMention(ctx.platform, args.channel),
          scope: scopeLabel(scope, ctx.t),
          next: r.nextAt ? ctx.fmt.dateTime(r.nextAt) : "—",
        })}`,
      ),
      ...replacedNote,
      reply.context(ctx.t("report.schedule.manage", { id: r.id })),
    );
  },
});

const scopeSchema = z.union([
  z.object({ kind: z.literal("statewide") }),
  z.object({ kind: z.enum(["sublocal", "employer_group", "region"]), id: z.string().min(1).max(80) }),
]);
const payloadSchema = z.object({ name: z.string(), scope: scopeSchema, frequency: z.enum(["weekly", "monthly"]), scheduledBy: z.number().int() });

export const deliveryJob = defineJobKind({
  kind: "report.delivery",
  async render(ctx, payload: unknown) {
    const p = payloadSchema.safeParse(payload);
    if (!p.success) return null;
    const def = findReport(p.data.name);
    if (!def) return null;
    // Whoever scheduled it must still be allowed to: a report stops when its scheduler's role ends.
    const roles = (await activeRoles(data(ctx.store), p.data.scheduledBy, ctx.clock.now())) as ActiveRole[];
    if (!mayScheduleReport(roles, p.data.scope as ReportScope) || !(def.mayRun?.(roles, p.data.scope as ReportScope) ?? true)) {
      await appendAuditAsync(ctx.store, { actor: "system", action: "report.withheld", details: { report: def.name, scope: p.data.scope.kind, job: ctx.job.id, rule: ctx.job.ruleId } });
      return null;
    }
    // Delivered the morning after a period: monthly covers the month just ended, weekly the month so far.
    const e = env(ctx);
    const yesterday = shiftPeriod(ctx.fmt.localDay(ctx.job.dueAt), -1);
    const period = p.data.frequency === "monthly" ? previousPeriod(monthPeriodAt(ctx.job.dueAt, ctx.fmt.timeZone)) : monthPeriod(yesterday);
    let out: Awaited<ReturnType<typeof produceReport>>;
    try {
      out = await produceReport(e, def, p.data.scope as ReportScope, period, "channel");
    } catch (err) {
      // A period the records do not reach yet: nothing to post (never a report of zeros), and the audit says why.
      if (!(err instanceof UserError)) throw err;
      await appendAuditAsync(ctx.store, { actor: "system", action: "report.withheld", details: { report: def.name, scope: p.data.scope.kind, period: period.code, reason: err.key, job: ctx.job.id, rule: ctx.job.ruleId } });
      return null;
    }
    await appendAuditAsync(ctx.store, {
      actor: "system",
      action: "report.delivered",
      details: { report: def.name, scope: p.data.scope.kind, scopeId: p.data.scope.kind === "statewide" ? null : p.data.scope.id, period: period.code, job: ctx.job.id, rule: ctx.job.ruleId, ...out.facts },
    });
    return out.reply;
  },
});
