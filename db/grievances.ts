// Grievance data access: cases, history, extensions, contracts, holidays, steward channels and
// the trend report query. Writes that must stay consistent (reference numbers, a change plus its
// history entry) run in one synchronous transaction.
import type { Store } from "./store.ts";
import { refreshCells } from "./grievances-report.ts";
import { dbTime } from "./time.ts";
import { transaction } from "./data.ts";
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
          `INSERT INTO "GrievanceContract" ("code", "name", "employerGroup", "rules", "createdAt", "updatedAt") VALUES (?, ?, ?, ?, ?, ?)`,
          c.code, c.name, c.employerGroup, JSON.stringify(c.rules), now, now,
        );
    }
    await ensureHolidays(tx, defaults.holidays);
  });
}

export function listContracts(store: Store): ContractRow[] {
  return store.sql.prepare(`SELECT id, code, name, employerGroup, rules FROM "GrievanceContract" ORDER BY code`).all() as ContractRow[];
}
export function contractById(store: Store, id: number): ContractRow | undefined {
  return store.sql.prepare(`SELECT id, code, name, employerGroup, rules FROM "GrievanceContract" WHERE id = ?`).get(id) as ContractRow | undefined;
}
export function contractByCode(store: Store, code: string): ContractRow | undefined {
  return store.sql.prepare(`SELECT id, code, name, employerGroup, rules FROM "GrievanceContract" WHERE upper(code) = upper(?)`).get(code) as ContractRow | undefined;
}
/** Adds a contract; null when the code is taken. */
export function createContract(store: Store, c: { code: string; name: string; employerGroup: string | null; rules: unknown }, byId: number, at: Date): number | null {
  const now = dbTime(at);
  const info = store.sql
    .prepare(`INSERT INTO "GrievanceContract" (code, name, employerGroup, rules, updatedById, createdAt, updatedAt) SELECT ?, ?, ?, ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM "GrievanceContract" WHERE upper(code) = upper(?))`)
    .run(c.code, c.name, c.employerGroup, JSON.stringify(c.rules), byId, now, now, c.code);
  return info.changes === 1 ? Number(info.lastInsertRowid) : null;
}

