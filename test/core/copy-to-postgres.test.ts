// `npm run cli -- copy-to-postgres postgres://…` on the demo: seeded on SQLite by the real seed
// command (members, personas, knowledge base, training, grievances), copied into a real PostgreSQL
// the test starts, then checked from outside the command: every table's rows, balances as SQLite
// has them (the target's triggers did not add them twice), sequences past the copied ids, search
// answering as on SQLite, the audit chain, the knowledge base's files (kept beside SQLite, in the
// database on PostgreSQL), and no member's name or e-mail in what it prints.
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { copyToPostgresCli } from "../../bot/cli/copy-to-postgres.ts";
import { seedDemoCli } from "../../bot/cli/seed-demo.ts";
import { audienceRank } from "../../commands/kb/rules.ts";
import { parseQuery } from "../../commands/kb/text.ts";
import { data } from "../../db/data.ts";
import { searchDocuments } from "../../db/kb.ts";
import { readFile, saveFile } from "../../db/kb-files.ts";
import { searchDocuments as searchPostgres } from "../../db/kb-search-postgres.ts";
import { openStore, type Store } from "../../db/store.ts";
import { runCli } from "../helpers/cli.ts";
import { postgresUnavailable, startPostgres, type TestPostgres } from "../helpers/postgres.ts";
import { tempDir } from "../helpers/store.ts";

const unavailable = postgresUnavailable();
if (unavailable) console.warn(`SKIPPING the copy to PostgreSQL: ${unavailable}`);

describe("copy-to-postgres arguments", () => {
  it("wants one PostgreSQL URL and says so without echoing a password", async () => {
    const env = { DATABASE_URL: `file:${path.join(tempDir(), "x.db")}` };
    expect((await runCli(copyToPostgresCli, [], env)).code).toBe(2);
    const wrong = await runCli(copyToPostgresCli, ["mysql://bot:s3cret@host/db"], env);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/must be a PostgreSQL URL/);
    expect(wrong.stderr).not.toContain("s3cret");
    expect((await runCli(copyToPostgresCli, ["postgres://h/db", "--force"], env)).code).toBe(2);
  });
});

