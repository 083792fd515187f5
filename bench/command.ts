// Command benchmark (not a test): signed slash commands through the real Bolt HTTP receiver of
// the running bot (a child process on loopback, against a fake Slack in this process), at
// concurrency 1, 8 and 32, interleaved with a bare @slack/bolt app that only acknowledges, in
// the same run, round after round, so the ratios compare like with like on a shared machine.
// Commands: a read (`/unionhall help`), a state-changing one (`/unionhall remind … me …`) and one
// on a case with a long history (`/grievance note`, on a case with BENCH_HISTORY events).
// Reports commands/s (answered), ack and answer p50/p99, the ratios to bare Bolt, the bot's
// event-loop maximum delay (wall clock, and in the bot's own CPU time, which a loaded machine does
// not inflate) and its memory under load (RSS, and the JavaScript heap's part of it).
// Targets: ack p99 ≤ 1.5 × bare at every concurrency; at 32, ≥ 300/s read and ≥ 200/s writes,
// answer p99 ≤ 250 ms; no event-loop stall over 50 ms; RSS under load ≤ 250 MB.
// BENCH_SECONDS (per phase, default 1.5), BENCH_ROUNDS (default 2), BENCH_CONCURRENCY ("1,8,32"),
// BENCH_COMMANDS ("help,remind,note": only these), BENCH_MEMORY=1 (the bot's memory after each
// phase, on stderr: RSS by kind of mapping, heap, external, threads), BENCH_CHILD_ARGS (extra node flags for the children, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof").
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { spawnChild } from "./support/spawn.ts";
import { AnswerSink, percentile, round1, runPhase, SECRET, type Sample } from "./support/load.ts";
import { BENCH_TEAM, STAFF, seedBenchDb } from "./support/seed.ts";