export function updateContractRules(store: Store, id: number, rules: unknown, byId: number, at: Date): void {
  store.sql.prepare(`UPDATE "GrievanceContract" SET rules = ?, updatedById = ?, updatedAt = ? WHERE id = ?`).run(JSON.stringify(rules), byId, dbTime(at), id);
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

/** Members by number prefix or name, optionally only within some sub-locals. Public fields only. */
export function searchMembers(store: Store, query: string, subLocals: string[] | null, limit = 10): MemberHit[] {
  const q = query.trim();
  if (subLocals && subLocals.length === 0) return [];
  const scope = subLocals ? `AND s.code IN (${subLocals.map(() => "?").join(",")})` : "";
  const words = q.toLowerCase().split(/\s+/).filter(Boolean).slice(0, 3);
  const byName = words.map(() => `(lower(p.firstName) LIKE ? OR lower(p.lastName) LIKE ? OR lower(coalesce(p.preferredName,'')) LIKE ?)`).join(" AND ");
  const where = /^\d+$/.test(q) ? `p.memberNumber LIKE ?` : words.length ? byName : `1=1`;
  const params: unknown[] = /^\d+$/.test(q) ? [`${q}%`] : words.flatMap((w) => [`${w}%`, `${w}%`, `${w}%`]);
  return store.sql
    .prepare(
      `SELECT p.id, p.memberNumber, p.firstName, p.lastName, p.preferredName, s.code AS subLocalCode, p.worksite, p.employer
       FROM "Person" p LEFT JOIN "SubLocal" s ON s.id = p.subLocalId
       WHERE ${where} ${scope} ORDER BY p.lastName, p.firstName, p.memberNumber LIMIT ?`,
    )
    .all(...params, ...(subLocals ?? []), limit) as MemberHit[];
}

export function memberById(store: Store, id: number): (MemberHit & { employerGroup: string | null; region: string | null }) | undefined {
  return store.sql
    .prepare(
      `SELECT p.id, p.memberNumber, p.firstName, p.lastName, p.preferredName, s.code AS subLocalCode, p.worksite, p.employer,
              coalesce(p.employerGroup, s.employerGroup) AS employerGroup, coalesce(p.region, s.region) AS region
       FROM "Person" p LEFT JOIN "SubLocal" s ON s.id = p.subLocalId WHERE p.id = ?`,
    )
    .get(id) as (MemberHit & { employerGroup: string | null; region: string | null }) | undefined;
}

export function memberByNumber(store: Store, n: string): MemberHit | undefined {
  return store.sql
    .prepare(
      `SELECT p.id, p.memberNumber, p.firstName, p.lastName, p.preferredName, s.code AS subLocalCode, p.worksite, p.employer
       FROM "Person" p LEFT JOIN "SubLocal" s ON s.id = p.subLocalId WHERE p.memberNumber = ?`,
    )
    .get(n) as MemberHit | undefined;
}

export function namesOf(store: Store, ids: number[]): Map<number, string> {
  const uniq = [...new Set(ids)];
  if (uniq.length === 0) return new Map();
  const rows = store.sql
    .prepare(`SELECT id, coalesce(preferredName, firstName) || ' ' || lastName AS name FROM "Person" WHERE id IN (${uniq.map(() => "?").join(",")})`)
    .all(...uniq) as { id: number; name: string }[];
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

/** Creates the case with the next reference number of its year, and its "filed" history entry. */
export function createGrievance(store: Store, g: NewGrievance, at: Date): { id: number; ref: string } {
  const { sql } = store;
  return sql
    .transaction(() => {
      const year = Number(g.filedOn.slice(0, 4));
      const seq = (sql.prepare(`SELECT coalesce(max(seq), 0) + 1 AS n FROM "Grievance" WHERE year = ?`).get(year) as { n: number }).n;
      const ref = `G-${year}-${String(seq).padStart(4, "0")}`;
      const now = dbTime(at);
      const info = sql
        .prepare(
          `INSERT INTO "Grievance" (ref, year, seq, grievantId, stewardId, subLocalCode, employer, employerGroup, region, worksite, contractId,
             articles, article, category, incidentDate, learnedDate, disciplineDate, narrative, remedy, stepNo, stepStartedOn, status,
             filedOn, filedMonth, createdById, createdAt, updatedAt)
           VALUES (@ref, @year, @seq, @grievantId, @stewardId, @subLocalCode, @employer, @employerGroup, @region, @worksite, @contractId,
             @articles, @article, @category, @incidentDate, @learnedDate, @disciplineDate, @narrative, @remedy, @stepNo, @filedOn, 'open',
             @filedOn, @filedMonth, @createdById, @now, @now)`,
        )
        .run({ ...g, ref, year, seq, filedMonth: g.filedOn.slice(0, 7), now });
      const id = Number(info.lastInsertRowid);
      insertEvent(store, { grievanceId: id, at, actorId: g.createdById, kind: "filed", stepNo: g.stepNo, text: null, details: { stewardId: g.stewardId } });
      refreshCells(store, g.filedOn.slice(0, 7), g.subLocalCode);
      return { id, ref };
    })
    .immediate();
}

const caseCols = `id, ref, year, seq, grievantId, stewardId, subLocalCode, employer, employerGroup, region, worksite, contractId, articles, article,
  category, incidentDate, learnedDate, disciplineDate, narrative, remedy, stepNo, stepStartedOn, stepReceivedOn, meetingHeldOn, responseReceivedOn, status, outcome, filedOn,
  closedOn, daysToResolve, createdById`;

export function grievanceByRef(store: Store, ref: string): GrievanceRow | undefined {
  return store.sql.prepare(`SELECT ${caseCols} FROM "Grievance" WHERE ref = ?`).get(ref.toUpperCase()) as GrievanceRow | undefined;
}
export function grievanceById(store: Store, id: number): GrievanceRow | undefined {
  return store.sql.prepare(`SELECT ${caseCols} FROM "Grievance" WHERE id = ?`).get(id) as GrievanceRow | undefined;
}

/** Cases of the same grievant and article whose incident is within `days` of this one. */
export function possibleDuplicates(store: Store, grievantId: number, article: string, incidentDate: string, days = 14): GrievanceRow[] {
  return store.sql
    .prepare(
      `SELECT ${caseCols} FROM "Grievance" WHERE grievantId = ? AND article = ?
         AND incidentDate BETWEEN date(?, '-${days} days') AND date(?, '+${days} days') ORDER BY id`,
    )
    .all(grievantId, article, incidentDate, incidentDate) as GrievanceRow[];
}

function insertEvent(store: Store, e: { grievanceId: number; at: Date; actorId: number | null; kind: string; stepNo: number; text: string | null; details: Record<string, unknown> }) {
  store.sql
    .prepare(`INSERT INTO "GrievanceEvent" (grievanceId, at, actorId, kind, stepNo, text, details) VALUES (?, ?, ?, ?, ?, ?, ?)`)
    .run(e.grievanceId, dbTime(e.at), e.actorId, e.kind, e.stepNo, e.text, JSON.stringify(e.details));
}

export type CaseChange = Partial<
  Pick<GrievanceRow, "stewardId" | "stepNo" | "stepStartedOn" | "stepReceivedOn" | "meetingHeldOn" | "responseReceivedOn" | "status" | "outcome" | "closedOn" | "daysToResolve">
>;

/**
 * Applies a change and writes its history entry in one transaction. `expectStep` guards against
 * two people acting on the same step at once: when the case moved on meanwhile, nothing is written.
 */
export function changeCase(
  store: Store,
  id: number,
  change: CaseChange,
  event: { at: Date; actorId: number; kind: string; stepNo: number; text: string | null; details: Record<string, unknown> },
  expect: { stepNo: number; status: string },
): boolean {
  const { sql } = store;
  return sql
    .transaction(() => {
      const cur = sql.prepare(`SELECT stepNo, status, filedOn, subLocalCode FROM "Grievance" WHERE id = ?`).get(id) as
        | { stepNo: number; status: string; filedOn: string; subLocalCode: string }
        | undefined;
      if (!cur || cur.stepNo !== expect.stepNo || cur.status !== expect.status) return false;
      const keys = Object.keys(change);
      if (keys.length > 0) {
        sql.prepare(`UPDATE "Grievance" SET ${keys.map((k) => `"${k}" = @${k}`).join(", ")}, updatedAt = @updatedAt WHERE id = @id`).run({ ...change, updatedAt: dbTime(event.at), id });
        // Steward changes don't show in reports; steps, status and outcomes do.
        if (keys.some((k) => k !== "stewardId")) refreshCells(store, cur.filedOn.slice(0, 7), cur.subLocalCode);
      }
      insertEvent(store, { grievanceId: id, ...event });
      return true;
    })
    .immediate();
}

/**
 * Corrects the real date of an event at the current step (filed with management, received,
 * meeting held, response received) with its history entry, in one transaction. A new filing
 * date of the case's first step moves the case's filing month too, so the report cells of both
 * months are refreshed.
 */
export function recordCaseDate(
  store: Store,
  id: number,
  change: Pick<CaseChange, "stepStartedOn" | "stepReceivedOn" | "meetingHeldOn" | "responseReceivedOn"> & { filedOn?: string },
  event: { at: Date; actorId: number; stepNo: number; details: Record<string, unknown> },
  expect: { stepNo: number; status: string },
): boolean {
  const { sql } = store;
  return sql
    .transaction(() => {
      const cur = sql.prepare(`SELECT stepNo, status, filedOn, subLocalCode FROM "Grievance" WHERE id = ?`).get(id) as
        | { stepNo: number; status: string; filedOn: string; subLocalCode: string }
        | undefined;
      if (!cur || cur.stepNo !== expect.stepNo || cur.status !== expect.status) return false;
      const set: Record<string, string | null> = { ...change };
      if (change.filedOn) set.filedMonth = change.filedOn.slice(0, 7);
      const keys = Object.keys(set);
      sql.prepare(`UPDATE "Grievance" SET ${keys.map((k) => `"${k}" = @${k}`).join(", ")}, "updatedAt" = @updatedAt WHERE id = @id`).run({ ...set, updatedAt: dbTime(event.at), id });
      if (change.filedOn && change.filedOn.slice(0, 7) !== cur.filedOn.slice(0, 7)) {
        refreshCells(store, cur.filedOn.slice(0, 7), cur.subLocalCode);
        refreshCells(store, change.filedOn.slice(0, 7), cur.subLocalCode);
      }
      insertEvent(store, { grievanceId: id, at: event.at, actorId: event.actorId, kind: "dated", stepNo: event.stepNo, text: null, details: event.details });
      return true;
    })
    .immediate();
}

export function addExtension(
  store: Store,
  e: { grievanceId: number; stepNo: number; deadline: string; untilDate: string; reason: string; agreedWith: string | null; byId: number; at: Date },
  expect: { stepNo: number; status: string },
): boolean {
  const { sql } = store;
  return sql
    .transaction(() => {
      const cur = sql.prepare(`SELECT stepNo, status FROM "Grievance" WHERE id = ?`).get(e.grievanceId) as { stepNo: number; status: string } | undefined;
      if (!cur || cur.stepNo !== expect.stepNo || cur.status !== expect.status) return false;
      sql
        .prepare(`INSERT INTO "GrievanceExtension" (grievanceId, stepNo, deadline, untilDate, reason, agreedWith, byId, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`)
        .run(e.grievanceId, e.stepNo, e.deadline, e.untilDate, e.reason, e.agreedWith, e.byId, dbTime(e.at));
      insertEvent(store, {
        grievanceId: e.grievanceId,
        at: e.at,
        actorId: e.byId,
        kind: "extended",
        stepNo: e.stepNo,
        text: e.reason,
        details: { deadline: e.deadline, untilDate: e.untilDate, agreedWith: e.agreedWith },
      });
      return true;
    })
    .immediate();
}

export function addNote(store: Store, id: number, stepNo: number, actorId: number, text: string, at: Date): void {
  insertEvent(store, { grievanceId: id, at, actorId, kind: "note", stepNo, text, details: {} });
}

export function caseEvents(store: Store, id: number): EventRow[] {
  return store.sql.prepare(`SELECT id, grievanceId, at, actorId, kind, stepNo, text, details FROM "GrievanceEvent" WHERE grievanceId = ? ORDER BY id`).all(id) as EventRow[];
}
export function caseExtensions(store: Store, id: number): ExtensionRow[] {
  return store.sql
    .prepare(`SELECT id, grievanceId, stepNo, deadline, untilDate, reason, agreedWith, byId, at FROM "GrievanceExtension" WHERE grievanceId = ? ORDER BY id`)
    .all(id) as ExtensionRow[];
}
/** Extensions of many cases at once (lists, digests). */
export function extensionsFor(store: Store, ids: number[]): Map<number, ExtensionRow[]> {
  const out = new Map<number, ExtensionRow[]>();
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    const rows = store.sql
      .prepare(`SELECT id, grievanceId, stepNo, deadline, untilDate, reason, agreedWith, byId, at FROM "GrievanceExtension" WHERE grievanceId IN (${chunk.map(() => "?").join(",")})`)
      .all(...chunk) as ExtensionRow[];
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

export function listCases(store: Store, f: CaseFilter): GrievanceRow[] {
  const where: string[] = [];
  const params: unknown[] = [];
  if (f.scope) {
    const ors: string[] = [];
    const inList = (col: string, vals: string[]) => {
      if (vals.length === 0) return;
      ors.push(`${col} IN (${vals.map(() => "?").join(",")})`);
      params.push(...vals);
    };
    inList("subLocalCode", f.scope.subLocals);
    inList("employerGroup", f.scope.employerGroups);
    inList("region", f.scope.regions);
    if (f.scope.stewardId !== null) {
      ors.push(`stewardId = ?`);
      params.push(f.scope.stewardId);
    }
    if (ors.length === 0) return [];
    where.push(`(${ors.join(" OR ")})`);
  }
  if (f.grievantId !== undefined) (where.push(`grievantId = ?`), params.push(f.grievantId));
  if (f.stewardId !== undefined) (where.push(`stewardId = ?`), params.push(f.stewardId));
  if (f.subLocalCode !== undefined) (where.push(`subLocalCode = ?`), params.push(f.subLocalCode));
  if (f.status !== undefined) (where.push(`status = ?`), params.push(f.status));
  if (f.refContains) (where.push(`ref LIKE ? ESCAPE '\\'`), params.push(`%${f.refContains.toUpperCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`));
  return store.sql
    .prepare(`SELECT ${caseCols} FROM "Grievance" ${where.length ? `WHERE ${where.join(" AND ")}` : ""} ORDER BY id DESC LIMIT ?`)
    .all(...params, f.limit ?? 500) as GrievanceRow[];
}

// ---- Steward channels -------------------------------------------------------------------------

export interface StewardChannel {
  subLocalCode: string;
  platform: string;
  workspaceId: string;
  channelId: string;
}
export function stewardChannel(store: Store, subLocalCode: string): StewardChannel | undefined {
  return store.sql.prepare(`SELECT subLocalCode, platform, workspaceId, channelId FROM "GrievanceStewardChannel" WHERE subLocalCode = ?`).get(subLocalCode) as
    | StewardChannel
    | undefined;
}
export function setStewardChannel(store: Store, c: StewardChannel, byId: number, at: Date): void {
  store.sql
    .prepare(
      `INSERT INTO "GrievanceStewardChannel" (subLocalCode, platform, workspaceId, channelId, updatedById, updatedAt) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT(subLocalCode) DO UPDATE SET platform = excluded.platform, workspaceId = excluded.workspaceId, channelId = excluded.channelId,
         updatedById = excluded.updatedById, updatedAt = excluded.updatedAt`,
    )
    .run(c.subLocalCode, c.platform, c.workspaceId, c.channelId, byId, dbTime(at));
}
export function clearStewardChannel(store: Store, subLocalCode: string): boolean {
  return store.sql.prepare(`DELETE FROM "GrievanceStewardChannel" WHERE subLocalCode = ?`).run(subLocalCode).changes > 0;
}

/** Cases with open deadlines, for reminders and digests. */
export function openCases(store: Store): GrievanceRow[] {
  return store.sql.prepare(`SELECT ${caseCols} FROM "Grievance" WHERE status = 'open' ORDER BY id`).all() as GrievanceRow[];
}
