// Command benchmark (not a test): signed slash commands through the real Bolt HTTP receiver of
// the running bot (a child process on loopback, against a fake Slack on a thread of this process), at
// concurrency 1, 8 and 32, interleaved with a bare @slack/bolt app that only acknowledges, in
// the same run, round after round, so the ratios compare like with like on a shared machine.
// Commands: a read (`/unionhall help`), a state-changing one (`/unionhall remind … me …`) and one
// on a case with a long history (`/grievance note`, on a case with BENCH_HISTORY events).
// Reports commands/s (answered), ack and answer p50/p99, the ratios to bare Bolt, the bot's
// event-loop maximum delay (wall clock, and in the bot's own CPU time, which a loaded machine does
// not inflate), its memory under load (RSS, and the JavaScript heap's part of it) and CPU per command.
// Targets: ack p99 ≤ 1.5 × bare at every concurrency; at 32, ≥ 300/s read and ≥ 200/s writes,
// answer p99 ≤ 250 ms; no event-loop stall over 50 ms; RSS under load ≤ 250 MB.
// Beside it, when PostgreSQL's server binaries are installed (bench/support/postgres.ts says why
// then, BENCH_POSTGRES=0/1 to decide), the same load on PostgreSQL as a union needing more than one
// machine runs it:
// a throwaway cluster holding a copy of the same seeded database, BENCH_PG_PROCESSES (default 2) bot
// processes on it, the load generator sending request after request to each in turn (a load
// balancer's round robin, without a proxy's hop in the measurement), against as many bare Bolt
// apps balanced the same way, phase after phase with SQLite's; the same figures per process, and
// afterwards whether every write that was answered landed on PostgreSQL exactly once.
// PostgreSQL's targets are SQLite's (PG_TARGET, below, says why).
// The ack ratio that meets or misses its target is the median of the rounds' own ratios: in each
// round the bot and bare Bolt are measured back to back, in turn first (a machine whose load drifts
// during a round favours neither). A phase's p99 is decided by its one or two longest stalls of
// either process (a collection, a wait for a core), so one round's ratio swings either way; the
// pooled ratio is kept beside it. BENCH_TRACE_ACKS=dir: every request's send and ack time, joined
// with each child's own trace by bench/support/ack-trace.ts (before the child saw it, in it, after).
// BENCH_SECONDS (per phase, default 1), BENCH_ROUNDS (default 5), BENCH_CONCURRENCY ("1,8,32"),
// BENCH_COMMANDS ("help,remind,note": only these), BENCH_MEMORY=1 (the bot's memory after each
// phase, on stderr: RSS by kind of mapping, heap, external, threads), BENCH_CHILD_ARGS (extra node flags for the children, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof").
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { spawnChild, type Child } from "./support/spawn.ts";
import { benchPostgres, landedWrites, postgresWanted, type BenchPostgres } from "./support/postgres.ts";
import { AnswerSink, percentile, round1, runPhase, SECRET, type Sample } from "./support/load.ts";
import { BENCH_TEAM, STAFF, seedBenchDb } from "./support/seed.ts";

const here = path.dirname(fileURLToPath(import.meta.url));
const SECONDS = Number(process.env.BENCH_SECONDS ?? 1);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const LEVELS = (process.env.BENCH_CONCURRENCY ?? "1,8,32").split(",").map(Number);
const HISTORY = Number(process.env.BENCH_HISTORY ?? 1000);

const TARGET = { ackRatio: 1.5, readPerSec: 300, writePerSec: 200, answerP99Ms: 250, loopMaxMs: 50, rssLoadMb: 250 };
const PG_PROCESSES = Number(process.env.BENCH_PG_PROCESSES ?? 2);
// SQLite's targets, each for the same reason there: a member waits no longer, the rates are the
// deployment's (what the union gets, however many processes), the ack ratio is against as many
// bare Bolt apps behind the same balancing, and every process keeps its loop and memory bounds.
const PG_TARGET = { ...TARGET };

