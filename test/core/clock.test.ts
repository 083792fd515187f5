// Tokens are stamped and checked with the same (core) clock, so moving the clock behaves.
import { afterAll, describe, expect, it } from "vitest";
import { handleCommand, handleForm } from "../../commands/core/dispatch.ts";
import { demoCore, testClock, web } from "../helpers/store.ts";

const clock = testClock(new Date("2027-03-01T17:00:00Z"));
const { core, store } = await demoCore(clock);
afterAll(() => store.close());

describe("the core's clock", () => {
  it("keeps a form valid for 24 hours of the core's time, then expires it", async () => {
    const open = async () => (await handleCommand(core, { actor: web("sofia"), text: "/unionhall admin role grant" })).reply.form!.token;
    const early = await open();
    clock.advance(23 * 3600_000);
    const ok = await handleForm(core, { actor: web("sofia"), token: early, values: { member: "100070", role: "steward", scope: "SL-083" } });
    expect(ok.ok && ok.reply.fallbackText).toContain("Granted steward");
    const late = await open();
    clock.advance(25 * 3600_000);
    const expired = await handleForm(core, { actor: web("sofia"), token: late, values: { member: "100071", role: "steward", scope: "SL-083" } });
    expect(expired.ok && expired.reply.fallbackText).toContain("This form has expired");
  });
});
