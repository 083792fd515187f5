// vitest's global setup for the suites run on PostgreSQL: one server for the whole run, started
// before any test file and stopped after the last; each file reaches it through TEST_POSTGRES_URL
// (test/helpers/postgres.ts), so no file pays for its own initdb. It serves the `postgres` project of
// `npm test`, and every suite under TEST_ENGINE=postgres.
import { startPostgres } from "./postgres.ts";

export async function startRunServer(): Promise<(() => Promise<void>) | undefined> {
  if (process.env.TEST_POSTGRES_URL) return undefined;
  const server = await startPostgres();
  const url = await server.createDatabase("postgres_run");
  // A superuser URL to the server: each caller creates its own databases from it.
  process.env.TEST_POSTGRES_URL = url;
  return async () => {
    delete process.env.TEST_POSTGRES_URL;
    await server.stop();
  };
}

export default async function setup(): Promise<(() => Promise<void>) | undefined> {
  return process.env.TEST_ENGINE === "postgres" ? startRunServer() : undefined;
}