/** What one engine's phases gather, per scenario and concurrency; per process where the bot runs several. */
interface Acc {
  bot: Sample[];
  bare: Sample[];
  botSec: number;
  bareSec: number;
  loopMaxMs: number[];
  loopMaxCpuMs: number[];
  gcMaxMs: number[];
  stall: Record<string, number>;
  /** CPU time of the bot processes, and of the database server (PostgreSQL), over the phases. */
  botCpuMs: number;
  serverCpuMs: number;
  /** CPU time of the bare Bolt apps, and of this process (load generator, fake Slack) in the bot's and in bare Bolt's phases. */
  bareCpuMs: number;
  generatorWithBotCpuMs: number;
  generatorWithBareCpuMs: number;
  bareLoopMaxMs: number;
  /** Each round's ack p99 of the bot and of bare Bolt, measured back to back. */
  rounds: { bot: number; bare: number }[];
}

const newAcc = (n: number): Acc => ({ bot: [], bare: [], botSec: 0, bareSec: 0, loopMaxMs: Array(n).fill(0), loopMaxCpuMs: Array(n).fill(0), gcMaxMs: Array(n).fill(0), stall: {}, botCpuMs: 0, serverCpuMs: 0, bareCpuMs: 0, generatorWithBotCpuMs: 0, generatorWithBareCpuMs: 0, bareLoopMaxMs: 0, rounds: [] });
const cpuSince = (since: NodeJS.CpuUsage) => {
  const d = process.cpuUsage(since);
  return (d.user + d.system) / 1000;
};
const p99Of = (xs: Sample[]) => percentile(xs.map((x) => x.ackMs).sort((a, b) => a - b), 99);
const median = (sorted: number[]) => (sorted.length === 0 ? NaN : sorted.length % 2 ? sorted[(sorted.length - 1) / 2]! : (sorted[sorted.length / 2 - 1]! + sorted[sorted.length / 2]!) / 2);
const round2 = (n: number) => Math.round(n * 100) / 100;

/** An engine under load: its bot processes and the bare Bolt apps it is compared with. */
interface Target {
  bots: Child[];
  bares: Child[];
  samples: Map<string, Acc>;
  rssPeakMb: number[];
  heapPeakMb: number[];
  /** Every answered command of the run, warm-up included, by scenario (to check what landed). */
  sent: Map<string, Sample[]>;
}

const newTarget = (bots: Child[], bares: Child[]): Target => ({ bots, bares, samples: new Map(), rssPeakMb: bots.map(() => 0), heapPeakMb: bots.map(() => 0), sent: new Map() });

