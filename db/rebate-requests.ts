// Treasury workflows on the ledger: statement requests, disbursement requests and disputes, their
// history, and where treasury staff get their cards. Every decision is one conditional UPDATE
// inside one transaction, so the first decision wins and a decision and its ledger entry commit
// together or not at all. On the asynchronous data layer (db/data.ts), either engine: each write is
// `…In(tx, …)` inside the caller's transaction (a command commits it with its audit entry and jobs),
// or, without the suffix, a transaction of its own. On PostgreSQL, where several processes decide at
// once, whatever moves or promises money locks its account's row first (lockAccount in
// db/rebate.ts), and every decision is a guarded UPDATE: the second decision changes no row.
import { transaction, type Db, type Tx } from "./data.ts";
import { shiftPeriod } from "./periods.ts";
import { entriesBetween, lockAccount, postEntriesIn, sumBefore, type EntryRow, type NewEntry } from "./rebate.ts";
import type { Store } from "./store.ts";

type DataStore = Pick<Store, "engine" | "sql" | "pool">;

export type SubjectType = "statement" | "request" | "dispute";

export interface EventRow {
  id: number;
  action: string;
  actorId: number | null;
  note: string | null;
  at: string;
}

export async function addEvent(db: Db, subjectType: SubjectType, subjectId: number, action: string, actorId: number | null, at: Date, note: string | null = null): Promise<void> {
  await db.run(`INSERT INTO "RebateEvent" ("subjectType", "subjectId", "action", "actorId", "note", "at") VALUES (?, ?, ?, ?, ?, ?)`, subjectType, subjectId, action, actorId, note, at);
}

export function historyOf(db: Db, subjectType: SubjectType, subjectId: number): Promise<EventRow[]> {
  return db.all<EventRow>(`SELECT "id", "action", "actorId", "note", "at" FROM "RebateEvent" WHERE "subjectType" = ? AND "subjectId" = ? ORDER BY "id"`, subjectType, subjectId);
}

// ---- Statements ------------------------------------------------------------------------------------

export type StatementStatus = "pending" | "approved" | "denied" | "automatic";

export interface StatementRow {
  id: number;
  accountId: number;
  subLocalCode: string;
  requesterId: number | null;
  fromDate: string;
  toDate: string;
  status: StatementStatus;
  decidedById: number | null;
  decidedAt: string | null;
  reason: string | null;
  /** When its figures were taken ("as of"); null until issued. */
  issuedAt: string | null;
  /** JSON of IssuedFigures; null until issued. */
  figures: string | null;
  closesThrough: string | null;
  createdAt: string;
}

/** What an issued statement says, taken once at issue and never recomputed. */
export interface IssuedFigures {
  openingCents: number;
  entries: EntryRow[];
}

export function issuedFigures(s: Pick<StatementRow, "figures">): IssuedFigures | null {
  return s.figures ? (JSON.parse(s.figures) as IssuedFigures) : null;
}

const STATEMENT = `SELECT s."id", s."accountId", a."subLocalCode", s."requesterId", s."fromDate", s."toDate", s."status", s."decidedById", s."decidedAt", s."reason", s."issuedAt", s."figures", s."closesThrough", s."createdAt"
  FROM "RebateStatement" s JOIN "RebateAccount" a ON a."id" = s."accountId"`;

/**
 * Takes the statement's figures now and stores them as issued; its period is closed from then on
 * (through its last day, or through yesterday while the period is still running, so today's
 * postings go on). Inside the caller's transaction.
 */
async function issue(tx: Tx, id: number, s: { accountId: number; fromDate: string; toDate: string }, now: Date, today: string): Promise<void> {
  // No posting to the account between the figures and the closing (see lockAccount).
  await lockAccount(tx, s.accountId);
  const figures: IssuedFigures = { openingCents: await sumBefore(tx, s.accountId, s.fromDate), entries: await entriesBetween(tx, s.accountId, s.fromDate, s.toDate) };
  const yesterday = shiftPeriod(today, -1);
  const closes = s.toDate < yesterday ? s.toDate : yesterday;
  await tx.run(`UPDATE "RebateStatement" SET "issuedAt" = ?, "figures" = ?, "closesThrough" = ? WHERE "id" = ? AND "figures" IS NULL`, now, JSON.stringify(figures), closes >= s.fromDate ? closes : null, id);
}

export type NewStatement = { accountId: number; requesterId: number | null; fromDate: string; toDate: string; status: "pending" | "automatic" };

