// DATABASE_POOL_SIZE on a real PostgreSQL: under a load far larger than the pool, the server sees no
// more of the process's connections than the size allows, for the data layer and for Prisma alike,
// and the default is DEFAULT_POOL_SIZE. Counted from the server's side (pg_stat_activity), not the pool's.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { holdAckedRows, settleAcked } from "../../db/acked-work.ts";
import { ACKNOWLEDGEMENT_LANE_WIDTH, DEFAULT_POOL_SIZE, acknowledgementLane, data, transaction } from "../../db/data.ts";
import { openStore, type Store } from "../../db/store.ts";
import { postgresUnavailable, startPostgres, type TestPostgres } from "../helpers/postgres.ts";

const unavailable = postgresUnavailable();
if (unavailable) console.warn(`SKIPPING the PostgreSQL pool tests: ${unavailable}`);

/** Runs `load` while counting, every few milliseconds, the connections each application name holds. */
async function peakConnections(adminUrl: string, database: string, load: () => Promise<unknown>): Promise<Map<string, number>> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  const peak = new Map<string, number>();
  let done = false;
  const watch = (async () => {
    while (!done) {
      const { rows } = await admin.query<{ name: string; n: number }>(
        `SELECT application_name AS name, count(*)::int AS n FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid() GROUP BY 1`,
        [database],
      );
      for (const r of rows) peak.set(r.name, Math.max(peak.get(r.name) ?? 0, r.n));
      await new Promise((r) => setTimeout(r, 5));
    }
  })();
  try {
    await load();
  } finally {
    done = true;
    await watch;
    await admin.end();
  }
  return peak;
}

/** Forty statements and ten transactions on the data layer, and twenty Prisma queries, all at once, each holding its connection a while. */
function heavyLoad(store: Store): Promise<unknown> {
  const db = data(store);
  return Promise.all([
    ...Array.from({ length: 40 }, () => db.one(`SELECT pg_sleep(0.03) IS NULL AS "slept"`)),
    ...Array.from({ length: 10 }, () => transaction(store, async (tx) => tx.one(`SELECT pg_sleep(0.03) IS NULL AS "slept"`))),
    ...Array.from({ length: 20 }, () => store.prisma.$queryRawUnsafe(`SELECT pg_sleep(0.03) IS NULL AS slept`)),
  ]);
}

describe.skipIf(unavailable)("the connection pool's size on PostgreSQL", () => {
  let server: TestPostgres;
  let url: string;
  let database: string;

  beforeAll(async () => {
    server = await startPostgres();
    url = await server.createDatabase("pool");
    database = new URL(url).pathname.slice(1);
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
  });

  it("never opens more than DATABASE_POOL_SIZE connections per pool under load, and reaches it", async () => {
    const store = await openStore(url, { poolSize: 3 });
    try {
      const peak = await peakConnections(url, database, () => heavyLoad(store));
      // The data layer's pool and Prisma's, each named so an operator can tell them apart.
      expect(peak.get("unionhall")).toBe(3);
      expect(peak.get("unionhall-prisma")).toBe(3);
      expect(store.pool!.options.max).toBe(3);
    } finally {
      await store.close();
    }
  }, 60_000);

  it("keeps DEFAULT_POOL_SIZE when no size is given, so the limit above is the setting's doing", async () => {
    const store = await openStore(url);
    try {
      const peak = await peakConnections(url, database, () => heavyLoad(store));
      expect(peak.get("unionhall")).toBeGreaterThan(3);
      expect(peak.get("unionhall")).toBeLessThanOrEqual(DEFAULT_POOL_SIZE);
      expect(store.pool!.options.max).toBe(DEFAULT_POOL_SIZE);
    } finally {
      await store.close();
    }
  }, 60_000);

  it("writes an acknowledged request at once while every connection of the data layer's pool is busy", async () => {
    const store = await openStore(url, { poolSize: 2 });
    try {
      // Both of the data layer's connections held by answers' work, more of it queued behind.
      const held = await Promise.all([store.pool!.connect(), store.pool!.connect()]);
      let queuedDone = false;
      const queued = data(store).one(`SELECT 1 AS "one"`).then(() => (queuedDone = true));
      try {
        const row = { key: "slack:command:busy-pool", kind: "command", request: null, responseUrl: "https://hooks.slack.test/r", workspaceId: "T1", userId: "U1" };
        await holdAckedRows(acknowledgementLane(store), [row], "this-process", new Date());
        const kept = await acknowledgementLane(store).one<{ key: string }>(`SELECT "key" FROM "AckedWork" WHERE "key" = ?`, row.key);
        expect(kept?.key).toBe(row.key);
        // The work's statement is still waiting for a connection: the insert did not take one of those.
        expect(queuedDone).toBe(false);
        await settleAcked(acknowledgementLane(store), row.key);
      } finally {
        for (const c of held) c.release();
      }
      await queued;
      const peak = await peakConnections(url, database, () => Promise.all(Array.from({ length: 20 }, () => acknowledgementLane(store).one(`SELECT pg_sleep(0.02) IS NULL AS "slept"`))));
      expect(peak.get("unionhall-ack")).toBe(ACKNOWLEDGEMENT_LANE_WIDTH);
    } finally {
      await store.close();
    }
  }, 60_000);

  it("a pool of one still answers everything, one statement after another", async () => {
    const store = await openStore(url, { poolSize: 1 });
    try {
      const peak = await peakConnections(url, database, () => heavyLoad(store));
      expect(peak.get("unionhall")).toBe(1);
      expect(peak.get("unionhall-prisma")).toBe(1);
    } finally {
      await store.close();
    }
  }, 60_000);
});
