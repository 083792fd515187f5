// Server-side context of rendered buttons and forms. Only the random token id travels through
// Slack or Discord, so payloads can't be forged and stay well under Discord's 100-char custom_id.
import crypto from "node:crypto";
import type { Db } from "./data.ts";
import { prepared } from "./sql.ts";
import type { Store } from "./store.ts";
import { CLAIM_LEASE_MS, DONE_WITHOUT_ANSWER } from "./idempotency.ts";
import { dbTime } from "./time.ts";

export interface TokenRow {
  id: string;
  kind: "button" | "form";
  handler: string;
  payload: string;
  once: number;
  groupId: string | null;
  createdById: number | null;
  consumedAt: string | null;
  consumedById: number | null;
  result: string | null;
  expiresAt: string | null;
}

export function newTokenId(): string {
  return crypto.randomBytes(12).toString("base64url"); // 16 chars
}

// Rendering a card creates one token per button: the insert is a cached statement (db/sql.ts).
function insertStatement(store: Store) {
  return prepared(
    store,
    `INSERT INTO "InteractionToken" (id, kind, handler, payload, once, groupId, createdById, createdAt, expiresAt)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
}

export function createToken(
  store: Store,
  t: { kind: "button" | "form"; handler: string; payload: unknown; once?: boolean; groupId?: string | null; createdById?: number | null; ttlMs?: number; now: Date },
): string {
  const id = newTokenId();
  const now = t.now;
  insertStatement(store).run(
      id,
      t.kind,
      t.handler,
      JSON.stringify(t.payload ?? null),
      t.once ? 1 : 0,
      t.groupId ?? null,
      t.createdById ?? null,
      dbTime(now),
      dbTime(new Date(now.getTime() + (t.ttlMs ?? 90 * 24 * 3600_000))),
    );
  return id;
}

export function getToken(store: Store, id: string): TokenRow | undefined {
  return prepared(store, `SELECT * FROM "InteractionToken" WHERE id = ?`).get(id) as TokenRow | undefined;
}

/**
 * Uses a once-only token and every token of its group (Approve and Deny on one card) in one
 * atomic step. False when any of them was used first. A use whose work never finished (no
 * result, older than the claim lease: its process died) does not count, so the request stays
 * decidable; the work marks its use final in its own transaction (`markTokenDone`).
 */
export function consumeToken(store: Store, token: TokenRow, personId: number | null, now = new Date(), leaseMs = CLAIM_LEASE_MS): boolean {
  const { sql } = store;
  const lapsed = dbTime(new Date(now.getTime() - leaseMs));
  return sql
    .transaction(() => {
      const ids = token.groupId
        ? (sql.prepare(`SELECT id FROM "InteractionToken" WHERE groupId = ?`).all(token.groupId) as { id: string }[]).map((r) => r.id)
        : [token.id];
      const marks = ids.map(() => "?").join(",");
      const used = sql
        .prepare(`SELECT 1 FROM "InteractionToken" WHERE id IN (${marks}) AND consumedAt IS NOT NULL AND (result IS NOT NULL OR consumedAt >= ?)`)
        .get(...ids, lapsed);
      if (used) return false;
      sql.prepare(`UPDATE "InteractionToken" SET consumedAt = NULL, consumedById = NULL WHERE id IN (${marks}) AND result IS NULL`).run(...ids);
      sql.prepare(`UPDATE "InteractionToken" SET consumedAt = ?, consumedById = ? WHERE id = ?`).run(dbTime(now), personId, token.id);
      return true;
    })
    .immediate();
}

const MARK_DONE = `UPDATE "InteractionToken" SET "result" = COALESCE("result", ?) WHERE "id" = ? AND "consumedAt" IS NOT NULL`;

/** Makes a token's use final; call inside the work's own transaction. */
export function markTokenDone(store: Store, id: string): void {
  prepared(store, MARK_DONE).run(DONE_WITHOUT_ANSWER, id);
}

/** `markTokenDone` inside an asynchronous transaction (db/data.ts). */
export async function markTokenDoneIn(tx: Db, id: string): Promise<void> {
  await tx.run(MARK_DONE, DONE_WITHOUT_ANSWER, id);
}

/** The token of the group that was used, if any (to tell a late clicker who decided). */
export function consumedInGroup(store: Store, token: TokenRow): TokenRow | undefined {
  return prepared(store, `SELECT * FROM "InteractionToken" WHERE ${token.groupId ? "groupId" : "id"} = ? AND consumedAt IS NOT NULL LIMIT 1`)
    .get(token.groupId ?? token.id) as TokenRow | undefined;
}

export function setTokenResult(store: Store, id: string, result: string): void {
  prepared(store, `UPDATE "InteractionToken" SET result = ? WHERE id = ?`).run(result, id);
}

/** Gives a once-only token back (the click failed before it changed anything). */
export function unconsumeToken(store: Store, id: string): void {
  prepared(store, `UPDATE "InteractionToken" SET consumedAt = NULL, consumedById = NULL WHERE id = ?`).run(id);
}

/** Deletes tokens past their expiry (their buttons answer "expired" either way). */
export function purgeExpiredTokens(store: Store, now = new Date()): number {
  return prepared(store, `DELETE FROM "InteractionToken" WHERE expiresAt IS NOT NULL AND expiresAt < ?`).run(dbTime(now)).changes;
}

/** Keeps a once-only token's use from lapsing while its work is still running in this process. */
export function renewTokenUse(store: Store, id: string, now = new Date()): void {
  store.sql.prepare(`UPDATE "InteractionToken" SET consumedAt = ? WHERE id = ? AND consumedAt IS NOT NULL AND result IS NULL`).run(dbTime(now), id);
}
