// `/report schedules` lists the reports posted on a schedule in this workspace (each with its number,
// channel, whose figures, how often and the next posting, in the reader's language and the local's
// time); `/report unschedule ID` stops one. Each person sees and stops only the schedules of the
// figures they could schedule themselves.
import { z } from "zod";
import { deactivateRuleIn } from "../../db/jobs.ts";
import { activeReportRule, activeReportRules, type ReportRuleRow } from "../../db/reports-schedule.ts";
import { arg } from "../core/args.ts";
import { defineCommand, type LinkedCtx } from "../core/command.ts";
import { channelMention } from "../core/channels.ts";
import { userError } from "../core/errors.ts";
import { reply } from "../core/reply.ts";
import { findReport } from "./catalogue.ts";
import { scopeLabel } from "./members-common.ts";
import { REPORT_SCHEDULERS, mayScheduleReport, type ReportScope } from "./scope.ts";

const payloadSchema = z.object({
  name: z.string(),
  scope: z.union([z.object({ kind: z.literal("statewide") }), z.object({ kind: z.enum(["sublocal", "employer_group", "region"]), id: z.string() })]),
  frequency: z.enum(["weekly", "monthly"]),
});

interface Schedule {
  rule: ReportRuleRow;
  name: string;
  scope: ReportScope;
  frequency: "weekly" | "monthly";
}

function read(rule: ReportRuleRow): Schedule | null {
  try {
    const p = payloadSchema.safeParse(JSON.parse(rule.payload));
    return p.success ? { rule, name: p.data.name, scope: p.data.scope as ReportScope, frequency: p.data.frequency } : null;
  } catch {
    return null;
  }
}

/** The schedules this person may see and stop: those of figures they may schedule. */
async function mine(ctx: LinkedCtx): Promise<Schedule[]> {
  return (await activeReportRules(ctx.db, ctx.platform, ctx.actor.workspaceId))
    .map(read)
    .filter((s): s is Schedule => s !== null && mayScheduleReport(ctx.roles, s.scope));
}

/** "Membership for sub-local SL-083 in #leaders, every Monday at 08:00": one schedule in the reader's words. */
export function scheduleLine(ctx: LinkedCtx, s: Schedule): { text: string; detail: string } {
  const def = findReport(s.name);
  return {
    text: ctx.t("report.schedules.line", {
      id: s.rule.id,
      name: def ? ctx.t(def.titleKey) : s.name,
      scope: scopeLabel(s.scope, ctx.t),
      channel: s.rule.channelId ? channelMention(ctx.platform, s.rule.channelId) : "—",
    }),
    detail: ctx.t("report.schedules.when", { frequency: ctx.t(`report.schedule.${s.frequency}`), next: s.rule.nextAt ? ctx.fmt.dateTime(new Date(s.rule.nextAt)) : "—" }),
  };
}

export const schedules = defineCommand({
  path: ["report", "schedules"],
  description: "report.schedules.description",
  args: {},
  access: { roles: REPORT_SCHEDULERS },
  async run(ctx) {
    const list = await mine(ctx);
    return reply.private(
      reply.list(ctx.t("report.schedules.title"), list.map((s) => scheduleLine(ctx, s)), ctx.t("report.schedules.none")),
      reply.context(ctx.t(list.length ? "report.schedules.hint" : "report.schedules.howTo")),
    );
  },
});

export const unschedule = defineCommand({
  path: ["report", "unschedule"],
  description: "report.unschedule.description",
  args: { id: arg.integer("report.unschedule.argId", { min: 1, max: 1_000_000_000 }) },
  access: { roles: REPORT_SCHEDULERS },
  examples: ["report.unschedule.example"],
  async run(ctx, { id }) {
    const rule = await activeReportRule(ctx.db, id, ctx.platform, ctx.actor.workspaceId);
    const s = rule ? read(rule) : null;
    // Not told apart from "no such schedule": who may not stop it learns nothing about it.
    if (!s || !mayScheduleReport(ctx.roles, s.scope)) {
      if (s) await ctx.audit("report.refused", undefined, { report: s.name, action: "unschedule", ruleId: id, scope: s.scope.kind });
      throw userError.notFound("report.unschedule.none", { id });
    }
    const line = scheduleLine(ctx, s);
    // Stopped and audited together, with this delivery's claim: a retry never stops it twice.
    const stopped = await ctx.commitAsync(async (tx) => {
      if (!(await deactivateRuleIn(tx, s.rule.idempotencyKey ?? ""))) return false;
      await ctx.auditIn(tx, "report.unschedule", undefined, { report: s.name, ruleId: id, channel: s.rule.channelId, scope: s.scope.kind });
      return true;
    });
    if (!stopped) throw userError.notFound("report.unschedule.none", { id });
    return reply.private(reply.text(`✅ ${ctx.t("report.unschedule.done", { what: line.text })}`));
  },
});
