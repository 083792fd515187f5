// The treasury's statements on both engines (SQLite and a real PostgreSQL): accounts and the ledger's
// postings with their refusals, statements issued and their periods closed, payment requests with
// their two signatures and staff's decision, disputes and their corrections, the staff channel.
// Then the races the account's row lock exists for, on PostgreSQL through two stores (two connection
// pools, as two bot processes would have) on the same database: two approvals that together exceed
// the balance, and one request approved twice at once.
import { expect, it } from "vitest";
import { data, transaction, type Db } from "../../db/data.ts";
import {
  accountByCode,
  balanceCheck,
  balancesOf,
  closedThrough,
  correctionsOf,
  ensureAccount,
  entriesBetween,
  entryByRef,
  existingRefs,
  holderIds,
  lastEntriesOfKind,
  listAccounts,
  postEntries,
  PostingRefusedError,
  setAutoStatement,
  signersOf,
  subLocalInfo,
  sumBefore,
  totalsByKind,
  type NewEntry,
} from "../../db/rebate.ts";
import {
  clearTreasuryChannel,
  committedCents,
  cosignRequest,
  createDispute,
  createRequest,
  createStatement,
  decideRequest,
  decideRequestIn,
  decideStatement,
  disputeById,
  disputesWhere,
  historyOf,
  issuedFigures,
  issuedStatements,
  openDisputeOnEntry,
  pendingStatements,
  requestById,
  requestsWhere,
  resolveDispute,
  startReview,
  statementById,
  setTreasuryChannel,
  treasuryChannel,
  withdrawRequest,
} from "../../db/rebate-requests.ts";
import { openStore, type Store } from "../../db/store.ts";
import { describeOnBothEngines } from "../helpers/both-engines.ts";

const now = new Date("2026-11-23T17:00:00.000Z");
const TODAY = "2026-11-23";
const entry = (code: string, postedOn: string, amountCents: number, more: Partial<NewEntry> = {}): NewEntry => ({
  subLocalCode: code,
  kind: amountCents < 0 ? "transfer" : "deposit",
  postedOn,
  amountCents,
  description: "test",
  recordedBy: "test",
  ...more,
});

async function person(db: Db, n: string, last: string): Promise<number> {
  return (await db.one<{ id: number }>(`INSERT INTO "Person" ("memberNumber", "firstName", "lastName", "updatedAt") VALUES (?, 'Test', ?, ?) RETURNING "id"`, n, last, now))!.id;
}

async function role(db: Db, personId: number, r: string, office: string | null, scopeType: string, scopeId: string | null): Promise<void> {
  await db.run(`INSERT INTO "RoleAssignment" ("personId", "role", "office", "scopeType", "scopeId", "startsAt") VALUES (?, ?, ?, ?, ?, ?)`, personId, r, office, scopeType, scopeId, new Date("2026-01-01T00:00:00.000Z"));
}

/** A sub-local with its treasurer and president, and a deposit of `cents`. */
async function subLocal(store: Store, code: string, cents: number): Promise<{ treasurer: number; president: number }> {
  const db = data(store);
  await db.run(`INSERT INTO "SubLocal" ("code", "name", "employerGroup", "region", "createdAt") VALUES (?, ?, 'Human Services', 'Mid-Valley', ?)`, code, `Sub-local ${code}`, now);
  const treasurer = await person(db, `${code}-t`, "Treasurer");
  const president = await person(db, `${code}-p`, "President");
  await role(db, treasurer, "sublocal_officer", "treasurer", "sublocal", code);
  await role(db, president, "sublocal_officer", "president", "sublocal", code);
  if (cents) await postEntries(store, [entry(code, "2026-11-01", cents, { externalRef: `${code}:opening` })], now);
  return { treasurer, president };
}

/** A request filed by the treasurer and co-signed by the president: waiting for staff. */
async function signedRequest(store: Store, code: string, who: { treasurer: number; president: number }, amountCents: number): Promise<number> {
  const account = (await accountByCode(data(store), code))!;
  const filed = await createRequest(store, { accountId: account.id, requesterId: who.treasurer, requesterOffice: "treasurer", payee: "Print shop", amountCents, purpose: "Flyers", neededBy: "2026-12-10", receiptUrl: null }, now);
  if (!filed.ok) throw new Error("not filed");
  expect(await cosignRequest(store, filed.id, who.president, true, now)).toMatchObject({ ok: true, row: { status: "awaiting_staff" } });
  return filed.id;
}

