// The member import and the membership cells on both engines (SQLite and a real PostgreSQL): an
// import and a re-import through `import-members` (what changed is updated, what the file does not
// name is left as it was, sealed fields are kept without a key and replaced with one), the
// history rows each import records, the whole import rolled back as one transaction, the event
// loop given turns while thousands of members are written, and the fold of every member's history
// into cells: the same cells on both engines, the known figures, and on SQLite the same cells as
// the worker thread's fold.
import { afterAll, beforeAll, expect, it } from "vitest";
import { importMembers } from "../../bot/cli/import-members.ts";
import { readyMemberCells } from "../../commands/core/member-cells.ts";
import { decryptField, generateKey, parseKeyring } from "../../db/crypto.ts";
import { data, transaction, type Db } from "../../db/data.ts";
import { upsertMembersIn } from "../../db/people.ts";
import { computeMemberCellsApart, countsBy, foldMemberCellsPaged, monthlyTotals, recordImportHistoryIn, type MemberCellsBuild } from "../../db/reports-members.ts";
import { describeOnBothEngines } from "../helpers/both-engines.ts";

const HEADER = "Member Number,First Name,Last Name,Work Email,Sub-local,Employer,Worksite,Status,Status Date,CAPE,Birthdate\n";
const csv = (...rows: string[]) => HEADER + rows.join("\n") + "\n";
const JUNE = new Date("2026-06-25T17:00:00Z");
const SEPTEMBER = new Date("2026-09-20T17:00:00Z");
const NOVEMBER_DAY = "2026-11-23";

// What each engine's fold gave, to compare the two (SQLite runs first).
const folds: Partial<Record<"sqlite" | "postgres", { small: MemberCellsBuild; large: MemberCellsBuild }>> = {};

let savedKey: string | undefined;
beforeAll(() => {
  savedKey = process.env.MEMBER_DATA_KEY;
  delete process.env.MEMBER_DATA_KEY;
});
afterAll(() => {
  if (savedKey === undefined) delete process.env.MEMBER_DATA_KEY;
  else process.env.MEMBER_DATA_KEY = savedKey;
});

type PersonRow = { id: number; memberNumber: string; lastName: string; membershipStatus: string; capeContributor: number; worksite: string | null; birthdate: string | null; updatedAt: string; code: string | null };
const person = async (db: Db, n: string) =>
  (await db.one<PersonRow>(
    `SELECT p."id", p."memberNumber", p."lastName", p."membershipStatus", p."capeContributor", p."worksite", p."birthdate", p."updatedAt", s."code" FROM "Person" p LEFT JOIN "SubLocal" s ON s."id" = p."subLocalId" WHERE p."memberNumber" = ?`,
    n,
  ))!;
const historyOf = async (db: Db, n: string) =>
  db.all<{ since: string; status: string; cape: number; subLocalCode: string | null; worksite: string | null; source: string }>(
    `SELECT h."since", h."status", h."cape", h."subLocalCode", h."worksite", h."source" FROM "MemberStatusHistory" h JOIN "Person" p ON p."id" = h."personId" WHERE p."memberNumber" = ? ORDER BY h."since", h."id"`,
    n,
  );
const count = async (db: Db, table: string) => (await db.one<{ n: number }>(`SELECT count(*) AS "n" FROM "${table}"`))!.n;

/** A build's counts summed per month: [member, feePayer, nonMember, retired, lapsed, cape, noEmail, noPhone, joined, left]. */
function byMonth(build: MemberCellsBuild): Record<string, number[]> {
  const out: Record<string, number[]> = {};
  for (const c of build.cells) {
    const sums = (out[c[0] as string] ??= Array(10).fill(0));
    for (let i = 0; i < 10; i++) sums[i]! += c[6 + i] as number;
  }
  return out;
}
const sorted = (b: MemberCellsBuild) => ({ ...b, cells: [...b.cells].sort((x, y) => (JSON.stringify(x) < JSON.stringify(y) ? -1 : 1)) });

