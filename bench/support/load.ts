// The load generator for the command benchmark: signed slash commands over keep-alive HTTP, a
// small fake Slack that notes when each answer reaches its response_url, and percentiles.
import crypto from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { parse as parseQuery } from "node:querystring";

export const SECRET = "bench-signing-secret-0123456789";

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export const round1 = (n: number) => Math.round(n * 10) / 10;

const USERS_INFO_PER_MINUTE = 100;

/** Answers what the bot asks Slack for during a command, and resolves response_url posts. */
export class AnswerSink {
  private server: http.Server;
  private waiting = new Map<string, (body: string) => void>();
  private seq = 0;
  private usersInfoAt: number[] = [];
  /** users.info calls answered, and refused as over Slack's limit. */
  usersInfoCalls = 0;
  usersInfoRefused = 0;
  base = "";

  constructor() {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        const raw = Buffer.concat(chunks).toString("utf8");
        const url = req.url ?? "/";
        if (url.startsWith("/respond/")) {
          res.writeHead(200, { "content-type": "application/json" });
          const id = url.slice("/respond/".length);
          const done = this.waiting.get(id);
          this.waiting.delete(id);
          res.end('{"ok":true}');
          // The raw JSON: a load generator that parsed every answer would slow its own loop, and
          // with it every acknowledgement it times (the bare app's phases have no answers).
          done?.(raw);
          return;
        }
        const method = url.replace(/^\/api\//, "").split("?")[0];
        const args = parseQuery(raw);
        if (method === "users.info") {
          // As strict as Slack: Tier 4, 100 a minute at its floor, then 429 with Retry-After.
          const now = performance.now();
          while (this.usersInfoAt.length && now - this.usersInfoAt[0]! >= 60_000) this.usersInfoAt.shift();
          if (this.usersInfoAt.length >= USERS_INFO_PER_MINUTE) {
            this.usersInfoRefused++;
            res.writeHead(429, { "content-type": "application/json", "retry-after": String(Math.max(1, Math.ceil((this.usersInfoAt[0]! + 60_000 - now) / 1000))) });
            res.end('{"ok":false,"error":"ratelimited"}');
            return;
          }
          this.usersInfoAt.push(now);
          this.usersInfoCalls++;
        }
        res.writeHead(200, { "content-type": "application/json" });
        if (method === "users.info") res.end(JSON.stringify({ ok: true, user: { id: args.user, name: "bench", real_name: "Bench", is_bot: false, locale: "en-US", profile: { display_name: "Bench" } } }));
        else if (method === "auth.test") res.end(JSON.stringify({ ok: true, team_id: "T0BENCH", user_id: "UBOT", bot_id: "BBOT" }));
        else if (method === "conversations.open") res.end(JSON.stringify({ ok: true, channel: { id: `D${String(args.users)}` } }));
        else res.end(JSON.stringify({ ok: true, ts: `${Date.now() / 1000}`, channel: args.channel ?? "C0" }));
      });
    });
    this.server.keepAliveTimeout = 10_000;
  }

  async start(): Promise<this> {
    await new Promise<void>((r) => this.server.listen(0, "127.0.0.1", r));
    this.base = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  /** A fresh response_url and a promise of what arrives there, as JSON text (or null after `timeoutMs`). */
  expect(timeoutMs: number): { url: string; answer: Promise<string | null> } {
    const id = String(++this.seq);
    const answer = new Promise<string | null>((resolve) => {
      const timer = setTimeout(() => {
        this.waiting.delete(id);
        resolve(null);
      }, timeoutMs);
      this.waiting.set(id, (b) => {
        clearTimeout(timer);
        resolve(b);
      });
    });
    return { url: `${this.base}/respond/${id}`, answer };
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((r) => this.server.close(() => r()));
  }
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
        answerMs = performance.now() - t0;
        if (!a) lost = true;
        else {
          busy = /very busy/i.test(a);
          failed = /went wrong on my side/i.test(a);
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
