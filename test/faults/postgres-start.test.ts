// `npm start` on PostgreSQL, as an operator would run it: DATABASE_URL=postgres://…, the playground
// on. Two real bot processes start together on one fresh database: one seeds the demo (the other
// waits, then finds it seeded), and both answer commands through the playground's HTTP API, each
// reading what the other wrote.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_SEED_LOCK } from "../../bot/app.ts";
import { openStore } from "../../db/store.ts";
import { postgresUnavailable, startPostgres, type TestPostgres } from "../helpers/postgres.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");
const unavailable = postgresUnavailable();
if (unavailable) console.warn(`SKIPPING the bot's start on PostgreSQL: ${unavailable}`);

interface Running {
  child: ChildProcess;
  base: string;
  out: () => string;
}

/** `node bot/main.ts` with only the environment given; resolves once it prints where it listens. */
function botProcess(env: Record<string, string>): Promise<Running> {
  const child = spawn(process.execPath, ["--import", "tsx", "bot/main.ts"], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, NO_PROXY: "127.0.0.1,localhost", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  child.stdout!.on("data", (c: Buffer) => (out += c.toString()));
  child.stderr!.on("data", (c: Buffer) => (err += c.toString()));
  return new Promise((resolve, reject) => {
    child.stdout!.on("data", () => {
      const m = /unionhall playground: (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) resolve({ child, base: m[1]!, out: () => out + err });
    });
    child.on("exit", (code) => reject(new Error(`the bot exited (${code}): ${err.slice(0, 1000)}`)));
  });
}

const post = async (base: string, p: string, body: unknown) =>
  (await (await fetch(base + p, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) })).json()) as Record<string, any>;
const command = (base: string, as: string, text: string, where = "#general") => post(base, "/api/command", { as, where, text });
const tokenOf = (html: string) => /data-token="([^"]+)"/.exec(html)![1];

describe.skipIf(Boolean(unavailable))("the bot started on PostgreSQL", () => {
  let server: TestPostgres;
  let url: string;
  let a: Running;
  let b: Running;

  beforeAll(async () => {
    server = await startPostgres();
    url = await server.createDatabase("start");
    await (await openStore(url)).close(); // migrated, so the processes start quicker
    const env = { DATABASE_URL: url, PORT: "0", PLAYGROUND: "on", LOG_LEVEL: "info" };
    // Held here until both processes wait for it, so both have reached the seed before either
    // looks whether the database is empty: they meet there every time, not by luck of timing.
    const holder = new pg.Client({ connectionString: url });
    await holder.connect();
    try {
      await holder.query("SELECT pg_advisory_lock($1)", [DEMO_SEED_LOCK]);
      const started = Promise.all([botProcess(env), botProcess(env)]);
      started.catch(() => undefined);
      for (let waiting = 0, deadline = Date.now() + 90_000; waiting < 2; ) {
        if (Date.now() > deadline) throw new Error(`${waiting} of 2 bot processes reached the demo seed's lock`);
        await new Promise((r) => setTimeout(r, 100));
        const { rows } = await holder.query(`SELECT count(*)::int AS "n" FROM pg_locks WHERE locktype = 'advisory' AND objid = $1 AND NOT granted`, [DEMO_SEED_LOCK]);
        waiting = rows[0].n;
      }
      await holder.query("SELECT pg_advisory_unlock($1)", [DEMO_SEED_LOCK]);
      [a, b] = await started;
    } finally {
      await holder.end();
    }
  }, 180_000);

  afterAll(async () => {
    for (const r of [a, b]) r?.child.kill("SIGKILL");
    await server?.stop();
  });

  it("seeds the demo once, though both processes reached the empty database together", async () => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const { rows } = await client.query(`SELECT count(*)::int AS "n" FROM "Person"`);
      expect(rows[0].n).toBe(300);
    } finally {
      await client.end();
    }
    expect([a.out(), b.out()].filter((o) => o.includes(`"event":"demo.seeded"`))).toHaveLength(1);
    for (const r of [a, b]) expect(await (await fetch(`${r.base}/healthz`)).json()).toMatchObject({ status: "ok", database: "ok" });
  });

  it("answers /unionhall help, a knowledge-base search and a rebate refusal on both processes", async () => {
    for (const r of [a, b]) {
      const help = await command(r.base, "maria", "/unionhall help");
      expect(help.html).toContain("/unionhall whoami");
      const kb = await command(r.base, "maria", "/kb search dues");
      expect(kb.html).toContain("document found");
      // A member sees no rebate account: the access rule answers without the treasury's ledger.
      const rebate = await command(r.base, "maria", "/rebate balance");
      expect(rebate.html).toContain("You are not able to see any rebate account");
    }
  });

  it("files a grievance on one process, and the other shows it", async () => {
    const start = await command(a.base, "sam", "/grievance file", "#stewards");
    expect(start.form).toBe(true);
    const incident = new Date(Date.now() - 3 * 86_400_000).toISOString().slice(0, 10);
    const first = await post(a.base, "/api/form", { as: "sam", where: "#stewards", token: tokenOf(start.html), values: { grievant: "100001", contract: "STATE-2025", category: "pay", articles: "21.1", incident } });
    expect(first.ok).toBe(true);
    const filed = await post(a.base, "/api/form", {
      as: "sam",
      where: "#stewards",
      token: tokenOf(first.html),
      values: { learned: incident, narrative: "Shorted four hours of overtime on the last pay period.", remedy: "Pay the four hours.", workplace: "Oregon Department of Human Services — Gresham Field Office" },
    });
    expect(filed.ok).toBe(true);
    const ref = /Filed (G-\d{4}-\d{4})/.exec(filed.html)![1];
    // The steward's and the grievant's own lists, on the other process. (`/grievance show` and
    // `/grievance list` record who looked in the audit log, still on the synchronous connection.)
    const steward = await command(b.base, "sam", "/grievance mine", "#stewards");
    expect(steward.html).toMatch(new RegExp(`${ref} · Informal · Pay · Maria Alvarez`));
    const grievant = await command(b.base, "maria", "/grievance mine");
    expect(grievant.html).toContain(`${ref} · Pay · Informal`);
  });
});
