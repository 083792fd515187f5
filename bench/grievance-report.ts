// Grievance report benchmark (not a test): 1,000,000 grievances with their history
// (3 events each on average), spread over ten years, 40 sub-locals and 8 employers. Times the
// full report (every figure of /grievance report, plus the PNG and CSV) statewide over all ten
// years, and a few narrower reports. Target: ≤ 500 ms per report.
//
// The shape that gets there (db/grievances-report.ts): a report cell per filing month × sub-local
// (× employer group × region) holds that cell's figures pre-aggregated, rewritten in the same
// transaction as every change to one of its cases. A report merges the cells of the whole months
// in its range (GrievanceReportCell, keyed by month, with an index per scope column), and reads the
// cases of partial months at its edges through a covering index that starts with the filing date
// and holds every column the report aggregates, so neither the case table nor the history is read.
//
// Run: `npx tsx bench/grievance-report.ts` or `npm run bench -- grievance-report`.
// BENCH_GRIEVANCES=… changes the size.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createTranslator } from "../commands/core/i18n.ts";
import { ensureDefaults } from "../commands/grievance/model.ts";
import { computeReport, releaseReport, reportReply } from "../commands/grievance/report.ts";
import { createFormatter } from "../commands/core/format.ts";
import { grievanceStrings } from "../commands/grievance/strings.ts";
import { data } from "../db/data.ts";
import { rebuildReportCells } from "../db/grievances-report.ts";
import { openStore, type Store } from "../db/store.ts";
import type { ReportScope } from "../commands/grievance/permissions.ts";

const N = Number(process.env.BENCH_GRIEVANCES ?? 1_000_000);
const RUNS = 5;
const TARGET_MS = 500;

/** Fills the tables with raw SQL in one transaction (recursive CTEs: no row crosses into JS). */
async function generate(store: Store, n: number): Promise<void> {
  await ensureDefaults(store);
  const { sql } = store;
  sql.transaction(() => {
    // 40 sub-locals over 8 employers in 4 employer groups and 6 regions.
    sql.exec(`
      WITH RECURSIVE s(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM s WHERE i < 39)
      INSERT OR IGNORE INTO "SubLocal" (code, name, employer, employerGroup, region, createdAt)
      SELECT printf('SL-%03d', 100 + i), printf('Bench sub-local %d', i), printf('Employer %d', i % 8), printf('Group %d', i % 4),
             printf('Region %d', i % 6), '2026-01-01T00:00:00.000+00:00' FROM s;`);
    sql.exec(`DROP INDEX IF EXISTS "Grievance_filedOn_subLocalCode_employerGroup_region_category_employer_article_stepNo_status_outcome_daysToResolve_idx"`);
    sql.exec(`
      WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < ${n}),
      g AS (
        SELECT i,
          date('2017-01-01', '+' || ((i * 7919) % 3612) || ' days') AS filed,
          (i * 31) % 40 AS sl,
          CASE WHEN (i * 17) % 100 < 40 THEN 0 ELSE (i * 13) % 9 END AS cat,
          CASE WHEN (i * 7) % 100 < 30 THEN 21 ELSE (i * 11) % 40 END AS art,
          (i * 3) % 100 AS r
        FROM s)
      INSERT INTO "Grievance" (ref, year, seq, grievantId, stewardId, subLocalCode, employer, employerGroup, region, worksite, contractId,
        articles, article, category, incidentDate, learnedDate, disciplineDate, narrative, remedy, stepNo, stepStartedOn, responseReceivedOn,
        status, outcome, filedOn, filedMonth, closedOn, daysToResolve, createdById, createdAt, updatedAt)
      SELECT printf('G-%s-%06d', substr(filed, 1, 4), i), CAST(substr(filed, 1, 4) AS INTEGER), i, 1 + i % 300, 2, printf('SL-%03d', 100 + sl),
        printf('Employer %d', sl % 8), printf('Group %d', sl % 4), printf('Region %d', sl % 6), NULL, 1,
        CAST(art AS TEXT), CAST(art AS TEXT),
        CASE cat WHEN 0 THEN 'discipline' WHEN 1 THEN 'pay' WHEN 2 THEN 'scheduling' WHEN 3 THEN 'overtime' WHEN 4 THEN 'leave'
          WHEN 5 THEN 'safety' WHEN 6 THEN 'discrimination' WHEN 7 THEN 'contracting_out' ELSE 'other' END,
        filed, filed, NULL, 'bench', 'bench',
        CASE WHEN r < 45 THEN 0 WHEN r < 75 THEN 1 WHEN r < 90 THEN 2 WHEN r < 97 THEN 3 ELSE 4 END, filed, NULL,
        CASE WHEN r % 7 = 0 THEN 'open' ELSE 'closed' END,
        CASE WHEN r % 7 = 0 THEN NULL ELSE CASE r % 5 WHEN 0 THEN 'settled' WHEN 1 THEN 'withdrawn' WHEN 2 THEN 'granted' WHEN 3 THEN 'denied' ELSE 'resolved' END END,
        filed, substr(filed, 1, 7),
        CASE WHEN r % 7 = 0 THEN NULL ELSE date(filed, '+' || (5 + (i * 37) % 300) || ' days') END,
        CASE WHEN r % 7 = 0 THEN NULL ELSE 5 + (i * 37) % 300 END,
        2, '2026-01-01T00:00:00.000+00:00', '2026-01-01T00:00:00.000+00:00'
      FROM g;`);
    // History: filed + one or more later events per case (3 on average).
    sql.exec(`
      WITH RECURSIVE k(j) AS (SELECT 0 UNION ALL SELECT j + 1 FROM k WHERE j < 4)
      INSERT INTO "GrievanceEvent" (grievanceId, at, actorId, kind, stepNo, text, details)
      SELECT g.id, g.filedOn || 'T17:00:00.000+00:00', 2,
        CASE WHEN k.j = 0 THEN 'filed' WHEN k.j = 1 THEN 'response' WHEN k.j = 2 THEN 'advanced' WHEN k.j = 3 THEN 'note' ELSE 'closed' END,
        g.stepNo, NULL, '{}'
      FROM "Grievance" g JOIN k ON k.j < 1 + (g.id % 5);`);
    sql.exec(`CREATE INDEX "Grievance_filedOn_subLocalCode_employerGroup_region_category_employer_article_stepNo_status_outcome_daysToResolve_idx"
      ON "Grievance"("filedOn", "subLocalCode", "employerGroup", "region", "category", "employer", "article", "stepNo", "status", "outcome", "daysToResolve")`);
  }).immediate();
  sql.exec("ANALYZE");
  await rebuildReportCells(store);
}