/**
 * Two signed requests of $60.00 on an account of $100.00: the second was filed while a $60.00 loan
 * stood in the account, repaid since (as an import with --allow-negative leaves it), so together
 * they ask for more than the balance and only staff's approval stands between them and an overdraft.
 */
async function overPromised(store: Store, code: string): Promise<{ a: number; b: number }> {
  const who = await subLocal(store, code, 10_000);
  const a = await signedRequest(store, code, who, 6_000);
  await postEntries(store, [entry(code, TODAY, 6_000, { externalRef: `${code}:loan` })], now);
  const b = await signedRequest(store, code, who, 6_000);
  await postEntries(store, [entry(code, TODAY, -6_000, { externalRef: `${code}:repaid` })], now);
  return { a, b };
}

describeOnBothEngines("treasury", ({ engine, skip, store }) => {
  it.skipIf(skip)("accounts and postings: the running balance kept by the database, every refusal writing nothing, corrections by reference", async () => {
    const db = data(store());
    await subLocal(store(), "SL-1", 0);
    const a = await ensureAccount(db, "SL-1", now);
    expect(a).toMatchObject({ subLocalCode: "SL-1", balanceCents: 0, entryCount: 0, autoStatement: 0 });
    expect((await ensureAccount(db, "SL-1", now)).id).toBe(a.id);
    const ids = await postEntries(
      store(),
      [entry("SL-1", "2026-01-10", 30_000, { externalRef: "R-1" }), entry("SL-1", "2026-03-10", 20_000, { externalRef: "R-2" }), entry("SL-1", "2026-02-10", -5_000, { kind: "reimbursement", externalRef: "R-3" })],
      now,
      { today: TODAY },
    );
    expect(ids).toHaveLength(3);
    expect(await balanceCheck(db, a.id)).toEqual({ stored: 45_000, summed: 45_000, count: 3, entries: 3 });
    // A correction naming its entry by reference; a reference unknown is refused.
    const [fix] = await postEntries(store(), [entry("SL-1", "2026-03-11", -500, { kind: "adjustment", correctsRef: "R-2", externalRef: "R-4" })], now);
    expect((await correctionsOf(db, ids[1]!)).map((e) => e.id)).toEqual([fix]);
    await expect(postEntries(store(), [entry("SL-1", "2026-03-12", 1, { kind: "adjustment", correctsRef: "nowhere" })], now)).rejects.toThrow(/no entry with reference nowhere/);
    // Refusals at the edge: nothing of the posting is written.
    for (const [bad, code] of [
      [[entry("SL-1", "2026-11-20", 100), entry("SL-1", "1999-12-31", 100)], "tooEarly"],
      [[entry("SL-1", "2026-11-24", 100)], "future"],
      [[entry("SL-1", "2026-11-20", -44_501)], "negative"],
    ] as const) {
      const r = await postEntries(store(), bad, now, { today: TODAY }).catch((e: unknown) => e);
      expect(r).toBeInstanceOf(PostingRefusedError);
      expect((r as PostingRefusedError).refusal.code).toBe(code);
    }
    // A floor read under the account's lock (an import: what is promised to open requests).
    const floorCents = async (_tx: unknown, accountId: number) => (accountId === a.id ? 500 : 0);
    const short = await postEntries(store(), [entry("SL-1", "2026-11-20", -44_001)], now, { floorCents }).catch((e: unknown) => e);
    expect((short as PostingRefusedError).refusal).toEqual({ code: "promised", balanceCents: 499, promisedCents: 500 });
    expect(await balanceCheck(db, a.id)).toEqual({ stored: 44_500, summed: 44_500, count: 4, entries: 4 });
    await postEntries(store(), [entry("SL-1", "2026-11-20", -44_501)], now, { allowNegative: true, floorCents });
    expect((await accountByCode(db, "SL-1"))!.balanceCents).toBe(-1);
    // Reads.
    expect((await entryByRef(db, "R-3"))).toMatchObject({ kind: "reimbursement", amountCents: -5_000, postedOn: "2026-02-10" });
    expect([...(await existingRefs(db, ["R-1", "R-3", "R-9"]))].sort()).toEqual(["R-1", "R-3"]);
    expect(await sumBefore(db, a.id, "2026-03-01")).toBe(25_000);
    expect((await entriesBetween(db, a.id, "2026-02-01", "2026-03-31")).map((e) => e.externalRef)).toEqual(["R-3", "R-2", "R-4"]);
    expect(await totalsByKind(db, a.id, "2026-01-01", "2026-12-31")).toEqual({ deposit: 50_000, reimbursement: -5_000, adjustment: -500, transfer: -44_501 });
    expect((await lastEntriesOfKind(db, a.id, "deposit", 1)).map((e) => e.externalRef)).toEqual(["R-2"]);
    expect(await balancesOf(db, ["SL-1", "NO-1"])).toEqual(new Map([["SL-1", -1]]));
    expect((await listAccounts(db)).map((x) => x.subLocalCode)).toContain("SL-1");
    expect(await subLocalInfo(db, "SL-1")).toEqual({ code: "SL-1", name: "Sub-local SL-1", employerGroup: "Human Services", region: "Mid-Valley" });
    await setAutoStatement(db, a.id, true);
    expect((await accountByCode(db, "SL-1"))!.autoStatement).toBe(1);
    await setAutoStatement(db, a.id, false);
    expect((await accountByCode(db, "SL-1"))!.autoStatement).toBe(0);
    // The ledger is append-only whatever the door.
    await expect(db.run(`UPDATE "RebateEntry" SET "amountCents" = 1 WHERE "externalRef" = 'R-1'`)).rejects.toThrow(/never changed/);
    await expect(db.run(`DELETE FROM "RebateEntry" WHERE "externalRef" = 'R-1'`)).rejects.toThrow(/never deleted/);
  });

  it.skipIf(skip)("statements: issued with frozen figures, the period closed to every posting, decided once", async () => {
    const db = data(store());
    const who = await subLocal(store(), "SL-2", 10_000);
    const account = (await accountByCode(db, "SL-2"))!;
    const id = await createStatement(store(), { accountId: account.id, requesterId: who.treasurer, fromDate: "2026-11-01", toDate: "2026-11-30", status: "pending" }, now, TODAY);
    expect((await pendingStatements(db)).map((s) => s.id)).toContain(id);
    const decided = await decideStatement(store(), id, who.president, { approve: true, today: TODAY }, now);
    expect(decided).toMatchObject({ ok: true, row: { status: "approved", closesThrough: "2026-11-22", subLocalCode: "SL-2" } });
    expect(issuedFigures(decided.row!)).toMatchObject({ openingCents: 0, entries: [{ externalRef: "SL-2:opening", amountCents: 10_000 }] });
    expect((await statementById(db, id))!.issuedAt).toMatch(/^2026-11-23T17:00:00\.000/);
    expect(await decideStatement(store(), id, who.president, { approve: false, reason: "again" }, now)).toMatchObject({ ok: false, row: { status: "approved" } });
    expect(await closedThrough(db, account.id)).toEqual({ statementId: id, closesThrough: "2026-11-22" });
    const closed = await postEntries(store(), [entry("SL-2", "2026-11-22", 100)], now).catch((e: unknown) => e);
    expect(closed).toMatchObject({ refusal: { code: "closed", statementId: id } });
    await postEntries(store(), [entry("SL-2", TODAY, 100)], now, { today: TODAY });
    await expect(db.run(`UPDATE "RebateStatement" SET "figures" = '{}' WHERE "id" = ?`, id)).rejects.toThrow(/never changes/);
    // Sent automatically: issued at once.
    const auto = await createStatement(store(), { accountId: account.id, requesterId: null, fromDate: "2026-10-01", toDate: "2026-10-31", status: "automatic" }, now, TODAY);
    expect((await issuedStatements(db, [account.id])).map((s) => s.id)).toEqual([auto, id]);
    expect((await historyOf(db, "statement", id)).map((e) => e.action)).toEqual(["requested", "approved"]);
    expect((await historyOf(db, "statement", auto)).map((e) => e.action)).toEqual(["sent_automatically"]);
  });

  it.skipIf(skip)("payment requests: the available balance, two signatures from two offices, staff's decision with its entry, withdrawal", async () => {
    const db = data(store());
    const who = await subLocal(store(), "SL-3", 10_000);
    const account = (await accountByCode(db, "SL-3"))!;
    const file = (amountCents: number) =>
      createRequest(store(), { accountId: account.id, requesterId: who.treasurer, requesterOffice: "treasurer", payee: "Print shop", amountCents, purpose: "Flyers", neededBy: "2026-12-10", receiptUrl: null }, now);
    const a = await file(6_000);
    expect(a.ok).toBe(true);
    expect(await file(4_001)).toEqual({ ok: false, balance: 10_000, committed: 6_000 });
    const b = await file(4_000);
    if (!a.ok || !b.ok) throw new Error("not filed");
    expect(await committedCents(db, account.id)).toBe(10_000);
    // The requester never co-signs; only the other office does.
    expect(await cosignRequest(store(), a.id, who.treasurer, true, now)).toMatchObject({ ok: false, refused: "requester" });
    expect(await cosignRequest(store(), a.id, who.president, true, now)).toMatchObject({ ok: true, row: { status: "awaiting_staff", cosignerOffice: "president" } });
    expect(await cosignRequest(store(), a.id, who.president, true, now)).toMatchObject({ ok: false, row: { status: "awaiting_staff" } });
    expect((await signersOf(db, "SL-3", now)).map((s) => s.office)).toEqual(["treasurer", "president"]);
    const staff = await person(db, "SL-3-s", "Staff");
    await role(db, staff, "staff", null, "statewide", null);
    expect(await holderIds(db, "staff", now)).toContain(staff);
    const approved = await decideRequest(store(), a.id, staff, { approve: true, postedOn: TODAY, description: "Print shop: Flyers" }, now);
    expect(approved).toMatchObject({ ok: true, row: { status: "approved", decidedById: staff } });
    expect(await entryByRef(db, `request:${a.id}`)).toMatchObject({ id: approved.row!.entryId, kind: "disbursement", amountCents: -6_000, recordedById: staff });
    expect((await accountByCode(db, "SL-3"))!.balanceCents).toBe(4_000);
    expect(await withdrawRequest(store(), b.id, who.president, now, null)).toMatchObject({ ok: false });
    expect(await withdrawRequest(store(), b.id, who.treasurer, now, "Paid elsewhere")).toMatchObject({ ok: true, row: { status: "withdrawn", reason: "Paid elsewhere" } });
    expect(await committedCents(db, account.id)).toBe(0);
    expect((await requestsWhere(db, { accountIds: [account.id], limit: 10 })).map((r) => [r.id, r.status])).toEqual([
      [b.id, "withdrawn"],
      [a.id, "approved"],
    ]);
    expect((await historyOf(db, "request", a.id)).map((e) => e.action)).toEqual(["filed", "cosigned", "approved"]);
    const c = await signedRequest(store(), "SL-3", who, 1_000);
    expect(await decideRequest(store(), c, staff, { approve: false, reason: "No receipt" }, now)).toMatchObject({ ok: true, row: { status: "denied", reason: "No receipt" } });
    expect(await decideRequest(store(), c, staff, { approve: true, postedOn: TODAY, description: "x" }, now)).toMatchObject({ ok: false, row: { status: "denied" } });
    expect(await requestById(db, c)).toMatchObject({ entryId: null });
  });

  it.skipIf(skip)("disputes: review, a correction posted with its resolution, kept as is; the staff channel", async () => {
    const db = data(store());
    const who = await subLocal(store(), "SL-4", 10_000);
    const account = (await accountByCode(db, "SL-4"))!;
    const charged = (await entryByRef(db, "SL-4:opening"))!;
    const id = await createDispute(store(), { accountId: account.id, entryId: charged.id, requesterId: who.treasurer, problem: "Should be 101.00", expectedCents: 10_100 }, now);
    expect((await openDisputeOnEntry(db, charged.id))!.id).toBe(id);
    expect(await startReview(store(), id, who.president, now)).toMatchObject({ ok: true, row: { status: "under_review" } });
    expect(await startReview(store(), id, who.president, now)).toMatchObject({ ok: false });
    const r = await resolveDispute(store(), id, who.president, { outcome: "adjusted", amountCents: 100, postedOn: TODAY, description: "Correction", note: "Bank fee" }, now, TODAY);
    expect(r).toMatchObject({ ok: true, row: { status: "adjusted", reason: "Bank fee" } });
    expect(await entryByRef(db, `dispute:${id}`)).toMatchObject({ id: r.row!.correctingEntryId, kind: "adjustment", amountCents: 100, correctsId: charged.id });
    expect(await resolveDispute(store(), id, who.president, { outcome: "upheld", reason: "again" }, now)).toMatchObject({ ok: false, row: { status: "adjusted" } });
    expect(await openDisputeOnEntry(db, charged.id)).toBeUndefined();
    const kept = await createDispute(store(), { accountId: account.id, entryId: charged.id, requesterId: who.treasurer, problem: "Still wrong", expectedCents: null }, now);
    expect(await resolveDispute(store(), kept, who.president, { outcome: "upheld", reason: "Matches the bank" }, now)).toMatchObject({ ok: true, row: { status: "upheld", correctingEntryId: null } });
    expect((await disputesWhere(db, { accountIds: [account.id], limit: 5 })).map((d) => [d.id, d.status])).toEqual([
      [kept, "upheld"],
      [id, "adjusted"],
    ]);
    expect((await disputeById(db, id))!.resolvedAt).toMatch(/^2026-11-23T17:00:00\.000/);
    expect((await balanceCheck(db, account.id)).stored).toBe(10_100);
    await setTreasuryChannel(db, { platform: "slack", workspaceId: "T1", channelId: "C1" }, who.president, now);
    await setTreasuryChannel(db, { platform: "slack", workspaceId: "T1", channelId: "C2" }, who.president, now);
    expect(await treasuryChannel(db, "slack")).toEqual({ platform: "slack", workspaceId: "T1", channelId: "C2" });
    await clearTreasuryChannel(db, "slack");
    expect(await treasuryChannel(db, "slack")).toBeUndefined();
  });

  it.skipIf(skip)("two approvals at once on one store, together more than the balance: one is paid, the other refused as short", async () => {
    const db = data(store());
    const staff = await person(db, "SL-5-s", "Staff");
    const { a, b } = await overPromised(store(), "SL-5");
    const results = await Promise.all([
      decideRequest(store(), a, staff, { approve: true, postedOn: TODAY, description: "a" }, now),
      decideRequest(store(), b, staff, { approve: true, postedOn: TODAY, description: "b" }, now),
    ]);
    // Which one is paid depends on which transaction locks the account first (on PostgreSQL the pool runs both at once).
    expect(results.map((r) => (r.ok ? "paid" : "short" in r ? "short" : "other")).sort()).toEqual(["paid", "short"]);
    expect((await accountByCode(db, "SL-5"))!.balanceCents).toBe(4_000);
  });

  it.skipIf(skip || engine !== "postgres")("two stores approve two requests that together exceed the balance at the same moment, 20 times: never overdrawn, exactly one paid", async () => {
    const first = store();
    // A second data layer with its own connection pool on the same database: as a second bot process.
    // Without the account's row lock (FOR UPDATE) both approvals read $100.00 and both go ahead: the
    // second payment is then refused by the ledger as an overdraft, in the first round.
    const second = await openStore((first.pool!.options as { connectionString: string }).connectionString);
    try {
      const db = data(first);
      const staff = await person(db, "race-s", "Staff");
      for (let round = 0; round < 20; round++) {
        const code = `RC-${round}`;
        const { a, b } = await overPromised(first, code);
        const results = await Promise.all([
          decideRequest(first, a, staff, { approve: true, postedOn: TODAY, description: "a" }, now),
          decideRequest(second, b, staff, { approve: true, postedOn: TODAY, description: "b" }, now),
        ]);
        expect(results.filter((r) => r.ok)).toHaveLength(1);
        expect(results.filter((r) => !r.ok && "short" in r)).toHaveLength(1);
        const account = (await accountByCode(db, code))!;
        expect(account.balanceCents).toBe(4_000);
        expect(await balanceCheck(db, account.id)).toMatchObject({ stored: 4_000, summed: 4_000 });
        const paid = await db.all(`SELECT "id" FROM "RebateEntry" WHERE "accountId" = ? AND "kind" = 'disbursement'`, account.id);
        expect(paid).toHaveLength(1);
      }
    } finally {
      await second.close();
    }
  }, 300_000);

  it.skipIf(skip || engine !== "postgres")("one request approved from two stores at the same moment, 20 times: decided once, one ledger entry", async () => {
    const first = store();
    const second = await openStore((first.pool!.options as { connectionString: string }).connectionString);
    try {
      const db = data(first);
      const [one, other] = [await person(db, "twice-1", "Staff"), await person(db, "twice-2", "Staff")];
      for (let round = 0; round < 20; round++) {
        const code = `TW-${round}`;
        const who = await subLocal(first, code, 10_000);
        const id = await signedRequest(first, code, who, 6_000);
        const results = await Promise.all([
          decideRequest(first, id, one, { approve: true, postedOn: TODAY, description: "one" }, now),
          transaction(second, (tx) => decideRequestIn(tx, id, other, { approve: true, postedOn: TODAY, description: "other" }, now)),
        ]);
        expect(results.filter((r) => r.ok)).toHaveLength(1);
        expect(await db.all(`SELECT "id" FROM "RebateEntry" WHERE "externalRef" = ?`, `request:${id}`)).toHaveLength(1);
        expect((await historyOf(db, "request", id)).filter((e) => e.action === "approved")).toHaveLength(1);
        expect((await accountByCode(db, code))!.balanceCents).toBe(4_000);
      }
    } finally {
      await second.close();
    }
  }, 300_000);
});
