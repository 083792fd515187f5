// Statement periods and dates as officers write them, at their edges: the first and last real
// day of a month, the first and last quarter, the years a statement may cover.
import { describe, expect, it } from "vitest";
import { daysFrom, labelOf, parseDate, parsePeriod, periodProblem, previousMonth } from "../../commands/rebate/period.ts";

describe("a date", () => {
  it.each([
    ["2026-11-23", "2026-11-23"],
    [" 2026-1-5 ", "2026-01-05"],
    ["11/23/2026", "2026-11-23"],
    ["1/5/2026", "2026-01-05"],
    ["2026-04-30", "2026-04-30"],
    ["2026-12-31", "2026-12-31"],
    ["2026-01-01", "2026-01-01"],
    ["1900-01-01", "1900-01-01"],
    ["2200-12-31", "2200-12-31"],
  ])("%j is %s", (raw, want) => expect(parseDate(raw)).toBe(want));

  it.each(["2026-04-31", "2026-02-29", "2026-00-10", "2026-13-01", "2026-11-00", "1899-12-31", "2201-01-01", "2026/11/23", "23.11.2026", "2026-11-23x", "x2026-11-23", "11/23/26", "x11/23/2026", "11/23/2026x", ""])(
    "%j is not a date",
    (raw) => expect(parseDate(raw)).toBeNull(),
  );
});

describe("a period", () => {
  it("a month, written with one digit or two", () => {
    expect(parsePeriod("2026-1")).toEqual({ from: "2026-01-01", to: "2026-01-31", label: "2026-01" });
    expect(parsePeriod("2026-12")).toEqual({ from: "2026-12-01", to: "2026-12-31", label: "2026-12" });
    expect(parsePeriod("2026-04")).toEqual({ from: "2026-04-01", to: "2026-04-30", label: "2026-04" });
  });

  it("a quarter, with or without the dash, either case", () => {
    expect(parsePeriod("2026Q1")).toEqual({ from: "2026-01-01", to: "2026-03-31", label: "2026-Q1" });
    expect(parsePeriod("2026-q2")).toEqual({ from: "2026-04-01", to: "2026-06-30", label: "2026-Q2" });
    expect(parsePeriod("2026-Q4")).toEqual({ from: "2026-10-01", to: "2026-12-31", label: "2026-Q4" });
  });

  it("two dates, with any of the ways people join them; a single day is a period", () => {
    const want = { from: "2026-07-01", to: "2026-09-30", label: "2026-07-01 – 2026-09-30" };
    for (const raw of ["2026-07-01 2026-09-30", "2026-07-01 – 2026-09-30", "2026-07-01—2026-09-30", "2026-07-01..2026-09-30", " 2026-07-01   TO  2026-09-30 ", "2026-07-01    2026-09-30"]) expect(parsePeriod(raw)).toEqual(want);
    expect(parsePeriod("2026-07-01 2026-07-01")).toEqual({ from: "2026-07-01", to: "2026-07-01", label: "2026-07-01 – 2026-07-01" });
  });

  it.each(["2026-0", "2026-13", "2026-Q5", "2026-Q0", "20261", "2026-07-01", "2026-07-01 2026-08-01 2026-09-01", "2026-07-01 soon", "soon 2026-07-01", "2026-09-30 2026-07-01", "Q3", "soon later", "12026-10", "x2026-Q3", "2026-Q3x"])("%j is not a period", (raw) =>
    expect(parsePeriod(raw)).toBeNull(),
  );

  it("the month before, across a year's end", () => {
    expect(previousMonth("2026-03-31")).toEqual({ from: "2026-02-01", to: "2026-02-28", label: "2026-02" });
    expect(previousMonth("2027-01-15")).toEqual({ from: "2026-12-01", to: "2026-12-31", label: "2026-12" });
  });

  it("whole days between two dates, either way", () => {
    expect(daysFrom("2026-11-23", "2026-11-23")).toBe(0);
    expect(daysFrom("2026-02-27", "2026-03-01")).toBe(2);
    expect(daysFrom("2026-03-01", "2026-02-27")).toBe(-2);
    expect(daysFrom("2025-12-31", "2026-12-31")).toBe(365);
  });
});

describe("which periods a statement may cover", () => {
  const today = "2026-11-23";
  const p = (raw: string) => parsePeriod(raw)!;
  it.each([
    ["2000-01-01 2000-01-31", null],
    ["1999-12-31 2000-01-31", "range"],
    ["1999", "range"],
    ["2026-11-23 2026-11-30", null],
    ["2026-11", null],
    ["2026-11-24 2026-11-30", "future"],
    ["2027-01", "future"],
    ["2027", "future"],
    ["2027-12-31 2027-12-31", "future"],
    ["2027-12-31 2028-01-01", "range"],
    ["2028", "range"],
  ] as const)("%s: %s", (raw, problem) => expect(periodProblem(p(raw), today)).toBe(problem));
});

describe("the short name of a stored period", () => {
  it.each([
    ["2026-10-01", "2026-10-31", "2026-10"],
    ["2026-12-01", "2026-12-31", "2026-12"],
    ["2026-01-01", "2026-03-31", "2026-Q1"],
    ["2026-04-01", "2026-06-30", "2026-Q2"],
    ["2026-07-01", "2026-09-30", "2026-Q3"],
    ["2026-10-01", "2026-12-31", "2026-Q4"],
    ["2026-01-01", "2026-12-31", "2026"],
    ["2026-10-01", "2026-10-15", "2026-10-01 – 2026-10-15"],
    ["2026-10-02", "2026-10-31", "2026-10-02 – 2026-10-31"],
    ["2026-11-01", "2026-12-31", "2026-11-01 – 2026-12-31"],
    ["2026-01-01", "2026-11-30", "2026-01-01 – 2026-11-30"],
  ])("%s to %s is %s", (from, to, label) => expect(labelOf(from, to)).toBe(label));
});
