// The load generator for the command benchmark: signed slash commands over keep-alive HTTP, a
// small fake Slack that notes when each answer reaches its response_url, and percentiles.
import crypto from "node:crypto";
import http from "node:http";
import { Worker } from "node:worker_threads";

export const SECRET = "bench-signing-secret-0123456789";

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export const round1 = (n: number) => Math.round(n * 10) / 10;

/** What the sink's thread (answer-sink.worker.mjs) tells the load generator. */
export type SinkMessage =
  | { kind: "listening"; port: number }
  | { kind: "answers"; answers: (Answer & { id: string })[] }
  | { kind: "usersInfo"; calls: number; refused: number }
  | { kind: "stopped" };

/** An answer that reached its response_url: when (ms since the epoch), and whether it was the "busy" apology or the unexpected-error one. */
export interface Answer {
  at: number;
  busy: boolean;
  failed: boolean;
}

/**
 * Answers what the bot asks Slack for during a command, and resolves response_url posts. Its
 * server runs on a thread of its own (answer-sink.worker.mjs), so taking the answers in does not
 * delay the acknowledgements this process times: bare Bolt's phases have no answers to take in.
 */
export class AnswerSink {
  private worker: Worker | undefined;
  private waiting = new Map<string, (a: Answer) => void>();
  private seq = 0;
  private stopped: (() => void) | undefined;
  /** users.info calls answered, and refused as over Slack's limit. */
  usersInfoCalls = 0;
  usersInfoRefused = 0;
  base = "";

  async start(): Promise<this> {
    const worker = new Worker(new URL("./answer-sink.worker.mjs", import.meta.url));
    this.worker = worker;
    await new Promise<void>((resolve, reject) => {
      worker.once("error", reject);
      worker.on("message", (m: SinkMessage) => {
        if (m.kind === "listening") {
          this.base = `http://127.0.0.1:${m.port}`;
          resolve();
        } else if (m.kind === "answers") {
          for (const a of m.answers) {
            const done = this.waiting.get(a.id);
            this.waiting.delete(a.id);
            done?.(a);
          }
        } else if (m.kind === "usersInfo") {
          this.usersInfoCalls = m.calls;
          this.usersInfoRefused = m.refused;
        } else if (m.kind === "stopped") this.stopped?.();
      });
    });
    return this;
  }

  /** A fresh response_url and a promise of what arrives there (or null after `timeoutMs`). */
  expect(timeoutMs: number): { url: string; answer: Promise<Answer | null> } {
    const id = String(++this.seq);
    const answer = new Promise<Answer | null>((resolve) => {
      const timer = setTimeout(() => {
        this.waiting.delete(id);
        resolve(null);
      }, timeoutMs);
      this.waiting.set(id, (a) => {
        clearTimeout(timer);
        resolve(a);
      });
    });
    return { url: `${this.base}/respond/${id}`, answer };
  }

  async stop(): Promise<void> {
    const worker = this.worker;
    if (!worker) return;
    await new Promise<void>((r) => {
      this.stopped = r;
      worker.postMessage({ kind: "stop" });
    });
    await worker.terminate();
  }
}

/** Milliseconds from `t0` (this thread's performance.now()) to an answer's arrival. */
export function answerMsSince(t0: number, a: Answer): number {
  return a.at - performance.timeOrigin - t0;
}

export interface Sample {
  /** Which request (sent as x-bench-id, for BENCH_TRACE_ACKS), and when it was sent (ms since the epoch). */
  id?: number;
  sentAt?: number;
  ackMs: number;
  /** Until the answer reached the response_url; equal to ackMs when the target only acks. */
  answerMs: number;
  status: number;
  busy: boolean;
  lost: boolean;
  /** The answer was the apology for an unexpected error (its incident code): not an answer. */
  failed?: boolean;
}

/** POSTs one signed Slack request (a slash command, or an interaction's `payload=`); resolves with the HTTP status once the body is read. */
export function postSigned(agent: http.Agent, port: number, body: string, id?: number): Promise<number> {
  const ts = String(Math.floor(Date.now() / 1000));
  const sig = `v0=${crypto.createHmac("sha256", SECRET).update(`v0:${ts}:${body}`).digest("hex")}`;
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        agent,
        host: "127.0.0.1",
        port,
        method: "POST",
        path: "/slack/events",
        headers: { "content-type": "application/x-www-form-urlencoded", "content-length": Buffer.byteLength(body), "x-slack-request-timestamp": ts, "x-slack-signature": sig, ...(id === undefined ? {} : { "x-bench-id": String(id) }) },
      },
      (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

/** Request ids, unique in this process: a child's trace of its requests joins the samples on them. */
let requestIds = 0;

export interface Phase {
  port: number;
  /** Several processes behind a load balancer: request i goes to ports[i % ports.length] (round robin; `port` is then unused). */
  ports?: number[];
  concurrency: number;
  durationMs: number;
  /** Whether answers arrive at the response_url (the bot) or the ack is all (bare Bolt). */
  answers: boolean;
  command: string;
  text: (i: number) => string;
  users: string[];
  team: string;
  sink: AnswerSink;
}

/**
 * Closed loop at `concurrency`: each worker sends a command, waits for the ack and (for the bot)
 * the answer, then sends the next, until the time is up. Throughput counts answered commands.
 */
export async function runPhase(p: Phase): Promise<{ samples: Sample[]; seconds: number }> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: p.concurrency });
  const samples: Sample[] = [];
  let seq = 0;
  const started = performance.now();
  const until = started + p.durationMs;
  const worker = async () => {
    while (performance.now() < until) {
      const i = seq++;
      const user = p.users[i % p.users.length]!;
      const expected = p.answers ? p.sink.expect(30_000) : null;
      const body = new URLSearchParams({
        token: "legacy",
        team_id: p.team,
        team_domain: "bench",
        channel_id: "C0BENCH",
        channel_name: "bench",
        user_id: user,
        user_name: user.toLowerCase(),
        command: p.command,
        text: p.text(i),
        api_app_id: "A0BENCH",
        response_url: expected?.url ?? `${p.sink.base}/respond/none`,
        trigger_id: `${i}.${crypto.randomBytes(6).toString("hex")}`,
      }).toString();
      const id = ++requestIds;
      const t0 = performance.now();
      const status = await postSigned(agent, p.ports ? p.ports[i % p.ports.length]! : p.port, body, id);
      const ackMs = performance.now() - t0;
      let answerMs = ackMs;
      let busy = false;
      let lost = false;
      let failed = false;
      if (expected && status === 200) {
        const a = await expected.answer;
        if (!a) {
          lost = true;
          answerMs = performance.now() - t0;
        } else {
          answerMs = answerMsSince(t0, a);
          busy = a.busy;
          failed = a.failed;
        }
      }
      samples.push({ id, sentAt: performance.timeOrigin + t0, ackMs, answerMs, status, busy, lost, failed });
    }
  };
  await Promise.all(Array.from({ length: p.concurrency }, worker));
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  return { samples, seconds };
}
