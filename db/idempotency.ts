// Remembers effects that have happened once (a retried Slack delivery, a double click) and
// the answer given, so a repeat gets the same answer and changes nothing.
import type { Store } from "./store.ts";
import { dbTime } from "./time.ts";

export function recall(store: Store, key: string): { result: string | null } | undefined {
  const row = store.sql.prepare(`SELECT result FROM "IdempotencyKey" WHERE key = ?`).get(key) as { result: string | null } | undefined;
  return row;
}

/** Claims a key; false when it was already claimed. */
export function claimKey(store: Store, key: string, scope: string, ttlMs = 7 * 24 * 3600_000): boolean {
  const now = new Date();
  const info = store.sql
    .prepare(`INSERT OR IGNORE INTO "IdempotencyKey" (key, scope, result, createdAt, expiresAt) VALUES (?, ?, NULL, ?, ?)`)
    .run(key, scope, dbTime(now), dbTime(new Date(now.getTime() + ttlMs)));
  return info.changes === 1;
}

export function storeResult(store: Store, key: string, result: string): void {
  store.sql.prepare(`UPDATE "IdempotencyKey" SET result = ? WHERE key = ?`).run(result, key);
}

export function releaseKey(store: Store, key: string): void {
  store.sql.prepare(`DELETE FROM "IdempotencyKey" WHERE key = ?`).run(key);
}

export function purgeExpiredKeys(store: Store, now = new Date()): number {
  return store.sql.prepare(`DELETE FROM "IdempotencyKey" WHERE expiresAt IS NOT NULL AND expiresAt < ?`).run(dbTime(now)).changes;
}
