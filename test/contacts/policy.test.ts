// One describe per paragraph of the member-records confidentiality policy
// (/work/shared/policy/member-records-confidentiality.txt), each test named after its paragraph.
// Everything goes through the real core on a fresh demo database.
import fs from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { verifyAudit } from "../../db/audit.ts";
import { demoMembers, DEMO_WORKSPACE } from "../../db/demo.ts";
import { data } from "../../db/data.ts";
import { linkIdentity } from "../../db/identities.ts";
import { openStore } from "../../db/store.ts";
import { exportVendor, ExportRefused } from "../../bot/cli/export-vendor.ts";
import { testEngine } from "../helpers/store.ts";
import { dropTrigger } from "../helpers/tamper.ts";
import { button, cardFor, DAY, outreach, PERSONAS, text, tomGetsGrant, world, type World } from "./setup.ts";

let w: World;
afterEach(async () => {
  await w?.store.close();
});

const audits = (action: string) =>
  data(w.store).all<{ id: number; details: string; subjectId: string | null; actorPersonId: number | null }>(`SELECT * FROM "AuditEntry" WHERE "action" = ? ORDER BY "id"`, action);
const count = async (table: string) => Number((await data(w.store).one<{ n: number }>(`SELECT count(*) AS "n" FROM "${table}"`))!.n);
const dbBytes = () =>
  Buffer.concat(
    fs
      .readdirSync(w.dir)
      .filter((f) => f.startsWith("x.db"))
      .map((f) => fs.readFileSync(path.join(w.dir, f))),
  );

describe("§ It is the express intent and obligation of SEIU Local 503, OPEU to manage membership data with integrity and confidentiality", () => {
  it("the database file never contains a demo birthdate, home address, home phone or home e-mail in clear text (encrypted at rest)", async () => {
    w = await world();
    const rows = demoMembers(300);
    // Every column of every member as anyone reading the database without the app would get it…
    let stored = JSON.stringify(await data(w.store).all(`SELECT * FROM "Person"`));
    // …and on SQLite the file's own bytes, the journal included (PostgreSQL's files are the server's).
    if (testEngine === "sqlite") {
      await w.store.close();
      stored += dbBytes().toString("latin1");
      w = { ...w, store: await openStore(`file:${path.join(w.dir, "x.db")}`) };
    }
    for (const r of rows.slice(0, 60)) {
      expect(stored.includes(r.birthdate!)).toBe(false);
      expect(stored.includes(r.homeAddress!)).toBe(false);
      expect(stored.includes(r.homePhone!)).toBe(false);
      expect(stored.includes(r.homeEmail!)).toBe(false);
    }
    // …while the values are there, sealed, with the key id stored alongside.
    const sealed = (await data(w.store).one<{ birthdate: string }>(`SELECT "birthdate" FROM "Person" WHERE "memberNumber" = '100001'`))!;
    expect(sealed.birthdate).toMatch(/^enc:v1:t1:/);
  });

  it("without MEMBER_DATA_KEY the sensitive fields are not stored at all", async () => {
    w = await world({ key: null });
    const n = await data(w.store).one(`SELECT CAST(count(*) AS INTEGER) AS "n" FROM "Person" WHERE "birthdate" IS NOT NULL OR "homeAddress" IS NOT NULL OR "homePhone" IS NOT NULL OR "homeEmail" IS NOT NULL`);
    expect(n).toEqual({ n: 0 });
    if (testEngine === "sqlite") {
      await w.store.close();
      expect(dbBytes().toString("latin1").includes(demoMembers(300)[0]!.birthdate!)).toBe(false);
      w = { ...w, store: await openStore(`file:${path.join(w.dir, "x.db")}`) };
    }
  });

  it("editing an access record in the audit log is detected by verifyAudit", async () => {
    w = await world();
    await tomGetsGrant(w);
    await w.run("tom", "/contacts list");
    const view = (await audits("contacts.view"))[0]!;
    expect((await verifyAudit(data(w.store))).ok).toBe(true);
    // An attacker with the file drops the guard and hides what Tom saw.
    await dropTrigger(w.store, "AuditEntry", "AuditEntry_no_update");
    await data(w.store).run(`UPDATE "AuditEntry" SET "details" = '{"shown":0}' WHERE "id" = ?`, view.id);
    expect(await verifyAudit(data(w.store))).toMatchObject({ ok: false, brokenAt: view.id });
  });
});

