// What waits for me: Home shows every item waiting for this person's decision, `/unionhall pending`
// lists them with their buttons, and both work after a restart (a new core on the same database).
import { afterEach, describe, expect, it } from "vitest";
import { createCore, handleAction, handleCommand } from "../../commands/core/dispatch.ts";
import { handleHome } from "../../commands/core/home.ts";
import { contactsFeature } from "../../commands/contacts/index.ts";
import { unionhallFeature } from "../../commands/unionhall/index.ts";
import { DEMO_WORKSPACE } from "../../db/demo.ts";
import { createRequest } from "../../db/contacts.ts";
import { button, PERSONAS, text, world, type World } from "../contacts/setup.ts";

let w: World;
afterEach(async () => w && (await w.store.close()));
const actor = (who: string) => ({ platform: "web" as const, workspaceId: DEMO_WORKSPACE, userId: who, locale: "en" });

/** A request as the request form stores it, routed as the policy routes it. */
async function ask(w: World, who: keyof typeof PERSONAS, scope: { scopeType: "sublocal" | "employer_group"; scopeId: string }, route: string) {
  return createRequest(w.store, {
    ...scope,
    campaign: null,
    campaignDetail: null,
    requesterId: w.personId(PERSONAS[who]),
    purpose: "email",
    justification: "Invite members to the Thursday worksite meeting about the new contract.",
    days: 14,
    route,
    status: "pending",
    createdAt: w.clock.now(),
  });
}

describe("items waiting for my decision", () => {
  it("Pat's Home shows Tom's contact request with its buttons, instead of “nothing needs your attention”", async () => {
    w = await world();
    await ask(w, "tom", { scopeType: "sublocal", scopeId: "SL-083" }, "sublocal_president:SL-083");
    const home = await handleHome(w.core, actor("pat"));
    const shown = text(home);
    expect(shown).toContain("Waiting for your decision (1)");
    expect(shown).toMatch(/Contact access request #1\n/);
    expect(shown).toContain("Tom Haddad");
    expect(shown).toMatch(/waiting since .*2026/);
    expect(shown).not.toContain("Nothing needs your attention right now.");
    expect(home.blocks.flatMap((b) => (b.type === "buttons" ? b.buttons.map((x) => x.label) : []))).toEqual(["Approve · 1", "Deny · 1"]);
    // Tom asked: nothing waits for him; Maria decides nothing.
    expect(text(await handleHome(w.core, actor("tom")))).not.toContain("Waiting for your decision");
    expect(text(await w.run("maria", "/unionhall pending"))).toContain("Nothing waits for your decision right now.");
  });

  it("/unionhall pending lists them with working buttons after a restart, and a decided item leaves every list", async () => {
    w = await world();
    await ask(w, "tom", { scopeType: "sublocal", scopeId: "SL-083" }, "sublocal_president:SL-083");
    await ask(w, "dana", { scopeType: "employer_group", scopeId: "Human Services" }, "staff");

    // A restart: the playground's cards are gone; a new core on the same database still knows.
    const core = createCore({ store: w.store, features: [unionhallFeature, contactsFeature], clock: w.clock });
    const pat = await handleCommand(core, { actor: actor("pat"), text: "/unionhall pending" });
    expect(text(pat)).toContain("Waiting for your decision (1)");
    expect(text(pat)).toContain("Tom Haddad");
    expect(text(pat)).not.toContain("Dana Rivera");
    const sofia = await handleCommand(core, { actor: actor("sofia"), text: "/unionhall pending" });
    expect(text(sofia)).toContain("Dana Rivera");
    expect(text(sofia)).not.toContain("Tom Haddad");

    const approved = await handleAction(core, { actor: actor("pat"), token: button(pat.reply, /approve/i) });
    expect(text(approved)).toMatch(/approved/i);
    expect(text(await handleCommand(core, { actor: actor("pat"), text: "/unionhall pending" }))).toContain("Nothing waits for your decision right now.");
    // Elena (executive director) could have decided Tom's request as the fallback: it has left her list too.
    expect(text(await handleCommand(core, { actor: actor("elena"), text: "/unionhall pending" }))).not.toContain("Tom Haddad");
    // A second click on an old card changes nothing.
    const again = await handleAction(core, { actor: actor("pat"), token: button(pat.reply, /deny/i) });
    expect(text(again)).toMatch(/already/i);
  });

  it("a long list comes a page at a time, oldest first, saying how to see the rest", async () => {
    w = await world();
    for (let i = 0; i < 10; i++) {
      await ask(w, "tom", { scopeType: "sublocal", scopeId: "SL-083" }, "sublocal_president:SL-083");
      w.clock.advance(60_000);
    }
    const first = text(await w.run("pat", "/unionhall pending"));
    expect(first).toContain("Waiting for your decision (10)");
    expect(first.match(/Contact access request #\d+\n/g)).toEqual(Array.from({ length: 8 }, (_, i) => `Contact access request #${i + 1}\n`));
    expect(first).toContain("More waiting: /unionhall pending 2 shows page 2 of 2.");
    const second = text(await w.run("pat", "/unionhall pending 2"));
    expect(second.match(/Contact access request #\d+\n/g)).toEqual(["Contact access request #9\n", "Contact access request #10\n"]);
    expect(second).not.toContain("More waiting");
    const home = text(await handleHome(w.core, actor("pat")));
    expect(home.match(/Contact access request #\d+\n/g)).toHaveLength(8);
    expect(home).toContain("More waiting: /unionhall pending 2");
  });
});
