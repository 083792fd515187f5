// The grievance trend report's figures, fast at a million cases.
//
// Every case belongs to one report cell: its filing month × sub-local × employer group × region.
// Each cell holds the cell's figures pre-aggregated (counts by category, employer, article, step,
// outcome, employer issue, and a days-to-resolution histogram), rewritten in the same transaction
// as any change to one of its cases. A report over [from, to] merges the cells of the whole months
// inside the range and folds the cases of the partial months at its edges, read from the covering
// index. Both paths feed one accumulator, so they cannot disagree. Statements on the data layer
// (either engine).
import { transaction, type Db, type Tx } from "./data.ts";
import { dialect } from "./dialect.ts";
import type { Store } from "./store.ts";

export const STEP_COUNT = 5;

export type ReportFilter = { kind: "statewide" } | { kind: "sublocal" | "employer_group" | "region"; id: string };

/** One case as the report sees it. */
export type ReportTuple = [month: string, category: string, employer: string, article: string, stepNo: number, status: string, outcome: string | null, days: number | null];

/** A cell's figures. Keys of `iss`: employer \u0000 category \u0000 article. `days`: day → count. */
export interface CellSummary {
  t: number;
  c: number;
  cat: Record<string, number>;
  emp: Record<string, number>;
  art: Record<string, number>;
  step: number[];
  out: Record<string, number>;
  iss: Record<string, number>;
  days: Record<string, number>;
}

export interface ReportFigures {
  from: string;
  to: string;
  total: number;
  open: number;
  closed: number;
  byCategory: [string, number][];
  byEmployer: [string, number][];
  byArticle: [string, number][];
  /** Highest step reached: index = step number. */
  byStep: number[];
  /** Outcomes of closed cases, then "open". */
  byOutcome: [string, number][];
  medianDaysToResolve: number | null;
  /** Per filing month: cases filed, and how many of those are resolved now. */
  months: { month: string; filed: number; closed: number }[];
  topIssuesByEmployer: { employer: string; issues: { category: string; article: string; count: number }[] }[];
}

export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  let y = Number(from.slice(0, 4));
  let m = Number(from.slice(5, 7));
  const end = to.slice(0, 7);
  for (;;) {
    const k = `${y}-${String(m).padStart(2, "0")}`;
    if (k > end) break;
    out.push(k);
    if (++m > 12) (m = 1), y++;
  }
  return out;
}

