// Scheduler benchmark (not a test): 100,000 pending reminders spread over a month plus
// 1,000 due "now", in two child processes so their resident memory is comparable:
//   durable  — the real thing: the bot process (store, core, every feature) starts onto a database
//              that already holds the 100,000 pending reminders (filled by the parent, as if
//              scheduled over the past weeks), schedules 1,000 for "now" with scheduleJob, and
//              bot/scheduler delivers them through the unionhall.reminder kind, renderStandalone
//              (button tokens) and an in-memory poster;
//   baseline — one node-schedule job per reminder (100,000 + 1,000), kept in memory.
// Each child reports resident memory idle (modules loaded, nothing scheduled), with everything
// pending (after a GC) and at its peak while firing, and the fire lateness (delivery time − due
// time) of the 1,000. rssGrowth (pending − idle) is what holding the pending jobs costs; the
// durable process's total is dominated by Prisma and the command core, so both are printed.
// Targets: memory ≤ 1/10 of the baseline, p99 lateness ≤ 1 s. A child waits at most 60 s for
// the 1,000; "delivered" says how many arrived.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const PENDING = Number(process.env.BENCH_PENDING ?? 100_000);
const DUE = Number(process.env.BENCH_DUE ?? 1_000);
const MONTH_MS = 30 * 86_400_000;
const LEAD_MS = 2_000;

export interface SchedulerBenchResult {
  bench: "scheduler";
  mode: "durable" | "baseline";
  pending: number;
  due: number;
  delivered: number;
  setupMs: number;
  rssIdleMb: number;
  rssPendingMb: number;
  rssPeakMb: number;
  /** rssPending − rssIdle: what the pending jobs cost. */
  rssGrowthMb: number;
  heapUsedPendingMb: number;
  heapTotalPendingMb: number;
  externalPendingMb: number;
  latenessP50Ms: number;
  latenessP99Ms: number;
  latenessMaxMs: number;
}

