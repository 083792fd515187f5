// Who may run and schedule a report for which scope, as pure rules (the doors are walked in
// permissions.test.ts and test/disclosure/doors.test.ts); and how a typed scope is read.
import { describe, expect, it } from "vitest";
import type { ActiveRole, Role } from "../../commands/core/roles.ts";
import { REPORT_READERS, REPORT_SCHEDULERS, defaultScope, mayRunReport, mayScheduleReport, parseReportScope, scopeKey, type ReportScope } from "../../commands/report/scope.ts";

const role = (r: Role, scopeType: ActiveRole["scopeType"], scopeId: string | null, office: string | null = null): ActiveRole => ({ role: r, office, scopeType, scopeId });
const SL083: ReportScope = { kind: "sublocal", id: "SL-083" };
const SL140: ReportScope = { kind: "sublocal", id: "SL-140" };
const HS: ReportScope = { kind: "employer_group", id: "Human Services" };
const LANE: ReportScope = { kind: "region", id: "Lane" };
const STATE: ReportScope = { kind: "statewide" };

const people: Record<string, ActiveRole[]> = {
  maria: [role("member", "sublocal", "SL-083")],
  sam: [role("member", "sublocal", "SL-083"), role("steward", "sublocal", "SL-083")],
  carla: [role("chief_steward", "sublocal", "SL-083")],
  pat: [role("sublocal_officer", "sublocal", "SL-083", "president")],
  dana: [role("board_director", "employer_group", "Human Services")],
  lane: [role("board_director", "region", "Lane")],
  sofia: [role("staff", "statewide", null)],
  elena: [role("executive_director", "statewide", null)],
  paul: [role("statewide_president", "statewide", null)],
  nobody: [],
};

// Written out by hand: [run, schedule] per person and scope.
const TABLE: Record<string, Record<string, [boolean, boolean]>> = {
  maria: { SL083: [false, false], SL140: [false, false], HS: [false, false], LANE: [false, false], STATE: [false, false] },
  sam: { SL083: [true, false], SL140: [false, false], HS: [false, false], LANE: [false, false], STATE: [false, false] },
  carla: { SL083: [true, false], SL140: [false, false], HS: [false, false], LANE: [false, false], STATE: [false, false] },
  pat: { SL083: [true, true], SL140: [false, false], HS: [false, false], LANE: [false, false], STATE: [false, false] },
  dana: { SL083: [false, false], SL140: [false, false], HS: [true, true], LANE: [false, false], STATE: [false, false] },
  lane: { SL083: [false, false], SL140: [false, false], HS: [false, false], LANE: [true, true], STATE: [false, false] },
  sofia: { SL083: [true, true], SL140: [true, true], HS: [true, true], LANE: [true, true], STATE: [true, true] },
  elena: { SL083: [true, true], SL140: [true, true], HS: [true, true], LANE: [true, true], STATE: [true, true] },
  paul: { SL083: [true, true], SL140: [true, true], HS: [true, true], LANE: [true, true], STATE: [true, true] },
  nobody: { SL083: [false, false], SL140: [false, false], HS: [false, false], LANE: [false, false], STATE: [false, false] },
};
const SCOPES: Record<string, ReportScope> = { SL083, SL140, HS, LANE, STATE };

describe("who may run and schedule a report for a scope", () => {
  for (const [who, row] of Object.entries(TABLE))
    it(`${who}`, () => {
      for (const [k, [runs, schedules]] of Object.entries(row)) {
        expect(mayRunReport(people[who]!, SCOPES[k]!), `${who} run ${k}`).toBe(runs);
        expect(mayScheduleReport(people[who]!, SCOPES[k]!), `${who} schedule ${k}`).toBe(schedules);
      }
    });

  it("a director of a region named like an employer group reads only the region", () => {
    const odd = [role("board_director", "region", "Human Services")];
    expect(mayRunReport(odd, HS)).toBe(false);
    expect(mayRunReport(odd, { kind: "region", id: "Human Services" })).toBe(true);
  });

  it("a member role in a sub-local does not open it, whatever the scope id", () => {
    expect(mayRunReport([role("member", "sublocal", "SL-083"), role("steward", "sublocal", "SL-140")], SL083)).toBe(false);
  });

  it("the roles lists: readers include stewards, schedulers do not", () => {
    expect(REPORT_READERS).toEqual(["steward", "chief_steward", "sublocal_officer", "board_director", "staff", "executive_director", "statewide_president"]);
    expect(REPORT_SCHEDULERS).toEqual(["sublocal_officer", "board_director", "staff", "executive_director", "statewide_president"]);
  });
});

describe("the scope used when none is named", () => {
  it("is the widest the person holds", () => {
    expect(defaultScope(people.sofia!)).toEqual(STATE);
    expect(defaultScope(people.dana!)).toEqual(HS);
    expect(defaultScope(people.lane!)).toEqual(LANE);
    expect(defaultScope(people.pat!)).toEqual(SL083);
    expect(defaultScope(people.sam!)).toEqual(SL083);
    expect(defaultScope(people.maria!)).toBeNull();
    expect(defaultScope([])).toBeNull();
    expect(defaultScope([role("board_director", "employer_group", null)])).toBeNull();
    expect(defaultScope([...people.pat!, ...people.dana!])).toEqual(HS);
    expect(defaultScope([...people.pat!, ...people.paul!])).toEqual(STATE);
    expect(defaultScope([role("steward", "sublocal", null)])).toBeNull();
  });
});

describe("a scope as typed", () => {
  it("reads every form and refuses the rest", () => {
    expect(parseReportScope(" statewide ")).toEqual(STATE);
    expect(parseReportScope("STATEWIDE")).toEqual(STATE);
    expect(parseReportScope("sl-083")).toEqual(SL083);
    expect(parseReportScope("sublocal:sl-083")).toEqual(SL083);
    expect(parseReportScope("sub-local : SL-083")).toEqual(SL083);
    expect(parseReportScope("employer-group:Human Services")).toEqual(HS);
    expect(parseReportScope("employer_group: Human Services ")).toEqual(HS);
    expect(parseReportScope("group:Human Services")).toEqual(HS);
    expect(parseReportScope("Region:Lane")).toEqual(LANE);
    expect(parseReportScope("SL-1")).toBeNull();
    expect(parseReportScope("SL-12345")).toBeNull();
    expect(parseReportScope("xSL-083")).toBeNull();
    expect(parseReportScope("SL-083x")).toBeNull();
    expect(parseReportScope("nowhere")).toBeNull();
    expect(parseReportScope("statewide please")).toBeNull();
    expect(parseReportScope("region:")).toBeNull();
    expect(parseReportScope("planet:Mars")).toBeNull();
  });

  it("has a stable key for files and schedules", () => {
    expect(scopeKey(STATE)).toBe("statewide");
    expect(scopeKey(SL083)).toBe("sublocal-SL-083");
    expect(scopeKey(HS)).toBe("employer_group-Human-Services");
    expect(scopeKey({ kind: "region", id: "Lane/../x" })).toBe("region-Lane-x");
  });
});
