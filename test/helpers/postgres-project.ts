// vitest's global setup for the `postgres` project of `npm test` (vitest.config.ts): the area suites'
// PostgreSQL server, started whatever TEST_ENGINE says.
import { startRunServer } from "./postgres-run.ts";

export default startRunServer;
