// A child process running the real bot (the same startBot as `npm start`) in Slack HTTP mode
// against the parent's fake Slack, reporting its event-loop delay and memory over IPC, so the
// load generator in the parent does not share its event loop. Also used for the bare Bolt app.
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { getHeapSpaceStatistics } from "node:v8";
import { monitorEventLoopDelay, PerformanceObserver } from "node:perf_hooks";

export type ChildMessage =
  | { type: "ready"; port: number }
  | { type: "stats"; elMaxMs: number; elP99Ms: number; elMaxCpuMs: number; rssMb: number; rssPeakMb: number; heapPeakMb: number; gcMaxMs: number; cpuMs: number; stallWallMs?: number; stallCpuMs?: number; stallRunQueueMs?: number; stallBlockedMs?: number; stallGcMs?: number };

const cpuSince = (start: NodeJS.CpuUsage) => {
  const d = process.cpuUsage(start);
  return Math.round((d.user + d.system) / 1000);
};

const mb = (n: number) => Math.round((n / 1048576) * 10) / 10;

/**
 * The main thread's scheduling so far, from Linux's schedstat: nanoseconds it ran on a CPU, and
 * nanoseconds it was ready to run but waited for a core. Null elsewhere.
 */
function mainThreadSched(): { cpuNs: number; waitNs: number } | null {
  try {
    const [cpu, wait] = readFileSync(`/proc/self/task/${process.pid}/schedstat`, "utf8").split(" ");
    return { cpuNs: Number(cpu), waitNs: Number(wait) };
  } catch {
    return null;
  }
}

/**
 * Where the resident memory is, from Linux's /proc/self/smaps (BENCH_MEMORY=1: reading it walks
 * every mapping, a few milliseconds): the JavaScript heaps (V8 reserves them in 256 KiB-aligned
 * anonymous mappings, hard to tell apart from malloc's), glibc's malloc arenas (other threads'
 * arenas are 64 MiB reservations), the main heap ([heap]), mapped files and the rest; and how many
 * threads the process runs.
 */
function memoryBreakdown(): Record<string, number | string> {
  const out: Record<string, number> = {};
  let threadNames = "";
  try {
    const text = readFileSync("/proc/self/smaps", "utf8");
    let kind = "other";
    let size = 0;
    const add = (k: string, kb: number) => (out[k] = (out[k] ?? 0) + kb);
    let arenas = 0;
    for (const line of text.split("\n")) {
      const head = /^([0-9a-f]+)-([0-9a-f]+) \S+ \S+ \S+ \d+\s*(.*)$/.exec(line);
      if (head) {
        const name = head[3]!.trim();
        size = (parseInt(head[2]!, 16) - parseInt(head[1]!, 16)) / 1024;
        if (name === "[heap]") kind = "brkHeapKb";
        else if (name.startsWith("[stack")) kind = "stackKb";
        else if (name.endsWith(".db") || name.endsWith(".db-shm") || name.endsWith(".db-wal")) kind = "dbFileKb";
        else if (name.startsWith("/")) kind = "fileKb";
        else if (name === "") kind = size === 65536 || size === 131072 ? "arenaKb" : "anonKb";
        else kind = "otherKb";
        if (kind === "arenaKb") arenas++;
        continue;
      }
      const rss = /^Rss:\s+(\d+) kB/.exec(line);
      if (rss) add(kind, Number(rss[1]));
    }
    out.arenaMappings = arenas;
    out.threads = Number(/Threads:\s+(\d+)/.exec(readFileSync("/proc/self/status", "utf8"))?.[1] ?? NaN);
    const names = new Map<string, number>();
    for (const t of readdirSync(`/proc/self/task`)) {
      const n = readFileSync(`/proc/self/task/${t}/comm`, "utf8").trim();
      names.set(n, (names.get(n) ?? 0) + 1);
    }
    threadNames = [...names].map(([n, c]) => `${n}×${c}`).join(",");
  } catch {
    // not Linux
  }
  const m = process.memoryUsage();
  const spaces = Object.fromEntries(getHeapSpaceStatistics().filter((x) => x.space_size > 0).map((x) => [`${x.space_name}Mb`, mb(x.space_size)]));
  return { ...spaces, threadNames, ...Object.fromEntries(Object.entries(out).map(([k, v]) => [k.replace(/Kb$/, "Mb"), k.endsWith("Kb") ? Math.round(v / 102.4) / 10 : v])), heapTotalMb: mb(m.heapTotal), heapUsedMb: mb(m.heapUsed), externalMb: mb(m.external), arrayBuffersMb: mb(m.arrayBuffers) };
}

