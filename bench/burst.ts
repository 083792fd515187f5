// Burst benchmark (not a test): after an announcement to the whole local, BENCH_CLICKS members
// (default 1,000, each a different person) click "Going" within BENCH_SPREAD_MS (default 1 s), as
// signed Slack block_actions through the real Bolt HTTP receiver of the running bot (a child
// process, against a fake Slack in this process). The same clicks go to a bare @slack/bolt app
// that only acknowledges, in the same run, for comparison.
// Targets: every ack within 3 s (Slack's window), every answer within 10 s, none refused as busy,
// none lost; RSS peak ≤ 250 MB; no event-loop stall over 50 ms; no users.info call refused by
// the fake's limit (Slack's Tier 4, 100 a minute).
// BENCH_CLICKS, BENCH_SPREAD_MS, BENCH_CHILD_ARGS (extra node flags for the children, e.g.
// "--cpu-prof --cpu-prof-dir=/tmp/prof" or "--trace-gc" with BENCH_CHILD_STDOUT=1 to see the
// children's output), BENCH_TRACE_INTAKE=file (what admission saw, every 200 ms).
import crypto from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { BUTTON_PREFIX } from "../adapters/slack/render.ts";
import { announceEvent } from "./support/announcement.ts";
import { spawnChild } from "./support/spawn.ts";
import { AnswerSink, answerMsSince, percentile, postSigned, round1, SECRET } from "./support/load.ts";
import { BENCH_TEAM, STAFF, seedBenchDb } from "./support/seed.ts";

const CLICKS = Number(process.env.BENCH_CLICKS ?? 1000);
const SPREAD_MS = Number(process.env.BENCH_SPREAD_MS ?? 1000);
const TARGET = { ackP99Ms: 3000, answerP99Ms: 10_000, refused: 0, failures: 0, rssPeakMb: 250, loopMaxMs: 50 };

interface Click {
  ackMs: number;
  answerMs: number;
  status: number;
  refused: boolean;
  lost: boolean;
}

/** One signed click on the announcement's button by `user`, answered at its own response_url. */
async function click(agent: http.Agent, port: number, sink: AnswerSink, user: string, token: string, answers: boolean): Promise<Click> {
  const expected = answers ? sink.expect(30_000) : null;
  const payload = {
    type: "block_actions",
    user: { id: user, team_id: BENCH_TEAM },
    team: { id: BENCH_TEAM },
    api_app_id: "A0BENCH",
    trigger_id: `${user}.${crypto.randomBytes(6).toString("hex")}`,
    response_url: expected?.url ?? `${sink.base}/respond/none`,
    channel: { id: "C0ANNOUNCE" },
    container: { type: "message", message_ts: "1700000000.000100", channel_id: "C0ANNOUNCE" },
    message: { ts: "1700000000.000100", text: "📣 Bargaining update town hall" },
    actions: [{ type: "button", action_id: `${BUTTON_PREFIX}${token}`, block_id: "b0", value: "going", action_ts: `${Date.now() / 1000}` }],
  };
  const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
  const t0 = performance.now();
  let status = 0;
  try {
    status = await postSigned(agent, port, body);
  } catch {
    status = 0;
  }
  const ackMs = performance.now() - t0;
  if (!expected || status !== 200) return { ackMs, answerMs: ackMs, status, refused: false, lost: status !== 200 };
  const a = await expected.answer;
  return { ackMs, answerMs: a ? answerMsSince(t0, a) : performance.now() - t0, status, refused: a !== null && a.busy, lost: a === null };
}

/** CLICKS clicks spread evenly over SPREAD_MS, each from a different member. */
async function burst(port: number, sink: AnswerSink, users: string[], token: string, answers: boolean): Promise<Click[]> {
  // Slack opens many connections at once from its edge; a few hundred sockets, reused.
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  const started = performance.now();
  const out = await Promise.all(
    users.map(async (u, i) => {
      const at = started + (i * SPREAD_MS) / users.length;
      const wait = at - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      return click(agent, port, sink, u, token, answers);
    }),
  );
  agent.destroy();
  return out;
}

