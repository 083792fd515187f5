// When an untouched dispute reminds staff and escalates, counted in the union's business days from
// its last activity, and the jobs that carry it: one per person reminded, one per executive
// director, re-planned on each step and cancelled once it is resolved.
import { data } from "../../db/data.ts";
import { beforeEach, describe, expect, it } from "vitest";
import { findJobs } from "../../db/jobs.ts";
import { disputeById, resolveDispute, startReview } from "../../db/rebate-requests.ts";
import { ESCALATE_AFTER, planStale, REMIND_AFTER, staleKey, syncStaleJobs } from "../../commands/rebate/stale.ts";
import { personaIds, world, type World } from "./setup.ts";

describe("the plan", () => {
  const TZ = "America/Los_Angeles";
  it("10 business days to the reminder, 15 to the escalation, at 9:00 in the union's zone; weekends and holidays do not count", () => {
    expect([REMIND_AFTER, ESCALATE_AFTER]).toEqual([10, 15]);
    // Monday 23 November 2026, 8:00 Pacific.
    expect(planStale(new Date("2026-11-23T16:00:00Z"), new Set(), TZ)).toEqual([
      { stage: "remind", at: new Date("2026-12-07T17:00:00Z") },
      { stage: "escalate", at: new Date("2026-12-14T17:00:00Z") },
    ]);
    expect(planStale(new Date("2026-11-23T16:00:00Z"), new Set(["2026-11-26", "2026-11-27"]), TZ)).toEqual([
      { stage: "remind", at: new Date("2026-12-09T17:00:00Z") },
      { stage: "escalate", at: new Date("2026-12-16T17:00:00Z") },
    ]);
    // 23:30 Pacific on the 23rd is already the 24th in UTC: the local day counts.
    expect(planStale(new Date("2026-11-24T07:30:00Z"), new Set(), TZ)[0]).toEqual({ stage: "remind", at: new Date("2026-12-07T17:00:00Z") });
    expect(planStale(new Date("2026-11-24T07:30:00Z"), new Set(), "Asia/Ho_Chi_Minh")[0]).toEqual({ stage: "remind", at: new Date("2026-12-08T02:00:00Z") });
  });
});

describe("the jobs", () => {
  let w: World;
  beforeEach(async () => {
    w = await world();
  });

  it("one reminder per staff member who decides, one escalation per executive director; a step re-plans, resolving cancels", async () => {
    const ids = personaIds(w);
    const opened = await w.form("tom", "/rebate dispute", { entry: "30", problem: "The meeting room cost $150, not $165." });
    if (!opened.ok) throw new Error("not opened");
    const pending = async () =>
      (await findJobs(data(w.store), { status: "pending" }))
        .filter((j) => j.idempotencyKey?.startsWith(staleKey(1)))
        .map((j) => ({ kind: j.kind, personId: j.personId, payload: JSON.parse(j.payload) as unknown, dueAt: j.dueAt.toISOString(), key: j.idempotencyKey }));
    const since = (await disputeById(data(w.store), 1))!.lastActivityAt;
    expect(staleKey(1)).toBe("rebate:dispute:1:stale:");
    expect(await pending()).toEqual([
      { kind: "rebate.dispute_stale", personId: ids.sofia, payload: { id: 1, stage: "remind", since }, dueAt: "2026-12-08T17:00:00.000Z", key: `rebate:dispute:1:stale:${since}:remind:p${ids.sofia}` },
      { kind: "rebate.dispute_stale", personId: ids.elena, payload: { id: 1, stage: "escalate", since }, dueAt: "2026-12-15T17:00:00.000Z", key: `rebate:dispute:1:stale:${since}:escalate:p${ids.elena}` },
    ]);

    w.clock.advance(7 * 86_400_000);
    const reviewed = await startReview(w.store, 1, ids.sofia, w.clock.now());
    if (!reviewed.ok) throw new Error("not reviewed");
    expect(await syncStaleJobs(w.store, reviewed.row, w.clock.now())).toBe(2);
    expect((await pending()).map((j) => [j.payload, j.dueAt])).toEqual([
      [{ id: 1, stage: "remind", since: reviewed.row.lastActivityAt }, "2026-12-14T17:00:00.000Z"],
      [{ id: 1, stage: "escalate", since: reviewed.row.lastActivityAt }, "2026-12-21T17:00:00.000Z"],
    ]);

    const done = await resolveDispute(w.store, 1, ids.sofia, { outcome: "upheld", reason: "The bank statement shows $165.00" }, w.clock.now());
    if (!done.ok) throw new Error("not resolved");
    expect(await syncStaleJobs(w.store, done.row, w.clock.now())).toBe(0);
    expect(await pending()).toEqual([]);
  });
});