/** The longest wall-clock stall between two ticks, and what it was made of. */
export interface StallParts {
  wallMs: number;
  /** The main thread on a CPU: the bot's own work, garbage collection included. */
  cpuMs: number;
  /** Ready to run, waiting for a core (the machine's other processes, or the bot's own threads). */
  runQueueMs: number;
  /** Neither: blocked off the CPU (a disk sync, a lock, a GC waiting on its helper threads). */
  blockedMs: number;
  /** Garbage-collection pauses that began within it. */
  gcMs: number;
}

const ms1 = (ns: number) => Math.round(ns / 1e5) / 10;

/**
 * Two views of the loop's stalls from 5 ms timer ticks. The longest stretch between two ticks in
 * the main thread's own CPU time: the longest run of loop work, whatever else the machine runs (a
 * loaded machine inflates the wall-clock delay by the time the process waited for a core; this one
 * not, nor time blocked off the CPU). And the longest stretch in wall-clock time, split into the
 * main thread's CPU, its wait for a core, the rest (blocked), and the GC pauses that began in it.
 */
function loopCpuMonitor(gcPauses: () => { start: number; duration: number }[]): { maxMs(): number; longest(): StallParts | null; reset(): void } {
  let last = mainThreadSched();
  let lastAt = performance.now();
  let max = 0;
  let worst: { start: number; end: number; cpuNs: number; waitNs: number } | null = null;
  if (last !== null) {
    setInterval(() => {
      const now = mainThreadSched()!;
      const at = performance.now();
      const cpuNs = now.cpuNs - last!.cpuNs;
      max = Math.max(max, cpuNs);
      if (!worst || at - lastAt > worst.end - worst.start) worst = { start: lastAt, end: at, cpuNs, waitNs: now.waitNs - last!.waitNs };
      last = now;
      lastAt = at;
    }, 5).unref();
  }
  return {
    maxMs: () => (last === null ? NaN : ms1(max)),
    longest: () => {
      if (!worst) return null;
      const w = worst;
      const wallMs = w.end - w.start;
      const gcMs = gcPauses()
        .filter((g) => g.start >= w.start && g.start < w.end)
        .reduce((sum, g) => sum + g.duration, 0);
      const r = (n: number) => Math.round(n * 10) / 10;
      return { wallMs: r(wallMs), cpuMs: ms1(w.cpuNs), runQueueMs: ms1(w.waitNs), blockedMs: r(Math.max(0, wallMs - w.cpuNs / 1e6 - w.waitNs / 1e6)), gcMs: r(gcMs) };
    },
    reset: () => {
      max = 0;
      worst = null;
      last = mainThreadSched();
      lastAt = performance.now();
    },
  };
}

/** The longest wall-clock stall's parts as flat stats (the IPC message carries numbers). */
function stallFigures(p: StallParts | null): Record<string, number> {
  if (!p) return {};
  return { stallWallMs: p.wallMs, stallCpuMs: p.cpuMs, stallRunQueueMs: p.runQueueMs, stallBlockedMs: p.blockedMs, stallGcMs: p.gcMs };
}

/** Listens for "reset"/"stats" from the parent; sends "ready" once the app listens on `port`. */
export function serveStats(port: number): void {
  const h = monitorEventLoopDelay({ resolution: 5 });
  h.enable();
  // GC pauses since the last reset (start and length), to tell which stall held one.
  let pauses: { start: number; duration: number }[] = [];
  const loopCpu = loopCpuMonitor(() => pauses);
  let peak = process.memoryUsage().rss;
  let heapPeak = 0;
  // The longest garbage-collection pause, to tell GC stalls from the bot's own work.
  let gcMax = 0;
  // CPU time since the last reset: what the work cost, however loaded the machine (wall times are not).
  let cpuAtReset = process.cpuUsage();
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      gcMax = Math.max(gcMax, e.duration);
      if (pauses.length < 100_000) pauses.push({ start: e.startTime, duration: e.duration });
    }
  }).observe({ entryTypes: ["gc"] });
  // rss() alone: the full memoryUsage() walks the heap's spaces, 20 times a second.
  setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 50).unref();
  // What of it is the JavaScript heap (used, not reserved), once a second.
  setInterval(() => (heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed)), 1000).unref();
  process.on("message", (m: { type: string }) => {
    if (m.type === "reset") {
      h.reset();
      loopCpu.reset();
      heapPeak = 0;
      gcMax = 0;
      pauses = [];
      cpuAtReset = process.cpuUsage();
      peak = process.memoryUsage().rss;
      process.send!({ type: "reset-done" });
    } else if (m.type === "stats") {
      const rss = process.memoryUsage().rss;
      peak = Math.max(peak, rss);
      const msg: ChildMessage = { ...(process.env.BENCH_MEMORY ? memoryBreakdown() : {}), type: "stats", elMaxMs: Math.round(h.max / 1e5) / 10, elP99Ms: Math.round(h.percentile(99) / 1e5) / 10, elMaxCpuMs: loopCpu.maxMs(), rssMb: mb(rss), rssPeakMb: mb(peak), heapPeakMb: mb(Math.max(heapPeak, process.memoryUsage().heapUsed)), gcMaxMs: Math.round(gcMax * 10) / 10, cpuMs: cpuSince(cpuAtReset), ...stallFigures(loopCpu.longest()) };
      process.send!(msg);
    } else if (m.type === "exit") {
      process.exit(0);
    }
  });
  process.send!({ type: "ready", port } satisfies ChildMessage);
}

