// Chat identities: which person a Slack, Discord or playground account belongs to.
import crypto from "node:crypto";
import type { Store } from "./store.ts";

export interface IdentityKey {
  platform: string;
  workspaceId: string;
  userId: string;
}

export async function findIdentity(store: Store, k: IdentityKey) {
  return store.prisma.chatIdentity.findUnique({
    where: { platform_workspaceId_userId: { platform: k.platform, workspaceId: k.workspaceId, userId: k.userId } },
  });
}

export async function linkIdentity(
  store: Store,
  k: IdentityKey & { personId: number; displayName?: string | null; linkedVia: "admin" | "email" | "code" | "demo" },
) {
  const where = { platform_workspaceId_userId: { platform: k.platform, workspaceId: k.workspaceId, userId: k.userId } };
  const data = { personId: k.personId, displayName: k.displayName ?? null, linkedVia: k.linkedVia, linkedAt: new Date() };
  return store.prisma.chatIdentity.upsert({ where, create: { ...k, ...data }, update: data });
}

export async function identitiesOf(store: Store, personId: number, platform?: string) {
  return store.prisma.chatIdentity.findMany({ where: { personId, platform }, orderBy: { id: "asc" } });
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
  const iso = now.toISOString().replace("Z", "+00:00");
  const row = store.sql
    .prepare(`UPDATE "LinkCode" SET usedAt = ?, usedBy = ? WHERE codeHash = ? AND usedAt IS NULL AND expiresAt > ? RETURNING personId`)
    .get(iso, usedBy, hashCode(code), iso) as { personId: number } | undefined;
  return row?.personId ?? null;
}

/** The first workspace in which this platform user is linked (Discord user ids are global; a DM has no guild). */
export async function firstLinkedWorkspace(store: Store, platform: string, userId: string): Promise<string | null> {
  const row = await store.prisma.chatIdentity.findFirst({ where: { platform, userId }, orderBy: { id: "asc" }, select: { workspaceId: true } });
  return row?.workspaceId ?? null;
}
