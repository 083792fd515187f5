// The server ends one of the pool's idle connections (PostgreSQL restarted, a failover, an operator's
// pg_terminate_backend): the bot keeps running, and its next statement is answered on a new connection.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { data } from "../../db/data.ts";
import { openStore, type Store } from "../../db/store.ts";
import { postgresUnavailable, startPostgres, type TestPostgres } from "../helpers/postgres.ts";

const unavailable = postgresUnavailable();
if (unavailable) console.warn(`SKIPPING the dropped-connection test on PostgreSQL: ${unavailable}`);

describe.skipIf(Boolean(unavailable))("an idle connection ended by the server", () => {
  let server: TestPostgres;
  let url: string;
  let store: Store;

  beforeAll(async () => {
    server = await startPostgres();
    url = await server.createDatabase("idle");
    store = await openStore(url);
  }, 120_000);
  afterAll(async () => {
    await store?.close();
    await server?.stop();
  });

  it("is dropped from the pool without ending the process, and the next statement runs on a new one", async () => {
    const db = data(store);
    const before = (await db.one<{ pid: number }>(`SELECT pg_backend_pid() AS pid`))!.pid;
    expect(store.pool!.idleCount).toBe(1);
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      expect((await admin.query("SELECT pg_terminate_backend($1) AS done", [before])).rows[0].done).toBe(true);
    } finally {
      await admin.end();
    }
    // The pool hears of it as an 'error' event on an idle client: unheard, that event is thrown
    // from the socket's handler and ends the process (vitest reports it and fails the run).
    await expect.poll(() => store.pool!.totalCount).toBe(0);
    const after = (await db.one<{ pid: number }>(`SELECT pg_backend_pid() AS pid`))!.pid;
    expect(after).not.toBe(before);
  });
});
