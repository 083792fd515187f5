// Who may see a sub-local's account, file for it and decide treasury matters: the pure rules as a
// table over roles in and out of scope, then the same through the core with the demo personas.
import { beforeAll, describe, expect, it } from "vitest";
import { isTreasuryStaff, mayFile, mayView } from "../../commands/rebate/access.ts";
import type { ActiveRole } from "../../commands/core/roles.ts";
import { grantRole } from "../../db/roles.ts";
import { button, noticeFor, PERSONAS, text, world, type World } from "./setup.ts";

const SL083 = { code: "SL-083", employerGroup: "Human Services", region: "Mid-Valley" };
const role = (r: Partial<ActiveRole> & Pick<ActiveRole, "role">): ActiveRole => ({ office: null, scopeType: "statewide", scopeId: null, ...r });
const officer = (office: string, scopeId = "SL-083") => role({ role: "sublocal_officer", office, scopeType: "sublocal", scopeId });

const table: [string, ActiveRole[], { view: boolean; file: boolean; decide: boolean }][] = [
  ["treasurer of SL-083", [officer("treasurer")], { view: true, file: true, decide: false }],
  ["president of SL-083", [officer("president")], { view: true, file: true, decide: false }],
  ["treasurer of SL-390", [officer("treasurer", "SL-390")], { view: false, file: false, decide: false }],
  ["secretary of SL-083", [officer("secretary")], { view: false, file: false, decide: false }],
  ["vice president of SL-083", [officer("vice_president")], { view: false, file: false, decide: false }],
  ["steward of SL-083", [role({ role: "steward", scopeType: "sublocal", scopeId: "SL-083" })], { view: false, file: false, decide: false }],
  ["chief steward of SL-083", [role({ role: "chief_steward", scopeType: "sublocal", scopeId: "SL-083" })], { view: false, file: false, decide: false }],
  ["member of SL-083", [role({ role: "member", scopeType: "sublocal", scopeId: "SL-083" })], { view: false, file: false, decide: false }],
  ["director, Human Services", [role({ role: "board_director", scopeType: "employer_group", scopeId: "Human Services" })], { view: true, file: false, decide: false }],
  ["director, region Mid-Valley", [role({ role: "board_director", scopeType: "region", scopeId: "Mid-Valley" })], { view: true, file: false, decide: false }],
  ["director, Transportation", [role({ role: "board_director", scopeType: "employer_group", scopeId: "Transportation" })], { view: false, file: false, decide: false }],
  ["treasury staff", [role({ role: "treasury_staff" })], { view: true, file: false, decide: true }],
  ["staff", [role({ role: "staff" })], { view: true, file: false, decide: true }],
  ["executive director", [role({ role: "executive_director" })], { view: true, file: false, decide: true }],
  ["statewide president", [role({ role: "statewide_president" })], { view: true, file: false, decide: false }],
  ["no role", [], { view: false, file: false, decide: false }],
];

describe("the rules", () => {
  it.each(table)("%s", (_who, roles, expected) => {
    expect({ view: mayView(roles, SL083), file: mayFile(roles, "SL-083"), decide: isTreasuryStaff(roles) }).toEqual(expected);
  });
});

describe("through the core", () => {
  let w: World;
  beforeAll(async () => {
    w = await world();
  });

  const sees = async (who: string, code: string) => /^Balance: \$/m.test(text(await w.run(who, `/rebate balance ${code}`)));

  it("balance of SL-083: its officers, its area's director and statewide readers see it; others get the polite refusal", async () => {
    for (const who of ["tom", "pat", "dana", "sofia", "elena", "paul"]) expect(await sees(who, "SL-083"), who).toBe(true);
    for (const who of ["maria", "sam", "carla"]) {
      const r = text(await w.run(who, "/rebate balance SL-083"));
      expect(r, who).toMatch(/only for its president and treasurer, the board directors of its area, treasury staff, the executive director and the statewide president/);
      expect(r).not.toMatch(/\$/);
    }
  });

  it("out of scope: SL-083's treasurer and the Human Services director don't see SL-140", async () => {
    expect(await sees("tom", "SL-140")).toBe(false);
    expect(await sees("dana", "SL-140")).toBe(false);
    expect(await sees("dana", "SL-390")).toBe(true);
  });

  it("only the two signing officers file; only treasury staff decide; a new treasury_staff role can", async () => {
    for (const who of ["maria", "sam", "dana", "sofia"]) expect((await w.run(who, "/rebate request")).reply.form, who).toBeUndefined();
    const asked = await w.run("tom", "/rebate statement 2026-10");
    const card = noticeFor(asked, w.personId(PERSONAS.sofia));
    const byPat = await w.click("pat", button(card, /^approve$/i));
    expect(text(byPat)).toMatch(/Sorry/);
    expect(byPat.notices).toEqual([]);
    // Maria becomes treasury staff: she may decide now, and the card was still undecided.
    await grantRole(w.store, { personId: w.personId(PERSONAS.maria), role: "treasury_staff", office: null, scopeType: "statewide", scopeId: null, startsAt: new Date("2026-11-01T00:00:00Z"), grantedById: null });
    const byMaria = await w.click("maria", button(card, /^approve$/i));
    expect(text(byMaria)).toMatch(/Approved by Maria Alvarez/);
    expect(text(noticeFor(byMaria, w.personId(PERSONAS.tom)))).toMatch(/Closing balance/);
  });

  it("with treasury staff on record, cards go to them rather than to all staff", async () => {
    const asked = await w.run("pat", "/rebate statement 2026-09");
    expect(asked.notices.map((n) => n.personId)).toEqual([w.personId(PERSONAS.maria)]);
  });
});