const ports = (cs: Child[]) => (cs.length === 1 ? { port: cs[0]!.port } : { port: cs[0]!.port, ports: cs.map((c) => c.port) });

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
  const withPg = postgresWanted();
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
  const children: Child[] = [];
  let pgServer: BenchPostgres | null = null;
  let sqlite: Target;
  let postgres: Target | null = null;
  const scenarios: Scenario[] = [
    { name: "help", kind: "read", command: "/unionhall", text: () => "help" },
    { name: "remind", kind: "write", command: "/unionhall", text: (i) => `remind "in 2 hours" me Bring the sign-in sheets (${i})` },
    ...(seeded.ref ? [{ name: "note" as const, kind: "write" as const, users: seeded.users.slice(0, STAFF), command: "/grievance", text: (i: number) => `note ${seeded.ref} Called the member back, no answer yet (${i})` }] : []),
  ];
  const wanted = (process.env.BENCH_COMMANDS ?? "").split(",").filter(Boolean);
  if (wanted.length) scenarios.splice(0, scenarios.length, ...scenarios.filter((s) => wanted.includes(s.name)));
  const base = { durationMs: SECONDS * 1000, team: BENCH_TEAM, users: seeded.users, sink };
  // Every write on PostgreSQL carries a number no other write has, to find each one afterwards.
  let pgSeq = 0;
  const textFor = (t: Target, s: Scenario) => (t === postgres ? () => s.text(++pgSeq) : s.text);
  const remember = (t: Target, s: Scenario, samples: Sample[]) => t.sent.set(s.name, [...(t.sent.get(s.name) ?? []), ...samples]);
  /** One phase on the bot processes of `t` (and its bare Bolt apps), gathered under `key`. */
  const measure = async (t: Target, s: Scenario, c: number, r: number) => {
    const key = `${s.name}@${c}`;
    const acc = t.samples.get(key) ?? newAcc(t.bots.length);
    const barePhase = async () => {
      await Promise.all(t.bares.map((x) => x.ask("reset")));
      const gen = process.cpuUsage();
      const x = await runPhase({ ...base, ...ports(t.bares), concurrency: c, answers: false, command: s.command, text: s.text });
      acc.generatorWithBareCpuMs += cpuSince(gen);
      for (const st of await Promise.all(t.bares.map((y) => y.ask("stats")))) {
        acc.bareCpuMs += st.cpuMs!;
        acc.bareLoopMaxMs = Math.max(acc.bareLoopMaxMs, st.elMaxMs!);
      }
      acc.bare.push(...x.samples);
      acc.bareSec += x.seconds;
      return x.samples;
    };
    // Bot and bare Bolt back to back, in turn first.
    const bareFirst = r % 2 === 1 ? await barePhase() : null;
    await Promise.all(t.bots.map((b) => b.ask("reset")));
    const serverCpu0 = t === postgres ? pgServer!.cpuMs() : 0;
    const gen = process.cpuUsage();
    const b = await runPhase({ ...base, ...ports(t.bots), users: s.users ?? base.users, concurrency: c, answers: true, command: s.command, text: textFor(t, s) });
    acc.generatorWithBotCpuMs += cpuSince(gen);
    remember(t, s, b.samples);
    const stats = await Promise.all(t.bots.map((x) => x.ask("stats")));
    if (t === postgres) acc.serverCpuMs += pgServer!.cpuMs() - serverCpu0;
    stats.forEach((st, p) => {
      // BENCH_MEMORY=1: where the bot's memory is after each phase (bench/support/bot-child.ts).
      if (process.env.BENCH_MEMORY) console.error(JSON.stringify({ phase: key, round: r, ...(t === postgres ? { engine: "postgres", process: p + 1 } : {}), ...st }));
      acc.loopMaxMs[p] = Math.max(acc.loopMaxMs[p]!, st.elMaxMs!);
      acc.loopMaxCpuMs[p] = Math.max(acc.loopMaxCpuMs[p]!, st.elMaxCpuMs!);
      acc.gcMaxMs[p] = Math.max(acc.gcMaxMs[p]!, st.gcMaxMs!);
      acc.botCpuMs += st.cpuMs!;
      if ((st.stallWallMs ?? 0) > (acc.stall.wallMs ?? -1)) acc.stall = { ...(t.bots.length > 1 ? { process: p + 1 } : {}), wallMs: st.stallWallMs!, cpuMs: st.stallCpuMs!, runQueueMs: st.stallRunQueueMs!, blockedMs: st.stallBlockedMs!, gcMs: st.stallGcMs! };
      t.rssPeakMb[p] = Math.max(t.rssPeakMb[p]!, st.rssPeakMb!);
      t.heapPeakMb[p] = Math.max(t.heapPeakMb[p]!, st.heapPeakMb!);
    });
    acc.bot.push(...b.samples);
    acc.botSec += b.seconds;
    const bareSamples = bareFirst ?? (await barePhase());
    acc.rounds.push({ bot: p99Of(b.samples), bare: p99Of(bareSamples) });
    if (process.env.BENCH_TRACE_ACKS) {
      const line = (side: string, xs: Sample[]) => xs.map((q) => `${t === postgres ? "pg:" : ""}${key} ${r} ${side} ${q.id} ${q.sentAt!.toFixed(3)} ${q.ackMs.toFixed(3)}`).join("\n") + "\n";
      fs.appendFileSync(path.join(process.env.BENCH_TRACE_ACKS, "samples"), line("bot", b.samples) + line("bare", bareSamples));
    }
    t.samples.set(key, acc);
  };
  /** Warms a target (JIT, statement caches, Bolt's auth.test, pooled connections) before anything is measured. */
  const warm = async (t: Target) => {
    for (const s of scenarios) remember(t, s, (await runPhase({ ...base, ...ports(t.bots), users: s.users ?? base.users, durationMs: 700, concurrency: 8, answers: true, command: s.command, text: textFor(t, s) })).samples);
    await runPhase({ ...base, ...ports(t.bares), durationMs: 700, concurrency: 8, answers: false, command: "/unionhall", text: () => "help" });
  };
  try {
    // Copied before the SQLite bot opens the file.
    if (withPg.run) pgServer = await benchPostgres(seeded.file);
    const bot = await spawnChild(env, false);
    children.push(bot);
    const bare = await spawnChild(env, true);
    children.push(bare);
    sqlite = newTarget([bot], [bare]);
    if (pgServer) {
      const bots = await Promise.all(Array.from({ length: PG_PROCESSES }, () => spawnChild({ ...env, DATABASE_URL: pgServer!.url }, false)));
      children.push(...bots);
      const bares = [bare, ...(await Promise.all(Array.from({ length: PG_PROCESSES - 1 }, () => spawnChild(env, true))))];
      children.push(...bares.slice(1));
      postgres = newTarget(bots, bares);
    }
    const targets = postgres ? [sqlite, postgres] : [sqlite];
    for (const t of targets) await warm(t);
    // Engine after engine within each phase, so both meet the machine in the same state.
    for (let r = 0; r < ROUNDS; r++) for (const c of LEVELS) for (const s of scenarios) for (const t of targets) await measure(t, s, c, r);
  } catch (e) {
    await pgServer?.stop();
    throw e;
  } finally {
    for (const c of children) c.proc.send({ type: "exit" });
    await sink.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const out: object[] = [];
  const phaseRows = (t: Target, target: typeof TARGET, label: (what: string) => string, extra: object) => {
    for (const s of scenarios) {
      for (const c of LEVELS) {
        const acc = t.samples.get(`${s.name}@${c}`)!;
        const ok = acc.bot.filter((x) => x.status === 200 && !x.lost);
        const ack = acc.bot.map((x) => x.ackMs).sort((a, b) => a - b);
        const answer = ok.map((x) => x.answerMs).sort((a, b) => a - b);
        const bareAck = acc.bare.map((x) => x.ackMs).sort((a, b) => a - b);
        const perSec = round1(ok.filter((x) => !x.busy && !x.failed).length / acc.botSec);
        const barePerSec = round1(acc.bare.length / acc.bareSec);
        const ackP99 = round1(percentile(ack, 99));
        const bareAckP99 = round1(percentile(bareAck, 99));
        // The target's figure: the median of the rounds' own ratios (see the top of this file).
        const roundRatios = acc.rounds.map((x) => x.bot / x.bare).sort((a, b) => a - b);
        const ackRatio = round1(median(roundRatios));
        const answerP99 = round1(percentile(answer, 99));
        const loopMaxMs = Math.max(...acc.loopMaxMs);
        const figures = [
          { name: label(`ack p99 ratio to bare Bolt (${s.name}, c=${c})`), value: ackRatio, unit: "×", target: `≤ ${target.ackRatio}`, met: ackRatio <= target.ackRatio },
          { name: label(`event-loop max delay (${s.name}, c=${c})`), value: loopMaxMs, unit: "ms", target: `≤ ${target.loopMaxMs}`, met: loopMaxMs <= target.loopMaxMs },
        ];
        if (c === 32) {
          const want = s.kind === "read" ? target.readPerSec : target.writePerSec;
          figures.push({ name: label(`commands/s (${s.name}, c=32)`), value: perSec, unit: "/s", target: `≥ ${want}`, met: perSec >= want });
          figures.push({ name: label(`answer p99 (${s.name}, c=32)`), value: answerP99, unit: "ms", target: `≤ ${target.answerP99Ms}`, met: answerP99 <= target.answerP99Ms });
        }
        const several = t.bots.length > 1;
        out.push({
          command: s.name,
          ...extra,
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
          ackP99RatioPerRound: roundRatios.map(round1),
          ackP99RatioPooled: round1(ackP99 / bareAckP99),
          answerP99RatioToBareAck: round1(answerP99 / bareAckP99),
          busy: ok.filter((x) => x.busy).length,
          failed: ok.filter((x) => x.failed).length,
          lost: acc.bot.filter((x) => x.lost).length,
          httpErrors: acc.bot.filter((x) => x.status !== 200).length,
          loopMaxMs,
          // The same stall in the bot's own CPU time: comparable across runs on a loaded machine.
          loopMaxCpuMs: Math.max(...acc.loopMaxCpuMs),
          gcMaxMs: Math.max(...acc.gcMaxMs),
          // What a command costs in CPU, whatever the machine's load: the bot's (all its processes), and the database server's.
          cpuMsPerCommand: Math.round((acc.botCpuMs / acc.bot.length) * 100) / 100,
          ...(t === postgres ? { serverCpuMsPerCommand: Math.round((acc.serverCpuMs / acc.bot.length) * 100) / 100 } : {}),
          // …bare Bolt's per ack, and this process's (the load generator and fake Slack) per command in the bot's and in bare Bolt's phases.
          bareCpuMsPerAck: round2(acc.bareCpuMs / acc.bare.length),
          generatorCpuMsPerCommand: { withBot: round2(acc.generatorWithBotCpuMs / acc.bot.length), withBare: round2(acc.generatorWithBareCpuMs / acc.bare.length) },
          bareLoopMaxMs: acc.bareLoopMaxMs,
          ...(several ? { loopMaxMsByProcess: acc.loopMaxMs, loopMaxCpuMsByProcess: acc.loopMaxCpuMs, gcMaxMsByProcess: acc.gcMaxMs } : {}),
          // The longest wall-clock stall of the phase, split (the main thread on a CPU, waiting for a core, blocked; GC pauses in it).
          longestStall: acc.stall,
          figures,
        });
      }
    }
  };
  phaseRows(sqlite!, TARGET, (what) => what, {});
  out.push({ command: "all", rssPeakUnderLoadMb: sqlite!.rssPeakMb[0], heapPeakMb: sqlite!.heapPeakMb[0], loadAverage: round1(os.loadavg()[0]!), figures: [{ name: "RSS under load", value: sqlite!.rssPeakMb[0]!, unit: "MB", target: `≤ ${TARGET.rssLoadMb}`, met: sqlite!.rssPeakMb[0]! <= TARGET.rssLoadMb }] });
  if (!postgres) {
    if (!withPg.run) console.error(`command bench: PostgreSQL left out: ${withPg.why}`);
    out.push({ command: "all", engine: "postgres", skipped: withPg.run ? "not started" : withPg.why, figures: [] });
    return out;
  }
  const pgLabel = (what: string) => `PostgreSQL, ${PG_PROCESSES} processes: ${what}`;
  const pgExtra = { engine: "postgres", processes: PG_PROCESSES };
  try {
    phaseRows(postgres, PG_TARGET, pgLabel, pgExtra);
    // Every write that was answered landed once: as many rows as distinct texts (none twice), and
    // as many as answered (none lost), give or take those whose answer never came (they may have).
    const landed = await landedWrites(pgServer!.url, { note: "Called the member back, no answer yet (", remind: "Bring the sign-in sheets (" });
    const writes = scenarios.filter((s) => s.kind === "write");
    const check = writes.map((s) => {
      const sent = postgres!.sent.get(s.name) ?? [];
      const answered = sent.filter((x) => x.status === 200 && !x.lost && !x.busy && !x.failed).length;
      const unknown = sent.filter((x) => x.lost).length;
      const got = s.name === "note" ? landed.note : landed.remind;
      const met = got.rows === got.distinct && got.distinct >= answered && got.distinct <= answered + unknown;
      return { command: s.name, answered, refusedBusy: sent.filter((x) => x.busy).length, failed: sent.filter((x) => x.failed).length, answerLost: unknown, rows: got.rows, distinct: got.distinct, met };
    });
    out.push({
      command: "all",
      ...pgExtra,
      rssPeakUnderLoadMbByProcess: postgres.rssPeakMb,
      heapPeakMbByProcess: postgres.heapPeakMb,
      writes: check,
      loadAverage: round1(os.loadavg()[0]!),
      figures: [
        ...postgres.rssPeakMb.map((mb, p) => ({ name: pgLabel(`RSS under load, process ${p + 1}`), value: mb, unit: "MB", target: `≤ ${PG_TARGET.rssLoadMb}`, met: mb <= PG_TARGET.rssLoadMb })),
        ...check.map((w) => ({ name: pgLabel(`answered ${w.command} writes that landed once (rows, distinct, answered)`), value: `${w.rows}, ${w.distinct}, ${w.answered}`, target: "equal", met: w.met })),
      ],
    });
  } finally {
    await pgServer!.stop();
  }
  return out;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  for (const r of await run()) console.log(JSON.stringify({ bench: "command", ...r }));
}
void here;
