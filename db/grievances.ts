// Grievance data access: cases, history, extensions, contracts, steward channels and the members
// an intake may name. Statements on the data layer (either engine). Writes that must stay
// consistent (a reference number, a change with its history entry and its report cells) take the
// caller's transaction (`tx`), so the caller's audit entry and reminder plan commit with them.
import type { Store } from "./store.ts";
import { refreshCells } from "./grievances-report.ts";
import { transaction, type Db, type Tx } from "./data.ts";
import { dialect } from "./dialect.ts";
import { ensureHolidays } from "./holidays.ts";

export interface ContractRow {
  id: number;
  code: string;
  name: string;
  employerGroup: string | null;
  rules: string;
}

export interface GrievanceRow {
  id: number;
  ref: string;
  year: number;
  seq: number;
  grievantId: number;
  stewardId: number | null;
  subLocalCode: string;
  employer: string;
  employerGroup: string | null;
  region: string | null;
  worksite: string | null;
  contractId: number;
  articles: string;
  article: string;
  category: string;
  incidentDate: string;
  learnedDate: string;
  disciplineDate: string | null;
  narrative: string;
  remedy: string;
  stepNo: number;
  stepStartedOn: string;
  stepReceivedOn: string | null;
  meetingHeldOn: string | null;
  responseReceivedOn: string | null;
  status: "open" | "closed";
  outcome: string | null;
  filedOn: string;
  closedOn: string | null;
  daysToResolve: number | null;
  createdById: number;
}

export interface EventRow {
  id: number;
  grievanceId: number;
  at: string;
  actorId: number | null;
  kind: string;
  stepNo: number;
  text: string | null;
  details: string;
}

export interface ExtensionRow {
  id: number;
  grievanceId: number;
  stepNo: number;
  deadline: "filing" | "meeting" | "response" | "appeal";
  untilDate: string;
  reason: string;
  agreedWith: string | null;
  byId: number;
  at: string;
}

// ---- Contracts and holidays --------------------------------------------------------------------

/** Seeds contracts and holidays the first time grievances are used, in one transaction. Idempotent. */
export async function ensureGrievanceDefaults(
  store: Store,
  defaults: { contracts: { code: string; name: string; employerGroup: string | null; rules: unknown }[]; holidays: { date: string; name: string }[] },
): Promise<void> {
  const now = new Date();
  await transaction(store, async (tx) => {
    const hasContracts = (await tx.one<{ n: number }>(`SELECT count(*) AS "n" FROM "GrievanceContract"`))!.n > 0;
    if (!hasContracts) {
      for (const c of defaults.contracts)
        await tx.run(
          // Two processes seeding at once: the second finds the code taken and adds nothing.
          `INSERT INTO "GrievanceContract" ("code", "name", "employerGroup", "rules", "createdAt", "updatedAt") VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT ("code") DO NOTHING`,
          c.code, c.name, c.employerGroup, JSON.stringify(c.rules), now, now,
        );
    }
    await ensureHolidays(tx, defaults.holidays);
  });
}

const CONTRACT_COLS = `"id", "code", "name", "employerGroup", "rules"`;

export async function listContracts(db: Db): Promise<ContractRow[]> {
  return db.all<ContractRow>(`SELECT ${CONTRACT_COLS} FROM "GrievanceContract" ORDER BY "code"`);
}
export async function contractById(db: Db, id: number): Promise<ContractRow | undefined> {
  return db.one<ContractRow>(`SELECT ${CONTRACT_COLS} FROM "GrievanceContract" WHERE "id" = ?`, id);
}
export async function contractByCode(db: Db, code: string): Promise<ContractRow | undefined> {
  return db.one<ContractRow>(`SELECT ${CONTRACT_COLS} FROM "GrievanceContract" WHERE upper("code") = upper(?)`, code);
}

// A contract's code is unique whatever its case: looked up and added under one lock on PostgreSQL
// (SQLite's write transaction already excludes other writers).
const LOCK_CONTRACTS = dialect({ sqlite: `SELECT 1`, postgres: `SELECT pg_advisory_xact_lock(5042)` });

