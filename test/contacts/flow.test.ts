import { afterEach, describe, expect, it } from "vitest";
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
    const list = await w.run("tom", "/contacts list");
    console.log(text(list));
    const audit = await w.run("pat", "/contacts audit");
    console.log(text(audit));
  });
});
