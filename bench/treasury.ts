// Treasury benchmark (not a test): 1,000,000 ledger entries over 200 sub-locals and 10 years,
// written in one transaction through one prepared insert (the running-balance trigger fires on
// every row, as in production). Times what a person triggers:
//   balance   — everything /rebate balance reads and shows (stored balance, committed money, last
//               deposits, year-to-date totals by kind, open requests), formatted;
//   statement — a quarterly statement: opening balance, every entry with its running balance,
//               totals, the message, the CSV and the PDF (written on a worker thread, as in the bot);
// beside a naive full-scan SUM of one account's entries (no index) in the same run.
// Targets: balance p95 ≤ 5 ms, statement p95 ≤ 100 ms.
//
// Run: `npm run bench -- treasury`. BENCH_TREASURY_ENTRIES=… changes the size.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { createFormatter } from "../commands/core/format.ts";
import { closeWorkerPools } from "../commands/core/pool.ts";
import { createTranslator } from "../commands/core/i18n.ts";
import { balanceBlocks } from "../commands/rebate/balance.ts";
import type { View } from "../commands/rebate/common.ts";
import { en } from "../commands/rebate/locales/en.ts";
import { statementFigures } from "../commands/rebate/ledger.ts";
import { parsePeriod } from "../commands/rebate/period.ts";
import { statementMessage } from "../commands/rebate/statement-doc.ts";
import { data } from "../db/data.ts";
import { accountByCode, balanceCheck, entriesBetween, ENTRY_KINDS, subLocalInfo, sumBefore } from "../db/rebate.ts";
import { transaction } from "../db/sql.ts";
import { openStore, type Store } from "../db/store.ts";
import { dbTime } from "../db/time.ts";

const ENTRIES = Number(process.env.BENCH_TREASURY_ENTRIES ?? 1_000_000);
const SUBLOCALS = 200;
const YEARS = 10;
const FIRST_YEAR = 2016;
const BALANCE_RUNS = 400;
const STATEMENT_RUNS = 60;
const SCAN_RUNS = 10;
const TARGET_BALANCE_MS = 5;
const TARGET_STATEMENT_MS = 100;

function rng(seed: number) {
  let s = seed;
  return () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
}

const code = (i: number) => `BL-${String(i + 1).padStart(3, "0")}`;

function p95(ms: number[]): number {
  const s = [...ms].sort((a, b) => a - b);
  return Math.round(s[Math.min(s.length - 1, Math.floor(s.length * 0.95))]! * 100) / 100;
}

function seed(store: Store): number {
  const started = performance.now();
  const random = rng(503);
  const now = dbTime(new Date());
  transaction(store, () => {
    const sub = store.sql.prepare(`INSERT INTO "SubLocal" ("code", "name", "employerGroup", "region", "createdAt") VALUES (?, ?, ?, ?, ?)`);
    const acc = store.sql.prepare(`INSERT INTO "RebateAccount" ("subLocalCode", "createdAt") VALUES (?, ?)`);
    for (let i = 0; i < SUBLOCALS; i++) {
      sub.run(code(i), `Bench sub-local ${i + 1}`, `Group ${i % 12}`, `Region ${i % 9}`, now);
      acc.run(code(i), now);
    }
    const ins = store.sql.prepare(
      `INSERT INTO "RebateEntry" ("accountId", "kind", "postedOn", "amountCents", "description", "externalRef", "correctsId", "recordedById", "recordedBy", "createdAt") VALUES (?, ?, ?, ?, ?, ?, NULL, NULL, 'bench', ?)`,
    );
    // Account by account, in date order, with increasing references: the B-tree indexes grow at
    // their ends instead of splitting pages at random, which keeps a million rows quick to write.
    const days = YEARS * 365;
    const perAccount = Math.ceil(ENTRIES / SUBLOCALS);
    const start = Date.UTC(FIRST_YEAR, 0, 1);
    let n = 0;
    for (let a = 0; a < SUBLOCALS && n < ENTRIES; a++) {
      for (let k = 0; k < perAccount && n < ENTRIES; k++, n++) {
        const kind = ENTRY_KINDS[Math.floor(random() * ENTRY_KINDS.length)]!;
        const d = new Date(start + Math.floor((k * days) / perAccount) * 86_400_000).toISOString().slice(0, 10);
        const cents = 100 + Math.floor(random() * 250_000);
        const amount = kind === "deposit" ? cents : kind === "transfer" || kind === "adjustment" ? (random() < 0.5 ? cents : -cents) : -Math.floor(cents / 3);
        ins.run(a + 1, kind, d, amount, `${kind} ${n}`, `bench:${String(n).padStart(8, "0")}`, now);
      }
    }
  });
  return Math.round(performance.now() - started);
}

