// The store on a real PostgreSQL the test starts itself: openStore picks the engine from the URL,
// applies db/migrations-postgres (once, even with several processes opening at the same moment), and
// Prisma's PostgreSQL client reads back what it wrote, with the database's own rules enforced.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { engineOf, openStore, type Store } from "../../db/store.ts";
import { listMigrations, postgresMigrationsDir } from "../../db/migrate.ts";
import { postgresUnavailable, startPostgres, type TestPostgres } from "../helpers/postgres.ts";

const unavailable = postgresUnavailable();
if (unavailable) console.warn(`SKIPPING the PostgreSQL store tests: ${unavailable}`);

describe("engine from the URL", () => {
  it("reads postgres://, postgresql:// and file: and refuses anything else without echoing a password", () => {
    expect(engineOf("postgres://u@h/db")).toBe("postgres");
    expect(engineOf("postgresql://u@h/db")).toBe("postgres");
    expect(engineOf("file:./data/x.db")).toBe("sqlite");
    expect(() => engineOf("mysql://bot:s3cret@h/db")).toThrow(/file:…\) or a PostgreSQL URL/);
    expect(() => engineOf("mysql://bot:s3cret@h/db")).not.toThrow(/s3cret/);
  });
});

describe.skipIf(unavailable)("store on PostgreSQL", () => {
  let server: TestPostgres;
  let url: string;
  let store: Store;

  beforeAll(async () => {
    server = await startPostgres();
    url = await server.createDatabase("store");
    // Three processes starting at once against an empty database: one migrates, none fails.
    const opened = await Promise.all([openStore(url), openStore(url), openStore(url)]);
    store = opened[0]!;
    await Promise.all(opened.slice(1).map((s) => s.close()));
  });

  afterAll(async () => {
    await store?.close();
    await server?.stop();
  });

  it("is a PostgreSQL store with every migration recorded exactly once", async () => {
    expect(store.engine).toBe("postgres");
    const { rows } = await store.pool!.query<{ migration_name: string; n: string }>(
      `SELECT migration_name, count(*) AS n FROM "_prisma_migrations" WHERE finished_at IS NOT NULL GROUP BY migration_name ORDER BY migration_name`,
    );
    expect(rows.map((r) => r.migration_name)).toEqual(listMigrations(postgresMigrationsDir).map((m) => m.name));
    expect(rows.every((r) => Number(r.n) === 1)).toBe(true);
    const again = await openStore(url);
    await again.close();
    const after = await store.pool!.query(`SELECT 1 FROM "_prisma_migrations"`);
    expect(after.rowCount).toBe(rows.length);
  });

  it("refuses the synchronous SQLite connection with a clear reason", () => {
    expect(() => store.sql).toThrow(/not available on PostgreSQL yet/);
  });

  it("round-trips sub-locals and members, dates included, and enforces unique member numbers", async () => {
    const createdAt = new Date("2026-03-04T05:06:07.089Z");
    const sl = await store.prisma.subLocal.create({ data: { code: "SL-083", name: "Salem DHS", createdAt } });
    await store.prisma.person.create({
      data: { memberNumber: "M-1", firstName: "Lan", lastName: "Nguyễn", subLocalId: sl.id, capeContributor: true, updatedAt: createdAt },
    });
    const back = await store.prisma.person.findUniqueOrThrow({ where: { memberNumber: "M-1" }, include: { subLocal: true } });
    expect(back).toMatchObject({ firstName: "Lan", lastName: "Nguyễn", capeContributor: true, membershipStatus: "member" });
    expect(back.subLocal?.createdAt.toISOString()).toBe(createdAt.toISOString());
    await expect(
      store.prisma.person.create({ data: { memberNumber: "M-1", firstName: "X", lastName: "Y", updatedAt: createdAt } }),
    ).rejects.toThrow(/Unique constraint/);
    expect(await store.prisma.person.count()).toBe(1);
  });

  it("keeps the audit log append-only", async () => {
    const entry = await store.prisma.auditEntry.create({ data: { actor: "cli", action: "role.grant", prevHash: "0", hash: "h1" } });
    await expect(store.prisma.auditEntry.update({ where: { id: entry.id }, data: { action: "role.revoke" } })).rejects.toThrow(/append-only/);
    await expect(store.prisma.auditEntry.delete({ where: { id: entry.id } })).rejects.toThrow(/append-only/);
    expect((await store.prisma.auditEntry.findUniqueOrThrow({ where: { id: entry.id } })).action).toBe("role.grant");
  });

  it("keeps the rebate ledger's running balance in the database, append-only, closed periods shut", async () => {
    const now = new Date();
    const account = await store.prisma.rebateAccount.create({ data: { subLocalCode: "SL-083", createdAt: now } });
    const entry = (amountCents: number, postedOn: string) =>
      store.prisma.rebateEntry.create({ data: { accountId: account.id, kind: "deposit", postedOn, amountCents, description: "rebate", recordedBy: "import", createdAt: now } });
    await entry(12_345, "2026-01-15");
    await entry(-2_345, "2026-02-01");
    expect(await store.prisma.rebateAccount.findUniqueOrThrow({ where: { id: account.id } })).toMatchObject({ balanceCents: 10_000, entryCount: 2 });
    const first = await store.prisma.rebateEntry.findFirstOrThrow({ where: { accountId: account.id } });
    await expect(store.prisma.rebateEntry.update({ where: { id: first.id }, data: { amountCents: 1 } })).rejects.toThrow(/never changed/);
    await expect(store.prisma.rebateEntry.delete({ where: { id: first.id } })).rejects.toThrow(/never deleted/);
    await store.prisma.rebateStatement.create({
      data: { accountId: account.id, fromDate: "2026-01-01", toDate: "2026-01-31", status: "automatic", figures: "{}", closesThrough: "2026-01-31", createdAt: now },
    });
    await expect(entry(500, "2026-01-20")).rejects.toThrow(/closed period/);
    expect(await store.prisma.rebateAccount.findUniqueOrThrow({ where: { id: account.id } })).toMatchObject({ balanceCents: 10_000, entryCount: 2 });
  });

  it("carries the project timeline the migrations seed", async () => {
    const milestones = await store.prisma.projectMilestone.findMany({ orderBy: { sortOrder: "asc" } });
    expect(milestones).toHaveLength(17);
    expect(milestones[0]).toMatchObject({ key: "committee_named", status: "done", doneOn: "2024-11-29" });
  });
});
