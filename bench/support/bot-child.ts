// A child process running the real bot (the same startBot as `npm start`) in Slack HTTP mode
// against the parent's fake Slack, reporting its event-loop delay and memory over IPC, so the
// load generator in the parent does not share its event loop. Also used for the bare Bolt app.
import { readFileSync, writeFileSync } from "node:fs";
import { monitorEventLoopDelay, PerformanceObserver } from "node:perf_hooks";

export type ChildMessage =
  | { type: "ready"; port: number }
  | { type: "stats"; elMaxMs: number; elP99Ms: number; elMaxCpuMs: number; rssMb: number; rssPeakMb: number; heapPeakMb: number; gcMaxMs: number; cpuMs: number };

const cpuSince = (start: NodeJS.CpuUsage) => {
  const d = process.cpuUsage(start);
  return Math.round((d.user + d.system) / 1000);
};

const mb = (n: number) => Math.round((n / 1048576) * 10) / 10;

/** Nanoseconds the main thread has run on a CPU (Linux's schedstat), or null elsewhere. */
function mainThreadCpuNs(): number | null {
  try {
    return Number(readFileSync(`/proc/self/task/${process.pid}/schedstat`, "utf8").split(" ")[0]);
  } catch {
    return null;
  }
}

/**
 * The longest stretch between two 5 ms timer ticks counted in the main thread's own CPU time: the
 * longest run of loop work, whatever else the machine runs. On a shared machine the wall-clock
 * delay also counts the time the process waited for a core; this one does not (nor time the
 * thread spent blocked off the CPU, in a disk sync).
 */
function loopCpuMonitor(): { maxMs(): number; reset(): void } {
  let last = mainThreadCpuNs();
  let max = 0;
  if (last !== null) {
    setInterval(() => {
      const now = mainThreadCpuNs()!;
      max = Math.max(max, now - last!);
      last = now;
    }, 5).unref();
  }
  return {
    maxMs: () => (last === null ? NaN : Math.round(max / 1e5) / 10),
    reset: () => {
      max = 0;
      last = mainThreadCpuNs();
    },
  };
}

/** Listens for "reset"/"stats" from the parent; sends "ready" once the app listens on `port`. */
export function serveStats(port: number): void {
  const h = monitorEventLoopDelay({ resolution: 5 });
  h.enable();
  const loopCpu = loopCpuMonitor();
  let peak = process.memoryUsage().rss;
  let heapPeak = 0;
  // The longest garbage-collection pause, to tell GC stalls from the bot's own work.
  let gcMax = 0;
  // CPU time since the last reset: what the work cost, however loaded the machine (wall times are not).
  let cpuAtReset = process.cpuUsage();
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) gcMax = Math.max(gcMax, e.duration);
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
      cpuAtReset = process.cpuUsage();
      peak = process.memoryUsage().rss;
      process.send!({ type: "reset-done" });
    } else if (m.type === "stats") {
      const rss = process.memoryUsage().rss;
      peak = Math.max(peak, rss);
      const msg: ChildMessage = { type: "stats", elMaxMs: Math.round(h.max / 1e5) / 10, elP99Ms: Math.round(h.percentile(99) / 1e5) / 10, elMaxCpuMs: loopCpu.maxMs(), rssMb: mb(rss), rssPeakMb: mb(peak), heapPeakMb: mb(Math.max(heapPeak, process.memoryUsage().heapUsed)), gcMaxMs: Math.round(gcMax * 10) / 10, cpuMs: cpuSince(cpuAtReset) };
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

if (process.send) {
  const port = process.argv.includes("--bare") ? await startBareBolt() : await startRealBot();
  serveStats(port);
}
