// Months as the local reads them: 18:00 on Saturday 31 October in Oregon is already 1 November in
// UTC, and belongs to October in every report.
import { afterEach, describe, expect, it } from "vitest";
import { data } from "../../db/data.ts";
import { monthPeriod, monthPeriodAt, parsePeriod, previousPeriod } from "../../commands/report/period.ts";
import { reportWorld, type ReportWorld } from "./helpers.ts";

const LA = "America/Los_Angeles";
const EVENING_31_OCT = "2026-11-01T01:00:00Z";

let w: ReportWorld | undefined;
afterEach(async () => {
  await w?.close();
  w = undefined;
});

describe("report periods", () => {
  it("an instant at 18:00 on the last day of a month (local) is in that month", () => {
    expect(monthPeriodAt(new Date(EVENING_31_OCT), LA)).toMatchObject({ code: "2026-10", from: "2026-10-01", to: "2026-10-31" });
    expect(monthPeriodAt(new Date("2027-01-01T02:00:00Z"), LA).code).toBe("2026-12");
    expect(monthPeriodAt(new Date(EVENING_31_OCT), "UTC").code).toBe("2026-11");
  });

  it("months, quarters and years, and the period before, across year ends and leap years", () => {
    expect(parsePeriod("2024-02")).toMatchObject({ from: "2024-02-01", to: "2024-02-29", months: ["2024-02"] });
    expect(parsePeriod("2026-q4")).toMatchObject({ code: "2026-Q4", from: "2026-10-01", to: "2026-12-31", months: ["2026-10", "2026-11", "2026-12"] });
    expect(parsePeriod("2026")!.months).toHaveLength(12);
    expect(previousPeriod(parsePeriod("2026-01")!)).toMatchObject({ code: "2025-12", to: "2025-12-31" });
    expect(previousPeriod(parsePeriod("2027-Q1")!)).toMatchObject({ code: "2026-Q4", from: "2026-10-01" });
    expect(previousPeriod(parsePeriod("2026")!)).toMatchObject({ code: "2025", from: "2025-01-01", to: "2025-12-31" });
    expect(monthPeriod("2026-10-31").code).toBe("2026-10");
    expect(parsePeriod("2026-13")).toBeNull();
  });

  it("records created at 18:00 on 31 October (local) are on file in October: October's report counts them", async () => {
    w = await reportWorld(EVENING_31_OCT);
    await data(w.store).run(`UPDATE "Person" SET "createdAt" = ?`, new Date("2026-11-01T01:00:00Z"));
    // No period named: the month it is where the local is, October.
    const now = w.text(await w.cmd("sofia", "/report run membership statewide"));
    expect(now).toMatch(/Membership and density — statewide · Oct 2026/);
    expect(now).not.toMatch(/No records/);
    const history = await data(w.store).all(`SELECT DISTINCT "since" FROM "MemberStatusHistory" WHERE "source" = 'baseline'`);
    expect(history).toEqual([{ since: "2026-10-31" }]);
    expect(w.text(await w.cmd("sofia", "/report run membership statewide 2026-09"))).toMatch(/No records for Sep 2026: the membership records start in Oct 2026/);
  });
});
