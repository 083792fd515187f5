// The treasury on Home, in the pending-decisions list and in a sub-local's handoff packet: only
// for those who may see the account, with working decision buttons.
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { listAudit } from "../../db/audit.ts";
import { grantRole } from "../../db/roles.ts";
import type { LinkedCtx } from "../../commands/core/command.ts";
import { handleHome } from "../../commands/core/home.ts";
import { makeCtx, renderStandalone } from "../../commands/core/dispatch.ts";
import { resolveCaller } from "../../commands/core/identity.ts";
import { fallbackText } from "../../commands/core/reply.ts";
import { rebateFeature } from "../../commands/rebate/index.ts";
import { DEMO_WORKSPACE } from "../../db/demo.ts";
import { button, fileRequest, noticeFor, PERSONAS, personaIds, REQUEST_FORM, text, world, type World } from "./setup.ts";

let w: World;
const actor = (who: string) => ({ platform: "web" as const, workspaceId: DEMO_WORKSPACE, userId: who, locale: "en" });
async function ctxOf(who: string): Promise<LinkedCtx> {
  return makeCtx(w.core, actor(who), await resolveCaller(w.store, actor(who), w.clock.now())) as LinkedCtx;
}

beforeAll(async () => {
  w = await world();
  const filed = await w.form("tom", "/rebate request", { payee: "Salem Print Shop", amount: "250.00", purpose: "Flyers", needed_by: "2026-12-10" });
  if (!filed.ok) throw new Error("not filed");
});

it("Home shows the treasurer's balance with what is promised and open; nothing for a member", async () => {
  const home = fallbackText((await handleHome(w.core, actor("tom"))).blocks);
  expect(home).toMatch(/SL-083 Salem State Workers: rebate account\nBalance: \$36,112\.50\nPromised to open requests: \$250\.00\nAvailable: \$35,862\.50/);
  expect(home).toMatch(/Open payment requests: 1 · open disputes: 0/);
  expect(fallbackText((await handleHome(w.core, actor("maria"))).blocks)).not.toMatch(/rebate/i);
});

it("pending: the president is asked to co-sign, and the button on the pending item works", async () => {
  const items = await rebateFeature.pending!(await ctxOf("pat"));
  expect(items.map((i) => i.summary)).toEqual(["Payment request #1 ($250.00) needs your signature"]);
  expect(await rebateFeature.pending!(await ctxOf("tom"))).toEqual([]);
  const rendered = await renderStandalone(w.core, { visibility: "private", blocks: items[0]!.blocks }, w.personId(PERSONAS.pat));
  const signed = await w.click("pat", button(rendered, /co-sign/i));
  expect(text(signed)).toMatch(/Signed by two officers, waiting for treasury staff/);
  const staff = await rebateFeature.pending!(await ctxOf("sofia"));
  expect(staff.map((i) => i.summary)).toEqual(["Payment request #1 (SL-083, $250.00)"]);
  expect(await rebateFeature.pending!(await ctxOf("pat"))).toEqual([]);
});

