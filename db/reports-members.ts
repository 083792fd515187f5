// Member history and the monthly counts the membership reports read.
//
// Every import records, per member, a new history row when their status, CAPE flag or place
// (sub-local, employer, worksite…) changed, dated by the file's status date or the import day.
// From the history, one pass rebuilds a cell per month × place holding counts only (members, fee
// payers, CAPE, missing contact details, joins and drops during the month). A report then reads a
// few hundred cells instead of 70,000 people, and no report query can reach a name. The cells
// are brought up to date in one place, commands/core/member-cells.ts (the fold on a worker thread
// over SQLite, a page at a time over PostgreSQL's pool).
import Database from "better-sqlite3";
import { monthOfDay, periodKey, periodLastDay, shiftPeriod } from "./periods.ts";
import { data, transaction as inTransaction, type Db } from "./data.ts";
import { dialect } from "./dialect.ts";
import { turnTaker } from "./loop-turns.ts";
import type { Store } from "./store.ts";
import { dbTime } from "./time.ts";
import { unionTimeZone } from "./zone.ts";

export const STATUSES = ["member", "fee_payer", "non_member", "retired", "lapsed"] as const;
export type MemberStatus = (typeof STATUSES)[number];

export type MemberFilter = { kind: "statewide" } | { kind: "sublocal" | "employer_group" | "region"; id: string };
export type PlaceKey = "subLocalCode" | "employerGroup" | "region" | "employer" | "worksite";

export interface CellCounts {
  member: number;
  feePayer: number;
  nonMember: number;
  retired: number;
  lapsed: number;
  cape: number;
  noEmail: number;
  noPhone: number;
  joined: number;
  left: number;
}
export const COUNT_FIELDS = ["member", "feePayer", "nonMember", "retired", "lapsed", "cape", "noEmail", "noPhone", "joined", "left"] as const satisfies readonly (keyof CellCounts)[];

export const emptyCounts = (): CellCounts => ({ member: 0, feePayer: 0, nonMember: 0, retired: 0, lapsed: 0, cape: 0, noEmail: 0, noPhone: 0, joined: 0, left: 0 });

/** What an import row says about a member's state. */
export interface MemberStateInput {
  memberNumber: string;
  membershipStatus?: string | null;
  capeContributor?: boolean | null;
  subLocalCode?: string | null;
  employer?: string | null;
  employerGroup?: string | null;
  region?: string | null;
  worksite?: string | null;
  hireDate?: string | null;
  statusDate?: string | null;
}

type State = { status: string; cape: number; subLocalCode: string | null; employer: string | null; employerGroup: string | null; region: string | null; worksite: string | null };
const sameState = (a: State, b: State) =>
  a.status === b.status && a.cape === b.cape && a.subLocalCode === b.subLocalCode && a.employer === b.employer && a.employerGroup === b.employerGroup && a.region === b.region && a.worksite === b.worksite;

