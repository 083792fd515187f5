// The member-records policy as pure rules (commands/contacts/policy.ts): which fields a purpose
// shows, which scopes a person may ask for, who decides, who reads the access log.
import { describe, expect, it } from "vitest";
import { auditScopes, candidateRoute, DEFAULT_DAYS, fieldsFor, isMember, isOfficerElectionPurpose, MAX_DAYS, mayDecide, PURPOSE_FIELDS, PURPOSES, requestableScopes, routeFor, scopeValue } from "../../commands/contacts/policy.ts";
import type { ActiveRole, Role } from "../../commands/core/roles.ts";
import type { PersonRecord } from "../../db/people.ts";
import { screenForElection } from "../../commands/contacts/election-screen.ts";

const sl = (role: Role, code = "SL-083", office: string | null = null): ActiveRole => ({ role, office, scopeType: "sublocal", scopeId: code });
const wide = (role: Role): ActiveRole => ({ role, office: null, scopeType: "statewide", scopeId: null });
const director = (scopeType: "employer_group" | "region", scopeId: string): ActiveRole => ({ role: "board_director", office: null, scopeType, scopeId });
const ME = 42;

describe("fields by purpose (data minimisation)", () => {
  it("each purpose shows only what it needs; never a home address, phone, e-mail or birthdate", () => {
    expect(fieldsFor("email", null)).toEqual(["workEmail", "worksite"]);
    expect(fieldsFor("phone_bank", null)).toEqual(["workPhone", "worksite"]);
    expect(fieldsFor("campaign_outreach", null)).toEqual(["workEmail", "workPhone", "worksite"]);
    expect(fieldsFor("mailing", null)).toEqual(["worksite"]);
    expect(fieldsFor("officer_election", null)).toEqual([]);
    expect(fieldsFor("anything else", null)).toEqual([]);
    expect(fieldsFor("email", "classification")).toEqual(["workEmail", "worksite", "classification"]);
    expect(fieldsFor("email", "cape")).toEqual(["workEmail", "worksite"]);
    for (const cols of Object.values(PURPOSE_FIELDS)) expect(cols.join()).not.toMatch(/home|birth/i);
    expect(PURPOSES).toContain("officer_election");
    expect([DEFAULT_DAYS, MAX_DAYS]).toEqual([14, 30]);
  });
  it("only the explicit officer-election purpose is refused outright", () => {
    expect(isOfficerElectionPurpose("officer_election")).toBe(true);
    for (const p of ["email", "mailing", "phone_bank", "campaign_outreach", "election"]) expect(isOfficerElectionPurpose(p)).toBe(false);
  });
});

describe("requestableScopes", () => {
  it("officers their sub-local, directors their group or region, statewide officers everything; nobody else anything", () => {
    expect(requestableScopes([sl("sublocal_officer", "SL-083", "treasurer"), sl("member")])).toEqual([{ scopeType: "sublocal", scopeId: "SL-083" }]);
    expect(requestableScopes([director("employer_group", "Human Services"), director("region", "Lane")])).toEqual([
      { scopeType: "employer_group", scopeId: "Human Services" },
      { scopeType: "region", scopeId: "Lane" },
    ]);
    expect(requestableScopes([wide("statewide_president")])).toEqual([{ scopeType: "statewide", scopeId: "all" }]);
    expect(requestableScopes([wide("executive_director")])).toEqual([{ scopeType: "statewide", scopeId: "all" }]);
    for (const r of ["member", "steward", "chief_steward"] as const) expect(requestableScopes([sl(r)])).toEqual([]);
    expect(requestableScopes([wide("staff")])).toEqual([]);
    expect(requestableScopes([wide("treasury_staff")])).toEqual([]);
    // A malformed role (wrong scope kind, no id) gives nothing; duplicates are listed once.
    expect(requestableScopes([{ role: "sublocal_officer", office: null, scopeType: "region", scopeId: "Lane" }])).toEqual([]);
    expect(requestableScopes([{ role: "board_director", office: null, scopeType: "sublocal", scopeId: "SL-083" }])).toEqual([]);
    expect(requestableScopes([{ role: "sublocal_officer", office: null, scopeType: "sublocal", scopeId: null }])).toEqual([]);
    expect(requestableScopes([sl("sublocal_officer", "SL-083", "president"), sl("sublocal_officer", "SL-083", "treasurer"), sl("sublocal_officer", "SL-140")])).toEqual([
      { scopeType: "sublocal", scopeId: "SL-083" },
      { scopeType: "sublocal", scopeId: "SL-140" },
    ]);
    expect(requestableScopes([director("region", "Lane"), director("employer_group", "Lane")])).toHaveLength(2);
    expect(scopeValue({ scopeType: "sublocal", scopeId: "SL-083" })).toBe("sublocal:SL-083");
  });
});

