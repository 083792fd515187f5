// Treasury workflows on the ledger: statement requests, disbursement requests and disputes, their
// history, and where treasury staff get their cards. Every decision is one conditional UPDATE
// inside one transaction, so the first decision wins and a decision and its ledger entry commit
// together or not at all.
import { shiftPeriod } from "./periods.ts";
import { entriesBetween, postEntries, sumBefore, type EntryRow, type NewEntry } from "./rebate.ts";
import { all, one, run, transaction } from "./sql.ts";
import type { Store } from "./store.ts";
import { dbTime } from "./time.ts";

export type SubjectType = "statement" | "request" | "dispute";

export interface EventRow {
  id: number;
  action: string;
  actorId: number | null;
  note: string | null;
  at: string;
}

export function addEvent(store: Store, subjectType: SubjectType, subjectId: number, action: string, actorId: number | null, at: Date, note: string | null = null): void {
  run(store, `INSERT INTO "RebateEvent" ("subjectType", "subjectId", "action", "actorId", "note", "at") VALUES (?, ?, ?, ?, ?, ?)`, subjectType, subjectId, action, actorId, note, dbTime(at));
}

export function historyOf(store: Store, subjectType: SubjectType, subjectId: number): EventRow[] {
  return all<EventRow>(store, `SELECT "id", "action", "actorId", "note", "at" FROM "RebateEvent" WHERE "subjectType" = ? AND "subjectId" = ? ORDER BY "id"`, subjectType, subjectId);
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
function issue(store: Store, id: number, s: { accountId: number; fromDate: string; toDate: string }, now: Date, today: string): void {
  const figures: IssuedFigures = { openingCents: sumBefore(store, s.accountId, s.fromDate), entries: entriesBetween(store, s.accountId, s.fromDate, s.toDate) };
  const yesterday = shiftPeriod(today, -1);
  const closes = s.toDate < yesterday ? s.toDate : yesterday;
  run(store, `UPDATE "RebateStatement" SET "issuedAt" = ?, "figures" = ?, "closesThrough" = ? WHERE "id" = ? AND "figures" IS NULL`, dbTime(now), JSON.stringify(figures), closes >= s.fromDate ? closes : null, id);
}

/** A statement request (pending), or an automatic statement issued at once. `today` is the local day. */
export function createStatement(store: Store, s: { accountId: number; requesterId: number | null; fromDate: string; toDate: string; status: "pending" | "automatic" }, now: Date, today: string): number {
  return transaction(store, () => {
    const id = Number(
      run(store, `INSERT INTO "RebateStatement" ("accountId", "requesterId", "fromDate", "toDate", "status", "createdAt") VALUES (?, ?, ?, ?, ?, ?)`, s.accountId, s.requesterId, s.fromDate, s.toDate, s.status, dbTime(now))
        .lastInsertRowid,
    );
    addEvent(store, "statement", id, s.status === "automatic" ? "sent_automatically" : "requested", s.requesterId, now);
    if (s.status === "automatic") issue(store, id, s, now, today);
    return id;
  });
}

export function statementById(store: Store, id: number): StatementRow | undefined {
  return one<StatementRow>(store, `${STATEMENT} WHERE s."id" = ?`, id);
}

export function pendingStatements(store: Store): StatementRow[] {
  return all<StatementRow>(store, `${STATEMENT} WHERE s."status" = 'pending' ORDER BY s."id"`);
}

export type Decided<R> = { ok: true; row: R } | { ok: false; row: R | undefined };

/** Statements issued (approved or sent automatically) for these accounts, newest first. */
export function issuedStatements(store: Store, accountIds: readonly number[] | undefined, limit = 25): StatementRow[] {
  if (accountIds && accountIds.length === 0) return [];
  const where = accountIds ? `AND s."accountId" IN (${accountIds.map(() => "?").join(",")})` : "";
  return all<StatementRow>(store, `${STATEMENT} WHERE s."figures" IS NOT NULL ${where} ORDER BY s."id" DESC LIMIT ?`, ...(accountIds ?? []), limit);
}

/**
 * Approves (the statement is issued: its figures stored, its period closed) or denies (with the
 * reason) a pending statement request; one conditional UPDATE, so only the first decision counts.
 */
export function decideStatement(store: Store, id: number, deciderId: number, d: { approve: true; today: string } | { approve: false; reason: string }, now: Date): Decided<StatementRow> {
  return transaction(store, () => {
    const changed = run(
      store,
      `UPDATE "RebateStatement" SET "status" = ?, "decidedById" = ?, "decidedAt" = ?, "reason" = ? WHERE "id" = ? AND "status" = 'pending'`,
      d.approve ? "approved" : "denied",
      deciderId,
      dbTime(now),
      d.approve ? null : d.reason,
      id,
    ).changes;
    const before = statementById(store, id);
    if (!changed) return { ok: false, row: before };
    if (d.approve) issue(store, id, before!, now, d.today);
    addEvent(store, "statement", id, d.approve ? "approved" : "denied", deciderId, now, d.approve ? null : d.reason);
    return { ok: true, row: statementById(store, id)! };
  });
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
export function committedCents(store: Store, accountId: number): number {
  return (
    one<{ total: number | null }>(store, `SELECT SUM("amountCents") AS total FROM "RebateRequest" WHERE "accountId" = ? AND "status" IN ('awaiting_cosign', 'awaiting_staff')`, accountId)?.total ?? 0
  );
}

export function balanceOf(store: Store, accountId: number): number {
  return one<{ balanceCents: number }>(store, `SELECT "balanceCents" FROM "RebateAccount" WHERE "id" = ?`, accountId)?.balanceCents ?? 0;
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
export function createRequest(store: Store, r: NewRequest, now: Date): { ok: true; id: number } | { ok: false; balance: number; committed: number } {
  return transaction(store, () => {
    const balance = balanceOf(store, r.accountId);
    const committed = committedCents(store, r.accountId);
    if (r.amountCents > balance - committed) return { ok: false as const, balance, committed };
    const id = Number(
      run(
        store,
        `INSERT INTO "RebateRequest" ("accountId", "requesterId", "requesterOffice", "payee", "amountCents", "purpose", "neededBy", "receiptUrl", "status", "createdAt") VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'awaiting_cosign', ?)`,
        r.accountId,
        r.requesterId,
        r.requesterOffice,
        r.payee,
        r.amountCents,
        r.purpose,
        r.neededBy,
        r.receiptUrl,
        dbTime(now),
      ).lastInsertRowid,
    );
    addEvent(store, "request", id, "filed", r.requesterId, now);
    return { ok: true as const, id };
  });
}

export function requestById(store: Store, id: number): RequestRow | undefined {
  return one<RequestRow>(store, `${REQUEST} WHERE r."id" = ?`, id);
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
export function cosignRequest(store: Store, id: number, officerId: number, sign: boolean, now: Date, reason: string | null = null): Cosigned {
  return transaction(store, () => {
    const at = dbTime(now);
    const changed = run(
      store,
      `UPDATE "RebateRequest" SET "status" = ?, "cosignerId" = ?, "cosignerOffice" = (${HOLDS_SIGNING_OFFICE} ORDER BY ra."id" LIMIT 1), "cosignedAt" = ?, "reason" = ?
        WHERE "id" = ? AND "status" = 'awaiting_cosign' AND "requesterId" <> ? AND EXISTS (${HOLDS_SIGNING_OFFICE})`,
      sign ? "awaiting_staff" : "declined",
      officerId,
      officerId,
      at,
      at,
      at,
      sign ? null : reason,
      id,
      officerId,
      officerId,
      at,
      at,
    ).changes;
    if (changed) addEvent(store, "request", id, sign ? "cosigned" : "declined", officerId, now, reason);
    const row = requestById(store, id);
    if (changed) return { ok: true as const, row: row! };
    if (row?.status === "awaiting_cosign") return { ok: false as const, row, refused: row.requesterId === officerId ? ("requester" as const) : ("same_office" as const) };
    return { ok: false as const, row };
  });
}

/** The requester takes back a request nobody has decided yet; money promised to it is free again. */
export function withdrawRequest(store: Store, id: number, requesterId: number, now: Date, reason: string | null): Decided<RequestRow> {
  return transaction(store, () => {
    const changed = run(
      store,
      `UPDATE "RebateRequest" SET "status" = 'withdrawn', "decidedAt" = ?, "reason" = ? WHERE "id" = ? AND "requesterId" = ? AND "status" IN ('awaiting_cosign', 'awaiting_staff')`,
      dbTime(now),
      reason,
      id,
      requesterId,
    ).changes;
    if (changed) addEvent(store, "request", id, "withdrawn", requesterId, now, reason);
    const row = requestById(store, id);
    return changed ? { ok: true, row: row! } : { ok: false, row };
  });
}

export type StaffDecision = Decided<RequestRow> | { ok: false; short: true; row: RequestRow; balance: number };

/**
 * Staff approval records the disbursement entry in the same transaction; refused (nothing
 * written) when the balance no longer covers it. Denial records the reason.
 */
export function decideRequest(store: Store, id: number, deciderId: number, d: { approve: true; postedOn: string; description: string } | { approve: false; reason: string }, now: Date): StaffDecision {
  return transaction(store, () => {
    const before = requestById(store, id);
    if (!before || before.status !== "awaiting_staff") return { ok: false as const, row: before };
    if (!d.approve) {
      run(store, `UPDATE "RebateRequest" SET "status" = 'denied', "decidedById" = ?, "decidedAt" = ?, "reason" = ? WHERE "id" = ? AND "status" = 'awaiting_staff'`, deciderId, dbTime(now), d.reason, id);
      addEvent(store, "request", id, "denied", deciderId, now, d.reason);
      return { ok: true as const, row: requestById(store, id)! };
    }
    const balance = balanceOf(store, before.accountId);
    if (balance < before.amountCents) return { ok: false as const, short: true as const, row: before, balance };
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
    const [entryId] = postEntries(store, [entry], now, { today: d.postedOn });
    run(store, `UPDATE "RebateRequest" SET "status" = 'approved', "decidedById" = ?, "decidedAt" = ?, "entryId" = ? WHERE "id" = ? AND "status" = 'awaiting_staff'`, deciderId, dbTime(now), entryId, id);
    addEvent(store, "request", id, "approved", deciderId, now, `entry:${entryId}`);
    return { ok: true as const, row: requestById(store, id)! };
  });
}

export function requestsWhere(store: Store, q: { accountIds?: readonly number[]; statuses?: readonly RequestStatus[]; limit: number }): RequestRow[] {
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
  return all<RequestRow>(store, `${REQUEST} ${where.length ? `WHERE ${where.join(" AND ")}` : ""} ORDER BY r."id" DESC LIMIT ?`, ...params, q.limit);
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

export function createDispute(store: Store, d: { accountId: number; entryId: number; requesterId: number; problem: string; expectedCents: number | null }, now: Date): number {
  return transaction(store, () => {
    const at = dbTime(now);
    const id = Number(
      run(
        store,
        `INSERT INTO "RebateDispute" ("accountId", "entryId", "requesterId", "problem", "expectedCents", "status", "lastActivityAt", "createdAt") VALUES (?, ?, ?, ?, ?, 'open', ?, ?)`,
        d.accountId,
        d.entryId,
        d.requesterId,
        d.problem,
        d.expectedCents,
        at,
        at,
      ).lastInsertRowid,
    );
    addEvent(store, "dispute", id, "opened", d.requesterId, now);
    return id;
  });
}

export function disputeById(store: Store, id: number): DisputeRow | undefined {
  return one<DisputeRow>(store, `${DISPUTE} WHERE d."id" = ?`, id);
}

export function openDisputeOnEntry(store: Store, entryId: number): DisputeRow | undefined {
  return one<DisputeRow>(store, `${DISPUTE} WHERE d."entryId" = ? AND d."status" IN ('open', 'under_review')`, entryId);
}

export function startReview(store: Store, id: number, reviewerId: number, now: Date): Decided<DisputeRow> {
  return transaction(store, () => {
    const changed = run(store, `UPDATE "RebateDispute" SET "status" = 'under_review', "reviewerId" = ?, "lastActivityAt" = ? WHERE "id" = ? AND "status" = 'open'`, reviewerId, dbTime(now), id).changes;
    if (changed) addEvent(store, "dispute", id, "under_review", reviewerId, now);
    const row = disputeById(store, id);
    return changed ? { ok: true, row: row! } : { ok: false, row };
  });
}

/** Resolves a dispute: adjusted (with the correcting entry, posted in the same transaction) or upheld. */
export function resolveDispute(
  store: Store,
  id: number,
  reviewerId: number,
  r: { outcome: "adjusted"; amountCents: number; postedOn: string; description: string; note: string | null } | { outcome: "upheld"; reason: string },
  now: Date,
  today?: string,
): Decided<DisputeRow> {
  return transaction(store, () => {
    const before = disputeById(store, id);
    if (!before || !OPEN_DISPUTE.includes(before.status)) return { ok: false as const, row: before };
    const at = dbTime(now);
    if (r.outcome === "upheld") {
      run(store, `UPDATE "RebateDispute" SET "status" = 'upheld', "reviewerId" = ?, "reason" = ?, "resolvedAt" = ?, "lastActivityAt" = ? WHERE "id" = ?`, reviewerId, r.reason, at, at, id);
      addEvent(store, "dispute", id, "upheld", reviewerId, now, r.reason);
    } else {
      const [entryId] = postEntries(
        store,
        [{ subLocalCode: before.subLocalCode, kind: "adjustment", postedOn: r.postedOn, amountCents: r.amountCents, description: r.description, externalRef: `dispute:${id}`, correctsId: before.entryId, recordedById: reviewerId, recordedBy: `person:${reviewerId}` }],
        now,
        { today },
      );
      run(store, `UPDATE "RebateDispute" SET "status" = 'adjusted', "reviewerId" = ?, "reason" = ?, "correctingEntryId" = ?, "resolvedAt" = ?, "lastActivityAt" = ? WHERE "id" = ?`, reviewerId, r.note, entryId, at, at, id);
      addEvent(store, "dispute", id, "adjusted", reviewerId, now, `entry:${entryId}`);
    }
    return { ok: true as const, row: disputeById(store, id)! };
  });
}

export function disputesWhere(store: Store, q: { accountIds?: readonly number[]; statuses?: readonly DisputeStatus[]; limit: number }): DisputeRow[] {
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
  return all<DisputeRow>(store, `${DISPUTE} ${where.length ? `WHERE ${where.join(" AND ")}` : ""} ORDER BY d."id" DESC LIMIT ?`, ...params, q.limit);
}

// ---- Where staff get their cards -------------------------------------------------------------------

export interface TreasuryChannel {
  platform: string;
  workspaceId: string;
  channelId: string;
}

export function treasuryChannel(store: Store, platform: string): TreasuryChannel | undefined {
  return one<TreasuryChannel>(store, `SELECT "platform", "workspaceId", "channelId" FROM "RebateChannel" WHERE "platform" = ?`, platform);
}

export function setTreasuryChannel(store: Store, c: TreasuryChannel, byId: number, now: Date): void {
  run(
    store,
    `INSERT INTO "RebateChannel" ("platform", "workspaceId", "channelId", "setById", "setAt") VALUES (?, ?, ?, ?, ?)
     ON CONFLICT ("platform") DO UPDATE SET "workspaceId" = excluded."workspaceId", "channelId" = excluded."channelId", "setById" = excluded."setById", "setAt" = excluded."setAt"`,
    c.platform,
    c.workspaceId,
    c.channelId,
    byId,
    dbTime(now),
  );
}

export function clearTreasuryChannel(store: Store, platform: string): void {
  run(store, `DELETE FROM "RebateChannel" WHERE "platform" = ?`, platform);
}