const INSERT_HISTORY = `INSERT INTO "MemberStatusHistory" ("personId", "since", "status", "cape", "subLocalCode", "employer", "employerGroup", "region", "worksite", "hireDate", "source", "recordedAt")
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;

type BaselineRow = { id: number; createdAt: string; status: string; cape: number; code: string | null; employer: string | null; employerGroup: string | null; region: string | null; worksite: string | null };
const WITHOUT_HISTORY = `SELECT p."id", p."createdAt", p."membershipStatus" AS "status", p."capeContributor" AS "cape", s."code", p."employer", p."employerGroup", p."region", p."worksite"
     FROM "Person" p LEFT JOIN "SubLocal" s ON s."id" = p."subLocalId"
     WHERE NOT EXISTS (SELECT 1 FROM "MemberStatusHistory" h WHERE h."personId" = p."id")`;

/** A baseline row's values for INSERT_HISTORY, `recordedAt` last. */
function baselineValues(timeZone: string) {
  // An import stamps all its records with one time: each distinct time is converted once.
  const days = new Map<string, string>();
  const dayOf = (at: string) => days.get(at) ?? (days.set(at, periodKey(at, "day", timeZone)), days.get(at)!);
  return <R>(p: BaselineRow, recordedAt: R) => [p.id, dayOf(p.createdAt), p.status, p.cape ? 1 : 0, p.code, p.employer, p.employerGroup, p.region, p.worksite, null, "baseline", recordedAt] as const;
}

const PAGE_WITHOUT_HISTORY = `${WITHOUT_HISTORY} AND p."id" > ? ORDER BY p."id" LIMIT ?`;

/** History rows per INSERT: twelve values each, well under either engine's limit on parameters. */
const HISTORY_BATCH = 250;
const historyInsert = (n: number) => `${INSERT_HISTORY}${", (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)".repeat(n - 1)}`;
const INSERT_HISTORY_BATCH = historyInsert(HISTORY_BATCH);

type HistoryValues = readonly unknown[];

// A batch's statements are planned afresh on PostgreSQL: a plan cached while the history was
// nearly empty (a first import) would scan all of it for every batch once it holds 70,000 rows.
const PLAN_EACH_BATCH = dialect({ sqlite: `SELECT 1`, postgres: `SET LOCAL plan_cache_mode = force_custom_plan` });

/** Inserts history rows a full batch per statement (the rest one by one): two statements, prepared once. */
async function insertHistory(tx: Db, rows: readonly HistoryValues[]): Promise<void> {
  let i = 0;
  for (; i + HISTORY_BATCH <= rows.length; i += HISTORY_BATCH) await tx.run(INSERT_HISTORY_BATCH, ...rows.slice(i, i + HISTORY_BATCH).flat());
  for (; i < rows.length; i++) await tx.run(INSERT_HISTORY, ...rows[i]!);
}

/**
 * Gives every person without history a first row from their record as it stands, dated from the
 * local day the record was created (a record made at 18:00 on 31 October in Oregon is on file in
 * October, though UTC already says 1 November). Run before an import changes records, inside its
 * transaction, so the state before the import is kept. A page at a time, giving the event loop a
 * turn between pages. Returns how many rows it wrote.
 */
export async function recordBaselineIn(tx: Db, now: Date, timeZone: string = unionTimeZone()): Promise<number> {
  await tx.run(PLAN_EACH_BATCH);
  const values = baselineValues(timeZone);
  const giveWay = turnTaker();
  let written = 0;
  for (let after = 0; ; ) {
    const people = await tx.all<BaselineRow>(PAGE_WITHOUT_HISTORY, after, HISTORY_BATCH * 4);
    if (people.length === 0) return written;
    await insertHistory(tx, people.map((p) => values(p, now)));
    written += people.length;
    after = people.at(-1)!.id;
    await giveWay();
  }
}

/**
 * recordBaseline for the next `limit` people without history after `afterId` (by id), in one
 * transaction of its own on the data layer, so the bot can record 70,000 of them a page at a time
 * between other work. Returns the last id it recorded, or null when no one is left.
 */
export async function recordBaselinePage(store: Store, now: Date, timeZone: string, afterId: number, limit: number): Promise<number | null> {
  return inTransaction(store, async (tx) => {
    const people = await tx.all<BaselineRow>(PAGE_WITHOUT_HISTORY, afterId, limit);
    const values = baselineValues(timeZone);
    for (const p of people) await tx.run(INSERT_HISTORY, ...values(p, now));
    return people.at(-1)?.id ?? null;
  });
}

type LastRow = State & { personId: number; since: string; hireDate: string | null };
// Each person's latest row (the same order as the fold: by day, then as recorded). Unused places
// in the list are NULL, which matches no one: one statement for every batch.
const LAST_ROWS = `SELECT "personId", "since", "status", "cape", "subLocalCode", "employer", "employerGroup", "region", "worksite", "hireDate" FROM (
    SELECT h.*, row_number() OVER (PARTITION BY h."personId" ORDER BY h."since" DESC, h."id" DESC) AS "rank"
    FROM "MemberStatusHistory" h WHERE h."personId" IN (${Array.from({ length: HISTORY_BATCH }, () => "?").join(", ")})
  ) latest WHERE "rank" = 1`;

/**
 * Records what changed for each imported member (call after the records are written, inside the
 * same transaction; `personIds[i]` is row i's person). A status change is dated by the file's
 * status date when it has one. A batch at a time, giving the event loop a turn between batches.
 * Returns how many rows it wrote.
 */
export async function recordImportHistoryIn(tx: Db, rows: readonly MemberStateInput[], personIds: readonly number[], importDay: string, now: Date): Promise<number> {
  await tx.run(PLAN_EACH_BATCH);
  const giveWay = turnTaker();
  let written = 0;
  for (let start = 0; start < rows.length; start += HISTORY_BATCH) {
    const ids = personIds.slice(start, start + HISTORY_BATCH);
    const lastOf = new Map<number, LastRow>();
    for (const l of await tx.all<LastRow>(LAST_ROWS, ...ids, ...Array(HISTORY_BATCH - ids.length).fill(null))) lastOf.set(Number(l.personId), l);
    const out: HistoryValues[] = [];
    rows.slice(start, start + HISTORY_BATCH).forEach((r, i) => {
      const personId = ids[i];
      if (personId === undefined) return;
      const next: State = {
        status: r.membershipStatus ?? "member",
        cape: r.capeContributor ? 1 : 0,
        subLocalCode: r.subLocalCode ?? null,
        employer: r.employer ?? null,
        employerGroup: r.employerGroup ?? null,
        region: r.region ?? null,
        worksite: r.worksite ?? null,
      };
      const last = lastOf.get(personId);
      if (last && sameState(last, next) && (r.hireDate ?? last.hireDate) === last.hireDate) return;
      let since: string;
      if (!last) since = r.statusDate ?? r.hireDate ?? importDay;
      else if (last.status !== next.status && r.statusDate) since = r.statusDate;
      else since = importDay;
      // History only moves forward: a status date before the last recorded change counts from that change.
      if (last && since < last.since) since = last.since;
      const hireDate = r.hireDate ?? last?.hireDate ?? null;
      out.push([personId, since, next.status, next.cape, next.subLocalCode, next.employer, next.employerGroup, next.region, next.worksite, hireDate, "import", now]);
      // The same person twice in one list: the second compares with the first's row.
      lastOf.set(personId, { ...next, personId, since, hireDate });
    });
    await insertHistory(tx, out);
    written += out.length;
    await giveWay();
  }
  return written;
}

// ---- Monthly cells ------------------------------------------------------------------------------

/** The month of a local calendar day ("YYYY-MM-DD"). */
export function monthOf(day: string): string {
  return monthOfDay(day);
}

export function addMonths(month: string, n: number): string {
  return shiftPeriod(month, n);
}

const STATUS_INDEX: Record<string, number> = { member: 0, fee_payer: 1, non_member: 2, retired: 3, lapsed: 4 };
const F = { cape: 5, noEmail: 6, noPhone: 7, joined: 8, left: 9 } as const;
const WIDTH = 10;
/** How far back cells go: reports compare with earlier periods, not with the whole archive. */
export const MAX_MONTHS = 120;

/** What one pass over the history found: every cell that holds someone, and the records it reflects. */
export interface MemberCellsBuild {
  firstMonth: string;
  lastMonth: string;
  months: number;
  historyMaxId: number;
  personCount: number;
  /** Per cell: month, sub-local, employer group, region, employer, worksite, then the ten counts in COUNT_FIELDS order. */
  cells: (string | number)[][];
}

type HistoryTuple = [personId: number, since: string, status: string, cape: number, sub: string | null, group: string | null, region: string | null, employer: string | null, site: string | null, source: string];
const HISTORY_COLUMNS = `"personId", "since", "status", "cape", "subLocalCode", "employerGroup", "region", "employer", "worksite", "source"`;
const CONTACT_COLUMNS = `"id", ("workEmail" IS NULL OR "workEmail" = '') AS "noEmail", ("workPhone" IS NULL OR "workPhone" = '') AS "noPhone"`;
const FIRST_SINCE = `SELECT min("since") AS "since" FROM "MemberStatusHistory"`;
const HISTORY_MAX_ID = `SELECT max("id") AS "m" FROM "MemberStatusHistory"`;
const PERSON_COUNT = `SELECT count(*) AS "n" FROM "Person"`;

/**
 * The fold of every member's history into monthly cells, fed the people's contact flags and then
 * their history rows ordered by person, day and id (each person's rows together). The same
 * arithmetic whichever engine and reader feed it. `today` is the local day.
 */
function memberCellsFold(today: string, firstSince: string | null | undefined) {
  const lastMonth = monthOf(today);
  let firstMonth = firstSince ? monthOf(firstSince) : lastMonth;
  if (firstMonth > lastMonth) firstMonth = lastMonth;
  if (firstMonth < addMonths(lastMonth, -(MAX_MONTHS - 1))) firstMonth = addMonths(lastMonth, -(MAX_MONTHS - 1));
  const months: string[] = [];
  for (let m = firstMonth; m <= lastMonth; m = shiftPeriod(m, 1)) months.push(m);
  const ends = months.map(periodLastDay);

  const contact = new Map<number, number>();
  const places = new Map<string, number>();
  const placeOf = (sub: string | null, group: string | null, region: string | null, employer: string | null, site: string | null) => {
    const k = `${sub ?? ""}\u0000${group ?? ""}\u0000${region ?? ""}\u0000${employer ?? ""}\u0000${site ?? ""}`;
    let i = places.get(k);
    if (i === undefined) places.set(k, (i = places.size));
    return i;
  };
  type Row = { since: string; status: number; cape: number; place: number; baseline: boolean };
  const acc: Map<number, Int32Array> = new Map(); // place → months × WIDTH
  const cell = (place: number) => {
    let a = acc.get(place);
    if (!a) acc.set(place, (a = new Int32Array(months.length * WIDTH)));
    return a;
  };

  const beforeFirst = periodLastDay(shiftPeriod(firstMonth, -1));
  const fold = (personId: number, rows: Row[]) => {
    const flags = contact.get(personId) ?? 0;
    // State before the window: a person already there when the cells begin did not "join".
    let p = -1;
    while (p + 1 < rows.length && rows[p + 1]!.since <= beforeFirst) p++;
    let wasMember = p >= 0 && rows[p]!.status === 0;
    for (let i = 0; i < months.length; i++) {
      const started = p >= 0;
      while (p + 1 < rows.length && rows[p + 1]!.since <= ends[i]!) p++;
      if (p < 0) continue;
      // Records that predate the history (baseline) were already there: no join, no drop.
      if (!started && rows[0]!.baseline) wasMember = rows[0]!.status === 0;
      const s = rows[p]!;
      const a = cell(s.place);
      const o = i * WIDTH;
      a[o + s.status]!++;
      const isMember = s.status === 0;
      if (isMember && s.cape) a[o + F.cape]!++;
      if (s.status !== 3) {
        if (flags & 1) a[o + F.noEmail]!++;
        if (flags & 2) a[o + F.noPhone]!++;
      }
      if (isMember && !wasMember) a[o + F.joined]!++;
      if (!isMember && wasMember) a[o + F.left]!++;
      wasMember = isMember;
    }
  };

  let current = -1;
  let rows: Row[] = [];
  return {
    /** A person's missing work e-mail and phone (1 or 0 each). */
    contact(id: number, noEmail: number, noPhone: number) {
      contact.set(Number(id), noEmail | (noPhone << 1));
    },
    /** The next history row. */
    row([personId, since, status, cape, sub, group, region, employer, site, source]: HistoryTuple) {
      if (personId !== current) {
        if (rows.length) fold(current, rows);
        current = personId;
        rows = [];
      }
      rows.push({ since, status: STATUS_INDEX[status] ?? 2, cape, place: placeOf(sub, group, region, employer, site), baseline: source === "baseline" });
    },
    /** The cells, once every row is in, stamped with the records they reflect. */
    end(historyMaxId: number, personCount: number): MemberCellsBuild {
      if (rows.length) fold(current, rows);
      rows = [];
      const keys = [...places.keys()];
      const cells: (string | number)[][] = [];
      for (const [place, a] of acc) {
        const [sub, group, region, employer, site] = keys[place]!.split("\u0000") as [string, string, string, string, string];
        for (let i = 0; i < months.length; i++) {
          const v = a.subarray(i * WIDTH, (i + 1) * WIDTH);
          if (v.every((x) => x === 0)) continue;
          cells.push([months[i]!, sub, group, region, employer, site, ...v]);
        }
      }
      return { firstMonth, lastMonth, months: months.length, historyMaxId, personCount, cells };
    },
  };
}

/**
 * Folds the whole history into monthly cells on a SQLite connection of the caller's own (the
 * worker's), reading only. Run inside a transaction, so the history and the figures it is stamped
 * with come from one snapshot.
 */
function computeMemberCells(sql: Database.Database, today: string): MemberCellsBuild {
  const first = (sql.prepare(FIRST_SINCE).get() as { since: string | null } | undefined)?.since;
  const fold = memberCellsFold(today, first);
  for (const [id, noEmail, noPhone] of sql.prepare(`SELECT ${CONTACT_COLUMNS} FROM "Person"`).raw(true).iterate() as IterableIterator<[number, number, number]>) fold.contact(id, noEmail, noPhone);
  for (const row of sql.prepare(`SELECT ${HISTORY_COLUMNS} FROM "MemberStatusHistory" ORDER BY "personId", "since", "id"`).raw(true).iterate() as IterableIterator<HistoryTuple>) fold.row(row);
  return fold.end((sql.prepare(HISTORY_MAX_ID).get() as { m: number | null } | undefined)?.m ?? 0, (sql.prepare(PERSON_COUNT).get() as { n: number }).n);
}

/** People per page of the paged fold, with all their history rows. */
const FOLD_PAGE = 1000;
const PEOPLE_PAGE = `SELECT ${CONTACT_COLUMNS} FROM "Person" WHERE "id" > ? ORDER BY "id" LIMIT ${FOLD_PAGE}`;
const HISTORY_PAGE = `SELECT ${HISTORY_COLUMNS} FROM "MemberStatusHistory" WHERE "personId" > ? AND "personId" <= ? ORDER BY "personId", "since", "id"`;
// The last page also takes any history past the last person on file.
const HISTORY_REST = `SELECT ${HISTORY_COLUMNS} FROM "MemberStatusHistory" WHERE "personId" > ? ORDER BY "personId", "since", "id"`;
// One snapshot for the whole pass (the history, the people and the stamp), taking no locks:
// SQLite's transaction is one already.
const SNAPSHOT = dialect({ sqlite: `SELECT 1`, postgres: `SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY` });
type HistoryRecord = { personId: number; since: string; status: string; cape: number; subLocalCode: string | null; employerGroup: string | null; region: string | null; employer: string | null; worksite: string | null; source: string };

/**
 * The same fold through the asynchronous data layer, a page of people and their history at a
 * time in one read-only snapshot, giving the event loop a turn between pages: the fold on
 * PostgreSQL, where no worker thread shares a file (each page is a round trip to the server; the
 * arithmetic per page takes a few milliseconds). On SQLite the worker's fold (computeMemberCellsApart)
 * is faster and holds no lock; this one holds the connection, so SQLite uses it only for a
 * database in memory, which no worker's connection can open.
 */
export async function foldMemberCellsPaged(store: Store, today: string): Promise<MemberCellsBuild> {
  return inTransaction(store, async (tx) => {
    await tx.run(SNAPSHOT);
    const fold = memberCellsFold(today, (await tx.one<{ since: string | null }>(FIRST_SINCE))?.since);
    const giveWay = turnTaker(10);
    for (let after = 0; ; ) {
      const people = await tx.all<{ id: number; noEmail: number; noPhone: number }>(PEOPLE_PAGE, after);
      for (const p of people) fold.contact(p.id, p.noEmail, p.noPhone);
      const last = people.length === FOLD_PAGE ? people.at(-1)!.id : null;
      const history = last === null ? await tx.all<HistoryRecord>(HISTORY_REST, after) : await tx.all<HistoryRecord>(HISTORY_PAGE, after, last);
      for (const h of history) fold.row([h.personId, h.since, h.status, h.cape, h.subLocalCode, h.employerGroup, h.region, h.employer, h.worksite, h.source]);
      await giveWay();
      if (last === null) break;
      after = last;
    }
    const maxId = (await tx.one<{ m: number | null }>(HISTORY_MAX_ID))?.m ?? 0;
    return fold.end(maxId, (await tx.one<{ n: number }>(PERSON_COUNT))!.n);
  });
}

const INSERT_CELL = `INSERT INTO "MemberReportCell" ("month", "subLocalCode", "employerGroup", "region", "employer", "worksite", "member", "feePayer", "nonMember", "retired", "lapsed", "cape", "noEmail", "noPhone", "joined", "left")
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;
const SAVE_STATE = `INSERT INTO "MemberReportState" ("id", "historyMaxId", "personCount", "firstMonth", "lastMonth", "builtAt") VALUES (1, ?, ?, ?, ?, ?)
     ON CONFLICT ("id") DO UPDATE SET "historyMaxId" = excluded."historyMaxId", "personCount" = excluded."personCount",
       "firstMonth" = excluded."firstMonth", "lastMonth" = excluded."lastMonth", "builtAt" = excluded."builtAt"`;

