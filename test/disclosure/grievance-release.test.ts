// The grievance figures as every door publishes them (commands/core/disclosure-grievances.ts),
// piece by piece: one table with every breakdown, the steps in order, the median only over five
// resolved cases, top issues named without counts, whole months cut at today, and a run of months
// audited against its months as they are published on their own.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { releaseFigures, releaseGrievanceMonth, releaseGrievanceMonths, wholeMonths, type ReleasedMonth } from "../../commands/core/disclosure-grievances.ts";
import { isWithheld } from "../../commands/core/disclosure.ts";
import { ensureDefaults } from "../../commands/grievance/model.ts";
import type { ReportFigures } from "../../db/grievances-report.ts";
import { data, transaction } from "../../db/data.ts";
import { changeCase, contractByCode, createGrievance } from "../../db/grievances.ts";
import { reportWorld, type ReportWorld } from "../report/helpers.ts";

/** Figures whose breakdowns not given add up to the total (one employer, article and step; outcomes from open and resolved). */
function figures(over: Partial<ReportFigures>): ReportFigures {
  const total = over.total ?? 0;
  return {
    from: "2026-10-01",
    to: "2026-10-31",
    total,
    open: 0,
    closed: 0,
    byCategory: [["pay", total]],
    byEmployer: [["DHS", total]],
    byArticle: [["21.1", total]],
    byStep: [0, total],
    byOutcome: [["open", over.open ?? 0], ["settled", over.closed ?? 0]],
    medianDaysToResolve: null,
    months: [],
    topIssuesByEmployer: [],
    ...over,
  };
}

// October: 23 cases, 20 resolved; 3 about pay; steps reached 1 (17) and 2 (6).
const october = figures({
  total: 23,
  open: 3,
  closed: 20,
  byCategory: [["pay", 3], ["discipline", 20]],
  byEmployer: [["DHS", 23]],
  byArticle: [["21.1", 23]],
  byStep: [0, 17, 6],
  byOutcome: [["open", 3], ["settled", 20]],
  medianDaysToResolve: 12,
  months: [{ month: "2026-10", filed: 23, closed: 20 }],
  topIssuesByEmployer: [
    { employer: "DHS", issues: [{ category: "discipline", article: "21.1", count: 20 }, { category: "pay", article: "21.1", count: 3 }] },
    { employer: "ODOT", issues: [{ category: "pay", article: "9", count: 2 }] },
  ],
});

describe("releaseFigures: one month's table", () => {
  const r = releaseFigures(october);

  it("releases every breakdown from the one table: hidden below 5, rounded to 5, largest first", () => {
    expect(r.from).toBe("2026-10-01");
    expect(r.to).toBe("2026-10-31");
    expect(r.filed).toBe(25);
    expect(r.open).toBeNull();
    expect(r.closed).toBe(20);
    expect(r.byCategory).toEqual([["discipline", 20], ["pay", null]]);
    expect(r.byEmployer).toEqual([["DHS", 25]]);
    expect(r.byArticle).toEqual([["21.1", 25]]);
    expect(r.byOutcome).toEqual([["settled", 20], ["open", null]]);
  });

  it("lists every step in order, a step no case reached as 0", () => {
    expect(r.byStep).toEqual([0, 15, 5, 0, 0]);
  });

  it("a single month's only month is the table itself", () => {
    expect(r.byMonth).toEqual([{ month: "2026-10", filed: 25, closed: 20 }]);
  });

  it("names each employer's issues of at least 5 cases, without their counts; an employer with none is left out", () => {
    expect(r.topIssuesByEmployer).toEqual([{ employer: "DHS", issues: [{ category: "discipline", article: "21.1" }] }]);
    const five = releaseFigures(figures({ ...october, topIssuesByEmployer: [{ employer: "DHS", issues: [{ category: "pay", article: "21.1", count: 5 }, { category: "safety", article: "3", count: 4 }] }] }));
    expect(five.topIssuesByEmployer).toEqual([{ employer: "DHS", issues: [{ category: "pay", article: "21.1" }] }]);
  });

  it("gives the median only when at least 5 resolved cases are shown", () => {
    const median = (closed: number, open = 10) => releaseFigures(figures({ total: open + closed, open, closed, medianDaysToResolve: 9, byOutcome: [["open", open], ["settled", closed]] })).medianDaysToResolve;
    expect(median(20)).toBe(9);
    expect(median(5)).toBe(9);
    expect(median(3)).toBeNull();
    expect(median(0)).toBeNull();
    // Resolved cases withheld (two hidden cells of 4 would otherwise add up to the total): no median.
    const withheld = releaseFigures(figures({ total: 8, open: 4, closed: 4, medianDaysToResolve: 9, months: [{ month: "2026-09", filed: 4, closed: 4 }, { month: "2026-10", filed: 4, closed: 0 }] }), [
      { month: "2026-09", filed: null, closed: null },
      { month: "2026-10", filed: null, closed: null },
    ]);
    expect(withheld.medianDaysToResolve).toBeNull();
  });
});

