// Staff settings: contract timelines and the holiday calendar are data; changing them moves the
// deadlines of open cases and re-plans their reminders. Others may only read them.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listJobs } from "../../db/jobs.ts";
import { fileVia, intake, world, type World } from "./helpers.ts";

let w: World;
beforeAll(async () => {
  w = await world("2026-11-23T17:00:00Z");
  const out = await fileVia(w, "sam", intake());
  expect(out.ok && w.text(out.reply)).toContain("Filed G-2026-0001");
});
afterAll(async () => {
  await w.close();
});

const pendingKeys = async () => (await listJobs(w.store, { status: "pending" })).map((j) => j.idempotencyKey ?? "").filter((k) => k.startsWith("grievance:1:"));

describe("contracts", () => {
  it("lists each contract's timelines for stewards", async () => {
    const out = w.text(await w.cmd("sam", "/grievance contract list"));
    expect(out).toContain("STATE-2025 — State of Oregon master agreement 2025–2027");
    expect(out).toContain("informal.response — 7 calendar from filed");
    expect(out).toContain("step1.appeal — 15 calendar from response_received|response_due");
  });

  it("staff change a window: the open case's deadline and its reminders move", async () => {
    expect((await pendingKeys()).some((k) => k.includes(":response:2026-11-30:"))).toBe(true);
    const out = await w.cmd("sofia", "/grievance contract set STATE-2025 informal.response 10 working from filed");
    expect(w.text(out)).toContain("Updated informal.response of STATE-2025; re-planned reminders of 1 open cases.");
    // 10 working days from Mon Nov 23, skipping Thanksgiving: Tue Dec 8.
    expect(w.text(await w.cmd("sam", "/grievance show G-2026-0001"))).toContain("Management's response at Informal: Tue 2026-12-08 17:00");
    const keys = await pendingKeys();
    expect(keys.some((k) => k.includes(":response:2026-11-30:"))).toBe(false);
    expect(keys.some((k) => k.includes(":response:2026-12-08:"))).toBe(true);
  });

  it("refuses bad rules and values, and non-staff, changing nothing", async () => {
    expect(w.text(await w.cmd("sofia", "/grievance contract set STATE-2025 informal.response ten days"))).toContain("isn't a window");
    expect(w.text(await w.cmd("sofia", "/grievance contract set STATE-2025 step9.appeal 5 working from filed"))).toContain("isn't a rule");
    expect(w.text(await w.cmd("sofia", "/grievance contract set STATE-2025 cutoff 25:00"))).toContain("isn't valid for cutoff");
    expect(w.text(await w.cmd("sofia", "/grievance contract set NOPE filing 30 calendar from knew"))).toContain("no contract NOPE");
    expect(w.text(await w.cmd("carla", "/grievance contract set STATE-2025 filing 60 calendar from knew"))).toMatch(/only for/);
    expect(w.text(await w.cmd("sam", "/grievance show G-2026-0001"))).toContain("Management's response at Informal: Tue 2026-12-08 17:00");
  });
});

describe("holidays", () => {
  it("lists the seeded Oregon holidays", async () => {
    const out = w.text(await w.cmd("maria", "/grievance holiday list 2026"));
    expect(out).toContain("2026-11-26 — Thanksgiving Day");
    expect(out).toContain("2026-07-03 — Independence Day");
  });

  it("a holiday staff add pushes a working-day deadline, and removing it brings it back", async () => {
    expect(w.text(await w.cmd("sofia", '/grievance holiday add 2026-12-01 "Ice storm closure"'))).toContain("Added 2026-12-01");
    expect(w.text(await w.cmd("sam", "/grievance show G-2026-0001"))).toContain("Management's response at Informal: Wed 2026-12-09 17:00");
    expect(w.text(await w.cmd("sofia", "/grievance holiday add 2026-12-01 again"))).toContain("already a holiday");
    expect(w.text(await w.cmd("sam", "/grievance holiday add 2026-12-02 nope"))).toMatch(/only for/);
    expect(w.text(await w.cmd("sofia", "/grievance holiday remove 2026-12-01"))).toContain("Removed 2026-12-01");
    expect(w.text(await w.cmd("sam", "/grievance show G-2026-0001"))).toContain("Management's response at Informal: Tue 2026-12-08 17:00");
    expect(w.text(await w.cmd("sofia", "/grievance holiday remove 2026-12-01"))).toContain("isn't a holiday");
    expect(w.text(await w.cmd("sofia", "/grievance holiday add 2026-02-30 bad"))).toMatch(/date like/);
  });
});

describe("steward channel", () => {
  it("only staff or the sub-local's chief steward set it; dm sets it back", async () => {
    expect(w.text(await w.cmd("sam", "/grievance channel SL-083 #stewards"))).toMatch(/only for/);
    expect(w.text(await w.cmd("carla", "/grievance channel SL-390 #stewards"))).toContain("Only staff or the chief steward of SL-390");
    expect(w.text(await w.cmd("carla", "/grievance channel SL-999 #stewards"))).toContain("no sub-local SL-999");
    expect(w.text(await w.cmd("carla", "/grievance channel SL-083 #sl083-stewards"))).toContain("now go to #sl083-stewards");
    expect((await listJobs(w.store, { status: "pending" })).filter((j) => j.idempotencyKey?.endsWith(":ch")).length).toBeGreaterThan(0);
    expect(w.text(await w.cmd("carla", "/grievance channel SL-083 dm"))).toContain("by direct message");
    expect((await listJobs(w.store, { status: "pending" })).filter((j) => j.idempotencyKey?.endsWith(":ch")).length).toBe(0);
  });
});
