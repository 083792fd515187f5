// Delivery de-duplication, once-only buttons and the tokens behind every button and form, and the
// member-record reads every command starts with (who is asking), on SQLite and on a real
// PostgreSQL: the same statements, the same answers. Then twenty bot processes (twenty
// stores on one database, each with its own connections) racing: for one delivery's claim, for one
// once-only button, and for the two buttons of one card; each time exactly one wins.
import { afterAll, beforeAll, expect, it } from "vitest";
import { data, transaction, type Db } from "../../db/data.ts";
import { CLAIM_LEASE_MS, claimKey, markKeyDoneIn, purgeExpiredKeys, recall, releaseKey, renewClaim, RESULT_TTL_MS, storeResult } from "../../db/idempotency.ts";
import { countPeople, peopleByWorkEmail, personById, personByNumber } from "../../db/people.ts";
import { openStore, type Store } from "../../db/store.ts";
import { consumedInGroup, consumeToken, createTokens, getToken, markTokenDoneIn, purgeExpiredTokens, renewTokenUse, setTokenResult, unconsumeToken, type TokenRow } from "../../db/tokens.ts";
import { materialize } from "../../commands/core/render.ts";
import { reply } from "../../commands/core/reply.ts";
import { describeOnBothEngines } from "../helpers/both-engines.ts";

const T0 = new Date("2026-12-07T10:00:00.000Z");
const at = (ms: number) => new Date(T0.getTime() + ms);
const PROCESSES = 20;

