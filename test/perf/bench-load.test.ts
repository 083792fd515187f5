// The command bench's load generator (bench/support/load.ts): several bot processes get the load in
// turn, as behind a round-robin load balancer, and an answer that is the apology for an error is not
// counted as an answer. And its check on PostgreSQL (bench/support/postgres.ts) sees a write that
// landed twice.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, describe, expect, it } from "vitest";
import { parse as parseQuery } from "node:querystring";
import { AnswerSink, answerMsSince, runPhase } from "../../bench/support/load.ts";
import { landedWrites } from "../../bench/support/postgres.ts";
import { REMINDER_KIND } from "../../commands/unionhall/remind.ts";
import { openStore } from "../../db/store.ts";
import { postgresUnavailable, startPostgres, type TestPostgres } from "../helpers/postgres.ts";

/** A stand-in bot: acknowledges, and posts `answer` to the command's response_url. */
async function fakeBot(answer: string): Promise<{ port: number; seen: () => number; close: () => Promise<void> }> {
  let seen = 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      seen++;
      const body = parseQuery(Buffer.concat(chunks).toString("utf8"));
      res.writeHead(200).end();
      const url = new URL(String(body.response_url));
      http.request({ host: url.hostname, port: url.port, path: url.pathname, method: "POST", headers: { "content-type": "application/json" } }).end(JSON.stringify({ text: answer }));
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return {
    port: (server.address() as AddressInfo).port,
    seen: () => seen,
    close: () => {
      server.closeAllConnections();
      return new Promise((r) => server.close(() => r()));
    },
  };
}

describe("the command bench's load", () => {
  it("sends request after request to each process in turn", async () => {
    const sink = await new AnswerSink().start();
    const a = await fakeBot("Here is what I can do");
    const b = await fakeBot("Here is what I can do");
    try {
      const { samples } = await runPhase({ port: a.port, ports: [a.port, b.port], concurrency: 4, durationMs: 300, answers: true, command: "/unionhall", text: () => "help", users: ["U1"], team: "T1", sink });
      expect(samples.length).toBeGreaterThan(10);
      expect(a.seen() + b.seen()).toBe(samples.length);
      expect(Math.abs(a.seen() - b.seen())).toBeLessThanOrEqual(1);
      expect(samples.every((s) => s.status === 200 && !s.lost && !s.failed)).toBe(true);
    } finally {
      await Promise.all([a.close(), b.close(), sink.stop()]);
    }
  });

  it("takes answers in on a thread of its own, timed when they arrive, not when this loop is free", async () => {
    const sink = await new AnswerSink().start();
    try {
      const expected = sink.expect(5_000);
      const url = new URL(expected.url);
      const t0 = performance.now();
      await new Promise<void>((resolve, reject) => {
        const req = http.request({ host: url.hostname, port: url.port, path: url.pathname, method: "POST", headers: { "content-type": "application/json" } }, (res) => res.resume());
        req.on("error", reject);
        req.end(JSON.stringify({ text: "Here is what I can do" }), () => resolve());
      });
      // This loop is held up while the answer arrives: the sink's thread still takes it in and times it.
      const until = performance.now() + 300;
      while (performance.now() < until);
      const answer = await expected.answer;
      expect(answer).toMatchObject({ busy: false, failed: false });
      expect(answerMsSince(t0, answer!)).toBeLessThan(250);
      expect(performance.now() - t0).toBeGreaterThanOrEqual(300);
    } finally {
      await sink.stop();
    }
  });

  it("counts the apology for an unexpected error as failed, not answered", async () => {
    const sink = await new AnswerSink().start();
    const bot = await fakeBot("Something went wrong on my side and nothing was changed. Please try again; if it keeps happening, give staff this code: X1.");
    try {
      const { samples } = await runPhase({ port: bot.port, concurrency: 2, durationMs: 100, answers: true, command: "/grievance", text: () => "note", users: ["U1"], team: "T1", sink });
      expect(samples.length).toBeGreaterThan(0);
      expect(samples.every((s) => s.failed && !s.busy)).toBe(true);
    } finally {
      await Promise.all([bot.close(), sink.stop()]);
    }
  });
});

const unavailable = postgresUnavailable();
if (unavailable) console.warn(`SKIPPING the command bench's PostgreSQL check: ${unavailable}`);

describe.skipIf(Boolean(unavailable))("the command bench's check on PostgreSQL", () => {
  let server: TestPostgres | undefined;
  afterAll(async () => server?.stop());

  it("counts each bench write, and one that landed twice shows as more rows than texts", async () => {
    server = await startPostgres();
    const url = await server.createDatabase("landed");
    const store = await openStore(url);
    try {
      const reminder = (text: string) =>
        store.pool!.query(`INSERT INTO "ScheduledJob" ("kind", "platform", "payload", "dueAt", "updatedAt") VALUES ($1, 'slack', $2, now(), now())`, [REMINDER_KIND, JSON.stringify({ text, byUser: null })]);
      await reminder("Bring the sign-in sheets (1)");
      await reminder("Bring the sign-in sheets (1)");
      await reminder("Bring the sign-in sheets (2)");
      await reminder("Something else (3)");
    } finally {
      await store.close();
    }
    const landed = await landedWrites(url, { note: "Called the member back, no answer yet (", remind: "Bring the sign-in sheets (" });
    expect(landed).toEqual({ note: { rows: 0, distinct: 0 }, remind: { rows: 3, distinct: 2 } });
  }, 120_000);
});