describe("releaseFigures: a run of months", () => {
  it("keeps the months as published on their own, and withholds a total they would pin down", () => {
    // Two months of 4 cases each, each shown as "fewer than 5": a total of 8 (shown as 10, so 8 to
    // 12) would say both were exactly 4.
    const months: ReleasedMonth[] = [
      { month: "2026-09", filed: null, closed: null },
      { month: "2026-10", filed: null, closed: null },
    ];
    const f = figures({ from: "2026-09-01", total: 8, open: 8, closed: 0, months: [{ month: "2026-09", filed: 4, closed: 0 }, { month: "2026-10", filed: 4, closed: 0 }] });
    const r = releaseFigures(f, months);
    expect(isWithheld(r.filed)).toBe(true);
    expect(r.byMonth).toEqual(months);
    expect(r.byMonth).not.toBe(months);
    // Without the months, the same figures as one table: nothing pins a hidden cell, the total shows.
    expect(releaseFigures(f).filed).toBe(10);
  });

  it("the months are taken as they were published: a month published as 0 leaves the rest of the run to the hidden one", () => {
    // September published as 0 (whatever it holds now): the run's total would then be October's
    // alone, and October is hidden, so the total is withheld.
    const f = figures({ from: "2026-09-01", total: 15, open: 15, closed: 0, months: [{ month: "2026-09", filed: 12, closed: 0 }, { month: "2026-10", filed: 3, closed: 0 }] });
    expect(isWithheld(releaseFigures(f, [{ month: "2026-09", filed: 0, closed: 0 }, { month: "2026-10", filed: null, closed: null }]).filed)).toBe(true);
    expect(releaseFigures(f, [{ month: "2026-09", filed: 10, closed: 0 }, { month: "2026-10", filed: null, closed: null }]).filed).toBe(15);
  });

  it("a month missing from those given is released on its own terms", () => {
    const f = figures({ from: "2026-09-01", total: 24, open: 4, closed: 20, months: [{ month: "2026-09", filed: 20, closed: 20 }, { month: "2026-10", filed: 4, closed: 0 }] });
    const r = releaseFigures(f, [{ month: "2026-09", filed: 20, closed: 20 }]);
    expect(r.filed).toBe(25);
    expect(r.open).toBeNull();
  });
});

