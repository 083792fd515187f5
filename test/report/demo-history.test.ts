// The demo's membership history starts with the demo (1 January 2026), not on the day it was
// seeded: a report whose clock is earlier than the seeding day still finds the members, and the
// reports agree with themselves (a change in members is always joins minus drops).
import { afterEach, expect, it } from "vitest";
import { importMembers } from "../../bot/cli/import-members.ts";
import { data } from "../../db/data.ts";
import { readyMemberCells } from "../../commands/core/member-cells.ts";
import { monthlyTotals, type CellCounts } from "../../db/reports-members.ts";
import { reportWorld, type ReportWorld } from "./helpers.ts";

let w: ReportWorld | undefined;
afterEach(async () => {
  await w?.close();
  w = undefined;
});

it("seeded today, read with a clock in March 2026: the members are there, from January", async () => {
  w = await reportWorld("2026-03-10T17:00:00Z");
  expect(await data(w.store).all(`SELECT DISTINCT "createdAt" FROM "Person"`)).toEqual([{ createdAt: "2026-01-01T08:00:00.000+00:00" }]);
  const feb = w.text(await w.cmd("sofia", "/report run membership statewide 2026-02"));
  expect(feb).not.toMatch(/No records/);
  expect(feb).toMatch(/Membership and density — statewide · Feb 2026/);
  expect(w.text(await w.cmd("sofia", "/report run membership statewide 2025-12"))).toMatch(/No records for Dec 2025: the membership records start in Jan 2026/);
});

it("after imports that add, drop and backdate: each month's change in members is its joins minus its drops", async () => {
  w = await reportWorld("2026-11-23T17:00:00Z");
  const header = "Member Number,First Name,Last Name,Work Email,Sub-local,Employer,Worksite,Status,Status Date\n";
  // Three new members in June, and two demo members lapsed with a status date back in April.
  const june = header + ["400001,Ada,Lovelace,ada@example.gov,SL-083,DHS,Salem,member,2026-06-15", "400002,Alan,Turing,alan@example.gov,SL-083,DHS,Salem,member,2026-06-15", "400003,Kurt,Goedel,kurt@example.gov,SL-390,DHS,Portland,member,2026-06-20"].join("\n");
  expect((await importMembers(w.store, june, { now: new Date("2026-06-25T17:00:00Z") })).written).toBe(true);
  const april = header + ["100011,Lapsed,One,l1@example.gov,SL-083,DHS,Salem,lapsed,2026-04-02", "100012,Lapsed,Two,l2@example.gov,SL-083,DHS,Salem,lapsed,2026-04-03"].join("\n");
  expect((await importMembers(w.store, april, { now: new Date("2026-09-01T17:00:00Z") })).written).toBe(true);

  const range = await readyMemberCells(w.store, { today: "2026-11-23", now: new Date("2026-11-23T17:00:00Z"), timeZone: "America/Los_Angeles" });
  expect(range.firstMonth).toBe("2026-01");
  const series = await monthlyTotals(data(w.store), { kind: "statewide" }, "2026-01", "2026-11", range);
  const members = (c: CellCounts) => c.member;
  expect(members(series[0]!.counts)).toBeGreaterThan(200);
  for (let i = 1; i < series.length; i++) {
    const { month, counts } = series[i]!;
    expect({ month, change: members(counts) - members(series[i - 1]!.counts) }).toEqual({ month, change: counts.joined - counts.left });
  }
  expect(series.reduce((a, m) => a + m.counts.joined, 0)).toBe(3);
});
