// Prometheus metrics (prom-client): work by platform, area and kind with latencies, errors,
// refusals, queue depth, scheduler lag, and Node's own (event-loop delay, memory, GC).
// GET /metrics answers loopback peers only, or anyone presenting METRICS_TOKEN as a Bearer token.
import crypto from "node:crypto";
import type http from "node:http";
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import type { WorkLabels, Refusal } from "../commands/core/intake.ts";

export interface Metrics {
  registry: Registry;
  workDone(labels: WorkLabels, ms: number, ok: boolean): void;
  refused(r: Refusal): void;
  error(event: string): void;
  queueDepth(n: number): void;
  /** How the scheduler lag is read at scrape time. */
  schedulerLag(read: () => number | Promise<number>): void;
  /** This process's share of the deployment, read at scrape time: its database pool (PostgreSQL) and the roles it competes for. */
  processState(read: () => ProcessState): void;
  /** The /metrics request handler. */
  handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void>;
}

export interface ProcessState {
  /** The pool's connections (PostgreSQL only): at most `max`, `idle` of them unused, `waiting` requests queued for one. */
  pool?: { max: number; open: number; idle: number; waiting: number };
  /** Each role only one process may hold (the Discord gateway), and whether this one holds it. */
  roles: { name: string; held: boolean }[];
}

export function createMetrics(opts: { token?: string; knownAreas: () => readonly string[] }): Metrics {
  const registry = new Registry();
  // Event-loop delay (nodejs_eventloop_lag_max_seconds etc., reset at each scrape), memory, GC, handles.
  collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 10 });
  const work = new Counter({ name: "unionhall_work_total", help: "Commands, clicks, form submissions and home pages handled, by platform, area and kind", labelNames: ["platform", "area", "kind", "outcome"], registers: [registry] });
  const seconds = new Histogram({
    name: "unionhall_work_seconds",
    help: "Time from admission to the answer sent, by platform, area and kind",
    labelNames: ["platform", "area", "kind"],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const errors = new Counter({ name: "unionhall_errors_total", help: "Errors logged, by event", labelNames: ["event"], registers: [registry] });
  const refusals = new Counter({ name: "unionhall_refused_total", help: "Work refused before the acknowledgement: busy (queue full) or slowDown (per-person rate limit)", labelNames: ["reason"], registers: [registry] });
  const depth = new Gauge({ name: "unionhall_queue_depth", help: "Work running or waiting in the bounded queue", registers: [registry] });
  let readLag: () => number | Promise<number> = () => 0;
  new Gauge({
    name: "unionhall_scheduler_lag_seconds",
    help: "Seconds since the oldest pending scheduled job fell due (0 when none is overdue)",
    registers: [registry],
    async collect() {
      try {
        this.set(await readLag());
      } catch {
        // The store is closing: leave the last value.
      }
    },
  });
  let readState: () => ProcessState = () => ({ roles: [] });
  new Gauge({
    name: "unionhall_db_pool_connections",
    help: "This process's PostgreSQL pool for the data layer: max (DATABASE_POOL_SIZE), open, idle, and requests waiting for a connection",
    labelNames: ["state"],
    registers: [registry],
    collect() {
      const pool = readState().pool;
      if (!pool) return;
      for (const [state, n] of Object.entries(pool)) this.set({ state }, n);
    },
  });
  new Gauge({
    name: "unionhall_role_held",
    help: "1 when this process holds the role (only one process at a time may), else 0",
    labelNames: ["role"],
    registers: [registry],
    collect() {
      for (const r of readState().roles) this.set({ role: r.name }, r.held ? 1 : 0);
    },
  });
  const area = (a: string | undefined) => (a && opts.knownAreas().includes(a) ? a : "other");
  const tokenHash = opts.token ? crypto.createHash("sha256").update(opts.token).digest() : null;
  const allowed = (req: http.IncomingMessage): boolean => {
    if (tokenHash) {
      const given = /^Bearer (.+)$/.exec(req.headers.authorization ?? "")?.[1];
      return given !== undefined && crypto.timingSafeEqual(crypto.createHash("sha256").update(given).digest(), tokenHash);
    }
    const peer = req.socket.remoteAddress ?? "";
    return (peer === "127.0.0.1" || peer === "::1" || peer === "::ffff:127.0.0.1") && !req.headers["x-forwarded-for"];
  };
  return {
    registry,
    workDone(l, ms, ok) {
      const labels = { platform: l.platform ?? "other", area: area(l.area), kind: l.kind ?? "other" };
      work.inc({ ...labels, outcome: ok ? "ok" : "failed" });
      seconds.observe(labels, ms / 1000);
    },
    refused: (r) => refusals.inc({ reason: r.kind }),
    error: (event) => errors.inc({ event: event.slice(0, 60) }),
    queueDepth: (n) => depth.set(n),
    schedulerLag(read) {
      readLag = read;
    },
    processState(read) {
      readState = read;
    },
    async handle(req, res) {
      if (req.method !== "GET") {
        res.writeHead(405, { "content-type": "text/plain" });
        res.end("Method not allowed\n");
        return;
      }
      if (!allowed(req)) {
        res.writeHead(tokenHash ? 401 : 403, { "content-type": "text/plain" });
        res.end(tokenHash ? "Unauthorized\n" : "Forbidden: /metrics answers this machine only (or set METRICS_TOKEN)\n");
        return;
      }
      const body = await registry.metrics();
      res.writeHead(200, { "content-type": registry.contentType, "cache-control": "no-store" });
      res.end(body);
    },
  };
}
