// vitest's global setup for TEST_ENGINE=postgres: one PostgreSQL server for the whole run, started
// before any test file and stopped after the last; each file reaches it through TEST_POSTGRES_URL
// (test/helpers/postgres.ts), so no file pays for its own initdb.
import { startPostgres } from "./postgres.ts";

export default async function setup(): Promise<(() => Promise<void>) | undefined> {
  if (process.env.TEST_ENGINE !== "postgres" || process.env.TEST_POSTGRES_URL) return undefined;
  const server = await startPostgres();
  const url = await server.createDatabase("postgres_run");
  // A superuser URL to the server: each caller creates its own databases from it.
  process.env.TEST_POSTGRES_URL = url;
  return () => server.stop();
}
