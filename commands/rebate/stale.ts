// A dispute nobody has touched for 10 business days (the union's calendar: weekends and its
// holidays don't count) reminds treasury staff; 5 business days after that it escalates
// to the executive director. Any step on the dispute re-plans both from that day; resolving it
// cancels them. Planning is pure; syncStaleJobs turns the plan into scheduler jobs.
import { transaction, type Tx } from "../../db/data.ts";
import { cancelJobsIn, scheduleJobNowIn } from "../../db/jobs.ts";
import { holderIds } from "../../db/rebate.ts";
import { OPEN_DISPUTE, type DisputeRow } from "../../db/rebate-requests.ts";
import type { Store } from "../../db/store.ts";
import { unionTimeZone } from "../core/format.ts";
import { addBusinessDays, localDate, unionHolidays, zonedInstant, type HolidaySet } from "../core/calendar.ts";
import { treasuryDeciders } from "./route.ts";

export const STALE_JOB = "rebate.dispute_stale";
export const REMIND_AFTER = 10;
export const ESCALATE_AFTER = 15;
const AT = "09:00";

export interface StalePlan {
  stage: "remind" | "escalate";
  at: Date;
}

/** When an untouched dispute reminds staff and escalates, counted from its last activity. */
export function planStale(lastActivity: Date, holidays: HolidaySet, timeZone: string): StalePlan[] {
  const day = localDate(lastActivity, timeZone);
  return [
    { stage: "remind", at: zonedInstant(addBusinessDays(day, REMIND_AFTER, holidays), AT, timeZone) },
    { stage: "escalate", at: zonedInstant(addBusinessDays(day, ESCALATE_AFTER, holidays), AT, timeZone) },
  ];
}

export const staleKey = (id: number) => `rebate:dispute:${id}:stale:`;

/**
 * Re-plans a dispute's reminders inside the caller's transaction, so they commit with the step that
 * moved the dispute (or resolved it). `holidays` is read before the transaction (unionHolidays).
 */
export async function syncStaleJobsIn(tx: Tx, store: Store, d: DisputeRow, now: Date, holidays: HolidaySet): Promise<number> {
  await cancelJobsIn(tx, { idempotencyKeyPrefix: staleKey(d.id) });
  if (!OPEN_DISPUTE.includes(d.status)) return 0;
  const tz = unionTimeZone();
  let n = 0;
  for (const p of planStale(new Date(d.lastActivityAt), holidays, tz)) {
    const people = p.stage === "remind" ? await treasuryDeciders(tx, now) : await holderIds(tx, "executive_director", now);
    for (const personId of people) {
      await scheduleJobNowIn(tx, store, {
        kind: STALE_JOB,
        target: { personId },
        payload: { id: d.id, stage: p.stage, since: d.lastActivityAt },
        dueAt: p.at,
        timeZone: tz,
        idempotencyKey: `${staleKey(d.id)}${d.lastActivityAt}:${p.stage}:p${personId}`,
        onConflict: "update",
      });
      n++;
    }
  }
  return n;
}

/** syncStaleJobsIn as a transaction of its own. */
export async function syncStaleJobs(store: Store, d: DisputeRow, now: Date): Promise<number> {
  const holidays = await unionHolidays(store);
  return transaction(store, (tx) => syncStaleJobsIn(tx, store, d, now, holidays));
}
