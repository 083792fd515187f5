// The membership cells built off the event loop (a worker thread over its own read-only
// connection, on PostgreSQL a paged fold; new people's first history rows recorded a page at a
// time) are the cells the bot would have built in place: same history rows, same cells, same
// stamp, however many reports ask at once, and a build that finishes after the records moved on
// never replaces newer cells. While it runs, other people's commands are answered. A sub-local's
// handoff figures come through the same build, with the same counts.
import fs from "node:fs";
import path from "node:path";
import { afterEach, expect, it } from "vitest";
import { importMembers } from "../../bot/cli/import-members.ts";
import { release } from "../../commands/core/disclosure.ts";
import { createCore, handleCommand } from "../../commands/core/dispatch.ts";
import { readyMemberCells } from "../../commands/core/member-cells.ts";
import { features } from "../../commands/index.ts";
import { demoMembers } from "../../db/demo.ts";
import { contactFigures, subLocalRow } from "../../db/handoff.ts";
import { data, transaction } from "../../db/data.ts";
import { upsertMembers } from "../../db/people.ts";
import { computeMemberCellsApart, foldMemberCellsPaged, memberCellsStatus, recordBaselineIn, saveMemberCells, type CellRange } from "../../db/reports-members.ts";
import type { Store } from "../../db/store.ts";
import { seededStore, tempDir, testClock, testEngine, web } from "../helpers/store.ts";
import { reportWorld } from "./helpers.ts";

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
  const store = await seededStore(path.join(dir, "x.db"));
  opened.push({ store, dir });
  return store;
}

const AT = { now: new Date(NOW), today: TODAY, timeZone: ZONE };

/**
 * The cells built in place, on this connection: every missing first history row in one
 * transaction, then the fold a page at a time (as on PostgreSQL). The reference the builds
 * apart, on the worker's own connection, must match.
 */
async function buildInPlace(store: Store): Promise<CellRange> {
  const now = new Date(NOW);
  const s = await memberCellsStatus(data(store));
  if (s.fresh) return s.range;
  if (s.needsBaseline) await transaction(store, (tx) => recordBaselineIn(tx, now, ZONE));
  return saveMemberCells(store, await foldMemberCellsPaged(store, TODAY), now);
}

/** Everything the cells are made of and from, ids aside. */
async function contents(store: Store) {
  const db = data(store);
  return {
    history: await db.all(
      `SELECT "personId", "since", "status", "cape", "subLocalCode", "employer", "employerGroup", "region", "worksite", "hireDate", "source", "recordedAt" FROM "MemberStatusHistory" ORDER BY "personId", "id"`,
    ),
    cells: (await db.all(`SELECT * FROM "MemberReportCell" ORDER BY "month", "subLocalCode", "employerGroup", "region", "employer", "worksite"`)).map((c) => ({ ...(c as object), id: undefined })),
    state: await db.all<{ historyMaxId: number; personCount: number; firstMonth: string; lastMonth: string }>(`SELECT "historyMaxId", "personCount", "firstMonth", "lastMonth" FROM "MemberReportState"`),
  };
}

const count = async (store: Store, table: string) => Number((await data(store).one<{ n: number }>(`SELECT count(*) AS "n" FROM "${table}"`))!.n);

it("ten reports at once on records without cells: one build off the thread, the same history and cells as one built in place", async () => {
  const inPlace = await seeded();
  const apart = await seeded();
  const range = await buildInPlace(inPlace);
  const ranges = await Promise.all(Array.from({ length: 10 }, () => readyMemberCells(apart, AT)));
  for (const r of ranges) expect(r).toEqual({ firstMonth: range.firstMonth, lastMonth: range.lastMonth });
  const expected = await contents(inPlace);
  expect(expected.history.length).toBeGreaterThanOrEqual(300);
  expect(expected.cells.length).toBeGreaterThan(0);
  expect(await contents(apart)).toEqual(expected);
  expect((await memberCellsStatus(data(apart))).fresh).toBe(true);
});

it("after imports, history built on: the cells built off the thread match those built in place", async () => {
  const inPlace = await seeded();
  const apart = await seeded();
  for (const s of [inPlace, apart]) {
    expect((await importMembers(s, JUNE, { now: new Date("2026-06-25T17:00:00Z") })).written).toBe(true);
    expect((await importMembers(s, SEPTEMBER, { now: new Date("2026-09-20T17:00:00Z") })).written).toBe(true);
    // History written since the import's own rebuild: the cells are behind again.
    await data(s).run(`UPDATE "MemberReportState" SET "historyMaxId" = "historyMaxId" - 1`);
  }
  expect(await memberCellsStatus(data(apart))).toEqual({ fresh: false, needsBaseline: false });
  await buildInPlace(inPlace);
  await readyMemberCells(apart, AT);
  expect(await contents(apart)).toEqual(await contents(inPlace));
});

