// The permission matrix: each role × each action, on an open and a closed case.
import { describe, expect, it } from "vitest";
import { GRIEVANCE_ACTIONS, defaultReportScope, listScope, mayFileFor, mayOnCase, mayReport, seesInternals, type GrievanceAction } from "../../commands/grievance/permissions.ts";
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

describe("edges: the scope must match in kind and in id, and every role a person holds counts", () => {
  const member = sl("member");
  const staff: ActiveRole = { role: "staff", office: null, scopeType: "statewide", scopeId: null };
  const odd = (role: ActiveRole["role"], scopeType: ActiveRole["scopeType"], scopeId: string | null): ActiveRole => ({ role, office: null, scopeType, scopeId });

  it("a role held in a region named like the sub-local is not a sub-local role", () => {
    expect(mayOnCase([odd("steward", "region", "SL-083")], ME, "note", openCase)).toBe(false);
    expect(mayFileFor([odd("steward", "region", "SL-083")], "SL-083")).toBe(false);
    expect(mayReport([odd("steward", "region", "SL-083")], { kind: "sublocal", id: "SL-083" })).toBe(false);
  });

  it("directors: only their employer group or region, matched by kind", () => {
    const eg = odd("board_director", "employer_group", "Human Services");
    expect(mayOnCase([eg], ME, "view", { ...openCase, employerGroup: "Transportation" })).toBe(false);
    expect(mayOnCase([odd("board_director", "region", "Human Services")], ME, "view", openCase)).toBe(false);
    expect(mayOnCase([odd("board_director", "employer_group", "Mid-Valley")], ME, "view", openCase)).toBe(false);
    expect(mayOnCase([odd("member", "employer_group", "Human Services")], ME, "view", openCase)).toBe(false);
    expect(mayOnCase([odd("board_director", "region", "Mid-Valley")], ME, "view", { ...openCase, employerGroup: null })).toBe(true);
    expect(mayOnCase([member, eg], ME, "view", openCase)).toBe(true);
    expect(mayReport([member, eg], { kind: "employer_group", id: "Human Services" })).toBe(true);
    expect(mayReport([eg], { kind: "employer_group", id: "Transportation" })).toBe(false);
    expect(mayReport([odd("member", "employer_group", "Human Services")], { kind: "employer_group", id: "Human Services" })).toBe(false);
  });

  it("the assigned steward must still be a steward; any of their roles may make them one", () => {
    expect(mayOnCase([sl("member", "SL-390")], STEWARD, "note", openCase)).toBe(false);
    expect(mayOnCase([sl("member", "SL-390"), sl("steward", "SL-390")], STEWARD, "note", openCase)).toBe(true);
    expect(mayOnCase([sl("chief_steward", "SL-390")], STEWARD, "close", openCase)).toBe(true);
    expect(mayOnCase([sl("steward", "SL-390")], STEWARD, "reassign", openCase)).toBe(false);
  });

  it("staff count among other roles; filing needs a sub-local to file in", () => {
    expect(mayOnCase([member, staff], ME, "reassign", openCase)).toBe(true);
    expect(mayFileFor([member, staff], null)).toBe(true);
    expect(mayFileFor([sl("steward")], null)).toBe(false);
    expect(mayFileFor([member, sl("steward")], "SL-083")).toBe(true);
    expect(mayFileFor([sl("chief_steward")], "SL-083")).toBe(true);
    expect(mayReport([member, staff], { kind: "statewide" })).toBe(true);
    expect(mayReport([member, sl("steward")], { kind: "sublocal", id: "SL-083" })).toBe(true);
    expect(mayReport([sl("steward")], { kind: "sublocal", id: "SL-390" })).toBe(false);
    expect(mayReport([{ role: "statewide_president", office: null, scopeType: "statewide", scopeId: null }], { kind: "sublocal", id: "SL-083" })).toBe(true);
  });

  it("who sees the stewards' notes: not the grievant as such, but whoever may view the case otherwise", () => {
    expect(seesInternals([member], GRIEVANT, openCase)).toBe(false);
    expect(mayOnCase([member], GRIEVANT, "view", openCase)).toBe(true);
    expect(seesInternals([sl("steward"), member], GRIEVANT, openCase)).toBe(true);
    expect(seesInternals([sl("sublocal_officer", "SL-083", "president")], ME, openCase)).toBe(true);
    expect(seesInternals([sl("steward", "SL-390")], STEWARD, openCase)).toBe(true);
    expect(seesInternals([sl("steward", "SL-390")], ME, openCase)).toBe(false);
  });

  it("the list filter: everything for staff; else the sub-locals, groups and regions one may view, and one's assigned cases", () => {
    expect(listScope([member, staff], ME)).toEqual({ all: true });
    expect(listScope([{ role: "executive_director", office: null, scopeType: "statewide", scopeId: null }], ME)).toEqual({ all: true });
    expect(listScope([member], ME)).toEqual({ subLocals: [], employerGroups: [], regions: [], stewardId: null });
    expect(listScope([sl("steward"), sl("member", "SL-390"), sl("sublocal_officer", "SL-140", "president")], ME)).toEqual({ subLocals: ["SL-083", "SL-140"], employerGroups: [], regions: [], stewardId: ME });
    expect(listScope([sl("chief_steward", "SL-390")], ME)).toEqual({ subLocals: ["SL-390"], employerGroups: [], regions: [], stewardId: ME });
    expect(listScope([odd("steward", "region", "SL-083")], ME)).toEqual({ subLocals: [], employerGroups: [], regions: [], stewardId: ME });
    expect(listScope([odd("steward", "sublocal", null)], ME)).toEqual({ subLocals: [], employerGroups: [], regions: [], stewardId: ME });
    expect(
      listScope([odd("board_director", "employer_group", "Human Services"), odd("board_director", "region", "Lane"), odd("board_director", "region", null), odd("member", "region", "Coast")], ME),
    ).toEqual({ subLocals: [], employerGroups: ["Human Services"], regions: ["Lane"], stewardId: null });
    expect(listScope([odd("member", "employer_group", "Human Services")], ME)).toEqual({ subLocals: [], employerGroups: [], regions: [], stewardId: null });
  });

  it("the default report scope: statewide for staff and the statewide president; else a director's area; else a sub-local", () => {
    expect(defaultReportScope([member, staff])).toEqual({ kind: "statewide" });
    expect(defaultReportScope([{ role: "statewide_president", office: null, scopeType: "statewide", scopeId: null }])).toEqual({ kind: "statewide" });
    expect(defaultReportScope([member, odd("board_director", "region", "Lane")])).toEqual({ kind: "region", id: "Lane" });
    expect(defaultReportScope([odd("board_director", "region", null), sl("steward", "SL-140")])).toEqual({ kind: "sublocal", id: "SL-140" });
    expect(defaultReportScope([member, sl("chief_steward", "SL-390")])).toEqual({ kind: "sublocal", id: "SL-390" });
    expect(defaultReportScope([odd("steward", "region", "SL-083")])).toBeNull();
    expect(defaultReportScope([odd("steward", "sublocal", null)])).toBeNull();
    expect(defaultReportScope([{ role: "treasury_staff", office: null, scopeType: "statewide", scopeId: null }])).toBeNull();
  });
});