const mb = (n: number) => Math.round((n / 1048576) * 10) / 10;

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function gc(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

async function settle(): Promise<void> {
  for (let i = 0; i < 3; i++) {
    gc();
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Runs in a child: schedules everything, waits for the due ones, prints one JSON line. */
async function child(mode: "durable" | "baseline"): Promise<void> {
  const lateness: number[] = [];
  let peak = 0;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  const finish = (o: { setupMs: number; rssIdle: number; rssPending: number; mem: NodeJS.MemoryUsage }) => {
    clearInterval(sampler);
    lateness.sort((a, b) => a - b);
    const r: SchedulerBenchResult = {
      bench: "scheduler",
      mode,
      pending: PENDING,
      due: DUE,
      delivered: lateness.length,
      setupMs: Math.round(o.setupMs),
      rssIdleMb: mb(o.rssIdle),
      rssPendingMb: mb(o.rssPending),
      rssPeakMb: mb(Math.max(peak, o.rssPending)),
      rssGrowthMb: mb(o.rssPending - o.rssIdle),
      heapUsedPendingMb: mb(o.mem.heapUsed),
      heapTotalPendingMb: mb(o.mem.heapTotal),
      externalPendingMb: mb(o.mem.external),
      latenessP50Ms: percentile(lateness, 50),
      latenessP99Ms: percentile(lateness, 99),
      latenessMaxMs: lateness[lateness.length - 1] ?? NaN,
    };
    process.stdout.write(`${JSON.stringify(r)}\n`);
  };
  const now = Date.now();
  const spread = (i: number) => new Date(now + 60_000 + Math.floor((i / PENDING) * MONTH_MS));

  if (mode === "baseline") {
    const schedule = (await import("node-schedule")).default;
    await settle();
    const rssIdle = process.memoryUsage().rss;
    const t0 = performance.now();
    const post = async (dueAt: number) => {
      lateness.push(Date.now() - dueAt);
    };
    for (let i = 0; i < PENDING; i++) {
      const at = spread(i);
      schedule.scheduleJob(at, () => void post(at.getTime()));
    }
    const dueAt = new Date(Date.now() + LEAD_MS);
    for (let i = 0; i < DUE; i++) schedule.scheduleJob(dueAt, () => void post(dueAt.getTime()));
    const setupMs = performance.now() - t0;
    await settle();
    const mem = process.memoryUsage();
    while (lateness.length < DUE && Date.now() < dueAt.getTime() + 60_000) await new Promise((r) => setTimeout(r, 20));
    finish({ setupMs, rssIdle, rssPending: mem.rss, mem });
    await schedule.gracefulShutdown();
    process.exit(0);
  }

  // The durable bot restarts onto a database that already holds the 100,000 pending reminders
  // (prepared by the parent, as if scheduled over the past weeks), then 1,000 are scheduled for now.
  const { openStore } = await import("../db/store.ts");
  const { createCore } = await import("../commands/core/dispatch.ts");
  const { features } = await import("../commands/index.ts");
  const { scheduleJob, countJobsByStatus } = await import("../db/jobs.ts");
  const { data } = await import("../db/data.ts");
  const { createScheduler } = await import("../bot/scheduler/dispatcher.ts");
  const store = await openStore(process.env.BENCH_DB!);
  const core = createCore({ store, features });
  const poster = {
    platform: "web" as const,
    async post(_t: unknown, _m: unknown) {
      return { messageId: "x" };
    },
  };
  const log = {
    info(event: string, f?: Record<string, unknown>) {
      if (event === "scheduler.sent" && typeof f?.lateMs === "number") lateness.push(f.lateMs);
    },
    warn() {},
    error(event: string, f?: Record<string, unknown>) {
      process.stderr.write(`${event} ${JSON.stringify(f)}\n`);
    },
  };
  await settle();
  const rssIdle = process.memoryUsage().rss;
  const t0 = performance.now();
  const scheduler = createScheduler({ store, core, posters: new Map([["web", poster]]), log });
  await scheduler.start();
  const target = { platform: "web" as const, workspaceId: "bench", channelId: "stewards" };
  const dueAt = new Date(Date.now() + LEAD_MS);
  for (let i = 0; i < DUE; i++) await scheduleJob(store, { kind: "unionhall.reminder", target, payload: { text: `due ${i}` }, dueAt });
  const setupMs = performance.now() - t0;
  if ((await countJobsByStatus(data(store))).pending !== PENDING + DUE) throw new Error("the prepared database does not hold the pending jobs");
  await settle();
  const mem = process.memoryUsage();
  while (lateness.length < DUE && Date.now() < dueAt.getTime() + 60_000) await new Promise((r) => setTimeout(r, 20));
  finish({ setupMs, rssIdle, rssPending: mem.rss, mem });
  await scheduler.stop();
  await store.close();
  process.exit(0);
}

/** Fills a database with the pending reminders, spread over the next month (not measured). */
async function prepareDatabase(file: string): Promise<void> {
  const { openStore } = await import("../db/store.ts");
  const { scheduleJobNowIn } = await import("../db/jobs.ts");
  const { transaction } = await import("../db/data.ts");
  const store = await openStore(`file:${file}`);
  const target = { platform: "web" as const, workspaceId: "bench", channelId: "stewards" };
  const now = Date.now();
  // One transaction for the whole fill: scheduleJob would open one per job.
  await transaction(store, async (tx) => {
    for (let i = 0; i < PENDING; i++)
      await scheduleJobNowIn(tx, store, { kind: "unionhall.reminder", target, payload: { text: `reminder ${i}` }, dueAt: new Date(now + 120_000 + Math.floor((i / PENDING) * MONTH_MS)) });
  });
  store.sql.pragma("wal_checkpoint(TRUNCATE)");
  await store.close();
}

function spawnChild(mode: string, env: Record<string, string> = {}): Promise<SchedulerBenchResult> {
  const self = fileURLToPath(import.meta.url);
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, ["--expose-gc", "--import", "tsx", self, `--mode=${mode}`], { stdio: ["ignore", "pipe", "inherit"], env: { ...process.env, ...env } });
    let out = "";
    p.stdout.on("data", (d: Buffer) => (out += d.toString()));
    p.on("error", reject);
    p.on("exit", (code) => {
      const line = out.split("\n").find((l) => l.startsWith("{"));
      if (code !== 0 || !line) reject(new Error(`${mode} benchmark failed (exit ${code})`));
      else resolve(JSON.parse(line) as SchedulerBenchResult);
    });
  });
}

/** Both modes, one after the other, each in a fresh process; plus a summary line against the targets. */
export async function run(): Promise<Record<string, unknown>[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "uh-bench-"));
  const file = path.join(dir, "bench.db");
  await prepareDatabase(file);
  const durable = await spawnChild("durable", { BENCH_DB: `file:${file}` }).finally(() => fs.rmSync(dir, { recursive: true, force: true }));
  const baseline = await spawnChild("baseline");
  const summary = {
    bench: "scheduler",
    mode: "summary",
    /** Whole process: the durable bot also carries Prisma, the command core and every feature. */
    rssPendingRatio: Math.round((durable.rssPendingMb / baseline.rssPendingMb) * 1000) / 1000,
    /** What holding the pending jobs costs: the figure the memory target is judged on. */
    rssGrowthRatio: Math.round((durable.rssGrowthMb / baseline.rssGrowthMb) * 1000) / 1000,
    memoryTargetMet: durable.rssGrowthMb <= baseline.rssGrowthMb / 10,
    latenessTargetMet: durable.latenessP99Ms <= 1000 && durable.delivered === durable.due,
  };
  return [durable as unknown as Record<string, unknown>, baseline as unknown as Record<string, unknown>, summary];
}

const modeArg = process.argv.find((a) => a.startsWith("--mode="));
if (modeArg) {
  await child(modeArg.slice("--mode=".length) as "durable" | "baseline");
} else if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  for (const r of await run()) console.log(JSON.stringify(r));
}
