// On Discord a reminder names its channel by mention; one Discord does not know ("Unknown Channel")
// is refused when the reminder is set, and one it knows is scheduled.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listJobs } from "../../db/jobs.ts";
import { nextId } from "../fakes/discord.ts";
import { send, slash, startHarness, textOf, type Harness } from "./harness.ts";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
}, 60_000);
afterAll(() => h?.stop());

const reminders = async () => (await listJobs(h.bot.store, { kind: "unionhall.reminder", limit: 100 })).length;

describe("a steward's reminder to a channel on Discord", () => {
  it("refuses a channel Discord says is unknown, and schedules nothing", async () => {
    const gone = nextId();
    const r = await send(h, slash(h, h.steward, { name: "remind" }, { when: "in 1 hour", where: `<#${gone}>`, message: "Step 1 answers are due" }));
    expect(textOf(r.data)).toContain(`I can't find the channel #${gone} here, so nothing was set.`);
    expect(await reminders()).toBe(0);
  });

  it("schedules one to a channel of the server", async () => {
    const stewards = nextId();
    h.fake.addChannel(stewards, "stewards");
    const r = await send(h, slash(h, h.steward, { name: "remind" }, { when: "in 1 hour", where: `<#${stewards}>`, message: "Step 1 answers are due" }));
    expect(textOf(r.data)).toContain("Got it. I'll remind");
    expect(await reminders()).toBe(1);
  });
});
