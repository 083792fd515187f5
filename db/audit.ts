// The append-only, hash-chained audit log. Each entry's hash covers its content and the
// previous entry's hash, so editing or deleting any row breaks the chain from there on.
// Details hold ids and codes only: never names, e-mails or other personal data.
//
// The chain is keyed: with AUDIT_KEY set (comma-separated `kid:base64` keys like MEMBER_DATA_KEY;
// the first signs, all verify), each hash is an HMAC-SHA256 stored as `h1:<kid>:<hex>`, so someone
// who can write the database file but doesn't hold the key cannot rewrite entries and recompute
// their hashes. Entries written before the chain was keyed keep their plain SHA-256 hashes and
// stay verifiable: the first keyed entry covers the last plain hash, and a plain hash after a
// keyed one is a rewrite. A signed checkpoint (count + head hash) is written to the process log
// at start-up and daily, so `verify-audit --checkpoint` can check the log against a copy held
// outside the database (a truncated or rewritten tail no longer matches it).
import crypto from "node:crypto";
import { KeyConfigError, parseKeyring, type Keyring } from "./crypto.ts";
import type { AuditAction } from "./audit-actions.ts";
import { transaction, type Db, type Tx } from "./data.ts";
import { dialect } from "./dialect.ts";
import type { Store } from "./store.ts";
import { dbTime } from "./time.ts";

