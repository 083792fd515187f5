// Grants over time, the audit trail of every view, once-only decisions, the approvers' access log,
// and polite refusals of bad input that change nothing.
import { afterEach, describe, expect, it } from "vitest";
import { data } from "../../db/data.ts";
import { verifyAudit } from "../../db/audit.ts";
import { getJobByKey } from "../../db/jobs.ts";
import { createTranslator } from "../../commands/core/i18n.ts";
import { coreStrings } from "../../commands/core/strings.ts";
import { contactsStrings } from "../../commands/contacts/strings.ts";
import { grantEndedJob } from "../../commands/contacts/jobs.ts";
import { silentLog } from "../../commands/core/dispatch.ts";
import { demoMembers } from "../../db/demo.ts";
import { button, cardFor, DAY, outreach, PERSONAS, text, tomGetsGrant, world, type World } from "./setup.ts";
import { createFormatter } from "../../commands/core/format.ts";

let w: World;
afterEach(async () => {
  await w?.store.close();
});

const audits = (action: string) =>
  data(w.store).all<{ id: number; details: string; subjectId: string | null; actorPersonId: number | null }>(`SELECT * FROM "AuditEntry" WHERE "action" = ? ORDER BY "id"`, action);
const count = async (table: string) => Number((await data(w.store).one<{ n: number }>(`SELECT count(*) AS "n" FROM "${table}"`))!.n);

describe("grants", () => {
  it("an expired grant stops access (default 14 days)", async () => {
    w = await world();
    await tomGetsGrant(w);
    w.clock.advance(14 * DAY - 60_000);
    expect(text(await w.run("tom", "/contacts list"))).toMatch(/@example\.gov/);
    w.clock.advance(120_000);
    const t = text(await w.run("tom", "/contacts find Maria"));
    expect(t).toMatch(/no valid grant/);
    expect(t).not.toMatch(/@example\.gov/);
  });

  it("a grant lasts as long as asked, at most 30 days; 31 is refused and nothing is created", async () => {
    w = await world();
    await w.ack("tom");
    const bad = await w.request("tom", { ...outreach, days: "31" });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.errors.days).toMatch(/1 and 30/);
    expect(await count("ContactRequest")).toBe(0);
    await tomGetsGrant(w, { ...outreach, days: "30" });
    const g = (await data(w.store).one<{ startsAt: string; expiresAt: string }>(`SELECT "startsAt", "expiresAt" FROM "ContactGrant"`))!;
    expect(new Date(g.expiresAt).getTime() - new Date(g.startsAt).getTime()).toBe(30 * DAY);
  });

  it("a grant goes with the office: when the grantee's role ends, access stops", async () => {
    w = await world();
    await tomGetsGrant(w);
    expect(text(await w.run("tom", "/contacts list"))).toMatch(/@example\.gov/);
    expect(text(await w.run("sofia", "/unionhall admin role revoke 100005 sublocal_treasurer SL-083"))).toMatch(/Ended/);
    const t = text(await w.run("tom", "/contacts list"));
    expect(t).toMatch(/no valid grant/);
    expect(t).not.toMatch(/@example\.gov/);
  });

  it("an approver can end a grant early: access stops and the grantee is told nothing may be retained; others cannot", async () => {
    w = await world();
    await tomGetsGrant(w);
    expect(text(await w.run("sam", "/contacts revoke 1"))).toMatch(/only for/);
    expect(text(await w.run("tom", "/contacts revoke 1"))).toMatch(/Only those who could approve/);
    const r = await w.run("pat", "/contacts revoke 1");
    expect(text(r)).toMatch(/Grant #1 of Tom Haddad has ended/);
    expect(r.notices.find((n) => n.personId === w.personId(PERSONAS.tom))!.message.fallbackText).toMatch(/nothing may be retained/);
    expect(text(await w.run("tom", "/contacts list"))).toMatch(/no valid grant/);
    expect(text(await w.run("sofia", "/contacts revoke 1"))).toMatch(/already ended/);
    expect(await audits("contacts.grant.revoke")).toHaveLength(1);
  });

  it("the end of a grant is scheduled with the scheduler, and its reminder says nothing may be retained, once", async () => {
    w = await world();
    await tomGetsGrant(w);
    const job = await getJobByKey(w.store, "contacts.grant_ended:1");
    expect(job).toMatchObject({ kind: "contacts.grant_ended", personId: w.personId(PERSONAS.tom), status: "pending" });
    expect(job!.dueAt.toISOString()).toBe(new Date(Date.parse("2026-11-23T17:00:00Z") + 14 * DAY).toISOString());
    const t = createTranslator([coreStrings, contactsStrings]).forLocale("en");
    const jobCtx = (now: Date) => ({ store: w.store, t, locale: "en", clock: { now: () => now }, log: silentLog, timeZone: "America/Los_Angeles", features: [], fmt: createFormatter("en", "America/Los_Angeles"), job: { id: job!.id, kind: job!.kind, dueAt: job!.dueAt, timeZone: job!.timeZone, platform: "any", channelId: null, userId: null, personId: job!.personId, attempt: 1, ruleId: null, createdById: null } });
    expect(await grantEndedJob.render(jobCtx(new Date(Date.parse("2026-11-30T00:00:00Z"))), { grantId: 1 })).toBeNull(); // not over yet
    const msg = await grantEndedJob.render(jobCtx(job!.dueAt), { grantId: 1 });
    expect(msg && text(msg)).toMatch(/nothing may be retained/);
    expect(await grantEndedJob.render(jobCtx(job!.dueAt), { grantId: 1 })).toBeNull(); // once
    w.clock.advance(15 * DAY);
    expect((await w.run("tom", "/contacts list")).notices).toHaveLength(0); // the safety net does not repeat it
  });
});