/** A statement request (pending), or an automatic statement issued at once, in the caller's transaction. `today` is the local day. */
export async function createStatementIn(tx: Tx, s: NewStatement, now: Date, today: string): Promise<number> {
  const row = await tx.one<{ id: number }>(
    `INSERT INTO "RebateStatement" ("accountId", "requesterId", "fromDate", "toDate", "status", "createdAt") VALUES (?, ?, ?, ?, ?, ?) RETURNING "id"`,
    s.accountId,
    s.requesterId,
    s.fromDate,
    s.toDate,
    s.status,
    now,
  );
  const id = Number(row!.id);
  await addEvent(tx, "statement", id, s.status === "automatic" ? "sent_automatically" : "requested", s.requesterId, now);
  if (s.status === "automatic") await issue(tx, id, s, now, today);
  return id;
}

export function createStatement(store: DataStore, s: NewStatement, now: Date, today: string): Promise<number> {
  return transaction(store, (tx) => createStatementIn(tx, s, now, today));
}

export function statementById(db: Db, id: number): Promise<StatementRow | undefined> {
  return db.one<StatementRow>(`${STATEMENT} WHERE s."id" = ?`, id);
}

export function pendingStatements(db: Db): Promise<StatementRow[]> {
  return db.all<StatementRow>(`${STATEMENT} WHERE s."status" = 'pending' ORDER BY s."id"`);
}

export type Decided<R> = { ok: true; row: R } | { ok: false; row: R | undefined };

/** Statements issued (approved or sent automatically) for these accounts, newest first. */
export async function issuedStatements(db: Db, accountIds: readonly number[] | undefined, limit = 25): Promise<StatementRow[]> {
  if (accountIds && accountIds.length === 0) return [];
  const where = accountIds ? `AND s."accountId" IN (${accountIds.map(() => "?").join(",")})` : "";
  return db.all<StatementRow>(`${STATEMENT} WHERE s."figures" IS NOT NULL ${where} ORDER BY s."id" DESC LIMIT ?`, ...(accountIds ?? []), limit);
}

/**
 * Approves (the statement is issued: its figures stored, its period closed) or denies (with the
 * reason) a pending statement request; one conditional UPDATE, so only the first decision counts.
 */
export type StatementDecision = { approve: true; today: string } | { approve: false; reason: string };

/** decideStatement in the caller's transaction. */
export async function decideStatementIn(tx: Tx, id: number, deciderId: number, d: StatementDecision, now: Date): Promise<Decided<StatementRow>> {
  const { changes } = await tx.run(
    `UPDATE "RebateStatement" SET "status" = ?, "decidedById" = ?, "decidedAt" = ?, "reason" = ? WHERE "id" = ? AND "status" = 'pending'`,
    d.approve ? "approved" : "denied",
    deciderId,
    now,
    d.approve ? null : d.reason,
    id,
  );
  const before = await statementById(tx, id);
  if (!changes) return { ok: false, row: before };
  if (d.approve) await issue(tx, id, before!, now, d.today);
  await addEvent(tx, "statement", id, d.approve ? "approved" : "denied", deciderId, now, d.approve ? null : d.reason);
  return { ok: true, row: (await statementById(tx, id))! };
}

export function decideStatement(store: DataStore, id: number, deciderId: number, d: StatementDecision, now: Date): Promise<Decided<StatementRow>> {
  return transaction(store, (tx) => decideStatementIn(tx, id, deciderId, d, now));
}

// ---- Disbursement requests -------------------------------------------------------------------------

export type RequestStatus = "awaiting_cosign" | "awaiting_staff" | "approved" | "denied" | "declined" | "withdrawn";
export const OPEN_REQUEST: readonly RequestStatus[] = ["awaiting_cosign", "awaiting_staff"];

export interface RequestRow {
  id: number;
  accountId: number;
  subLocalCode: string;
  requesterId: number;
  requesterOffice: string | null;
  payee: string;
  amountCents: number;
  purpose: string;
  neededBy: string;
  receiptUrl: string | null;
  status: RequestStatus;
  cosignerId: number | null;
  cosignerOffice: string | null;
  cosignedAt: string | null;
  decidedById: number | null;
  decidedAt: string | null;
  reason: string | null;
  entryId: number | null;
  createdAt: string;
}

