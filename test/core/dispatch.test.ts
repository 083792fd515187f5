// The command core through its public entry points, on a real database with demo data.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { handleAction, handleCommand, handleForm, type Core } from "../../commands/core/dispatch.ts";
import type { RenderedReply } from "../../commands/core/reply.ts";
import { personByNumber } from "../../db/people.ts";
import { data } from "../../db/data.ts";
import { activeRoles, grantRole } from "../../db/roles.ts";
import type { Store } from "../../db/store.ts";
import { auditCount, demoCore, web } from "../helpers/store.ts";

let core: Core;
let store: Store;
beforeAll(async () => {
  ({ core, store } = await demoCore());
});
afterAll(async () => {
  await store.close();
});

const text = (r: RenderedReply) => r.fallbackText;
const buttons = (r: RenderedReply) => r.blocks.flatMap((b) => (b.type === "buttons" ? b.buttons : []));

describe("commands", () => {
  it("answers an unknown command privately and suggests help", async () => {
    const { reply } = await handleCommand(core, { actor: web("maria"), text: "/frobnicate now" });
    expect(reply.visibility).toBe("private");
    expect(text(reply)).toContain("I don't know the command /frobnicate");
  });

  it("help lists only what this person may run", async () => {
    const member = text((await handleCommand(core, { actor: web("maria"), text: "/help" })).reply);
    const staff = text((await handleCommand(core, { actor: web("sofia"), text: "/unionhall help" })).reply);
    expect(member).toContain("/unionhall whoami");
    expect(member).not.toContain("admin role grant");
    expect(staff).toContain("/unionhall admin role grant");
  });

  it("whoami shows the linked person and roles; an unlinked user is told how to get linked", async () => {
    expect(text((await handleCommand(core, { actor: web("pat"), text: "/whoami" })).reply)).toMatch(/Pat Larsen[\s\S]*sub-local officer \(president\)/);
    const unlinked = text((await handleCommand(core, { actor: web("nico"), text: "/whoami" })).reply);
    expect(unlinked).toContain("isn't linked yet");
    expect(unlinked).toContain("nico");
  });

  it("refuses a command to someone without the role, privately, and writes nothing", async () => {
    const before = await auditCount(store);
    const { reply } = await handleCommand(core, { actor: web("sam"), text: "/unionhall admin role grant 100001 steward SL-083" });
    expect(reply.visibility).toBe("private");
    expect(text(reply)).toContain("only for: staff");
    expect(await auditCount(store)).toBe(before);
  });

  it("tells an unlinked user to get linked instead of running a member command", async () => {
    const { reply } = await handleCommand(core, { actor: web("nico"), text: "/unionhall admin audit" });
    expect(text(reply)).toContain("isn't linked to a member record yet");
    expect(text(reply)).toContain("/unionhall admin link");
  });

  it("rejects bad arguments with the usage line and changes nothing", async () => {
    const before = await auditCount(store);
    const bad = await handleCommand(core, { actor: web("sofia"), text: "/unionhall admin role grant 100001 overlord SL-083" });
    expect(text(bad.reply)).toContain("`role`: choose one of:");
    expect(text(bad.reply)).toContain("Usage: `/unionhall admin role grant <member> <role> [scope] [until]` — or type the command alone to fill in a form.");
    const unknownSub = await handleCommand(core, { actor: web("sofia"), text: "/unionhall admin role grant 100001 steward SL-999" });
    expect(text(unknownSub.reply)).toContain("no sub-local with code SL-999");
    const tooMany = await handleCommand(core, { actor: web("sofia"), text: "/unionhall whoami please now" });
    // Typed as one line of text (Slack, the playground), words with spaces are kept together by quotes.
    expect(text(tooMany.reply)).toContain("I didn't expect “please” there (put text with spaces in quotes).");
    expect(await auditCount(store)).toBe(before);
  });

  it("a word or a fraction where a whole number goes is asked for as a number, not said to be missing", async () => {
    for (const typed of ["ten", "1.5"]) {
      const { reply } = await handleCommand(core, { actor: web("maria"), text: `/event show ${typed}` });
      expect(text(reply)).toContain("`id`: write a whole number, like 12");
      expect(text(reply)).not.toContain("this is required");
    }
    const es = await handleCommand(core, { actor: { ...web("maria"), locale: "es" }, text: "/event show diez" });
    expect(text(es.reply)).toContain("`id`: escriba un número entero, como 12");
  });

  it("a role grant is written to the role table and the audit log", async () => {
    const before = await auditCount(store);
    const { reply } = await handleCommand(core, { actor: web("sofia"), text: "/unionhall admin role grant 100020 steward SL-083" });
    expect(text(reply)).toContain("Granted steward (sub-local SL-083)");
    const p = (await personByNumber(data(store), "100020"))!;
    expect((await activeRoles(data(store), p.id, new Date())).map((r) => r.role)).toContain("steward");
    expect(await auditCount(store)).toBe(before + 1);
    const again = await handleCommand(core, { actor: web("sofia"), text: "/unionhall admin role grant 100020 steward SL-083" });
    expect(text(again.reply)).toContain("already holds");
    expect(await auditCount(store)).toBe(before + 1);
  });

  it("a repeated delivery runs once and gets the same answer", async () => {
    const ev = { actor: web("sofia"), text: "/unionhall admin role grant 100021 steward SL-083", deliveryId: "retry-1" };
    const first = await handleCommand(core, ev);
    const count = await auditCount(store);
    const second = await handleCommand(core, ev);
    expect(text(second.reply)).toBe(text(first.reply));
    expect(await auditCount(store)).toBe(count);
  });

  it("typed alone, a command with required arguments opens a form; bad fields come back inline", async () => {
    const { reply } = await handleCommand(core, { actor: web("sofia"), text: "/unionhall admin role grant" });
    expect(reply.form?.fields.map((f) => f.name)).toEqual(["member", "role", "scope", "until"]);
    const before = await auditCount(store);
    const bad = await handleForm(core, { actor: web("sofia"), token: reply.form!.token, values: { member: "", role: "overlord" } });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(Object.keys(bad.errors).sort()).toEqual(["member", "role"]);
    expect(await auditCount(store)).toBe(before);
    const good = await handleForm(core, { actor: web("sofia"), token: reply.form!.token, values: { member: "100022", role: "chief_steward", scope: "SL-390" } });
    expect(good.ok && text(good.reply)).toContain("Granted chief steward (sub-local SL-390)");
  });

  it("a form token cannot be used by someone without the role", async () => {
    const { reply } = await handleCommand(core, { actor: web("sofia"), text: "/unionhall admin role grant" });
    const out = await handleForm(core, { actor: web("maria"), token: reply.form!.token, values: { member: "100023", role: "staff" } });
    expect(out.ok && text(out.reply)).toContain("only for: staff");
  });
});