/** Adds a contract; null when the code is taken (in any case). One transaction of its own. */
export async function createContract(store: Store, c: { code: string; name: string; employerGroup: string | null; rules: unknown }, byId: number, at: Date): Promise<number | null> {
  return transaction(store, async (tx) => {
    await tx.one(LOCK_CONTRACTS);
    if (await contractByCode(tx, c.code)) return null;
    const row = await tx.one<{ id: number }>(
      `INSERT INTO "GrievanceContract" ("code", "name", "employerGroup", "rules", "updatedById", "createdAt", "updatedAt") VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT ("code") DO NOTHING RETURNING "id"`,
      c.code, c.name, c.employerGroup, JSON.stringify(c.rules), byId, at, at,
    );
    return row ? row.id : null;
  });
}

export async function updateContractRules(db: Db, id: number, rules: unknown, byId: number, at: Date): Promise<void> {
  await db.run(`UPDATE "GrievanceContract" SET "rules" = ?, "updatedById" = ?, "updatedAt" = ? WHERE "id" = ?`, JSON.stringify(rules), byId, at, id);
}

// ---- Members for intake -----------------------------------------------------------------------

export interface MemberHit {
  id: number;
  memberNumber: string;
  firstName: string;
  lastName: string;
  preferredName: string | null;
  subLocalCode: string | null;
  worksite: string | null;
  employer: string | null;
}

const MEMBER_COLS = `p."id", p."memberNumber", p."firstName", p."lastName", p."preferredName", s."code" AS "subLocalCode", p."worksite", p."employer"`;

/** Members by number prefix or name, optionally only within some sub-locals. Public fields only. */
export async function searchMembers(db: Db, query: string, subLocals: string[] | null, limit = 10): Promise<MemberHit[]> {
  const q = query.trim();
  if (subLocals && subLocals.length === 0) return [];
  const scope = subLocals ? `AND s."code" IN (${subLocals.map(() => "?").join(",")})` : "";
  const words = q.toLowerCase().split(/\s+/).filter(Boolean).slice(0, 3);
  const byName = words.map(() => `(lower(p."firstName") LIKE ? OR lower(p."lastName") LIKE ? OR lower(coalesce(p."preferredName", '')) LIKE ?)`).join(" AND ");
  const where = /^\d+$/.test(q) ? `p."memberNumber" LIKE ?` : words.length ? byName : `1 = 1`;
  const params: unknown[] = /^\d+$/.test(q) ? [`${q}%`] : words.flatMap((w) => [`${w}%`, `${w}%`, `${w}%`]);
  return db.all<MemberHit>(
    `SELECT ${MEMBER_COLS}
     FROM "Person" p LEFT JOIN "SubLocal" s ON s."id" = p."subLocalId"
     WHERE ${where} ${scope} ORDER BY p."lastName", p."firstName", p."memberNumber" LIMIT ?`,
    ...params,
    ...(subLocals ?? []),
    limit,
  );
}

export async function memberById(db: Db, id: number): Promise<(MemberHit & { employerGroup: string | null; region: string | null }) | undefined> {
  return db.one(
    `SELECT ${MEMBER_COLS}, coalesce(p."employerGroup", s."employerGroup") AS "employerGroup", coalesce(p."region", s."region") AS "region"
     FROM "Person" p LEFT JOIN "SubLocal" s ON s."id" = p."subLocalId" WHERE p."id" = ?`,
    id,
  );
}

export async function memberByNumber(db: Db, n: string): Promise<MemberHit | undefined> {
  return db.one<MemberHit>(`SELECT ${MEMBER_COLS} FROM "Person" p LEFT JOIN "SubLocal" s ON s."id" = p."subLocalId" WHERE p."memberNumber" = ?`, n);
}

