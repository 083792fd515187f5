// The guards on a sub-local's money, each at its exact edge: who may sign and decide (the pure
// rules), the requester never co-signing (even holding the other office too), the available
// balance to the cent (balance minus everything promised to open requests, signed or not),
// approval refused when the balance fell short by one cent, and a statement decided once
// whichever staff card is used.
import { data } from "../../db/data.ts";
import { beforeEach, describe, expect, it } from "vitest";
import type { ActiveRole } from "../../commands/core/roles.ts";
import { isPartyTo, isTreasuryStaff, mayCosign, mayFile, mayView, otherOffice, signingOffice, signingSubLocals, visibleSubLocals } from "../../commands/rebate/access.ts";
import { accountByCode, postEntries } from "../../db/rebate.ts";
import {
  committedCents,
  cosignRequest,
  createRequest,
  decideRequest,
  decideStatement,
  requestById,
  statementById,
  withdrawRequest,
  type NewRequest,
} from "../../db/rebate-requests.ts";
import { button, noticeFor, PERSONAS, text, world, type World } from "./setup.ts";

const role = (r: Partial<ActiveRole> & Pick<ActiveRole, "role">): ActiveRole => ({ office: null, scopeType: "statewide", scopeId: null, ...r });
const officer = (office: string | null, scopeId: string | null = "SL-083", scopeType: ActiveRole["scopeType"] = "sublocal") => role({ role: "sublocal_officer", office, scopeType, scopeId });
const SL083 = { code: "SL-083", employerGroup: "Human Services", region: "Mid-Valley" };
const SL140 = { code: "SL-140", employerGroup: "Transportation", region: "Mid-Valley" };
const SL730 = { code: "SL-730", employerGroup: "Higher Education", region: "Lane" };

