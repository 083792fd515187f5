// The membership cells built off the event loop (a worker thread over its own read-only
// connection, new people's first history rows recorded a page at a time) are the cells the bot
// would have built in place: same history rows, same cells, same stamp, however many reports ask
// at once, and a build that finishes after the records moved on never replaces newer cells. While
// it runs, other people's commands are answered.
import fs from "node:fs";
import path from "node:path";
import { afterEach, expect, it } from "vitest";
import { importMembers } from "../../bot/cli/import-members.ts";
import { createFormatter } from "../../commands/core/format.ts";
import { createTranslator } from "../../commands/core/i18n.ts";
import { readyMemberCells } from "../../commands/report/member-cells.ts";
import type { ReportEnv } from "../../commands/report/model.ts";
import { demoMembers, seedDemo } from "../../db/demo.ts";
import { upsertMembers } from "../../db/people.ts";
import { computeMemberCellsApart, ensureMemberCells, memberCellsStatus, saveMemberCells } from "../../db/reports-members.ts";
import { openStore, type Store } from "../../db/store.ts";
import { tempDir } from "../helpers/store.ts";
import { reportWorld, TestClock } from "./helpers.ts";

const NOW = "2026-11-23T17:00:00Z";
const TODAY = "2026-11-23";
const ZONE = "America/Los_Angeles";
const HEADER = "Member Number,First Name,Last Name,Work Email,Sub-local,Employer,Worksite,Status,Status Date\n";
const JUNE = HEADER + ["400001,Ada,Lovelace,ada@example.gov,SL-083,DHS,Salem,member,2026-06-15", "100011,Lapsed,One,l1@example.gov,SL-083,DHS,Salem,lapsed,2026-04-02"].join("\n");
const SEPTEMBER = HEADER + ["400002,Alan,Turing,alan@example.gov,SL-390,DHS,Portland,member,2026-09-10", "100012,Lapsed,Two,l2@example.gov,SL-083,DHS,Salem,fee_payer,2026-09-03"].join("\n");

const opened: { store: Store; dir: string }[] = [];
afterEach(async () => {
  for (const o of opened.splice(0)) {
    await o.store.close();
    fs.rmSync(o.dir, { recursive: true, force: true });
  }
});

/** The demo's 300 members and personas, with no membership history yet (as after seeding). */
async function seeded(): Promise<Store> {
  const dir = tempDir("uh-report-cells-");
  const store = await openStore(`file:${path.join(dir, "x.db")}`);
  opened.push({ store, dir });
  await seedDemo(store);
  return store;
}

function envFor(store: Store): ReportEnv {
  return { store, t: createTranslator([]).forLocale("en"), fmt: createFormatter("en", ZONE), clock: new TestClock(new Date(NOW)), today: TODAY };
}

/** Everything the cells are made of and from, ids aside. */
function contents(store: Store) {
  return {
    history: store.sql
      .prepare(`SELECT "personId", "since", "status", "cape", "subLocalCode", "employer", "employerGroup", "region", "worksite", "hireDate", "source", "recordedAt" FROM "MemberStatusHistory" ORDER BY "personId", "id"`)
      .all(),
    cells: store.sql.prepare(`SELECT * FROM "MemberReportCell" ORDER BY "month", "subLocalCode", "employerGroup", "region", "employer", "worksite"`).all().map((c) => ({ ...(c as object), id: undefined })),
    state: store.sql.prepare(`SELECT "historyMaxId", "personCount", "firstMonth", "lastMonth" FROM "MemberReportState"`).all() as { historyMaxId: number; personCount: number; firstMonth: string; lastMonth: string }[],
  };
}

it("ten reports at once on records without cells: one build off the thread, the same history and cells as one built in place", async () => {
  const inPlace = await seeded();
  const apart = await seeded();
  const range = ensureMemberCells(inPlace, TODAY, new Date(NOW), ZONE);
  const env = envFor(apart);
  const ranges = await Promise.all(Array.from({ length: 10 }, () => readyMemberCells(env)));
  for (const r of ranges) expect(r).toEqual({ firstMonth: range.firstMonth, lastMonth: range.lastMonth });
  const expected = contents(inPlace);
  expect(expected.history.length).toBeGreaterThanOrEqual(300);
  expect(expected.cells.length).toBeGreaterThan(0);
  expect(contents(apart)).toEqual(expected);
  expect(memberCellsStatus(apart).fresh).toBe(true);
});

it("after imports, history built on: the cells built off the thread match those built in place", async () => {
  const inPlace = await seeded();
  const apart = await seeded();
  for (const s of [inPlace, apart]) {
    expect((await importMembers(s, JUNE, { now: new Date("2026-06-25T17:00:00Z") })).written).toBe(true);
    expect((await importMembers(s, SEPTEMBER, { now: new Date("2026-09-20T17:00:00Z") })).written).toBe(true);
    // History written since the import's own rebuild: the cells are behind again.
    s.sql.prepare(`UPDATE "MemberReportState" SET "historyMaxId" = "historyMaxId" - 1`).run();
  }
  expect(memberCellsStatus(apart)).toEqual({ fresh: false, needsBaseline: false });
  ensureMemberCells(inPlace, TODAY, new Date(NOW), ZONE);
  await readyMemberCells(envFor(apart));
  expect(contents(apart)).toEqual(contents(inPlace));
});

it("a build that finishes after an import rebuilt the cells is not saved over them", async () => {
  const store = await seeded();
  await readyMemberCells(envFor(store));
  const older = computeMemberCellsApart(store.file, TODAY);
  expect((await importMembers(store, JUNE, { now: new Date("2026-06-25T17:00:00Z") })).written).toBe(true);
  const afterImport = contents(store);
  expect(afterImport.state).not.toEqual([{ historyMaxId: older.historyMaxId, personCount: older.personCount, firstMonth: older.firstMonth, lastMonth: older.lastMonth }]);
  expect(saveMemberCells(store, older, new Date(NOW))).toEqual({ firstMonth: afterImport.state[0]!.firstMonth, lastMonth: afterImport.state[0]!.lastMonth });
  expect(contents(store)).toEqual(afterImport);
});

it("a command typed while 20,000 new people get their first history row is answered before they all have it", async () => {
  const w = await reportWorld(NOW);
  try {
    upsertMembers(w.store, demoMembers(20_000));
    const people = (w.store.sql.prepare(`SELECT count(*) AS "n" FROM "Person"`).get() as { n: number }).n;
    const recorded = () => (w.store.sql.prepare(`SELECT count(*) AS "n" FROM "MemberStatusHistory"`).get() as { n: number }).n;
    const build = readyMemberCells(envFor(w.store));
    // The build is under way, giving the loop back between its pages (a timer, as a request
    // arrives: outside the turn the pages run in)…
    await new Promise((r) => setTimeout(r, 1));
    expect(recorded()).toBeGreaterThan(0);
    // …and a command asked now is answered between them, not after the last.
    expect(w.text(await w.cmd("pat", "/report list"))).toMatch(/membership/);
    expect(recorded()).toBeLessThan(people);
    await build;
    expect(recorded()).toBe(people);
  } finally {
    await w.close();
  }
});
