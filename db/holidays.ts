// The union's holiday calendar (one table, named for the area that first needed it): the days no
// business-day count includes, in every area. Seeded with the state holidays the first time it is
// empty; staff add and remove days with /grievance admin.
import { dbTime } from "./time.ts";
import type { Store } from "./store.ts";

/** Fills an empty calendar with `holidays`; a calendar staff have edited is left as it is. */
export function ensureHolidays(store: Store, holidays: readonly { date: string; name: string }[]): void {
  const { sql } = store;
  sql
    .transaction(() => {
      const has = (sql.prepare(`SELECT count(*) AS n FROM "GrievanceHoliday"`).get() as { n: number }).n > 0;
      if (has) return;
      const now = dbTime(new Date());
      const ins = sql.prepare(`INSERT OR IGNORE INTO "GrievanceHoliday" (date, name, createdAt) VALUES (?, ?, ?)`);
      for (const h of holidays) ins.run(h.date, h.name, now);
    })
    .immediate();
}
export function holidayDates(store: Store): Set<string> {
  return new Set((store.sql.prepare(`SELECT date FROM "GrievanceHoliday"`).all() as { date: string }[]).map((r) => r.date));
}
export function listHolidays(store: Store, from: string, to: string): { date: string; name: string }[] {
  return store.sql.prepare(`SELECT date, name FROM "GrievanceHoliday" WHERE date BETWEEN ? AND ? ORDER BY date`).all(from, to) as { date: string; name: string }[];
}
/** Returns false when the day is already a holiday. */
export function addHoliday(store: Store, date: string, name: string, byId: number, at: Date): boolean {
  return store.sql.prepare(`INSERT OR IGNORE INTO "GrievanceHoliday" (date, name, createdById, createdAt) VALUES (?, ?, ?, ?)`).run(date, name, byId, dbTime(at)).changes > 0;
}
export function removeHoliday(store: Store, date: string): boolean {
  return store.sql.prepare(`DELETE FROM "GrievanceHoliday" WHERE date = ?`).run(date).changes > 0;
}
