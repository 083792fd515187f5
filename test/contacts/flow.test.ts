import { afterEach, describe, expect, it } from "vitest";
import { data } from "../../db/data.ts";
import { button, cardFor, outreach, PERSONAS, text, tomGetsGrant, world, type World } from "./setup.ts";

let w: World;
afterEach(async () => w && (await w.store.close()));

describe("the whole flow, as people would use it", () => {
  it("an officer requests, the sub-local president approves with a button, the officer sees the allowed fields, the president sees the access", async () => {
    w = await world();
    const { sent, decided } = await tomGetsGrant(w);
    expect(sent.ok && text(sent)).toMatch(/sent to the president of sub-local SL-083/);
    expect(decided.reply.update).toBe(true);
    expect(text(decided)).toMatch(/approved by Pat Larsen/);
    expect(text(cardFor(decided, w.personId(PERSONAS.tom)))).toMatch(/approved/);
    // Tom sees the first page of his sub-local's members, with only what an e-mail purpose needs.
    const inSubLocal = Number((await data(w.store).one<{ n: number }>(`SELECT count(*) AS "n" FROM "Person" p JOIN "SubLocal" s ON s."id" = p."subLocalId" WHERE s."code" = 'SL-083' AND p."membershipStatus" = 'member'`))!.n);
    const list = text(await w.run("tom", "/contacts list"));
    expect(list).toContain(`Members of sub-local SL-083 — page 1 of ${Math.ceil(inSubLocal / 20)} (${inSubLocal} people)`);
    const lines = list.split("\n").filter((l) => l.startsWith("• "));
    expect(lines).toHaveLength(20);
    for (const l of lines) expect(l).toMatch(/^• .+ \(\d{6}\) — work e-mail: \S+@example\.gov · worksite: .+$/);
    expect(list).toContain("• Maria Alvarez (100001) — work e-mail: maria.alvarez@example.gov · worksite: Gresham Field Office");
    expect(list).not.toMatch(/home|birth|phone|SL-390/i);
    expect(list).toMatch(/Grant #1 for E-mail members, valid until 2026-12-07 .*never use it for union officer elections/);
    // Pat, who approved, sees that access: who, what, how many, under which grant.
    const audit = text(await w.run("pat", "/contacts audit"));
    expect(audit).toContain("Member-contact accesses (1 latest, SL-083)");
    expect(audit).toMatch(/• 2026-11-23 .* — Tom Haddad \(member 100005\) listed 20 record\(s\) of Members of sub-local SL-083 — grant #1, purpose E-mail members, approved by Pat Larsen \(100004\)/);
  });
});