describe("months from the database, as every door asks for them", () => {
  let w: ReportWorld;
  const SL = { kind: "sublocal" as const, id: "SL-083" };
  const TODAY = "2026-11-23";

  async function file(filed: string, closed: boolean) {
    const contractId = (await contractByCode(data(w.store), "STATE-2025"))!.id;
    const { id } = await transaction(w.store, (tx) => createGrievance(
      tx,
      {
        grievantId: 1, stewardId: 2, subLocalCode: "SL-083", employer: "Oregon Department of Human Services", employerGroup: "Human Services", region: null, worksite: null, contractId,
        articles: "21.1", article: "21.1", category: "pay", incidentDate: filed, learnedDate: filed, disciplineDate: null, narrative: "x", remedy: "y",
        stepNo: 1, filedOn: filed, createdById: 2,
      },
      new Date(`${filed}T18:00:00Z`),
    ));
    if (closed) await transaction(w.store, (tx) => changeCase(tx, id, { status: "closed", outcome: "settled", closedOn: filed, daysToResolve: 1 }, { at: new Date(), actorId: 2, kind: "closed", stepNo: 1, text: null, details: {} }, { stepNo: 1, status: "open" }));
  }

  beforeAll(async () => {
    w = await reportWorld(`${TODAY}T17:00:00Z`);
    await ensureDefaults(w.store);
    // February 6, September 7, October 12, November (to the 23rd) 6.
    for (let i = 0; i < 6; i++) await file(`2026-02-${String(10 + i)}`, true);
    for (let i = 0; i < 7; i++) await file(`2026-09-${String(10 + i)}`, true);
    for (let i = 0; i < 12; i++) await file(`2026-10-${String(10 + i)}`, i < 10);
    for (let i = 0; i < 6; i++) await file(`2026-11-${String(10 + i)}`, false);
  });
  afterAll(() => w.close());

  it("a month runs from its first to its last day, the current month to today", async () => {
    const oct = await releaseGrievanceMonth(data(w.store), SL, "2026-10", TODAY);
    expect([oct.from, oct.to, oct.filed, oct.closed]).toEqual(["2026-10-01", "2026-10-31", 10, 10]);
    expect(oct.byMonth).toEqual([{ month: "2026-10", filed: 10, closed: 10 }]);
    const sep = await releaseGrievanceMonth(data(w.store), SL, "2026-09", TODAY);
    expect([sep.from, sep.to, sep.filed]).toEqual(["2026-09-01", "2026-09-30", 5]);
    const feb = await releaseGrievanceMonth(data(w.store), SL, "2026-02", TODAY);
    expect([feb.from, feb.to, feb.filed]).toEqual(["2026-02-01", "2026-02-28", 5]);
    const nov = await releaseGrievanceMonth(data(w.store), SL, "2026-11", TODAY);
    expect([nov.from, nov.to, nov.filed, nov.open]).toEqual(["2026-11-01", TODAY, 5, 5]);
  });

  it("a run of months: each month as published on its own, the run to the end of its last month", async () => {
    const run = await releaseGrievanceMonths(data(w.store), SL, ["2026-09", "2026-10"], TODAY);
    expect([run.from, run.to, run.filed]).toEqual(["2026-09-01", "2026-10-31", 20]);
    expect(run.byMonth).toEqual([
      { month: "2026-09", filed: 5, closed: 5 },
      { month: "2026-10", filed: 10, closed: 10 },
    ]);
    const three = await releaseGrievanceMonths(data(w.store), SL, ["2026-08", "2026-09", "2026-10"], TODAY);
    expect([three.from, three.to]).toEqual(["2026-08-01", "2026-10-31"]);
    const toNow = await releaseGrievanceMonths(data(w.store), SL, ["2026-10", "2026-11"], TODAY);
    expect([toNow.from, toNow.to]).toEqual(["2026-10-01", TODAY]);
    expect(toNow.byMonth.map((m) => m.month)).toEqual(["2026-10", "2026-11"]);
  });

  it("months after today are left out; a run of one month is that month", async () => {
    const one = await releaseGrievanceMonths(data(w.store), SL, ["2026-11", "2026-12"], TODAY);
    expect(one).toEqual(await releaseGrievanceMonth(data(w.store), SL, "2026-11", TODAY));
    // On the first of a month, that month has begun.
    const first = await releaseGrievanceMonths(data(w.store), SL, ["2026-10", "2026-11"], "2026-11-01");
    expect(first.byMonth.map((m) => m.month)).toEqual(["2026-10", "2026-11"]);
    const alone = await releaseGrievanceMonths(data(w.store), SL, ["2026-10"], TODAY);
    expect(alone).toEqual(await releaseGrievanceMonth(data(w.store), SL, "2026-10", TODAY));
    const future = await releaseGrievanceMonths(data(w.store), SL, ["2027-01", "2027-02"], TODAY);
    // Nothing yet: its first month only, with nothing in it.
    expect([future.from, future.filed, future.byMonth]).toEqual(["2027-01-01", 0, []]);
  });

  it("a range of days covers the whole months it touches", () => {
    expect(wholeMonths("2026-09-15", "2026-11-02")).toEqual(["2026-09", "2026-10", "2026-11"]);
    expect(wholeMonths("2026-10-31", "2026-10-31")).toEqual(["2026-10"]);
  });
});