describe("who decides", () => {
  it("routes: a sub-local's president; staff for a director's scope; statewide for statewide requests and directors' campaigns", () => {
    expect(routeFor({ scopeType: "sublocal", scopeId: "SL-083", campaign: null })).toBe("sublocal_president:SL-083");
    expect(routeFor({ scopeType: "sublocal", scopeId: "SL-083", campaign: "cape" } as never)).toBe("sublocal_president:SL-083");
    expect(routeFor({ scopeType: "employer_group", scopeId: "Human Services", campaign: null })).toBe("staff");
    expect(routeFor({ scopeType: "region", scopeId: "Lane", campaign: "cape" } as never)).toBe("statewide");
    expect(routeFor({ scopeType: "statewide", scopeId: "all", campaign: null })).toBe("statewide");
    expect(candidateRoute([sl("sublocal_officer", "SL-083", "president")])).toBe("executive_director");
    expect(candidateRoute([wide("statewide_president")])).toBe("executive_director");
    expect(candidateRoute([wide("executive_director")])).toBe("statewide");
    expect(candidateRoute([sl("member"), wide("executive_director")])).toBe("statewide");
  });

  it("mayDecide: never one's own request, whatever one's roles", () => {
    for (const route of ["sublocal_president:SL-083", "staff", "statewide", "executive_director"]) {
      const everything = [sl("sublocal_officer", "SL-083", "president"), wide("staff"), wide("executive_director"), wide("statewide_president")];
      expect(mayDecide(everything, ME, { route, requesterId: ME }), route).toBe(false);
      expect(mayDecide(everything, ME, { route, requesterId: ME + 1 }), route).toBe(true);
    }
  });

  it("mayDecide: each route's deciders, and the statewide fallback", () => {
    const req = (route: string) => ({ route, requesterId: 1 });
    const president = sl("sublocal_officer", "SL-083", "president");
    expect(mayDecide([president], ME, req("sublocal_president:SL-083"))).toBe(true);
    expect(mayDecide([president], ME, req("sublocal_president:SL-390"))).toBe(false);
    expect(mayDecide([sl("sublocal_officer", "SL-083", "treasurer")], ME, req("sublocal_president:SL-083"))).toBe(false);
    expect(mayDecide([{ ...president, scopeType: "region" }], ME, req("sublocal_president:SL-083"))).toBe(false);
    expect(mayDecide([sl("steward")], ME, req("sublocal_president:SL-083"))).toBe(false);
    expect(mayDecide([wide("staff")], ME, req("sublocal_president:SL-083"))).toBe(false);
    expect(mayDecide([wide("staff")], ME, req("staff"))).toBe(true);
    expect(mayDecide([president], ME, req("staff"))).toBe(false);
    for (const r of ["statewide_president", "executive_director"] as const) {
      expect(mayDecide([wide(r)], ME, req("sublocal_president:SL-083")), r).toBe(true);
      expect(mayDecide([wide(r)], ME, req("staff")), r).toBe(true);
      expect(mayDecide([wide(r)], ME, req("statewide")), r).toBe(true);
    }
    expect(mayDecide([wide("staff")], ME, req("statewide"))).toBe(false);
    // A declared candidate's request: the executive director alone.
    expect(mayDecide([wide("executive_director")], ME, req("executive_director"))).toBe(true);
    expect(mayDecide([wide("statewide_president")], ME, req("executive_director"))).toBe(false);
    expect(mayDecide([wide("staff")], ME, req("executive_director"))).toBe(false);
    expect(mayDecide([], ME, req("nonsense"))).toBe(false);
    // Any of a person's roles counts; the route must be exactly a sub-local president's.
    expect(mayDecide([sl("member"), wide("staff")], ME, req("staff"))).toBe(true);
    expect(mayDecide([sl("member"), president], ME, req("sublocal_president:SL-083"))).toBe(true);
    expect(mayDecide([{ ...president, role: "steward" }], ME, req("sublocal_president:SL-083"))).toBe(false);
    expect(mayDecide([president], ME, req("xsublocal_president:SL-083"))).toBe(false);
    expect(mayDecide([president], ME, req("sublocal_president:SL-083\nstaff"))).toBe(false);
    expect(mayDecide([president], ME, req("nonsense"))).toBe(false);
  });

  it("the access log: staff and statewide officers see all; a sub-local president their sub-local; nobody else", () => {
    expect(auditScopes([wide("staff")])).toBe("all");
    expect(auditScopes([wide("executive_director")])).toBe("all");
    expect(auditScopes([wide("statewide_president")])).toBe("all");
    expect(auditScopes([sl("sublocal_officer", "SL-083", "president"), sl("sublocal_officer", "SL-140", "president")])).toEqual([
      { scopeType: "sublocal", scopeId: "SL-083" },
      { scopeType: "sublocal", scopeId: "SL-140" },
    ]);
    expect(auditScopes([sl("sublocal_officer", "SL-083", "treasurer")])).toEqual([]);
    expect(auditScopes([{ role: "sublocal_officer", office: "president", scopeType: "sublocal", scopeId: null }])).toEqual([]);
    expect(auditScopes([sl("steward"), wide("treasury_staff")])).toEqual([]);
    expect(auditScopes([sl("member"), wide("staff")])).toBe("all");
    expect(auditScopes([{ ...sl("steward"), office: "president" }])).toEqual([]);
  });

  it("leadership contacts are for members only", () => {
    expect(isMember({ membershipStatus: "member" } as PersonRecord)).toBe(true);
    expect(isMember({ membershipStatus: "fee_payer" } as PersonRecord)).toBe(false);
    expect(isMember({ membershipStatus: "non_member" } as PersonRecord)).toBe(false);
  });
});

describe("the election screen keeps every word it found", () => {
  it("all the matched words reach the approver, not just the first", () => {
    const r = screenForElection("I am a candidate: vote for me, re-elect our slate, and help me lead the sub-local next term.");
    expect(r.flagged).toBe(true);
    expect(r.hits.map((h) => h.text.toLowerCase())).toEqual(expect.arrayContaining(["candidate", "vote for me", "re-elect", "our slate", "lead the sub-local", "next term"]));
    const es = screenForElection("Soy candidata a presidenta: voten por mí en la elección sindical.");
    expect(es.hits.map((h) => h.text.toLowerCase())).toEqual(expect.arrayContaining(["candidata", "voten por mí", "elección sindical"]));
  });
});