describe("the signing rules", () => {
  it("a signing office is president or treasurer of that very sub-local, held as a sub-local office", () => {
    expect(signingOffice([officer("treasurer")], "SL-083")).toBe("treasurer");
    expect(signingOffice([officer("secretary"), officer("president")], "SL-083")).toBe("president");
    expect(signingOffice([officer("treasurer", "SL-390")], "SL-083")).toBeNull();
    expect(signingOffice([officer("secretary")], "SL-083")).toBeNull();
    expect(signingOffice([officer(null)], "SL-083")).toBeNull();
    expect(signingOffice([officer("treasurer", "SL-083", "region")], "SL-083")).toBeNull();
    expect(signingOffice([role({ role: "steward", office: "treasurer", scopeType: "sublocal", scopeId: "SL-083" })], "SL-083")).toBeNull();
    expect(signingOffice([], "SL-083")).toBeNull();
  });

  it("the sub-locals one signs for: each once, only signing offices held in a sub-local", () => {
    const roles = [officer("treasurer"), officer("president"), officer("president", "SL-390"), officer("secretary", "SL-140"), officer("treasurer", "SL-730", "region"), role({ role: "steward", office: "president", scopeType: "sublocal", scopeId: "SL-920" })];
    expect(signingSubLocals(roles)).toEqual(["SL-083", "SL-390"]);
    expect(signingSubLocals([officer("treasurer", null)])).toEqual([]);
    expect(signingSubLocals([])).toEqual([]);
  });

  it("filing is for the signing offices; viewing adds directors of the area and statewide readers", () => {
    expect(mayFile([officer("president")], "SL-083")).toBe(true);
    expect(mayFile([officer("president")], "SL-390")).toBe(false);
    expect(mayFile([role({ role: "treasury_staff" })], "SL-083")).toBe(false);
    expect(mayView([officer("treasurer")], SL083)).toBe(true);
    expect(mayView([officer("treasurer", "SL-390")], SL083)).toBe(false);
    expect(mayView([role({ role: "board_director", scopeType: "employer_group", scopeId: "Human Services" })], SL083)).toBe(true);
    expect(mayView([role({ role: "board_director", scopeType: "employer_group", scopeId: "Human Services" })], SL140)).toBe(false);
    // A region name held as an employer group, or the reverse, opens nothing.
    expect(mayView([role({ role: "board_director", scopeType: "employer_group", scopeId: "Mid-Valley" })], SL083)).toBe(false);
    expect(mayView([role({ role: "board_director", scopeType: "region", scopeId: "Human Services" })], SL083)).toBe(false);
    expect(mayView([role({ role: "board_director", scopeType: "region", scopeId: "Mid-Valley" })], SL140)).toBe(true);
    expect(mayView([role({ role: "board_director", scopeType: "region", scopeId: null })], { ...SL083, region: null as unknown as string })).toBe(false);
    expect(mayView([role({ role: "board_director", scopeType: "employer_group", scopeId: null })], { ...SL083, employerGroup: null as unknown as string })).toBe(false);
    expect(mayView([role({ role: "steward", scopeType: "region", scopeId: "Mid-Valley" })], SL083)).toBe(false);
    for (const r of ["treasury_staff", "staff", "executive_director", "statewide_president"] as const) expect(mayView([role({ role: r })], SL730)).toBe(true);
    expect(mayView([role({ role: "member", scopeType: "sublocal", scopeId: "SL-083" })], SL083)).toBe(false);
    expect(visibleSubLocals([role({ role: "board_director", scopeType: "region", scopeId: "Mid-Valley" })], [SL083, SL140, SL730]).map((s) => s.code)).toEqual(["SL-083", "SL-140"]);
  });

  it("only treasury staff, staff and the executive director decide", () => {
    for (const r of ["treasury_staff", "staff", "executive_director"] as const) expect(isTreasuryStaff([role({ role: r })])).toBe(true);
    for (const r of ["statewide_president", "board_director", "sublocal_officer", "member"] as const) expect(isTreasuryStaff([role({ role: r })])).toBe(false);
    expect(isTreasuryStaff([])).toBe(false);
  });

  it("co-signing is offered to the other office of the request's sub-local only", () => {
    const request = (requesterOffice: string | null) => ({ subLocalCode: "SL-083", requesterOffice });
    expect(mayCosign([officer("president")], request("treasurer"))).toBe(true);
    expect(mayCosign([officer("treasurer")], request("president"))).toBe(true);
    expect(mayCosign([officer("treasurer")], request("treasurer"))).toBe(false);
    expect(mayCosign([officer("president", "SL-390")], request("treasurer"))).toBe(false);
    expect(mayCosign([officer("president", "SL-083", "region")], request("treasurer"))).toBe(false);
    expect(mayCosign([role({ role: "board_director", office: "president", scopeType: "sublocal", scopeId: "SL-083" })], request("treasurer"))).toBe(false);
    expect(mayCosign([officer("secretary")], request("treasurer"))).toBe(false);
    expect(mayCosign([officer("president")], request(null))).toBe(false);
    expect(otherOffice("president")).toBe("treasurer");
    expect(otherOffice("treasurer")).toBe("president");
  });

  it("staff never decide what they asked for or signed", () => {
    expect(isPartyTo(7, { requesterId: 7, cosignerId: 8 })).toBe(true);
    expect(isPartyTo(8, { requesterId: 7, cosignerId: 8 })).toBe(true);
    expect(isPartyTo(9, { requesterId: 7, cosignerId: 8 })).toBe(false);
    expect(isPartyTo(9, { requesterId: null })).toBe(false);
    expect(isPartyTo(9, { requesterId: 7, cosignerId: null })).toBe(false);
  });
});

let w: World;
let id: Record<keyof typeof PERSONAS, number>;
beforeEach(async () => {
  w = await world();
  id = Object.fromEntries(Object.entries(PERSONAS).map(([k, n]) => [k, w.personId(n)])) as typeof id;
});

async function grant(member: string, choice: string, scope = "SL-083") {
  const r = await w.run("sofia", `/unionhall admin role grant ${member} ${choice} ${scope}`);
  expect(text(r)).not.toMatch(/⚠️/);
}

