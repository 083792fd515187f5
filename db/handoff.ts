// Handoff notes, and the role history the torch-passing needs (who held an office before).
import { all, one, run } from "./sql.ts";
import type { Store } from "./store.ts";
import { countsBy, ensureMemberCells, monthOf } from "./reports-members.ts";
import { dbTime } from "./time.ts";

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

export function subLocalRow(store: Store, code: string): SubLocalRow | undefined {
  return one<SubLocalRow>(store, `SELECT "id", "code", "name", "employerGroup", "region" FROM "SubLocal" WHERE "code" = ?`, code.trim().toUpperCase());
}

export function addNote(store: Store, subLocalId: number, authorId: number, body: string, now: Date, staffOnly = false): number {
  const at = dbTime(now);
  return Number(
    run(store, `INSERT INTO "HandoffNote" ("subLocalId", "authorId", "body", "staffOnly", "createdAt", "updatedAt") VALUES (?, ?, ?, ?, ?, ?)`, subLocalId, authorId, body, staffOnly ? 1 : 0, at, at).lastInsertRowid,
  );
}

/** Changes a note's text, only for its author and only while staff have not removed it. Returns whether it changed. */
export function editNote(store: Store, id: number, authorId: number, body: string, now: Date, staffOnly = false): boolean {
  return (
    run(store, `UPDATE "HandoffNote" SET "body" = ?, "staffOnly" = ?, "updatedAt" = ? WHERE "id" = ? AND "authorId" = ? AND "redactedAt" IS NULL`, body, staffOnly ? 1 : 0, dbTime(now), id, authorId)
      .changes === 1
  );
}

/** Staff remove a note's text for good (who and when are kept). Returns whether it was removed now. */
export function redactNote(store: Store, id: number, byId: number, now: Date): boolean {
  return run(store, `UPDATE "HandoffNote" SET "body" = '', "redactedAt" = ?, "redactedById" = ? WHERE "id" = ? AND "redactedAt" IS NULL`, dbTime(now), byId, id).changes === 1;
}

/**
 * Which of these "first last" name pairs (lower case) are people on the roster, except one person
 * (a note's author may sign with their own name). Names only, never any other field.
 */
export function rosterNamesAmong(store: Store, pairs: readonly { first: string; last: string }[], exceptPersonId: number): { first: string; last: string }[] {
  return pairs.filter(
    (p) =>
      one<{ n: number }>(
        store,
        `SELECT 1 AS n FROM "Person" WHERE lower("lastName") = ? AND (lower("firstName") = ? OR lower(coalesce("preferredName", '')) = ?) AND "id" <> ? LIMIT 1`,
        p.last, p.first, p.first, exceptPersonId,
      ) !== undefined,
  );
}

export function noteById(store: Store, id: number): HandoffNoteRow | undefined {
  return one<HandoffNoteRow>(store, `SELECT * FROM "HandoffNote" WHERE "id" = ?`, id);
}

/** Whether the sub-local has a staff-only note whose text is still there. */
export function hasStaffOnlyNotes(store: Store, subLocalId: number): boolean {
  return one(store, `SELECT 1 AS n FROM "HandoffNote" WHERE "subLocalId" = ? AND "staffOnly" = 1 AND "redactedAt" IS NULL LIMIT 1`, subLocalId) !== undefined;
}

/** A sub-local's notes, newest first; staff-only ones only when the reader is staff. */
export function notesFor(store: Store, subLocalId: number, o: { staff: boolean }, limit = 20): (HandoffNoteRow & { firstName: string; lastName: string; preferredName: string | null })[] {
  return all(
    store,
    `SELECT n.*, p."firstName", p."lastName", p."preferredName" FROM "HandoffNote" n JOIN "Person" p ON p."id" = n."authorId"
      WHERE n."subLocalId" = ? AND (n."staffOnly" = 0 OR ? = 1) ORDER BY n."createdAt" DESC, n."id" DESC LIMIT ?`,
    subLocalId, o.staff ? 1 : 0, limit,
  );
}

/** Sub-local codes where this person holds an officer role now, or held one that ended after `since`. */
export function officerSubLocals(store: Store, personId: number, now: Date, since: Date): string[] {
  return all<{ scopeId: string }>(
    store,
    `SELECT DISTINCT "scopeId" FROM "RoleAssignment" WHERE "personId" = ? AND "role" = 'sublocal_officer' AND "scopeType" = 'sublocal'
        AND "startsAt" <= ? AND ("endsAt" IS NULL OR "endsAt" > ?) ORDER BY "scopeId"`,
    personId, dbTime(now), dbTime(since),
  ).map((r) => r.scopeId);
}

export interface OfficeHolderRow {
  id: number;
  personId: number;
  office: string | null;
  endsAt: string | null;
}

/**
 * Others who held this office in this sub-local and are on their way out: still holding it, or
 * ended after `since`. Most recent first.
 */
export function outgoingHolders(store: Store, subLocalCode: string, office: string | null, exceptPersonId: number, now: Date, since: Date): OfficeHolderRow[] {
  return all<OfficeHolderRow>(
    store,
    `SELECT "id", "personId", "office", "endsAt" FROM "RoleAssignment"
      WHERE "role" = 'sublocal_officer' AND "scopeType" = 'sublocal' AND "scopeId" = ? AND coalesce("office", '') = ? AND "personId" <> ?
        AND "startsAt" <= ? AND ("endsAt" IS NULL OR "endsAt" > ?)
      ORDER BY coalesce("endsAt", '9999') DESC, "id" DESC`,
    subLocalCode, office ?? "", exceptPersonId, dbTime(now), dbTime(since),
  );
}

/**
 * A sub-local's members and fee payers this month, read from the status history like every
 * membership report (a fee payer is not a member), and its contact access, as numbers only.
 * `today` is the local day.
 */
export function contactFigures(store: Store, sl: { id: number; code: string }, now: Date, today: string): { members: number; feePayers: number; activeGrants: number; pendingRequests: number } {
  const t = dbTime(now);
  const range = ensureMemberCells(store, today, now);
  const counts = countsBy(store, { kind: "sublocal", id: sl.code }, monthOf(today), null, range).get("");
  const activeGrants = one<{ n: number }>(
    store,
    `SELECT count(*) AS n FROM "ContactGrant" WHERE "scopeType" = 'sublocal' AND "scopeId" = ? AND "revokedAt" IS NULL AND "startsAt" <= ? AND "expiresAt" > ?`,
    sl.code, t, t,
  )!.n;
  const pendingRequests = one<{ n: number }>(store, `SELECT count(*) AS n FROM "ContactRequest" WHERE "scopeType" = 'sublocal' AND "scopeId" = ? AND "status" = 'pending'`, sl.code)!.n;
  return { members: counts?.member ?? 0, feePayers: counts?.feePayer ?? 0, activeGrants, pendingRequests };
}
