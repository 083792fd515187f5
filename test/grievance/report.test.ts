// Report figures on a known data set, and the standard layout: summary, PNG and CSV.
import zlib from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureDefaults } from "../../commands/grievance/model.ts";
import { aggregate, computeReport, reportCsv } from "../../commands/grievance/report.ts";
import { data, transaction } from "../../db/data.ts";
import { changeCase, contractByCode, createGrievance } from "../../db/grievances.ts";
import { releaseFigures } from "../../commands/core/disclosure-grievances.ts";
import { loadReportRun, rebuildReportCells, reportRows } from "../../db/grievances-report.ts";
import { world, type World } from "./helpers.ts";
import { createFormatter } from "../../commands/core/format.ts";

let w: World;
const DHS = "Oregon Department of Human Services";
const ODOT = "Oregon Department of Transportation";

beforeAll(async () => {
  w = await world("2026-11-23T17:00:00Z");
  await ensureDefaults(w.store);
  const contractId = (await contractByCode(data(w.store), "STATE-2025"))!.id;
  const cases: [string, string | null, string, string, string, string, number, string | null, string | null][] = [
    // sub-local, group, employer, category, article, filed, step, outcome, closed
    ["SL-083", "Human Services", DHS, "discipline", "21.1", "2026-01-10", 1, "settled", "2026-02-09"],
    ["SL-083", "Human Services", DHS, "discipline", "21.1", "2026-01-20", 2, "denied", "2026-01-30"],
    ["SL-083", "Human Services", DHS, "pay", "18", "2026-02-05", 0, null, null],
    ["SL-390", "Human Services", DHS, "discipline", "21.1", "2026-03-01", 3, "granted", "2026-04-10"],
    ["SL-140", "Transportation", ODOT, "safety", "30", "2026-03-15", 0, null, null],
    ["SL-140", "Transportation", ODOT, "safety", "30", "2025-12-31", 0, "withdrawn", "2026-01-05"],
  ];
  for (const [sub, group, employer, category, article, filed, step, outcome, closedOn] of cases) {
    const { id } = await transaction(w.store, (tx) => createGrievance(
      tx,
      {
        grievantId: 1, stewardId: 2, subLocalCode: sub, employer, employerGroup: group, region: null, worksite: null, contractId,
        articles: article, article, category, incidentDate: filed, learnedDate: filed, disciplineDate: null, narrative: "x", remedy: "y",
        stepNo: step, filedOn: filed, createdById: 2,
      },
      new Date(`${filed}T18:00:00Z`),
    ));
    if (outcome)
      await transaction(w.store, (tx) => changeCase(
        tx, id,
        { status: "closed", outcome, closedOn, daysToResolve: Math.round((Date.parse(closedOn!) - Date.parse(filed)) / 86_400_000) },
        { at: new Date(), actorId: 2, kind: "closed", stepNo: step, text: null, details: {} },
        { stepNo: step, status: "open" },
      ));
  }
});
afterAll(async () => {
  await w.close();
});