async function time(fn: () => unknown): Promise<number> {
  const t0 = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]!;

export async function run(): Promise<Record<string, unknown>[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "uh-bench-griev-"));
  const store = await openStore(`file:${path.join(dir, "bench.db")}`);
  try {
    const t0 = Date.now();
    await generate(store, N);
    const setupMs = Date.now() - t0;
    const counts = store.sql.prepare(`SELECT (SELECT count(*) FROM "Grievance") AS grievances, (SELECT count(*) FROM "GrievanceEvent") AS events`).get() as {
      grievances: number;
      events: number;
    };
    const plan = (store.sql.prepare(`EXPLAIN QUERY PLAN SELECT category, employer, article, stepNo, status, outcome, daysToResolve FROM "Grievance" WHERE filedOn BETWEEN '2026-11-01' AND '2026-11-14'`).all() as { detail: string }[])
      .map((r) => r.detail)
      .join("; ");
    const t = createTranslator([grievanceStrings]).forLocale("en");
    const cases: { name: string; scope: ReportScope; from: string; to: string }[] = [
      { name: "statewide, all ten years", scope: { kind: "statewide" }, from: "2017-01-01", to: "2026-12-31" },
      { name: "statewide, last 12 months", scope: { kind: "statewide" }, from: "2025-12-01", to: "2026-11-30" },
      { name: "statewide, mid-month to mid-month (partial months read from cases)", scope: { kind: "statewide" }, from: "2025-11-15", to: "2026-11-14" },
      { name: "employer group, all years", scope: { kind: "employer_group", id: "Group 1" }, from: "2017-01-01", to: "2026-12-31" },
      { name: "sub-local, all years", scope: { kind: "sublocal", id: "SL-105" }, from: "2017-01-01", to: "2026-12-31" },
    ];
    const out: Record<string, unknown>[] = [];
    for (const c of cases) {
      let total = 0;
      await computeReport(data(store), c.scope, c.from, c.to); // warm the page cache
      const ms: number[] = [];
      for (let i = 0; i < RUNS; i++)
        ms.push(
          await time(async () => {
            const f = await releaseReport(data(store), c.scope, c.from, c.to, c.to);
            total = (await computeReport(data(store), c.scope, c.from, c.to)).total;
            await reportReply({ t, fmt: createFormatter("en", "America/Los_Angeles") }, f, c.scope, "private"); // summary, chart PNG, CSV and PDF: the whole report
          }),
        );
      const med = Math.round(median(ms) * 10) / 10;
      out.push({ report: c.name, grievances: counts.grievances, events: counts.events, casesInReport: total, medianMs: med, maxMs: Math.round(Math.max(...ms) * 10) / 10, targetMs: TARGET_MS, ok: med <= TARGET_MS, setupMs });
    }
    out.push({ report: "query plan", plan });
    return out;
  } finally {
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  for (const r of await run()) console.log(JSON.stringify({ bench: "grievance-report", ...r }));
}
