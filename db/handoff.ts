// Handoff notes, the offices a person may leave notes for, and a sub-local's contact figures, on the
// asynchronous data layer. (Who held an office before, read inside a role grant's transaction, is
// in db/roles.ts with the grant.)
import { data, type Db } from "./data.ts";
import type { Store } from "./store.ts";
import { countsBy, monthOf, type CellRange } from "./reports-members.ts";

export interface HandoffNoteRow {
  id: number;
  subLocalId: number;
  authorId: number;
  body: string;
  staffOnly: number;
  redactedAt: string | null;
  redactedById: number | null;
  createdAt: string;
  updatedAt: string;
}

export interface SubLocalRow {
  id: number;
  code: string;
  name: string;
  employerGroup: string | null;
  region: string | null;
}

export async function subLocalRow(db: Db, code: string): Promise<SubLocalRow | undefined> {
  return db.one<SubLocalRow>(`SELECT "id", "code", "name", "employerGroup", "region" FROM "SubLocal" WHERE "code" = ?`, code.trim().toUpperCase());
}

export async function addNote(db: Db, subLocalId: number, authorId: number, body: string, now: Date, staffOnly = false): Promise<number> {
  const row = await db.one<{ id: number }>(
    `INSERT INTO "HandoffNote" ("subLocalId", "authorId", "body", "staffOnly", "createdAt", "updatedAt") VALUES (?, ?, ?, ?, ?, ?) RETURNING "id"`,
    subLocalId, authorId, body, staffOnly, now, now,
  );
  return row!.id;
}

/** Changes a note's text, only for its author and only while staff have not removed it. Returns whether it changed. */
export async function editNote(db: Db, id: number, authorId: number, body: string, now: Date, staffOnly = false): Promise<boolean> {
  return (await db.run(`UPDATE "HandoffNote" SET "body" = ?, "staffOnly" = ?, "updatedAt" = ? WHERE "id" = ? AND "authorId" = ? AND "redactedAt" IS NULL`, body, staffOnly, now, id, authorId)).changes === 1;
}

/** Staff remove a note's text for good (who and when are kept). Returns whether it was removed now. */
export async function redactNote(db: Db, id: number, byId: number, now: Date): Promise<boolean> {
  return (await db.run(`UPDATE "HandoffNote" SET "body" = '', "redactedAt" = ?, "redactedById" = ? WHERE "id" = ? AND "redactedAt" IS NULL`, now, byId, id)).changes === 1;
}

/**
 * Which of these "first last" name pairs (lower case) are people on the roster, except one person
 * (a note's author may sign with their own name). Names only, never any other field.
 */
export async function rosterNamesAmong(db: Db, pairs: readonly { first: string; last: string }[], exceptPersonId: number): Promise<{ first: string; last: string }[]> {
  const found: { first: string; last: string }[] = [];
  for (const p of pairs) {
    const hit = await db.one<{ n: number }>(
      `SELECT 1 AS "n" FROM "Person" WHERE lower("lastName") = ? AND (lower("firstName") = ? OR lower(coalesce("preferredName", '')) = ?) AND "id" <> ? LIMIT 1`,
      p.last, p.first, p.first, exceptPersonId,
    );
    if (hit) found.push(p);
  }
  return found;
}

export async function noteById(db: Db, id: number): Promise<HandoffNoteRow | undefined> {
  return db.one<HandoffNoteRow>(`SELECT * FROM "HandoffNote" WHERE "id" = ?`, id);
}

/** Whether the sub-local has a staff-only note whose text is still there. */
export async function hasStaffOnlyNotes(db: Db, subLocalId: number): Promise<boolean> {
  return (await db.one(`SELECT 1 AS "n" FROM "HandoffNote" WHERE "subLocalId" = ? AND "staffOnly" = TRUE AND "redactedAt" IS NULL LIMIT 1`, subLocalId)) !== undefined;
}

/** A sub-local's notes, newest first; staff-only ones only when the reader is staff. */
export async function notesFor(db: Db, subLocalId: number, o: { staff: boolean }, limit = 20): Promise<(HandoffNoteRow & { firstName: string; lastName: string; preferredName: string | null })[]> {
  return db.all(
    `SELECT n.*, p."firstName", p."lastName", p."preferredName" FROM "HandoffNote" n JOIN "Person" p ON p."id" = n."authorId"
      WHERE n."subLocalId" = ? AND (n."staffOnly" = FALSE OR ? = TRUE) ORDER BY n."createdAt" DESC, n."id" DESC LIMIT ?`,
    subLocalId, o.staff, limit,
  );
}

/** Sub-local codes where this person holds an officer role now, or held one that ended after `since`. */
export async function officerSubLocals(db: Db, personId: number, now: Date, since: Date): Promise<string[]> {
  const rows = await db.all<{ scopeId: string }>(
    `SELECT DISTINCT "scopeId" FROM "RoleAssignment" WHERE "personId" = ? AND "role" = 'sublocal_officer' AND "scopeType" = 'sublocal'
        AND "startsAt" <= ? AND ("endsAt" IS NULL OR "endsAt" > ?) ORDER BY "scopeId"`,
    personId, now, since,
  );
  return rows.map((r) => r.scopeId);
}

/**
 * A sub-local's members and fee payers this month, read from the membership cells like every
 * membership report (a fee payer is not a member), and its contact access, as numbers only.
 * `today` is the local day; `cells` the range readyMemberCells (commands/core/member-cells.ts)
 * gave once the cells were up to date, built off the event loop.
 */
export async function contactFigures(store: Store, sl: { id: number; code: string }, now: Date, today: string, cells: CellRange): Promise<{ members: number; feePayers: number; activeGrants: number; pendingRequests: number }> {
  const db = data(store);
  const counts = (await countsBy(db, { kind: "sublocal", id: sl.code }, monthOf(today), null, cells)).get("");
  const activeGrants = (await db.one<{ n: number }>(
    `SELECT count(*) AS "n" FROM "ContactGrant" WHERE "scopeType" = 'sublocal' AND "scopeId" = ? AND "revokedAt" IS NULL AND "startsAt" <= ? AND "expiresAt" > ?`,
    sl.code, now, now,
  ))!.n;
  const pendingRequests = (await db.one<{ n: number }>(`SELECT count(*) AS "n" FROM "ContactRequest" WHERE "scopeType" = 'sublocal' AND "scopeId" = ? AND "status" = 'pending'`, sl.code))!.n;
  return { members: counts?.member ?? 0, feePayers: counts?.feePayer ?? 0, activeGrants, pendingRequests };
}
