// The rebate ledger: one account per sub-local, append-only entries in integer cents. The running
// balance is kept by a database trigger on every insert (see the rebate migration) and checked
// against the sum of the entries before each posting transaction commits, so the two can never
// disagree. Entries are never changed or deleted; a correction is an adjustment naming the entry.
// On the asynchronous data layer (db/data.ts), either engine: reads take a Db, writes that must
// commit with something else take the caller's transaction (…In(tx, …)).
import { transaction, type Db, type Tx } from "./data.ts";
import { dialect } from "./dialect.ts";
import type { Store } from "./store.ts";

type DataStore = Pick<Store, "engine" | "sql" | "pool">;

export const ENTRY_KINDS = ["deposit", "disbursement", "reimbursement", "transfer", "adjustment"] as const;
export type EntryKind = (typeof ENTRY_KINDS)[number];

export interface AccountRow {
  id: number;
  subLocalCode: string;
  balanceCents: number;
  entryCount: number;
  autoStatement: number;
}

export interface EntryRow {
  id: number;
  accountId: number;
  kind: EntryKind;
  postedOn: string;
  amountCents: number;
  description: string;
  externalRef: string | null;
  correctsId: number | null;
  recordedById: number | null;
  recordedBy: string;
}

export interface NewEntry {
  subLocalCode: string;
  kind: EntryKind;
  postedOn: string;
  amountCents: number;
  description: string;
  externalRef?: string | null;
  /** For an adjustment: the entry it corrects, by id … */
  correctsId?: number | null;
  /** … or by external reference (an entry already in the ledger or earlier in the same posting). */
  correctsRef?: string | null;
  recordedById?: number | null;
  recordedBy: string;
}

/** The running balance disagrees with the entries: the transaction is rolled back. */
export class LedgerDriftError extends Error {
  constructor(readonly accountId: number, readonly stored: number, readonly summed: number) {
    super(`ledger drift on account ${accountId}: stored ${stored}, entries sum to ${summed}`);
    this.name = "LedgerDriftError";
  }
}

/** Why the ledger refused an entry; nothing of the posting was written. */
export type PostingRefusal =
  | { code: "closed"; postedOn: string; closesThrough: string; statementId: number }
  | { code: "future"; postedOn: string; today: string }
  | { code: "negative"; balanceCents: number }
  | { code: "promised"; balanceCents: number; promisedCents: number }
  | { code: "tooEarly"; postedOn: string };

export class PostingRefusedError extends Error {
  constructor(readonly index: number, readonly subLocalCode: string, readonly refusal: PostingRefusal) {
    super(`entry ${index} for ${subLocalCode} refused: ${refusal.code}`);
    this.name = "PostingRefusedError";
  }
}

/** The first posting day the ledger accepts: nothing of the union's accounts is older. */
export const FIRST_POSTING_DAY = "2000-01-01";

export interface PostOptions {
  /** The local calendar day now: entries dated later are refused (never available before their day). */
  today?: string;
  /** The account may go below zero (an import run with --allow-negative and a reason, audited by the caller). */
  allowNegative?: boolean;
  /**
   * The least an account may hold after a debit (an import: the money promised to its open payment
   * requests), read under the account's lock, so a request filed since the caller last looked counts.
   */
  floorCents?: (tx: Tx, accountId: number) => Promise<number>;
  onProgress?: (done: number) => void;
}

const ACCOUNT = `SELECT "id", "subLocalCode", "balanceCents", "entryCount", "autoStatement" FROM "RebateAccount"`;
const CLOSING = `SELECT "id", "closesThrough" FROM "RebateStatement" WHERE "accountId" = ? AND "closesThrough" IS NOT NULL ORDER BY "closesThrough" DESC, "id" LIMIT 1`;

/**
 * The account's row locked until the transaction ends (PostgreSQL; on SQLite the IMMEDIATE
 * transaction already holds every other writer off). Every write that moves or promises an
 * account's money takes it first, so on one account they run one after another: two approvals
 * from two processes never both see the balance before the other's payment, and a statement's
 * figures are taken with no posting to that account in between. Returns the balance as it is now.
 */
