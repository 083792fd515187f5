import { defineConfig } from "vitest/config";
import { postgresUnavailable } from "./test/helpers/postgres.ts";

// The store and area suites run twice: on the embedded SQLite (the default engine) and on a real
// PostgreSQL that the run starts itself. The platform, browser, fault and performance suites run once,
// on SQLite; those that matter on PostgreSQL start their own server (the multi-process tests, the
// two-engine files named *-engines.test.ts and the few below that choose their engine themselves).
const AREAS = ["core", "cli", "contacts", "disclosure", "events", "grievance", "handoff", "kb", "project", "rebate", "report", "scheduler", "training"];
// Suites outside the areas that follow TEST_ENGINE and matter on PostgreSQL: kill -9 mid-write.
const ALSO_ON_POSTGRES = ["test/faults/crash.test.ts", "test/faults/discord-inbox.test.ts"];
const CHOOSE_THEIR_OWN_ENGINE = [
  "test/**/*engines.test.ts",
  "test/core/copy-to-postgres.test.ts",
  "test/core/data-layer.test.ts",
  "test/core/postgres-store.test.ts",
];

// Off CI, a machine without PostgreSQL's server binaries runs the SQLite half and says so; on CI the
// missing server is an error (postgresUnavailable throws there), never a silent pass.
const noPostgres = postgresUnavailable();
if (noPostgres) console.warn(`SKIPPING the area suites on PostgreSQL: ${noPostgres}`);

const shared = {
  testTimeout: 30_000,
  hookTimeout: 60_000,
  // Each file opens its own temporary database; files run in parallel on the machine's cores.
  pool: "forks" as const,
  // expect.poll waits for a browser or a bot to show something; the full suite runs many files on two
  // cores, so the wait is bounded generously. It is a bound, not a speed target (those live in the bench).
  expect: { poll: { timeout: 10_000 } },
};

export default defineConfig({
  test: {
    reporters: ["default"],
    projects: [
      {
        test: {
          ...shared,
          name: "all",
          include: ["test/**/*.test.ts"],
          // Every suite, on the embedded SQLite; TEST_ENGINE=postgres (npm run test:postgres) runs them all
          // on one real PostgreSQL server instead.
          globalSetup: ["test/helpers/postgres-run.ts"],
        },
      },
      ...(noPostgres ? [] : [{
        test: {
          ...shared,
          name: "postgres",
          include: [...AREAS.map((area) => `test/${area}/**/*.test.ts`), ...ALSO_ON_POSTGRES],
          exclude: CHOOSE_THEIR_OWN_ENGINE,
          env: { TEST_ENGINE: "postgres" },
          globalSetup: ["test/helpers/postgres-project.ts"],
        },
      }]),
    ],
  },
});