/** Replaces every cell with a build's, stamped with the records it reflects (in the caller's transaction). */
async function writeMemberCells(tx: Db, build: MemberCellsBuild, now: Date): Promise<void> {
  await tx.run(`DELETE FROM "MemberReportCell"`);
  for (const c of build.cells) await tx.run(INSERT_CELL, ...c);
  await tx.run(SAVE_STATE, build.historyMaxId, build.personCount, build.firstMonth, build.lastMonth, now);
}

/**
 * computeMemberCells on a read-only connection of its own to the database file, in one read
 * transaction (WAL: a snapshot that neither waits for the bot's writes nor holds them up). For a
 * worker thread: the pass over 70,000 people's history takes a second or more.
 */
export function computeMemberCellsApart(file: string, today: string): MemberCellsBuild {
  const sql = new Database(file, { readonly: true, fileMustExist: true, timeout: 5000 });
  try {
    return sql.transaction(() => computeMemberCells(sql, today)).deferred();
  } finally {
    sql.close();
  }
}

/**
 * Saves a build (made apart, or a page at a time over the data layer), unless the cells were brought up to date meanwhile (an import rebuilt
 * them): a build from an older snapshot is still whole and stamped with what it reflects, so the
 * next report sees it is behind. Returns the months the cells now cover.
 */
