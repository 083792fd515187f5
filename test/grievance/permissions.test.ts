// The permission matrix: each role × each action, on an open and a closed case.
import { describe, expect, it } from "vitest";
import { GRIEVANCE_ACTIONS, defaultReportScope, mayFileFor, mayOnCase, mayReport, type GrievanceAction } from "../../commands/grievance/permissions.ts";
import type { ActiveRole } from "../../commands/core/roles.ts";

const GRIEVANT = 1;
const STEWARD = 2;
const ME = 99;
const openCase = { grievantId: GRIEVANT, stewardId: STEWARD, subLocalCode: "SL-083", employerGroup: "Human Services", region: "Mid-Valley", status: "open" as const };

const sl = (role: ActiveRole["role"], code = "SL-083", office: string | null = null): ActiveRole => ({ role, office, scopeType: "sublocal", scopeId: code });
const all: GrievanceAction[] = [...GRIEVANCE_ACTIONS];
const stewardActs: GrievanceAction[] = ["view", "file", "respond", "advance", "extend", "note", "close"];

// who, their id, roles, what they may do on the open case
const matrix: [string, number, ActiveRole[], GrievanceAction[]][] = [
  ["grievant (member)", GRIEVANT, [sl("member")], ["view"]],
  ["another member of the sub-local", ME, [sl("member")], []],
  ["steward of the sub-local", ME, [sl("steward"), sl("member")], stewardActs],
  ["steward of another sub-local", ME, [sl("steward", "SL-390")], []],
  ["assigned steward from another sub-local", STEWARD, [sl("steward", "SL-390")], ["view", "respond", "advance", "extend", "note", "close"]],
  ["chief steward of the sub-local", ME, [sl("chief_steward")], all],
  ["chief steward of another sub-local", ME, [sl("chief_steward", "SL-140")], []],
  ["sub-local president", ME, [sl("sublocal_officer", "SL-083", "president")], ["view"]],
  ["officer of another sub-local", ME, [sl("sublocal_officer", "SL-390", "president")], []],
  ["director of the employer group", ME, [{ role: "board_director", office: null, scopeType: "employer_group", scopeId: "Human Services" }], ["view"]],
  ["director of the region", ME, [{ role: "board_director", office: null, scopeType: "region", scopeId: "Mid-Valley" }], ["view"]],
  ["director elsewhere", ME, [{ role: "board_director", office: null, scopeType: "region", scopeId: "Lane" }], []],
  ["staff", ME, [{ role: "staff", office: null, scopeType: "statewide", scopeId: null }], all],
  ["executive director", ME, [{ role: "executive_director", office: null, scopeType: "statewide", scopeId: null }], all],
  ["statewide president", ME, [{ role: "statewide_president", office: null, scopeType: "statewide", scopeId: null }], []],
  ["nobody", ME, [], []],
];

describe("on an open case", () => {
  for (const [who, id, roles, allowed] of matrix)
    for (const action of GRIEVANCE_ACTIONS)
      it(`${who} ${allowed.includes(action) ? "may" : "may not"} ${action}`, () => {
        expect(mayOnCase(roles, id, action, openCase)).toBe(allowed.includes(action));
      });
});

describe("on a closed case only viewing and notes remain", () => {
  const closed = { ...openCase, status: "closed" as const };
  for (const [who, id, roles, allowed] of matrix)
    it(`${who}`, () => {
      const got = GRIEVANCE_ACTIONS.filter((a) => mayOnCase(roles, id, a, closed));
      expect(got).toEqual(allowed.filter((a) => a === "view" || a === "note" || a === "file"));
    });
});

describe("filing and reports", () => {
  it("files only for members of the sub-locals one stewards (staff: any)", () => {
    expect(mayFileFor([sl("steward")], "SL-083")).toBe(true);
    expect(mayFileFor([sl("steward")], "SL-390")).toBe(false);
    expect(mayFileFor([sl("sublocal_officer", "SL-083", "president")], "SL-083")).toBe(false);
    expect(mayFileFor([{ role: "staff", office: null, scopeType: "statewide", scopeId: null }], "SL-390")).toBe(true);
    expect(mayFileFor([sl("member")], "SL-083")).toBe(false);
  });
  it("reports: officers their sub-local, directors their area, staff and the president statewide", () => {
    const officer = [sl("sublocal_officer", "SL-083", "president")];
    expect(mayReport(officer, { kind: "sublocal", id: "SL-083" })).toBe(true);
    expect(mayReport(officer, { kind: "sublocal", id: "SL-390" })).toBe(false);
    expect(mayReport(officer, { kind: "statewide" })).toBe(false);
    const dana: ActiveRole[] = [{ role: "board_director", office: null, scopeType: "employer_group", scopeId: "Human Services" }];
    expect(mayReport(dana, { kind: "employer_group", id: "Human Services" })).toBe(true);
    expect(mayReport(dana, { kind: "region", id: "Human Services" })).toBe(false);
    expect(mayReport([sl("member")], { kind: "sublocal", id: "SL-083" })).toBe(false);
    expect(mayReport([{ role: "statewide_president", office: null, scopeType: "statewide", scopeId: null }], { kind: "statewide" })).toBe(true);
    expect(defaultReportScope(dana)).toEqual({ kind: "employer_group", id: "Human Services" });
    expect(defaultReportScope(officer)).toEqual({ kind: "sublocal", id: "SL-083" });
    expect(defaultReportScope([sl("member")])).toBeNull();
  });
});
