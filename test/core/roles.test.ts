// The role rules as pure functions: who holds what, who may run a command, how a scope typed by a
// person is read, and how a scope is said back to them.
import { describe, expect, it } from "vitest";
import { allowedScopes, allows, describeScope, holds, isStaff, parseScope, ROLES, STAFF, type ActiveRole, type Role } from "../../commands/core/roles.ts";

const sl = (role: Role, code = "SL-083", office: string | null = null): ActiveRole => ({ role, office, scopeType: "sublocal", scopeId: code });
const wide = (role: Role): ActiveRole => ({ role, office: null, scopeType: "statewide", scopeId: null });

describe("holds / isStaff", () => {
  it("holds a role anywhere, or in exactly the scope asked", () => {
    const roles = [sl("steward"), sl("member", "SL-390")];
    expect(holds(roles, "steward")).toBe(true);
    expect(holds(roles, "chief_steward")).toBe(false);
    expect(holds(roles, "steward", { scopeType: "sublocal", scopeId: "SL-083" })).toBe(true);
    expect(holds(roles, "steward", { scopeType: "sublocal", scopeId: "SL-390" })).toBe(false);
    expect(holds(roles, "steward", { scopeType: "region", scopeId: "SL-083" })).toBe(false);
    expect(holds([], "member")).toBe(false);
  });
  it("staff means staff or the executive director, nobody else", () => {
    expect(STAFF).toEqual(["staff", "executive_director"]);
    expect(isStaff([wide("staff")])).toBe(true);
    expect(isStaff([sl("member"), wide("executive_director")])).toBe(true);
    for (const r of ROLES.filter((x) => !STAFF.includes(x))) expect(isStaff([wide(r)]), r).toBe(false);
    expect(isStaff([])).toBe(false);
  });
});

describe("allows", () => {
  it("anyone: linked or not; linked: any linked person; roles: only those roles", () => {
    expect(allows({ anyone: true }, false, [])).toBe(true);
    expect(allows({ linked: true }, false, [])).toBe(false);
    expect(allows({ linked: true }, true, [])).toBe(true);
    expect(allows({ roles: ["steward"] }, true, [sl("steward")])).toBe(true);
    expect(allows({ roles: ["steward"] }, true, [sl("member"), sl("chief_steward")])).toBe(false);
    expect(allows({ roles: ["steward"] }, false, [sl("steward")])).toBe(false);
    expect(allows({ roles: ["steward", "staff"] }, true, [wide("staff")])).toBe(true);
    expect(allows({ roles: [] }, true, [wide("staff")])).toBe(false);
    expect(allows({ roles: ["steward"] }, true, [sl("member"), sl("steward")])).toBe(true);
  });
});

describe("parseScope", () => {
  it("reads the spellings people type", () => {
    expect(parseScope("SL-083", "steward")).toEqual({ scopeType: "sublocal", scopeId: "SL-083" });
    expect(parseScope("  sl-083 ", "steward")).toEqual({ scopeType: "sublocal", scopeId: "SL-083" });
    expect(parseScope("sublocal:SL-083", "member")).toEqual({ scopeType: "sublocal", scopeId: "SL-083" });
    expect(parseScope("Sub-Local: SL-140 ", "member")).toEqual({ scopeType: "sublocal", scopeId: "SL-140" });
    expect(parseScope("employer-group:Human Services", "board_director")).toEqual({ scopeType: "employer_group", scopeId: "Human Services" });
    expect(parseScope("employer_group:Human Services", "board_director")).toEqual({ scopeType: "employer_group", scopeId: "Human Services" });
    expect(parseScope("employer group:Human Services", "board_director")).toEqual({ scopeType: "employer_group", scopeId: "Human Services" });
    expect(parseScope("group:Human Services", "board_director")).toEqual({ scopeType: "employer_group", scopeId: "Human Services" });
    expect(parseScope("REGION:Mid-Valley", "board_director")).toEqual({ scopeType: "region", scopeId: "Mid-Valley" });
    expect(parseScope("statewide", "staff")).toEqual({ scopeType: "statewide", scopeId: null });
    expect(parseScope("Statewide:anything", "staff")).toEqual({ scopeType: "statewide", scopeId: null });
  });
  it("statewide roles need no scope; others must name one", () => {
    expect(parseScope(undefined, "staff")).toEqual({ scopeType: "statewide", scopeId: null });
    expect(parseScope("   ", "executive_director")).toEqual({ scopeType: "statewide", scopeId: null });
    expect(parseScope(undefined, "steward")).toEqual({ error: "scopeRequired" });
    expect(parseScope("", "board_director")).toEqual({ error: "scopeRequired" });
    expect(parseScope("region", "board_director")).toEqual({ error: "scopeRequired" });
  });
  it("refuses a scope the role can't hold", () => {
    expect(parseScope("statewide", "steward")).toEqual({ error: "scopeNotForRole" });
    expect(parseScope("SL-083", "staff")).toEqual({ error: "scopeNotForRole" });
    expect(parseScope("region:Lane", "sublocal_officer")).toEqual({ error: "scopeNotForRole" });
    expect(parseScope("SL-083", "board_director")).toEqual({ error: "scopeNotForRole" });
    // Only the whole text is read as "kind:id": anything before or after makes it a sub-local code.
    expect(parseScope("xregion:Lane", "board_director")).toEqual({ error: "scopeNotForRole" });
    expect(parseScope("region:Lane\nx", "board_director")).toEqual({ error: "scopeNotForRole" });
  });
  it("each role's scopes", () => {
    expect(allowedScopes.board_director).toEqual(["employer_group", "region"]);
    for (const r of ["member", "steward", "chief_steward", "sublocal_officer"] as const) expect(allowedScopes[r]).toEqual(["sublocal"]);
    for (const r of ["staff", "treasury_staff", "executive_director", "statewide_president"] as const) expect(allowedScopes[r]).toEqual(["statewide"]);
  });
});

describe("describeScope", () => {
  it("says a scope in plain English without a translator", () => {
    expect(describeScope({ scopeType: "sublocal", scopeId: "SL-083" })).toBe("sub-local SL-083");
    expect(describeScope({ scopeType: "employer_group", scopeId: "Human Services" })).toBe("employer group Human Services");
    expect(describeScope({ scopeType: "region", scopeId: "Lane" })).toBe("region Lane");
    expect(describeScope({ scopeType: "statewide", scopeId: null })).toBe("statewide");
    expect(describeScope({ scopeType: "some_new_kind", scopeId: null })).toBe("some new kind");
  });
  it("in the reader's language with a translator, for the known kinds only", () => {
    const t = (key: string, vars?: Record<string, unknown>) => ` [${key}|${String(vars?.id)}] `;
    expect(describeScope({ scopeType: "sublocal", scopeId: "SL-083" }, t)).toBe("[core.scopes.sublocal|SL-083]");
    expect(describeScope({ scopeType: "statewide", scopeId: null }, t)).toBe("[core.scopes.statewide|]");
    expect(describeScope({ scopeType: "employer_group", scopeId: "Human Services" }, t)).toBe("[core.scopes.employer_group|Human Services]");
    expect(describeScope({ scopeType: "region", scopeId: "Lane" }, t)).toBe("[core.scopes.region|Lane]");
    expect(describeScope({ scopeType: "other", scopeId: "x" }, t)).toBe("other x");
  });
});