const REQUEST = `SELECT r."id", r."accountId", a."subLocalCode", r."requesterId", r."requesterOffice", r."payee", r."amountCents", r."purpose", r."neededBy", r."receiptUrl", r."status",
  r."cosignerId", r."cosignerOffice", r."cosignedAt", r."decidedById", r."decidedAt", r."reason", r."entryId", r."createdAt"
  FROM "RebateRequest" r JOIN "RebateAccount" a ON a."id" = r."accountId"`;

/** Money promised to requests not yet decided: it is not available for another request. */
export async function committedCents(db: Db, accountId: number): Promise<number> {
  return (await db.one<{ total: number | null }>(`SELECT SUM("amountCents") AS total FROM "RebateRequest" WHERE "accountId" = ? AND "status" IN ('awaiting_cosign', 'awaiting_staff')`, accountId))?.total ?? 0;
}

export async function balanceOf(db: Db, accountId: number): Promise<number> {
  return (await db.one<{ balanceCents: number }>(`SELECT "balanceCents" FROM "RebateAccount" WHERE "id" = ?`, accountId))?.balanceCents ?? 0;
}

export interface NewRequest {
  accountId: number;
  requesterId: number;
  /** The signing office the requester files in. */
  requesterOffice: "president" | "treasurer";
  payee: string;
  amountCents: number;
  purpose: string;
  neededBy: string;
  receiptUrl: string | null;
}

/** Files a request if the available balance (balance − committed) covers it, in one transaction. */
export type Filed = { ok: true; id: number } | { ok: false; balance: number; committed: number };

/** Files a request if the available balance (balance − committed) covers it, in the caller's transaction. */
export async function createRequestIn(tx: Tx, r: NewRequest, now: Date): Promise<Filed> {
  // Locked: two requests filed at once never both count on the same available money.
  const balance = await lockAccount(tx, r.accountId);
  const committed = await committedCents(tx, r.accountId);
  if (r.amountCents > balance - committed) return { ok: false, balance, committed };
  const row = await tx.one<{ id: number }>(
    `INSERT INTO "RebateRequest" ("accountId", "requesterId", "requesterOffice", "payee", "amountCents", "purpose", "neededBy", "receiptUrl", "status", "createdAt") VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'awaiting_cosign', ?) RETURNING "id"`,
    r.accountId,
    r.requesterId,
    r.requesterOffice,
    r.payee,
    r.amountCents,
    r.purpose,
    r.neededBy,
    r.receiptUrl,
    now,
  );
  const id = Number(row!.id);
  await addEvent(tx, "request", id, "filed", r.requesterId, now);
  return { ok: true, id };
}

export function createRequest(store: DataStore, r: NewRequest, now: Date): Promise<Filed> {
  return transaction(store, (tx) => createRequestIn(tx, r, now));
}

export function requestById(db: Db, id: number): Promise<RequestRow | undefined> {
  return db.one<RequestRow>(`${REQUEST} WHERE r."id" = ?`, id);
}

/**
 * A person's signing office (president or treasurer) in the sub-local of an account at `at`, as a
 * SQL condition: the one rule for who may sign for a sub-local's money, used by every guarded write.
 */
const HOLDS_SIGNING_OFFICE = `SELECT ra."office" FROM "RoleAssignment" ra JOIN "RebateAccount" acc ON acc."subLocalCode" = ra."scopeId"
  WHERE acc."id" = "RebateRequest"."accountId" AND ra."personId" = ? AND ra."role" = 'sublocal_officer' AND ra."scopeType" = 'sublocal'
    AND ra."office" IN ('president', 'treasurer') AND ra."office" <> "RebateRequest"."requesterOffice"
    AND ra."startsAt" <= ? AND (ra."endsAt" IS NULL OR ra."endsAt" > ?)`;

/** Why a signature was refused when the request was still waiting for one. */
export type CosignRefusal = "requester" | "same_office";

export type Cosigned = Decided<RequestRow> | { ok: false; row: RequestRow; refused: CosignRefusal };

/**
 * The second signature (or a refusal to sign). Dual control lives in this one guarded UPDATE:
 * the signer is never the requester and holds the OTHER signing office of the request's
 * sub-local (a second treasurer cannot co-sign a treasurer's request), at the moment of signing.
 */