describe("figures", () => {
  it("counts a quarter statewide", async () => {
    const f = await computeReport(data(w.store), { kind: "statewide" }, "2026-01-01", "2026-03-31");
    expect(f).toMatchObject({ total: 5, open: 2, closed: 3, medianDaysToResolve: 30 });
    expect(f.byCategory).toEqual([["discipline", 3], ["pay", 1], ["safety", 1]]);
    expect(f.byEmployer).toEqual([[DHS, 4], [ODOT, 1]]);
    expect(f.byArticle).toEqual([["21.1", 3], ["18", 1], ["30", 1]]);
    expect(f.byStep).toEqual([2, 1, 1, 1, 0]);
    expect(f.byOutcome).toEqual([["denied", 1], ["granted", 1], ["settled", 1], ["open", 2]]);
    expect(f.months).toEqual([
      { month: "2026-01", filed: 2, closed: 2 },
      { month: "2026-02", filed: 1, closed: 0 },
      { month: "2026-03", filed: 2, closed: 1 },
    ]);
    expect(f.topIssuesByEmployer).toEqual([
      { employer: DHS, issues: [{ category: "discipline", article: "21.1", count: 3 }, { category: "pay", article: "18", count: 1 }] },
      { employer: ODOT, issues: [{ category: "safety", article: "30", count: 1 }] },
    ]);
  });
  it("limits to a sub-local, an employer group, a range", async () => {
    expect((await computeReport(data(w.store), { kind: "sublocal", id: "SL-083" }, "2026-01-01", "2026-03-31"))).toMatchObject({ total: 3, closed: 2, medianDaysToResolve: 10 });
    expect((await computeReport(data(w.store), { kind: "employer_group", id: "Transportation" }, "2025-01-01", "2026-12-31"))).toMatchObject({ total: 2, open: 1 });
    expect((await computeReport(data(w.store), { kind: "statewide" }, "2026-03-01", "2026-03-01")).total).toBe(1);
    expect((await computeReport(data(w.store), { kind: "region", id: "Nowhere" }, "2026-01-01", "2026-12-31")).total).toBe(0);
  });
  it("pre-aggregated cells give the same figures as reading every case, for whole and partial months", async () => {
    for (const [scope, from, to] of [
      [{ kind: "statewide" }, "2025-01-01", "2026-12-31"],
      [{ kind: "statewide" }, "2026-01-15", "2026-03-10"],
      [{ kind: "sublocal", id: "SL-083" }, "2026-01-01", "2026-02-28"],
      [{ kind: "employer_group", id: "Human Services" }, "2025-12-31", "2026-03-01"],
    ] as const) {
      const direct = aggregate(await reportRows(data(w.store), scope, from, to), from, to);
      expect((await computeReport(data(w.store), scope, from, to))).toEqual(direct);
    }
    const before = await computeReport(data(w.store), { kind: "statewide" }, "2025-01-01", "2026-12-31");
    expect(await rebuildReportCells(w.store)).toBe(5); // 2025-12 SL-140, 2026-01 SL-083, 2026-02 SL-083, 2026-03 SL-390 and SL-140
    expect((await computeReport(data(w.store), { kind: "statewide" }, "2025-01-01", "2026-12-31"))).toEqual(before);
  });

  it("a run read once gives each month's figures and the run's, as reading each on its own does", async () => {
    for (const [scope, parts] of [
      [{ kind: "statewide" }, [["2025-12-01", "2025-12-31"], ["2026-01-01", "2026-01-31"], ["2026-02-01", "2026-02-28"], ["2026-03-01", "2026-03-31"]]],
      // The last month cut short (to today), as the current month is.
      [{ kind: "statewide" }, [["2026-01-01", "2026-01-31"], ["2026-02-01", "2026-02-28"], ["2026-03-01", "2026-03-10"]]],
      [{ kind: "sublocal", id: "SL-083" }, [["2026-01-01", "2026-01-31"], ["2026-02-01", "2026-02-28"]]],
      [{ kind: "employer_group", id: "Human Services" }, [["2026-02-01", "2026-02-28"], ["2026-03-01", "2026-03-31"], ["2026-04-01", "2026-04-30"]]],
    ] as const) {
      const got = await loadReportRun(data(w.store), scope, parts.map(([from, to]) => ({ from, to })));
      for (const [i, [from, to]] of parts.entries()) expect(got.parts[i]).toEqual(await computeReport(data(w.store), scope, from, to));
      expect(got.run).toEqual(await computeReport(data(w.store), scope, parts[0]![0], parts.at(-1)![1]));
    }
    expect((await loadReportRun(data(w.store), { kind: "statewide" }, [{ from: "2026-01-01", to: "2026-01-31" }])).run.total).toBe(2);
    await expect(loadReportRun(data(w.store), { kind: "statewide" }, [])).rejects.toThrow(RangeError);
    await expect(loadReportRun(data(w.store), { kind: "statewide" }, [{ from: "2026-01-01", to: "2026-02-28" }])).rejects.toThrow(RangeError);
    await expect(loadReportRun(data(w.store), { kind: "statewide" }, [{ from: "2026-02-01", to: "2026-02-28" }, { from: "2026-01-01", to: "2026-01-31" }])).rejects.toThrow(RangeError);
  });

  it("takes the lower middle for an even count, and null when nothing closed", () => {
    const row = (days: number | null, status = "closed") => ["2026-01", "pay", "E", "1", 0, status, "settled", days] as const;
    expect(aggregate([row(4), row(10), row(2), row(7)].map((r) => [...r]), "2026-01-01", "2026-01-31").medianDaysToResolve).toBe(4);
    expect(aggregate([row(null, "open")].map((r) => [...r]), "2026-01-01", "2026-01-31").medianDaysToResolve).toBeNull();
  });
});

