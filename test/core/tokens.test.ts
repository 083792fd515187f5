// Button and form tokens (db/tokens.ts) on a real database: what a token stores, once-only use
// across a card's group, a use whose work died, expiry and clean-up.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLAIM_LEASE_MS } from "../../db/idempotency.ts";
import { consumedInGroup, consumeToken, createToken, getToken, markTokenDone, newTokenId, purgeExpiredTokens, renewTokenUse, setTokenResult, unconsumeToken } from "../../db/tokens.ts";
import type { Store } from "../../db/store.ts";
import { tempStore } from "../helpers/store.ts";

let store: Store;
beforeAll(async () => {
  store = await tempStore();
});
afterAll(async () => {
  await store?.close();
});

const T0 = new Date("2026-11-23T17:00:00.000Z");
const at = (ms: number) => new Date(T0.getTime() + ms);
const button = (o: { once?: boolean; groupId?: string | null; ttlMs?: number } = {}) =>
  getToken(store, createToken(store, { kind: "button", handler: "test.decide", payload: { id: 7, note: "ü" }, createdById: null, now: T0, ...o }))!;

describe("createToken / getToken", () => {
  it("stores the kind, handler, payload, once flag, group and times; ids are 16 random url-safe characters", () => {
    const t = button({ once: true, groupId: "g-store" });
    expect(t).toMatchObject({ kind: "button", handler: "test.decide", payload: JSON.stringify({ id: 7, note: "ü" }), once: 1, groupId: "g-store", createdById: null, consumedAt: null, consumedById: null, result: null });
    expect(t.id).toMatch(/^[A-Za-z0-9_-]{16}$/);
    expect(new Date(t.expiresAt!).getTime() - T0.getTime()).toBe(90 * 24 * 3600_000);
    expect(button().once).toBe(0);
    expect(button().groupId).toBeNull();
    expect(getToken(store, createToken(store, { kind: "button", handler: "h", payload: 1, createdById: 4, now: T0 }))!.createdById).toBe(4);
    expect(new Set(Array.from({ length: 50 }, newTokenId)).size).toBe(50);
    const form = getToken(store, createToken(store, { kind: "form", handler: "h", payload: undefined, createdById: null, ttlMs: 60_000, now: T0 }))!;
    expect(form).toMatchObject({ kind: "form", payload: "null", expiresAt: "2026-11-23T17:01:00.000+00:00" });
    expect(getToken(store, "no-such-token")).toBeUndefined();
  });
});

describe("consumeToken", () => {
  it("a once-only token is used once; the other buttons of its card are used up with it", () => {
    const approve = button({ once: true, groupId: "card-1" });
    const deny = button({ once: true, groupId: "card-1" });
    const elsewhere = button({ once: true, groupId: "card-2" });
    expect(consumeToken(store, approve, 4, at(1000))).toBe(true);
    expect(consumeToken(store, approve, 5, at(2000))).toBe(false);
    expect(consumeToken(store, deny, 5, at(2000))).toBe(false);
    expect(getToken(store, approve.id)).toMatchObject({ consumedById: 4, consumedAt: "2026-11-23T17:00:01.000+00:00" });
    expect(getToken(store, deny.id)!.consumedAt).toBeNull();
    expect(consumedInGroup(store, deny)!.id).toBe(approve.id);
    expect(consumeToken(store, elsewhere, 5, at(2000))).toBe(true);
  });

  it("a token without a group stands alone", () => {
    const a = button({ once: true });
    const b = button({ once: true });
    expect(consumedInGroup(store, a)).toBeUndefined();
    expect(consumeToken(store, a, 1, at(0))).toBe(true);
    expect(consumeToken(store, a, 2, at(1))).toBe(false);
    expect(consumedInGroup(store, a)!.id).toBe(a.id);
    expect(consumedInGroup(store, b)).toBeUndefined();
    expect(consumeToken(store, b, 1, at(0))).toBe(true);
  });

  it("a use whose work died (no result, older than the lease) no longer counts; a finished one always does", () => {
    const approve = button({ once: true, groupId: "card-3" });
    const deny = button({ once: true, groupId: "card-3" });
    expect(consumeToken(store, approve, 4, at(0))).toBe(true);
    // Within the lease the first use still holds (its work may still be running).
    expect(consumeToken(store, deny, 5, at(CLAIM_LEASE_MS))).toBe(false);
    // After it, the card is decidable again, and the lapsed use is cleared.
    expect(consumeToken(store, deny, 5, at(CLAIM_LEASE_MS + 1))).toBe(true);
    expect(getToken(store, approve.id)).toMatchObject({ consumedAt: null, consumedById: null });
    expect(getToken(store, deny.id)).toMatchObject({ consumedById: 5 });
    markTokenDone(store, deny.id);
    expect(getToken(store, deny.id)!.result).toBe("");
    expect(consumeToken(store, approve, 4, at(10 * CLAIM_LEASE_MS))).toBe(false);
  });

  it("renewing a running use keeps it from lapsing; giving it back makes it usable again", () => {
    const t = button({ once: true, groupId: "card-4" });
    expect(consumeToken(store, t, 4, at(0))).toBe(true);
    renewTokenUse(store, t.id, at(CLAIM_LEASE_MS));
    expect(consumeToken(store, t, 5, at(2 * CLAIM_LEASE_MS))).toBe(false);
    unconsumeToken(store, t.id);
    expect(getToken(store, t.id)).toMatchObject({ consumedAt: null, consumedById: null });
    expect(consumeToken(store, t, 5, at(2 * CLAIM_LEASE_MS))).toBe(true);
  });

  it("renewing or finishing an unused token changes nothing", () => {
    const t = button({ once: true });
    renewTokenUse(store, t.id, at(5));
    markTokenDone(store, t.id);
    expect(getToken(store, t.id)).toMatchObject({ consumedAt: null, result: null });
  });

  it("a result once set is kept: finishing does not overwrite it", () => {
    const t = button({ once: true });
    consumeToken(store, t, 4, at(0));
    setTokenResult(store, t.id, '{"answer":"approved"}');
    markTokenDone(store, t.id);
    expect(getToken(store, t.id)!.result).toBe('{"answer":"approved"}');
  });
});

describe("purgeExpiredTokens", () => {
  it("deletes only tokens past their expiry", () => {
    const short = button({ ttlMs: 1000 });
    const long = button({ ttlMs: 10_000 });
    const gone = purgeExpiredTokens(store, at(1001));
    expect(gone).toBeGreaterThanOrEqual(1);
    expect(getToken(store, short.id)).toBeUndefined();
    expect(getToken(store, long.id)).toBeDefined();
    expect(purgeExpiredTokens(store, at(1000))).toBe(0);
    expect(purgeExpiredTokens(store, at(10_000))).toBe(0);
    expect(getToken(store, long.id)!.id).toBe(long.id);
    expect(purgeExpiredTokens(store, at(10_001))).toBe(1);
  });
});