const sortDesc = (m: Map<string, number>): [string, number][] => [...m.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
const SEP = "\u0000";
const HIST = 4000;

/** Folds cases and cells into report figures. */
export class ReportAccumulator {
  private cat = new Map<string, number>();
  private emp = new Map<string, number>();
  private art = new Map<string, number>();
  private out = new Map<string, number>();
  private iss = new Map<string, number>();
  private step = new Array<number>(STEP_COUNT).fill(0);
  private hist = new Float64Array(HIST + 1);
  private filed = new Map<string, number>();
  private closedBy = new Map<string, number>();
  private total = 0;
  private closed = 0;

  addRow([month, category, employer, article, stepNo, status, outcome, days]: ReportTuple): void {
    this.total++;
    this.cat.set(category, (this.cat.get(category) ?? 0) + 1);
    this.emp.set(employer, (this.emp.get(employer) ?? 0) + 1);
    this.art.set(article, (this.art.get(article) ?? 0) + 1);
    this.step[stepNo] = (this.step[stepNo] ?? 0) + 1;
    this.filed.set(month, (this.filed.get(month) ?? 0) + 1);
    const k = `${employer}${SEP}${category}${SEP}${article}`;
    this.iss.set(k, (this.iss.get(k) ?? 0) + 1);
    if (status === "closed") {
      this.closed++;
      const o = outcome ?? "resolved";
      this.out.set(o, (this.out.get(o) ?? 0) + 1);
      this.closedBy.set(month, (this.closedBy.get(month) ?? 0) + 1);
      if (days !== null) this.hist[Math.min(HIST, Math.max(0, days))]!++;
    }
  }

  addCell(month: string, s: CellSummary): void {
    this.total += s.t;
    this.closed += s.c;
    const add = (m: Map<string, number>, o: Record<string, number>) => {
      for (const k in o) m.set(k, (m.get(k) ?? 0) + o[k]!);
    };
    add(this.cat, s.cat);
    add(this.emp, s.emp);
    add(this.art, s.art);
    add(this.out, s.out);
    add(this.iss, s.iss);
    for (let i = 0; i < STEP_COUNT; i++) this.step[i]! += s.step[i] ?? 0;
    for (const d in s.days) this.hist[Number(d)]! += s.days[d]!;
    this.filed.set(month, (this.filed.get(month) ?? 0) + s.t);
    this.closedBy.set(month, (this.closedBy.get(month) ?? 0) + s.c);
  }

  /** Adds everything `other` holds (a month's figures into its run's: far fewer keys than its cells). */
  addAll(other: ReportAccumulator): void {
    this.total += other.total;
    this.closed += other.closed;
    const add = (m: Map<string, number>, o: Map<string, number>) => {
      for (const [k, n] of o) m.set(k, (m.get(k) ?? 0) + n);
    };
    add(this.cat, other.cat);
    add(this.emp, other.emp);
    add(this.art, other.art);
    add(this.out, other.out);
    add(this.iss, other.iss);
    add(this.filed, other.filed);
    add(this.closedBy, other.closedBy);
    for (let i = 0; i < STEP_COUNT; i++) this.step[i]! += other.step[i] ?? 0;
    for (let d = 0; d <= HIST; d++) this.hist[d]! += other.hist[d]!;
  }

  /** This accumulator's content as one cell's summary. */
  summary(): CellSummary {
    const obj = (m: Map<string, number>) => Object.fromEntries(m);
    const days: Record<string, number> = {};
    this.hist.forEach((n, d) => {
      if (n) days[d] = n;
    });
    return { t: this.total, c: this.closed, cat: obj(this.cat), emp: obj(this.emp), art: obj(this.art), step: [...this.step], out: obj(this.out), iss: obj(this.iss), days };
  }

  figures(from: string, to: string): ReportFigures {
    let medianDaysToResolve: number | null = null;
    let resolved = 0;
    for (const n of this.hist) resolved += n;
    if (resolved > 0) {
      const target = Math.floor((resolved - 1) / 2);
      let seen = 0;
      for (let d = 0; d <= HIST; d++) {
        seen += this.hist[d]!;
        if (seen > target) {
          medianDaysToResolve = d;
          break;
        }
      }
    }
    const byOutcome = sortDesc(this.out);
    if (this.total - this.closed > 0) byOutcome.push(["open", this.total - this.closed]);
    const perEmployer = new Map<string, Map<string, number>>();
    for (const [k, n] of this.iss) {
      const i = k.indexOf(SEP);
      const e = k.slice(0, i);
      let m = perEmployer.get(e);
      if (!m) perEmployer.set(e, (m = new Map()));
      m.set(k.slice(i + 1), n);
    }
    const byEmployer = sortDesc(this.emp);
    return {
      from,
      to,
      total: this.total,
      open: this.total - this.closed,
      closed: this.closed,
      byCategory: sortDesc(this.cat),
      byEmployer,
      byArticle: sortDesc(this.art),
      byStep: [...this.step],
      byOutcome,
      medianDaysToResolve,
      months: monthsBetween(from, to).map((m) => ({ month: m, filed: this.filed.get(m) ?? 0, closed: this.closedBy.get(m) ?? 0 })),
      topIssuesByEmployer: byEmployer.map(([employer]) => ({
        employer,
        issues: sortDesc(perEmployer.get(employer) ?? new Map())
          .slice(0, 3)
          .map(([k, count]) => {
            const [category, article] = k.split(SEP) as [string, string];
            return { category, article, count };
          }),
      })),
    };
  }
}

// ---- Reading ----------------------------------------------------------------------------------

const scopeColumn = (s: ReportFilter) => (s.kind === "sublocal" ? "subLocalCode" : s.kind === "employer_group" ? "employerGroup" : s.kind === "region" ? "region" : null);

type TupleRow = { month: string; category: string; employer: string; article: string; stepNo: number; status: string; outcome: string | null; days: number | null };
const tuple = (r: TupleRow): ReportTuple => [r.month, r.category, r.employer, r.article, r.stepNo, r.status, r.outcome, r.days];

// The covering index by name on SQLite (its planner would otherwise pick the scope's index and
// visit every case); PostgreSQL's planner picks its own. One statement per scope column.
const ROWS_COLS = `substr("filedOn", 1, 7) AS "month", "category", "employer", "article", "stepNo", "status", "outcome", "daysToResolve" AS "days"`;
const ROWS_INDEX = `INDEXED BY "Grievance_filedOn_subLocalCode_employerGroup_region_category_employer_article_stepNo_status_outcome_daysToResolve_idx"`;
const rowsSql = (col: string | null) =>
  dialect({
    sqlite: `SELECT ${ROWS_COLS} FROM "Grievance" ${ROWS_INDEX} WHERE "filedOn" BETWEEN ? AND ? ${col ? `AND "${col}" = ?` : ""}`,
    postgres: `SELECT ${ROWS_COLS} FROM "Grievance" WHERE "filedOn" BETWEEN ? AND ? ${col ? `AND "${col}" = ?` : ""}`,
  });
const ROWS = new Map([null, "subLocalCode", "employerGroup", "region"].map((c) => [c, rowsSql(c)]));

/** Cases filed in [from, to] (a range within at most a month or two), straight from the covering index. */
export async function reportRows(db: Db, scope: ReportFilter, from: string, to: string): Promise<ReportTuple[]> {
  const col = scopeColumn(scope);
  const rows = await db.all<TupleRow>(ROWS.get(col)!, ...(col && scope.kind !== "statewide" ? [from, to, scope.id] : [from, to]));
  return rows.map(tuple);
}

function lastDay(month: string): string {
  const [y, m] = month.split("-").map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

const CELLS = new Map(
  [null, "subLocalCode", "employerGroup", "region"].map((c) => [c, `SELECT "month", "summary" FROM "GrievanceReportCell" WHERE "month" BETWEEN ? AND ? ${c ? `AND "${c}" = ?` : ""}`]),
);

/** The cells of the whole months `first`…`last` in the scope, parsed. */
async function readCells(db: Db, scope: ReportFilter, first: string, last: string): Promise<{ month: string; summary: CellSummary }[]> {
  const col = scopeColumn(scope);
  const cells = await db.all<{ month: string; summary: string }>(CELLS.get(col)!, ...(col && scope.kind !== "statewide" ? [first, last, scope.id] : [first, last]));
  return cells.map((c) => ({ month: c.month, summary: JSON.parse(c.summary) as CellSummary }));
}

/** The report's figures for cases filed in [from, to] within the scope. */
export async function loadReport(db: Db, scope: ReportFilter, from: string, to: string): Promise<ReportFigures> {
  const acc = new ReportAccumulator();
  const months = monthsBetween(from, to);
  const whole = months.filter((m) => from <= `${m}-01` && lastDay(m) <= to);
  if (whole.length > 0) for (const c of await readCells(db, scope, whole[0]!, whole[whole.length - 1]!)) acc.addCell(c.month, c.summary);
  // Partial months at the edges: the cases themselves.
  for (const m of months) {
    if (whole.includes(m)) continue;
    const a = from > `${m}-01` ? from : `${m}-01`;
    const b = to < lastDay(m) ? to : lastDay(m);
    for (const row of await reportRows(db, scope, a, b)) acc.addRow(row);
  }
  return acc.figures(from, to);
}

/**
 * The figures of each part of a run and of the whole run, as loadReport gives each of them, from
 * one read of the cells. Parts are ranges of days in order, each within one month, one after
 * another (a run of months, the last one perhaps up to today). Published grievance figures
 * release every month of a run on its own and then the run: reading and parsing the cells once
 * instead of twice is most of that time (ten years statewide is 4,800 cells).
 */
export async function loadReportRun(db: Db, scope: ReportFilter, parts: readonly { from: string; to: string }[]): Promise<{ parts: ReportFigures[]; run: ReportFigures }> {
  if (parts.length === 0) throw new RangeError("a run has at least one part");
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i]!;
    if (p.from > p.to || p.from.slice(0, 7) !== p.to.slice(0, 7) || (i > 0 && parts[i - 1]!.to >= p.from)) throw new RangeError("each part lies within one month, after the one before");
  }
  const isWhole = (p: { from: string; to: string }) => p.from.endsWith("-01") && p.to === lastDay(p.from.slice(0, 7));
  const whole = parts.filter(isWhole).map((p) => p.from.slice(0, 7));
  const cells = new Map<string, CellSummary[]>();
  if (whole.length > 0)
    for (const c of await readCells(db, scope, whole[0]!, whole[whole.length - 1]!)) {
      const list = cells.get(c.month);
      if (list) list.push(c.summary);
      else cells.set(c.month, [c.summary]);
    }
  const run = new ReportAccumulator();
  const out: ReportFigures[] = [];
  for (const p of parts) {
    const acc = new ReportAccumulator();
    const month = p.from.slice(0, 7);
    if (isWhole(p)) for (const s of cells.get(month) ?? []) acc.addCell(month, s);
    else for (const row of await reportRows(db, scope, p.from, p.to)) acc.addRow(row);
    run.addAll(acc);
    out.push(acc.figures(p.from, p.to));
  }
  return { parts: out, run: run.figures(parts[0]!.from, parts[parts.length - 1]!.to) };
}