function pngInfo(buf: Buffer) {
  expect(buf.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  let off = 8;
  const idat: Buffer[] = [];
  let width = 0;
  let height = 0;
  while (off < buf.length) {
    const len = buf.readUInt32BE(off);
    const type = buf.toString("ascii", off + 4, off + 8);
    const data = buf.subarray(off + 8, off + 8 + len);
    if (type === "IHDR") (width = data.readUInt32BE(0)), (height = data.readUInt32BE(4));
    if (type === "IDAT") idat.push(data);
    off += 12 + len;
  }
  const raw = zlib.inflateSync(Buffer.concat(idat));
  return { width, height, raw };
}

describe("the command", () => {
  it("gives an officer their sub-local's report with a chart and a CSV, the same layout every time", async () => {
    const out = await w.cmd("pat", "/grievance report SL-083 2026-01-01 2026-03-31");
    const text = w.text(out);
    expect(text).toContain("Grievance report — sub-local SL-083, Jan 2026 to Mar 2026");
    // Three cases: every count is a small number, so none is printed (not "Filed: 3", "Discipline 2 · Pay 1").
    expect(text.replace(/art\. [\d.]+|Step \d|\d{4}-\d{2}(-\d{2})?|1 to 4/g, "")).not.toMatch(/(?<![\d.])[1-4](?![\d.])/);
    expect(text).toContain("Open: fewer than 5");
    expect(text).toContain("Discipline fewer than 5 · Pay fewer than 5");
    expect(text).toContain("Median days to resolution: —");
    expect(text).toContain("rounded to the nearest 5");
    const [png, csv] = out.reply.files;
    expect(png!.mime).toBe("image/png");
    const info = pngInfo(png!.data as Buffer);
    expect(info.width).toBeGreaterThanOrEqual(600);
    expect(info.height).toBeGreaterThanOrEqual(300);
    expect(info.raw.length).toBeGreaterThan(info.width * info.height * 3);
    expect(csv!.mime).toBe("text/csv");
    expect(String(csv!.data).split("\r\n").slice(0, 8)).toEqual([
      "section,key,sub_key,value",
      "meta,scope,,sub-local SL-083",
      "meta,from,,2026-01-01",
      "meta,to,,2026-03-31",
      "total,filed,,not shown (it would reveal a small group)",
      "total,open,,fewer than 5",
      "total,closed,,fewer than 5",
      "total,median_days_to_resolution,,",
    ]);
    const again = await w.cmd("pat", "/grievance report SL-083 2026-01-01 2026-03-31");
    expect((again.reply.files[0]!.data as Buffer).equals(png!.data as Buffer)).toBe(true);
  });

  it("defaults to the caller's widest scope and refuses others", async () => {
    expect(w.text(await w.cmd("dana", "/grievance report"))).toContain("employer group Human Services");
    expect(w.text(await w.cmd("pat", "/grievance report statewide"))).toContain("can't see reports for statewide");
    expect(w.text(await w.cmd("pat", "/grievance report SL-390"))).toContain("can't see reports");
    expect(w.text(await w.cmd("maria", "/grievance report"))).toMatch(/only for/);
    expect(w.text(await w.cmd("sofia", "/grievance report nowhere"))).toContain("isn't a report scope");
    expect(w.text(await w.cmd("sofia", "/grievance report statewide 2026-05-01 2026-01-01"))).toContain("must not be after");
    expect(w.text(await w.cmd("paul", "/grievance report statewide 2026-01-01 2026-03-31"))).toContain("Filed: 5");
  });

  it("CSV cells that look like formulas are quoted", () => {
    const f = aggregate([["2026-01", "pay", "=HYPERLINK(1)", "1", 0, "open", null, null]], "2026-01-01", "2026-01-31");
    expect(reportCsv(releaseFigures(f), { kind: "statewide" }, w.core.translator.forLocale("en"))).toContain('employer,"=HYPERLINK(1)",,fewer than 5');
  });

  it("staff schedule it weekly to a leaders' channel", async () => {
    const out = await w.cmd("sofia", "/grievance schedule weekly #leaders statewide");
    expect(w.text(out)).toContain("posted in #leaders every Monday at 08:00");
    const rule = await data(w.store).one(`SELECT kind, cron, "channelId" FROM "RecurringRule" WHERE kind = 'grievance.report'`);
    expect(rule).toEqual({ kind: "grievance.report", cron: "0 8 * * 1", channelId: "leaders" });
    expect(w.text(await w.cmd("pat", "/grievance schedule weekly #leaders"))).toMatch(/only for/);
    const kind = w.core.registry.features.find((f) => f.area === "grievance")!.jobs!.find((k) => k.kind === "grievance.report")!;
    w.clock.set("2026-04-06T15:00:00Z");
    const r = await kind.render(
      { store: w.store, t: w.core.translator.forLocale("en"), locale: "en", clock: w.clock, log: { info() {}, warn() {}, error() {} }, timeZone: "America/Los_Angeles", features: w.core.registry.features, fmt: createFormatter("en", "America/Los_Angeles"), job: {} as never },
      { scope: { kind: "statewide" }, frequency: "weekly" },
    );
    expect(r?.files?.map((f) => f.mime)).toEqual(["image/png", "text/csv", "application/pdf"]);
    expect(JSON.stringify(r?.blocks)).toContain("May 1, 2025 to Apr 5, 2026");
    expect(w.text(await w.cmd("sofia", "/grievance schedule off #leaders statewide"))).toContain("Stopped");
  });
});
