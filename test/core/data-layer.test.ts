// The engine-neutral data layer, on SQLite and on a real PostgreSQL: the same statements and the
// same rows on both, transactions whole or not at all, nothing from other work inside them, and
// statements prepared once.
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { data, transaction } from "../../db/data.ts";
import { dialect, postgresStatement } from "../../db/dialect.ts";
import { run as syncRun } from "../../db/sql.ts";
import { openStore, type Store } from "../../db/store.ts";
import { dbTime } from "../../db/time.ts";
import { postgresUnavailable, startPostgres, type TestPostgres } from "../helpers/postgres.ts";
import { tempDir } from "../helpers/store.ts";

const unavailable = postgresUnavailable();
if (unavailable) console.warn(`SKIPPING the data layer's PostgreSQL half: ${unavailable}`);

describe("PostgreSQL statement text", () => {
  it("numbers ? and @name parameters, leaving literals, quoted names and comments alone", () => {
    expect(postgresStatement(`SELECT '?', "a?b" FROM "T" WHERE x = ? AND y = ? -- why?\n AND z = ?`).text).toBe(
      `SELECT '?', "a?b" FROM "T" WHERE x = $1 AND y = $2 -- why?\n AND z = $3`,
    );
    const named = postgresStatement(`UPDATE "T" SET a = @now, b = 'x@y' WHERE c = @owner AND d <= @now`);
    expect(named.text).toBe(`UPDATE "T" SET a = $1, b = 'x@y' WHERE c = $2 AND d <= $1`);
    expect(named.order).toEqual(["now", "owner"]);
    expect(postgresStatement(`SELECT 1 WHERE a = ?`)).toBe(postgresStatement(`SELECT 1 WHERE a = ?`));
    expect(() => postgresStatement(`SELECT ? , @a`)).toThrow(/either/);
  });
});

const engines = [
  { engine: "sqlite", skip: undefined as string | undefined },
  { engine: "postgres", skip: unavailable },
];

