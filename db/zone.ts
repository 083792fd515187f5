// The local's time zone (UNION_TIME_ZONE): the zone every local day, month and deadline is read
// in. Here in db/ so the data modules that date rows by the local day may read it (db/ never
// imports commands/); commands/core/format.ts re-exports it for the areas.
import { isTimeZone } from "./cron.ts";

export const DEFAULT_TIME_ZONE = "America/Los_Angeles";

/** The local's time zone: UNION_TIME_ZONE when it is a valid IANA zone, else America/Los_Angeles. */
export function unionTimeZone(env: NodeJS.ProcessEnv = process.env): string {
  const tz = env.UNION_TIME_ZONE;
  return tz && isTimeZone(tz) ? tz : DEFAULT_TIME_ZONE;
}
