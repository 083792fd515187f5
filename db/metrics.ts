// Read-only figures for /metrics, computed when scraped.
import { one } from "./sql.ts";
import type { Store } from "./store.ts";
import { dbTime } from "./time.ts";

/** How late the scheduler is: seconds since the oldest pending job fell due (0 when none is overdue). */
export function schedulerLagSeconds(store: Store, now: Date): number {
  const r = one<{ due: string | null }>(store, `SELECT MIN("dueAt") AS "due" FROM "ScheduledJob" WHERE "status" = 'pending' AND "dueAt" <= ?`, dbTime(now));
  return r?.due ? Math.max(0, (now.getTime() - new Date(r.due).getTime()) / 1000) : 0;
}