const LOCK_ACCOUNT = dialect({
  sqlite: `SELECT "balanceCents" FROM "RebateAccount" WHERE "id" = ?`,
  postgres: `SELECT "balanceCents" FROM "RebateAccount" WHERE "id" = ? FOR UPDATE`,
});

export async function lockAccount(tx: Tx, accountId: number): Promise<number> {
  return (await tx.one<{ balanceCents: number }>(LOCK_ACCOUNT, accountId))?.balanceCents ?? 0;
}

/**
 * The last day closed by an issued statement of this account (entries on or before it are refused:
 * a database trigger enforces it, this says which statement closed it), or undefined.
 */
export async function closedThrough(db: Db, accountId: number): Promise<{ statementId: number; closesThrough: string } | undefined> {
  const r = await db.one<{ id: number; closesThrough: string }>(CLOSING, accountId);
  return r ? { statementId: r.id, closesThrough: r.closesThrough } : undefined;
}

const ENTRY = `SELECT "id", "accountId", "kind", "postedOn", "amountCents", "description", "externalRef", "correctsId", "recordedById", "recordedBy" FROM "RebateEntry"`;

export function accountByCode(db: Db, code: string): Promise<AccountRow | undefined> {
  return db.one<AccountRow>(`${ACCOUNT} WHERE "subLocalCode" = ?`, code);
}

export function accountById(db: Db, id: number): Promise<AccountRow | undefined> {
  return db.one<AccountRow>(`${ACCOUNT} WHERE "id" = ?`, id);
}

export function listAccounts(db: Db): Promise<AccountRow[]> {
  return db.all<AccountRow>(`${ACCOUNT} ORDER BY "subLocalCode"`);
}

/** The sub-local's account, created (empty) the first time it is needed. */
export async function ensureAccount(db: Db, code: string, now = new Date()): Promise<AccountRow> {
  const found = await accountByCode(db, code);
  if (found) return found;
  await db.run(`INSERT INTO "RebateAccount" ("subLocalCode", "createdAt") VALUES (?, ?) ON CONFLICT ("subLocalCode") DO NOTHING`, code, now);
  return (await accountByCode(db, code))!;
}

export async function setAutoStatement(db: Db, accountId: number, on: boolean): Promise<void> {
  await db.run(`UPDATE "RebateAccount" SET "autoStatement" = ? WHERE "id" = ?`, on, accountId);
}

/** The stored running balance and the sum of the entries, read together. */
export async function balanceCheck(db: Db, accountId: number): Promise<{ stored: number; summed: number; count: number; entries: number }> {
  const a = await db.one<{ balanceCents: number; entryCount: number }>(`SELECT "balanceCents", "entryCount" FROM "RebateAccount" WHERE "id" = ?`, accountId);
  const s = await db.one<{ total: number | null; n: number }>(`SELECT SUM("amountCents") AS total, COUNT(*) AS n FROM "RebateEntry" WHERE "accountId" = ?`, accountId);
  return { stored: a?.balanceCents ?? 0, summed: s?.total ?? 0, count: a?.entryCount ?? 0, entries: s?.n ?? 0 };
}

async function assertNoDrift(tx: Tx, accountId: number): Promise<void> {
  const c = await balanceCheck(tx, accountId);
  if (c.stored !== c.summed || c.count !== c.entries) throw new LedgerDriftError(accountId, c.stored, c.summed);
}

const INSERT_ENTRY = `INSERT INTO "RebateEntry" ("accountId", "kind", "postedOn", "amountCents", "description", "externalRef", "correctsId", "recordedById", "recordedBy", "createdAt")
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING "id"`;

/**
 * Posts entries inside the caller's transaction, as a savepoint of its own: every account touched
 * is locked first (in one order, so two postings never wait on each other), and checked against
 * the sum of its entries before the savepoint is released. The ledger's rules live here, for every
 * door (import, approval, correction): nothing dated before 2000, after `today`, or into a period
 * an issued statement has closed; no balance below zero unless allowed. A refusal throws
 * PostingRefusedError and writes nothing. Returns the new entry ids in order.
 */