export async function run() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "uh-bench-treasury-"));
  const store = await openStore(`file:${path.join(dir, "bench.db")}`);
  try {
    const setupMs = seed(store);
    store.sql.exec("ANALYZE");
    const t = createTranslator([{ en }]).forLocale("en");
    const v: View & { locale: string } = { store, t, fmt: createFormatter("en", "America/Los_Angeles"), clock: { now: () => new Date(Date.UTC(FIRST_YEAR + YEARS, 0, 15)) }, locale: "en" };
    const db = data(store);
    const random = rng(17);
    const pick = () => code(Math.floor(random() * SUBLOCALS));

    // The stored balance agrees with the sum of entries on every account.
    let drift = 0;
    for (let i = 0; i < SUBLOCALS; i++) {
      const c = await balanceCheck(db, i + 1);
      if (c.stored !== c.summed) drift++;
    }

    // Wall time is what a person waits; CPU time is what the work itself costs, and stays readable
    // when other processes share the machine (the load average is printed beside both).
    const cpuMs = () => {
      const u = process.cpuUsage();
      return (u.user + u.system) / 1000;
    };
    const balanceMs: number[] = [];
    const balanceCpu: number[] = [];
    for (let i = 0; i < BALANCE_RUNS + 20; i++) {
      const c = pick();
      const c0 = cpuMs();
      const t0 = performance.now();
      const sl = (await subLocalInfo(db, c))!;
      await balanceBlocks(v, sl, (await accountByCode(db, c))!);
      if (i >= 20) {
        balanceMs.push(performance.now() - t0);
        balanceCpu.push(cpuMs() - c0);
      }
    }

    const statementMs: number[] = [];
    const statementCpu: number[] = [];
    let lines = 0;
    let pdfBytes = 0;
    for (let i = 0; i < STATEMENT_RUNS + 3; i++) {
      const c = pick();
      const year = FIRST_YEAR + Math.floor(random() * YEARS);
      const period = parsePeriod(`${year}-Q${1 + Math.floor(random() * 4)}`)!;
      const c0 = cpuMs();
      const t0 = performance.now();
      // The statement as it is issued: figures taken from the ledger, then the message, CSV and PDF.
      const account = (await accountByCode(db, c))!;
      const figures = statementFigures(await sumBefore(db, account.id, period.from), await entriesBetween(db, account.id, period.from, period.to));
      const m = { ...(await statementMessage(v, { id: i + 1, sl: (await subLocalInfo(db, c))!, period, figures, issuedAt: new Date(), requestedBy: "bench", approvedBy: "bench" })), figures };
      if (i >= 3) {
        statementMs.push(performance.now() - t0);
        statementCpu.push(cpuMs() - c0);
        lines += m.figures.lines.length;
        pdfBytes += (m.files[1]!.data as Buffer).length;
      }
    }

    const scanMs: number[] = [];
    const scan = store.sql.prepare(`SELECT SUM("amountCents") AS total FROM "RebateEntry" NOT INDEXED WHERE "accountId" = ?`);
    for (let i = 0; i < SCAN_RUNS; i++) {
      const c = (await accountByCode(db, pick()))!;
      const t0 = performance.now();
      const r = scan.get(c.id) as { total: number };
      scanMs.push(performance.now() - t0);
      if (r.total !== c.balanceCents) drift++;
    }

    const balance = p95(balanceMs);
    const statement = p95(statementMs);
    const naive = p95(scanMs);
    return {
      loadAverage: Math.round(os.loadavg()[0]! * 10) / 10,
      cpus: os.cpus().length,
      balanceCpuP95Ms: p95(balanceCpu),
      statementCpuP95Ms: p95(statementCpu),
      entries: ENTRIES,
      subLocals: SUBLOCALS,
      years: YEARS,
      setupMs,
      balanceP95Ms: balance,
      statementP95Ms: statement,
      naiveSumP95Ms: naive,
      statementLinesAvg: Math.round(lines / STATEMENT_RUNS),
      statementPdfKbAvg: Math.round(pdfBytes / STATEMENT_RUNS / 1024),
      accountsDrifting: drift,
      figures: [
        { name: "treasury: balance p95", value: balance, unit: "ms", target: `≤ ${TARGET_BALANCE_MS}`, met: balance <= TARGET_BALANCE_MS },
        { name: "treasury: quarterly statement (message + CSV + PDF) p95", value: statement, unit: "ms", target: `≤ ${TARGET_STATEMENT_MS}`, met: statement <= TARGET_STATEMENT_MS },
        { name: "treasury: balance CPU time p95", value: p95(balanceCpu), unit: "ms", target: `≤ ${TARGET_BALANCE_MS}`, met: p95(balanceCpu) <= TARGET_BALANCE_MS },
        { name: "treasury: quarterly statement CPU time p95", value: p95(statementCpu), unit: "ms", target: `≤ ${TARGET_STATEMENT_MS}`, met: p95(statementCpu) <= TARGET_STATEMENT_MS },
        { name: "treasury: naive full-scan SUM p95 (for comparison)", value: naive, unit: "ms", target: "reference", met: true },
        { name: "treasury: accounts whose stored balance differs from the sum", value: drift, target: "0", met: drift === 0 },
      ],
    };
  } finally {
    await closeWorkerPools();
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
