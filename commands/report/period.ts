// Report periods: a month ("2026-11"), a quarter ("2026-Q4") or a year ("2026"), each compared
// with the period just before it of the same length. Calendar days in the local's time zone.

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
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

function make(kind: Period["kind"], code: string, y: number, m0: number, count: number): Period {
  const months: string[] = [];
  for (let i = 0; i < count; i++) {
    const mm = m0 + i;
    months.push(`${y + Math.floor((mm - 1) / 12)}-${pad(((mm - 1) % 12) + 1)}`);
  }
  const last = months[months.length - 1]!;
  const [ly, lm] = last.split("-").map(Number) as [number, number];
  return { kind, code, from: `${months[0]}-01`, to: `${last}-${pad(lastDay(ly, lm))}`, months };
}

export function parsePeriod(raw: string): Period | null {
  const s = raw.trim().toUpperCase();
  let m = /^(\d{4})-(\d{2})$/.exec(s);
  if (m) {
    const mo = Number(m[2]);
    return mo >= 1 && mo <= 12 ? make("month", s, Number(m[1]), mo, 1) : null;
  }
  m = /^(\d{4})-?Q([1-4])$/.exec(s);
  if (m) return make("quarter", `${m[1]}-Q${m[2]}`, Number(m[1]), (Number(m[2]) - 1) * 3 + 1, 3);
  m = /^(\d{4})$/.exec(s);
  if (m) return make("year", s, Number(m[1]), 1, 12);
  return null;
}

/** The month holding `day` ("YYYY-MM-DD"). */
export function monthPeriod(day: string): Period {
  return parsePeriod(day.slice(0, 7))!;
}

/** The period of the same length just before. */
export function previousPeriod(p: Period): Period {
  const [y, mo] = p.months[0]!.split("-").map(Number) as [number, number];
  const n = p.months.length;
  const start = mo - n; // may be ≤ 0
  const yy = y + Math.floor((start - 1) / 12);
  const mm = ((((start - 1) % 12) + 12) % 12) + 1;
  if (p.kind === "month") return make("month", `${yy}-${pad(mm)}`, yy, mm, 1);
  if (p.kind === "quarter") return make("quarter", `${yy}-Q${(mm - 1) / 3 + 1}`, yy, mm, 3);
  return make("year", String(yy), yy, 1, 12);
}

/** The period's end as of `today`: a period still running ends today. */
export function effectiveEnd(p: Period, today: string): string {
  return p.to > today ? today : p.to;
}
