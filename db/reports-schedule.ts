// Scheduled report deliveries are recurring rules (db/jobs.ts); this reads them for the report area:
// whether one is on, which are on in a workspace (with their next delivery), and one by its number.
import { all, one } from "./sql.ts";
import type { Store } from "./store.ts";

export function activeRuleExists(store: Store, idempotencyKey: string): boolean {
  return one<{ n: number }>(store, `SELECT count(*) AS "n" FROM "RecurringRule" WHERE "idempotencyKey" = ? AND "active" = 1`, idempotencyKey)!.n > 0;
}

export interface ReportRuleRow {
  id: number;
  channelId: string | null;
  payload: string;
  idempotencyKey: string | null;
  createdById: number | null;
  /** The next delivery still waiting, if any. */
  nextAt: string | null;
}

const SELECT = `SELECT r."id", r."channelId", r."payload", r."idempotencyKey", r."createdById",
  (SELECT min(j."dueAt") FROM "ScheduledJob" j WHERE j."ruleId" = r."id" AND j."status" = 'pending') AS "nextAt"
  FROM "RecurringRule" r WHERE r."kind" = 'report.delivery' AND r."active" = 1`;

/** The active report schedules of one workspace of one platform, oldest first. */
export function activeReportRules(store: Store, platform: string, workspaceId: string): ReportRuleRow[] {
  return all<ReportRuleRow>(store, `${SELECT} AND r."platform" = ? AND r."workspaceId" = ? ORDER BY r."id"`, platform, workspaceId);
}

/** One active report schedule of that workspace by its number; undefined when none (or stopped). */
export function activeReportRule(store: Store, id: number, platform: string, workspaceId: string): ReportRuleRow | undefined {
  return one<ReportRuleRow>(store, `${SELECT} AND r."id" = ? AND r."platform" = ? AND r."workspaceId" = ?`, id, platform, workspaceId);
}

/** The active schedule under this key (same report, channel and scope), to say what a new one replaces. */
export function activeReportRuleByKey(store: Store, idempotencyKey: string): ReportRuleRow | undefined {
  return one<ReportRuleRow>(store, `${SELECT} AND r."idempotencyKey" = ?`, idempotencyKey);
}
