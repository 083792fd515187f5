// Checkpoint benchmark (not a test): sustained writes on the bot's own connection (openStore's
// pragmas), about 450 commits a second of three history rows and an audit-sized row each, for
// BENCH_SECONDS (default 12), with the worker thread's checkpoint called as the bot calls it
// (every CHECKPOINT_POLL_MS when BUSY_CHECKPOINT_CHANGES rows changed). Reports the longest
// commit (the one that restarts the WAL copies what the worker left, on the event loop) and the
// WAL's peak size. Targets: no commit over 50 ms; the WAL within 1.5 × AUTO_CHECKPOINT_PAGES.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { closeWorkerPools, runInWorker } from "../commands/core/pool.ts";
import { AUTO_CHECKPOINT_PAGES, BUSY_CHECKPOINT_CHANGES, CHECKPOINT_POLL_MS, dueForCheckpoint } from "../db/checkpoint.ts";
import { openStore } from "../db/store.ts";
import { round1 } from "./support/load.ts";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 12);
const TARGET = { commitMaxMs: 50, walPeakMb: (1.5 * AUTO_CHECKPOINT_PAGES * 4096) / 1048576 };

export async function run(): Promise<object[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "uh-bench-cp-"));
  const file = path.join(dir, "x.db");
  const store = await openStore(`file:${file}`);
  const commits: number[] = [];
  let walPeak = 0;
  let checkpoints = 0;
  try {
    store.sql.exec(`CREATE TABLE "BenchHistory" ("id" INTEGER PRIMARY KEY, "caseId" INTEGER, "at" TEXT, "body" TEXT); CREATE INDEX "BenchHistory_case" ON "BenchHistory" ("caseId", "at"); CREATE TABLE "BenchAudit" ("id" INTEGER PRIMARY KEY, "at" TEXT, "hash" TEXT, "body" TEXT)`);
    const history = store.sql.prepare(`INSERT INTO "BenchHistory" ("caseId", "at", "body") VALUES (?, ?, ?)`);
    const audit = store.sql.prepare(`INSERT INTO "BenchAudit" ("at", "hash", "body") VALUES (?, ?, ?)`);
    const write = store.sql.transaction((i: number) => {
      const at = new Date().toISOString();
      for (let r = 0; r < 3; r++) history.run(i % 300, at, `Called the member back, no answer yet (${i}.${r}) `.repeat(6));
      audit.run(at, "h".repeat(64), "grievance.note ".repeat(30));
    });
    let worker: Promise<void> | null = null;
    const poll = setInterval(() => {
      if (worker || !dueForCheckpoint(store, BUSY_CHECKPOINT_CHANGES)) return;
      worker = runInWorker("core/checkpoint", "checkpoint", file).then(
        () => void checkpoints++,
        () => undefined,
      ).finally(() => (worker = null));
    }, CHECKPOINT_POLL_MS);
    const end = performance.now() + SECONDS * 1000;
    let i = 0;
    await new Promise<void>((resolve) => {
      const tick = setInterval(() => {
        for (let k = 0; k < 9; k++) {
          const t = performance.now();
          write(i++);
          commits.push(performance.now() - t);
        }
        walPeak = Math.max(walPeak, fs.statSync(`${file}-wal`).size);
        if (performance.now() > end) {
          clearInterval(tick);
          resolve();
        }
      }, 20);
    });
    clearInterval(poll);
    await worker;
  } finally {
    await store.close();
    await closeWorkerPools();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  commits.sort((a, b) => a - b);
  const commitMax = round1(commits.at(-1) ?? NaN);
  const walPeakMb = round1(walPeak / 1048576);
  return [
    {
      commits: commits.length,
      commitsPerSec: round1(commits.length / SECONDS),
      commitP99Ms: round1(commits[Math.floor(commits.length * 0.99)] ?? NaN),
      commitMaxMs: commitMax,
      commitsOver50Ms: commits.filter((c) => c > 50).length,
      workerCheckpoints: checkpoints,
      walPeakMb,
      loadAverage: round1(os.loadavg()[0]!),
      figures: [
        { name: "checkpoint: longest commit under sustained writes", value: commitMax, unit: "ms", target: `≤ ${TARGET.commitMaxMs}`, met: commitMax <= TARGET.commitMaxMs },
        { name: "checkpoint: WAL peak", value: walPeakMb, unit: "MB", target: `≤ ${round1(TARGET.walPeakMb)}`, met: walPeakMb <= TARGET.walPeakMb },
      ],
    },
  ];
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  for (const r of await run()) console.log(JSON.stringify({ bench: "checkpoint", ...r }));
}