describe.each(engines)("data layer on $engine", ({ engine, skip }) => {
  let server: TestPostgres | undefined;
  let store: Store;

  beforeAll(async () => {
    if (skip) return;
    if (engine === "postgres") {
      server = await startPostgres();
      store = await openStore(await server.createDatabase("data"));
    } else {
      store = await openStore(`file:${path.join(tempDir(), "data.db")}`);
    }
  });
  afterAll(async () => {
    await store?.close();
    await server?.stop();
  });

  const countSubLocals = async () => (await data(store).one<{ n: number }>(`SELECT count(*) AS n FROM "SubLocal"`))!.n;

  it.skipIf(skip)("writes and reads rows of the same shape: dates as stored text, booleans as 1/0, counts as numbers", async () => {
    const at = new Date("2026-02-03T04:05:06.007Z");
    const db = data(store);
    expect(await db.run(`INSERT INTO "SubLocal" ("code", "name", "createdAt") VALUES (?, ?, ?)`, "SL-001", "Salem", at)).toEqual({ changes: 1 });
    const sl = await db.one<{ id: number; createdAt: string }>(`SELECT "id", "createdAt" FROM "SubLocal" WHERE "code" = @code`, { code: "SL-001" });
    expect(sl!.createdAt).toBe(dbTime(at));
    await db.run(
      `INSERT INTO "Person" ("memberNumber", "firstName", "lastName", "subLocalId", "capeContributor", "updatedAt") VALUES (?, ?, ?, ?, ?, ?)`,
      "M-7", "Ana", "Díaz", sl!.id, true, at,
    );
    const person = await db.one<Record<string, unknown>>(`SELECT "firstName", "capeContributor", "updatedAt" FROM "Person" WHERE "memberNumber" = ?`, "M-7");
    expect(person).toEqual({ firstName: "Ana", capeContributor: 1, updatedAt: dbTime(at) });
    expect(await db.all(`SELECT "memberNumber" FROM "Person" WHERE "updatedAt" <= ? AND "capeContributor" = TRUE`, new Date("2026-12-31T00:00:00Z"))).toEqual([{ memberNumber: "M-7" }]);
    expect(await countSubLocals()).toBe(1);
    expect(await db.one(dialect({ sqlite: `SELECT max(1, 2) AS m`, postgres: `SELECT GREATEST(1, 2) AS m` }))).toEqual({ m: 2 });
  });

  it.skipIf(skip)("commits a transaction whole, and rolls it back whole when it throws", async () => {
    const before = await countSubLocals();
    const at = new Date();
    await transaction(store, async (tx) => {
      await tx.run(`INSERT INTO "SubLocal" ("code", "name", "createdAt") VALUES (?, ?, ?)`, "SL-010", "A", at);
      await tx.run(`INSERT INTO "SubLocal" ("code", "name", "createdAt") VALUES (?, ?, ?)`, "SL-011", "B", at);
    });
    expect(await countSubLocals()).toBe(before + 2);
    await expect(
      transaction(store, async (tx) => {
        await tx.run(`INSERT INTO "SubLocal" ("code", "name", "createdAt") VALUES (?, ?, ?)`, "SL-012", "C", at);
        await tx.run(`INSERT INTO "SubLocal" ("code", "name", "createdAt") VALUES (?, ?, ?)`, "SL-010", "duplicate code", at);
      }),
    ).rejects.toThrow(/unique/i);
    expect(await countSubLocals()).toBe(before + 2);
    expect(await data(store).one(`SELECT 1 AS x FROM "SubLocal" WHERE "code" = ?`, "SL-012")).toBeUndefined();
  });

  it.skipIf(skip)("rolls back a nested transaction alone, as a savepoint", async () => {
    const at = new Date();
    await transaction(store, async (tx) => {
      await tx.run(`INSERT INTO "SubLocal" ("code", "name", "createdAt") VALUES (?, ?, ?)`, "SL-020", "kept", at);
      await expect(
        tx.transaction(async (inner) => {
          await inner.run(`INSERT INTO "SubLocal" ("code", "name", "createdAt") VALUES (?, ?, ?)`, "SL-021", "undone", at);
          throw new Error("changed my mind");
        }),
      ).rejects.toThrow("changed my mind");
    });
    const codes = (await data(store).all<{ code: string }>(`SELECT "code" FROM "SubLocal" WHERE "code" IN ('SL-020', 'SL-021')`)).map((r) => r.code);
    expect(codes).toEqual(["SL-020"]);
  });

  it.skipIf(skip)("runs after-commit steps once the transaction committed, never for a rollback or an undone savepoint", async () => {
    const at = new Date();
    const ran: string[] = [];
    const visible = (code: string) => data(store).one(`SELECT 1 AS x FROM "SubLocal" WHERE "code" = ?`, code);
    await transaction(store, async (tx) => {
      await tx.run(`INSERT INTO "SubLocal" ("code", "name", "createdAt") VALUES (?, ?, ?)`, "SL-040", "committed", at);
      tx.afterCommit(() => ran.push("outer"));
      await tx.transaction(async (inner) => {
        inner.afterCommit(() => ran.push("kept savepoint"));
      });
      await expect(
        tx.transaction(async (inner) => {
          inner.afterCommit(() => ran.push("undone savepoint"));
          throw new Error("changed my mind");
        }),
      ).rejects.toThrow("changed my mind");
      expect(ran).toEqual([]);
    });
    expect(ran).toEqual(["outer", "kept savepoint"]);
    expect(await visible("SL-040")).toBeDefined();
    await expect(
      transaction(store, async (tx) => {
        tx.afterCommit(() => ran.push("rolled back"));
        throw new Error("failed");
      }),
    ).rejects.toThrow("failed");
    expect(ran).toEqual(["outer", "kept savepoint"]);
  });

  it.skipIf(skip)("never lets other work see or write into a transaction half done", async () => {
    const at = new Date();
    const seen: number[] = [];
    let inside!: () => void;
    const halfway = new Promise<void>((resolve) => (inside = resolve));
    const before = await countSubLocals();
    const tx = transaction(store, async (t) => {
      await t.run(`INSERT INTO "SubLocal" ("code", "name", "createdAt") VALUES (?, ?, ?)`, "SL-030", "first", at);
      inside();
      // Other work gets every chance to run here.
      await new Promise((r) => setTimeout(r, 50));
      await t.run(`INSERT INTO "SubLocal" ("code", "name", "createdAt") VALUES (?, ?, ?)`, "SL-031", "second", at);
    });
    await halfway;
    const other = countSubLocals().then((n) => seen.push(n - before));
    await Promise.all([tx, other]);
    // SQLite: the other read waits for the commit (2). PostgreSQL: it reads its own snapshot, from
    // before the commit (0) or after (2). Never the half (1).
    expect(seen).toHaveLength(1);
    expect(engine === "sqlite" ? [2] : [0, 2]).toContain(seen[0]);
  });

  it.skipIf(skip || engine !== "sqlite")("refuses a synchronous statement while an asynchronous transaction holds the connection", async () => {
    let thrown: unknown;
    await transaction(store, async () => {
      try {
        syncRun(store, `DELETE FROM "SubLocal"`);
      } catch (e) {
        thrown = e;
      }
    });
    expect(String(thrown)).toMatch(/move this path to db\/data.ts/);
    expect(await countSubLocals()).toBeGreaterThan(0);
    // Once it ended, the synchronous path works again.
    expect(syncRun(store, `UPDATE "SubLocal" SET "region" = ? WHERE "code" = ?`, "Valley", "SL-001").changes).toBe(1);
  });

  it.skipIf(skip || engine !== "postgres")("prepares each statement once per connection", async () => {
    const text = `SELECT "code" FROM "SubLocal" WHERE "code" = ?`;
    await transaction(store, async (tx) => {
      await tx.one(text, "SL-001");
      await tx.one(text, "SL-010");
      const prepared = await tx.all<{ name: string }>(`SELECT name FROM pg_prepared_statements WHERE name = ?`, postgresStatement(text).name);
      expect(prepared).toHaveLength(1);
    });
  });
});
