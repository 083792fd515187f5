// Report periods: a month ("2026-11"), a quarter ("2026-Q4") or a year ("2026"), each compared
// with the period just before it of the same length. Calendar days in the local's time zone; the
// month arithmetic is the shared local-period helper's.
import { monthOfDay, periodFirstDay, periodKey, periodLastDay, shiftPeriod } from "../core/periods.ts";

export interface Period {
  kind: "month" | "quarter" | "year";
  /** "2026-11", "2026-Q4", "2026". */
  code: string;
  from: string;
  to: string;
  /** The months it covers, "YYYY-MM". */
  months: string[];
}

const pad = (n: number) => String(n).padStart(2, "0");

function make(kind: Period["kind"], code: string, firstMonth: string, count: number): Period {
  const months = Array.from({ length: count }, (_, i) => shiftPeriod(firstMonth, i));
  return { kind, code, from: periodFirstDay(months[0]!), to: periodLastDay(months[count - 1]!), months };
}

export function parsePeriod(raw: string): Period | null {
  const s = raw.trim().toUpperCase();
  let m = /^(\d{4})-(\d{2})$/.exec(s);
  if (m) {
    const mo = Number(m[2]);
    return mo >= 1 && mo <= 12 ? make("month", s, s, 1) : null;
  }
  m = /^(\d{4})-?Q([1-4])$/.exec(s);
  if (m) return make("quarter", `${m[1]}-Q${m[2]}`, `${m[1]}-${pad((Number(m[2]) - 1) * 3 + 1)}`, 3);
  m = /^(\d{4})$/.exec(s);
  if (m) return make("year", s, `${m[1]}-01`, 12);
  return null;
}

/** The month holding `day` ("YYYY-MM-DD", a local calendar day). */
export function monthPeriod(day: string): Period {
  return parsePeriod(monthOfDay(day))!;
}

/** The month holding an instant, in the local's zone: 18:00 on 31 October in Oregon is October. */
export function monthPeriodAt(at: Date, timeZone: string): Period {
  return parsePeriod(periodKey(at, "month", timeZone))!;
}

/** The period of the same length just before. */
export function previousPeriod(p: Period): Period {
  const n = p.months.length;
  const first = shiftPeriod(p.months[0]!, -n);
  if (p.kind === "month") return make("month", first, first, 1);
  if (p.kind === "quarter") return make("quarter", `${first.slice(0, 4)}-Q${(Number(first.slice(5, 7)) - 1) / 3 + 1}`, first, 3);
  return make("year", first.slice(0, 4), first, 12);
}

/** The period's end as of `today`: a period still running ends today. */
export function effectiveEnd(p: Period, today: string): string {
  return p.to > today ? today : p.to;
}
