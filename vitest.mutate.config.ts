// The tests Stryker runs against mutants of the rule modules (`npm run mutate`): the unit and
// core-level tests that guard those rules, not the whole suite (the CPU is shared, and adapter
// end-to-end tests add minutes without guarding these rules any better).
import { defineConfig } from "vitest/config";

// MUTATE_TESTS=rebate/money,rebate/periods narrows a run to those test files (paths under test/,
// without .test.ts): measuring one module against the tests written for it takes minutes, not an
// hour, and the score is a floor (the full list could only kill more).
// REBATE_TEMPLATE=/tmp/some-file.db lets every test process of a run reuse one seeded demo database
// (test/rebate/setup.ts): a mutant's tests then take seconds, not the seeding's quarter minute, and
// no longer time out under load. Only for mutants outside db/: the seed runs db/ code.
const only = process.env.MUTATE_TESTS?.split(",").map((t) => `test/${t.trim()}.test.ts`);

export default defineConfig({
  test: {
    include: only ?? [
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
      "test/rebate/history.test.ts",
      "test/rebate/lists.test.ts",
      "test/rebate/ledger-rules.test.ts",
      "test/rebate/races.test.ts",
      "test/rebate/jobs.test.ts",
      "test/rebate/home.test.ts",
      "test/rebate/amounts-es.test.ts",
      "test/rebate/money.test.ts",
      "test/rebate/periods.test.ts",
      "test/rebate/request-form.test.ts",
      "test/rebate/staff-settings.test.ts",
      "test/rebate/statement-doors.test.ts",
      "test/rebate/statement-decisions.test.ts",
      "test/rebate/request-decisions.test.ts",
      "test/rebate/dispute-doors.test.ts",
      "test/rebate/balance-views.test.ts",
      "test/rebate/ledger-csv.test.ts",
      "test/rebate/statement-doc.test.ts",
      "test/rebate/stale.test.ts",
      "test/rebate/cards.test.ts",
      "test/rebate/notices.test.ts",
      "test/rebate/treasury-jobs.test.ts",
      "test/rebate/pending.test.ts",
    ],
    // Generous: a mutation run shares the machine's CPU with everyone's tests, and a test timing out
    // in the initial run stops the whole measurement.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: "forks",
    maxWorkers: 1,
  },
});
