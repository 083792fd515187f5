// One suite on both engines: SQLite in a temporary file and a real PostgreSQL the suite starts
// itself (one server per file). Without PostgreSQL binaries the PostgreSQL half is skipped loudly
// (a failure on CI, see postgres.ts).
import path from "node:path";
import { afterAll, beforeAll, describe } from "vitest";
import { openStore, type Engine, type Store } from "../../db/store.ts";
import { postgresUnavailable, startPostgres, type TestPostgres } from "./postgres.ts";
import { tempDir } from "./store.ts";

export interface EngineCase {
  engine: Engine;
  /** Why this engine's tests are skipped here, or undefined. */
  skip: string | undefined;
  /** The store, opened (and migrated) before the suite's tests run. */
  store(): Store;
}

/** `body` runs once per engine, each with a fresh, empty, migrated database. */
export function describeOnBothEngines(name: string, body: (c: EngineCase) => void): void {
  const unavailable = postgresUnavailable();
  if (unavailable) console.warn(`SKIPPING ${name} on PostgreSQL: ${unavailable}`);
  describe.each([
    { engine: "sqlite" as Engine, skip: undefined as string | undefined },
    { engine: "postgres" as Engine, skip: unavailable },
  ])(`${name} on $engine`, ({ engine, skip }) => {
    let server: TestPostgres | undefined;
    let store: Store | undefined;
    beforeAll(async () => {
      if (skip) return;
      if (engine === "postgres") {
        server = await startPostgres();
        store = await openStore(await server.createDatabase(name));
      } else {
        store = await openStore(`file:${path.join(tempDir(), "engines.db")}`);
      }
    }, 120_000);
    afterAll(async () => {
      await store?.close();
      await server?.stop();
    });
    body({
      engine,
      skip,
      store: () => {
        if (!store) throw new Error("the store is not open yet");
        return store;
      },
    });
  });
}
