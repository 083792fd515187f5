// `/unionhall jobs` (staff): what the scheduler is doing — due, parked, upcoming and recent jobs,
// and the recurring rules. `npm run cli -- jobs` prints the same view.
import { z } from "zod";
import { nextOccurrence } from "../../db/cron.ts";
import { jobsOverview, retryParkedJob, type JobRow, type RuleRow } from "../../db/jobs.ts";
import { data, type Db } from "../../db/data.ts";
import { defineAction, defineCommand } from "../core/command.ts";
import { userError } from "../core/errors.ts";
import type { Translate } from "../core/i18n.ts";
import { reply, type Block, type Button, type ListItem } from "../core/reply.ts";
import { STAFF } from "../core/roles.ts";
import { formatWhen, unionTimeZone } from "./when.ts";

function where(t: Translate, j: Pick<JobRow, "platform" | "channelId" | "userId" | "personId"> | RuleRow): string {
  if (j.personId !== null) return `${j.platform} ${t("unionhall.jobs.person", { id: j.personId })}`;
  if (j.channelId) return `${j.platform} #${j.channelId}`;
  return `${j.platform} user ${j.userId ?? "?"}`;
}

function item(t: Translate, j: JobRow, tz: string, show: "due" | "recent"): ListItem {
  const detail: string[] = [];
  if (show === "due") {
    detail.push(j.status === "claimed" ? t("unionhall.jobs.detailInDelivery") : t("unionhall.jobs.detailDue", { at: formatWhen(j.dueAt, tz) }));
    if (j.attempts > 0) detail.push(t("unionhall.jobs.detailAttempts", { attempts: j.attempts }));
  } else if (j.status === "sent" && j.sentAt) detail.push(t("unionhall.jobs.detailSent", { at: formatWhen(j.sentAt, tz) }));
  else if (j.status === "cancelled") detail.push(t("unionhall.jobs.detailCancelled", { at: formatWhen(j.updatedAt, tz) }));
  if (j.lastError && j.status !== "sent") detail.push(t("unionhall.jobs.detailError", { error: j.lastError.slice(0, 160) }));
  return { text: t("unionhall.jobs.item", { id: j.id, kind: j.kind, where: where(t, j) }), detail: detail.join(" · ") };
}

/** The staff view, as blocks. `buttons: false` for the command line. */
export async function jobsView(db: Db, t: Translate, now: Date, tz: string, opts: { buttons: boolean; limit?: number } = { buttons: true }): Promise<Block[]> {
  const o = await jobsOverview(db, now, opts.limit ?? 10);
  const blocks: Block[] = [
    reply.section(t("unionhall.jobs.title"), [], t("unionhall.jobs.counts", o.counts)),
    reply.list(t("unionhall.jobs.due"), o.due.map((j) => item(t, j, tz, "due")), t("unionhall.jobs.dueEmpty")),
    reply.list(
      t("unionhall.jobs.parked"),
      o.parked.map((j) => ({ ...item(t, j, tz, "due"), detail: [t("unionhall.jobs.detailAttempts", { attempts: j.attempts }), j.lastError ? t("unionhall.jobs.detailError", { error: j.lastError.slice(0, 160) }) : ""].filter(Boolean).join(" · ") })),
      t("unionhall.jobs.parkedEmpty"),
    ),
  ];
  if (opts.buttons && o.parked.length > 0) {
    const buttons: Button[] = o.parked.slice(0, 5).map((j) => ({ label: t("unionhall.jobs.retry", { id: j.id }), action: "unionhall.jobs.retry", payload: { jobId: j.id }, once: true }));
    blocks.push(reply.buttons(...buttons));
  }
  blocks.push(reply.list(t("unionhall.jobs.upcoming"), o.upcoming.map((j) => item(t, j, tz, "due")), t("unionhall.jobs.upcomingEmpty")));
  blocks.push(reply.list(t("unionhall.jobs.recent"), o.recent.map((j) => item(t, j, tz, "recent")), t("unionhall.jobs.recentEmpty")));
  if (o.rules.length > 0) {
    blocks.push(
      reply.list(
        t("unionhall.jobs.rules"),
        o.rules.map((r) => {
          const next = r.active ? nextOccurrence(r.cron, r.timeZone, now) : null;
          return {
            text: t("unionhall.jobs.rule", { name: r.name, kind: r.kind, where: where(t, r) }),
            detail: [t("unionhall.jobs.ruleDetail", { cron: r.cron, zone: r.timeZone, state: r.active ? "" : t("unionhall.jobs.ruleInactive") }), next ? formatWhen(next, tz) : ""]
              .filter(Boolean)
              .join(" · "),
          };
        }),
      ),
    );
  }
  blocks.push(reply.context(t("unionhall.jobs.zone", { zone: tz })));
  return blocks;
}

export const jobsCommand = defineCommand({
  path: ["unionhall", "jobs"],
  description: "unionhall.jobs.description",
  args: {},
  access: { roles: STAFF },
  async run(ctx) {
    return reply.private(...(await jobsView(ctx.db, ctx.t, ctx.clock.now(), unionTimeZone(), { buttons: true })));
  },
});

export const retryJobAction = defineAction({
  id: "unionhall.jobs.retry",
  payload: z.object({ jobId: z.number().int().positive() }),
  access: { roles: STAFF },
  async run(ctx, { jobId }) {
    if (!(await retryParkedJob(ctx.store, jobId, ctx.clock.now()))) throw userError.conflict("unionhall.jobs.notParked", { id: jobId });
    await ctx.audit("scheduler.job.retry", { type: "job", id: jobId });
    return reply.private(reply.text(ctx.t("unionhall.jobs.retried", { id: jobId })));
  },
});
