// Remembers effects that have happened once (a retried Slack delivery, a double click) and
// the answer given, so a repeat gets the same answer and changes nothing.
//
// A claim is a lease, not a promise: while the work runs, a repeat is told "still working"; a
// claim that never got its result (the process died mid-work) lapses after CLAIM_LEASE_MS, so
// the platform's retry runs the work again instead of being told "still working" for days.
// The work marks its claim done in the same transaction as its own writes (`markKeyDoneIn`), so a
// crash after the work committed can never run it twice. Several processes may claim one key at
// the same instant: the claim is one guarded upsert, so exactly one of them gets it.
import type { Db } from "./data.ts";

/** How long a claim without a result holds off repeats. */
export const CLAIM_LEASE_MS = 15_000;
/** How long a finished answer is remembered. */
export const RESULT_TTL_MS = 7 * 24 * 3600_000;
/** `result` of a claim whose work committed but whose answer was not stored yet. */
export const DONE_WITHOUT_ANSWER = "";

export interface Recalled {
  result: string | null;
  createdAt: string;
}

export function recall(db: Db, key: string): Promise<Recalled | undefined> {
  return db.one<Recalled>(`SELECT "result", "createdAt" FROM "IdempotencyKey" WHERE "key" = ?`, key);
}

// Written only when the key is new, or its claim lapsed without a result (its process died); a
// concurrent claimer waits for the row and finds it taken, so RETURNING gives one row to one winner.
const CLAIM = `INSERT INTO "IdempotencyKey" ("key", "scope", "result", "createdAt", "expiresAt") VALUES (?, ?, NULL, ?, ?)
  ON CONFLICT ("key") DO UPDATE SET "createdAt" = excluded."createdAt", "expiresAt" = excluded."expiresAt"
  WHERE "IdempotencyKey"."result" IS NULL AND "IdempotencyKey"."expiresAt" < excluded."createdAt"
  RETURNING "key"`;

/**
 * Claims a key for `leaseMs`; false while someone else holds it or once it has a result. A lapsed
 * claim without a result (its process died) is taken over.
 */
export async function claimKey(db: Db, key: string, scope: string, now = new Date(), leaseMs = CLAIM_LEASE_MS): Promise<boolean> {
  return (await db.one(CLAIM, key, scope, now, new Date(now.getTime() + leaseMs))) !== undefined;
}

const MARK_DONE = `UPDATE "IdempotencyKey" SET "result" = COALESCE("result", ?), "expiresAt" = ? WHERE "key" = ?`;

/** Marks a claim's work done; call inside the work's own transaction. */
export async function markKeyDoneIn(tx: Db, key: string, now = new Date()): Promise<void> {
  await tx.run(MARK_DONE, DONE_WITHOUT_ANSWER, new Date(now.getTime() + RESULT_TTL_MS), key);
}

/** Stores the answer a repeat will get, remembered for a week. */
export async function storeResult(db: Db, key: string, result: string, now = new Date()): Promise<void> {
  await db.run(`UPDATE "IdempotencyKey" SET "result" = ?, "expiresAt" = ? WHERE "key" = ?`, result, new Date(now.getTime() + RESULT_TTL_MS), key);
}

/** Gives a claim back (the work failed); a claim whose work committed stays done. */
export async function releaseKey(db: Db, key: string): Promise<void> {
  await db.run(`DELETE FROM "IdempotencyKey" WHERE "key" = ? AND "result" IS NULL`, key);
}

export async function purgeExpiredKeys(db: Db, now = new Date()): Promise<number> {
  return (await db.run(`DELETE FROM "IdempotencyKey" WHERE "expiresAt" IS NOT NULL AND "expiresAt" < ?`, now)).changes;
}

/** Extends a running claim's lease (its process is alive and still working); a finished claim is left alone. */
export async function renewClaim(db: Db, key: string, now = new Date(), leaseMs = CLAIM_LEASE_MS): Promise<void> {
  await db.run(`UPDATE "IdempotencyKey" SET "expiresAt" = ? WHERE "key" = ? AND "result" IS NULL`, new Date(now.getTime() + leaseMs), key);
}
