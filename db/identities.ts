// Chat identities: which person a Slack, Discord or playground account belongs to.
// Read on every command (who is asking): statements prepared once (the data layer, either engine), no Prisma.
import crypto from "node:crypto";
import type { Db } from "./data.ts";

export interface IdentityKey {
  platform: string;
  workspaceId: string;
  userId: string;
}

export interface IdentityRow extends IdentityKey {
  id: number;
  personId: number;
  displayName: string | null;
  linkedVia: string;
  linkedAt: Date;
}

type RawIdentity = Omit<IdentityRow, "linkedAt"> & { linkedAt: string };
const columns = `"id", "platform", "workspaceId", "userId", "displayName", "personId", "linkedVia", "linkedAt"`;
const toRow = <T extends RawIdentity>(r: T): Omit<T, "linkedAt"> & { linkedAt: Date } => ({ ...r, linkedAt: new Date(r.linkedAt) });

export async function findIdentity(db: Db, k: IdentityKey): Promise<IdentityRow | null> {
  const r = await db.one<RawIdentity>(`SELECT ${columns} FROM "ChatIdentity" WHERE "platform" = ? AND "workspaceId" = ? AND "userId" = ?`, k.platform, k.workspaceId, k.userId);
  return r ? toRow(r) : null;
}

/** A linked identity with its person's saved languages (db/locales.ts keeps them): their own choice and their app's last seen one. */
export interface IdentityWithLocales extends IdentityRow {
  savedLocale: string | null;
  seenLocale: string | null;
}

/**
 * Who is asking, in one statement (it runs on every command): the identity, and the language its
 * person chose and the one their app was last seen in, under the subjects db/locales.ts saves them
 * ("person:ID", "seen:person:ID"). Null when the account is not linked.
 */
export async function findIdentityWithLocales(db: Db, k: IdentityKey): Promise<IdentityWithLocales | null> {
  const r = await db.one<RawIdentity & { savedLocale: string | null; seenLocale: string | null }>(
    `SELECT i."id", i."platform", i."workspaceId", i."userId", i."displayName", i."personId", i."linkedVia", i."linkedAt",
            own."locale" AS "savedLocale", seen."locale" AS "seenLocale"
       FROM "ChatIdentity" i
       LEFT JOIN "LocalePreference" own ON own."subject" = 'person:' || i."personId"
       LEFT JOIN "LocalePreference" seen ON seen."subject" = 'seen:person:' || i."personId"
      WHERE i."platform" = ? AND i."workspaceId" = ? AND i."userId" = ?`,
    k.platform,
    k.workspaceId,
    k.userId,
  );
  return r ? toRow(r) : null;
}

/** Links (or re-links) a chat account to a person. */
export async function linkIdentity(
  db: Db,
  k: IdentityKey & { personId: number; displayName?: string | null; linkedVia: "admin" | "email" | "code" | "demo" },
  now = new Date(),
): Promise<IdentityRow> {
  const r = await db.one<RawIdentity>(
    `INSERT INTO "ChatIdentity" ("platform", "workspaceId", "userId", "displayName", "personId", "linkedVia", "linkedAt") VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT ("platform", "workspaceId", "userId") DO UPDATE SET "displayName" = excluded."displayName", "personId" = excluded."personId",
       "linkedVia" = excluded."linkedVia", "linkedAt" = excluded."linkedAt"
     RETURNING ${columns}`,
    k.platform,
    k.workspaceId,
    k.userId,
    k.displayName ?? null,
    k.personId,
    k.linkedVia,
    now,
  );
  return toRow(r!);
}

export async function identitiesOf(db: Db, personId: number, platform?: string): Promise<IdentityRow[]> {
  const rows = platform
    ? await db.all<RawIdentity>(`SELECT ${columns} FROM "ChatIdentity" WHERE "personId" = ? AND "platform" = ? ORDER BY "id"`, personId, platform)
    : await db.all<RawIdentity>(`SELECT ${columns} FROM "ChatIdentity" WHERE "personId" = ? ORDER BY "id"`, personId);
  return rows.map(toRow);
}

function hashCode(code: string): string {
  return crypto.createHash("sha256").update(code.trim().toUpperCase()).digest("hex");
}

/** Issues a one-time link code for a person (only its hash is stored). */
export async function issueLinkCode(db: Db, personId: number, createdById: number | null, ttlMs = 24 * 3600_000, now = new Date()) {
  const alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  const bytes = crypto.randomBytes(8);
  const code = Array.from(bytes, (b) => alphabet[b % alphabet.length]).join("");
  const expiresAt = new Date(now.getTime() + ttlMs);
  await db.run(
    `INSERT INTO "LinkCode" ("codeHash", "personId", "createdById", "createdAt", "expiresAt") VALUES (?, ?, ?, ?, ?)`,
    hashCode(code),
    personId,
    createdById,
    now,
    expiresAt,
  );
  return { code, expiresAt };
}

/**
 * Uses a link code once; returns the person id, or null when unknown, used or expired. One guarded
 * update: of two redeeming the same code at once (two processes on PostgreSQL too), the second
 * finds it used and changes nothing.
 */
export async function redeemLinkCode(db: Db, code: string, usedBy: string, now = new Date()): Promise<number | null> {
  const row = await db.one<{ personId: number }>(
    `UPDATE "LinkCode" SET "usedAt" = ?, "usedBy" = ? WHERE "codeHash" = ? AND "usedAt" IS NULL AND "expiresAt" > ? RETURNING "personId"`,
    now,
    usedBy,
    hashCode(code),
    now,
  );
  return row?.personId ?? null;
}

/** The first workspace in which this platform user is linked (Discord user ids are global; a DM has no guild). */
export async function firstLinkedWorkspace(db: Db, platform: string, userId: string): Promise<string | null> {
  return (await db.one<{ workspaceId: string }>(`SELECT "workspaceId" FROM "ChatIdentity" WHERE "platform" = ? AND "userId" = ? ORDER BY "id" LIMIT 1`, platform, userId))?.workspaceId ?? null;
}