// ---- Writing ----------------------------------------------------------------------------------

const INSERT_CELL = `INSERT INTO "GrievanceReportCell" ("month", "subLocalCode", "employerGroup", "region", "total", "summary") VALUES (?, ?, ?, ?, ?, ?)`;

// One month and sub-local's cells are rewritten by one transaction at a time: on PostgreSQL a
// second change waits here, then reads the cases with the first one's committed (SQLite's write
// transaction already excludes other writers).
const LOCK_CELL = dialect({ sqlite: `SELECT ? AS "cell"`, postgres: `SELECT pg_advisory_xact_lock(5043, hashtext(?))` });

/** Rewrites the cells of one filing month and sub-local from its cases, in the write's transaction. */
export async function refreshCells(tx: Tx, month: string, subLocalCode: string): Promise<void> {
  await tx.one(LOCK_CELL, `${month}|${subLocalCode}`);
  const rows = await tx.all<TupleRow & { grp: string; region: string }>(
    `SELECT coalesce("employerGroup", '') AS "grp", coalesce("region", '') AS "region", ${ROWS_COLS}
     FROM "Grievance" WHERE "filedOn" BETWEEN ? AND ? AND "subLocalCode" = ?`,
    `${month}-01`, lastDay(month), subLocalCode,
  );
  const byCell = new Map<string, { group: string; region: string; acc: ReportAccumulator }>();
  for (const r of rows) {
    const k = `${r.grp}${SEP}${r.region}`;
    let c = byCell.get(k);
    if (!c) byCell.set(k, (c = { group: r.grp, region: r.region, acc: new ReportAccumulator() }));
    c.acc.addRow(tuple(r));
  }
  await tx.run(`DELETE FROM "GrievanceReportCell" WHERE "month" = ? AND "subLocalCode" = ?`, month, subLocalCode);
  for (const c of byCell.values()) {
    const s = c.acc.summary();
    await tx.run(INSERT_CELL, month, subLocalCode, c.group, c.region, s.t, JSON.stringify(s));
  }
}

