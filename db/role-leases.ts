// Roles only one bot process may hold at a time (the Discord gateway connection), as leases in the
// database that every process shares. Taking and renewing are one statement: an upsert that writes
// only when the row is free, expired or already ours, so two processes asking at the same instant
// cannot both win (on SQLite the write lock orders them; on PostgreSQL the conflicting insert waits
// for the other's row lock and then re-checks the condition against the row as committed).
import type { Db } from "./data.ts";

const TAKE = `INSERT INTO "RoleLease" ("name", "holder", "expiresAt", "takenAt") VALUES (?, ?, ?, ?)
ON CONFLICT ("name") DO UPDATE SET
  "holder" = excluded."holder",
  "expiresAt" = excluded."expiresAt",
  "takenAt" = CASE WHEN "RoleLease"."holder" = excluded."holder" THEN "RoleLease"."takenAt" ELSE excluded."takenAt" END
WHERE "RoleLease"."holder" = excluded."holder" OR "RoleLease"."expiresAt" <= ?
RETURNING "holder"`;

const RELEASE = `DELETE FROM "RoleLease" WHERE "name" = ? AND "holder" = ?`;

const HOLDER = `SELECT "holder", "expiresAt", "takenAt" FROM "RoleLease" WHERE "name" = ? AND "expiresAt" > ?`;

/**
 * Takes `name` for `holder` until `now + ttlMs`, or renews it when `holder` already has it.
 * True when `holder` holds the role afterwards; false when another live holder has it.
 */
export async function takeRoleLease(db: Db, name: string, holder: string, ttlMs: number, now: Date): Promise<boolean> {
  const row = await db.one<{ holder: string }>(TAKE, name, holder, new Date(now.getTime() + ttlMs), now, now);
  return row?.holder === holder;
}

/** Gives the role back at once (a graceful stop), so the next process need not wait for expiry. */
export async function releaseRoleLease(db: Db, name: string, holder: string): Promise<void> {
  await db.run(RELEASE, name, holder);
}

export interface RoleHolder {
  holder: string;
  expiresAt: string;
  takenAt: string;
}

/** Who holds `name` now, if anyone (an expired lease is nobody's). */
export async function roleHolder(db: Db, name: string, now: Date): Promise<RoleHolder | undefined> {
  return db.one<RoleHolder>(HOLDER, name, now);
}
