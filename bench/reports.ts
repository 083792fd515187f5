// Membership report benchmark (not a test): 70,000 members with three years of status history
// (about four history rows each: hired, joins, drops, moves), 40 sub-locals, 400 worksites.
// Times every membership report statewide and per sub-local: the figures plus the chart PNG
// (target p95 ≤ 200 ms), and separately the whole layout with CSV and PDF.
//
// The shape that gets there (db/reports-members.ts): each import rebuilds a cell per month ×
// place with counts only; a report reads the cells of two month-ends (a few hundred rows), never
// the 70,000 people, and the chart is drawn from at most 30 bars.
//
// Run: `npm run bench -- reports` or `npx tsx bench/reports.ts`. BENCH_MEMBERS=… changes the size.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { renderChart } from "../commands/core/chart/index.ts";
import { readyMemberCells } from "../commands/core/member-cells.ts";
import { closeWorkerPools } from "../commands/core/pool.ts";
import { createFormatter } from "../commands/core/format.ts";
import { createTranslator } from "../commands/core/i18n.ts";
import { grievanceFeature } from "../commands/grievance/index.ts";
import { CATALOGUE } from "../commands/report/catalogue.ts";
import { reportFeature } from "../commands/report/index.ts";
import { renderReport } from "../commands/report/layout.ts";
import type { ReportEnv } from "../commands/report/model.ts";
import { parsePeriod } from "../commands/report/period.ts";
import type { ReportScope } from "../commands/report/scope.ts";
import { openStore, type Store } from "../db/store.ts";

const N = Number(process.env.BENCH_MEMBERS ?? 70_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 12);
const TARGET_P95_MS = 200;
const TODAY = "2026-11-23";
const NOW = new Date("2026-11-23T18:00:00Z");
const MEMBER_REPORTS = ["membership", "growth", "cape", "contacts", "leaders"];

/** Fills sub-locals, people, roles and three years of history with set-based SQL (no row crosses into JS). */
function generate(store: Store, n: number): void {
  const { sql } = store;
  sql
    .transaction(() => {
      sql.exec(`
        WITH RECURSIVE s(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM s WHERE i < 39)
        INSERT INTO "SubLocal" (code, name, employer, employerGroup, region, createdAt)
        SELECT printf('SL-%03d', 100 + i), printf('Bench sub-local %d', i), printf('Employer %d', i % 8), printf('Group %d', i % 4), printf('Region %d', i % 6),
               '2023-01-01T00:00:00.000+00:00' FROM s;`);
      sql.exec(`
        WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < ${n})
        INSERT INTO "Person" (memberNumber, firstName, lastName, workEmail, workPhone, subLocalId, employer, employerGroup, region, worksite, membershipStatus, capeContributor, createdAt, updatedAt)
        SELECT printf('%07d', 2000000 + i), 'Bench', printf('Member %d', i),
          CASE WHEN i % 9 = 0 THEN NULL ELSE printf('m%d@example.org', i) END,
          CASE WHEN i % 7 = 0 THEN NULL ELSE '503-555-0100' END,
          (SELECT id FROM "SubLocal" WHERE code = printf('SL-%03d', 100 + (i % 40))),
          printf('Employer %d', (i % 40) % 8), printf('Group %d', (i % 40) % 4), printf('Region %d', (i % 40) % 6),
          printf('Worksite %d-%d', i % 40, (i / 40) % 10),
          CASE WHEN i % 10 < 7 THEN 'member' WHEN i % 10 < 9 THEN 'fee_payer' ELSE 'non_member' END,
          CASE WHEN i % 10 < 7 AND i % 4 = 0 THEN 1 ELSE 0 END,
          '2023-11-01T00:00:00.000+00:00', '2026-11-01T00:00:00.000+00:00'
        FROM s;`);
      // History: hired as a fee payer, most join later, some drop or retire, some move worksite.
      sql.exec(`
        WITH RECURSIVE k(j) AS (SELECT 0 UNION ALL SELECT j + 1 FROM k WHERE j < 3)
        INSERT INTO "MemberStatusHistory" (personId, since, status, cape, subLocalCode, employer, employerGroup, region, worksite, hireDate, source, recordedAt)
        SELECT p.id,
          date('2023-12-01', '+' || ((p.id * 37 + k.j * 271) % 1090 * (k.j + 1) / 4) || ' days'),
          CASE k.j WHEN 0 THEN 'fee_payer' WHEN 3 THEN p.membershipStatus
            ELSE CASE WHEN (p.id + k.j) % 5 = 0 THEN 'lapsed' WHEN (p.id + k.j) % 11 = 0 THEN 'retired' ELSE 'member' END END,
          CASE WHEN k.j = 3 THEN p.capeContributor ELSE 0 END,
          s.code, p.employer, p.employerGroup, p.region,
          CASE WHEN k.j < 2 AND p.id % 6 = 0 THEN printf('Worksite %d-%d', p.id % 40, (p.id / 40 + 3) % 10) ELSE p.worksite END,
          '2023-12-01', 'import', '2026-11-01T00:00:00.000+00:00'
        FROM "Person" p JOIN "SubLocal" s ON s.id = p.subLocalId JOIN k ON k.j < 1 + (p.id % 4) OR k.j = 3;`);
      // Stewards: about 1 per 80 members in each sub-local.
      sql.exec(`
        INSERT INTO "RoleAssignment" (personId, role, scopeType, scopeId, startsAt, grantedAt)
        SELECT p.id, 'steward', 'sublocal', s.code, '2024-01-01T00:00:00.000+00:00', '2024-01-01T00:00:00.000+00:00'
        FROM "Person" p JOIN "SubLocal" s ON s.id = p.subLocalId WHERE p.id % 80 = 3;`);
    })
    .immediate();
  sql.exec("ANALYZE");
}

