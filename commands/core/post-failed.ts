// When a post the scheduler makes for someone (an event's announcement, a reminder to a channel, a
// scheduled report) fails because the bot may not post in that channel, the person who caused it
// hears so privately, on the same platform, naming the channel and what to do, instead of the
// failure only reaching the log.
import { z } from "zod";
import type { JobPlatform, ScheduleJobInput } from "../../db/jobs.ts";
import { channelMention } from "./channels.ts";
import { defineJobKind } from "./jobs.ts";
import { reply } from "./reply.ts";

export const POST_FAILED_JOB = "core.post_failed";

const payload = z.object({ channelId: z.string().min(1).max(100), reason: z.enum(["not_member", "no_permission"]) });

export const postFailedJobKind = defineJobKind<unknown>({
  kind: POST_FAILED_JOB,
  render(ctx, raw) {
    const p = payload.parse(raw);
    const key = p.reason === "not_member" ? "core.channels.postFailedNotMember" : "core.channels.postFailedNoPermission";
    return reply.private(reply.text(`⚠️ ${ctx.t(key, { where: channelMention(ctx.job.platform, p.channelId) })}`));
  },
});

/**
 * The notice telling `personId` (privately, on `platform`) that a post of job `jobId` to
 * `channelId` failed: scheduled in the transaction that parks the job (db/jobs.ts parkJob), once
 * per failed job; a failure of this message itself is not reported again.
 */
export function postFailedNotice(o: { jobId: number; personId: number; platform: string; channelId: string; reason: "not_member" | "no_permission"; now: Date }): ScheduleJobInput {
  const platform = (["slack", "discord", "web"].includes(o.platform) ? o.platform : undefined) as JobPlatform | undefined;
  return {
    kind: POST_FAILED_JOB,
    target: { personId: o.personId, ...(platform ? { platform } : {}) },
    payload: { channelId: o.channelId, reason: o.reason },
    dueAt: o.now,
    idempotencyKey: `${POST_FAILED_JOB}:${o.jobId}`,
  };
}
