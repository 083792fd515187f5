import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Each file opens its own temporary database; files run in parallel on the machine's cores.
    pool: "forks",
    // TEST_ENGINE=postgres runs the suites on one real PostgreSQL server started here.
    globalSetup: ["test/helpers/postgres-run.ts"],
    reporters: ["default"],
    // expect.poll waits for a browser or a bot to show something; the full suite runs many files on two
    // cores, so the wait is bounded generously. It is a bound, not a speed target (those live in the bench).
    expect: { poll: { timeout: 10_000 } },
  },
});