describeOnBothEngines("claims and tokens", ({ engine, skip, store }) => {
  /** Twenty more stores on the same database: as many bot processes, each with its own connections. */
  let others: Store[] = [];
  beforeAll(async () => {
    if (skip) return;
    const url = engine === "postgres" ? (store().pool!.options as { connectionString: string }).connectionString : `file:${store().file}`;
    others = await Promise.all(Array.from({ length: PROCESSES }, () => openStore(url)));
    // Each opens its connection now, so the races below race statements, not connecting.
    await Promise.all(others.map((s) => data(s).one(`SELECT 1 AS "one"`)));
  }, 120_000);
  afterAll(async () => {
    await Promise.all(others.map((s) => s.close()));
  });
  const db = (): Db => data(store());
  const inAll = <T>(work: (db: Db, i: number) => Promise<T>) => Promise.all(others.map((s, i) => work(data(s), i)));

  it.skipIf(skip)("a delivery's claim: held for its lease, taken over after it, settled in the work's transaction, remembered, purged", async () => {
    expect(await claimKey(db(), "cmd:slack:1", "cmd:slack", T0)).toBe(true);
    expect(await claimKey(db(), "cmd:slack:1", "cmd:slack", at(CLAIM_LEASE_MS - 1))).toBe(false);
    expect(await recall(db(), "cmd:slack:1")).toEqual({ result: null, createdAt: "2026-12-07T10:00:00.000+00:00" });
    // A renewal moves the lease: not taken over when the first lease would have ended.
    await renewClaim(db(), "cmd:slack:1", at(10_000));
    expect(await claimKey(db(), "cmd:slack:1", "cmd:slack", at(CLAIM_LEASE_MS + 1))).toBe(false);
    expect(await claimKey(db(), "cmd:slack:1", "cmd:slack", at(10_000 + CLAIM_LEASE_MS + 1))).toBe(true);
    expect((await recall(db(), "cmd:slack:1"))!.createdAt).toBe(at(10_000 + CLAIM_LEASE_MS + 1).toISOString().replace("Z", "+00:00"));

    // The work commits: its claim is done with it, never given back nor taken over.
    await transaction(store(), (tx) => markKeyDoneIn(tx, "cmd:slack:1", T0));
    await releaseKey(db(), "cmd:slack:1");
    expect(await recall(db(), "cmd:slack:1")).toMatchObject({ result: "" });
    expect(await claimKey(db(), "cmd:slack:1", "cmd:slack", at(RESULT_TTL_MS - 1))).toBe(false);
    await storeResult(db(), "cmd:slack:1", '{"answer":1}', T0);
    expect((await recall(db(), "cmd:slack:1"))!.result).toBe('{"answer":1}');

    // A claim whose work failed is given back at once; a transaction that rolls back leaves it open.
    expect(await claimKey(db(), "cmd:slack:2", "cmd:slack", T0)).toBe(true);
    await transaction(store(), async (tx) => {
      await markKeyDoneIn(tx, "cmd:slack:2", T0);
      throw new Error("the work failed");
    }).catch(() => undefined);
    expect((await recall(db(), "cmd:slack:2"))!.result).toBeNull();
    await releaseKey(db(), "cmd:slack:2");
    expect(await recall(db(), "cmd:slack:2")).toBeUndefined();

    // Remembered for a week, then purged.
    expect(await purgeExpiredKeys(db(), at(RESULT_TTL_MS - 1))).toBe(0);
    expect(await purgeExpiredKeys(db(), at(RESULT_TTL_MS + 1))).toBe(1);
    expect(await recall(db(), "cmd:slack:1")).toBeUndefined();
  });

  it.skipIf(skip)("a reply's tokens: written by one statement in order, read back alike on both engines", async () => {
    const ids = await createTokens(db(), [
      { kind: "button", handler: "test.a", payload: { id: 7, note: "ü" }, once: true, groupId: "g-1", createdById: 4, now: T0 },
      { kind: "button", handler: "test.b", payload: null, now: T0 },
      { kind: "form", handler: "test.form", payload: undefined, ttlMs: 60_000, now: T0 },
    ]);
    expect(ids).toHaveLength(3);
    expect(new Set(ids).size).toBe(3);
    const [a, b, form] = await Promise.all(ids.map((id) => getToken(db(), id)));
    expect(a).toEqual({
      id: ids[0],
      kind: "button",
      handler: "test.a",
      payload: JSON.stringify({ id: 7, note: "ü" }),
      once: 1,
      groupId: "g-1",
      createdById: 4,
      createdAt: "2026-12-07T10:00:00.000+00:00",
      expiresAt: at(90 * 24 * 3600_000).toISOString().replace("Z", "+00:00"),
      consumedAt: null,
      consumedById: null,
      result: null,
    });
    expect(b).toMatchObject({ handler: "test.b", payload: "null", once: 0, groupId: null, createdById: null });
    expect(form).toMatchObject({ kind: "form", payload: "null", expiresAt: "2026-12-07T10:01:00.000+00:00" });
    expect(await getToken(db(), "no-such-token")).toBeUndefined();

    // More tokens than one statement takes are written in parts, all of them.
    const many = await createTokens(db(), Array.from({ length: 250 }, (_, i) => ({ kind: "button" as const, handler: `test.many.${i}`, payload: i, now: T0 })));
    const stored = await db().all<{ id: string; handler: string }>(`SELECT "id", "handler" FROM "InteractionToken" WHERE "handler" LIKE 'test.many.%'`);
    expect(new Map(stored.map((r) => [r.id, r.handler]))).toEqual(new Map(many.map((id, i) => [id, `test.many.${i}`])));
  });

  it.skipIf(skip)("materialize: ten buttons and a form, one group shared by the card's decisions", async () => {
    const card = {
      ...reply.private(
        reply.text("Ten ways to answer"),
        reply.buttons(
          { label: "Approve", action: "test.approve", payload: { id: 1 }, once: true, group: "decide" },
          { label: "Deny", action: "test.deny", payload: { id: 1 }, once: true, group: "decide" },
          ...Array.from({ length: 8 }, (_, i) => ({ label: `Open ${i}`, action: "test.open", payload: { n: i } })),
        ),
      ),
      form: { form: "test.form", title: "A form", submitLabel: "Send", fields: [], payload: { id: 1 } },
    };
    const rendered = await materialize(db(), card, 4, T0);
    const buttons = rendered.blocks.flatMap((b) => (b.type === "buttons" ? b.buttons : []));
    expect(buttons.map((b) => b.label)).toEqual(["Approve", "Deny", ...Array.from({ length: 8 }, (_, i) => `Open ${i}`)]);
    const rows = await Promise.all(buttons.map((b) => getToken(db(), b.token)));
    expect(rows.map((r) => r!.handler)).toEqual(["test.approve", "test.deny", ...Array.from({ length: 8 }, () => "test.open")]);
    expect(rows[0]!.groupId).not.toBeNull();
    expect(rows[1]!.groupId).toBe(rows[0]!.groupId);
    expect(rows.slice(2).every((r) => r!.groupId === null && r!.once === 0 && r!.createdById === 4)).toBe(true);
    expect(JSON.parse(rows[9]!.payload)).toEqual({ n: 7 });
    expect(await getToken(db(), rendered.form!.token)).toMatchObject({ kind: "form", handler: "test.form", payload: '{"id":1}' });
    expect(rendered.form).not.toHaveProperty("payload");
    // A reply without buttons or form writes nothing.
    const before = (await db().one<{ n: number }>(`SELECT COUNT(*) AS "n" FROM "InteractionToken"`))!.n;
    await materialize(db(), reply.private(reply.text("plain")), null, T0);
    expect((await db().one<{ n: number }>(`SELECT COUNT(*) AS "n" FROM "InteractionToken"`))!.n).toBe(before);
  });

  it.skipIf(skip)("member records: by id, by number, by work e-mail (any case, at most two), the count, with the sub-local", async () => {
    const [sl] = await db().all<{ id: number }>(`INSERT INTO "SubLocal" ("code", "name", "createdAt") VALUES ('SL-083', 'County Clerks', ?) RETURNING "id"`, T0);
    const add = async (n: string, first: string, email: string | null, o: { preferred?: string; cape?: boolean; subLocal?: boolean } = {}) =>
      (await db().one<{ id: number }>(
        `INSERT INTO "Person" ("memberNumber", "firstName", "lastName", "preferredName", "workEmail", "subLocalId", "membershipStatus", "capeContributor", "homeAddress", "createdAt", "updatedAt")
         VALUES (?, ?, 'Alvarez', ?, ?, ?, 'member', ?, 'sealed', ?, ?) RETURNING "id"`,
        n, first, o.preferred ?? null, email, o.subLocal ? sl!.id : null, o.cape ?? false, T0, T0,
      ))!.id;
    const maria = await add("100001", "María", "Maria.Alvarez@County.example", { preferred: "Mari", cape: true, subLocal: true });
    await add("100002", "Ana", "shared@county.example");
    await add("100003", "Luis", "SHARED@county.example");
    await add("100004", "Sam", "shared@county.example");
    expect(await personById(db(), maria)).toEqual({
      id: maria,
      memberNumber: "100001",
      firstName: "María",
      lastName: "Alvarez",
      preferredName: "Mari",
      workEmail: "Maria.Alvarez@County.example",
      workPhone: null,
      subLocalId: sl!.id,
      employer: null,
      employerGroup: null,
      region: null,
      worksite: null,
      classification: null,
      membershipStatus: "member",
      capeContributor: true,
      subLocal: { code: "SL-083", name: "County Clerks" },
    });
    // The sealed fields are never part of a record read here.
    expect(await personById(db(), maria)).not.toHaveProperty("homeAddress");
    expect(await personById(db(), 999_999)).toBeNull();
    expect(await personByNumber(db(), "100002")).toMatchObject({ firstName: "Ana", capeContributor: false, subLocal: null, subLocalId: null });
    expect(await personByNumber(db(), "999999")).toBeNull();
    expect((await peopleByWorkEmail(db(), "maria.alvarez@county.EXAMPLE")).map((p) => p.id)).toEqual([maria]);
    expect((await peopleByWorkEmail(db(), "shared@county.example")).map((p) => p.firstName)).toEqual(["Ana", "Luis"]);
    expect(await peopleByWorkEmail(db(), "nobody@county.example")).toEqual([]);
    expect(await countPeople(db())).toBe(4);
  });

  const card = async (group: string, n = 2): Promise<TokenRow[]> => {
    const ids = await createTokens(db(), Array.from({ length: n }, (_, i) => ({ kind: "button" as const, handler: `test.${i}`, payload: null, once: true, groupId: group, now: T0 })));
    return Promise.all(ids.map(async (id) => (await getToken(db(), id))!));
  };

  it.skipIf(skip)("once-only buttons: the first use of a card wins, a lapsed use is cleared, a finished one always counts", async () => {
    const [approve, deny] = await card("card-1");
    const [alone] = await createTokens(db(), [{ kind: "button", handler: "test.alone", payload: null, once: true, now: T0 }]);
    const single = (await getToken(db(), alone!))!;
    expect(await consumedInGroup(db(), approve!)).toBeUndefined();
    expect(await consumeToken(db(), approve!, 4, at(1000))).toBe(true);
    expect(await consumeToken(db(), approve!, 5, at(2000))).toBe(false);
    expect(await consumeToken(db(), deny!, 5, at(2000))).toBe(false);
    expect(await getToken(db(), approve!.id)).toMatchObject({ consumedById: 4, consumedAt: "2026-12-07T10:00:01.000+00:00" });
    expect((await getToken(db(), deny!.id))!.consumedAt).toBeNull();
    expect((await consumedInGroup(db(), deny!))!.id).toBe(approve!.id);
    // A button of no group stands alone.
    expect(await consumeToken(db(), single, 5, at(2000))).toBe(true);
    expect((await consumedInGroup(db(), single))!.consumedById).toBe(5);

    // Renewed while its work runs: it holds past the first lease.
    await renewTokenUse(db(), approve!.id, at(10_000));
    expect(await consumeToken(db(), deny!, 5, at(1000 + CLAIM_LEASE_MS + 1))).toBe(false);
    // Its process died: after the lease the card is decidable again, and the lapsed use is cleared.
    expect(await consumeToken(db(), deny!, 5, at(10_000 + CLAIM_LEASE_MS + 1))).toBe(true);
    expect(await getToken(db(), approve!.id)).toMatchObject({ consumedAt: null, consumedById: null });
    expect(await getToken(db(), deny!.id)).toMatchObject({ consumedById: 5 });
    // Finished in its work's transaction: it counts for ever.
    await transaction(store(), (tx) => markTokenDoneIn(tx, deny!.id));
    expect((await getToken(db(), deny!.id))!.result).toBe("");
    expect(await consumeToken(db(), approve!, 4, at(100 * CLAIM_LEASE_MS))).toBe(false);
    await setTokenResult(db(), deny!.id, '{"answer":"denied"}');
    await transaction(store(), (tx) => markTokenDoneIn(tx, deny!.id));
    expect((await getToken(db(), deny!.id))!.result).toBe('{"answer":"denied"}');

    // A click that failed gives its use back; finishing an unused token changes nothing.
    const [t] = await card("card-2", 1);
    expect(await consumeToken(db(), t!, 4, T0)).toBe(true);
    await unconsumeToken(db(), t!.id);
    expect(await getToken(db(), t!.id)).toMatchObject({ consumedAt: null, consumedById: null });
    await transaction(store(), (tx) => markTokenDoneIn(tx, t!.id));
    await renewTokenUse(db(), t!.id, at(5));
    expect(await getToken(db(), t!.id)).toMatchObject({ consumedAt: null, result: null });
    expect(await consumeToken(db(), t!, 5, at(1))).toBe(true);
  });

  it.skipIf(skip)("expired tokens are purged, the others kept", async () => {
    const [short, long] = await createTokens(db(), [
      { kind: "button", handler: "test.short", payload: null, ttlMs: 1000, now: at(1_000_000_000) },
      { kind: "button", handler: "test.long", payload: null, ttlMs: 10_000, now: at(1_000_000_000) },
    ]);
    await db().run(`DELETE FROM "InteractionToken" WHERE "expiresAt" < ?`, at(1_000_000_000));
    expect(await purgeExpiredTokens(db(), at(1_000_001_000))).toBe(0);
    expect(await purgeExpiredTokens(db(), at(1_000_001_001))).toBe(1);
    expect(await getToken(db(), short!)).toBeUndefined();
    expect(await getToken(db(), long!)).toBeDefined();
    expect(await purgeExpiredTokens(db(), at(1_000_010_001))).toBe(1);
  });

  it.skipIf(skip)(`${PROCESSES} processes claiming one delivery at the same instant: one runs it; after its lease lapses, again exactly one`, async () => {
    for (let round = 0; round < 5; round++) {
      const key = `act:slack:race-${round}`;
      const now = at(round);
      const won = await inAll((d) => claimKey(d, key, "act:slack", now));
      expect(won.filter(Boolean)).toHaveLength(1);
      // Its process died before finishing: one of the retries takes it over.
      const later = at(round + CLAIM_LEASE_MS + 1);
      const again = await inAll((d) => claimKey(d, key, "act:slack", later));
      expect(again.filter(Boolean)).toHaveLength(1);
      expect((await recall(db(), key))!.createdAt).toBe(later.toISOString().replace("Z", "+00:00"));
      // Once done, none of them runs it again, lease or not.
      await transaction(store(), (tx) => markKeyDoneIn(tx, key, later));
      const done = await inAll((d) => claimKey(d, key, "act:slack", at(round + 10 * CLAIM_LEASE_MS)));
      expect(done.filter(Boolean)).toHaveLength(0);
    }
  });

  it.skipIf(skip)(`${PROCESSES} clicks on one once-only button, and on the two buttons of one card: one wins`, async () => {
    for (let round = 0; round < 5; round++) {
      const [button] = await card(`race-one-${round}`, 1);
      const one = await inAll((d, i) => consumeToken(d, button!, 100 + i, T0));
      expect(one.filter(Boolean)).toHaveLength(1);
      expect((await getToken(db(), button!.id))!.consumedById).toBe(100 + one.indexOf(true));

      const [approve, deny] = await card(`race-two-${round}`);
      const two = await inAll((d, i) => consumeToken(d, i % 2 === 0 ? approve! : deny!, 100 + i, T0));
      expect(two.filter(Boolean)).toHaveLength(1);
      const used = await db().all<{ id: string; consumedById: number }>(`SELECT "id", "consumedById" FROM "InteractionToken" WHERE "groupId" = ? AND "consumedAt" IS NOT NULL`, `race-two-${round}`);
      const winner = two.indexOf(true);
      expect(used).toEqual([{ id: winner % 2 === 0 ? approve!.id : deny!.id, consumedById: 100 + winner }]);

      // The winner's process died without finishing: after the lease, one of twenty takes the card over.
      const later = at(CLAIM_LEASE_MS + 1);
      const over = await inAll((d, i) => consumeToken(d, i % 2 === 0 ? deny! : approve!, 200 + i, later));
      expect(over.filter(Boolean)).toHaveLength(1);
      const after = await db().all<{ consumedById: number }>(`SELECT "consumedById" FROM "InteractionToken" WHERE "groupId" = ? AND "consumedAt" IS NOT NULL`, `race-two-${round}`);
      expect(after).toEqual([{ consumedById: 200 + over.indexOf(true) }]);
    }
  });
});
