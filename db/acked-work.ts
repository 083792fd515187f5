// Acknowledged work that is not answered yet, kept in the database so a process killed with it in
// its in-memory queue does not lose it. The acknowledging process writes the row before it answers
// the platform and renews its rows' lease while it lives; a process that finds a lapsed lease takes
// the row over with one guarded update (only one process wins it) and runs the work again. The
// work's idempotency claim (db/idempotency.ts) keeps that to once: done work is not redone.
import type { Db } from "./data.ts";
import { CLAIM_LEASE_MS } from "./idempotency.ts";

/** How often a living holder renews its rows. */
export const ACKED_RENEW_MS = 5_000;
/**
 * How long a row is held without renewal: twice the idempotency claim's lease. A row lapses at
 * least a lease after its dead holder's last claim renewal, so by then that claim has lapsed too
 * and the takeover runs the work (or finds it done), never "still working".
 */
export const ACKED_LEASE_MS = 2 * CLAIM_LEASE_MS;

export interface NewAcked {
  key: string;
  kind: string;
  request: string | null;
  responseUrl: string;
  workspaceId: string;
  userId: string;
}

export interface AckedRow extends NewAcked {
  attempts: number;
  receivedAt: string | Date;
}

/** The most requests one insert writes (a burst's acknowledgements waiting together). */
export const HOLD_BATCH_MAX = 32;

/**
 * Writes acknowledged requests, held by `owner`, in one statement (one round trip, one commit) on
 * the acknowledgement's path: a repeat of a key already held (Slack's own retry), in the table or
 * earlier in the list, keeps the first row.
 */
export async function holdAckedRows(db: Db, rows: readonly NewAcked[], owner: string, now: Date): Promise<void> {
  if (rows.length === 0) return;
  if (rows.length > HOLD_BATCH_MAX) throw new Error(`at most ${HOLD_BATCH_MAX} requests per insert`);
  const lease = new Date(now.getTime() + ACKED_LEASE_MS);
  const tuples = rows.map(() => "(?, ?, ?, ?, ?, ?, ?, ?, 0, ?)").join(", ");
  await db.run(
    `INSERT INTO "AckedWork" ("key", "kind", "request", "responseUrl", "workspaceId", "userId", "owner", "leaseUntil", "attempts", "receivedAt")
     VALUES ${tuples} ON CONFLICT ("key") DO NOTHING`,
    ...rows.flatMap((r) => [r.key, r.kind, r.request, r.responseUrl, r.workspaceId, r.userId, owner, lease, now]),
  );
}

/** The work was answered (or told why not): the row goes. */
export async function settleAcked(db: Db, key: string): Promise<void> {
  await db.run(`DELETE FROM "AckedWork" WHERE "key" = ?`, key);
}

/** Extends the lease of every row `owner` holds: it is alive. One statement however many rows. */
export async function renewAcked(db: Db, owner: string, now: Date): Promise<number> {
  return (await db.run(`UPDATE "AckedWork" SET "leaseUntil" = ? WHERE "owner" = ?`, new Date(now.getTime() + ACKED_LEASE_MS), owner)).changes;
}

/** Lets a row lapse at once (this process cannot run it now): the next sweep, here or elsewhere, takes it. */
export async function letAckedLapse(db: Db, key: string, owner: string, now: Date): Promise<void> {
  await db.run(`UPDATE "AckedWork" SET "leaseUntil" = ? WHERE "key" = ? AND "owner" = ?`, now, key, owner);
}

/**
 * Takes over up to `limit` rows whose lease lapsed (their holder died or let them go), oldest
 * first, of those whose key starts with `keyPrefix` (one platform's: a Slack request is run only
 * by Slack's handler, a Discord one only by Discord's). Each is taken by a guarded update, so of
 * several processes sweeping at once one gets it.
 */
export async function takeOverAcked(db: Db, owner: string, now: Date, keyPrefix: string, limit = 50): Promise<AckedRow[]> {
  if (!/^[a-z]+:$/.test(keyPrefix)) throw new Error("takeOverAcked: a key prefix is a platform name and a colon");
  const lapsed = await db.all<{ key: string }>(`SELECT "key" FROM "AckedWork" WHERE "leaseUntil" < ? AND "key" LIKE ? ORDER BY "receivedAt" LIMIT ?`, now, `${keyPrefix}%`, limit);
  const taken: AckedRow[] = [];
  for (const { key } of lapsed) {
    const row = await db.one<AckedRow>(
      `UPDATE "AckedWork" SET "owner" = ?, "leaseUntil" = ?, "attempts" = "attempts" + 1 WHERE "key" = ? AND "leaseUntil" < ?
       RETURNING "key", "kind", "request", "responseUrl", "workspaceId", "userId", "attempts", "receivedAt"`,
      owner,
      new Date(now.getTime() + ACKED_LEASE_MS),
      key,
      now,
    );
    if (row) taken.push(row);
  }
  return taken;
}

/** How many rows wait (the tests, the operator). */
export async function ackedCount(db: Db): Promise<number> {
  return Number((await db.one<{ n: number | string }>(`SELECT count(*) AS "n" FROM "AckedWork"`))!.n);
}
