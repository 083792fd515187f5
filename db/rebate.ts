// The rebate ledger: one account per sub-local, append-only entries in integer cents. The running
// balance is kept by a database trigger on every insert (see the rebate migration) and checked
// against the sum of the entries before each posting transaction commits, so the two can never
// disagree. Entries are never changed or deleted; a correction is an adjustment naming the entry.
import { all, one, run, transaction } from "./sql.ts";
import type { Store } from "./store.ts";
import { dbTime } from "./time.ts";

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
  onProgress?: (done: number) => void;
}

const ACCOUNT = `SELECT "id", "subLocalCode", "balanceCents", "entryCount", "autoStatement" FROM "RebateAccount"`;
const CLOSING = `SELECT "id", "closesThrough" FROM "RebateStatement" WHERE "accountId" = ? AND "closesThrough" IS NOT NULL ORDER BY "closesThrough" DESC, "id" LIMIT 1`;

/**
 * The last day closed by an issued statement of this account (entries on or before it are refused:
 * a database trigger enforces it, this says which statement closed it), or undefined.
 */
export function closedThrough(store: Store, accountId: number): { statementId: number; closesThrough: string } | undefined {
  const r = one<{ id: number; closesThrough: string }>(store, CLOSING, accountId);
  return r ? { statementId: r.id, closesThrough: r.closesThrough } : undefined;
}

const ENTRY = `SELECT "id", "accountId", "kind", "postedOn", "amountCents", "description", "externalRef", "correctsId", "recordedById", "recordedBy" FROM "RebateEntry"`;

export function accountByCode(store: Store, code: string): AccountRow | undefined {
  return one<AccountRow>(store, `${ACCOUNT} WHERE "subLocalCode" = ?`, code);
}

export function accountById(store: Store, id: number): AccountRow | undefined {
  return one<AccountRow>(store, `${ACCOUNT} WHERE "id" = ?`, id);
}

export function listAccounts(store: Store): AccountRow[] {
  return all<AccountRow>(store, `${ACCOUNT} ORDER BY "subLocalCode"`);
}

/** The sub-local's account, created (empty) the first time it is needed. */
export function ensureAccount(store: Store, code: string, now = new Date()): AccountRow {
  run(store, `INSERT INTO "RebateAccount" ("subLocalCode", "createdAt") VALUES (?, ?) ON CONFLICT ("subLocalCode") DO NOTHING`, code, dbTime(now));
  return accountByCode(store, code)!;
}

export function setAutoStatement(store: Store, accountId: number, on: boolean): void {
  run(store, `UPDATE "RebateAccount" SET "autoStatement" = ? WHERE "id" = ?`, on ? 1 : 0, accountId);
}

/** The stored running balance and the sum of the entries, read together. */
export function balanceCheck(store: Store, accountId: number): { stored: number; summed: number; count: number; entries: number } {
  const a = one<{ balanceCents: number; entryCount: number }>(store, `SELECT "balanceCents", "entryCount" FROM "RebateAccount" WHERE "id" = ?`, accountId);
  const s = one<{ total: number | null; n: number }>(store, `SELECT SUM("amountCents") AS total, COUNT(*) AS n FROM "RebateEntry" WHERE "accountId" = ?`, accountId);
  return { stored: a?.balanceCents ?? 0, summed: s?.total ?? 0, count: a?.entryCount ?? 0, entries: s?.n ?? 0 };
}

function assertNoDrift(store: Store, accountId: number): void {
  const c = balanceCheck(store, accountId);
  if (c.stored !== c.summed || c.count !== c.entries) throw new LedgerDriftError(accountId, c.stored, c.summed);
}