// The build apart is a worker thread reading the SQLite file itself; PostgreSQL builds in place, a page at a time.
it.skipIf(testEngine === "postgres")("a build that finishes after an import rebuilt the cells is not saved over them", async () => {
  const store = await seeded();
  await readyMemberCells(store, AT);
  const older = computeMemberCellsApart(store.file, TODAY);
  expect((await importMembers(store, JUNE, { now: new Date("2026-06-25T17:00:00Z") })).written).toBe(true);
  const afterImport = await contents(store);
  expect(afterImport.state).not.toEqual([{ historyMaxId: older.historyMaxId, personCount: older.personCount, firstMonth: older.firstMonth, lastMonth: older.lastMonth }]);
  expect(await saveMemberCells(store, older, new Date(NOW))).toEqual({ firstMonth: afterImport.state[0]!.firstMonth, lastMonth: afterImport.state[0]!.lastMonth });
  expect(await contents(store)).toEqual(afterImport);
});

it("a command typed while 20,000 new people get their first history row is answered before they all have it", async () => {
  const w = await reportWorld(NOW);
  try {
    await upsertMembers(w.store, demoMembers(20_000));
    const people = await count(w.store, "Person");
    const recorded = () => count(w.store, "MemberStatusHistory");
    const build = readyMemberCells(w.store, AT);
    // The build is under way, giving the loop back between its pages…
    await expect.poll(recorded, { interval: 1 }).toBeGreaterThan(0);
    // …and a command asked now is answered between them, not after the last.
    expect(w.text(await w.cmd("pat", "/report list"))).toMatch(/membership/);
    expect(await recorded()).toBeLessThan(people);
    await build;
    expect(await recorded()).toBe(people);
  } finally {
    await w.close();
  }
});

it("a sub-local's handoff figures: the counts the in-place build gives, built off the thread while another command is answered", async () => {
  // The demo's members and 19,700 more, none with history yet, all on file since January…
  const records = async () => {
    const s = await seeded();
    await upsertMembers(s, demoMembers(20_000));
    await data(s).run(`UPDATE "Person" SET "createdAt" = ?`, new Date("2026-01-01T08:00:00Z"));
    return s;
  };
  const store = await records();
  // …and the same records again, built in place as before: the figures the packet must show.
  const before = await records();
  const sl = (await subLocalRow(data(before), "SL-083"))!;
  const expected = await contactFigures(before, sl, new Date(NOW), TODAY, await buildInPlace(before));
  // What a sub-local's members are, counted from the records themselves.
  const inSubLocal = async (status: string) =>
    Number((await data(before).one<{ n: number }>(`SELECT count(*) AS "n" FROM "Person" p JOIN "SubLocal" s ON s."id" = p."subLocalId" WHERE s."code" = 'SL-083' AND p."membershipStatus" = ?`, status))!.n);
  expect({ members: expected.members, feePayers: expected.feePayers }).toEqual({ members: await inSubLocal("member"), feePayers: await inSubLocal("fee_payer") });
  expect(expected.members).toBeGreaterThan(3000);

  const core = createCore({ store, features, clock: testClock(new Date(NOW)) });
  const ask = (who: string, text: string) => handleCommand(core, { actor: { ...web(who), locale: "en" }, text });
  const people = await count(store, "Person");
  const recorded = () => count(store, "MemberStatusHistory");
  expect(await recorded()).toBe(0);
  const packet = ask("pat", "/handoff packet SL-083");
  // The packet's figures are being built, a page of first history rows at a time…
  await expect.poll(recorded, { interval: 1 }).toBeGreaterThan(0);
  // …and a command asked now is answered between the pages, not after the last.
  expect((await ask("sofia", "/report list")).reply.fallbackText).toMatch(/membership/);
  expect(await recorded()).toBeLessThan(people);
  const md = (await packet).reply.files.find((f) => f.mime === "text/markdown")!.data.toString();
  expect(await recorded()).toBe(people);
  expect(md).toContain(`- Members: ${release(expected.members)!.toLocaleString("en-US")}\n`);
  expect(md).toContain(`- Fee payers (not members): ${release(expected.feePayers)!.toLocaleString("en-US")}\n`);
  // The cells the packet built are the cells built in place, so every figure read from them is too.
  expect(await contactFigures(store, sl, new Date(NOW), TODAY, await readyMemberCells(store, AT))).toEqual(expected);
  expect(await contents(store)).toEqual(await contents(before));
});
