// The scheduler's lag for /metrics, read through the engine-neutral data layer: the same figure on
// SQLite and on a real PostgreSQL the test starts itself.
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { data } from "../../db/data.ts";
import { schedulerLagSeconds } from "../../db/metrics.ts";
import { openStore, type Store } from "../../db/store.ts";
import { postgresUnavailable, startPostgres, type TestPostgres } from "../helpers/postgres.ts";
import { tempDir } from "../helpers/store.ts";

const unavailable = postgresUnavailable();
if (unavailable) console.warn(`SKIPPING the scheduler lag on PostgreSQL: ${unavailable}`);

describe.each([
  { engine: "sqlite", skip: undefined as string | undefined },
  { engine: "postgres", skip: unavailable },
])("scheduler lag on $engine", ({ engine, skip }) => {
  let server: TestPostgres | undefined;
  let store: Store;
  const now = new Date("2026-12-06T10:00:00.000Z");
  const ago = (s: number) => new Date(now.getTime() - s * 1000);

  beforeAll(async () => {
    if (skip) return;
    if (engine === "postgres") {
      server = await startPostgres();
      store = await openStore(await server.createDatabase("lag"));
    } else {
      store = await openStore(`file:${path.join(tempDir(), "lag.db")}`);
    }
  });
  afterAll(async () => {
    await store?.close();
    await server?.stop();
  });

  const job = (status: string, dueAt: Date) =>
    data(store).run(
      `INSERT INTO "ScheduledJob" ("kind", "platform", "channelId", "dueAt", "status", "updatedAt") VALUES (?, ?, ?, ?, ?, ?)`,
      "unionhall.reminder", "slack", "C1", dueAt, status, now,
    );

  it.skipIf(skip)("is 0 with nothing overdue, then the age of the oldest pending job that fell due", async () => {
    expect(await schedulerLagSeconds(store, now)).toBe(0);
    await job("pending", new Date(now.getTime() + 60_000));
    await job("sent", ago(3600));
    await job("cancelled", ago(7200));
    expect(await schedulerLagSeconds(store, now)).toBe(0);
    await job("pending", ago(30));
    await job("pending", ago(90.5));
    expect(await schedulerLagSeconds(store, now)).toBe(90.5);
  });
});
