// Seeing contacts under a grant, as the officer meets it: choosing between grants, paging, the
// mailing note, a grant that went with the office, and what each view or refusal leaves in the
// audit log (ids and counts only).
import { afterEach, describe, expect, it } from "vitest";
import { handleCommand } from "../../commands/core/dispatch.ts";
import { data } from "../../db/data.ts";
import { DEMO_WORKSPACE } from "../../db/demo.ts";
import { outreach, PERSONAS, text, tomGetsGrant, world, type World } from "./setup.ts";

let w: World;
afterEach(async () => {
  await w?.store.close();
});

const audits = async (action: string) =>
  (await data(w.store).all<{ subjectType: string; subjectId: string; details: string }>(`SELECT "subjectType", "subjectId", "details" FROM "AuditEntry" WHERE "action" = ? ORDER BY "id"`, action)).map((a) => ({ ...a, details: JSON.parse(a.details) as Record<string, unknown> }));
const run = (who: string, path: string[], options: Record<string, unknown> = {}) => handleCommand(w.core, { actor: { platform: "web", workspaceId: DEMO_WORKSPACE, userId: who, locale: "en" }, path, options });
const grantIds = async () => (await data(w.store).all<{ id: number }>(`SELECT "id" FROM "ContactGrant" ORDER BY "id"`)).map((g) => g.id);

describe("seeing contacts under a grant", () => {
  it("with no grant: nothing shown, and the refusal is in the audit log", async () => {
    w = await world({ members: 60 });
    const out = await run("tom", ["contacts", "find"], { name: "Alvarez" });
    expect(text(out)).toMatch(/no valid grant to see member contacts/);
    expect((await audits("contacts.denied")).at(-1)).toMatchObject({ subjectType: "person", subjectId: String(w.personId(PERSONAS.tom)), details: { reason: "no_valid_grant", kind: "find" } });
  });

  it("two grants: asked to choose, each listed; the chosen one is used; another's grant number is refused and logged", async () => {
    w = await world({ members: 60 });
    await tomGetsGrant(w);
    await tomGetsGrant(w, { ...outreach, purpose: "mailing" });
    const [email, mailing] = await grantIds();
    const ask = text(await run("tom", ["contacts", "list"]));
    expect(ask).toContain(`add the grant number, e.g. /contacts list grant:${email}`);
    expect(ask).toContain("Your valid grants");
    expect(ask).toMatch(new RegExp(`#${email} — .*SL-083 for E-mail members, until 2026-12-07`));
    expect(ask).toMatch(new RegExp(`#${mailing} — .*SL-083 for .*, until 2026-12-07`));
    const list = text(await run("tom", ["contacts", "list"], { grant: mailing }));
    expect(list).toContain(`Grant #${mailing} for`);
    expect(list).toContain("Postal addresses are never shown in chat");
    expect(list).not.toContain("work e-mail");
    const byEmail = text(await run("tom", ["contacts", "list"], { grant: email }));
    expect(byEmail).toContain("work e-mail");
    expect(byEmail).not.toContain("Postal addresses are never shown");
    const wrong = await run("tom", ["contacts", "list"], { grant: 999 });
    expect(text(wrong)).toContain("Grant #999 isn't one of your valid grants.");
    expect((await audits("contacts.denied")).at(-1)).toMatchObject({ subjectType: "grant", subjectId: "999", details: { reason: "not_a_valid_grant_of_caller", kind: "list" } });
  });

  it("pages through the members, 20 a page, and logs each view with what was shown", async () => {
    w = await world({ members: 120 });
    await tomGetsGrant(w);
    const [grant] = await grantIds();
    const p1 = text(await run("tom", ["contacts", "list"], { page: 1 }));
    const p2 = text(await run("tom", ["contacts", "list"], { page: 2 }));
    const people = (t: string) => t.split("\n").filter((l) => l.startsWith("• "));
    expect(p2).toMatch(/— page 2 of \d+ \(\d+ people\)/);
    expect(people(p1)).toHaveLength(20);
    expect(people(p2).length).toBeGreaterThan(0);
    expect(people(p2).some((l) => people(p1).includes(l))).toBe(false);
    const views = await audits("contacts.view");
    expect(views.at(-1)).toMatchObject({ subjectType: "grant", subjectId: String(grant), details: { kind: "list", page: 2, scopeType: "sublocal", scopeId: "SL-083", purpose: "email", fields: ["workEmail", "worksite"], shown: people(p2).length } });
    expect((views.at(-1)!.details.personIds as number[]).length).toBe(people(p2).length);
    expect(JSON.stringify(views)).not.toMatch(/@example\.gov|Alvarez/);
    const pages = Number(/page 1 of (\d+)/.exec(p1)![1]);
    expect(text(await run("tom", ["contacts", "list"], { page: pages + 1 }))).toContain(`There are only ${pages} page(s).`);
  });

  it("finds by name within the grant's scope, says where it looked, and logs the view without the words searched", async () => {
    w = await world({ members: 60 });
    await tomGetsGrant(w);
    const found = text(await run("tom", ["contacts", "find"], { name: "Alvarez" }));
    expect(found).toMatch(/Matches for “Alvarez” in .*SL-083/);
    expect(found).toContain("Maria Alvarez (100001)");
    // Typed in lower case, as people do: the same match on either engine.
    expect(text(await run("tom", ["contacts", "find"], { name: "maria alvarez" }))).toContain("Maria Alvarez (100001)");
    expect((await audits("contacts.view")).at(-1)!.details).toMatchObject({ kind: "find", shown: 1 });
    expect(JSON.stringify((await audits("contacts.view")).at(-1))).not.toContain("Alvarez");
  });

  it("a grant goes with the office: once the officer's role ends, the grant shows nothing", async () => {
    w = await world({ members: 60 });
    await tomGetsGrant(w);
    expect(text(await run("tom", ["contacts", "list"]))).toContain("work e-mail");
    await data(w.store).run(`UPDATE "RoleAssignment" SET "endsAt" = ? WHERE "personId" = ? AND "role" = 'sublocal_officer'`, new Date("2026-11-23T16:00:00Z"), w.personId(PERSONAS.tom));
    const after = await run("tom", ["contacts", "list"]);
    expect(text(after)).toMatch(/no valid grant to see member contacts/);
  });
});