export async function namesOf(db: Db, ids: number[]): Promise<Map<number, string>> {
  const uniq = [...new Set(ids)];
  if (uniq.length === 0) return new Map();
  const rows = await db.all<{ id: number; name: string }>(
    `SELECT "id", coalesce("preferredName", "firstName") || ' ' || "lastName" AS "name" FROM "Person" WHERE "id" IN (${uniq.map(() => "?").join(",")})`,
    ...uniq,
  );
  return new Map(rows.map((r) => [r.id, r.name]));
}

// ---- Cases ------------------------------------------------------------------------------------

export type NewGrievance = Pick<
  GrievanceRow,
  | "grievantId"
  | "stewardId"
  | "subLocalCode"
  | "employer"
  | "employerGroup"
  | "region"
  | "worksite"
  | "contractId"
  | "articles"
  | "article"
  | "category"
  | "incidentDate"
  | "learnedDate"
  | "disciplineDate"
  | "narrative"
  | "remedy"
  | "stepNo"
> & { filedOn: string; createdById: number };

// Two filings at once must not take the same reference number: on PostgreSQL the year's next
// number is read and taken under one lock (SQLite's write transaction already excludes others).
const LOCK_REFS = dialect({ sqlite: `SELECT 1`, postgres: `SELECT pg_advisory_xact_lock(5041)` });
const NEXT_SEQ = `SELECT coalesce(max("seq"), 0) + 1 AS "n" FROM "Grievance" WHERE "year" = ?`;
const INSERT_CASE = `INSERT INTO "Grievance" ("ref", "year", "seq", "grievantId", "stewardId", "subLocalCode", "employer", "employerGroup", "region", "worksite", "contractId",
     "articles", "article", "category", "incidentDate", "learnedDate", "disciplineDate", "narrative", "remedy", "stepNo", "stepStartedOn", "status",
     "filedOn", "filedMonth", "createdById", "createdAt", "updatedAt")
   VALUES (@ref, @year, @seq, @grievantId, @stewardId, @subLocalCode, @employer, @employerGroup, @region, @worksite, @contractId,
     @articles, @article, @category, @incidentDate, @learnedDate, @disciplineDate, @narrative, @remedy, @stepNo, @filedOn, 'open',
     @filedOn, @filedMonth, @createdById, @now, @now)
   RETURNING "id"`;

/** Creates the case with the next reference number of its year, its "filed" history entry and its report cells, in the caller's transaction. */
export async function createGrievance(tx: Tx, g: NewGrievance, at: Date): Promise<{ id: number; ref: string }> {
  const year = Number(g.filedOn.slice(0, 4));
  await tx.one(LOCK_REFS);
  const seq = (await tx.one<{ n: number }>(NEXT_SEQ, year))!.n;
  const ref = `G-${year}-${String(seq).padStart(4, "0")}`;
  const values = {
    ref, year, seq, grievantId: g.grievantId, stewardId: g.stewardId, subLocalCode: g.subLocalCode, employer: g.employer, employerGroup: g.employerGroup, region: g.region,
    worksite: g.worksite, contractId: g.contractId, articles: g.articles, article: g.article, category: g.category, incidentDate: g.incidentDate, learnedDate: g.learnedDate,
    disciplineDate: g.disciplineDate, narrative: g.narrative, remedy: g.remedy, stepNo: g.stepNo, filedOn: g.filedOn, filedMonth: g.filedOn.slice(0, 7), createdById: g.createdById, now: at,
  };
  const id = (await tx.one<{ id: number }>(INSERT_CASE, values))!.id;
  await insertEvent(tx, { grievanceId: id, at, actorId: g.createdById, kind: "filed", stepNo: g.stepNo, text: null, details: { stewardId: g.stewardId } });
  await refreshCells(tx, g.filedOn.slice(0, 7), g.subLocalCode);
  return { id, ref };
}

const CASE_COLS = `"id", "ref", "year", "seq", "grievantId", "stewardId", "subLocalCode", "employer", "employerGroup", "region", "worksite", "contractId", "articles", "article",
  "category", "incidentDate", "learnedDate", "disciplineDate", "narrative", "remedy", "stepNo", "stepStartedOn", "stepReceivedOn", "meetingHeldOn", "responseReceivedOn", "status", "outcome", "filedOn",
  "closedOn", "daysToResolve", "createdById"`;

