// The report area's statements on both engines (SQLite and a real PostgreSQL): the report
// schedules a workspace has on, with their next delivery, one by its number or its key, and none
// that was stopped, belongs to another workspace or platform, or is not a report delivery.
import { expect, it } from "vitest";
import { data, type Db } from "../../db/data.ts";
import { activeReportRule, activeReportRuleByKey, activeReportRules, activeRuleExists } from "../../db/reports-schedule.ts";
import { describeOnBothEngines } from "../helpers/both-engines.ts";

const at = (d: number, h = 16) => new Date(Date.UTC(2026, 11, d, h));

async function rule(db: Db, r: { kind?: string; platform?: string; workspaceId?: string; channelId?: string; key: string; active?: boolean; payload?: string }): Promise<number> {
  const row = await db.one<{ id: number }>(
    `INSERT INTO "RecurringRule" ("kind", "name", "cron", "platform", "workspaceId", "channelId", "payload", "active", "idempotencyKey", "createdById", "createdAt")
     VALUES (?, ?, '0 8 1 * *', ?, ?, ?, ?, ?, ?, NULL, ?) RETURNING "id"`,
    r.kind ?? "report.delivery", `Rule ${r.key}`, r.platform ?? "slack", r.workspaceId ?? "T1", r.channelId ?? "C1", r.payload ?? `{"name":"membership"}`, r.active ?? true, r.key, at(1),
  );
  return row!.id;
}

async function job(db: Db, ruleId: number, dueAt: Date, status: string, key: string): Promise<void> {
  await db.run(
    `INSERT INTO "ScheduledJob" ("kind", "platform", "workspaceId", "channelId", "dueAt", "status", "idempotencyKey", "ruleId", "createdAt", "updatedAt") VALUES ('report.delivery', 'slack', 'T1', 'C1', ?, ?, ?, ?, ?, ?)`,
    dueAt, status, key, ruleId, at(1), at(1),
  );
}

describeOnBothEngines("report schedules", ({ skip, store }) => {
  it.skipIf(skip)("a workspace's active report schedules, oldest first, each with its next pending delivery", async () => {
    const db = data(store());
    const monthly = await rule(db, { key: "report:membership:slack:T1:C1:statewide" });
    const weekly = await rule(db, { key: "report:growth:slack:T1:C2:sublocal:SL-083", channelId: "C2", payload: `{"name":"growth"}` });
    await rule(db, { key: "report:cape:slack:T1:C1:statewide", active: false });
    await rule(db, { key: "report:cape:slack:T2:C1:statewide", workspaceId: "T2" });
    await rule(db, { key: "report:cape:discord:T1:C1:statewide", platform: "discord" });
    await rule(db, { key: "reminder:something", kind: "reminder" });
    await job(db, monthly, at(1, 16), "sent", "d1");
    await job(db, monthly, at(31, 16), "pending", "d2");
    await job(db, monthly, at(30, 16), "pending", "d3");

    const rules = await activeReportRules(db, "slack", "T1");
    expect(rules.map((r) => [r.id, r.channelId, r.idempotencyKey, r.payload])).toEqual([
      [monthly, "C1", "report:membership:slack:T1:C1:statewide", `{"name":"membership"}`],
      [weekly, "C2", "report:growth:slack:T1:C2:sublocal:SL-083", `{"name":"growth"}`],
    ]);
    // The next delivery is the earliest one still waiting, as the same text on both engines.
    expect(rules[0]!.nextAt).toBe("2026-12-30T16:00:00.000+00:00");
    expect(rules[1]!.nextAt).toBeNull();
    expect(await activeReportRules(db, "slack", "T3")).toEqual([]);

    expect((await activeReportRule(db, weekly, "slack", "T1"))?.idempotencyKey).toBe("report:growth:slack:T1:C2:sublocal:SL-083");
    expect(await activeReportRule(db, weekly, "slack", "T2")).toBeUndefined();
    expect(await activeReportRule(db, weekly, "discord", "T1")).toBeUndefined();

    expect((await activeReportRuleByKey(db, "report:membership:slack:T1:C1:statewide"))?.id).toBe(monthly);
    expect(await activeReportRuleByKey(db, "report:cape:slack:T1:C1:statewide")).toBeUndefined();
    expect(await activeRuleExists(db, "report:membership:slack:T1:C1:statewide")).toBe(true);
    expect(await activeRuleExists(db, "report:cape:slack:T1:C1:statewide")).toBe(false);
    expect(await activeRuleExists(db, "no such key")).toBe(false);
  });
});
