// Remembers effects that have happened once (a retried Slack delivery, a double click) and
// the answer given, so a repeat gets the same answer and changes nothing.
//
// A claim is a lease, not a promise: while the work runs, a repeat is told "still working"; a
// claim that never got its result (the process died mid-work) lapses after CLAIM_LEASE_MS, so
// the platform's retry runs the work again instead of being told "still working" for days.
// The work marks its claim done in the same transaction as its own writes (`markKeyDone`), so a
// crash after the work committed can never run it twice.
import type { Store } from "./store.ts";
import type { Db } from "./data.ts";
import { one, run } from "./sql.ts";
import { dbTime } from "./time.ts";

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

export function recall(store: Store, key: string): Recalled | undefined {
  return one<Recalled>(store, `SELECT "result", "createdAt" FROM "IdempotencyKey" WHERE "key" = ?`, key);
}

/**
 * Claims a key for `leaseMs`; false while someone else holds it or once it has a result. A lapsed
 * claim without a result (its process died) is taken over.
 */
export function claimKey(store: Store, key: string, scope: string, now = new Date(), leaseMs = CLAIM_LEASE_MS): boolean {
  const at = dbTime(now);
  const info = run(
    store,
    `INSERT INTO "IdempotencyKey" ("key", "scope", "result", "createdAt", "expiresAt") VALUES (?, ?, NULL, ?, ?)
     ON CONFLICT ("key") DO UPDATE SET "createdAt" = excluded."createdAt", "expiresAt" = excluded."expiresAt"
     WHERE "IdempotencyKey"."result" IS NULL AND "IdempotencyKey"."expiresAt" < excluded."createdAt"`,
    key,
    scope,
    at,
    dbTime(new Date(now.getTime() + leaseMs)),
  );
  return info.changes === 1;
}

const MARK_DONE = `UPDATE "IdempotencyKey" SET "result" = COALESCE("result", ?), "expiresAt" = ? WHERE "key" = ?`;

/** Marks a claim's work done; call inside the work's own transaction. */
export function markKeyDone(store: Store, key: string, now = new Date()): void {
  run(store, MARK_DONE, DONE_WITHOUT_ANSWER, dbTime(new Date(now.getTime() + RESULT_TTL_MS)), key);
}

/** `markKeyDone` inside an asynchronous transaction (db/data.ts): the same statement through its handle. */
export async function markKeyDoneIn(tx: Db, key: string, now = new Date()): Promise<void> {
  await tx.run(MARK_DONE, DONE_WITHOUT_ANSWER, dbTime(new Date(now.getTime() + RESULT_TTL_MS)), key);
}

/** Stores the answer a repeat will get, remembered for a week. */
export function storeResult(store: Store, key: string, result: string, now = new Date()): void {
  run(store, `UPDATE "IdempotencyKey" SET "result" = ?, "expiresAt" = ? WHERE "key" = ?`, result, dbTime(new Date(now.getTime() + RESULT_TTL_MS)), key);
}

/** Gives a claim back (the work failed); a claim whose work committed stays done. */
export function releaseKey(store: Store, key: string): void {
  run(store, `DELETE FROM "IdempotencyKey" WHERE "key" = ? AND "result" IS NULL`, key);
}

export function purgeExpiredKeys(store: Store, now = new Date()): number {
  return run(store, `DELETE FROM "IdempotencyKey" WHERE "expiresAt" IS NOT NULL AND "expiresAt" < ?`, dbTime(now)).changes;
}

/** Extends a running claim's lease (its process is alive and still working); a finished claim is left alone. */
export function renewClaim(store: Store, key: string, now = new Date(), leaseMs = CLAIM_LEASE_MS): void {
  run(store, `UPDATE "IdempotencyKey" SET "expiresAt" = ? WHERE "key" = ? AND "result" IS NULL`, dbTime(new Date(now.getTime() + leaseMs)), key);
}