it("handoff: the sub-local's account in figures for those who may see it, nothing for others", async () => {
  const sub = { id: 1, code: "SL-083", name: "Salem State Workers" };
  const section = await rebateFeature.handoff!(await ctxOf("pat"), sub);
  expect(section?.markdown).toMatch(/## Rebate account[\s\S]*- \*\*Balance:\*\* \$36,112\.50[\s\S]*- \*\*Open payment requests:\*\* 1/);
  expect(section?.markdown).not.toMatch(/Salem Print Shop/);
  expect(await rebateFeature.handoff!(await ctxOf("sam"), sub)).toBeNull();
  expect(await rebateFeature.handoff!(await ctxOf("dana"), { id: 3, code: "SL-140", name: "Willamette Valley Transportation" })).toBeNull();
});

describe("Home, pending and handoff in detail", () => {
  let v: World;
  const ctxIn = async (who: string) => makeCtx(v.core, actor(who), await resolveCaller(v.store, actor(who), v.clock.now())) as LinkedCtx;
  const homeOf = async (who: string) => fallbackText((await handleHome(v.core, actor(who))).blocks);
  const audited = async (action: string) => (await listAudit(v.store, { action })).map((a) => ({ actor: a.actorPersonId, subject: [a.subjectType, a.subjectId], details: JSON.parse(a.details) as Record<string, unknown> }));
  beforeEach(async () => {
    v = await world();
  });

  it("staff see on Home what waits for them; viewing is audited with how many sub-locals one signs for, and a member leaves no trace", async () => {
    const ids = personaIds(v);
    await fileRequest(v, "tom");
    expect(await homeOf("sofia")).toMatch(/Treasury\nWaiting for treasury staff: 0 statement request\(s\), 0 payment request\(s\), 0 dispute\(s\)\./);
    await v.click("pat", button(noticeFor(await fileRequest(v, "tom"), ids.pat), /co-sign/i));
    expect(await homeOf("sofia")).toMatch(/Waiting for treasury staff: 0 statement request\(s\), 1 payment request\(s\), 0 dispute\(s\)\./);
    expect(await homeOf("tom")).not.toMatch(/Waiting for treasury staff/);
    await homeOf("maria");
    expect(await audited("rebate.home.view")).toEqual([
      { actor: ids.tom, subject: [null, null], details: { platform: "web", sublocals: 1 } },
      { actor: ids.sofia, subject: [null, null], details: { platform: "web", sublocals: 0 } },
      { actor: ids.sofia, subject: [null, null], details: { platform: "web", sublocals: 0 } },
    ]);
  });

  it("staff's pending list leaves out what they asked for, signed or opened themselves, oldest first", async () => {
    const ids = personaIds(v);
    // Sofia is also treasurer of SL-140 here: what she files or co-signs is for another staff member.
    await grantRole(v.store, { personId: ids.sofia, role: "sublocal_officer", office: "treasurer", scopeType: "sublocal", scopeId: "SL-140", startsAt: new Date("2026-11-01T00:00:00Z"), grantedById: null });
    await grantRole(v.store, { personId: ids.paul, role: "sublocal_officer", office: "president", scopeType: "sublocal", scopeId: "SL-140", startsAt: new Date("2026-11-01T00:00:00Z"), grantedById: null });
    await grantRole(v.store, { personId: ids.elena, role: "staff", office: null, scopeType: "statewide", scopeId: null, startsAt: new Date("2026-11-01T00:00:00Z"), grantedById: null });
    const filed = await fileRequest(v, "sofia", { ...REQUEST_FORM, payee: "Valley Bus Depot" });
    v.clock.advance(3_600_000);
    await v.click("paul", button(noticeFor(filed, ids.paul), /co-sign/i));
    v.clock.advance(3_600_000);
    const tomsFiled = await fileRequest(v, "tom");
    v.clock.advance(3_600_000);
    await v.click("pat", button(noticeFor(tomsFiled, ids.pat), /co-sign/i));
    const summaries = async (who: string) => (await rebateFeature.pending!(await ctxIn(who))).map((i) => i.summary);
    expect(await summaries("sofia")).toEqual(["Payment request #2 (SL-083, $250.00)"]);
    expect(await summaries("elena")).toEqual(["Payment request #1 (SL-140, $250.00)", "Payment request #2 (SL-083, $250.00)"]);
  });

  it("the handoff packet: balance, promised, this year's totals by kind, what is open and whether statements go out by themselves; audited", async () => {
    const ids = personaIds(v);
    await fileRequest(v, "tom");
    const sub = { id: 1, code: "SL-083", name: "Salem State Workers" };
    const section = (await rebateFeature.handoff!(await ctxIn("pat"), sub))!;
    expect(section.area).toBe("rebate");
    expect(section.title).toBe("Rebate account");
    expect(section.blocks).toEqual([
      { type: "section", title: "Rebate account", fields: expect.any(Array) },
      { type: "context", text: "See the details with /rebate balance, and ask for a statement with /rebate statement." },
    ]);
    expect(section.markdown).toMatch(
      /^## Rebate account\n\n- \*\*Balance:\*\* \$36,112\.50\n- \*\*Promised to open requests:\*\* \$250\.00\n- \*\*Rebate deposit \(2026\):\*\* \$[\d,.]+\n- \*\*Payment \(2026\):\*\* -?\$[\d,.]+\n- \*\*Expense reimbursement \(2026\):\*\* -\$[\d,.]+\n- \*\*Transfer \(2026\):\*\* -?\$[\d,.]+\n- \*\*Correction \(2026\):\*\* -?\$[\d,.]+\n- \*\*Open payment requests:\*\* 1\n- \*\*Open disputes:\*\* 0\n- \*\*Monthly statement sent automatically:\*\* no\n\nSee the details with \/rebate balance, and ask for a statement with \/rebate statement\.\n$/,
    );
    expect(text(await v.run("sofia", "/rebate auto SL-083 on"))).not.toMatch(/⚠️/);
    expect((await rebateFeature.handoff!(await ctxIn("pat"), sub))!.markdown).toMatch(/Monthly statement sent automatically:\*\* yes/);
    expect(await audited("rebate.handoff.view")).toEqual([
      { actor: ids.pat, subject: ["sublocal", "SL-083"], details: { platform: "web" } },
      { actor: ids.pat, subject: ["sublocal", "SL-083"], details: { platform: "web" } },
    ]);
    // A sub-local that is not on record has no section.
    expect(await rebateFeature.handoff!(await ctxIn("sofia"), { id: 99, code: "SL-999", name: "Nowhere" })).toBeNull();
  });
});
