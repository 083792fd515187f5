// The grievance figures as published: one release of a month's figures and of any run of months,
// used by every door that shows them (the report catalogue, /grievance report and its scheduled
// posts, the handoff packet). A month is always released as one table with every breakdown any
// door shows (open / resolved, category, employer, article, step reached, outcome), so two doors
// can never be combined into a figure one of them hid; a run of months is audited against its
// months as they are published on their own.
import { loadReport, loadReportRun, monthsBetween, STEP_COUNT, type ReportFigures, type ReportFilter } from "../../db/grievances-report.ts";
import type { Db } from "../../db/data.ts";
import { byReleased, protectNamed, release, releasedNumber, THRESHOLD, type Released } from "./disclosure.ts";

export interface ReleasedMonth {
  month: string;
  filed: Released;
  closed: Released;
}

export interface ReleasedGrievances {
  /** First and last day covered (whole months; the current month up to today). */
  from: string;
  to: string;
  filed: Released;
  open: Released;
  closed: Released;
  byCategory: [string, Released][];
  byEmployer: [string, Released][];
  byArticle: [string, Released][];
  /** Cases by the step they reached, in step order. */
  byStep: Released[];
  /** By outcome, "open" among them. */
  byOutcome: [string, Released][];
  byMonth: ReleasedMonth[];
  /** Only when at least 5 cases were resolved (a median of fewer describes individual cases). */
  medianDaysToResolve: number | null;
  /**
   * Each employer's most frequent issues (of at least 5 cases), named without their counts: a
   * count here would be a cell of a category-by-employer table and could reveal a figure the
   * table above withheld.
   */
  topIssuesByEmployer: { employer: string; issues: { category: string; article: string }[] }[];
}

const pad = (n: number) => String(n).padStart(2, "0");
const lastDay = (month: string) => {
  const [y, m] = month.split("-").map(Number) as [number, number];
  return `${month}-${pad(new Date(Date.UTC(y, m, 0)).getUTCDate())}`;
};

/**
 * Releases one table of figures: every breakdown together, with `months` (the months' filed counts
 * as already published on their own) as one more breakdown when the table covers several months.
 */
export function releaseFigures(f: ReportFigures, months?: readonly ReleasedMonth[]): ReleasedGrievances {
  const steps = f.byStep.map((n, i): [string, number] => [String(i), n]);
  const r = protectNamed({
    total: f.total,
    breakdowns: {
      status: [["open", f.open], ["closed", f.closed]],
      category: f.byCategory,
      employer: f.byEmployer,
      article: f.byArticle,
      step: steps,
      outcome: f.byOutcome,
      ...(months ? { month: f.months.map((m): [string, number] => [m.month, m.filed]) } : {}),
    },
    ...(months ? { fixed: { month: f.months.map((m) => months.find((x) => x.month === m.month)?.filed ?? release(m.filed)) } } : {}),
  });
  const b = r.breakdowns;
  const open = b.status![0]![1];
  const closed = b.status![1]![1];
  const closedShown = releasedNumber(closed);
  return {
    from: f.from,
    to: f.to,
    filed: r.total,
    open,
    closed,
    byCategory: byReleased(b.category!),
    byEmployer: byReleased(b.employer!),
    byArticle: byReleased(b.article!),
    byStep: Array.from({ length: STEP_COUNT }, (_, i): Released => (b.step![i] ? b.step![i]![1] : 0)),
    byOutcome: byReleased(b.outcome!),
    byMonth: months ? [...months] : f.months.map((m) => ({ month: m.month, filed: r.total, closed })),
    medianDaysToResolve: closedShown !== null && closedShown >= THRESHOLD ? f.medianDaysToResolve : null,
    topIssuesByEmployer: f.topIssuesByEmployer
      .map((e) => ({
        employer: e.employer,
        issues: e.issues.filter((i) => i.count >= THRESHOLD).map(({ category, article }) => ({ category, article })),
      }))
      .filter((e) => e.issues.length > 0),
  };
}

/** One month's figures, as every door publishes them ("YYYY-MM"; the current month up to today). */
export async function releaseGrievanceMonth(db: Db, filter: ReportFilter, month: string, today: string): Promise<ReleasedGrievances> {
  const end = lastDay(month);
  return releaseFigures(await loadReport(db, filter, `${month}-01`, end > today ? today : end));
}

/**
 * A run of whole months ("YYYY-MM", in order), as every door publishes it: each month released on
 * its own, then the run audited against them. Months after today are left out.
 */
export async function releaseGrievanceMonths(db: Db, filter: ReportFilter, months: readonly string[], today: string): Promise<ReleasedGrievances> {
  const past = months.filter((m) => `${m}-01` <= today);
  const run = past.length > 0 ? past : months.slice(0, 1);
  if (run.length === 1) return releaseGrievanceMonth(db, filter, run[0]!, today);
  // Each month's figures as releaseGrievanceMonth reads them, and the run's, from one read.
  const loaded = await loadReportRun(
    db,
    filter,
    run.map((m) => ({ from: `${m}-01`, to: lastDay(m) > today ? today : lastDay(m) })),
  );
  const perMonth = loaded.parts.map((f) => releaseFigures(f));
  return releaseFigures(loaded.run, perMonth.map((m) => m.byMonth[0]!));
}

/** The whole months a range of days touches: a report covers whole months only, so ranges of days cannot be differenced. */
export const wholeMonths = (from: string, to: string): string[] => monthsBetween(from, to);
