// The keyed audit chain: HMAC with AUDIT_KEY, older plain entries still verified, a tail rewritten
// with recomputed plain hashes caught, and signed checkpoints held outside the database.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterEach, describe, expect, it, vi } from "vitest";
import { data } from "../../db/data.ts";
import { dialect } from "../../db/dialect.ts";
import { appendAuditAsync, entryHash, formatCheckpoint, makeCheckpoint, parseCheckpoint, verifyAgainstCheckpoint, verifyAudit, writeCheckpoint, type AuditRow } from "../../db/audit.ts";
import { parseKeyring } from "../../db/crypto.ts";
import type { Store } from "../../db/store.ts";
import { loadConfig, ConfigError } from "../../bot/config.ts";
import { tempStore } from "../helpers/store.ts";
import { dropTrigger, storeUrl } from "../helpers/tamper.ts";

const K1 = `k1:${Buffer.alloc(32, 1).toString("base64")}`;
const K2 = `k2:${Buffer.alloc(32, 2).toString("base64")}`;

let store: (Store & { dir: string }) | undefined;
afterEach(async () => {
  vi.unstubAllEnvs();
  await store?.close();
  store = undefined;
});

const rows = () => data(store!).all<AuditRow>(`SELECT * FROM "AuditEntry" ORDER BY "id"`);
const add = async (n: number, from = 0) => {
  for (let i = from; i < from + n; i++) await appendAuditAsync(store!, { actor: "cli", action: "demo.seed", details: { i } });
};

/** Someone with the database file but not the key rewrites entries from `fromId` on, recomputing plain hashes. */
async function rewriteTailPlain(fromId: number, toId = Infinity) {
  await data(store!).run(dialect({ sqlite: `DROP TRIGGER IF EXISTS "AuditEntry_no_update"`, postgres: `DROP TRIGGER IF EXISTS "AuditEntry_no_update" ON "AuditEntry"` }));
  const all = await rows();
  let prev = all.find((r) => r.id === fromId - 1)?.hash ?? "0".repeat(64);
  for (const r of all.filter((x) => x.id >= fromId && x.id <= toId)) {
    const details = r.id === fromId ? JSON.stringify({ i: 999 }) : r.details;
    const hash = entryHash(prev, { ...r, details });
    await data(store!).run(`UPDATE "AuditEntry" SET "details" = ?, "prevHash" = ?, "hash" = ? WHERE "id" = ?`, details, prev, hash, r.id);
    prev = hash;
  }
}

describe("the keyed chain", () => {
  it("signs every new entry with the current audit key and its id, and verifies them", async () => {
    vi.stubEnv("AUDIT_KEY", K1);
    store = await tempStore();
    await add(4);
    expect((await rows()).every((r) => /^h1:k1:[0-9a-f]{64}$/.test(r.hash))).toBe(true);
    expect(await verifyAudit(data(store))).toEqual({ ok: true, entries: 4 });
  });

  it("catches a tail rewritten with recomputed plain hashes", async () => {
    vi.stubEnv("AUDIT_KEY", K1);
    store = await tempStore();
    await add(5);
    await rewriteTailPlain(4);
    expect(await verifyAudit(data(store))).toMatchObject({ ok: false, brokenAt: 4, reason: expect.stringContaining("rewritten without the audit key") });
  });

  it("keeps entries written before the key verifiable, and the first keyed entry seals them", async () => {
    store = await tempStore();
    await add(3);
    expect((await rows()).every((r) => /^[0-9a-f]{64}$/.test(r.hash))).toBe(true);
    vi.stubEnv("AUDIT_KEY", K1);
    await add(2, 3);
    expect(await verifyAudit(data(store))).toEqual({ ok: true, entries: 5 });
    // Rewriting an old plain entry (even with recomputed plain hashes) breaks the keyed entry after it…
    await rewriteTailPlain(2, 3);
    expect(await verifyAudit(data(store))).toMatchObject({ ok: false, brokenAt: 4, reason: "link to the previous entry does not match" });
    // …and rewriting everything from there as plain entries leaves no signed entry at all.
    await rewriteTailPlain(2);
    expect(await verifyAudit(data(store))).toMatchObject({ ok: false, brokenAt: 5, reason: expect.stringContaining("no entry is signed although AUDIT_KEY is set") });
  });

  it("rotates like MEMBER_DATA_KEY: the new key signs, the old one still verifies; without the old key its entries can't be checked", async () => {
    vi.stubEnv("AUDIT_KEY", K1);
    store = await tempStore();
    await add(2);
    vi.stubEnv("AUDIT_KEY", `${K2},${K1}`);
    await add(2, 2);
    expect((await rows()).map((r) => r.hash.slice(0, 5))).toEqual(["h1:k1", "h1:k1", "h1:k2", "h1:k2"]);
    expect(await verifyAudit(data(store))).toEqual({ ok: true, entries: 4 });
    vi.stubEnv("AUDIT_KEY", K2);
    expect(await verifyAudit(data(store))).toMatchObject({ ok: false, brokenAt: 1, reason: expect.stringContaining(`audit key "k1"`) });
  });
});

