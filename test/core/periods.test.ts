// Local days, weeks and months: the one helper every report, chart and CSV groups by.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { groupByPeriod, periodDay, periodEnd, periodKey, periodsBetween, periodStart, shiftPeriod, windowStart } from "../../commands/core/periods.ts";

const LA = "America/Los_Angeles";

describe("local periods", () => {
  it("Saturday 31 October 18:00 Pacific is October, that day and week 44, though UTC says 1 November", () => {
    const at = new Date("2026-11-01T01:00:00Z");
    expect(periodKey(at, "month", LA)).toBe("2026-10");
    expect(periodKey(at, "day", LA)).toBe("2026-10-31");
    expect(periodKey(at, "week", LA)).toBe("2026-W44");
    expect(periodKey("2026-11-01T01:00:00.000+00:00", "month", LA)).toBe("2026-10");
    expect(periodKey(at, "month", "UTC")).toBe("2026-11");
  });

  it("starts and ends at local midnight, across the clock change", () => {
    expect(periodStart("2026-11", LA).toISOString()).toBe("2026-11-01T07:00:00.000Z"); // PDT
    expect(periodEnd("2026-11", LA).toISOString()).toBe("2026-12-01T08:00:00.000Z"); // PST
    expect(periodStart("2026-W44", LA).toISOString()).toBe("2026-10-26T07:00:00.000Z"); // a Monday
    expect(periodStart("2026-10-31", LA).toISOString()).toBe("2026-10-31T07:00:00.000Z");
    expect(shiftPeriod("2026-12", 1)).toBe("2027-01");
    expect(shiftPeriod("2026-01", -1)).toBe("2025-12");
    expect(shiftPeriod("2026-W53", 1)).toBe("2027-W01");
    expect(shiftPeriod("2026-12-31", 1)).toBe("2027-01-01");
    expect(windowStart(new Date("2026-12-05T17:00:00Z"), 12, "month", LA).toISOString()).toBe("2026-01-01T08:00:00.000Z");
    expect(periodsBetween(new Date("2026-10-31T20:00:00Z"), new Date("2027-01-02T20:00:00Z"), "month", LA)).toEqual(["2026-10", "2026-11", "2026-12", "2027-01"]);
    expect(periodDay("2026-10")).toBe("2026-10-15");
    expect(periodDay("2026-W44")).toBe("2026-10-26");
  });

  it("groups in time order", () => {
    const g = groupByPeriod([{ at: "2026-11-01T09:00:00Z" }, { at: "2026-11-01T01:00:00Z" }, { at: "2026-10-01T12:00:00Z" }], (x) => x.at, "month", LA);
    expect([...g.keys()]).toEqual(["2026-10", "2026-11"]);
    expect(g.get("2026-10")).toHaveLength(2);
  });

  it("every instant lies in [start, end) of its own period, in any zone and unit", () => {
    fc.assert(
      fc.property(fc.date({ min: new Date("2000-01-02T00:00:00Z"), max: new Date("2099-12-30T00:00:00Z"), noInvalidDate: true }), fc.constantFrom("day", "week", "month"), fc.constantFrom(LA, "UTC", "Asia/Ho_Chi_Minh", "Europe/Moscow", "Pacific/Chatham"), (at, unit, tz) => {
        const key = periodKey(at, unit as "day", tz);
        expect(periodStart(key, tz).getTime()).toBeLessThanOrEqual(at.getTime());
        expect(periodEnd(key, tz).getTime()).toBeGreaterThan(at.getTime());
        expect(periodKey(periodStart(key, tz), unit as "day", tz)).toBe(key);
      }),
      { numRuns: 300 },
    );
  });
});
