// When a role granted "until 2026-12-31" ends, and how its dates read. A person reads the last day
// they hold the role, in the local's time zone: "until 2026-12-31" holds all of the 31st there and
// ends at the next local midnight, and is listed as 2026-12-31 again, never as the UTC day after.
import { zonedToUtc } from "../../db/cron.ts";

/** The instant a role granted until `lastDay` (YYYY-MM-DD) stops: the start of the next local day. */
export function roleEndsAt(lastDay: string, timeZone: string): Date {
  const [y, m, d] = lastDay.split("-").map(Number) as [number, number, number];
  const next = new Date(Date.UTC(y, m - 1, d + 1));
  return zonedToUtc({ year: next.getUTCFullYear(), month: next.getUTCMonth() + 1, day: next.getUTCDate(), hour: 0, minute: 0 }, timeZone);
}

/** The local calendar day (YYYY-MM-DD) of an instant. */
export function localDay(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(at);
}

/** The last local day a role that ends at `endsAt` was held (an end is exclusive). */
export function lastDayHeld(endsAt: Date, timeZone: string): string {
  return localDay(new Date(endsAt.getTime() - 1), timeZone);
}

/** "2026-01-05 → 2026-12-31", or "2026-01-05 → …" while it has no end. */
export function roleSpan(r: { startsAt: Date; endsAt: Date | null }, timeZone: string): string {
  return `${localDay(r.startsAt, timeZone)} → ${r.endsAt ? lastDayHeld(r.endsAt, timeZone) : "…"}`;
}

/** Whether a role granted now until `lastDay` would already be over. */
export function untilIsPast(lastDay: string, now: Date, timeZone: string): boolean {
  return roleEndsAt(lastDay, timeZone) <= now;
}