describe("checkpoints held outside the database", () => {
  it("without a key, a chain rewritten from the tail passes alone but not against the checkpoint", async () => {
    store = await tempStore();
    await add(6);
    const cp = formatCheckpoint(await makeCheckpoint(data(store), new Date("2026-11-30T11:00:00Z"), null));
    expect(cp).toMatch(/^auditcp1 count=6 head=[0-9a-f]{64} at=2026-11-30T11:00:00.000Z kid=none sig=none$/);
    await add(1, 6);
    expect(await verifyAgainstCheckpoint(data(store), parseCheckpoint(cp)!, null)).toEqual({ ok: true, entries: 7, checkpoint: "matched" });
    await rewriteTailPlain(5);
    expect(await verifyAudit(data(store), { keyring: null })).toEqual({ ok: true, entries: 7 });
    expect(await verifyAgainstCheckpoint(data(store), parseCheckpoint(cp)!, null)).toMatchObject({ ok: false, brokenAt: 6, reason: expect.stringContaining("rewritten") });
    // An unsigned checkpoint is not accepted once the union has an audit key.
    expect(await verifyAgainstCheckpoint(data(store), parseCheckpoint(cp)!, parseKeyring(K1, "AUDIT_KEY"))).toMatchObject({ ok: false });
  });

  it("a truncated log and a forged checkpoint are refused", async () => {
    vi.stubEnv("AUDIT_KEY", K1);
    store = await tempStore();
    await add(4);
    const cp = await makeCheckpoint(data(store), new Date("2026-11-30T11:00:00Z"));
    const forged = { ...cp, count: 3, head: (await rows())[2]!.hash };
    expect(await verifyAgainstCheckpoint(data(store), forged)).toMatchObject({ ok: false, reason: expect.stringContaining("signature does not match") });
    await dropTrigger(store, "AuditEntry", "AuditEntry_no_delete");
    await data(store).run(`DELETE FROM "AuditEntry" WHERE "id" = 4`);
    expect(await verifyAudit(data(store))).toEqual({ ok: true, entries: 3 });
    expect(await verifyAgainstCheckpoint(data(store), cp)).toMatchObject({ ok: false, reason: expect.stringContaining("fewer than the 4") });
  });

  it("writeCheckpoint logs the line (the copy outside the database) and records that it was taken", async () => {
    vi.stubEnv("AUDIT_KEY", K1);
    store = await tempStore();
    await add(2);
    const logged: Record<string, unknown>[] = [];
    const line = await writeCheckpoint(store, { info: (_e, f) => logged.push(f ?? {}) }, new Date("2026-11-30T11:00:00Z"), "startup");
    expect(logged).toEqual([{ checkpoint: line, reason: "startup" }]);
    expect((await rows()).at(-1)).toMatchObject({ action: "audit.checkpoint" });
    // Found in a log file among other lines: the newest one counts.
    const logFile = `{"msg":"x"}\n{"checkpoint":"${line}"}\n`;
    expect(await verifyAgainstCheckpoint(data(store), parseCheckpoint(logFile)!)).toMatchObject({ ok: true, checkpoint: "matched" });
  });

  it("npm run cli -- verify-audit --checkpoint VALUE", async () => {
    vi.stubEnv("AUDIT_KEY", K1);
    store = await tempStore();
    await add(3);
    const cp = formatCheckpoint(await makeCheckpoint(data(store), new Date("2026-11-30T11:00:00Z")));
    const env = { ...process.env, AUDIT_KEY: K1, DATABASE_URL: storeUrl(store) };
    const run = promisify(execFile);
    const ok = await run(process.execPath, ["--import", "tsx", "bot/cli.ts", "verify-audit", "--checkpoint", cp], { env });
    expect(ok.stdout).toContain("contains the checkpoint of 2026-11-30T11:00:00.000Z (3 entries)");
    await rewriteTailPlain(3);
    const bad = await run(process.execPath, ["--import", "tsx", "bot/cli.ts", "verify-audit", "--checkpoint", cp], { env }).catch((e: { code: number; stderr: string }) => e);
    expect(bad).toMatchObject({ code: 1, stderr: expect.stringContaining("BROKEN at entry #3") });
  });
});

describe("configuration", () => {
  it("a malformed AUDIT_KEY is one readable line, without the key", () => {
    expect(() => loadConfig({ AUDIT_KEY: "k1:not-base64!" })).toThrow(ConfigError);
    try {
      loadConfig({ AUDIT_KEY: "k1:c2hvcnQ=" });
    } catch (e) {
      expect((e as ConfigError).problems).toEqual([expect.stringMatching(/^AUDIT_KEY: entry 1: the key must be 32 bytes/)]);
      expect((e as ConfigError).problems.join()).not.toContain("c2hvcnQ");
    }
    expect(loadConfig({ AUDIT_KEY: K1 }).AUDIT_KEY).toBe(K1);
  });
});

describe("checkpoints at start-up and daily", () => {
  it("the bot's checkpoint writer logs one at once and plans the next for 03:00 in the union's time zone", async () => {
    const { startAuditCheckpoints } = await import("../../bot/audit-checkpoints.ts");
    vi.stubEnv("AUDIT_KEY", K1);
    store = await tempStore();
    await add(2);
    const lines: string[] = [];
    const log = { info: (_e: string, f?: Record<string, unknown>) => lines.push(String(f?.checkpoint)), warn: () => undefined };
    const h = await startAuditCheckpoints({ store, log, timeZone: "America/Los_Angeles", now: () => new Date("2026-11-30T11:00:00Z") });
    try {
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^auditcp1 count=2 head=h1:k1:[0-9a-f]{64} at=2026-11-30T11:00:00.000Z kid=k1 sig=[0-9a-f]{64}$/);
      expect(await verifyAgainstCheckpoint(data(store), parseCheckpoint(lines[0]!)!)).toMatchObject({ ok: true, checkpoint: "matched" });
      const next = h.nextAt()!;
      expect(new Intl.DateTimeFormat("en-GB", { timeZone: "America/Los_Angeles", hour: "2-digit", minute: "2-digit", hour12: false }).format(next)).toBe("03:00");
    } finally {
      await h.stop();
    }
  });
});