const INSERT_ENTRY = `INSERT INTO "RebateEntry" ("accountId", "kind", "postedOn", "amountCents", "description", "externalRef", "correctsId", "recordedById", "recordedBy", "createdAt")
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;

/**
 * Posts entries in one transaction (nested inside a caller's transaction as a savepoint): every
 * account touched is checked against the sum of its entries before anything commits. The ledger's
 * rules live here, for every door (import, approval, correction): nothing dated before 2000, after
 * `today`, or into a period an issued statement has closed; no balance below zero unless allowed.
 * A refusal throws PostingRefusedError and writes nothing. Returns the new entry ids in order.
 */
export function postEntries(store: Store, entries: readonly NewEntry[], now: Date, opts: PostOptions = {}): number[] {
  if (entries.some((e) => !Number.isSafeInteger(e.amountCents))) throw new RangeError("amounts are integer cents");
  return transaction(store, () => {
    const ids: number[] = [];
    const touched = new Map<string, number>();
    const closed = new Map<number, ReturnType<typeof closedThrough>>();
    const posted = new Map<string, number>();
    const at = dbTime(now);
    entries.forEach((e, i) => {
      let accountId = touched.get(e.subLocalCode);
      if (accountId === undefined) {
        accountId = ensureAccount(store, e.subLocalCode, now).id;
        touched.set(e.subLocalCode, accountId);
        closed.set(accountId, closedThrough(store, accountId));
      }
      const refuse = (r: PostingRefusal) => {
        throw new PostingRefusedError(i, e.subLocalCode, r);
      };
      if (e.postedOn < FIRST_POSTING_DAY) refuse({ code: "tooEarly", postedOn: e.postedOn });
      if (opts.today !== undefined && e.postedOn > opts.today) refuse({ code: "future", postedOn: e.postedOn, today: opts.today });
      const c = closed.get(accountId);
      if (c && e.postedOn <= c.closesThrough) refuse({ code: "closed", postedOn: e.postedOn, closesThrough: c.closesThrough, statementId: c.statementId });
      const correctsId = e.correctsId ?? (e.correctsRef ? (posted.get(e.correctsRef) ?? entryByRef(store, e.correctsRef)?.id) : null);
      if (e.correctsRef && correctsId === undefined) throw new RangeError(`no entry with reference ${e.correctsRef} to correct`);
      const r = run(store, INSERT_ENTRY, accountId, e.kind, e.postedOn, e.amountCents, e.description, e.externalRef ?? null, correctsId ?? null, e.recordedById ?? null, e.recordedBy, at);
      const id = Number(r.lastInsertRowid);
      ids.push(id);
      if (e.externalRef) posted.set(e.externalRef, id);
      if (e.amountCents < 0 && !opts.allowNegative) {
        const balance = accountById(store, accountId)!.balanceCents;
        if (balance < 0) refuse({ code: "negative", balanceCents: balance });
      }
      if (opts.onProgress && (i + 1) % 500 === 0) opts.onProgress(i + 1);
    });
    for (const accountId of touched.values()) assertNoDrift(store, accountId);
    opts.onProgress?.(entries.length);
    return ids;
  });
}

export function entryById(store: Store, id: number): EntryRow | undefined {
  return one<EntryRow>(store, `${ENTRY} WHERE "id" = ?`, id);
}

export function entryByRef(store: Store, ref: string): EntryRow | undefined {
  return one<EntryRow>(store, `${ENTRY} WHERE "externalRef" = ?`, ref);
}

/** Which of these external references are already in the ledger. */
export function existingRefs(store: Store, refs: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (const ref of refs) if (one(store, `SELECT 1 AS found FROM "RebateEntry" WHERE "externalRef" = ?`, ref)) out.add(ref);
  return out;
}

/** Sum of the entries posted before `date` (the opening balance of a period starting that day). */
export function sumBefore(store: Store, accountId: number, date: string): number {
  return one<{ total: number | null }>(store, `SELECT SUM("amountCents") AS total FROM "RebateEntry" WHERE "accountId" = ? AND "postedOn" < ?`, accountId, date)?.total ?? 0;
}

/** Entries posted from `from` to `to` inclusive, in posting order. */
export function entriesBetween(store: Store, accountId: number, from: string, to: string): EntryRow[] {
  return all<EntryRow>(store, `${ENTRY} WHERE "accountId" = ? AND "postedOn" >= ? AND "postedOn" <= ? ORDER BY "postedOn", "id"`, accountId, from, to);
}

/** Totals by kind over a period: one covering-index range per kind, no table rows read. */
export function totalsByKind(store: Store, accountId: number, from: string, to: string): Partial<Record<EntryKind, number>> {
  const out: Partial<Record<EntryKind, number>> = {};
  for (const kind of ENTRY_KINDS) {
    const total = one<{ total: number | null }>(
      store,
      `SELECT SUM("amountCents") AS total FROM "RebateEntry" WHERE "accountId" = ? AND "kind" = ? AND "postedOn" >= ? AND "postedOn" <= ?`,
      accountId,
      kind,
      from,
      to,
    )?.total;
    if (total !== null && total !== undefined) out[kind] = total;
  }
  return out;
}

export function lastEntriesOfKind(store: Store, accountId: number, kind: EntryKind, limit: number): EntryRow[] {
  return all<EntryRow>(store, `${ENTRY} WHERE "accountId" = ? AND "kind" = ? ORDER BY "postedOn" DESC, "id" DESC LIMIT ?`, accountId, kind, limit);
}

/** Adjustments recorded against an entry. */
export function correctionsOf(store: Store, entryId: number): EntryRow[] {
  return all<EntryRow>(store, `${ENTRY} WHERE "correctsId" = ? ORDER BY "id"`, entryId);
}

// ---- Sub-locals, as the treasury sees them --------------------------------------------------------

export interface SubLocalInfo {
  code: string;
  name: string;
  employerGroup: string | null;
  region: string | null;
}

export function subLocalInfo(store: Store, code: string): SubLocalInfo | undefined {
  return one<SubLocalInfo>(store, `SELECT "code", "name", "employerGroup", "region" FROM "SubLocal" WHERE "code" = ?`, code);
}

export function allSubLocals(store: Store): SubLocalInfo[] {
  return all<SubLocalInfo>(store, `SELECT "code", "name", "employerGroup", "region" FROM "SubLocal" ORDER BY "code"`);
}

/** Balance and open items of many accounts at once (overviews, Home). */
export function balancesOf(store: Store, codes: readonly string[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const c of codes) {
    const a = accountByCode(store, c);
    if (a) out.set(c, a.balanceCents);
  }
  return out;
}

// ---- Who signs and who decides -----------------------------------------------------------------

/** The president and treasurer of a sub-local at `at`. */
export function signersOf(store: Store, code: string, at: Date): { personId: number; office: string }[] {
  const now = dbTime(at);
  return all<{ personId: number; office: string }>(
    store,
    `SELECT "personId", "office" FROM "RoleAssignment" WHERE "role" = 'sublocal_officer' AND "scopeType" = 'sublocal' AND "scopeId" = ?
       AND "office" IN ('president', 'treasurer') AND "startsAt" <= ? AND ("endsAt" IS NULL OR "endsAt" > ?) ORDER BY "id"`,
    code,
    now,
    now,
  );
}

/** Everyone holding a statewide role at `at`. */
export function holderIds(store: Store, role: string, at: Date): number[] {
  const now = dbTime(at);
  return all<{ personId: number }>(store, `SELECT DISTINCT "personId" FROM "RoleAssignment" WHERE "role" = ? AND "startsAt" <= ? AND ("endsAt" IS NULL OR "endsAt" > ?) ORDER BY "personId"`, role, now, now).map(
    (r) => r.personId,
  );
}
