// Officer elections staff keep for the member-records policy: each election's nomination-to-ballot
// window and its declared candidates. Read on every contact request (cached statements).
import type { Db } from "./data.ts";

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

export async function addElection(db: Db, e: { name: string; nominationsOpen: string; ballotCloses: string; byId: number; at: Date }): Promise<number> {
  const row = await db.one<{ id: number }>(
    `INSERT INTO "OfficerElection" ("name", "nominationsOpen", "ballotCloses", "createdById", "createdAt") VALUES (?, ?, ?, ?, ?) RETURNING "id"`,
    e.name,
    e.nominationsOpen,
    e.ballotCloses,
    e.byId,
    e.at,
  );
  return row!.id;
}

export async function electionById(db: Db, id: number): Promise<ElectionRow | undefined> {
  return db.one<ElectionRow>(`SELECT "id", "name", "nominationsOpen", "ballotCloses" FROM "OfficerElection" WHERE "id" = ?`, id);
}

/** Elections whose window has not ended before `fromDay` (current and coming ones), soonest first. */
export async function currentElections(db: Db, fromDay: string): Promise<ElectionRow[]> {
  return db.all<ElectionRow>(`SELECT "id", "name", "nominationsOpen", "ballotCloses" FROM "OfficerElection" WHERE "ballotCloses" >= ? ORDER BY "nominationsOpen", "id"`, fromDay);
}

/** Adds a declared candidate; false when they were already declared in that election (the unique key decides). */
export async function addCandidate(db: Db, c: { electionId: number; personId: number; office: string | null; byId: number; at: Date }): Promise<boolean> {
  const r = await db.run(
    `INSERT INTO "ElectionCandidate" ("electionId", "personId", "office", "addedById", "createdAt") VALUES (?, ?, ?, ?, ?)
     ON CONFLICT ("electionId", "personId") DO NOTHING`,
    c.electionId,
    c.personId,
    c.office,
    c.byId,
    c.at,
  );
  return r.changes === 1;
}

export async function removeCandidate(db: Db, electionId: number, personId: number): Promise<boolean> {
  return (await db.run(`DELETE FROM "ElectionCandidate" WHERE "electionId" = ? AND "personId" = ?`, electionId, personId)).changes === 1;
}

/** The declared candidates of these elections, by name within each election. */
export async function candidatesOf(db: Db, electionIds: number[]): Promise<CandidateRow[]> {
  const out: CandidateRow[] = [];
  for (const id of electionIds) {
    out.push(
      ...(await db.all<CandidateRow>(
        `SELECT c."electionId", c."personId", c."office", p."memberNumber", p."firstName", p."lastName", p."preferredName"
         FROM "ElectionCandidate" c JOIN "Person" p ON p."id" = c."personId" WHERE c."electionId" = ? ORDER BY p."lastName", p."firstName"`,
        id,
      )),
    );
  }
  return out;
}

/** The elections in whose nomination-to-ballot window `day` falls and in which this person is a declared candidate. */
export async function candidacyOn(db: Db, personId: number, day: string): Promise<(ElectionRow & { office: string | null })[]> {
  return db.all<ElectionRow & { office: string | null }>(
    `SELECT e."id", e."name", e."nominationsOpen", e."ballotCloses", c."office" FROM "ElectionCandidate" c JOIN "OfficerElection" e ON e."id" = c."electionId"
     WHERE c."personId" = ? AND e."nominationsOpen" <= ? AND e."ballotCloses" >= ? ORDER BY e."id"`,
    personId,
    day,
    day,
  );
}

/** Requests the approver was warned about (screen matches or a declared candidate), newest first. */
export async function flaggedRequests(db: Db, limit: number): Promise<{ id: number; requesterId: number; scopeType: string; scopeId: string; status: string; route: string; flags: string; createdAt: string }[]> {
  return db.all(
    `SELECT "id", "requesterId", "scopeType", "scopeId", "status", "route", "flags", "createdAt" FROM "ContactRequest" WHERE "flags" <> '{}' ORDER BY "id" DESC LIMIT ?`,
    limit,
  );
}