export async function grievanceByRef(db: Db, ref: string): Promise<GrievanceRow | undefined> {
  return db.one<GrievanceRow>(`SELECT ${CASE_COLS} FROM "Grievance" WHERE "ref" = ?`, ref.toUpperCase());
}
export async function grievanceById(db: Db, id: number): Promise<GrievanceRow | undefined> {
  return db.one<GrievanceRow>(`SELECT ${CASE_COLS} FROM "Grievance" WHERE "id" = ?`, id);
}

const shiftDay = (d: string, days: number) => new Date(Date.parse(`${d}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** Cases of the same grievant and article whose incident is within `days` of this one. */
export async function possibleDuplicates(db: Db, grievantId: number, article: string, incidentDate: string, days = 14): Promise<GrievanceRow[]> {
  return db.all<GrievanceRow>(
    `SELECT ${CASE_COLS} FROM "Grievance" WHERE "grievantId" = ? AND "article" = ? AND "incidentDate" BETWEEN ? AND ? ORDER BY "id"`,
    grievantId, article, shiftDay(incidentDate, -days), shiftDay(incidentDate, days),
  );
}

async function insertEvent(db: Db, e: { grievanceId: number; at: Date; actorId: number | null; kind: string; stepNo: number; text: string | null; details: Record<string, unknown> }): Promise<void> {
  await db.run(
    `INSERT INTO "GrievanceEvent" ("grievanceId", "at", "actorId", "kind", "stepNo", "text", "details") VALUES (?, ?, ?, ?, ?, ?, ?)`,
    e.grievanceId, e.at, e.actorId, e.kind, e.stepNo, e.text, JSON.stringify(e.details),
  );
}

export type CaseChange = Partial<
  Pick<GrievanceRow, "stewardId" | "stepNo" | "stepStartedOn" | "stepReceivedOn" | "meetingHeldOn" | "responseReceivedOn" | "status" | "outcome" | "closedOn" | "daysToResolve">
>;

// The case as it stands, its row locked until the transaction ends on PostgreSQL: two people acting
// on the same step at once, in two processes, cannot both pass the check below.
const CURRENT = dialect({
  sqlite: `SELECT "stepNo", "status", "filedOn", "subLocalCode" FROM "Grievance" WHERE "id" = ?`,
  postgres: `SELECT "stepNo", "status", "filedOn", "subLocalCode" FROM "Grievance" WHERE "id" = ? FOR UPDATE`,
});
type Current = { stepNo: number; status: string; filedOn: string; subLocalCode: string };

async function current(tx: Tx, id: number, expect: { stepNo: number; status: string }): Promise<Current | null> {
  const cur = await tx.one<Current>(CURRENT, id);
  return cur && cur.stepNo === expect.stepNo && cur.status === expect.status ? cur : null;
}

/** `UPDATE "Grievance" SET` the given columns (a handful of fixed sets, so a handful of statements). */
function updateText(keys: string[]): string {
  return `UPDATE "Grievance" SET ${keys.map((k) => `"${k}" = @${k}`).join(", ")}, "updatedAt" = @updatedAt WHERE "id" = @id`;
}

/**
 * Applies a change and writes its history entry, in the caller's transaction. `expect` guards
 * against two people acting on the same step at once: when the case moved on meanwhile, nothing is
 * written and the answer is false.
 */
export async function changeCase(
  tx: Tx,
  id: number,
  change: CaseChange,
  event: { at: Date; actorId: number; kind: string; stepNo: number; text: string | null; details: Record<string, unknown> },
  expect: { stepNo: number; status: string },
): Promise<boolean> {
  const cur = await current(tx, id, expect);
  if (!cur) return false;
  const keys = Object.keys(change);
  if (keys.length > 0) {
    await tx.run(updateText(keys), { ...change, updatedAt: event.at, id });
    // Steward changes don't show in reports; steps, status and outcomes do.
    if (keys.some((k) => k !== "stewardId")) await refreshCells(tx, cur.filedOn.slice(0, 7), cur.subLocalCode);
  }
  await insertEvent(tx, { grievanceId: id, ...event });
  return true;
}

/**
 * Corrects the real date of an event at the current step (filed with management, received,
 * meeting held, response received) with its history entry, in the caller's transaction. A new
 * filing date of the case's first step moves the case's filing month too, so the report cells of
 * both months are refreshed.
 */
export async function recordCaseDate(
  tx: Tx,
  id: number,
  change: Pick<CaseChange, "stepStartedOn" | "stepReceivedOn" | "meetingHeldOn" | "responseReceivedOn"> & { filedOn?: string },
  event: { at: Date; actorId: number; stepNo: number; details: Record<string, unknown> },
  expect: { stepNo: number; status: string },
): Promise<boolean> {
  const cur = await current(tx, id, expect);
  if (!cur) return false;
  const set: Record<string, string | null> = { ...change };
  if (change.filedOn) set.filedMonth = change.filedOn.slice(0, 7);
  await tx.run(updateText(Object.keys(set)), { ...set, updatedAt: event.at, id });
  if (change.filedOn && change.filedOn.slice(0, 7) !== cur.filedOn.slice(0, 7)) {
    // Earlier month first: two cases moved between the same months in opposite directions take
    // the months' locks in the same order.
    for (const month of [cur.filedOn.slice(0, 7), change.filedOn.slice(0, 7)].sort()) await refreshCells(tx, month, cur.subLocalCode);
  }
  await insertEvent(tx, { grievanceId: id, at: event.at, actorId: event.actorId, kind: "dated", stepNo: event.stepNo, text: null, details: event.details });
  return true;
}

/** Records an agreed extension with its history entry, in the caller's transaction; false when the case moved on meanwhile. */
export async function addExtension(
  tx: Tx,
  e: { grievanceId: number; stepNo: number; deadline: string; untilDate: string; reason: string; agreedWith: string | null; byId: number; at: Date },
  expect: { stepNo: number; status: string },
): Promise<boolean> {
  if (!(await current(tx, e.grievanceId, expect))) return false;
  await tx.run(
    `INSERT INTO "GrievanceExtension" ("grievanceId", "stepNo", "deadline", "untilDate", "reason", "agreedWith", "byId", "at") VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    e.grievanceId, e.stepNo, e.deadline, e.untilDate, e.reason, e.agreedWith, e.byId, e.at,
  );
  await insertEvent(tx, {
    grievanceId: e.grievanceId,
    at: e.at,
    actorId: e.byId,
    kind: "extended",
    stepNo: e.stepNo,
    text: e.reason,
    details: { deadline: e.deadline, untilDate: e.untilDate, agreedWith: e.agreedWith },
  });
  return true;
}