export interface AuditInput {
  actorPersonId?: number | null;
  /** "person:12", "cli", "system" */
  actor: string;
  /** One of the registered actions, each of which the log can say as a sentence. */
  action: AuditAction;
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

function canonical(prevHash: string, e: Omit<AuditRow, "id" | "hash" | "prevHash">): string {
  return JSON.stringify([
    prevHash,
    e.at,
    e.actorPersonId ?? null,
    e.actor,
    e.action,
    e.subjectType ?? null,
    e.subjectId ?? null,
    e.details,
  ]);
}

/** The plain SHA-256 hash entries had before the chain was keyed (still verified for them). */
export function entryHash(prevHash: string, e: Omit<AuditRow, "id" | "hash" | "prevHash">): string {
  return crypto.createHash("sha256").update(canonical(prevHash, e)).digest("hex");
}

const KEYED = /^h1:([A-Za-z0-9_-]{1,32}):([0-9a-f]{64})$/;

/** The keyed hash of an entry: `h1:<kid>:<HMAC-SHA256 hex>`. */
export function keyedEntryHash(prevHash: string, e: Omit<AuditRow, "id" | "hash" | "prevHash">, key: { kid: string; key: Buffer }): string {
  return `h1:${key.kid}:${crypto.createHmac("sha256", key.key).update(canonical(prevHash, e)).digest("hex")}`;
}

let cached: { raw: string | undefined; ring: Keyring | null } | undefined;

/** The audit keyring from AUDIT_KEY (parsed once per distinct value); null when unset. */
export function auditKeyring(env: NodeJS.ProcessEnv = process.env): Keyring | null {
  const raw = env.AUDIT_KEY;
  if (env === process.env && cached && cached.raw === raw) return cached.ring;
  const ring = parseKeyring(raw, "AUDIT_KEY");
  if (env === process.env) cached = { raw, ring };
  return ring;
}

/** For config validation: the problem with AUDIT_KEY, or null. Never contains key material. */
export function auditKeyProblem(raw: string | undefined): string | null {
  try {
    parseKeyring(raw, "AUDIT_KEY");
    return null;
  } catch (e) {
    if (e instanceof KeyConfigError) return e.message.replace(/^AUDIT_KEY:?\s*/, "");
    throw e;
  }
}

function chainedRow(input: AuditInput, prevHash: string) {
  const row = {
    at: dbTime(input.at ?? new Date()),
    actorPersonId: input.actorPersonId ?? null,
    actor: input.actor,
    action: input.action,
    subjectType: input.subjectType ?? null,
    subjectId: input.subjectId ?? null,
    details: JSON.stringify(input.details ?? {}),
  };
  const ring = auditKeyring();
  const hash = ring ? keyedEntryHash(prevHash, row, ring.current) : entryHash(prevHash, row);
  return { ...row, prevHash, hash };
}

const LAST_HASH = `SELECT "hash" FROM "AuditEntry" ORDER BY "id" DESC LIMIT 1`;
const APPEND_ENTRY = `INSERT INTO "AuditEntry" ("at", "actorPersonId", "actor", "action", "subjectType", "subjectId", "details", "prevHash", "hash")
  VALUES (@at, @actorPersonId, @actor, @action, @subjectType, @subjectId, @details, @prevHash, @hash) RETURNING "id"`;

// Every process appends under this one lock on PostgreSQL, so two entries never take the same
// previous hash (the chain would fork). On SQLite the IMMEDIATE transaction already excludes writers.
const LOCK_CHAIN = dialect({ sqlite: `SELECT 1`, postgres: `SELECT pg_advisory_xact_lock(5031)` });

/**
 * Appends one entry inside the caller's asynchronous transaction (db/data.ts): the entry commits
 * with the work it records, or not at all.
 */
export async function appendAuditIn(tx: Tx, input: AuditInput): Promise<AuditRow> {
  await tx.one(LOCK_CHAIN);
  const last = await tx.one<{ hash: string }>(LAST_HASH);
  const row = chainedRow(input, last?.hash ?? genesisHash);
  const added = await tx.one<{ id: number }>(APPEND_ENTRY, row);
  return { id: Number(added!.id), ...row };
}

/**
 * Appends one entry as a transaction of its own, on either engine (the chain's lock is taken
 * inside). For an entry that must commit with the work it records, use appendAuditIn in that
 * work's transaction instead.
 */
export async function appendAuditAsync(store: Store, input: AuditInput): Promise<AuditRow> {
  return transaction(store, (tx) => appendAuditIn(tx, input));
}

export type VerifyResult =
  | { ok: true; entries: number; checkpoint?: "matched" }
  | { ok: false; entries: number; brokenAt: number; reason: string };

/**
 * Walks the whole chain and reports the first entry whose hash or link does not match. Keyed
 * entries are checked with the key their id names; a plain hash after a keyed one is refused
 * (someone without the key rewrote the tail). Either engine, a batch of entries at a time.
 */
export async function verifyAudit(db: Db, opts: { keyring?: Keyring | null } = {}): Promise<VerifyResult> {
  return verifyAuditRows(auditRows(db), opts);
}

/** Every entry in id order, read `batch` at a time (the log can be long). */
export async function* auditRows(db: Db, batch = 1000): AsyncGenerator<AuditRow> {
  let after = 0;
  for (;;) {
    const rows = await db.all<AuditRow>(
      `SELECT "id", "at", "actorPersonId", "actor", "action", "subjectType", "subjectId", "details", "prevHash", "hash" FROM "AuditEntry" WHERE "id" > ? ORDER BY "id" LIMIT ?`,
      after,
      batch,
    );
    if (rows.length === 0) return;
    yield* rows;
    after = rows[rows.length - 1]!.id;
  }
}

/**
 * The same walk over entries read some other way (in id order): a copy on PostgreSQL, read a
 * batch at a time.
 */
export async function verifyAuditRows(rows: AsyncIterable<AuditRow>, opts: { keyring?: Keyring | null } = {}): Promise<VerifyResult> {
  const walk = chainWalk(opts.keyring === undefined ? auditKeyring() : opts.keyring);
  for await (const row of rows) {
    const broken = walk.next(row);
    if (broken) return broken;
  }
  return walk.end();
}

/** The chain's rules, one entry at a time: `next` returns the first break, `end` the verdict. */
function chainWalk(ring: Keyring | null) {
  let prev = genesisHash;
  let n = 0;
  let keyed = 0;
  let last = 0;
  return {
    next(row: AuditRow): VerifyResult | null {
      n++;
      if (row.prevHash !== prev) return { ok: false, entries: n, brokenAt: row.id, reason: "link to the previous entry does not match" };
      const m = KEYED.exec(row.hash);
      if (m) {
        const key = ring?.byKid.get(m[1]!);
        if (!key) return { ok: false, entries: n, brokenAt: row.id, reason: `signed with audit key "${m[1]}", which is not in AUDIT_KEY` };
        const want = keyedEntryHash(prev, row, key);
        if (want.length !== row.hash.length || !crypto.timingSafeEqual(Buffer.from(want), Buffer.from(row.hash)))
          return { ok: false, entries: n, brokenAt: row.id, reason: "content does not match its hash" };
        keyed++;
      } else {
        if (keyed > 0) return { ok: false, entries: n, brokenAt: row.id, reason: "a plain hash after the chain was keyed: entries were rewritten without the audit key" };
        if (entryHash(prev, row) !== row.hash) return { ok: false, entries: n, brokenAt: row.id, reason: "content does not match its hash" };
      }
      prev = row.hash;
      last = row.id;
      return null;
    },
    end(): VerifyResult {
      // With the key set, the bot signs every entry (and a checkpoint entry at every start-up), so a
      // plain newest entry means the whole chain was rewritten without the key.
      if (ring && n > 0 && keyed === 0)
        return { ok: false, entries: n, brokenAt: last, reason: "no entry is signed although AUDIT_KEY is set: the chain was rewritten without the key, or the bot has not run with the key yet (start it once to seal the older entries)" };
      return { ok: true, entries: n };
    },
  };
}

// ---- Checkpoints held outside the database ----------------------------------------------------

export interface Checkpoint {
  count: number;
  head: string;
  at: string;
  kid: string | null;
  sig: string | null;
}

const cpPayload = (c: Pick<Checkpoint, "count" | "head" | "at">) => `auditcp1|${c.count}|${c.head}|${c.at}`;

/** The chain's current length and head hash, signed with the current audit key (unsigned without one). */
export async function makeCheckpoint(db: Db, at: Date, ring: Keyring | null = auditKeyring()): Promise<Checkpoint> {
  const row = (await db.one<{ n: number; head: string | null }>(`SELECT COUNT(*) AS "n", (SELECT "hash" FROM "AuditEntry" ORDER BY "id" DESC LIMIT 1) AS "head" FROM "AuditEntry"`))!;
  const c = { count: row.n, head: row.head ?? genesisHash, at: at.toISOString() };
  if (!ring) return { ...c, kid: null, sig: null };
  return { ...c, kid: ring.current.kid, sig: crypto.createHmac("sha256", ring.current.key).update(cpPayload(c)).digest("hex") };
}

/** One line, easy to copy from a log or keep in a file: `auditcp1 count=… head=… at=… kid=… sig=…`. */
export function formatCheckpoint(c: Checkpoint): string {
  return `auditcp1 count=${c.count} head=${c.head} at=${c.at} kid=${c.kid ?? "none"} sig=${c.sig ?? "none"}`;
}

/** The newest checkpoint line in a text (a value, a file of them, or a log file); null when none. */
export function parseCheckpoint(text: string): Checkpoint | null {
  const all = [...text.matchAll(/auditcp1 count=(\d+) head=([\w:]+) at=([\dT:.Z-]+) kid=([\w-]+) sig=([0-9a-f]{64}|none)/g)];
  const m = all.at(-1);
  if (!m) return null;
  return { count: Number(m[1]), head: m[2]!, at: m[3]!, kid: m[4] === "none" ? null : m[4]!, sig: m[5] === "none" ? null : m[5]! };
}

/**
 * Verifies the chain and then that it still contains the checkpoint: entry number `count` has
 * the checkpoint's head hash (entries after it may have been added since). A checkpoint must be
 * signed with a key in AUDIT_KEY, so a forged one is refused too.
 */
export async function verifyAgainstCheckpoint(db: Db, cp: Checkpoint, ring: Keyring | null = auditKeyring()): Promise<VerifyResult> {
  const chain = await verifyAudit(db, { keyring: ring });
  if (!chain.ok) return chain;
  if (cp.sig) {
    const key = cp.kid ? ring?.byKid.get(cp.kid) : undefined;
    if (!key) return { ok: false, entries: chain.entries, brokenAt: 0, reason: `the checkpoint is signed with audit key "${cp.kid}", which is not in AUDIT_KEY` };
    const want = crypto.createHmac("sha256", key.key).update(cpPayload(cp)).digest("hex");
    if (!crypto.timingSafeEqual(Buffer.from(want), Buffer.from(cp.sig))) return { ok: false, entries: chain.entries, brokenAt: 0, reason: "the checkpoint's signature does not match: it was not written by this union's bot" };
  } else if (ring) {
    return { ok: false, entries: chain.entries, brokenAt: 0, reason: "the checkpoint is not signed, but AUDIT_KEY is set" };
  }
  if (cp.count === 0) return { ...chain, checkpoint: "matched" };
  if (chain.entries < cp.count) return { ok: false, entries: chain.entries, brokenAt: chain.entries, reason: `the log has ${chain.entries} entries, fewer than the ${cp.count} of the checkpoint of ${cp.at}: entries were removed` };
  const row = (await db.one<{ id: number; hash: string }>(`SELECT "id", "hash" FROM "AuditEntry" ORDER BY "id" LIMIT 1 OFFSET ?`, cp.count - 1))!;
  if (row.hash !== cp.head) return { ok: false, entries: chain.entries, brokenAt: row.id, reason: `entry #${row.id} is not the one the checkpoint of ${cp.at} recorded: the log was rewritten from there or earlier` };
  return { ...chain, checkpoint: "matched" };
}

/**
 * Writes a checkpoint: to the process log (held outside the database) and, as a record that it
 * was taken, to the audit log itself. Returns the checkpoint line. The count and head are read
 * under the chain's lock in the transaction that records them, so with several processes the
 * recorded entry directly follows the head it names.
 */
export async function writeCheckpoint(store: Store, log: { info(event: string, fields?: Record<string, unknown>): void }, at: Date, reason: "startup" | "daily" | "cli"): Promise<string> {
  const cp = await transaction(store, async (tx) => {
    await tx.one(LOCK_CHAIN);
    const taken = await makeCheckpoint(tx, at);
    await appendAuditIn(tx, { actor: "system", action: "audit.checkpoint", details: { count: taken.count, head: taken.head, kid: taken.kid, reason }, at });
    return taken;
  });
  const line = formatCheckpoint(cp);
  log.info("audit.checkpoint", { checkpoint: line, reason });
  return line;
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