describe("§ SEIU Local 503, OPEU shall not release, sell, nor share membership records/information to or with unrelated entities", () => {
  it("an export for any purpose other than the listed services is refused and nothing is written", async () => {
    w = await world();
    await w.ack("sofia");
    const before = await count("AuditEntry");
    const out = path.join(w.dir, "marketing.csv");
    await expect(exportVendor(w.store, { purpose: "marketing", agreement: "AGR-2026-01", staff: PERSONAS.sofia, out })).rejects.toThrow(ExportRefused);
    expect(fs.existsSync(out)).toBe(false);
    expect(await count("AuditEntry")).toBe(before);
    expect(await count("VendorExport")).toBe(0);
  });

  it("only staff can export: an officer is refused", async () => {
    w = await world();
    await w.ack("pat");
    await expect(exportVendor(w.store, { purpose: "mailing", agreement: "AGR-2026-01", staff: PERSONAS.pat, out: path.join(w.dir, "m.csv") })).rejects.toThrow(/staff role/);
    expect(await count("VendorExport")).toBe(0);
  });
});

describe("§ SEIU Local 503, OPEU may supply vendors providing a service select information with an agreement to protect the information provided", () => {
  it("a mailing export writes name and postal address only, with file mode 0600, recorded with its agreement reference", async () => {
    w = await world();
    await w.ack("sofia");
    const out = path.join(w.dir, "mail.csv");
    const r = await exportVendor(w.store, { purpose: "mailing", agreement: "MAILHOUSE-2026-07", staff: PERSONAS.sofia, out });
    const lines = fs.readFileSync(out, "utf8").trim().split("\n");
    expect(lines[0]).toBe("memberNumber,firstName,lastName,homeAddress");
    expect(lines.length - 1).toBe(r.rows);
    const maria = demoMembers(300)[0]!;
    expect(lines.find((l) => l.startsWith("100001,"))).toBe(`100001,Maria,Alvarez,"${maria.homeAddress}"`);
    expect(fs.statSync(out).mode & 0o777).toBe(0o600);
    const a = await audits("contacts.vendor_export");
    expect(a).toHaveLength(1);
    expect(JSON.parse(a[0]!.details)).toMatchObject({ purpose: "mailing", agreementRef: "MAILHOUSE-2026-07", rows: r.rows });
    expect(a[0]!.details).not.toContain(maria.homeAddress!);
    expect((await verifyAudit(data(w.store))).ok).toBe(true);
  });

  it("no export without an agreement reference, or by staff who has not signed the confidentiality agreement", async () => {
    w = await world();
    await expect(exportVendor(w.store, { purpose: "mailing", agreement: "AGR-1", staff: PERSONAS.sofia, out: path.join(w.dir, "a.csv") })).rejects.toThrow(/not acknowledged/);
    await w.ack("sofia");
    await expect(exportVendor(w.store, { purpose: "mailing", agreement: "x", staff: PERSONAS.sofia, out: path.join(w.dir, "b.csv") })).rejects.toThrow(/--agreement/);
    expect(await count("VendorExport")).toBe(0);
  });
});

describe("§ At no time will the information supplied to vendors contain personal information regarding the membership unless specifically required for the service being provided", () => {
  it("CASS gets addresses only; the voter file gets the birthdate it needs; no export carries home phone or home e-mail", async () => {
    w = await world();
    await w.ack("sofia");
    const cass = path.join(w.dir, "cass.csv");
    await exportVendor(w.store, { purpose: "cass", agreement: "USPS-CASS-1", staff: PERSONAS.sofia, out: cass });
    expect(fs.readFileSync(cass, "utf8").split("\n")[0]).toBe("memberNumber,homeAddress");
    const voter = path.join(w.dir, "voter.csv");
    await exportVendor(w.store, { purpose: "voter-file", agreement: "VOTER-1", staff: PERSONAS.sofia, out: voter });
    const v = fs.readFileSync(voter, "utf8");
    expect(v.split("\n")[0]).toBe("memberNumber,firstName,lastName,birthdate,homeAddress");
    const maria = demoMembers(300)[0]!;
    expect(v).toContain(maria.birthdate!);
    for (const f of [cass, voter]) {
      const body = fs.readFileSync(f, "utf8");
      expect(body).not.toContain(maria.homePhone!);
      expect(body).not.toContain(maria.homeEmail!);
      expect(body).not.toContain(maria.workEmail!);
    }
  });

  it("insurance goes only to those carrying the benefit", async () => {
    w = await world();
    await w.ack("sofia");
    await expect(exportVendor(w.store, { purpose: "insurance", agreement: "LIFE-1", staff: PERSONAS.sofia, out: path.join(w.dir, "i0.csv") })).rejects.toThrow(/--members/);
    const out = path.join(w.dir, "i.csv");
    const r = await exportVendor(w.store, { purpose: "insurance", agreement: "LIFE-1", staff: PERSONAS.sofia, members: ["100001", "100002"], out });
    expect(r.rows).toBe(2);
    expect(fs.readFileSync(out, "utf8").trim().split("\n").slice(1).map((l) => l.split(",")[0])).toEqual(["100001", "100002"]);
  });
});