export async function postEntriesIn(tx: Tx, entries: readonly NewEntry[], now: Date, opts: PostOptions = {}): Promise<number[]> {
  if (entries.some((e) => !Number.isSafeInteger(e.amountCents))) throw new RangeError("amounts are integer cents");
  return tx.transaction(async (tx) => {
    const ids: number[] = [];
    const touched = new Map<string, number>();
    const closed = new Map<number, Awaited<ReturnType<typeof closedThrough>>>();
    const floors = new Map<number, number>();
    for (const code of new Set(entries.map((e) => e.subLocalCode))) touched.set(code, (await ensureAccount(tx, code, now)).id);
    for (const accountId of [...touched.values()].sort((a, b) => a - b)) {
      await lockAccount(tx, accountId);
      // Read after the lock: a statement issued meanwhile by another process has committed by now.
      closed.set(accountId, await closedThrough(tx, accountId));
      if (opts.floorCents && !opts.allowNegative) floors.set(accountId, await opts.floorCents(tx, accountId));
    }
    const posted = new Map<string, number>();
    for (const [i, e] of entries.entries()) {
      const accountId = touched.get(e.subLocalCode)!;
      const refuse = (r: PostingRefusal) => {
        throw new PostingRefusedError(i, e.subLocalCode, r);
      };
      if (e.postedOn < FIRST_POSTING_DAY) refuse({ code: "tooEarly", postedOn: e.postedOn });
      if (opts.today !== undefined && e.postedOn > opts.today) refuse({ code: "future", postedOn: e.postedOn, today: opts.today });
      const c = closed.get(accountId);
      if (c && e.postedOn <= c.closesThrough) refuse({ code: "closed", postedOn: e.postedOn, closesThrough: c.closesThrough, statementId: c.statementId });
      const correctsId = e.correctsId ?? (e.correctsRef ? (posted.get(e.correctsRef) ?? (await entryByRef(tx, e.correctsRef))?.id) : null);
      if (e.correctsRef && correctsId === undefined) throw new RangeError(`no entry with reference ${e.correctsRef} to correct`);
      const r = await tx.one<{ id: number }>(INSERT_ENTRY, accountId, e.kind, e.postedOn, e.amountCents, e.description, e.externalRef ?? null, correctsId ?? null, e.recordedById ?? null, e.recordedBy, now);
      const id = Number(r!.id);
      ids.push(id);
      if (e.externalRef) posted.set(e.externalRef, id);
      if (e.amountCents < 0 && !opts.allowNegative) {
        const balance = (await accountById(tx, accountId))!.balanceCents;
        if (balance < 0) refuse({ code: "negative", balanceCents: balance });
        const floor = floors.get(accountId) ?? 0;
        if (balance < floor) refuse({ code: "promised", balanceCents: balance, promisedCents: floor });
      }
      if (opts.onProgress && (i + 1) % 500 === 0) opts.onProgress(i + 1);
    }
    for (const accountId of touched.values()) await assertNoDrift(tx, accountId);
    opts.onProgress?.(entries.length);
    return ids;
  });
}

/** postEntriesIn as a transaction of its own (the import, the demo ledger). */
export function postEntries(store: DataStore, entries: readonly NewEntry[], now: Date, opts: PostOptions = {}): Promise<number[]> {
  return transaction(store, (tx) => postEntriesIn(tx, entries, now, opts));
}

export function entryById(db: Db, id: number): Promise<EntryRow | undefined> {
  return db.one<EntryRow>(`${ENTRY} WHERE "id" = ?`, id);
}

export function entryByRef(db: Db, ref: string): Promise<EntryRow | undefined> {
  return db.one<EntryRow>(`${ENTRY} WHERE "externalRef" = ?`, ref);
}

/** The entries with any of these external references (up to 500 asked at a time). */
export async function entriesByRefs(db: Db, refs: readonly string[]): Promise<EntryRow[]> {
  const out: EntryRow[] = [];
  for (let i = 0; i < refs.length; i += 500) {
    const batch = refs.slice(i, i + 500);
    out.push(...(await db.all<EntryRow>(`${ENTRY} WHERE "externalRef" IN (${batch.map(() => "?").join(",")})`, ...batch)));
  }
  return out;
}

/** Which of these external references are already in the ledger (up to 500 asked at a time). */
export async function existingRefs(db: Db, refs: readonly string[]): Promise<Set<string>> {
  return new Set((await entriesByRefs(db, refs)).map((e) => e.externalRef!));
}