export async function run(): Promise<object[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "uh-bench-burst-"));
  const seeded = await seedBenchDb(dir, { members: 70_000, users: STAFF + CLICKS + 50, history: 0 });
  const announced = await announceEvent(seeded.file);
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
  };
  const bot = await spawnChild(env, false);
  const bare = await spawnChild(env, true);
  // Members only (the first STAFF bench users are staff); the last 50 warm both processes up.
  const members = seeded.users.slice(STAFF);
  const clickers = members.slice(0, CLICKS);
  const warm = members.slice(CLICKS);
  let bot1: Click[] = [];
  let bare1: Click[] = [];
  let st: Record<string, number> = {};
  let bareSt: Record<string, number> = {};
  try {
    await burst(bot.port, sink, warm, announced.goingToken, true);
    await burst(bare.port, sink, warm, announced.goingToken, false);
    await bot.ask("reset");
    bot1 = await burst(bot.port, sink, clickers, announced.goingToken, true);
    st = await bot.ask("stats");
    await bare.ask("reset");
    bare1 = await burst(bare.port, sink, clickers, announced.goingToken, false);
    bareSt = await bare.ask("stats");
  } finally {
    for (const c of [bot, bare]) c.proc.send({ type: "exit" });
    await sink.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const ack = bot1.map((c) => c.ackMs).sort((a, b) => a - b);
  const answered = bot1.filter((c) => c.status === 200 && !c.lost && !c.refused);
  const answer = answered.map((c) => c.answerMs).sort((a, b) => a - b);
  const bareAck = bare1.map((c) => c.ackMs).sort((a, b) => a - b);
  const refused = bot1.filter((c) => c.refused).length;
  const failures = bot1.filter((c) => c.status !== 200 || c.lost).length;
  const ackP99 = round1(percentile(ack, 99));
  const answerP99 = answer.length ? round1(percentile(answer, 99)) : NaN;
  const rssPeak = st.rssPeakMb ?? NaN;
  const loopMax = st.elMaxMs ?? NaN;
  return [
    {
      clicks: CLICKS,
      spreadMs: SPREAD_MS,
      answered: answered.length,
      ackP50Ms: round1(percentile(ack, 50)),
      ackP99Ms: ackP99,
      answerP50Ms: answer.length ? round1(percentile(answer, 50)) : NaN,
      answerP99Ms: answerP99,
      bareAckP50Ms: round1(percentile(bareAck, 50)),
      bareAckP99Ms: round1(percentile(bareAck, 99)),
      refused,
      failures,
      rssPeakMb: rssPeak,
      loopMaxMs: loopMax,
      // The same stall in the bot's own CPU time: comparable across runs on a loaded machine.
      loopMaxCpuMs: st.elMaxCpuMs ?? NaN,
      gcMaxMs: st.gcMaxMs ?? NaN,
      // The longest wall-clock stall between two 5 ms ticks, split: the main thread on a CPU, waiting
      // for a core, blocked off the CPU; and the GC pauses that began in it (bench/support/bot-child.ts).
      longestStall: { wallMs: st.stallWallMs, cpuMs: st.stallCpuMs, runQueueMs: st.stallRunQueueMs, blockedMs: st.stallBlockedMs, gcMs: st.stallGcMs },
      heapPeakMb: st.heapPeakMb ?? NaN,
      // CPU per click (receiving, acknowledging and answering): the figure the machine's other load does not inflate.
      cpuMsPerClick: round1((st.cpuMs ?? NaN) / CLICKS),
      bareCpuMsPerClick: round1((bareSt.cpuMs ?? NaN) / CLICKS),
      // Who the clickers are: Slack's users.info allows 100 a minute (the AnswerSink refuses past it).
      usersInfoCalls: sink.usersInfoCalls,
      usersInfoRateLimited: sink.usersInfoRefused,
      loadAverage: round1(os.loadavg()[0]!),
      figures: [
        { name: "burst: ack p99", value: ackP99, unit: "ms", target: `≤ ${TARGET.ackP99Ms}`, met: ackP99 <= TARGET.ackP99Ms },
        { name: "burst: answer p99", value: answerP99, unit: "ms", target: `≤ ${TARGET.answerP99Ms}`, met: answerP99 <= TARGET.answerP99Ms },
        { name: "burst: refused as busy", value: refused, unit: "", target: `= ${TARGET.refused}`, met: refused === TARGET.refused },
        { name: "burst: failed or lost", value: failures, unit: "", target: `= ${TARGET.failures}`, met: failures === TARGET.failures },
        { name: "burst: RSS peak", value: rssPeak, unit: "MB", target: `≤ ${TARGET.rssPeakMb}`, met: rssPeak <= TARGET.rssPeakMb },
        { name: "burst: longest event-loop stall", value: loopMax, unit: "ms", target: `≤ ${TARGET.loopMaxMs}`, met: loopMax <= TARGET.loopMaxMs },
        { name: "burst: users.info refused as over Slack's limit", value: sink.usersInfoRefused, unit: "", target: "= 0", met: sink.usersInfoRefused === 0 },
      ],
    },
  ];
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  for (const r of await run()) console.log(JSON.stringify({ bench: "burst", ...r }));
}
