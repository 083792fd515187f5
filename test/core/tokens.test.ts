// Button and form tokens (db/tokens.ts) on a real database: what a token stores, once-only use
// across a card's group, a use whose work died, expiry and clean-up.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLAIM_LEASE_MS } from "../../db/idempotency.ts";
import { consumedInGroup, consumeToken, createToken, getToken, markTokenDoneIn, newTokenId, purgeExpiredTokens, renewTokenUse, setTokenResult, unconsumeToken } from "../../db/tokens.ts";
import { data } from "../../db/data.ts";
import type { Store } from "../../db/store.ts";
import { tempStore } from "../helpers/store.ts";

let store: Store;
const db = () => data(store);
beforeAll(async () => {
  store = await tempStore();
});
afterAll(async () => {
  await store?.close();
});

const T0 = new Date("2026-11-23T17:00:00.000Z");
const at = (ms: number) => new Date(T0.getTime() + ms);
const button = async (o: { once?: boolean; groupId?: string | null; ttlMs?: number } = {}) =>
  (await getToken(db(), await createToken(db(), { kind: "button", handler: "test.decide", payload: { id: 7, note: "ü" }, createdById: null, now: T0, ...o })))!;

describe("createToken / getToken", () => {
  it("stores the kind, handler, payload, once flag, group and times; ids are 16 random url-safe characters", async () => {
    const t = await button({ once: true, groupId: "g-store" });
    expect(t).toMatchObject({ kind: "button", handler: "test.decide", payload: JSON.stringify({ id: 7, note: "ü" }), once: 1, groupId: "g-store", createdById: null, consumedAt: null, consumedById: null, result: null });
    expect(t.id).toMatch(/^[A-Za-z0-9_-]{16}$/);
    expect(new Date(t.expiresAt!).getTime() - T0.getTime()).toBe(90 * 24 * 3600_000);
    expect((await button()).once).toBe(0);
    expect((await button()).groupId).toBeNull();
    expect((await getToken(db(), await createToken(db(), { kind: "button", handler: "h", payload: 1, createdById: 4, now: T0 })))!.createdById).toBe(4);
    expect(new Set(Array.from({ length: 50 }, newTokenId)).size).toBe(50);
    const form = (await getToken(db(), await createToken(db(), { kind: "form", handler: "h", payload: undefined, createdById: null, ttlMs: 60_000, now: T0 })))!;
    expect(form).toMatchObject({ kind: "form", payload: "null", expiresAt: "2026-11-23T17:01:00.000+00:00" });
    expect(await getToken(db(), "no-such-token")).toBeUndefined();
  });
});

describe("consumeToken", () => {
  it("a once-only token is used once; the other buttons of its card are used up with it", async () => {
    const approve = await button({ once: true, groupId: "card-1" });
    const deny = await button({ once: true, groupId: "card-1" });
    const elsewhere = await button({ once: true, groupId: "card-2" });
    expect(await consumeToken(db(), approve, 4, at(1000))).toBe(true);
    expect(await consumeToken(db(), approve, 5, at(2000))).toBe(false);
    expect(await consumeToken(db(), deny, 5, at(2000))).toBe(false);
    expect(await getToken(db(), approve.id)).toMatchObject({ consumedById: 4, consumedAt: "2026-11-23T17:00:01.000+00:00" });
    expect((await getToken(db(), deny.id))!.consumedAt).toBeNull();
    expect((await consumedInGroup(db(), deny))!.id).toBe(approve.id);
    expect(await consumeToken(db(), elsewhere, 5, at(2000))).toBe(true);
  });

  it("a token without a group stands alone", async () => {
    const a = await button({ once: true });
    const b = await button({ once: true });
    expect(await consumedInGroup(db(), a)).toBeUndefined();
    expect(await consumeToken(db(), a, 1, at(0))).toBe(true);
    expect(await consumeToken(db(), a, 2, at(1))).toBe(false);
    expect((await consumedInGroup(db(), a))!.id).toBe(a.id);
    expect(await consumedInGroup(db(), b)).toBeUndefined();
    expect(await consumeToken(db(), b, 1, at(0))).toBe(true);
  });

  it("a use whose work died (no result, older than the lease) no longer counts; a finished one always does", async () => {
    const approve = await button({ once: true, groupId: "card-3" });
    const deny = await button({ once: true, groupId: "card-3" });
    expect(await consumeToken(db(), approve, 4, at(0))).toBe(true);
    // Within the lease the first use still holds (its work may still be running).
    expect(await consumeToken(db(), deny, 5, at(CLAIM_LEASE_MS))).toBe(false);
    // After it, the card is decidable again, and the lapsed use is cleared.
    expect(await consumeToken(db(), deny, 5, at(CLAIM_LEASE_MS + 1))).toBe(true);
    expect(await getToken(db(), approve.id)).toMatchObject({ consumedAt: null, consumedById: null });
    expect(await getToken(db(), deny.id)).toMatchObject({ consumedById: 5 });
    await markTokenDoneIn(db(), deny.id);
    expect((await getToken(db(), deny.id))!.result).toBe("");
    expect(await consumeToken(db(), approve, 4, at(10 * CLAIM_LEASE_MS))).toBe(false);
  });

  it("renewing a running use keeps it from lapsing; giving it back makes it usable again", async () => {
    const t = await button({ once: true, groupId: "card-4" });
    expect(await consumeToken(db(), t, 4, at(0))).toBe(true);
    await renewTokenUse(db(), t.id, at(CLAIM_LEASE_MS));
    expect(await consumeToken(db(), t, 5, at(2 * CLAIM_LEASE_MS))).toBe(false);
    await unconsumeToken(db(), t.id);
    expect(await getToken(db(), t.id)).toMatchObject({ consumedAt: null, consumedById: null });
    expect(await consumeToken(db(), t, 5, at(2 * CLAIM_LEASE_MS))).toBe(true);
  });

  it("renewing or finishing an unused token changes nothing", async () => {
    const t = await button({ once: true });
    await renewTokenUse(db(), t.id, at(5));
    await markTokenDoneIn(db(), t.id);
    expect(await getToken(db(), t.id)).toMatchObject({ consumedAt: null, result: null });
  });

  it("a result once set is kept: finishing does not overwrite it", async () => {
    const t = await button({ once: true });
    await consumeToken(db(), t, 4, at(0));
    await setTokenResult(db(), t.id, '{"answer":"approved"}');
    await markTokenDoneIn(db(), t.id);
    expect((await getToken(db(), t.id))!.result).toBe('{"answer":"approved"}');
  });
});

describe("purgeExpiredTokens", () => {
  it("deletes only tokens past their expiry", async () => {
    const short = await button({ ttlMs: 1000 });
    const long = await button({ ttlMs: 10_000 });
    const gone = await purgeExpiredTokens(db(), at(1001));
    expect(gone).toBeGreaterThanOrEqual(1);
    expect(await getToken(db(), short.id)).toBeUndefined();
    expect(await getToken(db(), long.id)).toBeDefined();
    expect(await purgeExpiredTokens(db(), at(1000))).toBe(0);
    expect(await purgeExpiredTokens(db(), at(10_000))).toBe(0);
    expect((await getToken(db(), long.id))!.id).toBe(long.id);
    expect(await purgeExpiredTokens(db(), at(10_001))).toBe(1);
  });
});