export async function addNote(db: Db, id: number, stepNo: number, actorId: number, text: string, at: Date): Promise<void> {
  await insertEvent(db, { grievanceId: id, at, actorId, kind: "note", stepNo, text, details: {} });
}

export async function caseEvents(db: Db, id: number): Promise<EventRow[]> {
  return db.all<EventRow>(`SELECT "id", "grievanceId", "at", "actorId", "kind", "stepNo", "text", "details" FROM "GrievanceEvent" WHERE "grievanceId" = ? ORDER BY "id"`, id);
}

const EXTENSION_COLS = `"id", "grievanceId", "stepNo", "deadline", "untilDate", "reason", "agreedWith", "byId", "at"`;

export async function caseExtensions(db: Db, id: number): Promise<ExtensionRow[]> {
  return db.all<ExtensionRow>(`SELECT ${EXTENSION_COLS} FROM "GrievanceExtension" WHERE "grievanceId" = ? ORDER BY "id"`, id);
}

/** Extensions of many cases at once (lists, digests). */
export async function extensionsFor(db: Db, ids: number[]): Promise<Map<number, ExtensionRow[]>> {
  const out = new Map<number, ExtensionRow[]>();
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    const rows = await db.all<ExtensionRow>(`SELECT ${EXTENSION_COLS} FROM "GrievanceExtension" WHERE "grievanceId" IN (${chunk.map(() => "?").join(",")}) ORDER BY "id"`, ...chunk);
    for (const r of rows) out.set(r.grievanceId, [...(out.get(r.grievanceId) ?? []), r]);
  }
  return out;
}

