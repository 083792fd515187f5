// The statement's doors a user can knock on besides the happy path: staff never decide a statement
// they asked for themselves, a number that names no issued statement says so, and the statewide
// president lists every sub-local's issued statements.
import { data } from "../../db/data.ts";
import { beforeEach, expect, it } from "vitest";
import { statementById } from "../../db/rebate-requests.ts";
import { button, noticeFor, personaIds, text, withReason, world, type World } from "./setup.ts";

let w: World;
let id: ReturnType<typeof personaIds>;
beforeEach(async () => {
  w = await world();
  id = personaIds(w);
});

it("staff who asked for a statement can neither approve nor deny it, from any card", async () => {
  const asked = await w.run("sofia", "/rebate statement 2026-10 SL-083");
  const card = noticeFor(asked, id.elena);
  for (const label of [/^approve$/i, /^deny/i]) {
    const r = await w.click("sofia", button(card, label));
    expect(text(r)).toMatch(/You can't decide #1: you asked for it or signed it/);
    expect(r.notices).toEqual([]);
  }
  expect(await statementById(data(w.store), 1)).toMatchObject({ status: "pending" });
  // The executive director decides it.
  await withReason(w, "elena", card, /^deny/i, "Ask again after the audit");
  expect(await statementById(data(w.store), 1)).toMatchObject({ status: "denied" });
});

it("a statement number that is unknown or not issued says so; the statewide president lists every issued one", async () => {
  const asked = await w.run("tom", "/rebate statement 2026-10");
  expect(text(await w.run("tom", "/rebate statements 1"))).toMatch(/There is no issued statement #1\./);
  expect(text(await w.run("tom", "/rebate statements 99"))).toMatch(/There is no issued statement #99\./);
  await w.click("sofia", button(noticeFor(asked, id.sofia), /^approve$/i));
  expect(text(await w.run("paul", "/rebate statements"))).toMatch(/Statement #1: SL-083, 2026-10/);
  expect(text(await w.run("paul", "/rebate statements 1"))).toMatch(/Statement #1 exactly as it was issued/);
});
