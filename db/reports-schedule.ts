// Scheduled report deliveries are recurring rules (db/jobs.ts); this reads them for the report area:
// whether one is on, which are on in a workspace (with their next delivery), and one by its number.
// On the asynchronous data layer (./data.ts): the same statements on SQLite and PostgreSQL.
import type { Db } from "./data.ts";

export async function activeRuleExists(db: Db, idempotencyKey: string): Promise<boolean> {
  return (await db.one<{ n: number }>(`SELECT count(*) AS "n" FROM "RecurringRule" WHERE "idempotencyKey" = ? AND "active" = TRUE`, idempotencyKey))!.n > 0;
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
  FROM "RecurringRule" r WHERE r."kind" = 'report.delivery' AND r."active" = TRUE`;
const IN_WORKSPACE = `${SELECT} AND r."platform" = ? AND r."workspaceId" = ? ORDER BY r."id"`;
const BY_ID = `${SELECT} AND r."id" = ? AND r."platform" = ? AND r."workspaceId" = ?`;
const BY_KEY = `${SELECT} AND r."idempotencyKey" = ?`;

/** The active report schedules of one workspace of one platform, oldest first. */
export async function activeReportRules(db: Db, platform: string, workspaceId: string): Promise<ReportRuleRow[]> {
  return db.all<ReportRuleRow>(IN_WORKSPACE, platform, workspaceId);
}

/** One active report schedule of that workspace by its number; undefined when none (or stopped). */
export async function activeReportRule(db: Db, id: number, platform: string, workspaceId: string): Promise<ReportRuleRow | undefined> {
  return db.one<ReportRuleRow>(BY_ID, id, platform, workspaceId);
}

/** The active schedule under this key (same report, channel and scope), to say what a new one replaces. */
export async function activeReportRuleByKey(db: Db, idempotencyKey: string): Promise<ReportRuleRow | undefined> {
  return db.one<ReportRuleRow>(BY_KEY, idempotencyKey);
}