const REBUILD_PAGE = 20_000;

/** Rebuilds every cell from the cases (after a bulk import, or to repair). One transaction; the cases are read a page at a time. */
export async function rebuildReportCells(store: Pick<Store, "engine" | "sql" | "pool">): Promise<number> {
  return transaction(store, async (tx) => {
    await tx.run(`DELETE FROM "GrievanceReportCell"`);
    const cells = new Map<string, ReportAccumulator>();
    for (let after = 0; ; ) {
      const rows = await tx.all<TupleRow & { id: number; sub: string; grp: string; region: string }>(
        `SELECT "id", "subLocalCode" AS "sub", coalesce("employerGroup", '') AS "grp", coalesce("region", '') AS "region", ${ROWS_COLS}
         FROM "Grievance" WHERE "id" > ? ORDER BY "id" LIMIT ?`,
        after, REBUILD_PAGE,
      );
      for (const r of rows) {
        const k = `${r.month}${SEP}${r.sub}${SEP}${r.grp}${SEP}${r.region}`;
        let acc = cells.get(k);
        if (!acc) cells.set(k, (acc = new ReportAccumulator()));
        acc.addRow(tuple(r));
      }
      if (rows.length < REBUILD_PAGE) break;
      after = rows[rows.length - 1]!.id;
    }
    for (const [k, acc] of cells) {
      const [month, sub, group, region] = k.split(SEP) as [string, string, string, string];
      const s = acc.summary();
      await tx.run(INSERT_CELL, month, sub, group, region, s.t, JSON.stringify(s));
    }
    return cells.size;
  });
}
