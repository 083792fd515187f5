// `npm run cli -- backup FILE` on PostgreSQL: pg_dump's custom format, written 0600, the password
// kept off pg_dump's command line; restored with the documented pg_restore command into an empty
// database, it holds every table's rows, balances as they were (the ledger's trigger did not run
// twice) and an audit chain that verifies. Without pg_dump the command says what to install and the
// exact command to run, and writes nothing.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backupCli, pgDumpConnection } from "../../bot/cli/backup.ts";
import { appendAuditAsync, verifyAudit } from "../../db/audit.ts";
import { data, type Db } from "../../db/data.ts";
import { seedDemo } from "../../db/demo.ts";
import { openStore } from "../../db/store.ts";
import { runCli } from "../helpers/cli.ts";
import { postgresUnavailable, startPostgres, type TestPostgres } from "../helpers/postgres.ts";
import { tempDir } from "../helpers/store.ts";

const unavailable = postgresUnavailable() ?? (fs.existsSync("/usr/bin/pg_dump") && fs.existsSync("/usr/bin/pg_restore") ? undefined : "pg_dump not found");
if (unavailable) console.warn(`SKIPPING the PostgreSQL backup tests: ${unavailable}`);

/** Every table's row count, by name. */
async function counts(db: Db): Promise<Record<string, number>> {
  const tables = await db.all<{ name: string }>(`SELECT "table_name" AS "name" FROM information_schema.tables WHERE "table_schema" = 'public' AND "table_type" = 'BASE TABLE' ORDER BY 1`);
  const out: Record<string, number> = {};
  for (const t of tables) out[t.name] = (await db.one<{ n: number }>(`SELECT count(*) AS "n" FROM "${t.name}"`))!.n;
  return out;
}

describe("the password never reaches pg_dump's command line", () => {
  it("moves it to PGPASSWORD and keeps the rest of the URL as given", () => {
    const c = pgDumpConnection("postgres://unionhall:s%40cret@db.internal:5432/unionhall?sslmode=verify-full&sslrootcert=%2Fetc%2Fca.pem");
    expect(c.env).toEqual({ PGPASSWORD: "s@cret" });
    expect(c.dbname).not.toContain("cret");
    expect(c.dbname).toBe("postgres://unionhall@db.internal:5432/unionhall?sslmode=verify-full&sslrootcert=%2Fetc%2Fca.pem");
  });
});

describe.skipIf(unavailable)("backup on PostgreSQL", () => {
  let server: TestPostgres;
  let url: string;
  const dir = tempDir();

  beforeAll(async () => {
    server = await startPostgres();
    url = await server.createDatabase("backup");
    const store = await openStore(url);
    try {
      await seedDemo(store, { members: 60 });
      for (let i = 0; i < 5; i++) await appendAuditAsync(store, { actor: "cli", action: "audit.view", details: { n: i } });
    } finally {
      await store.close();
    }
  }, 180_000);
  afterAll(async () => {
    await server?.stop();
  });

  it("writes a pg_dump file, 0600, that pg_restore brings back whole", async () => {
    const file = path.join(dir, "backups", "unionhall.dump");
    const r = await runCli(backupCli, [file], { DATABASE_URL: url });
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Backed up with pg_dump to .*unionhall\.dump \(\d+ bytes/);
    expect(r.stdout).toContain("pg_restore --no-owner --dbname");
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(file).subarray(0, 5).toString("latin1")).toBe("PGDMP");

    // The restore the page documents, into an empty database.
    const restored = await server.createDatabase("restored");
    execFileSync("pg_restore", ["--no-owner", "--dbname", restored, file], { stdio: ["ignore", "pipe", "pipe"] });
    const [before, after] = [await openStore(url), await openStore(restored)];
    try {
      const [a, b] = [await counts(data(before)), await counts(data(after))];
      expect(Object.keys(b).length).toBeGreaterThan(40);
      expect(b).toEqual(a);
      expect(a.Person).toBeGreaterThanOrEqual(60);
      const balances = (db: Db) => db.all(`SELECT "id", "balanceCents" FROM "RebateAccount" ORDER BY "id"`);
      expect(await balances(data(after))).toEqual(await balances(data(before)));
      const chain = await verifyAudit(data(after));
      expect(chain).toMatchObject({ ok: true });
      expect(a.AuditEntry).toBeGreaterThanOrEqual(5);
    } finally {
      await before.close();
      await after.close();
    }
  }, 120_000);

  it("refuses to overwrite a file", async () => {
    const file = path.join(dir, "exists.dump");
    fs.writeFileSync(file, "keep me");
    const r = await runCli(backupCli, [file], { DATABASE_URL: url });
    expect(r.code).toBe(2);
    expect(fs.readFileSync(file, "utf8")).toBe("keep me");
  });

  it("without pg_dump on PATH, says what to install and the exact command, and writes nothing", async () => {
    const file = path.join(dir, "none.dump");
    const r = await runCli(backupCli, [file], { DATABASE_URL: url, PATH: path.join(dir, "empty-bin") });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("pg_dump is not on this machine's PATH");
    expect(r.stderr).toContain("apt install postgresql-client");
    expect(r.stderr).toContain(`pg_dump --format=custom --file ${file} "$DATABASE_URL"`);
    expect(fs.existsSync(file)).toBe(false);
  });

  it("a failing pg_dump keeps no half-written file and does not repeat the password", async () => {
    const file = path.join(dir, "failed.dump");
    const u = new URL(url);
    u.pathname = "/no_such_database";
    u.password = "hunter2";
    const r = await runCli(backupCli, [file], { DATABASE_URL: u.toString() });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/pg_dump failed/);
    expect(r.stderr).toMatch(/no_such_database/);
    expect(r.stderr).not.toContain("hunter2");
    expect(fs.existsSync(file)).toBe(false);
  });
});