describe("§ Under no circumstance will union funds or other resources be used to promote any member's candidacy", () => {
  it("an officer-election purpose is refused outright with the policy's reason, recorded, and sent to no approver", async () => {
    w = await world();
    await w.ack("tom");
    const r = await w.request("tom", { ...outreach, purpose: "officer_election" });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(text(r)).toMatch(/refused/);
    expect(text(r)).toMatch(/may not be retained by the local officer or used for officer election purposes/);
    expect(r.notices).toHaveLength(0);
    expect(await audits("contacts.request.refused")).toHaveLength(1);
    expect(await count("ContactGrant")).toBe(0);
  });

  it("a justification about an officer election is flagged to the approver with the words, not refused on words alone", async () => {
    w = await world();
    await w.ack("tom");
    const r = await w.request("tom", { ...outreach, purpose: "email", justification: "I want to tell members why they should re-elect me as treasurer." });
    expect(r.ok && text(r)).toMatch(/mentions “re-elect”/);
    expect(r.ok && text(cardFor(r, w.personId(PERSONAS.pat)))).toMatch(/Check before approving: the explanation mentions “re-elect”/);
    expect((await data(w.store).one<{ status: string }>(`SELECT "status" FROM "ContactRequest"`))!.status).toBe("pending");
  });
});

