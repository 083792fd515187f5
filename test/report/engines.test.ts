// The report area's statements on both engines (SQLite and a real PostgreSQL): the report
// schedules a workspace has on, with their next delivery, one by its number or its key, and none
// that was stopped, belongs to another workspace or platform, or is not a report delivery; and the
// membership cells: whether they are up to date, new people's first history rows a page at a
// time, a build saved once (never over cells already up to date), the counts read from it by
// scope and place, month by month, carried past the last build, and stewards per sub-local.
import { expect, it } from "vitest";
import { data, type Db } from "../../db/data.ts";
import { countsBy, memberCellsStatus, monthlyTotals, recordBaselinePage, saveMemberCells, stewardsBySubLocal, type MemberCellsBuild } from "../../db/reports-members.ts";
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

describeOnBothEngines("report data", ({ skip, store }) => {
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

  it.skipIf(skip)("membership cells: first history rows a page at a time, a build saved once, counts by scope and place, stewards", async () => {
    const db = data(store());
    for (const [code, group, region] of [["SL-1", "Health", "North"], ["SL-2", "Roads", "South"]])
      await db.run(`INSERT INTO "SubLocal" ("code", "name", "employerGroup", "region") VALUES (?, ?, ?, ?)`, code, `Sub-local ${code}`, group, region);
    const sub = async (code: string) => (await db.one<{ id: number }>(`SELECT "id" FROM "SubLocal" WHERE "code" = ?`, code))!.id;
    const people: number[] = [];
    // Created at 01:00 UTC on 1 November: still 31 October in Oregon, so on file in October.
    for (const [n, status, cape, code] of [["1", "member", true, "SL-1"], ["2", "fee_payer", false, "SL-1"], ["3", "member", false, "SL-2"]] as const) {
      const row = await db.one<{ id: number }>(
        `INSERT INTO "Person" ("memberNumber", "firstName", "lastName", "membershipStatus", "capeContributor", "subLocalId", "employer", "employerGroup", "region", "worksite", "createdAt", "updatedAt")
         VALUES (?, 'A', 'B', ?, ?, ?, 'DHS', ?, ?, 'Salem', ?, ?) RETURNING "id"`,
        `80000${n}`, status, cape, await sub(code), code === "SL-1" ? "Health" : "Roads", code === "SL-1" ? "North" : "South", new Date("2026-11-01T01:00:00Z"), at(1),
      );
      people.push(row!.id);
    }
    expect(await memberCellsStatus(db)).toEqual({ fresh: false, needsBaseline: true });

    const now = at(5);
    const first = await recordBaselinePage(store(), now, "America/Los_Angeles", 0, 2);
    expect(first).toBe(people[1]);
    expect(await recordBaselinePage(store(), now, "America/Los_Angeles", first!, 2)).toBe(people[2]);
    expect(await recordBaselinePage(store(), now, "America/Los_Angeles", people[2]!, 2)).toBeNull();
    const history = await db.all(`SELECT "personId", "since", "status", "cape", "subLocalCode", "source", "recordedAt" FROM "MemberStatusHistory" ORDER BY "personId"`);
    expect(history).toEqual([
      { personId: people[0], since: "2026-10-31", status: "member", cape: 1, subLocalCode: "SL-1", source: "baseline", recordedAt: "2026-12-05T16:00:00.000+00:00" },
      { personId: people[1], since: "2026-10-31", status: "fee_payer", cape: 0, subLocalCode: "SL-1", source: "baseline", recordedAt: "2026-12-05T16:00:00.000+00:00" },
      { personId: people[2], since: "2026-10-31", status: "member", cape: 0, subLocalCode: "SL-2", source: "baseline", recordedAt: "2026-12-05T16:00:00.000+00:00" },
    ]);
    const maxId = (await db.one<{ m: number }>(`SELECT max("id") AS "m" FROM "MemberStatusHistory"`))!.m;
    expect(await memberCellsStatus(db)).toEqual({ fresh: false, needsBaseline: true });

    // month, sub-local, group, region, employer, worksite, then member…left.
    const cell = (month: string, code: string, counts: number[]) => [month, code, code === "SL-1" ? "Health" : "Roads", code === "SL-1" ? "North" : "South", "DHS", "Salem", ...counts];
    const build: MemberCellsBuild = {
      firstMonth: "2026-10",
      lastMonth: "2026-11",
      months: 2,
      historyMaxId: maxId,
      personCount: 3,
      cells: [
        cell("2026-10", "SL-1", [1, 1, 0, 0, 0, 1, 0, 0, 1, 0]),
        cell("2026-10", "SL-2", [1, 0, 0, 0, 0, 0, 1, 0, 1, 0]),
        cell("2026-11", "SL-1", [1, 1, 0, 0, 0, 1, 0, 0, 0, 0]),
        cell("2026-11", "SL-2", [1, 0, 0, 0, 0, 0, 1, 1, 0, 0]),
      ],
    };
    const range = await saveMemberCells(store(), build, now);
    expect(range).toEqual({ firstMonth: "2026-10", lastMonth: "2026-11" });
    expect(await memberCellsStatus(db)).toEqual({ fresh: true, range });
    // A build from an older snapshot is not saved over cells already up to date.
    expect(await saveMemberCells(store(), { ...build, firstMonth: "2026-01", cells: [] }, now)).toEqual(range);
    expect((await db.one<{ n: number }>(`SELECT count(*) AS "n" FROM "MemberReportCell"`))!.n).toBe(4);
    expect(await db.one(`SELECT "builtAt" FROM "MemberReportState" WHERE "id" = 1`)).toEqual({ builtAt: "2026-12-05T16:00:00.000+00:00" });

    const statewide = await countsBy(db, { kind: "statewide" }, "2026-10", "subLocalCode", range);
    expect(Object.fromEntries([...statewide].map(([k, c]) => [k, [c.member, c.feePayer, c.cape, c.noEmail, c.joined]]))).toEqual({ "SL-1": [1, 1, 1, 0, 1], "SL-2": [1, 0, 0, 1, 1] });
    const inGroup = await countsBy(db, { kind: "employer_group", id: "Roads" }, "2026-11", null, range);
    expect([...inGroup].map(([k, c]) => [k, c.member, c.noPhone])).toEqual([["", 1, 1]]);
    // After the last build the counts carry forward, with no joins or drops; before the first, no one.
    const later = (await countsBy(db, { kind: "sublocal", id: "SL-1" }, "2027-01", null, range)).get("")!;
    expect([later.member, later.feePayer, later.joined]).toEqual([1, 1, 0]);
    expect((await countsBy(db, { kind: "statewide" }, "2026-09", null, range)).size).toBe(0);
    expect((await countsBy(db, { kind: "region", id: "Nowhere" }, "2026-10", null, range)).size).toBe(0);

    const series = await monthlyTotals(db, { kind: "statewide" }, "2026-09", "2026-12", range);
    expect(series.map((m) => [m.month, m.counts.member, m.counts.joined])).toEqual([["2026-09", 0, 0], ["2026-10", 2, 2], ["2026-11", 2, 0], ["2026-12", 2, 0]]);
    const later2 = await monthlyTotals(db, { kind: "sublocal", id: "SL-2" }, "2027-02", "2027-03", range);
    expect(later2.map((m) => [m.month, m.counts.member, m.counts.noPhone, m.counts.joined])).toEqual([["2027-02", 1, 1, 0], ["2027-03", 1, 1, 0]]);

    const role = (personId: number, r: string, code: string, startsAt: Date, endsAt: Date | null) =>
      db.run(`INSERT INTO "RoleAssignment" ("personId", "role", "scopeType", "scopeId", "startsAt", "endsAt", "grantedAt") VALUES (?, ?, 'sublocal', ?, ?, ?, ?)`, personId, r, code, startsAt, endsAt, startsAt);
    await role(people[0]!, "steward", "SL-1", at(1), null);
    await role(people[0]!, "chief_steward", "SL-1", at(1), null); // one person, counted once
    await role(people[1]!, "steward", "SL-1", at(1), at(3)); // ended
    await role(people[2]!, "chief_steward", "SL-2", at(1), null);
    await role(people[1]!, "steward", "SL-2", at(20), null); // not yet
    await role(people[1]!, "sublocal_officer", "SL-2", at(1), null);
    expect(Object.fromEntries(await stewardsBySubLocal(db, { kind: "statewide" }, now))).toEqual({ "SL-1": 1, "SL-2": 1 });
    expect(Object.fromEntries(await stewardsBySubLocal(db, { kind: "employer_group", id: "Health" }, now))).toEqual({ "SL-1": 1 });
    expect(Object.fromEntries(await stewardsBySubLocal(db, { kind: "sublocal", id: "SL-2" }, at(2)))).toEqual({ "SL-2": 1 });
  });
});
