// Member history and the monthly counts the membership reports read.
//
// Every import records, per member, a new history row when their status, CAPE flag or place
// (sub-local, employer, worksite…) changed, dated by the file's status date or the import day.
// From the history, one pass rebuilds a cell per month × place holding counts only (members, fee
// payers, CAPE, missing contact details, joins and drops during the month). A report then reads a
// few hundred cells instead of 70,000 people, and no report query can reach a name. The cells
// are brought up to date in one place, commands/core/member-cells.ts (the fold on a worker thread).
import Database from "better-sqlite3";
import { monthOfDay, periodKey, periodLastDay, shiftPeriod } from "./periods.ts";
import { data, transaction as inTransaction, type Db } from "./data.ts";
import { all, one, prepared, run, transaction } from "./sql.ts";
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

function insertBaselines(store: Pick<Store, "sql">, people: readonly BaselineRow[], now: Date, timeZone: string): void {
  const values = baselineValues(timeZone);
  const recordedAt = dbTime(now);
  const insert = prepared(store, INSERT_HISTORY);
  for (const p of people) insert.run(...values(p, recordedAt));
}

/**
 * Gives every person without history a first row from their record as it stands, dated from the
 * local day the record was created (a record made at 18:00 on 31 October in Oregon is on file in
 * October, though UTC already says 1 November). Run before an import changes records, inside its
 * transaction, so the state before the import is kept.
 */
export function recordBaseline(store: Pick<Store, "sql">, now: Date, timeZone: string = unionTimeZone()): number {
  const people = all<BaselineRow>(store, WITHOUT_HISTORY);
  insertBaselines(store, people, now, timeZone);
  return people.length;
}

const PAGE_WITHOUT_HISTORY = `${WITHOUT_HISTORY} AND p."id" > ? ORDER BY p."id" LIMIT ?`;

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

/**
 * Records what changed for each imported member (call after the records are written, inside the
 * same transaction). A status change is dated by the file's status date when it has one.
 */
export function recordImportHistory(store: Store, rows: readonly MemberStateInput[], importDay: string, now: Date): number {
  let written = 0;
  for (const r of rows) {
    const person = one<{ id: number }>(store, `SELECT "id" FROM "Person" WHERE "memberNumber" = ?`, r.memberNumber);
    if (!person) continue;
    const next: State = {
      status: r.membershipStatus ?? "member",
      cape: r.capeContributor ? 1 : 0,
      subLocalCode: r.subLocalCode ?? null,
      employer: r.employer ?? null,
      employerGroup: r.employerGroup ?? null,
      region: r.region ?? null,
      worksite: r.worksite ?? null,
    };
    const last = one<State & { since: string; hireDate: string | null }>(
      store,
      `SELECT "since", "status", "cape", "subLocalCode", "employer", "employerGroup", "region", "worksite", "hireDate" FROM "MemberStatusHistory"
       WHERE "personId" = ? ORDER BY "since" DESC, "id" DESC LIMIT 1`,
      person.id,
    );
    if (last && sameState(last, next) && (r.hireDate ?? last.hireDate) === last.hireDate) continue;
    let since: string;
    if (!last) since = r.statusDate ?? r.hireDate ?? importDay;
    else if (last.status !== next.status && r.statusDate) since = r.statusDate;
    else since = importDay;
    // History only moves forward: a status date before the last recorded change counts from that change.
    if (last && since < last.since) since = last.since;
    run(store, INSERT_HISTORY, person.id, since, next.status, next.cape, next.subLocalCode, next.employer, next.employerGroup, next.region, next.worksite, r.hireDate ?? last?.hireDate ?? null, "import", dbTime(now));
    written++;
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

/**
 * Folds the whole history into monthly cells, reading only. Run inside a transaction, so the
 * history and the figures it is stamped with come from one snapshot. `today` is the local day.
 */
function computeMemberCells(store: Pick<Store, "sql">, today: string): MemberCellsBuild {
  const { sql } = store;
  const lastMonth = monthOf(today);
  const first = one<{ since: string | null }>(store, `SELECT min("since") AS "since" FROM "MemberStatusHistory"`)?.since;
  let firstMonth = first ? monthOf(first) : lastMonth;
  if (firstMonth > lastMonth) firstMonth = lastMonth;
  if (firstMonth < addMonths(lastMonth, -(MAX_MONTHS - 1))) firstMonth = addMonths(lastMonth, -(MAX_MONTHS - 1));
  const months: string[] = [];
  for (let m = firstMonth; m <= lastMonth; m = shiftPeriod(m, 1)) months.push(m);
  const ends = months.map(periodLastDay);

  const contact = new Map<number, number>();
  for (const [id, noEmail, noPhone] of sql
    .prepare(`SELECT "id", ("workEmail" IS NULL OR "workEmail" = ''), ("workPhone" IS NULL OR "workPhone" = '') FROM "Person"`)
    .raw(true)
    .iterate() as IterableIterator<[number, number, number]>)
    contact.set(id, noEmail | (noPhone << 1));

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
  for (const [personId, since, status, cape, sub, group, region, employer, site, source] of sql
    .prepare(
      `SELECT "personId", "since", "status", "cape", "subLocalCode", "employerGroup", "region", "employer", "worksite", "source"
       FROM "MemberStatusHistory" ORDER BY "personId", "since", "id"`,
    )
    .raw(true)
    .iterate() as IterableIterator<[number, string, string, number, string | null, string | null, string | null, string | null, string | null, string]>) {
    if (personId !== current) {
      if (rows.length) fold(current, rows);
      current = personId;
      rows = [];
    }
    rows.push({ since, status: STATUS_INDEX[status] ?? 2, cape, place: placeOf(sub, group, region, employer, site), baseline: source === "baseline" });
  }
  if (rows.length) fold(current, rows);

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
  const historyMaxId = one<{ m: number | null }>(store, `SELECT max("id") AS "m" FROM "MemberStatusHistory"`)?.m ?? 0;
  const personCount = one<{ n: number }>(store, `SELECT count(*) AS "n" FROM "Person"`)!.n;
  return { firstMonth, lastMonth, months: months.length, historyMaxId, personCount, cells };
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
 * computeMemberCells on this connection, in one transaction: for a database with no file (in
 * memory), which no worker thread can open. Holds the caller's thread for the whole pass; the bot
 * reaches it only through commands/core/member-cells.ts.
 */
export function foldMemberCellsHere(store: Pick<Store, "sql">, today: string): MemberCellsBuild {
  return transaction(store, () => computeMemberCells(store, today));
}

/**
 * computeMemberCells on a read-only connection of its own to the database file, in one read
 * transaction (WAL: a snapshot that neither waits for the bot's writes nor holds them up). For a
 * worker thread: the pass over 70,000 people's history takes a second or more.
 */
export function computeMemberCellsApart(file: string, today: string): MemberCellsBuild {
  const sql = new Database(file, { readonly: true, fileMustExist: true, timeout: 5000 });
  try {
    return sql.transaction(() => computeMemberCells({ sql }, today)).deferred();
  } finally {
    sql.close();
  }
}

/**
 * Saves a build (made apart, or folded here for a database in memory), unless the cells were brought up to date meanwhile (an import rebuilt
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