const account = async () => (await accountByCode(data(w.store), "SL-083"))!;
const available = async () => (await account()).balanceCents - (await committedCents(data(w.store), (await account()).id));
const entries = async () => ((await data(w.store).one(`SELECT count(*) AS n FROM "RebateEntry"`)) as { n: number }).n;
const dollars = (cents: number) => (cents / 100).toFixed(2);
const ask = async (requesterId: number, amountCents: number, requesterOffice: NewRequest["requesterOffice"] = "treasurer") =>
  await createRequest(w.store, { accountId: (await account()).id, requesterId, requesterOffice, payee: "Salem Print Shop", amountCents, purpose: "Flyers", neededBy: "2026-12-10", receiptUrl: null }, w.clock.now());
/** Moves the balance by `cents` with an ordinary entry dated today. */
const move = async (cents: number) => (await postEntries(w.store, [{ subLocalCode: "SL-083", kind: cents < 0 ? "transfer" : "deposit", postedOn: "2026-11-23", amountCents: cents, description: "Test movement", recordedBy: "test" }], w.clock.now()));

const form = { payee: "Salem Print Shop", purpose: "Flyers for the worksite meeting", needed_by: "2026-12-10", receipt: "" };

describe("the requester never co-signs", () => {
  it("not even holding the other office of the same sub-local as well", async () => {
    await grant(PERSONAS.tom, "sublocal_president");
    const filed = await w.form("tom", "/rebate request", { ...form, amount: "250.00" });
    if (!filed.ok) throw new Error(JSON.stringify(filed.errors));
    const r = (await requestById(data(w.store), 1))!;
    // The card to the other office reaches pat, never tom himself.
    expect(filed.notices.map((n) => n.personId)).not.toContain(id.tom);
    const card = noticeFor(filed, id.pat);
    expect(text(await w.click("tom", button(card, /co-sign/i)))).toMatch(/needs a second officer: you filed it/);
    expect(await cosignRequest(w.store, r.id, id.tom, true, w.clock.now())).toMatchObject({ ok: false, refused: "requester" });
    expect(await cosignRequest(w.store, r.id, id.tom, false, w.clock.now(), "no")).toMatchObject({ ok: false, refused: "requester" });
    expect(await requestById(data(w.store), r.id)).toMatchObject({ status: "awaiting_cosign", cosignerId: null, cosignedAt: null });
    // His own card offers him no signature, only to withdraw.
    expect(text(await w.run("tom", "/rebate requests 1"))).not.toMatch(/\[Co-sign/);
    // The other officer signs, and the request moves on with the other office recorded.
    expect(await cosignRequest(w.store, r.id, id.pat, true, w.clock.now())).toMatchObject({ ok: true, row: { status: "awaiting_staff", cosignerId: id.pat, cosignerOffice: r.requesterOffice === "treasurer" ? "president" : "treasurer" } });
    // Signed once: a second signature changes nothing.
    expect(await cosignRequest(w.store, r.id, id.pat, true, w.clock.now())).toMatchObject({ ok: false, row: { status: "awaiting_staff" } });
    expect(await cosignRequest(w.store, r.id, id.tom, true, w.clock.now())).not.toHaveProperty("refused");
  });

  it("a decline by the other office records the reason and the decliner", async () => {
    const r = await ask(id.tom, 100);
    if (!r.ok) throw new Error("not filed");
    expect(await cosignRequest(w.store, r.id, id.pat, false, w.clock.now(), "Not in the budget")).toMatchObject({ ok: true, row: { status: "declined", cosignerId: id.pat, reason: "Not in the budget" } });
    expect(await decideRequest(w.store, r.id, id.sofia, { approve: true, postedOn: "2026-11-23", description: "x" }, w.clock.now())).toMatchObject({ ok: false });
  });
});

describe("available balance, to the cent", () => {
  it("a request for exactly what is available is accepted; one cent more is refused with the figures", async () => {
    const exact = await available();
    const over = await w.form("tom", "/rebate request", { ...form, amount: dollars(exact + 1) });
    expect(over.ok).toBe(false);
    expect(JSON.stringify(over)).toMatch(/more than is available/);
    expect(await requestById(data(w.store), 1)).toBeUndefined();
    const ok = await w.form("tom", "/rebate request", { ...form, amount: dollars(exact) });
    expect(ok.ok).toBe(true);
    expect(await available()).toBe(0);
    expect(await ask(id.tom, 1)).toMatchObject({ ok: false, balance: (await account()).balanceCents, committed: exact });
  });

  it("money promised to requests waiting for a signature or for staff both count; decided ones free it or spend it", async () => {
    const start = await available();
    const a = await ask(id.tom, 10_000);
    const b = await ask(id.pat, 20_000, "president");
    if (!a.ok || !b.ok) throw new Error("not filed");
    expect(await committedCents(data(w.store), (await account()).id)).toBe(30_000);
    await cosignRequest(w.store, a.id, id.pat, true, w.clock.now());
    // Co-signed and waiting for staff: still promised.
    expect((await requestById(data(w.store), a.id))!.status).toBe("awaiting_staff");
    expect(await committedCents(data(w.store), (await account()).id)).toBe(30_000);
    // Two requests that together exceed what is left: the second is refused.
    const c = await ask(id.tom, start - 30_000);
    if (!c.ok) throw new Error("not filed");
    expect(await ask(id.tom, 1)).toMatchObject({ ok: false });
    // Withdrawn, declined and denied requests promise nothing.
    expect(await withdrawRequest(w.store, c.id, id.tom, w.clock.now(), null)).toMatchObject({ ok: true, row: { status: "withdrawn" } });
    expect(await committedCents(data(w.store), (await account()).id)).toBe(30_000);
    await cosignRequest(w.store, b.id, id.tom, false, w.clock.now(), "Not now");
    expect(await committedCents(data(w.store), (await account()).id)).toBe(10_000);
    expect(await decideRequest(w.store, a.id, id.sofia, { approve: false, reason: "No receipt" }, w.clock.now())).toMatchObject({ ok: true, row: { status: "denied", reason: "No receipt", decidedById: id.sofia } });
    expect(await committedCents(data(w.store), (await account()).id)).toBe(0);
    expect(await available()).toBe(start);
  });

  it("only the requester withdraws, and only while it is open", async () => {
    const a = await ask(id.tom, 500);
    if (!a.ok) throw new Error("not filed");
    expect(await withdrawRequest(w.store, a.id, id.pat, w.clock.now(), null)).toMatchObject({ ok: false, row: { status: "awaiting_cosign" } });
    await cosignRequest(w.store, a.id, id.pat, true, w.clock.now());
    expect(await withdrawRequest(w.store, a.id, id.tom, w.clock.now(), "Paid in cash")).toMatchObject({ ok: true, row: { status: "withdrawn", reason: "Paid in cash" } });
    expect(await withdrawRequest(w.store, a.id, id.tom, w.clock.now(), null)).toMatchObject({ ok: false, row: { status: "withdrawn" } });
  });
});

describe("approval when the balance fell short", () => {
  it("short by one cent: refused, nothing posted; with that cent back, approved and paid to zero", async () => {
    const filed = await w.form("tom", "/rebate request", { ...form, amount: "1,000.00" });
    if (!filed.ok) throw new Error(JSON.stringify(filed.errors));
    const signed = await w.click("pat", button(noticeFor(filed, id.pat), /co-sign/i));
    const staffCard = noticeFor(signed, id.sofia);
    // The account is drained to one cent short of the request.
    await move(100_000 - 1 - (await account()).balanceCents);
    const before = await entries();
    const refused = await w.click("sofia", button(staffCard, /^approve$/i));
    expect(text(refused)).toMatch(/can't be approved: the balance is now \$999\.99\. Nothing was changed/);
    expect(refused.notices).toEqual([]);
    expect(await entries()).toBe(before);
    expect(await requestById(data(w.store), 1)).toMatchObject({ status: "awaiting_staff", entryId: null, decidedById: null });
    expect((await account()).balanceCents).toBe(99_999);
    // The store refuses the same way whatever door calls it.
    expect(await decideRequest(w.store, 1, id.elena, { approve: true, postedOn: "2026-11-23", description: "x" }, w.clock.now())).toMatchObject({ ok: false, short: true, balance: 99_999 });
    await move(1);
    const approved = await w.click("sofia", button(staffCard, /^approve$/i));
    expect(text(approved)).toMatch(/Approved by Sofia Chen/);
    expect((await account()).balanceCents).toBe(0);
    expect(await entries()).toBe(before + 2);
    expect(await requestById(data(w.store), 1)).toMatchObject({ status: "approved", decidedById: id.sofia });
    expect((await requestById(data(w.store), 1))!.entryId).not.toBeNull();
  });

  it("staff who filed or signed a request cannot decide it", async () => {
    const r = await ask(id.tom, 100);
    if (!r.ok) throw new Error("not filed");
    await cosignRequest(w.store, r.id, id.pat, true, w.clock.now());
    await grant(PERSONAS.pat, "staff", "statewide");
    await grant(PERSONAS.tom, "staff", "statewide");
    const staffCard = await w.run("sofia", "/rebate requests 1");
    for (const who of ["pat", "tom"]) expect(text(await w.click(who, button(staffCard.reply, /^approve$/i)))).toMatch(/you asked for it or signed it/);
    expect((await requestById(data(w.store), r.id))!.status).toBe("awaiting_staff");
  });
});

describe("a statement request is decided once, whichever card", () => {
  beforeEach(() => grant(PERSONAS.paul, "staff", "statewide"));

  it("denied on one staff card, then Approve on another: told it was decided, nothing issued or sent", async () => {
    const asked = await w.run("tom", "/rebate statement 2026-10");
    const sofiaCard = noticeFor(asked, id.sofia);
    const paulCard = noticeFor(asked, id.paul);
    const opened = await w.click("sofia", button(sofiaCard, /^deny/i));
    const denied = await w.submit("sofia", opened.reply.form!.token, { reason: "Ask again after the audit" });
    if (!denied.ok) throw new Error("not denied");
    expect(text(noticeFor(denied, id.tom))).toMatch(/was denied by Sofia Chen/);
    const late = await w.click("paul", button(paulCard, /^approve$/i));
    expect(text(late)).toMatch(/Denied by Sofia Chen/i);
    expect(late.notices).toEqual([]);
    expect(await statementById(data(w.store), 1)).toMatchObject({ status: "denied", decidedById: id.sofia, figures: null, issuedAt: null, closesThrough: null });
  });

  it("a deny form opened before another card approved: its reason is not recorded and nobody hears a denial", async () => {
    const asked = await w.run("tom", "/rebate statement 2026-10");
    const opened = await w.click("paul", button(noticeFor(asked, id.paul), /^deny/i));
    const approved = await w.click("sofia", button(noticeFor(asked, id.sofia), /^approve$/i));
    expect(noticeFor(approved, id.tom).files.length).toBeGreaterThan(0);
    const late = await w.submit("paul", opened.reply.form!.token, { reason: "Too late" });
    if (!late.ok) throw new Error(JSON.stringify(late.errors));
    expect(text(late.reply)).toMatch(/Approved by Sofia Chen/i);
    expect(late.notices).toEqual([]);
    expect(await statementById(data(w.store), 1)).toMatchObject({ status: "approved", decidedById: id.sofia, reason: null });
    expect(await decideStatement(w.store, 1, id.paul, { approve: false, reason: "Again" }, w.clock.now())).toMatchObject({ ok: false, row: { status: "approved" } });
  });
});