describeOnBothEngines("member import", ({ engine, skip, store }) => {
  it.skipIf(skip)("an import and a re-import: what changed is updated, the rest left as it was, and each records its history", async () => {
    const db = data(store());
    for (const [code, group, region] of [["SL-1", "Health", "North"], ["SL-2", "Roads", "South"]])
      await db.run(`INSERT INTO "SubLocal" ("code", "name", "employerGroup", "region") VALUES (?, ?, ?, ?)`, code, `Sub-local ${code}`, group, region);
    const sl1 = (await db.one<{ id: number }>(`SELECT "id" FROM "SubLocal" WHERE "code" = 'SL-1'`))!.id;
    // On file before any import, without history, with a birthdate sealed under a key this import does not have.
    await db.run(
      `INSERT INTO "Person" ("memberNumber", "firstName", "lastName", "membershipStatus", "capeContributor", "subLocalId", "employer", "worksite", "workEmail", "birthdate", "createdAt", "updatedAt")
       VALUES ('900001', 'Ada', 'Lovelace', 'member', FALSE, ?, 'DHS', 'Salem', 'ada@example.gov', 'v1:k0:sealed-before', ?, ?)`,
      sl1, new Date("2026-01-10T20:00:00Z"), new Date("2026-01-10T20:00:00Z"),
    );

    const june = await importMembers(
      store(),
      csv(
        "900001,Ada,Lovelace,ada@example.gov,SL-1,DHS,Salem,fee_payer,2026-06-15,no,1815-12-10",
        "900002,Grace,Hopper,grace@example.gov,SL-1,DHS,Salem,member,2026-03-01,yes,",
        "900003,Alan,Turing,alan@example.gov,SL-2,ODOT,Portland,lapsed,2026-04-02,no,",
        "900004,Emmy,Noether,emmy@example.gov,SL-2,ODOT,Portland,member,,no,",
      ),
      { now: JUNE },
    );
    expect(june).toMatchObject({ created: 3, updated: 1, written: true, problems: [] });
    const ada = await person(db, "900001");
    expect(ada).toMatchObject({ membershipStatus: "fee_payer", code: "SL-1", birthdate: "v1:k0:sealed-before" });
    expect(await person(db, "900002")).toMatchObject({ membershipStatus: "member", capeContributor: 1, code: "SL-1", birthdate: null });
    // Ada's record before the import is kept as her first row, dated by the local day it was made.
    expect(await historyOf(db, "900001")).toEqual([
      { since: "2026-01-10", status: "member", cape: 0, subLocalCode: "SL-1", worksite: "Salem", source: "baseline" },
      { since: "2026-06-15", status: "fee_payer", cape: 0, subLocalCode: "SL-1", worksite: "Salem", source: "import" },
    ]);
    expect(await historyOf(db, "900002")).toEqual([{ since: "2026-03-01", status: "member", cape: 1, subLocalCode: "SL-1", worksite: "Salem", source: "import" }]);
    expect(await historyOf(db, "900004")).toEqual([{ since: "2026-06-25", status: "member", cape: 0, subLocalCode: "SL-2", worksite: "Portland", source: "import" }]);

    const september = await importMembers(
      store(),
      csv(
        "900002,Grace,Hopper,grace@example.gov,SL-1,DHS,Salem,member,2026-03-01,yes,",
        "900003,Alan,Turing,alan@example.gov,SL-2,ODOT,Portland,member,2026-09-03,no,",
        "900004,Emmy,Noether-King,emmy@example.gov,SL-2,ODOT,Portland,fee_payer,2026-05-01,no,",
        "900005,Rosa,Parks,,SL-2,ODOT,Portland,retired,2026-01-05,no,",
      ),
      { now: SEPTEMBER },
    );
    expect(september).toMatchObject({ created: 1, updated: 3, written: true });
    // Ada is not in this file: her record and history stay exactly as they were.
    expect(await person(db, "900001")).toEqual(ada);
    expect(await historyOf(db, "900001")).toHaveLength(2);
    // Grace is unchanged: no new row. Alan's status date dates his change; Emmy's, earlier than
    // her last change, counts from that change (history only moves forward).
    expect(await historyOf(db, "900002")).toHaveLength(1);
    expect((await historyOf(db, "900003")).map((h) => [h.since, h.status])).toEqual([["2026-04-02", "lapsed"], ["2026-09-03", "member"]]);
    expect((await historyOf(db, "900004")).map((h) => [h.since, h.status])).toEqual([["2026-06-25", "member"], ["2026-06-25", "fee_payer"]]);
    expect(await person(db, "900004")).toMatchObject({ lastName: "Noether-King", membershipStatus: "fee_payer" });
    expect(await historyOf(db, "900005")).toEqual([{ since: "2026-01-05", status: "retired", cape: 0, subLocalCode: "SL-2", worksite: "Portland", source: "import" }]);
    expect(await count(db, "MemberStatusHistory")).toBe(8);
    // Each import is audited.
    expect((await db.all<{ details: string }>(`SELECT "details" FROM "AuditEntry" WHERE "action" = 'members.import' ORDER BY "id"`)).map((r) => JSON.parse(r.details))).toEqual([
      { created: 3, updated: 1, skipped: 0 },
      { created: 1, updated: 3, skipped: 0 },
    ]);

    // With a key, the file's sensitive fields replace what is stored, sealed.
    const key = generateKey("t9");
    process.env.MEMBER_DATA_KEY = key;
    try {
      expect(await importMembers(store(), csv("900001,Ada,Lovelace,ada@example.gov,SL-1,DHS,Salem,fee_payer,2026-06-15,no,1815-12-10"), { now: SEPTEMBER })).toMatchObject({ updated: 1 });
      const sealed = (await person(db, "900001")).birthdate!;
      expect(sealed).not.toContain("1815");
      expect(decryptField(parseKeyring(key)!, "birthdate", sealed)).toBe("1815-12-10");
    } finally {
      delete process.env.MEMBER_DATA_KEY;
    }
    expect(await count(db, "MemberStatusHistory")).toBe(8);

    // The cells the imports brought up to date, read as the reports read them (the last build, on
    // 20 September, carried forward to November).
    const range = await readyMemberCells(store(), { now: SEPTEMBER, today: "2026-09-20", timeZone: "America/Los_Angeles" });
    expect(range).toEqual({ firstMonth: "2026-01", lastMonth: "2026-09" });
    const series = await monthlyTotals(db, { kind: "statewide" }, "2026-01", "2026-11", range);
    // month: member, fee payer, lapsed, retired, joined, left
    expect(series.map((m) => [m.month, m.counts.member, m.counts.feePayer, m.counts.lapsed, m.counts.retired, m.counts.joined, m.counts.left])).toEqual([
      ["2026-01", 1, 0, 0, 1, 0, 0],
      ["2026-02", 1, 0, 0, 1, 0, 0],
      ["2026-03", 2, 0, 0, 1, 1, 0],
      ["2026-04", 2, 0, 1, 1, 0, 0],
      ["2026-05", 2, 0, 1, 1, 0, 0],
      ["2026-06", 1, 2, 1, 1, 0, 1],
      ["2026-07", 1, 2, 1, 1, 0, 0],
      ["2026-08", 1, 2, 1, 1, 0, 0],
      ["2026-09", 2, 2, 0, 1, 1, 0],
      ["2026-10", 2, 2, 0, 1, 0, 0],
      ["2026-11", 2, 2, 0, 1, 0, 0],
    ]);
    const sept = await countsBy(db, { kind: "statewide" }, "2026-09", "subLocalCode", range);
    expect(Object.fromEntries([...sept].map(([k, c]) => [k, [c.member, c.feePayer, c.retired, c.cape, c.noEmail, c.noPhone]]))).toEqual({
      "SL-1": [1, 1, 0, 1, 0, 2],
      "SL-2": [1, 1, 1, 0, 0, 2], // Rosa has no e-mail, but a retiree is not counted as missing one
    });

    // The fold on this engine through the data layer, for November.
    const build = await foldMemberCellsPaged(store(), NOVEMBER_DAY);
    expect(build).toMatchObject({ firstMonth: "2026-01", lastMonth: "2026-11", months: 11, personCount: 5 });
    expect(byMonth(build)["2026-11"]).toEqual([2, 2, 0, 1, 0, 1, 0, 4, 0, 0]);
    if (engine === "sqlite") expect(sorted(build)).toEqual(sorted(computeMemberCellsApart(store().file, NOVEMBER_DAY)));
    folds[engine] = { small: build, large: build };
  });

  it.skipIf(skip)("an import is one transaction: a failure after the records and history are written leaves nothing", async () => {
    const db = data(store());
    const before = [await count(db, "Person"), await count(db, "MemberStatusHistory")];
    const rows = Array.from({ length: 300 }, (_, i) => ({ memberNumber: String(910000 + i), firstName: "A", lastName: "B", subLocalCode: "SL-1" }));
    await expect(
      transaction(store(), async (tx) => {
        const { ids } = await upsertMembersIn(tx, rows);
        expect(await recordImportHistoryIn(tx, rows, ids, "2026-10-01", SEPTEMBER)).toBe(300);
        throw new Error("the machine went down");
      }),
    ).rejects.toThrow("the machine went down");
    expect([await count(db, "Person"), await count(db, "MemberStatusHistory")]).toEqual(before);
  });

  it.skipIf(skip)("4,600 members imported and re-imported: the event loop runs meanwhile, and the cells are the records' and the same on both engines", async () => {
    const db = data(store());
    const statuses = ["member", "member", "member", "fee_payer", "lapsed", "non_member", "retired"];
    const line = (i: number, changed: boolean) => {
      const status = statuses[(i + (changed ? 3 : 0)) % statuses.length]!;
      const month = String(1 + (i % 9)).padStart(2, "0");
      return `${920000 + i},First${i},Last${i},${i % 11 === 0 ? "" : `p${i}@example.gov`},SL-${1 + (i % 2)},DHS,Site ${i % 13},${status},2026-${month}-0${1 + (i % 9)},${i % 3 === 0 ? "yes" : "no"},`;
    };
    const first = Array.from({ length: 4600 }, (_, i) => line(i, false));

    // A timer that ticks while the records are written, inside one transaction (rolled back here).
    let ticks = 0;
    const timer = setInterval(() => ticks++, 1);
    let ticksWhileWriting = -1;
    try {
      await transaction(store(), async (tx) => {
        const rows = first.map((l) => {
          const [memberNumber, firstName, lastName] = l.split(",");
          return { memberNumber: memberNumber!, firstName: firstName!, lastName: lastName! };
        });
        // Every 500 rows the progress callback holds the loop 25 ms, past the 20 ms budget: a
        // machine fast enough to write all 4,600 inside the budget would otherwise owe no turn.
        const slowProgress = () => {
          const until = performance.now() + 25;
          while (performance.now() < until);
        };
        const start = ticks;
        await upsertMembersIn(tx, rows, slowProgress);
        ticksWhileWriting = ticks - start;
        throw new Error("only timing the loop");
      }).catch(() => undefined);
    } finally {
      clearInterval(timer);
    }
    expect(ticksWhileWriting).toBeGreaterThan(0);

    expect(await importMembers(store(), csv(...first), { now: JUNE })).toMatchObject({ created: 4600, updated: 0, written: true });
    const changed = first.map((l, i) => (i % 7 === 0 ? line(i, true) : l));
    expect(await importMembers(store(), csv(...changed), { now: SEPTEMBER })).toMatchObject({ created: 0, updated: 4600, written: true });
    expect(await count(db, "Person")).toBe(4605);
    // One row each, and one more for each seventh member, whose status changed.
    expect(await count(db, "MemberStatusHistory")).toBe(8 + 4600 + Math.ceil(4600 / 7));

    const build = await foldMemberCellsPaged(store(), NOVEMBER_DAY);
    expect(build.personCount).toBe(4605);
    // November's cells are the records as they stand, status by status.
    const now = byMonth(build)["2026-11"]!;
    const onFile = Object.fromEntries((await db.all<{ s: string; n: number }>(`SELECT "membershipStatus" AS "s", count(*) AS "n" FROM "Person" GROUP BY "membershipStatus"`)).map((r) => [r.s, r.n]));
    expect(now.slice(0, 5)).toEqual([onFile.member ?? 0, onFile.fee_payer ?? 0, onFile.non_member ?? 0, onFile.retired ?? 0, onFile.lapsed ?? 0]);
    const capeMembers = await db.one<{ n: number }>(`SELECT count(*) AS "n" FROM "Person" WHERE "membershipStatus" = 'member' AND "capeContributor" = TRUE`);
    expect(now[5]).toBe(capeMembers!.n);
    const noEmail = await db.one<{ n: number }>(`SELECT count(*) AS "n" FROM "Person" WHERE "membershipStatus" <> 'retired' AND ("workEmail" IS NULL OR "workEmail" = '')`);
    expect(now[6]).toBe(noEmail!.n);
    if (engine === "sqlite") expect(sorted(build)).toEqual(sorted(computeMemberCellsApart(store().file, NOVEMBER_DAY)));
    folds[engine] = { ...folds[engine]!, large: build };
  }, 120_000);

  it.skipIf(skip || engine !== "postgres")("PostgreSQL's cells are SQLite's, cell for cell", () => {
    if (!folds.sqlite) return; // the SQLite half did not run in this process
    const strip = (b: MemberCellsBuild) => ({ ...sorted(b), historyMaxId: 0 });
    expect(strip(folds.postgres!.small)).toEqual(strip(folds.sqlite.small));
    expect(strip(folds.postgres!.large)).toEqual(strip(folds.sqlite.large));
  });
});
