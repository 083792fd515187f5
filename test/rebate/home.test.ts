// The treasury on Home, in the pending-decisions list and in a sub-local's handoff packet: only
// for those who may see the account, with working decision buttons.
import { beforeAll, expect, it } from "vitest";
import type { LinkedCtx } from "../../commands/core/command.ts";
import { handleHome } from "../../commands/core/home.ts";
import { makeCtx, renderStandalone } from "../../commands/core/dispatch.ts";
import { resolveCaller } from "../../commands/core/identity.ts";
import { fallbackText } from "../../commands/core/reply.ts";
import { rebateFeature } from "../../commands/rebate/index.ts";
import { DEMO_WORKSPACE } from "../../db/demo.ts";
import { button, PERSONAS, text, world, type World } from "./setup.ts";

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
  const rendered = renderStandalone(w.core, { visibility: "private", blocks: items[0]!.blocks }, w.personId(PERSONAS.pat));
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