export async function saveMemberCells(store: Store, build: MemberCellsBuild, now: Date): Promise<CellRange> {
  return inTransaction(store, async (tx) => {
    const s = await memberCellsStatus(tx);
    if (s.fresh) return s.range;
    await writeMemberCells(tx, build, now);
    return cellRange(build.firstMonth, build.lastMonth);
  });
}

declare const upToDate: unique symbol;

/**
 * The months the cells cover. Handed out only by memberCellsStatus (when fresh) and
 * saveMemberCells, so a read that needs one (countsBy, monthlyTotals, the handoff figures) cannot
 * read cells that were never brought up to date: readers get it from readyMemberCells
 * (commands/core/member-cells.ts).
 */
export interface CellRange {
  firstMonth: string;
  lastMonth: string;
  readonly [upToDate]: true;
}
const cellRange = (firstMonth: string, lastMonth: string) => ({ firstMonth, lastMonth }) as CellRange;

/**
 * Whether the cells reflect the records: no one added since (people without history need their
 * baseline first) and no history written since the last build. Cheap (two indexed look-ups and a count).
 */
export async function memberCellsStatus(db: Db): Promise<{ fresh: true; range: CellRange } | { fresh: false; needsBaseline: boolean }> {
  const state = await db.one<{ historyMaxId: number; personCount: number; firstMonth: string; lastMonth: string }>(
    `SELECT "historyMaxId", "personCount", "firstMonth", "lastMonth" FROM "MemberReportState" WHERE "id" = 1`,
  );
  const people = (await db.one<{ n: number }>(`SELECT count(*) AS "n" FROM "Person"`))!.n;
  const maxId = (await db.one<{ m: number | null }>(`SELECT max("id") AS "m" FROM "MemberStatusHistory"`))?.m ?? 0;
  // A new month needs no rebuild: months after the last build carry its counts forward.
  if (state && state.personCount === people && state.historyMaxId === maxId) return { fresh: true, range: cellRange(state.firstMonth, state.lastMonth) };
  return { fresh: false, needsBaseline: !state || state.personCount !== people };
}

