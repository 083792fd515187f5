// A case's history one page at a time, newest first: a case with years of notes costs the same
// to show as a new one. Statements on the data layer (either engine), on the index of
// GrievanceEvent by case.
import type { Db } from "./data.ts";
import type { EventRow } from "./grievances.ts";

export interface HistoryPage {
  /** Oldest first, as the page is read. */
  rows: EventRow[];
  /** Entries the caller may see in all. */
  total: number;
  /** Entries older than this page. */
  earlier: number;
}

// With and without notes: two fixed statements each, so each is prepared once.
const PAGE = {
  all: `SELECT "id", "grievanceId", "at", "actorId", "kind", "stepNo", "text", "details" FROM "GrievanceEvent"
     WHERE "grievanceId" = ? AND "id" < ? ORDER BY "id" DESC LIMIT ?`,
  public: `SELECT "id", "grievanceId", "at", "actorId", "kind", "stepNo", "text", "details" FROM "GrievanceEvent"
     WHERE "grievanceId" = ? AND "id" < ? AND "kind" <> 'note' ORDER BY "id" DESC LIMIT ?`,
};
const TOTAL = {
  all: `SELECT count(*) AS "n" FROM "GrievanceEvent" WHERE "grievanceId" = ?`,
  public: `SELECT count(*) AS "n" FROM "GrievanceEvent" WHERE "grievanceId" = ? AND "kind" <> 'note'`,
};
const EARLIER = {
  all: `SELECT count(*) AS "n" FROM "GrievanceEvent" WHERE "grievanceId" = ? AND "id" < ?`,
  public: `SELECT count(*) AS "n" FROM "GrievanceEvent" WHERE "grievanceId" = ? AND "id" < ? AND "kind" <> 'note'`,
};

const INT_MAX = 2_147_483_647;

/** Up to `limit` entries older than `beforeId` (or the latest), notes only when `withNotes`. */
export async function historyPage(db: Db, grievanceId: number, o: { limit: number; beforeId?: number; withNotes: boolean }): Promise<HistoryPage> {
  const which = o.withNotes ? "all" : "public";
  // Capped at the largest id PostgreSQL's integer column holds: a larger one (from a forged button)
  // reads the latest page instead of failing.
  const before = Math.min(o.beforeId ?? INT_MAX, INT_MAX);
  const rows = (await db.all<EventRow>(PAGE[which], grievanceId, before, o.limit)).reverse();
  const total = (await db.one<{ n: number }>(TOTAL[which], grievanceId))!.n;
  const earlier = rows.length === 0 ? 0 : (await db.one<{ n: number }>(EARLIER[which], grievanceId, rows[0]!.id))!.n;
  return { rows, total, earlier };
}