export interface CaseFilter {
  /** null: every case (staff). */
  scope: { subLocals: string[]; employerGroups: string[]; regions: string[]; stewardId: number | null } | null;
  grievantId?: number;
  stewardId?: number;
  subLocalCode?: string;
  status?: "open" | "closed";
  /** Case-insensitive part of the reference (autocomplete). */
  refContains?: string;
  limit?: number;
}

export async function listCases(db: Db, f: CaseFilter): Promise<GrievanceRow[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  if (f.scope) {
    const ors: string[] = [];
    const inList = (col: string, vals: string[]) => {
      if (vals.length === 0) return;
      ors.push(`"${col}" IN (${vals.map(() => "?").join(",")})`);
      params.push(...vals);
    };
    inList("subLocalCode", f.scope.subLocals);
    inList("employerGroup", f.scope.employerGroups);
    inList("region", f.scope.regions);
    if (f.scope.stewardId !== null) {
      ors.push(`"stewardId" = ?`);
      params.push(f.scope.stewardId);
    }
    if (ors.length === 0) return [];
    where.push(`(${ors.join(" OR ")})`);
  }
  if (f.grievantId !== undefined) (where.push(`"grievantId" = ?`), params.push(f.grievantId));
  if (f.stewardId !== undefined) (where.push(`"stewardId" = ?`), params.push(f.stewardId));
  if (f.subLocalCode !== undefined) (where.push(`"subLocalCode" = ?`), params.push(f.subLocalCode));
  if (f.status !== undefined) (where.push(`"status" = ?`), params.push(f.status));
  if (f.refContains) (where.push(`"ref" LIKE ? ESCAPE '\\'`), params.push(`%${f.refContains.toUpperCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`));
  return db.all<GrievanceRow>(`SELECT ${CASE_COLS} FROM "Grievance" ${where.length ? `WHERE ${where.join(" AND ")}` : ""} ORDER BY "id" DESC LIMIT ?`, ...params, f.limit ?? 500);
}

// ---- Steward channels -------------------------------------------------------------------------

export interface StewardChannel {
  subLocalCode: string;
  platform: string;
  workspaceId: string;
  channelId: string;
}
export async function stewardChannel(db: Db, subLocalCode: string): Promise<StewardChannel | undefined> {
  return db.one<StewardChannel>(`SELECT "subLocalCode", "platform", "workspaceId", "channelId" FROM "GrievanceStewardChannel" WHERE "subLocalCode" = ?`, subLocalCode);
}
export async function setStewardChannel(db: Db, c: StewardChannel, byId: number, at: Date): Promise<void> {
  await db.run(
    `INSERT INTO "GrievanceStewardChannel" ("subLocalCode", "platform", "workspaceId", "channelId", "updatedById", "updatedAt") VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT ("subLocalCode") DO UPDATE SET "platform" = excluded."platform", "workspaceId" = excluded."workspaceId", "channelId" = excluded."channelId",
       "updatedById" = excluded."updatedById", "updatedAt" = excluded."updatedAt"`,
    c.subLocalCode, c.platform, c.workspaceId, c.channelId, byId, at,
  );
}
export async function clearStewardChannel(db: Db, subLocalCode: string): Promise<boolean> {
  return (await db.run(`DELETE FROM "GrievanceStewardChannel" WHERE "subLocalCode" = ?`, subLocalCode)).changes > 0;
}

/** Cases with open deadlines, for reminders and digests. */
export async function openCases(db: Db): Promise<GrievanceRow[]> {
  return db.all<GrievanceRow>(`SELECT ${CASE_COLS} FROM "Grievance" WHERE "status" = 'open' ORDER BY "id"`);
}
