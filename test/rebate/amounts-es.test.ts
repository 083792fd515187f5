// A Spanish reader types an amount exactly as the bot shows it to them, and it is read as shown;
// an amount written with other separators gets the real problem, in Spanish, with an example
// written their way.
import { data } from "../../db/data.ts";
import { beforeEach, expect, it } from "vitest";
import { requestById } from "../../db/rebate-requests.ts";
import { text, world, type World } from "./setup.ts";

let w: World;
beforeEach(async () => {
  w = await world();
  await w.run("tom", "/unionhall language es");
});

const values = { payee: "Imprenta Salem", purpose: "Volantes", needed_by: "2026-12-10", receipt: "" };

it("what /rebate balance shows a Spanish reader is accepted as typed; other separators are named as the problem", async () => {
  const shown = text(await w.run("tom", "/rebate balance")).match(/Disponible: ([^\n]+)/)![1]!.trim();
  const filed = await w.form("tom", "/rebate request", { ...values, amount: shown });
  if (!filed.ok) throw new Error(JSON.stringify(filed.errors));
  expect((await requestById(data(w.store), 1))!.amountCents).toBe(3_611_250);
  await w.run("tom", "/rebate withdraw 1");
  const wrong = await w.form("tom", "/rebate request", { ...values, amount: "1200,50 US$" });
  expect(wrong.ok).toBe(false);
  if (!wrong.ok) expect(wrong.errors.amount).toMatch(/separadores.*\$1,250\.00/);
});
