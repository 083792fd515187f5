// Read-only figures for /metrics, computed when scraped, through the engine-neutral data layer
// (the same statement on SQLite and PostgreSQL).
import { data } from "./data.ts";
import type { Store } from "./store.ts";

/** How late the scheduler is: seconds since the oldest pending job fell due (0 when none is overdue). */
export async function schedulerLagSeconds(store: Pick<Store, "engine" | "sql" | "pool">, now: Date): Promise<number> {
  const r = await data(store).one<{ due: string | null }>(`SELECT MIN("dueAt") AS "due" FROM "ScheduledJob" WHERE "status" = 'pending' AND "dueAt" <= ?`, now);
  return r?.due ? Math.max(0, (now.getTime() - new Date(r.due).getTime()) / 1000) : 0;
}