const scopeColumn = (f: MemberFilter) => (f.kind === "sublocal" ? "subLocalCode" : f.kind === "employer_group" ? "employerGroup" : f.kind === "region" ? "region" : null);

const SUMS = COUNT_FIELDS.map((f) => `sum("${f}") AS "${f}"`).join(", ");

/**
 * Counts at the end of `month` in the scope, grouped by a place column (or one total for null).
 * A month after the last build carries the last month's counts forward with no joins or drops
 * (nothing was imported since); a month before the first has no one.
 */
export async function countsBy(db: Db, filter: MemberFilter, month: string, by: PlaceKey | null, range: CellRange): Promise<Map<string, CellCounts>> {
  const out = new Map<string, CellCounts>();
  if (month < range.firstMonth) return out;
  const read = month > range.lastMonth ? range.lastMonth : month;
  const col = scopeColumn(filter);
  const rows = await db.all<CellCounts & { k: string }>(
    `SELECT ${by ? `"${by}"` : "''"} AS "k", ${SUMS} FROM "MemberReportCell" WHERE "month" = ?${col ? ` AND "${col}" = ?` : ""}${by ? ` GROUP BY "${by}"` : ""}`,
    ...(col && filter.kind !== "statewide" ? [read, filter.id] : [read]),
  );
  for (const r of rows) {
    if (r.member === null) continue;
    const { k, ...c } = r;
    if (read !== month) (c.joined = 0), (c.left = 0);
    out.set(k, c);
  }
  return out;
}