export async function cosignRequestIn(tx: Tx, id: number, officerId: number, sign: boolean, now: Date, reason: string | null = null): Promise<Cosigned> {
  const { changes: changed } = await tx.run(
    `UPDATE "RebateRequest" SET "status" = ?, "cosignerId" = ?, "cosignerOffice" = (${HOLDS_SIGNING_OFFICE} ORDER BY ra."id" LIMIT 1), "cosignedAt" = ?, "reason" = ?
      WHERE "id" = ? AND "status" = 'awaiting_cosign' AND "requesterId" <> ? AND EXISTS (${HOLDS_SIGNING_OFFICE})`,
    sign ? "awaiting_staff" : "declined",
    officerId,
    officerId,
    now,
    now,
    now,
    sign ? null : reason,
    id,
    officerId,
    officerId,
    now,
    now,
  );
  if (changed) await addEvent(tx, "request", id, sign ? "cosigned" : "declined", officerId, now, reason);
  const row = await requestById(tx, id);
  if (changed) return { ok: true as const, row: row! };
  if (row?.status === "awaiting_cosign") return { ok: false as const, row, refused: row.requesterId === officerId ? ("requester" as const) : ("same_office" as const) };
  return { ok: false as const, row };
}

export function cosignRequest(store: DataStore, id: number, officerId: number, sign: boolean, now: Date, reason: string | null = null): Promise<Cosigned> {
  return transaction(store, (tx) => cosignRequestIn(tx, id, officerId, sign, now, reason));
}

/** The requester takes back a request nobody has decided yet; money promised to it is free again. */
export async function withdrawRequestIn(tx: Tx, id: number, requesterId: number, now: Date, reason: string | null): Promise<Decided<RequestRow>> {
  const { changes } = await tx.run(
    `UPDATE "RebateRequest" SET "status" = 'withdrawn', "decidedAt" = ?, "reason" = ? WHERE "id" = ? AND "requesterId" = ? AND "status" IN ('awaiting_cosign', 'awaiting_staff')`,
    now,
    reason,
    id,
    requesterId,
  );
  if (changes) await addEvent(tx, "request", id, "withdrawn", requesterId, now, reason);
  const row = await requestById(tx, id);
  return changes ? { ok: true, row: row! } : { ok: false, row };
}

export function withdrawRequest(store: DataStore, id: number, requesterId: number, now: Date, reason: string | null): Promise<Decided<RequestRow>> {
  return transaction(store, (tx) => withdrawRequestIn(tx, id, requesterId, now, reason));
}

export type StaffDecision = Decided<RequestRow> | { ok: false; short: true; row: RequestRow; balance: number };

export type RequestDecision = { approve: true; postedOn: string; description: string } | { approve: false; reason: string };

/**
 * decideRequest in the caller's transaction. The account is locked before the request is read
 * again and its balance checked (see lockAccount), and the decision is one guarded UPDATE: of two
 * approvals at once, from two processes, the second sees the first's payment (or its decision).
 */
export async function decideRequestIn(tx: Tx, id: number, deciderId: number, d: RequestDecision, now: Date): Promise<StaffDecision> {
  const first = await requestById(tx, id);
  if (!first || first.status !== "awaiting_staff") return { ok: false, row: first };
  const balance = await lockAccount(tx, first.accountId);
  const before = (await requestById(tx, id))!;
  if (before.status !== "awaiting_staff") return { ok: false, row: before };
  if (d.approve && balance < before.amountCents) return { ok: false, short: true, row: before, balance };
  const decided = await tx.run(
    `UPDATE "RebateRequest" SET "status" = ?, "decidedById" = ?, "decidedAt" = ?, "reason" = ? WHERE "id" = ? AND "status" = 'awaiting_staff'`,
    d.approve ? "approved" : "denied",
    deciderId,
    now,
    d.approve ? null : d.reason,
    id,
  );
  if (!decided.changes) return { ok: false, row: await requestById(tx, id) };
  if (!d.approve) {
    await addEvent(tx, "request", id, "denied", deciderId, now, d.reason);
    return { ok: true, row: (await requestById(tx, id))! };
  }
  const entry: NewEntry = {
    subLocalCode: before.subLocalCode,
    kind: "disbursement",
    postedOn: d.postedOn,
    amountCents: -before.amountCents,
    description: d.description,
    externalRef: `request:${id}`,
    recordedById: deciderId,
    recordedBy: `person:${deciderId}`,
  };
  const [entryId] = await postEntriesIn(tx, [entry], now, { today: d.postedOn });
  await tx.run(`UPDATE "RebateRequest" SET "entryId" = ? WHERE "id" = ?`, entryId, id);
  await addEvent(tx, "request", id, "approved", deciderId, now, `entry:${entryId}`);
  return { ok: true, row: (await requestById(tx, id))! };
}

