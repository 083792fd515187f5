// The knowledge base's pure rules: a person's audience, what they see and change, the audiences an
// edit form offers, and review dates.
import { describe, expect, it } from "vitest";
import type { ActiveRole } from "../../commands/core/roles.ts";
import { addableSubLocals, audienceOf, audienceRank, aYearOn, editAudiences, kbViewer, publishableAudiences, seesAllSubLocals } from "../../commands/kb/rules.ts";

const role = (r: ActiveRole["role"], scopeId: string | null = "SL-083", scopeType: ActiveRole["scopeType"] = scopeId ? "sublocal" : "statewide"): ActiveRole => ({ role: r, office: null, scopeType, scopeId });
const member = { id: 7, membershipStatus: "member", subLocalId: 1 };
const feePayer = { id: 8, membershipStatus: "fee_payer", subLocalId: 1 };
const codes: Record<string, number> = { "SL-083": 1, "SL-390": 2 };
const idOf = (c: string) => codes[c];

describe("audience of a person", () => {
  it("staff, officers, stewards, members and everyone else", () => {
    expect(audienceOf(member, [role("staff", null)])).toBe("staff");
    expect(audienceOf(member, [role("executive_director", null)])).toBe("staff");
    expect(audienceOf(member, [role("sublocal_officer")])).toBe("officers");
    expect(audienceOf(member, [role("board_director", "Human Services", "employer_group")])).toBe("officers");
    expect(audienceOf(member, [role("statewide_president", null)])).toBe("officers");
    expect(audienceOf(member, [role("steward")])).toBe("stewards");
    expect(audienceOf(member, [role("chief_steward")])).toBe("stewards");
    expect(audienceOf(member, [role("member")])).toBe("members");
    expect(audienceOf(feePayer, [])).toBe("everyone");
    expect(audienceOf(feePayer, [role("treasury_staff", null)])).toBe("everyone");
    expect(audienceRank("everyone")).toBe(0);
    expect(audienceRank("staff")).toBe(4);
  });

  it("who sees every sub-local's documents and who may add", () => {
    expect(seesAllSubLocals([role("staff", null)])).toBe(true);
    expect(seesAllSubLocals([role("board_director", "Human Services", "employer_group")])).toBe(true);
    expect(seesAllSubLocals([role("statewide_president", null)])).toBe(true);
    expect(seesAllSubLocals([role("sublocal_officer")])).toBe(false);
    expect(addableSubLocals([role("staff", null)])).toBeNull();
    expect(addableSubLocals([role("sublocal_officer"), role("steward", "SL-390")])).toEqual(["SL-083"]);
    expect(addableSubLocals([role("member")])).toEqual([]);
    expect(publishableAudiences([role("staff", null)])).toEqual(["everyone", "members", "stewards", "officers", "staff"]);
    expect(publishableAudiences([role("sublocal_officer")])).toEqual(["everyone", "members", "stewards", "officers"]);
    expect(publishableAudiences([role("steward")])).toEqual([]);
  });
});

describe("the viewer every guarded read takes", () => {
  it("a member sees their own sub-local, changes only what they own", () => {
    expect(kbViewer(member, [role("member")], idOf)).toEqual({ personId: 7, audienceRank: 1, subLocalIds: [1], seesAllSubLocals: false, editsAll: false, editsSubLocalIds: [] });
  });

  it("an officer sees and changes the sub-locals they hold office in, besides their own", () => {
    expect(kbViewer(member, [role("member"), role("sublocal_officer", "SL-390")], idOf)).toEqual({ personId: 7, audienceRank: 3, subLocalIds: [1, 2], seesAllSubLocals: false, editsAll: false, editsSubLocalIds: [2] });
  });

  it("staff see and change everything; an unknown sub-local code gives nothing", () => {
    expect(kbViewer({ ...member, subLocalId: null }, [role("staff", null), role("sublocal_officer", "SL-999")], idOf)).toEqual({ personId: 7, audienceRank: 4, subLocalIds: [], seesAllSubLocals: true, editsAll: true, editsSubLocalIds: [] });
  });

  it("roles of other scope types add no sub-local", () => {
    expect(kbViewer(member, [role("board_director", "SL-390", "employer_group")], idOf).subLocalIds).toEqual([1]);
  });
});

describe("audiences an edit form offers", () => {
  it("never drops the document's own audience and never goes past the editor's", () => {
    expect(editAudiences(member, [role("sublocal_officer")], "officers")).toEqual(["everyone", "members", "stewards", "officers"]);
    expect(editAudiences(member, [role("staff", null)], "staff")).toEqual(["everyone", "members", "stewards", "officers", "staff"]);
    // An owner who may not publish keeps the audience the document has, and nothing else.
    expect(editAudiences(member, [role("steward")], "stewards")).toEqual(["stewards"]);
    expect(editAudiences(member, [role("member")], "members")).toEqual(["members"]);
  });
});

describe("review dates", () => {
  it("a year on, and 29 February becomes 28 February", () => {
    expect(aYearOn("2026-11-23")).toBe("2027-11-23");
    expect(aYearOn("2028-02-29")).toBe("2029-02-28");
    expect(aYearOn("2027-12-31")).toBe("2028-12-31");
  });
});
