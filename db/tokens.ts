// Server-side context of rendered buttons and forms. Only the random token id travels through
// Slack or Discord, so payloads can't be forged and stay well under Discord's 100-char custom_id.
//
// A once-only button is used by one conditional statement, so two processes (or two people) clicking
// at the same instant cannot both use it, nor two buttons of one card (Approve and Deny).
import crypto from "node:crypto";
import type { Db } from "./data.ts";
import { dialect } from "./dialect.ts";
import { CLAIM_LEASE_MS, DONE_WITHOUT_ANSWER } from "./idempotency.ts";

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

export interface NewToken {
  kind: "button" | "form";
  handler: string;
  payload: unknown;
  once?: boolean;
  groupId?: string | null;
  createdById?: number | null;
  ttlMs?: number;
  now: Date;
}

const COLUMNS = `INSERT INTO "InteractionToken" ("id", "kind", "handler", "payload", "once", "groupId", "createdById", "createdAt", "expiresAt") VALUES `;
const ROW = "(?, ?, ?, ?, ?, ?, ?, ?, ?)";
/** Rows per statement: 9 parameters a row stays far below either engine's limit on parameters. */
const MAX_ROWS = 100;
// One text per row count, built once: the layer prepares each once and reuses it.
const insertTexts: string[] = [];
const insertText = (rows: number) => (insertTexts[rows] ??= COLUMNS + Array.from({ length: rows }, () => ROW).join(", "));

function rowValues(id: string, t: NewToken): unknown[] {
  return [
    id,
    t.kind,
    t.handler,
    JSON.stringify(t.payload ?? null),
    Boolean(t.once),
    t.groupId ?? null,
    t.createdById ?? null,
    t.now,
    new Date(t.now.getTime() + (t.ttlMs ?? 90 * 24 * 3600_000)),
  ];
}

/**
 * Stores the tokens of a reply (its buttons and form) with one multi-row INSERT, and returns their
 * ids in order. The ids are made here, so the reply can be built before the write.
 */
export async function createTokens(db: Db, tokens: readonly NewToken[]): Promise<string[]> {
  const ids = tokens.map(() => newTokenId());
  for (let from = 0; from < tokens.length; from += MAX_ROWS) {
    const part = tokens.slice(from, from + MAX_ROWS);
    await db.run(insertText(part.length), ...part.flatMap((t, i) => rowValues(ids[from + i]!, t)));
  }
  return ids;
}

export async function createToken(db: Db, t: NewToken): Promise<string> {
  return (await createTokens(db, [t]))[0]!;
}

export function getToken(db: Db, id: string): Promise<TokenRow | undefined> {
  return db.one<TokenRow>(`SELECT * FROM "InteractionToken" WHERE "id" = ?`, id);
}

// The token and the rest of its group, locked on PostgreSQL so a concurrent click waits and then
// sees this one's use; on SQLite the statement holds the write lock from its start. The use counts
// when no token of the group has a use that is final (a result) or still within its lease; a use
// whose work never finished (its process died) lapses, and is cleared here with the new use.
const CONSUME = dialect({
  sqlite: `WITH "g" AS MATERIALIZED (SELECT "id", "consumedAt", "result" FROM "InteractionToken" WHERE "id" = @id OR "groupId" = @groupId)
    UPDATE "InteractionToken" SET "consumedAt" = CASE WHEN "id" = @id THEN @now END, "consumedById" = CASE WHEN "id" = @id THEN @personId END
    WHERE "id" IN (SELECT "id" FROM "g") AND ("id" = @id OR "result" IS NULL)
      AND NOT EXISTS (SELECT 1 FROM "g" WHERE "consumedAt" IS NOT NULL AND ("result" IS NOT NULL OR "consumedAt" >= @lapsed))`,
  postgres: `WITH "g" AS (SELECT "id", "consumedAt", "result" FROM "InteractionToken" WHERE "id" = @id OR "groupId" = @groupId ORDER BY "id" FOR UPDATE)
    UPDATE "InteractionToken" SET "consumedAt" = CASE WHEN "id" = @id THEN @now::timestamp(3) END, "consumedById" = CASE WHEN "id" = @id THEN @personId::integer END
    WHERE "id" IN (SELECT "id" FROM "g") AND ("id" = @id OR "result" IS NULL)
      AND NOT EXISTS (SELECT 1 FROM "g" WHERE "consumedAt" IS NOT NULL AND ("result" IS NOT NULL OR "consumedAt" >= @lapsed))`,
});

/**
 * Uses a once-only token and every token of its group (Approve and Deny on one card) in one
 * atomic step. False when any of them was used first. A use whose work never finished (no
 * result, older than the claim lease: its process died) does not count, so the request stays
 * decidable; the work marks its use final in its own transaction (`markTokenDoneIn`).
 */
export async function consumeToken(db: Db, token: TokenRow, personId: number | null, now = new Date(), leaseMs = CLAIM_LEASE_MS): Promise<boolean> {
  const lapsed = new Date(now.getTime() - leaseMs);
  const { changes } = await db.run(CONSUME, { id: token.id, groupId: token.groupId, now, personId, lapsed });
  return changes > 0;
}

const MARK_DONE = `UPDATE "InteractionToken" SET "result" = COALESCE("result", ?) WHERE "id" = ? AND "consumedAt" IS NOT NULL`;

/** Makes a token's use final; call inside the work's own transaction. */
export async function markTokenDoneIn(tx: Db, id: string): Promise<void> {
  await tx.run(MARK_DONE, DONE_WITHOUT_ANSWER, id);
}

/** The token of the group that was used, if any (to tell a late clicker who decided). */
export function consumedInGroup(db: Db, token: TokenRow): Promise<TokenRow | undefined> {
  return token.groupId
    ? db.one<TokenRow>(`SELECT * FROM "InteractionToken" WHERE "groupId" = ? AND "consumedAt" IS NOT NULL LIMIT 1`, token.groupId)
    : db.one<TokenRow>(`SELECT * FROM "InteractionToken" WHERE "id" = ? AND "consumedAt" IS NOT NULL LIMIT 1`, token.id);
}

export async function setTokenResult(db: Db, id: string, result: string): Promise<void> {
  await db.run(`UPDATE "InteractionToken" SET "result" = ? WHERE "id" = ?`, result, id);
}

/** Gives a once-only token back (the click failed before it changed anything). */
export async function unconsumeToken(db: Db, id: string): Promise<void> {
  await db.run(`UPDATE "InteractionToken" SET "consumedAt" = NULL, "consumedById" = NULL WHERE "id" = ?`, id);
}

/** Deletes tokens past their expiry (their buttons answer "expired" either way). */
export async function purgeExpiredTokens(db: Db, now = new Date()): Promise<number> {
  return (await db.run(`DELETE FROM "InteractionToken" WHERE "expiresAt" IS NOT NULL AND "expiresAt" < ?`, now)).changes;
}

/** Keeps a once-only token's use from lapsing while its work is still running in this process. */
export async function renewTokenUse(db: Db, id: string, now = new Date()): Promise<void> {
  await db.run(`UPDATE "InteractionToken" SET "consumedAt" = ? WHERE "id" = ? AND "consumedAt" IS NOT NULL AND "result" IS NULL`, now, id);
}