const here = path.dirname(fileURLToPath(import.meta.url));
const SECONDS = Number(process.env.BENCH_SECONDS ?? 1.5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const LEVELS = (process.env.BENCH_CONCURRENCY ?? "1,8,32").split(",").map(Number);
const HISTORY = Number(process.env.BENCH_HISTORY ?? 1000);

const TARGET = { ackRatio: 1.5, readPerSec: 300, writePerSec: 200, answerP99Ms: 250, loopMaxMs: 50, rssLoadMb: 250 };

interface Scenario {
  name: "help" | "remind" | "note";
  /** Only these users (notes need a role that may write on the case). */
  users?: string[];
  kind: "read" | "write";
  command: string;
  text: (i: number) => string;
}

export async function run(): Promise<object[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "uh-bench-cmd-"));
  const seeded = await seedBenchDb(dir, { members: 70_000, users: 1000, history: HISTORY });
  const sink = await new AnswerSink().start();
  const env = {
    DATABASE_URL: `file:${seeded.file}`,
    PORT: "0",
    HOST: "127.0.0.1",
    LOG_LEVEL: "silent",
    PLAYGROUND: "off",
    DEMO_DATA: "never",
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_BOT_TOKEN: "xoxb-bench-token",
    SLACK_API_URL: `${sink.base}/api/`,
    // The per-person limit is not what is measured here: a few staff write every note.
    RATE_LIMIT_PER_MINUTE: "6000",
    RATE_LIMIT_BURST: "1000",
  };
  const bot = await spawnChild(env, false);
  const bare = await spawnChild(env, true);
  const scenarios: Scenario[] = [
    { name: "help", kind: "read", command: "/unionhall", text: () => "help" },
    { name: "remind", kind: "write", command: "/unionhall", text: (i) => `remind "in 2 hours" me Bring the sign-in sheets (${i})` },
    ...(seeded.ref ? [{ name: "note" as const, kind: "write" as const, users: seeded.users.slice(0, STAFF), command: "/grievance", text: (i: number) => `note ${seeded.ref} Called the member back, no answer yet (${i})` }] : []),
  ];
  const wanted = (process.env.BENCH_COMMANDS ?? "").split(",").filter(Boolean);
  if (wanted.length) scenarios.splice(0, scenarios.length, ...scenarios.filter((s) => wanted.includes(s.name)));
  const base = { durationMs: SECONDS * 1000, team: BENCH_TEAM, users: seeded.users, sink };
  const samples = new Map<string, { bot: Sample[]; bare: Sample[]; botSec: number; bareSec: number; loopMaxMs: number; loopMaxCpuMs: number; gcMaxMs: number; stall: Record<string, number> }>();
  let rssPeakMb = 0;
  let heapPeakMb = 0;
  try {
    // Warm both (JIT, statement caches, Bolt's auth.test) before anything is measured.
    for (const s of scenarios) await runPhase({ ...base, users: s.users ?? base.users, durationMs: 700, port: bot.port, concurrency: 8, answers: true, command: s.command, text: s.text });
    await runPhase({ ...base, durationMs: 700, port: bare.port, concurrency: 8, answers: false, command: "/unionhall", text: () => "help" });
    for (let r = 0; r < ROUNDS; r++) {
      for (const c of LEVELS) {
        for (const s of scenarios) {
          const key = `${s.name}@${c}`;
          const acc = samples.get(key) ?? { bot: [], bare: [], botSec: 0, bareSec: 0, loopMaxMs: 0, loopMaxCpuMs: 0, gcMaxMs: 0, stall: {} };
          await bot.ask("reset");
          const b = await runPhase({ ...base, users: s.users ?? base.users, port: bot.port, concurrency: c, answers: true, command: s.command, text: s.text });
          const st = await bot.ask("stats");
          // BENCH_MEMORY=1: where the bot's memory is after each phase (bench/support/bot-child.ts).
          if (process.env.BENCH_MEMORY) console.error(JSON.stringify({ phase: key, round: r, ...st }));
          acc.bot.push(...b.samples);
          acc.botSec += b.seconds;
          acc.loopMaxMs = Math.max(acc.loopMaxMs, st.elMaxMs!);
          acc.loopMaxCpuMs = Math.max(acc.loopMaxCpuMs, st.elMaxCpuMs!);
          acc.gcMaxMs = Math.max(acc.gcMaxMs, st.gcMaxMs!);
          if ((st.stallWallMs ?? 0) > (acc.stall.wallMs ?? -1)) acc.stall = { wallMs: st.stallWallMs!, cpuMs: st.stallCpuMs!, runQueueMs: st.stallRunQueueMs!, blockedMs: st.stallBlockedMs!, gcMs: st.stallGcMs! };
          rssPeakMb = Math.max(rssPeakMb, st.rssPeakMb!);
          heapPeakMb = Math.max(heapPeakMb, st.heapPeakMb!);
          const x = await runPhase({ ...base, port: bare.port, concurrency: c, answers: false, command: s.command, text: s.text });
          acc.bare.push(...x.samples);
          acc.bareSec += x.seconds;
          samples.set(key, acc);
        }
      }
    }
  } finally {
    for (const c of [bot, bare]) c.proc.send({ type: "exit" });
    await sink.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const out: object[] = [];
  for (const s of scenarios) {
    for (const c of LEVELS) {
      const acc = samples.get(`${s.name}@${c}`)!;
      const ok = acc.bot.filter((x) => x.status === 200 && !x.lost);
      const ack = acc.bot.map((x) => x.ackMs).sort((a, b) => a - b);
      const answer = ok.map((x) => x.answerMs).sort((a, b) => a - b);
      const bareAck = acc.bare.map((x) => x.ackMs).sort((a, b) => a - b);
      const perSec = round1((ok.length - ok.filter((x) => x.busy).length) / acc.botSec);
      const barePerSec = round1(acc.bare.length / acc.bareSec);
      const ackP99 = round1(percentile(ack, 99));
      const bareAckP99 = round1(percentile(bareAck, 99));
      const ackRatio = round1(ackP99 / bareAckP99);
      const answerP99 = round1(percentile(answer, 99));
      const figures = [
        { name: `ack p99 ratio to bare Bolt (${s.name}, c=${c})`, value: ackRatio, unit: "×", target: `≤ ${TARGET.ackRatio}`, met: ackRatio <= TARGET.ackRatio },
        { name: `event-loop max delay (${s.name}, c=${c})`, value: acc.loopMaxMs, unit: "ms", target: `≤ ${TARGET.loopMaxMs}`, met: acc.loopMaxMs <= TARGET.loopMaxMs },
      ];
      if (c === 32) {
        const want = s.kind === "read" ? TARGET.readPerSec : TARGET.writePerSec;
        figures.push({ name: `commands/s (${s.name}, c=32)`, value: perSec, unit: "/s", target: `≥ ${want}`, met: perSec >= want });
        figures.push({ name: `answer p99 (${s.name}, c=32)`, value: answerP99, unit: "ms", target: `≤ ${TARGET.answerP99Ms}`, met: answerP99 <= TARGET.answerP99Ms });
      }
      out.push({
        command: s.name,
        concurrency: c,
        commands: acc.bot.length,
        perSec,
        barePerSec,
        ackP50Ms: round1(percentile(ack, 50)),
        ackP99Ms: ackP99,
        answerP50Ms: round1(percentile(answer, 50)),
        answerP99Ms: answerP99,
        bareAckP50Ms: round1(percentile(bareAck, 50)),
        bareAckP99Ms: bareAckP99,
        ackP99Ratio: ackRatio,
        answerP99RatioToBareAck: round1(answerP99 / bareAckP99),
        busy: ok.filter((x) => x.busy).length,
        lost: acc.bot.filter((x) => x.lost).length,
        httpErrors: acc.bot.filter((x) => x.status !== 200).length,
        loopMaxMs: acc.loopMaxMs,
        // The same stall in the bot's own CPU time: comparable across runs on a loaded machine.
        loopMaxCpuMs: acc.loopMaxCpuMs,
        gcMaxMs: acc.gcMaxMs,
        // The longest wall-clock stall of the phase, split (the main thread on a CPU, waiting for a core, blocked; GC pauses in it).
        longestStall: acc.stall,
        figures,
      });
    }
  }
  out.push({ command: "all", rssPeakUnderLoadMb: rssPeakMb, heapPeakMb, loadAverage: round1(os.loadavg()[0]!), figures: [{ name: "RSS under load", value: rssPeakMb, unit: "MB", target: `≤ ${TARGET.rssLoadMb}`, met: rssPeakMb <= TARGET.rssLoadMb }] });
  return out;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  for (const r of await run()) console.log(JSON.stringify({ bench: "command", ...r }));
}
void here;
