// A case's history one page at a time, newest first: a case with years of notes costs the same
// to show as a new one. Cached statements (db/sql.ts) on the index of GrievanceEvent by case.
import type { EventRow } from "./grievances.ts";
import { all, one } from "./sql.ts";
import type { Store } from "./store.ts";

export interface HistoryPage {
  /** Oldest first, as the page is read. */
  rows: EventRow[];
  /** Entries the caller may see in all. */
  total: number;
  /** Entries older than this page. */
  earlier: number;
}

/** Up to `limit` entries older than `beforeId` (or the latest), notes only when `withNotes`. */
export function historyPage(store: Store, grievanceId: number, o: { limit: number; beforeId?: number; withNotes: boolean }): HistoryPage {
  const notes = o.withNotes ? "" : ` AND "kind" <> 'note'`;
  const before = o.beforeId ?? Number.MAX_SAFE_INTEGER;
  const rows = all<EventRow>(
    store,
    `SELECT "id", "grievanceId", "at", "actorId", "kind", "stepNo", "text", "details" FROM "GrievanceEvent"
     WHERE "grievanceId" = ? AND "id" < ?${notes} ORDER BY "id" DESC LIMIT ?`,
    grievanceId,
    before,
    o.limit,
  ).reverse();
  const total = one<{ n: number }>(store, `SELECT count(*) AS "n" FROM "GrievanceEvent" WHERE "grievanceId" = ?${notes}`, grievanceId)!.n;
  const earlier = rows.length === 0 ? 0 : one<{ n: number }>(store, `SELECT count(*) AS "n" FROM "GrievanceEvent" WHERE "grievanceId" = ? AND "id" < ?${notes}`, grievanceId, rows[0]!.id)!.n;
  return { rows, total, earlier };
}