describe("§ Contact information for Board members and Committees shall be available to members upon their request. Sub-local leadership contact information shall be made available to members of the sub-local upon their request", () => {
  it("a member sees the board and a committee, with work contacts only", async () => {
    w = await world();
    const board = text(await w.run("maria", "/contacts board"));
    expect(board).toMatch(/Dana Rivera/);
    expect(board).toMatch(/Paul Kim/);
    expect(board).toMatch(/dana\.rivera@example\.gov/);
    expect(board).not.toMatch(/home\.example/);
    expect(text(await w.run("maria", "/contacts committee Elections Committee"))).toMatch(/no committees/);
    expect(text(await w.run("sofia", '/contacts seat-add 100003 "Elections Committee" Chair'))).toMatch(/now sits on Elections Committee/);
    const c = text(await w.run("maria", "/contacts committee elections committee"));
    expect(c).toMatch(/Carla Nguyen — Chair/);
    expect(await audits("contacts.committee.view")).toHaveLength(1);
  });

  it("a member sees their own sub-local's leadership, and only theirs", async () => {
    w = await world();
    const own = text(await w.run("maria", "/contacts leaders"));
    expect(own).toMatch(/SL-083/);
    expect(own).toMatch(/Pat Larsen — President/);
    expect(own).toMatch(/Tom Haddad — Treasurer/);
    const other = text(await w.run("dana", "/contacts leaders"));
    expect(other).toMatch(/SL-390/);
    expect(other).not.toMatch(/Pat Larsen/);
  });

  it("a non-member cannot see sub-local leaders", async () => {
    w = await world();
    const feePayer = (await data(w.store).one<{ id: number }>(`SELECT p."id" FROM "Person" p JOIN "SubLocal" s ON s."id" = p."subLocalId" WHERE s."code" = 'SL-083' AND p."membershipStatus" = 'fee_payer' ORDER BY p."id" LIMIT 1`))!;
    await linkIdentity(data(w.store), { platform: "web", workspaceId: DEMO_WORKSPACE, userId: "fred", personId: feePayer.id, linkedVia: "demo" });
    const r = text(await w.run("fred", "/contacts leaders"));
    expect(r).toMatch(/available to members/);
    expect(r).not.toMatch(/Pat Larsen/);
    expect(text(await w.run("fred", "/contacts board"))).not.toMatch(/Dana Rivera/);
    const unlinked = text(await w.run("nico", "/contacts leaders"));
    expect(unlinked).toMatch(/isn't linked/);
    expect(unlinked).not.toMatch(/Pat Larsen/);
  });
});

describe("§ Upon request of the appropriate sub-local president, staff shall provide sub-local officers with the means to send out email communications, to mail communications, and to phonebank members within their sub-local", () => {
  it("an e-mail grant shows work e-mail and worksite of the sub-local's members, never phones, birthdates or home data", async () => {
    w = await world();
    await tomGetsGrant(w);
    const out = await w.run("tom", "/contacts list");
    const t = text(out);
    expect(out.reply.visibility).toBe("private");
    expect(t).toMatch(/work e-mail: /);
    expect(t).toMatch(/worksite: /);
    expect(t).not.toMatch(/work phone/);
    expect(t).not.toMatch(/503-555/);
    expect(t).not.toMatch(/home\.example|Demo St|Ave, Salem/);
    for (const m of demoMembers(300)) expect(t.includes(m.birthdate!)).toBe(false);
    // Only members of SL-083 are in it.
    const numbers = [...t.matchAll(/\((\d{6})\)/g)].map((m) => m[1]!);
    expect(numbers.length).toBe(20);
    const inScope = new Set(demoMembers(300).filter((m) => m.subLocalCode === "SL-083").map((m) => m.memberNumber));
    for (const n of numbers) expect(inScope.has(n)).toBe(true);
  });

  it("a phone-bank grant shows work phones but no e-mail; a mailing grant shows neither and no postal address in chat", async () => {
    w = await world();
    await tomGetsGrant(w, { ...outreach, purpose: "phone_bank" });
    const phone = text(await w.run("tom", "/contacts find Maria"));
    expect(phone).toMatch(/work phone: 503-555/);
    expect(phone).not.toMatch(/@example\.gov/);
    await w.store.close();
    w = await world();
    await tomGetsGrant(w, { ...outreach, purpose: "mailing" });
    const mail = text(await w.run("tom", "/contacts list"));
    expect(mail).not.toMatch(/@example\.gov|503-555|Demo St|Ave, Salem/);
    expect(mail).toMatch(/mail house/);
  });

  it("a campaign for a selected classification reaches only that classification", async () => {
    w = await world();
    await tomGetsGrant(w, { ...outreach, classification: "Office Specialist 2" });
    const t = text(await w.run("tom", "/contacts list"));
    const numbers = [...t.matchAll(/\((\d{6})\)/g)].map((m) => m[1]!);
    expect(numbers.length).toBeGreaterThan(0);
    const ok = new Set(demoMembers(300).filter((m) => m.subLocalCode === "SL-083" && m.classification === "Office Specialist 2").map((m) => m.memberNumber));
    for (const n of numbers) expect(ok.has(n)).toBe(true);
  });

  it("this information may not be retained: when the grant ends access stops and the grantee is reminded, once", async () => {
    w = await world();
    await tomGetsGrant(w);
    w.clock.advance(14 * DAY + 1000);
    const after = await w.run("tom", "/contacts list");
    expect(text(after)).toMatch(/no valid grant/);
    const reminder = after.notices.filter((n) => n.personId === w.personId(PERSONAS.tom));
    expect(reminder).toHaveLength(1);
    expect(reminder[0]!.message.fallbackText).toMatch(/nothing may be retained/);
    expect((await w.run("tom", "/contacts list")).notices).toHaveLength(0);
  });
});

describe("§ Upon request, staff shall provide directors with the means to contact by email, mail, or phone workers who work in the director's employer group and/or region", () => {
  it("a director's request goes to staff (and the statewide officers), not to a sub-local president; staff approve; the director sees only their employer group", async () => {
    w = await world();
    await w.ack("dana");
    const sent = await w.request("dana", { scope: "employer_group:Human Services", purpose: "email", justification: "Tell Human Services workers about the workload survey." });
    expect(sent.ok).toBe(true);
    if (!sent.ok) return;
    const to = sent.notices.map((n) => n.personId).sort();
    expect(to).toEqual([PERSONAS.sofia, PERSONAS.elena, PERSONAS.paul].map((n) => w.personId(n)).sort());
    expect(() => cardFor(sent, w.personId(PERSONAS.pat))).toThrow();
    const approved = await w.click("sofia", button(cardFor(sent, w.personId(PERSONAS.sofia)), /approve/i));
    expect(text(approved)).toMatch(/approved by Sofia Chen/);
    const t = text(await w.run("dana", "/contacts list page:2"));
    const numbers = [...t.matchAll(/\((\d{6})\)/g)].map((m) => m[1]!);
    const hs = new Set(demoMembers(300).filter((m) => m.employerGroup === "Human Services").map((m) => m.memberNumber));
    expect(numbers.length).toBeGreaterThan(0);
    for (const n of numbers) expect(hs.has(n)).toBe(true);
  });

  it("a director's campaign is at the discretion of the appropriate-level officer: staff alone cannot approve it", async () => {
    w = await world();
    await w.ack("dana");
    const sent = await w.request("dana", { scope: "employer_group:Human Services#organizing", purpose: "campaign_outreach", justification: "Organizing drive: reach represented workers who have not joined yet." });
    if (!sent.ok) throw new Error("form failed");
    expect(sent.notices.map((n) => n.personId)).not.toContain(w.personId(PERSONAS.sofia));
    const card = cardFor(sent, w.personId(PERSONAS.paul));
    expect(text(await w.click("sofia", button(card, /approve/i)))).toMatch(/not an approver/);
    expect(text(await w.click("paul", button(card, /approve/i)))).toMatch(/approved by Paul Kim/);
    // An organizing campaign reaches represented workers of the scope who are not members yet.
    const t = text(await w.run("dana", "/contacts list"));
    const numbers = [...t.matchAll(/\((\d{6})\)/g)].map((m) => m[1]!);
    const ok = new Set(demoMembers(300).filter((m) => m.employerGroup === "Human Services" && m.membershipStatus !== "member").map((m) => m.memberNumber));
    expect(numbers.length).toBeGreaterThan(0);
    for (const n of numbers) expect(ok.has(n)).toBe(true);
  });

  it("a CAPE campaign list reaches only the CAPE contributors of the scope", async () => {
    w = await world();
    await w.ack("tom");
    const sent = await w.request("tom", { scope: "sublocal:SL-083#cape", purpose: "campaign_outreach", justification: "CAPE drive: thank contributors and invite them to the lobby day." });
    if (!sent.ok) throw new Error("form failed");
    const card = cardFor(sent, w.personId(PERSONAS.pat));
    expect(text(card)).toContain("CAPE members");
    expect(text(await w.click("pat", button(card, /approve/i)))).toMatch(/approved by Pat Larsen/);
    const t = text(await w.run("tom", "/contacts list"));
    const numbers = [...t.matchAll(/\((\d{6})\)/g)].map((m) => m[1]!);
    const cape = new Set(demoMembers(300).filter((m) => m.subLocalCode === "SL-083" && m.membershipStatus === "member" && m.capeContributor).map((m) => m.memberNumber));
    expect(numbers.length).toBeGreaterThan(0);
    for (const n of numbers) expect(cape.has(n)).toBe(true);
    expect(numbers).toContain("100001"); // Maria contributes to CAPE in the demo data
  });
});

describe("§ General requests for information from the membership database that are not from or approved by the appropriate sub-local president or board director, or the statewide President, or the Executive Director or designee, shall be denied", () => {
  it("a steward without a grant sees nothing", async () => {
    w = await world();
    await w.ack("sam");
    for (const cmd of ["/contacts list", "/contacts find Maria"]) {
      const t = text(await w.run("sam", cmd));
      expect(t).toMatch(/no valid grant/);
      expect(t).not.toMatch(/@example\.gov|\(\d{6}\)/);
    }
    expect((await audits("contacts.denied")).filter((a) => JSON.parse(a.details).reason === "no_valid_grant")).toHaveLength(2);
    expect(text(await w.run("sam", "/contacts request"))).toMatch(/Only sub-local officers/);
  });

  it("a grant from someone who is not the right approver is impossible", async () => {
    w = await world();
    await w.ack("tom");
    const sent = await w.request("tom", outreach);
    if (!sent.ok) throw new Error("form failed");
    const card = cardFor(sent, w.personId(PERSONAS.pat));
    expect(text(await w.click("tom", button(card, /approve/i)))).toMatch(/your own request/); // the requester
    expect(text(await w.click("maria", button(card, /approve/i)))).toMatch(/only for/); // a member
    expect(text(await w.click("dana", button(card, /approve/i)))).toMatch(/only for/); // a director of another scope
    expect(text(await w.click("sofia", button(card, /approve/i)))).toMatch(/not an approver/); // staff, for a sub-local request
    expect(await count("ContactGrant")).toBe(0);
    expect(text(await w.run("tom", "/contacts list"))).toMatch(/no valid grant/);
    // The right approver's click still works afterwards.
    expect(text(await w.click("pat", button(card, /approve/i)))).toMatch(/approved by Pat Larsen/);
    expect(await count("ContactGrant")).toBe(1);
  });

  it("the statewide president or the executive director or designee can decide as fallback", async () => {
    w = await world();
    await w.ack("tom");
    const sent = await w.request("tom", outreach);
    if (!sent.ok) throw new Error("form failed");
    expect(sent.notices.map((n) => n.personId)).toEqual(expect.arrayContaining([PERSONAS.pat, PERSONAS.paul, PERSONAS.elena].map((n) => w.personId(n))));
    expect(text(await w.click("elena", button(cardFor(sent, w.personId(PERSONAS.elena)), /deny/i)))).toMatch(/denied by Elena Patel/);
  });
});

describe("§ Anyone having member information shall be made aware of the importance of protecting that information from unauthorized individuals and shall be required to sign a confidentiality agreement", () => {
  it("no request and no data before the agreement is acknowledged; the acknowledgement records version and time", async () => {
    w = await world();
    const r = await w.run("tom", "/contacts request");
    expect(r.reply.form).toBeUndefined();
    expect(text(r)).toMatch(/acknowledge the confidentiality agreement \(version 1\)/);
    const done = await w.click("tom", button(r.reply, /acknowledge version 1/i));
    expect(text(done)).toMatch(/acknowledgement of version 1 was recorded on 2026-11-23 09:00 PST/);
    const row = (await data(w.store).one<{ version: number; acknowledgedAt: string }>(`SELECT "version", "acknowledgedAt" FROM "ContactAgreementAck"`))!;
    expect(row.version).toBe(1);
    expect(new Date(row.acknowledgedAt).toISOString()).toBe("2026-11-23T17:00:00.000Z");
    expect(await audits("contacts.agreement.ack")).toHaveLength(1);
    expect((await w.run("tom", "/contacts request")).reply.form).toBeDefined();
  });

  it("a new version of the agreement needs a new acknowledgement before any more access", async () => {
    w = await world();
    await tomGetsGrant(w);
    const v1 = await w.run("tom", "/contacts agreement"); // already acknowledged: no button
    expect(text(v1)).toMatch(/You acknowledged version 1/);
    const old = await w.run("sam", "/contacts agreement"); // a card showing version 1
    expect(text(await w.run("sofia", "/contacts agreement-publish Version two: member information is confidential; use it only for the approved purpose and delete it afterwards."))).toMatch(/Published version 2/);
    const blocked = await w.run("tom", "/contacts list");
    expect(text(blocked)).toMatch(/version 2/);
    expect(text(blocked)).not.toMatch(/@example\.gov/);
    expect(text(await w.click("sam", button(old.reply, /version 1/)))).toMatch(/newer version \(2\)/);
    await w.ack("tom");
    expect(text(await w.run("tom", "/contacts list"))).toMatch(/@example\.gov/);
  });

  it("the agreement requires sensitive information on devices to be password protected, and exported files are readable by their owner only", async () => {
    w = await world();
    expect(text(await w.run("maria", "/contacts agreement"))).toMatch(/password protected/);
    await w.ack("sofia");
    const out = path.join(w.dir, "cass.csv");
    await exportVendor(w.store, { purpose: "cass", agreement: "USPS-CASS-1", staff: PERSONAS.sofia, out });
    expect(fs.statSync(out).mode & 0o077).toBe(0);
  });
});

describe("§ Click here to view and submit your acknowledgement of this form", () => {
  it("/contacts agreement shows the agreement with one acknowledge button that works once", async () => {
    w = await world();
    const shown = await w.run("maria", "/contacts agreement");
    const token = button(shown.reply, /acknowledge/i);
    expect(text(await w.click("maria", token))).toMatch(/recorded/);
    expect(text(await w.click("maria", token))).toMatch(/already decided/);
    expect(await count("ContactAgreementAck")).toBe(1);
  });
});