/**
 * BENCH_TRACE_INTAKE=file: every 200 ms while work is queued, what admission sees (waiting,
 * running, the drain-rate measures, the wait it would promise), written to `file` at exit.
 */
function traceIntake(intake: import("../../commands/core/intake.ts").Intake, file: string): void {
  const t0 = performance.now();
  const rows: string[] = [];
  setInterval(() => {
    if (intake.queue.depth === 0) return;
    const d = intake.drain;
    const cost = d.workCostMs === null ? "?" : d.workCostMs.toFixed(1);
    rows.push(`${Math.round(performance.now() - t0)}ms waiting=${intake.queue.waitingCount} running=${intake.queue.inService} rate=${d.perSecond.toFixed(0)}/s loop=${d.loopPerSecond().toFixed(0)}/s counted=${d.countedPerSecond().toFixed(0)}/s cost=${cost}ms service=${d.serviceTimeMs.toFixed(0)}ms promise=${d.promisedWaitMs(intake.queue.waitingCount).toFixed(0)}ms`);
  }, 200).unref();
  process.on("exit", () => writeFileSync(file, rows.join("\n") + "\n"));
}

async function startRealBot(): Promise<number> {
  const { loadConfig } = await import("../../bot/config.ts");
  const { startBot } = await import("../../bot/app.ts");
  const bot = await startBot(loadConfig(process.env));
  if (process.env.BENCH_TRACE_INTAKE) traceIntake(bot.intake, process.env.BENCH_TRACE_INTAKE);
  return bot.port;
}

/** An @slack/bolt app with its own HTTP receiver whose only listeners acknowledge (commands and clicks). */
async function startBareBolt(): Promise<number> {
  const { App } = await import("@slack/bolt");
  const app = new App({
    token: process.env.SLACK_BOT_TOKEN,
    signingSecret: process.env.SLACK_SIGNING_SECRET!,
    tokenVerificationEnabled: false,
    clientOptions: { slackApiUrl: process.env.SLACK_API_URL },
  });
  app.command(/.*/, async ({ ack }) => {
    await ack();
  });
  app.action(/.*/, async ({ ack }) => {
    await ack();
  });
  const server = (await app.start({ port: 0, host: "127.0.0.1" })) as unknown as import("node:http").Server;
  return (server.address() as import("node:net").AddressInfo).port;
}

/**
 * BENCH_TRACE_ACKS=dir: for every request that carries an x-bench-id, when the HTTP server handed
 * it to the app and when its response was handed to the kernel (ms since the epoch, the clock the
 * load generator stamps its sends with), written to dir/<pid>.acks at exit. Joined with the
 * generator's samples, an ack's time splits into before the bot saw it, in the bot, and after.
 */
async function traceAcks(dir: string): Promise<void> {
  const http = await import("node:http");
  const rows: string[] = [];
  const emit = http.Server.prototype.emit;
  http.Server.prototype.emit = function (this: import("node:http").Server, event: string, ...args: unknown[]) {
    if (event === "request") {
      const [req, res] = args as [import("node:http").IncomingMessage, import("node:http").ServerResponse];
      const id = req.headers["x-bench-id"];
      if (typeof id === "string") {
        const at = performance.timeOrigin + performance.now();
        res.once("finish", () => rows.push(`${id} ${at.toFixed(3)} ${(performance.timeOrigin + performance.now()).toFixed(3)}`));
      }
    }
    return (emit as (this: unknown, event: string, ...args: unknown[]) => boolean).call(this, event, ...args);
  } as typeof emit;
  process.on("exit", () => writeFileSync(`${dir}/${process.pid}.acks`, rows.join("\n") + "\n"));
}

if (process.send) {
  if (process.env.BENCH_TRACE_ACKS) await traceAcks(process.env.BENCH_TRACE_ACKS);
  const port = process.argv.includes("--bare") ? await startBareBolt() : await startRealBot();
  serveStats(port);
}
