// The tests Stryker runs against mutants of the rule modules (`npm run mutate`): the unit and
// core-level tests that guard those rules, not the whole suite (the CPU is shared, and adapter
// end-to-end tests add minutes without guarding these rules any better).
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: [
      "test/core/roles.test.ts",
      "test/core/tokens.test.ts",
      "test/grievance/permissions.test.ts",
      "test/grievance/deadlines.test.ts",
      "test/grievance/deadline-rules.test.ts",
      "test/contacts/policy.test.ts",
      "test/contacts/grants.test.ts",
      "test/contacts/grant-views.test.ts",
      "test/contacts/flow.test.ts",
      "test/contacts/rules.test.ts",
      "test/kb/doors.test.ts",
      "test/kb/rules.test.ts",
      "test/disclosure/rules.test.ts",
      "test/disclosure/grievance-release.test.ts",
      "test/report/disclosure.test.ts",
      "test/report/scope-rules.test.ts",
      "test/rebate/guards.test.ts",
      "test/rebate/signatures.test.ts",
      "test/rebate/permissions.test.ts",
      "test/rebate/records.test.ts",
      "test/rebate/flow.test.ts",
      "test/rebate/ledger.test.ts",
      "test/rebate/import.test.ts",
      "test/rebate/local-months.test.ts",
    ],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
    maxWorkers: 1,
  },
});