describe("buttons", () => {
  it("re-checks permission at click time", async () => {
    // Elena (executive director) lists Sam's roles; before she clicks, her own role ends.
    const listed = await handleCommand(core, { actor: web("elena"), text: "/unionhall admin role list 100002" });
    const end = buttons(listed.reply)[0]!;
    const elena = (await personByNumber(data(store), "100008"))!;
    await store.prisma.roleAssignment.updateMany({ where: { personId: elena.id, role: "executive_director" }, data: { endsAt: new Date(Date.now() - 1000) } });
    const before = await auditCount(store);
    const click = await handleAction(core, { actor: web("elena"), token: end.token });
    expect(text(click.reply)).toContain("only for: staff");
    expect(await auditCount(store)).toBe(before);
    const sam = (await personByNumber(data(store), "100002"))!;
    expect((await activeRoles(data(store), sam.id, new Date())).map((r) => r.role)).toContain("steward");
    // Staff still may, with the very same button.
    const ok = await handleAction(core, { actor: web("sofia"), token: end.token });
    expect(text(ok.reply)).toContain("Ended steward");
    expect(ok.reply.update).toBe(true);
  });

  it("a once-only button decides once, even when clicked twice", async () => {
    await handleCommand(core, { actor: web("sofia"), text: "/unionhall admin role grant 100030 steward SL-140" });
    const listed = await handleCommand(core, { actor: web("sofia"), text: "/unionhall admin role list 100030" });
    const end = buttons(listed.reply).find((b) => b.label === "End steward")!;
    const first = await handleAction(core, { actor: web("sofia"), token: end.token, deliveryId: "click-a" });
    const count = await auditCount(store);
    const second = await handleAction(core, { actor: web("sofia"), token: end.token, deliveryId: "click-b" });
    expect(text(first.reply)).toContain("Ended steward");
    expect(text(second.reply)).toContain("already decided");
    expect(await auditCount(store)).toBe(count);
  });

  it("the same click delivered twice (a retry) runs once and answers the same", async () => {
    await handleCommand(core, { actor: web("sofia"), text: "/unionhall admin role grant 100031 steward SL-140" });
    const listed = await handleCommand(core, { actor: web("sofia"), text: "/unionhall admin role list 100031" });
    const end = buttons(listed.reply).find((b) => b.label === "End steward")!;
    const a = await handleAction(core, { actor: web("sofia"), token: end.token, deliveryId: "same" });
    const b = await handleAction(core, { actor: web("sofia"), token: end.token, deliveryId: "same" });
    expect(text(b.reply)).toBe(text(a.reply));
  });

  it("an unknown or forged button token gets a polite expiry message", async () => {
    const { reply } = await handleAction(core, { actor: web("sofia"), token: "not-a-real-token" });
    expect(text(reply)).toContain("expired");
  });

  it("buttons of independent rows do not block each other", async () => {
    const p = (await personByNumber(data(store), "100040"))!;
    for (const sl of ["SL-083", "SL-390"]) await grantRole(store, { personId: p.id, role: "steward", scopeType: "sublocal", scopeId: sl, startsAt: new Date(Date.now() - 1000), grantedById: null });
    const listed = await handleCommand(core, { actor: web("sofia"), text: "/unionhall admin role list 100040" });
    const [b1, b2] = buttons(listed.reply);
    expect(text((await handleAction(core, { actor: web("sofia"), token: b1!.token })).reply)).toContain("Ended steward");
    expect(text((await handleAction(core, { actor: web("sofia"), token: b2!.token })).reply)).toContain("Ended steward");
  });
});