/** Sum of the entries posted before `date` (the opening balance of a period starting that day). */
export async function sumBefore(db: Db, accountId: number, date: string): Promise<number> {
  return (await db.one<{ total: number | null }>(`SELECT SUM("amountCents") AS total FROM "RebateEntry" WHERE "accountId" = ? AND "postedOn" < ?`, accountId, date))?.total ?? 0;
}

/** Entries posted from `from` to `to` inclusive, in posting order. */
export function entriesBetween(db: Db, accountId: number, from: string, to: string): Promise<EntryRow[]> {
  return db.all<EntryRow>(`${ENTRY} WHERE "accountId" = ? AND "postedOn" >= ? AND "postedOn" <= ? ORDER BY "postedOn", "id"`, accountId, from, to);
}

/** Totals by kind over a period: one covering-index range per kind, no table rows read. */
export async function totalsByKind(db: Db, accountId: number, from: string, to: string): Promise<Partial<Record<EntryKind, number>>> {
  const out: Partial<Record<EntryKind, number>> = {};
  for (const kind of ENTRY_KINDS) {
    const total = (
      await db.one<{ total: number | null }>(
        `SELECT SUM("amountCents") AS total FROM "RebateEntry" WHERE "accountId" = ? AND "kind" = ? AND "postedOn" >= ? AND "postedOn" <= ?`,
        accountId,
        kind,
        from,
        to,
      )
    )?.total;
    if (total !== null && total !== undefined) out[kind] = total;
  }
  return out;
}

export function lastEntriesOfKind(db: Db, accountId: number, kind: EntryKind, limit: number): Promise<EntryRow[]> {
  return db.all<EntryRow>(`${ENTRY} WHERE "accountId" = ? AND "kind" = ? ORDER BY "postedOn" DESC, "id" DESC LIMIT ?`, accountId, kind, limit);
}

/** Adjustments recorded against an entry. */
export function correctionsOf(db: Db, entryId: number): Promise<EntryRow[]> {
  return db.all<EntryRow>(`${ENTRY} WHERE "correctsId" = ? ORDER BY "id"`, entryId);
}

// ---- Sub-locals, as the treasury sees them --------------------------------------------------------

export interface SubLocalInfo {
  code: string;
  name: string;
  employerGroup: string | null;
  region: string | null;
}

export function subLocalInfo(db: Db, code: string): Promise<SubLocalInfo | undefined> {
  return db.one<SubLocalInfo>(`SELECT "code", "name", "employerGroup", "region" FROM "SubLocal" WHERE "code" = ?`, code);
}

export function allSubLocals(db: Db): Promise<SubLocalInfo[]> {
  return db.all<SubLocalInfo>(`SELECT "code", "name", "employerGroup", "region" FROM "SubLocal" ORDER BY "code"`);
}

/** Balance and open items of many accounts at once (overviews, Home). */
export async function balancesOf(db: Db, codes: readonly string[]): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (const c of codes) {
    const a = await accountByCode(db, c);
    if (a) out.set(c, a.balanceCents);
  }
  return out;
}

// ---- Who signs and who decides -----------------------------------------------------------------

/** The president and treasurer of a sub-local at `at`. */
export function signersOf(db: Db, code: string, at: Date): Promise<{ personId: number; office: string }[]> {
  return db.all<{ personId: number; office: string }>(
    `SELECT "personId", "office" FROM "RoleAssignment" WHERE "role" = 'sublocal_officer' AND "scopeType" = 'sublocal' AND "scopeId" = ?
       AND "office" IN ('president', 'treasurer') AND "startsAt" <= ? AND ("endsAt" IS NULL OR "endsAt" > ?) ORDER BY "id"`,
    code,
    at,
    at,
  );
}

/** Everyone holding a statewide role at `at`. */
export async function holderIds(db: Db, role: string, at: Date): Promise<number[]> {
  const rows = await db.all<{ personId: number }>(`SELECT DISTINCT "personId" FROM "RoleAssignment" WHERE "role" = ? AND "startsAt" <= ? AND ("endsAt" IS NULL OR "endsAt" > ?) ORDER BY "personId"`, role, at, at);
  return rows.map((r) => r.personId);
}
