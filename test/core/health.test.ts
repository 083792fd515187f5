// What a process says about itself, for a load balancer and for whoever runs several: /healthz names
// the database engine and whether it answers, the pool's use on PostgreSQL (sized by
// DATABASE_POOL_SIZE), and the roles this process holds; /metrics has the same per process. Two bots
// on one PostgreSQL database with Discord: exactly one holds the gateway and each says so. A
// database that stops answering turns /healthz into 503 "degraded", and the process lives on (the
// server dropping idle connections used to end it: the pool reported them with no one listening).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DISCORD_GATEWAY_ROLE, startBot, type Bot } from "../../bot/app.ts";
import { loadConfig } from "../../bot/config.ts";
import { FakeDiscord } from "../fakes/discord.ts";
import { postgresUnavailable, startPostgres, type TestPostgres } from "../helpers/postgres.ts";

const unavailable = postgresUnavailable();
if (unavailable) console.warn(`SKIPPING /healthz on PostgreSQL: ${unavailable}`);

interface Health {
  status: string;
  database: string;
  engine: string;
  pool?: { max: number; open: number; idle: number; waiting: number };
  adapters: string[];
  roles: string[];
}

async function health(bot: Bot): Promise<{ code: number; body: Health }> {
  const r = await fetch(`http://127.0.0.1:${bot.port}/healthz`);
  return { code: r.status, body: (await r.json()) as Health };
}

async function metrics(bot: Bot): Promise<string> {
  return (await fetch(`http://127.0.0.1:${bot.port}/metrics`)).text();
}

const env = (url: string, more: Record<string, string> = {}) =>
  loadConfig({ DATABASE_URL: url, PORT: "0", HOST: "127.0.0.1", LOG_LEVEL: "silent", PLAYGROUND: "off", DEMO_DATA: "never", ...more });

describe("/healthz on SQLite", () => {
  let bot: Bot;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "uh-health-"));
  beforeAll(async () => {
    bot = await startBot(env(`file:${path.join(dir, "h.db")}`));
  }, 60_000);
  afterAll(async () => {
    await bot?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("names the engine, has no pool, holds no role", async () => {
    const { code, body } = await health(bot);
    expect(code).toBe(200);
    expect(body).toMatchObject({ status: "ok", database: "ok", engine: "sqlite", roles: [] });
    expect(body.pool).toBeUndefined();
    expect(body.adapters).toContain("scheduler");
    expect(await metrics(bot)).not.toMatch(/^unionhall_db_pool_connections\{/m);
  });
});

describe.skipIf(unavailable)("/healthz and /metrics on PostgreSQL, two processes", () => {
  let server: TestPostgres;
  let fake: FakeDiscord;
  const bots: Bot[] = [];
  let url: string;

  beforeAll(async () => {
    server = await startPostgres();
    fake = await new FakeDiscord().start();
    url = await server.createDatabase("health");
    const discord = { DISCORD_TOKEN: "fake-bot-token", DISCORD_APPLICATION_ID: fake.applicationId, DISCORD_API_URL: fake.apiUrl!, DATABASE_POOL_SIZE: "4" };
    // One after the other: the first takes the free gateway lease, the second finds it held.
    bots.push(await startBot(env(url, discord)));
    bots.push(await startBot(env(url, discord)));
  }, 120_000);
  afterAll(async () => {
    for (const b of bots) await b.stop().catch(() => undefined);
    await fake?.stop();
    await server?.stop();
  });

  it("each names PostgreSQL, its pool sized by DATABASE_POOL_SIZE, and exactly one holds the Discord gateway", async () => {
    const [a, b] = [await health(bots[0]!), await health(bots[1]!)];
    for (const h of [a, b]) {
      expect(h.code).toBe(200);
      expect(h.body).toMatchObject({ status: "ok", database: "ok", engine: "postgres" });
      expect(h.body.pool!.max).toBe(4);
      expect(h.body.pool!.open).toBeLessThanOrEqual(4);
      expect(h.body.pool!.waiting).toBe(0);
    }
    expect(a.body.roles).toEqual([DISCORD_GATEWAY_ROLE]);
    expect(b.body.roles).toEqual([]);
    expect(fake.identified).toBe(1);
  });

  it("/metrics says the same, per process", async () => {
    const [a, b] = [await metrics(bots[0]!), await metrics(bots[1]!)];
    expect(a).toMatch(/^unionhall_db_pool_connections\{state="max"\} 4$/m);
    expect(a).toMatch(/^unionhall_role_held\{role="discord-gateway"\} 1$/m);
    expect(b).toMatch(/^unionhall_role_held\{role="discord-gateway"\} 0$/m);
  });

  it("lives through the server dropping every connection (a restart, a failover): healthy again at once", async () => {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      const { rowCount } = await admin.query(`SELECT pg_terminate_backend("pid") FROM pg_stat_activity WHERE "datname" = current_database() AND "pid" <> pg_backend_pid()`);
      expect(rowCount).toBeGreaterThan(2);
    } finally {
      await admin.end();
    }
    for (const bot of bots) await expect.poll(async () => (await health(bot)).code).toBe(200);
    // The gateway stays with one process.
    expect((await health(bots[0]!)).body.roles.length + (await health(bots[1]!)).body.roles.length).toBe(1);
  });

  it("answers 503, degraded, when the database stops answering", async () => {
    await server.stop();
    const { code, body } = await health(bots[1]!);
    expect(code).toBe(503);
    expect(body).toMatchObject({ status: "degraded", database: "unavailable", engine: "postgres" });
  });
});