describe("accountability", () => {
  it("every view is in the audit log, with ids only", async () => {
    w = await world();
    await tomGetsGrant(w);
    await w.run("tom", "/contacts list");
    await w.run("tom", "/contacts list page:2");
    await w.run("tom", "/contacts find Garcia");
    const views = await audits("contacts.view");
    expect(views).toHaveLength(3);
    expect(views.map((v) => JSON.parse(v.details).kind)).toEqual(["list", "list", "find"]);
    for (const v of views) {
      expect(v.actorPersonId).toBe(w.personId(PERSONAS.tom));
      expect(v.subjectId).toBe("1");
      const d = JSON.parse(v.details);
      expect(d.personIds.length).toBe(d.shown);
      expect(v.details).not.toMatch(/Garcia|@|example|Salem/);
    }
    expect(await count("ContactAccess")).toBe(3);
    expect((await verifyAudit(data(w.store))).ok).toBe(true);
  });

  it("approvers see who accessed their scope's data, when and under which grant; staff see everything; others nothing", async () => {
    w = await world();
    await tomGetsGrant(w);
    await w.run("tom", "/contacts list");
    const pat = text(await w.run("pat", "/contacts audit"));
    expect(pat).toMatch(/Tom Haddad \(member 100005\) listed 20 record\(s\) of Members of sub-local SL-083/);
    expect(pat).toMatch(/grant #1, purpose E-mail members, approved by Pat Larsen/);
    expect(text(await w.run("sofia", "/contacts audit"))).toMatch(/Tom Haddad/);
    expect(text(await w.run("maria", "/contacts audit"))).toMatch(/only for/);
    expect(text(await w.run("tom", "/contacts audit"))).toMatch(/Only approvers/);
  });

  it("Approve/Deny decides once, across every approver's card", async () => {
    w = await world();
    await w.ack("tom");
    const sent = await w.request("tom", outreach);
    if (!sent.ok) throw new Error("form failed");
    const patCard = cardFor(sent, w.personId(PERSONAS.pat));
    const paulCard = cardFor(sent, w.personId(PERSONAS.paul));
    const approved = await w.click("pat", button(patCard, /approve/i));
    expect(approved.reply.update).toBe(true);
    expect(text(await w.click("pat", button(patCard, /deny/i)))).toMatch(/already decided/);
    expect(text(await w.click("paul", button(paulCard, /deny/i)))).toMatch(/already approved by Pat Larsen/);
    expect(await count("ContactGrant")).toBe(1);
    expect((await data(w.store).one<{ status: string }>(`SELECT "status" FROM "ContactRequest"`))!.status).toBe("approved");
    // The requester was told, once.
    expect(approved.notices.filter((n) => n.personId === w.personId(PERSONAS.tom))).toHaveLength(1);
  });
});

describe("bad input: a polite private answer, nothing changed", () => {
  it("the request form fits a Discord modal (five fields at most)", async () => {
    w = await world();
    await w.ack("dana");
    const form = (await w.run("dana", "/contacts request")).reply.form!;
    expect(form.fields.length).toBeLessThanOrEqual(5);
    expect(form.fields.find((f) => f.name === "scope")!.options!.map((o) => o.value)).toEqual(["employer_group:Human Services", "employer_group:Human Services#organizing", "employer_group:Human Services#cape"]);
  });

  it("refuses a tampered scope, a short justification, a non-number of days and an unknown classification", async () => {
    w = await world();
    await w.ack("tom");
    const before = await count("AuditEntry");
    const cases: [Record<string, string>, string][] = [
      [{ ...outreach, scope: "sublocal:SL-390" }, "scope"],
      [{ ...outreach, justification: "pls" }, "justification"],
      [{ ...outreach, days: "two weeks" }, "days"],
      [{ ...outreach, scope: "sublocal:SL-083#organizing", classification: "Office Specialist 2" }, "classification"],
      [{ ...outreach, classification: "Astronaut" }, "classification"],
      [{ ...outreach, purpose: "sell_to_vendor" }, "purpose"],
    ];
    for (const [values, field] of cases) {
      const r = await w.request("tom", values);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(Object.keys(r.errors)).toContain(field);
    }
    expect(await count("ContactRequest")).toBe(0);
    expect(await count("AuditEntry")).toBe(before);
  });

  it("a grant number that isn't yours shows nothing", async () => {
    w = await world();
    await tomGetsGrant(w);
    await w.ack("pat");
    const r = await w.run("pat", "/contacts list grant:1");
    expect(r.reply.visibility).toBe("private");
    expect(text(r)).toMatch(/no valid grant/);
    expect(text(await w.run("tom", "/contacts list grant:7"))).toMatch(/isn't one of your valid grants/);
    expect(text(await w.run("tom", "/contacts list page:99"))).toMatch(/only 3 page/);
    expect(await audits("contacts.view")).toHaveLength(0);
  });

  it("no command ever shows a birthdate or home data, whoever asks", async () => {
    w = await world();
    await tomGetsGrant(w, { ...outreach, purpose: "campaign_outreach" });
    const all = [
      await w.run("tom", "/contacts list"),
      await w.run("tom", "/contacts find Alvarez"),
      await w.run("maria", "/contacts board"),
      await w.run("maria", "/contacts leaders"),
      await w.run("sofia", "/contacts audit"),
    ]
      .map((o) => text(o))
      .join("\n");
    const maria = demoMembers(300)[0]!;
    expect(all).toMatch(/Maria Alvarez/);
    for (const v of [maria.birthdate!, maria.homeAddress!, maria.homePhone!, maria.homeEmail!]) expect(all).not.toContain(v);
  });
});