describe.skipIf(unavailable)("copy-to-postgres on the demo", () => {
  let server: TestPostgres;
  let env: Record<string, string>;
  let sqlite: Store;
  let attachedHash: string;
  const ATTACHED = Buffer.concat([Buffer.from("89504e470d0a1a0a", "hex"), Buffer.from("a steward's card, any bytes will do")]);

  const tables = (s: Store) =>
    (s.sql.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '_prisma_migrations' AND name NOT LIKE 'Kb%Search%' AND name <> 'StoredFile'`).all() as { name: string }[]).map((r) => r.name);
  const sqliteCount = (t: string) => (sqlite.sql.prepare(`SELECT count(*) AS n FROM "${t}"`).get() as { n: number }).n;
  const pgCount = async (url: string, t: string) => {
    const s = await openStore(url);
    try {
      return Number((await s.pool!.query(`SELECT count(*) AS n FROM "${t}"`)).rows[0].n);
    } finally {
      await s.close();
    }
  };

  beforeAll(async () => {
    server = await startPostgres();
    env = { DATABASE_URL: `file:${path.join(tempDir(), "bot.db")}` };
    const seeded = await runCli(seedDemoCli, ["--grievances", "40"], env);
    expect(seeded.code, seeded.stderr).toBe(0);
    sqlite = await openStore(env.DATABASE_URL!);
    // A document with an attached file, kept beside the SQLite database as the bot keeps it.
    const hash = await saveFile(sqlite, ATTACHED);
    sqlite.sql.prepare(`UPDATE "KbDocument" SET "fileHash" = ?, "fileName" = 'card.png', "fileMime" = 'image/png', "fileSize" = ? WHERE "id" = (SELECT min("id") FROM "KbDocument")`).run(hash, ATTACHED.length);
    attachedHash = hash;
  }, 240_000);

  afterAll(async () => {
    await sqlite?.close();
    await server?.stop();
  }, 120_000);

  it("copies every table, verifies counts and the audit chain, and prints no personal data", async () => {
    const url = await server.createDatabase("demo");
    const r = await runCli(copyToPostgresCli, [url], env);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("Copy verified.");
    const audit = sqliteCount("AuditEntry");
    expect(audit).toBeGreaterThan(10);
    expect(r.stdout).toContain(`Audit log intact on PostgreSQL: ${audit} entries, every link verified, ending where SQLite's ends.`);

    const target = await openStore(url);
    try {
      const filled = tables(sqlite).filter((t) => sqliteCount(t) > 0);
      expect(filled.length).toBeGreaterThan(15);
      for (const t of tables(sqlite)) expect(Number((await target.pool!.query(`SELECT count(*) AS n FROM "${t}"`)).rows[0].n), t).toBe(sqliteCount(t));
      // Balances as SQLite holds them: the ledger's balance trigger was off during the copy.
      const balances = sqlite.sql.prepare(`SELECT "id", "balanceCents", "entryCount" FROM "RebateAccount" ORDER BY "id"`).all();
      expect((await target.pool!.query(`SELECT "id", "balanceCents", "entryCount" FROM "RebateAccount" ORDER BY "id"`)).rows).toEqual(balances);
      // ... and on again after it: a new entry moves the balance.
      for (const trigger of ["RebateEntry_running_balance", "KbSearch_counts", "AuditEntry_no_update"])
        expect((await target.pool!.query(`SELECT tgenabled FROM pg_trigger WHERE tgname = $1`, [trigger])).rows[0].tgenabled, trigger).toBe("O");
      // The attached file is in the database now, byte for byte, where every process reads it.
      const referenced = (sqlite.sql.prepare(`SELECT count(DISTINCT "fileHash") AS n FROM "KbDocument" WHERE "fileHash" IS NOT NULL`).get() as { n: number }).n;
      expect(referenced).toBeGreaterThanOrEqual(1);
      expect(r.stdout).toContain(`Knowledge-base files: ${referenced} of ${referenced} on PostgreSQL, each checked against its hash.`);
      expect(await readFile(target, attachedHash)).toEqual(ATTACHED);
      // Sequences continue after the copied ids.
      const maxPerson = (sqlite.sql.prepare(`SELECT max(id) AS n FROM "Person"`).get() as { n: number }).n;
      expect(Number((await target.pool!.query(`SELECT nextval(pg_get_serial_sequence('"Person"', 'id')) AS n`)).rows[0].n)).toBe(maxPerson + 1);
      // Search answers as on SQLite, for staff (everything) and a member.
      for (const [query, v] of [["grievance", audienceRank("staff")], ["privacy", audienceRank("members")], ["申诉", audienceRank("staff")]] as const) {
        const { match, tokens } = parseQuery(query);
        const viewer = { personId: null, audienceRank: v, subLocalIds: [], seesAllSubLocals: v === audienceRank("staff"), editsAll: false, editsSubLocalIds: [] };
        const want = await searchDocuments(data(sqlite), { match: match!, tokens }, viewer, { limit: 5, offset: 0 });
        expect(want.hits.length, query).toBeGreaterThan(0);
        expect(await searchPostgres(data(target), { match: match!, tokens }, viewer, { limit: 5, offset: 0 }), query).toEqual(want);
      }
    } finally {
      await target.close();
    }
    // Table names and counts only: no member's name, number or e-mail.
    const people = sqlite.sql.prepare(`SELECT "firstName", "lastName", "memberNumber", "workEmail" FROM "Person"`).all() as Record<string, string | null>[];
    const said = r.stdout + r.stderr;
    const leaked = people.flatMap((p) => Object.values(p)).filter((x): x is string => !!x && x.length > 3 && said.includes(x));
    expect(leaked).toEqual([]);
  }, 120_000);

  it("refuses a target that holds data, and --replace copies it again", async () => {
    const url = await server.createDatabase("again");
    expect((await runCli(copyToPostgresCli, [url], env)).code).toBe(0);
    const twice = await runCli(copyToPostgresCli, [url], env);
    expect(twice.code).toBe(1);
    expect(twice.stderr).toMatch(/Nothing copied: the PostgreSQL database already holds data \(.*\); copy into an empty one, or pass --replace/);
    expect(await pgCount(url, "Person")).toBe(sqliteCount("Person"));
    const replaced = await runCli(copyToPostgresCli, [url, "--replace"], env);
    expect(replaced.code, replaced.stderr).toBe(0);
    expect(replaced.stdout).toContain("Copy verified.");
    expect(await pgCount(url, "AuditEntry")).toBe(sqliteCount("AuditEntry"));
  }, 120_000);

  it("a target whose audit log was changed afterwards fails verification", async () => {
    const url = await server.createDatabase("tamper");
    expect((await runCli(copyToPostgresCli, [url], env)).code).toBe(0);
    expect((await runCli(copyToPostgresCli, [url, "--verify-only"], env)).code).toBe(0);
    const target = await openStore(url);
    try {
      // Someone with the database's owner rights goes around the append-only trigger.
      await target.pool!.query(`ALTER TABLE "AuditEntry" DISABLE TRIGGER USER`);
      await target.pool!.query(`UPDATE "AuditEntry" SET "details" = '{}' WHERE "id" = (SELECT "id" FROM "AuditEntry" ORDER BY "id" OFFSET 5 LIMIT 1)`);
      await target.pool!.query(`ALTER TABLE "AuditEntry" ENABLE TRIGGER USER`);
    } finally {
      await target.close();
    }
    const r = await runCli(copyToPostgresCli, [url, "--verify-only"], env);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/audit chain on PostgreSQL broken at entry #\d+: content does not match its hash/);
    expect(r.stdout).toContain("Copy NOT verified");
  }, 120_000);

  it("a target that lost a file fails verification, naming no document", async () => {
    const url = await server.createDatabase("lostfile");
    expect((await runCli(copyToPostgresCli, [url], env)).code).toBe(0);
    const target = await openStore(url);
    try {
      await target.pool!.query(`DELETE FROM "StoredFile"`);
    } finally {
      await target.close();
    }
    const r = await runCli(copyToPostgresCli, [url, "--verify-only"], env);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`knowledge-base file ${attachedHash.slice(0, 12)}…: beside SQLite, but not on PostgreSQL`);
  }, 120_000);

  it("a copy that fails part-way leaves the target as it was", async () => {
    const url = await server.createDatabase("halfway");
    const target = await openStore(url);
    const seeded = Number((await target.pool!.query(`SELECT count(*) AS n FROM "ProjectMilestone"`)).rows[0].n);
    // A rule on the target that one of the later tables breaks.
    await target.pool!.query(`ALTER TABLE "RoleAssignment" ADD CONSTRAINT "refuse_for_test" CHECK (false) NOT VALID`);
    await target.close();
    const r = await runCli(copyToPostgresCli, [url], env);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/copying RoleAssignment failed \(23514 refuse_for_test/);
    expect(await pgCount(url, "Person")).toBe(0);
    expect(await pgCount(url, "AuditEntry")).toBe(0);
    expect(await pgCount(url, "ProjectMilestone")).toBe(seeded);
  }, 120_000);
});
