// The append-only, hash-chained audit log. Each entry's hash covers its content and the
// previous entry's hash, so editing or deleting any row breaks the chain from there on.
// Details hold ids and codes only: never names, e-mails or other personal data.
import crypto from "node:crypto";
import type { Store } from "./store.ts";
import { dbTime } from "./time.ts";

export interface AuditInput {
  actorPersonId?: number | null;
  /** "person:12", "cli", "system" */
  actor: string;
  action: string;
  subjectType?: string | null;
  subjectId?: string | null;
  details?: Record<string, unknown>;
  at?: Date;
}

export interface AuditRow {
  id: number;
  at: string;
  actorPersonId: number | null;
  actor: string;
  action: string;
  subjectType: string | null;
  subjectId: string | null;
  details: string;
  prevHash: string;
  hash: string;
}

export const genesisHash = "0".repeat(64);

export function entryHash(prevHash: string, e: Omit<AuditRow, "id" | "hash" | "prevHash">): string {
  const canonical = JSON.stringify([
    prevHash,
    e.at,
    e.actorPersonId ?? null,
    e.actor,
    e.action,
    e.subjectType ?? null,
    e.subjectId ?? null,
    e.details,
  ]);
  return crypto.createHash("sha256").update(canonical).digest("hex");
}

/** Appends one entry atomically (synchronous: the chain cannot fork under concurrency). */
export function appendAudit(store: Store, input: AuditInput): AuditRow {
  const { sql } = store;
  return sql
    .transaction(() => {
      const last = sql.prepare(`SELECT hash FROM "AuditEntry" ORDER BY id DESC LIMIT 1`).get() as { hash: string } | undefined;
      const prevHash = last?.hash ?? genesisHash;
      const row = {
        at: dbTime(input.at ?? new Date()),
        actorPersonId: input.actorPersonId ?? null,
        actor: input.actor,
        action: input.action,
        subjectType: input.subjectType ?? null,
        subjectId: input.subjectId ?? null,
        details: JSON.stringify(input.details ?? {}),
      };
      const hash = entryHash(prevHash, row);
      const info = sql
        .prepare(
          `INSERT INTO "AuditEntry" (at, actorPersonId, actor, action, subjectType, subjectId, details, prevHash, hash)
           VALUES (@at, @actorPersonId, @actor, @action, @subjectType, @subjectId, @details, @prevHash, @hash)`,
        )
        .run({ ...row, prevHash, hash });
      return { id: Number(info.lastInsertRowid), ...row, prevHash, hash };
    })
    .immediate();
}

export type VerifyResult = { ok: true; entries: number } | { ok: false; entries: number; brokenAt: number; reason: string };

/** Walks the whole chain and reports the first entry whose hash or link does not match. */
export function verifyAudit(store: Store): VerifyResult {
  let prev = genesisHash;
  let n = 0;
  for (const row of store.sql.prepare(`SELECT * FROM "AuditEntry" ORDER BY id`).iterate() as Iterable<AuditRow>) {
    n++;
    if (row.prevHash !== prev) return { ok: false, entries: n, brokenAt: row.id, reason: "link to the previous entry does not match" };
    if (entryHash(prev, row) !== row.hash) return { ok: false, entries: n, brokenAt: row.id, reason: "content does not match its hash" };
    prev = row.hash;
  }
  return { ok: true, entries: n };
}

export interface AuditQuery {
  action?: string;
  actionPrefix?: string;
  subjectType?: string;
  subjectId?: string;
  limit?: number;
}

export async function listAudit(store: Store, q: AuditQuery = {}) {
  return store.prisma.auditEntry.findMany({
    where: {
      action: q.action ?? (q.actionPrefix ? { startsWith: q.actionPrefix } : undefined),
      subjectType: q.subjectType,
      subjectId: q.subjectId,
    },
    orderBy: { id: "desc" },
    take: q.limit ?? 20,
  });
}