/**
 * Staff approval records the disbursement entry in the same transaction; refused (nothing
 * written) when the balance no longer covers it. Denial records the reason.
 */
export function decideRequest(store: DataStore, id: number, deciderId: number, d: RequestDecision, now: Date): Promise<StaffDecision> {
  return transaction(store, (tx) => decideRequestIn(tx, id, deciderId, d, now));
}

export async function requestsWhere(db: Db, q: { accountIds?: readonly number[]; statuses?: readonly RequestStatus[]; limit: number }): Promise<RequestRow[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  if (q.accountIds) {
    if (q.accountIds.length === 0) return [];
    where.push(`r."accountId" IN (${q.accountIds.map(() => "?").join(",")})`);
    params.push(...q.accountIds);
  }
  if (q.statuses) {
    where.push(`r."status" IN (${q.statuses.map(() => "?").join(",")})`);
    params.push(...q.statuses);
  }
  return db.all<RequestRow>(`${REQUEST} ${where.length ? `WHERE ${where.join(" AND ")}` : ""} ORDER BY r."id" DESC LIMIT ?`, ...params, q.limit);
}

// ---- Disputes ------------------------------------------------------------------------------------

export type DisputeStatus = "open" | "under_review" | "adjusted" | "upheld";
export const OPEN_DISPUTE: readonly DisputeStatus[] = ["open", "under_review"];

export interface DisputeRow {
  id: number;
  accountId: number;
  subLocalCode: string;
  entryId: number;
  requesterId: number;
  problem: string;
  expectedCents: number | null;
  status: DisputeStatus;
  reviewerId: number | null;
  reason: string | null;
  correctingEntryId: number | null;
  lastActivityAt: string;
  resolvedAt: string | null;
  createdAt: string;
}

const DISPUTE = `SELECT d."id", d."accountId", a."subLocalCode", d."entryId", d."requesterId", d."problem", d."expectedCents", d."status", d."reviewerId", d."reason",
  d."correctingEntryId", d."lastActivityAt", d."resolvedAt", d."createdAt"
  FROM "RebateDispute" d JOIN "RebateAccount" a ON a."id" = d."accountId"`;

export type NewDispute = { accountId: number; entryId: number; requesterId: number; problem: string; expectedCents: number | null };

export async function createDisputeIn(tx: Tx, d: NewDispute, now: Date): Promise<number> {
  const row = await tx.one<{ id: number }>(
    `INSERT INTO "RebateDispute" ("accountId", "entryId", "requesterId", "problem", "expectedCents", "status", "lastActivityAt", "createdAt") VALUES (?, ?, ?, ?, ?, 'open', ?, ?) RETURNING "id"`,
    d.accountId,
    d.entryId,
    d.requesterId,
    d.problem,
    d.expectedCents,
    now,
    now,
  );
  const id = Number(row!.id);
  await addEvent(tx, "dispute", id, "opened", d.requesterId, now);
  return id;
}

export function createDispute(store: DataStore, d: NewDispute, now: Date): Promise<number> {
  return transaction(store, (tx) => createDisputeIn(tx, d, now));
}

export function disputeById(db: Db, id: number): Promise<DisputeRow | undefined> {
  return db.one<DisputeRow>(`${DISPUTE} WHERE d."id" = ?`, id);
}

export function openDisputeOnEntry(db: Db, entryId: number): Promise<DisputeRow | undefined> {
  return db.one<DisputeRow>(`${DISPUTE} WHERE d."entryId" = ? AND d."status" IN ('open', 'under_review')`, entryId);
}

export async function startReviewIn(tx: Tx, id: number, reviewerId: number, now: Date): Promise<Decided<DisputeRow>> {
  const { changes } = await tx.run(`UPDATE "RebateDispute" SET "status" = 'under_review', "reviewerId" = ?, "lastActivityAt" = ? WHERE "id" = ? AND "status" = 'open'`, reviewerId, now, id);
  if (changes) await addEvent(tx, "dispute", id, "under_review", reviewerId, now);
  const row = await disputeById(tx, id);
  return changes ? { ok: true, row: row! } : { ok: false, row };
}

export function startReview(store: DataStore, id: number, reviewerId: number, now: Date): Promise<Decided<DisputeRow>> {
  return transaction(store, (tx) => startReviewIn(tx, id, reviewerId, now));
}

