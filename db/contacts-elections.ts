// Officer elections staff keep for the member-records policy: each election's nomination-to-ballot
// window and its declared candidates. Read on every contact request (cached statements).
import { all, one, run, transaction } from "./sql.ts";
import type { Store } from "./store.ts";
import { dbTime } from "./time.ts";

export interface ElectionRow {
  id: number;
  name: string;
  nominationsOpen: string;
  ballotCloses: string;
}

export interface CandidateRow {
  electionId: number;
  personId: number;
  office: string | null;
  memberNumber: string;
  firstName: string;
  lastName: string;
  preferredName: string | null;
}

export function addElection(store: Store, e: { name: string; nominationsOpen: string; ballotCloses: string; byId: number; at: Date }): number {
  const info = run(
    store,
    `INSERT INTO "OfficerElection" ("name", "nominationsOpen", "ballotCloses", "createdById", "createdAt") VALUES (?, ?, ?, ?, ?)`,
    e.name,
    e.nominationsOpen,
    e.ballotCloses,
    e.byId,
    dbTime(e.at),
  );
  return Number(info.lastInsertRowid);
}

export function electionById(store: Store, id: number): ElectionRow | undefined {
  return one<ElectionRow>(store, `SELECT "id", "name", "nominationsOpen", "ballotCloses" FROM "OfficerElection" WHERE "id" = ?`, id);
}

/** Elections whose window has not ended before `fromDay` (current and coming ones), soonest first. */
export function currentElections(store: Store, fromDay: string): ElectionRow[] {
  return all<ElectionRow>(store, `SELECT "id", "name", "nominationsOpen", "ballotCloses" FROM "OfficerElection" WHERE "ballotCloses" >= ? ORDER BY "nominationsOpen", "id"`, fromDay);
}

/** Adds a declared candidate; false when they were already declared in that election. */
export function addCandidate(store: Store, c: { electionId: number; personId: number; office: string | null; byId: number; at: Date }): boolean {
  return (
    run(
      store,
      `INSERT INTO "ElectionCandidate" ("electionId", "personId", "office", "addedById", "createdAt")
       SELECT ?, ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM "ElectionCandidate" WHERE "electionId" = ? AND "personId" = ?)`,
      c.electionId,
      c.personId,
      c.office,
      c.byId,
      dbTime(c.at),
      c.electionId,
      c.personId,
    ).changes === 1
  );
}

export function removeCandidate(store: Store, electionId: number, personId: number): boolean {
  return run(store, `DELETE FROM "ElectionCandidate" WHERE "electionId" = ? AND "personId" = ?`, electionId, personId).changes === 1;
}

export function candidatesOf(store: Store, electionIds: number[]): CandidateRow[] {
  if (electionIds.length === 0) return [];
  return transaction(store, () =>
    electionIds.flatMap((id) =>
      all<CandidateRow>(
        store,
        `SELECT c."electionId", c."personId", c."office", p."memberNumber", p."firstName", p."lastName", p."preferredName"
         FROM "ElectionCandidate" c JOIN "Person" p ON p."id" = c."personId" WHERE c."electionId" = ? ORDER BY p."lastName", p."firstName"`,
        id,
      ),
    ),
  );
}

/** The elections in whose nomination-to-ballot window `day` falls and in which this person is a declared candidate. */
export function candidacyOn(store: Store, personId: number, day: string): (ElectionRow & { office: string | null })[] {
  return all<ElectionRow & { office: string | null }>(
    store,
    `SELECT e."id", e."name", e."nominationsOpen", e."ballotCloses", c."office" FROM "ElectionCandidate" c JOIN "OfficerElection" e ON e."id" = c."electionId"
     WHERE c."personId" = ? AND e."nominationsOpen" <= ? AND e."ballotCloses" >= ? ORDER BY e."id"`,
    personId,
    day,
    day,
  );
}

/** Requests the approver was warned about (screen matches or a declared candidate), newest first. */
export function flaggedRequests(store: Store, limit: number): { id: number; requesterId: number; scopeType: string; scopeId: string; status: string; route: string; flags: string; createdAt: string }[] {
  return all(
    store,
    `SELECT "id", "requesterId", "scopeType", "scopeId", "status", "route", "flags", "createdAt" FROM "ContactRequest" WHERE "flags" <> '{}' ORDER BY "id" DESC LIMIT ?`,
    limit,
  );
}
