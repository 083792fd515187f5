// The union's holiday calendar (one table, named for the area that first needed it): the days no
// business-day count includes, in every area. Seeded with the state holidays the first time it is
// empty; staff add and remove days with /grievance admin. Statements on the data layer (either
// engine): callers read the calendar once and hand it to the pure date rules (core/calendar.ts).
import type { Db, Tx } from "./data.ts";

/** Fills an empty calendar with `holidays`, inside the caller's transaction; a calendar staff have edited is left as it is. */
export async function ensureHolidays(tx: Tx, holidays: readonly { date: string; name: string }[]): Promise<void> {
  const has = (await tx.one<{ n: number }>(`SELECT count(*) AS "n" FROM "GrievanceHoliday"`))!.n > 0;
  if (has) return;
  const now = new Date();
  for (const h of holidays) await tx.run(`INSERT INTO "GrievanceHoliday" ("date", "name", "createdAt") VALUES (?, ?, ?) ON CONFLICT ("date") DO NOTHING`, h.date, h.name, now);
}

export async function holidayDates(db: Db): Promise<Set<string>> {
  return new Set((await db.all<{ date: string }>(`SELECT "date" FROM "GrievanceHoliday"`)).map((r) => r.date));
}

export async function listHolidays(db: Db, from: string, to: string): Promise<{ date: string; name: string }[]> {
  return db.all<{ date: string; name: string }>(`SELECT "date", "name" FROM "GrievanceHoliday" WHERE "date" BETWEEN ? AND ? ORDER BY "date"`, from, to);
}

/** Returns false when the day is already a holiday. */
export async function addHoliday(db: Db, date: string, name: string, byId: number, at: Date): Promise<boolean> {
  const r = await db.run(`INSERT INTO "GrievanceHoliday" ("date", "name", "createdById", "createdAt") VALUES (?, ?, ?, ?) ON CONFLICT ("date") DO NOTHING`, date, name, byId, at);
  return r.changes > 0;
}

export async function removeHoliday(db: Db, date: string): Promise<boolean> {
  return (await db.run(`DELETE FROM "GrievanceHoliday" WHERE "date" = ?`, date)).changes > 0;
}
