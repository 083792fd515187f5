// The connection each process keeps LISTENing on PostgreSQL, so a job written by another process
// wakes this one's dispatcher at once instead of at its next periodic look. One connection of its
// own, outside the pool (a pooled connection would be handed to other work and lose the LISTEN).
// When it drops (the server restarted, a network blip, an idle timeout) it reconnects, backing
// off up to half a minute, and reports one wake-up after reconnecting: jobs written while nobody
// listened were not heard, so the dispatcher looks once. The dispatcher's periodic look stays the
// safety net for the time in between.
import { createRequire } from "node:module";
import type pg from "pg";

export interface JobListener {
  /** Resolves once the first LISTEN is in place (or the listener is closed). */
  ready: Promise<void>;
  close(): Promise<void>;
}

/** Shown in pg_stat_activity, so an operator can tell the listening connection apart. */
export const LISTEN_APPLICATION_NAME = "unionhall-jobs-listen";
const RETRY_MIN_MS = 500;
const RETRY_MAX_MS = 30_000;

/**
 * LISTENs on `channel` with the pool's connection settings; `heard` gets each notification's
 * payload, and "" after a reconnection (something may have been missed).
 */
export function listenForJobs(pool: pg.Pool, channel: string, heard: (payload: string) => void): JobListener {
  if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new Error("a channel name is a plain lower-case identifier");
  // Loaded here, only on PostgreSQL: a SQLite start-up does not pay for pg.
  const { Client } = createRequire(import.meta.url)("pg") as typeof pg;
  let client: pg.Client | null = null;
  let closed = false;
  let connectedOnce = false;
  let retryMs = RETRY_MIN_MS;
  let timer: NodeJS.Timeout | null = null;
  let markReady!: () => void;
  const ready = new Promise<void>((resolve) => (markReady = resolve));

  function dropped(c: pg.Client): void {
    if (client !== c) return; // already handled ("error" and "end" both come for one drop)
    client = null;
    c.end().catch(() => undefined);
    if (closed) return;
    timer = setTimeout(() => void connect(), retryMs);
    timer.unref?.();
    retryMs = Math.min(RETRY_MAX_MS, retryMs * 2);
  }

  async function connect(): Promise<void> {
    timer = null;
    if (closed) return;
    const c = new Client({ ...(pool.options as pg.ClientConfig), application_name: LISTEN_APPLICATION_NAME });
    client = c;
    c.on("notification", (m) => {
      if (m.channel === channel && client === c) heard(m.payload ?? "");
    });
    // Always listened for: an unhandled "error" event would end the process.
    c.on("error", () => dropped(c));
    c.on("end", () => dropped(c));
    try {
      await c.connect();
      await c.query(`LISTEN ${channel}`);
    } catch {
      dropped(c);
      return;
    }
    if (closed || client !== c) return;
    retryMs = RETRY_MIN_MS;
    if (connectedOnce) heard("");
    connectedOnce = true;
    markReady();
  }

  void connect();
  return {
    ready,
    async close() {
      closed = true;
      markReady();
      if (timer) clearTimeout(timer);
      timer = null;
      const c = client;
      client = null;
      if (c) await c.end().catch(() => undefined);
    },
  };
}
