// Start-up benchmark (not a test): a cold start of the bot as `npm start` runs it (the compiled
// dist/main.js when built, else the sources through tsx) onto a database of 70,000 members, with
// Slack configured in HTTP mode against a fake Slack: time from spawn to the first 200 from
// /healthz (and the CPU time used by then, which the machine's other load does not inflate), and
// resident memory once idle. A bare @slack/bolt app is started the same way for
// comparison. Targets: ready ≤ 1.5 s; idle RSS ≤ 150 MB.
import { fork, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { childEntry } from "./support/child-entry.ts";
import { AnswerSink, SECRET, round1 } from "./support/load.ts";
import { startFlags } from "./support/node-flags.ts";
import { seedBenchDb } from "./support/seed.ts";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const RUNS = Number(process.env.BENCH_START_RUNS ?? 3);
const TARGET = { readyMs: 1500, idleRssMb: 150 };

function rssMb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
  return m ? round1(Number(m[1]) / 1024) : NaN;
}

/** CPU time (user + system) the process has used so far: what start-up costs, whatever else the machine runs. */
function cpuMs(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return Math.round(((Number(fields[11]) + Number(fields[12])) * 1000) / 100);
}

function healthy(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const req = http.get({ host: "127.0.0.1", port, path: "/healthz", agent: false }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on("error", () => resolve(false));
  });
}

const idle = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The production command: compiled when built, as `npm start` runs it. */
function productionCommand(): { cmd: string; args: string[]; compiled: boolean } {
  const dist = path.join(root, "dist/main.js");
  if (fs.existsSync(dist)) return { cmd: process.execPath, args: [...startFlags(), dist], compiled: true };
  return { cmd: process.execPath, args: [...startFlags(), "--import", "tsx", path.join(root, "bot/main.ts")], compiled: false };
}

async function startBotOnce(env: NodeJS.ProcessEnv, port: number): Promise<{ readyMs: number; idleRssMb: number; cpuMs: number }> {
  const prod = productionCommand();
  const t0 = performance.now();
  const child = spawn(prod.cmd, prod.args, { cwd: root, env: { ...process.env, ...env, PORT: String(port) }, stdio: ["ignore", "ignore", "inherit"] });
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`the bot exited with ${child.exitCode} before it was ready`);
      if (await healthy(port)) break;
      await idle(10);
    }
    const readyMs = performance.now() - t0;
    const cpu = cpuMs(child.pid!);
    await idle(2000);
    return { readyMs, idleRssMb: rssMb(child.pid!), cpuMs: cpu };
  } finally {
    child.kill("SIGTERM");
    await new Promise((r) => (child.exitCode !== null ? r(null) : child.once("exit", r)));
  }
}

async function startBareOnce(env: NodeJS.ProcessEnv): Promise<{ readyMs: number; idleRssMb: number; cpuMs: number }> {
  const entry = childEntry();
  const t0 = performance.now();
  const child: ChildProcess = fork(entry.file, ["--bare"], { env: { ...process.env, ...env }, execArgv: entry.execArgv, stdio: ["ignore", "ignore", "inherit", "ipc"] });
  try {
    await new Promise((resolve) => child.on("message", (m: { type: string }) => m.type === "ready" && resolve(null)));
    const readyMs = performance.now() - t0;
    const cpu = cpuMs(child.pid!);
    await idle(2000);
    return { readyMs, idleRssMb: rssMb(child.pid!), cpuMs: cpu };
  } finally {
    child.kill("SIGTERM");
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = http.createServer().listen(0, "127.0.0.1", () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => resolve(p));
    });
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export async function run(): Promise<object[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "uh-bench-start-"));
  const seeded = await seedBenchDb(dir, { members: 70_000, users: 0 });
  const sink = await new AnswerSink().start();
  const env = {
    DATABASE_URL: `file:${seeded.file}`,
    HOST: "127.0.0.1",
    LOG_LEVEL: "warn",
    PLAYGROUND: "off",
    DEMO_DATA: "never",
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_BOT_TOKEN: "xoxb-bench-token",
    SLACK_API_URL: `${sink.base}/api/`,
  };
  try {
    const bot: { readyMs: number; idleRssMb: number; cpuMs: number }[] = [];
    const bare: { readyMs: number; idleRssMb: number; cpuMs: number }[] = [];
    for (let i = 0; i < RUNS; i++) {
      bot.push(await startBotOnce(env, await freePort()));
      bare.push(await startBareOnce(env));
    }
    const readyMs = Math.round(median(bot.map((b) => b.readyMs)));
    const idleRssMb = median(bot.map((b) => b.idleRssMb));
    return [
      {
        members: seeded.members,
        compiled: productionCommand().compiled,
        runs: RUNS,
        readyMs,
        idleRssMb,
        readyCpuMs: median(bot.map((b) => b.cpuMs)),
        bareReadyMs: Math.round(median(bare.map((b) => b.readyMs))),
        bareReadyCpuMs: median(bare.map((b) => b.cpuMs)),
        bareIdleRssMb: median(bare.map((b) => b.idleRssMb)),
        figures: [
          { name: "cold start to ready (70,000 members)", value: readyMs, unit: "ms", target: `≤ ${TARGET.readyMs}`, met: readyMs <= TARGET.readyMs },
          { name: "idle RSS (70,000 members)", value: idleRssMb, unit: "MB", target: `≤ ${TARGET.idleRssMb}`, met: idleRssMb <= TARGET.idleRssMb },
        ],
      },
    ];
  } finally {
    await sink.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  for (const r of await run()) console.log(JSON.stringify({ bench: "start", ...r }));
}