const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
};
const round = (x: number) => Math.round(x * 10) / 10;

export async function run(): Promise<Record<string, unknown>[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "uh-bench-reports-"));
  const store = await openStore(`file:${path.join(dir, "bench.db")}`);
  try {
    let t0 = Date.now();
    generate(store, N);
    const generateMs = Date.now() - t0;
    t0 = Date.now();
    // The cells as every reader builds them: the fold on a worker thread, saved on this one.
    await readyMemberCells(store, { now: NOW, today: TODAY, timeZone: "America/Los_Angeles" });
    const rebuildMs = Date.now() - t0;
    const built = store.sql.prepare(`SELECT count(*) AS "cells", count(DISTINCT "month") AS "months" FROM "MemberReportCell"`).get() as { cells: number; months: number };
    const counts = store.sql.prepare(`SELECT (SELECT count(*) FROM "Person") AS members, (SELECT count(*) FROM "MemberStatusHistory") AS history`).get() as { members: number; history: number };
    const t = createTranslator([reportFeature.strings, grievanceFeature.strings]).forLocale("en");
    const fmt = createFormatter("en", "America/Los_Angeles");
    const env: ReportEnv = { store, t, fmt, clock: { now: () => NOW }, today: TODAY };
    const period = parsePeriod("2026-11")!;
    const scopes: { label: string; scope: ReportScope }[] = [
      { label: "statewide", scope: { kind: "statewide" } },
      ...[100, 107, 113, 121, 139].map((i) => ({ label: "sub-local", scope: { kind: "sublocal" as const, id: `SL-${i}` } })),
    ];
    // The machine is shared: the load average says how much of each figure is waiting for a core.
    const out: Record<string, unknown>[] = [
      { report: "setup", members: counts.members, historyRows: counts.history, cells: built.cells, months: built.months, generateMs, rebuildCellsMs: rebuildMs, loadAverage1m: round(os.loadavg()[0]!), cores: os.availableParallelism() },
    ];
    for (const name of MEMBER_REPORTS) {
      const def = CATALOGUE.find((r) => r.name === name)!;
      for (const kind of ["statewide", "sub-local"]) {
        const cases = scopes.filter((s) => s.label === kind);
        await renderChart((await def.build(env, cases[0]!.scope, period)).chart); // warm caches and lazy loads
        const figures: number[] = [];
        const withChart: number[] = [];
        const whole: number[] = [];
        for (let i = 0; i < RUNS; i++) {
          const { scope } = cases[i % cases.length]!;
          let s = performance.now();
          const doc = await def.build(env, scope, period);
          figures.push(performance.now() - s);
          await renderChart(doc.chart);
          withChart.push(performance.now() - s);
          s = performance.now();
          await renderReport(await def.build(env, scope, period), "bench", t, fmt, "private");
          whole.push(performance.now() - s);
        }
        const p95 = round(percentile(withChart, 95));
        out.push({
          report: name,
          scope: kind,
          members: counts.members,
          p50Ms: round(percentile(withChart, 50)),
          p95Ms: p95,
          targetP95Ms: TARGET_P95_MS,
          ok: p95 <= TARGET_P95_MS,
          figuresOnlyP95Ms: round(percentile(figures, 95)),
          withCsvAndPdfP95Ms: round(percentile(whole, 95)),
        });
      }
    }
    return out;
  } finally {
    await closeWorkerPools();
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  for (const r of await run()) console.log(JSON.stringify({ bench: "reports", ...r }));
}
