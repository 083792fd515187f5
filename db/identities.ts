// Chat identities: which person a Slack, Discord or playground account belongs to.
// Read on every command (who is asking): cached prepared statements (db/sql.ts), no Prisma.
import crypto from "node:crypto";
import { all, one } from "./sql.ts";
import type { Store } from "./store.ts";
import { dbTime } from "./time.ts";

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
const toRow = (r: RawIdentity): IdentityRow => ({ ...r, linkedAt: new Date(r.linkedAt) });

export function findIdentity(store: Store, k: IdentityKey): IdentityRow | null {
  const r = one<RawIdentity>(store, `SELECT ${columns} FROM "ChatIdentity" WHERE "platform" = ? AND "workspaceId" = ? AND "userId" = ?`, k.platform, k.workspaceId, k.userId);
  return r ? toRow(r) : null;
}

export async function linkIdentity(
  store: Store,
  k: IdentityKey & { personId: number; displayName?: string | null; linkedVia: "admin" | "email" | "code" | "demo" },
): Promise<IdentityRow> {
  const r = one<RawIdentity>(
    store,
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
    dbTime(new Date()),
  )!;
  return toRow(r);
}

export async function identitiesOf(store: Store, personId: number, platform?: string): Promise<IdentityRow[]> {
  const rows = platform
    ? all<RawIdentity>(store, `SELECT ${columns} FROM "ChatIdentity" WHERE "personId" = ? AND "platform" = ? ORDER BY "id"`, personId, platform)
    : all<RawIdentity>(store, `SELECT ${columns} FROM "ChatIdentity" WHERE "personId" = ? ORDER BY "id"`, personId);
  return rows.map(toRow);
}

function hashCode(code: string): string {
  return crypto.createHash("sha256").update(code.trim().toUpperCase()).digest("hex");
}

/** Issues a one-time link code for a person (only its hash is stored). */
export async function issueLinkCode(store: Store, personId: number, createdById: number | null, ttlMs = 24 * 3600_000, now = new Date()) {
  const alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  const bytes = crypto.randomBytes(8);
  const code = Array.from(bytes, (b) => alphabet[b % alphabet.length]).join("");
  const expiresAt = new Date(now.getTime() + ttlMs);
  await store.prisma.linkCode.create({ data: { codeHash: hashCode(code), personId, createdById, expiresAt } });
  return { code, expiresAt };
}

/** Uses a link code once; returns the person id, or null when unknown, used or expired. */
export function redeemLinkCode(store: Store, code: string, usedBy: string, now = new Date()): number | null {
  const iso = dbTime(now);
  const row = one<{ personId: number }>(
    store,
    `UPDATE "LinkCode" SET "usedAt" = ?, "usedBy" = ? WHERE "codeHash" = ? AND "usedAt" IS NULL AND "expiresAt" > ? RETURNING "personId"`,
    iso,
    usedBy,
    hashCode(code),
    iso,
  );
  return row?.personId ?? null;
}

/** The first workspace in which this platform user is linked (Discord user ids are global; a DM has no guild). */
export async function firstLinkedWorkspace(store: Store, platform: string, userId: string): Promise<string | null> {
  return one<{ workspaceId: string }>(store, `SELECT "workspaceId" FROM "ChatIdentity" WHERE "platform" = ? AND "userId" = ? ORDER BY "id" LIMIT 1`, platform, userId)?.workspaceId ?? null;
}