/** Resolves a dispute: adjusted (with the correcting entry, posted in the same transaction) or upheld. */
export type Resolution = { outcome: "adjusted"; amountCents: number; postedOn: string; description: string; note: string | null } | { outcome: "upheld"; reason: string };

/**
 * Resolves a dispute in the caller's transaction: adjusted (with the correcting entry, posted in the
 * same transaction) or upheld. One guarded UPDATE decides it, so a second resolution changes
 * nothing and posts nothing.
 */
export async function resolveDisputeIn(tx: Tx, id: number, reviewerId: number, r: Resolution, now: Date, today?: string): Promise<Decided<DisputeRow>> {
  const before = await disputeById(tx, id);
  if (!before || !OPEN_DISPUTE.includes(before.status)) return { ok: false, row: before };
  const { changes } = await tx.run(
    `UPDATE "RebateDispute" SET "status" = ?, "reviewerId" = ?, "reason" = ?, "resolvedAt" = ?, "lastActivityAt" = ? WHERE "id" = ? AND "status" IN ('open', 'under_review')`,
    r.outcome,
    reviewerId,
    r.outcome === "upheld" ? r.reason : r.note,
    now,
    now,
    id,
  );
  if (!changes) return { ok: false, row: await disputeById(tx, id) };
  if (r.outcome === "upheld") await addEvent(tx, "dispute", id, "upheld", reviewerId, now, r.reason);
  else {
    const [entryId] = await postEntriesIn(
      tx,
      [{ subLocalCode: before.subLocalCode, kind: "adjustment", postedOn: r.postedOn, amountCents: r.amountCents, description: r.description, externalRef: `dispute:${id}`, correctsId: before.entryId, recordedById: reviewerId, recordedBy: `person:${reviewerId}` }],
      now,
      { today },
    );
    await tx.run(`UPDATE "RebateDispute" SET "correctingEntryId" = ? WHERE "id" = ?`, entryId, id);
    await addEvent(tx, "dispute", id, "adjusted", reviewerId, now, `entry:${entryId}`);
  }
  return { ok: true, row: (await disputeById(tx, id))! };
}

export function resolveDispute(store: DataStore, id: number, reviewerId: number, r: Resolution, now: Date, today?: string): Promise<Decided<DisputeRow>> {
  return transaction(store, (tx) => resolveDisputeIn(tx, id, reviewerId, r, now, today));
}

export async function disputesWhere(db: Db, q: { accountIds?: readonly number[]; statuses?: readonly DisputeStatus[]; limit: number }): Promise<DisputeRow[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  if (q.accountIds) {
    if (q.accountIds.length === 0) return [];
    where.push(`d."accountId" IN (${q.accountIds.map(() => "?").join(",")})`);
    params.push(...q.accountIds);
  }
  if (q.statuses) {
    where.push(`d."status" IN (${q.statuses.map(() => "?").join(",")})`);
    params.push(...q.statuses);
  }
  return db.all<DisputeRow>(`${DISPUTE} ${where.length ? `WHERE ${where.join(" AND ")}` : ""} ORDER BY d."id" DESC LIMIT ?`, ...params, q.limit);
}

// ---- Where staff get their cards -------------------------------------------------------------------

export interface TreasuryChannel {
  platform: string;
  workspaceId: string;
  channelId: string;
}

export function treasuryChannel(db: Db, platform: string): Promise<TreasuryChannel | undefined> {
  return db.one<TreasuryChannel>(`SELECT "platform", "workspaceId", "channelId" FROM "RebateChannel" WHERE "platform" = ?`, platform);
}

export async function setTreasuryChannel(db: Db, c: TreasuryChannel, byId: number, now: Date): Promise<void> {
  await db.run(
    `INSERT INTO "RebateChannel" ("platform", "workspaceId", "channelId", "setById", "setAt") VALUES (?, ?, ?, ?, ?)
     ON CONFLICT ("platform") DO UPDATE SET "workspaceId" = excluded."workspaceId", "channelId" = excluded."channelId", "setById" = excluded."setById", "setAt" = excluded."setAt"`,
    c.platform,
    c.workspaceId,
    c.channelId,
    byId,
    now,
  );
}

export async function clearTreasuryChannel(db: Db, platform: string): Promise<void> {
  await db.run(`DELETE FROM "RebateChannel" WHERE "platform" = ?`, platform);
}
