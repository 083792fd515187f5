// Scheduled report deliveries are recurring rules (db/jobs.ts); this only asks whether one is on.
import { one } from "./sql.ts";
import type { Store } from "./store.ts";

export function activeRuleExists(store: Store, idempotencyKey: string): boolean {
  return one<{ n: number }>(store, `SELECT count(*) AS "n" FROM "RecurringRule" WHERE "idempotencyKey" = ? AND "active" = 1`, idempotencyKey)!.n > 0;
}