/** Scope totals for each month in [from, to] ("YYYY-MM"), months after the last build carried forward. */
export async function monthlyTotals(db: Db, filter: MemberFilter, from: string, to: string, range: CellRange): Promise<{ month: string; counts: CellCounts }[]> {
  const col = scopeColumn(filter);
  const rows = await db.all<CellCounts & { month: string }>(
    `SELECT "month", ${SUMS} FROM "MemberReportCell" WHERE "month" BETWEEN ? AND ?${col ? ` AND "${col}" = ?` : ""} GROUP BY "month"`,
    ...(col && filter.kind !== "statewide" ? [from, to, filter.id] : [from, to]),
  );
  const byMonth = new Map(rows.map(({ month, ...c }) => [month, c as CellCounts]));
  const out: { month: string; counts: CellCounts }[] = [];
  let carried: CellCounts | undefined;
  if (from > range.lastMonth) carried = (await countsBy(db, filter, range.lastMonth, null, range)).get("");
  for (let m = from; m <= to; m = addMonths(m, 1)) {
    if (m < range.firstMonth) {
      out.push({ month: m, counts: emptyCounts() });
      continue;
    }
    if (m <= range.lastMonth) carried = byMonth.get(m) ?? emptyCounts();
    else if (carried) carried = { ...carried, joined: 0, left: 0 };
    out.push({ month: m, counts: carried ?? emptyCounts() });
  }
  return out;
}

/** Active stewards and chief stewards per sub-local code, within the scope's sub-locals. */
export async function stewardsBySubLocal(db: Db, filter: MemberFilter, at: Date): Promise<Map<string, number>> {
  const rows = await db.all<{ code: string; n: number }>(
    `SELECT r."scopeId" AS "code", count(DISTINCT r."personId") AS "n" FROM "RoleAssignment" r
     WHERE r."role" IN ('steward', 'chief_steward') AND r."scopeType" = 'sublocal' AND r."startsAt" <= ? AND (r."endsAt" IS NULL OR r."endsAt" > ?)
     GROUP BY r."scopeId"`,
    at,
    at,
  );
  const inScope = filter.kind === "statewide" ? null : new Set((await db.all<{ code: string }>(`SELECT "code" FROM "SubLocal" WHERE "${filter.kind === "sublocal" ? "code" : filter.kind === "employer_group" ? "employerGroup" : "region"}" = ?`, filter.id)).map((r) => r.code));
  return new Map(rows.filter((r) => !inScope || inScope.has(r.code)).map((r) => [r.code, r.n]));
}
