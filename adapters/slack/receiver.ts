// A Bolt Receiver mounted on the bot's own HTTP server at POST /slack/events, so Slack, the
// playground and /healthz share one port. Bolt verifies nothing for a custom receiver, so the
// v0 signature and the five-minute timestamp window are checked here, before anything is parsed.
import crypto from "node:crypto";
import type http from "node:http";
import { parse as parseQuery } from "node:querystring";
import { HTTPModuleFunctions, HTTPResponseAck, LogLevel, type App, type Logger as BoltLogger, type Receiver } from "@slack/bolt";
import type { Logger } from "../../commands/core/command.ts";
import { AckTurns } from "./ack-turns.ts";
import { checkSlackPayload } from "./payloads.ts";

export const SLACK_EVENTS_PATH = "/slack/events";
const MAX_BODY = 1 << 20;
const MAX_SKEW_SECONDS = 5 * 60;

export type Verdict = { ok: true } | { ok: false; reason: "missing" | "stale" | "mismatch" };

/** Checks Slack's `v0` request signature: HMAC-SHA256(secret, `v0:${timestamp}:${body}`). */
export function verifySlackSignature(
  secret: string,
  headers: { signature?: string; timestamp?: string },
  rawBody: Buffer | string,
  nowMs: number,
): Verdict {
  const { signature, timestamp } = headers;
  if (!signature || !timestamp || !/^\d{1,12}$/.test(timestamp)) return { ok: false, reason: "missing" };
  if (Math.abs(Math.floor(nowMs / 1000) - Number(timestamp)) > MAX_SKEW_SECONDS) return { ok: false, reason: "stale" };
  const mac = crypto.createHmac("sha256", secret).update(`v0:${timestamp}:`).update(rawBody).digest("hex");
  const expected = Buffer.from(`v0=${mac}`, "utf8");
  const given = Buffer.from(signature, "utf8");
  if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) return { ok: false, reason: "mismatch" };
  return { ok: true };
}

/**
 * Parses a verified body: an interaction (a form field `payload` holding JSON), a slash command
 * (form fields) or an event (JSON). Throws on text that is not what it claims to be.
 */
export function parseSlackBody(raw: string, contentType: string | undefined): { body: unknown; interactive: boolean; command: boolean } {
  if ((contentType ?? "").startsWith("application/x-www-form-urlencoded")) {
    const fields = parseQuery(raw);
    if (fields.payload !== undefined) return { body: JSON.parse(String(fields.payload)) as unknown, interactive: true, command: false };
    return { body: Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v])), interactive: false, command: true };
  }
  return { body: JSON.parse(raw) as unknown, interactive: false, command: false };
}

async function readRaw(req: http.IncomingMessage): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of req) {
    size += (c as Buffer).length;
    if (size > MAX_BODY) return null;
    chunks.push(c as Buffer);
  }
  return Buffer.concat(chunks);
}

function header(req: http.IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

function end(res: http.ServerResponse, status: number, body = ""): void {
  if (res.headersSent) return;
  res.writeHead(status, { "content-type": "text/plain; charset=utf-8" });
  res.end(body);
}

export interface MountedReceiverOptions {
  signingSecret: string;
  log: Logger;
  /** Hold the HTTP answer until the listener has finished (tests); production acks at once. */
  processBeforeResponse?: boolean;
  now?: () => number;
  /** Told how long the loop spent on one request from its body read to its acknowledgement (admission's drain rate). */
  onAcknowledged?: (ms: number) => void;
  /** Shares the loop's turns between requests that arrive together (one per receiver unless given). */
  turns?: AckTurns;
}

export class MountedReceiver implements Receiver {
  private app: App | undefined;
  private readonly turns: AckTurns;

  constructor(private readonly opts: MountedReceiverOptions) {
    this.turns = opts.turns ?? new AckTurns();
  }

  init(app: App): void {
    this.app = app;
  }

  // The bot's HTTP server is started and stopped by the bot, not by Bolt.
  async start(): Promise<void> {}
  async stop(): Promise<void> {}

  readonly handle = async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    const path = (req.url ?? "/").split("?")[0];
    if (path !== SLACK_EVENTS_PATH) return end(res, 404, "Not found\n");
    if (req.method !== "POST") return end(res, 405, "Method not allowed\n");
    const raw = await readRaw(req);
    if (!raw) return end(res, 413, "Request body too large\n");
    // A burst's requests are read in one poll of the loop: each takes its turn from here on.
    const leave = await this.turns.enter();
    try {
      await this.acknowledge(req, res, raw);
    } finally {
      leave();
    }
  };

  private async acknowledge(req: http.IncomingMessage, res: http.ServerResponse, raw: Buffer): Promise<void> {
    const began = performance.now();
    // Slack's SSL check is not signed; it only needs a 200, and nothing else in it is looked at.
    // (Looked for before parsing: every click and command passes here, and one in millions is a check.)
    if ((header(req, "content-type") ?? "").startsWith("application/x-www-form-urlencoded") && raw.includes("ssl_check=") && parseQuery(raw.toString("utf8")).ssl_check === "1") return end(res, 200);
    const verdict = verifySlackSignature(
      this.opts.signingSecret,
      { signature: header(req, "x-slack-signature"), timestamp: header(req, "x-slack-request-timestamp") },
      raw,
      (this.opts.now ?? Date.now)(),
    );
    if (!verdict.ok) {
      this.opts.log.warn("slack.request.rejected", { reason: verdict.reason });
      return end(res, 401, "Unauthorized\n");
    }
    let parsed: ReturnType<typeof parseSlackBody>;
    try {
      parsed = parseSlackBody(raw.toString("utf8"), header(req, "content-type"));
    } catch {
      this.opts.log.warn("slack.request.malformed", { kind: "body", fields: [] });
      return end(res, 400, "Malformed body\n");
    }
    // Signed is not the same as well-formed: every payload is checked against what its kind must carry.
    const checked = checkSlackPayload(parsed.body, parsed);
    if (!checked.ok) {
      this.opts.log.warn("slack.request.malformed", { kind: checked.kind, fields: checked.fields });
      return end(res, 400, "Malformed payload\n");
    }
    const body = checked.body;
    if (body.type === "url_verification") {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ challenge: String(body.challenge ?? "") }));
      return;
    }
    if (!this.app) return end(res, 503, "Not ready\n");
    const ack = new HTTPResponseAck({
      logger: boltLogger(this.opts.log),
      processBeforeResponse: this.opts.processBeforeResponse ?? false,
      httpRequest: req,
      httpRequestBody: body,
      httpResponse: res,
    });
    const retry = header(req, "x-slack-retry-num");
    try {
      await this.app.processEvent({
        body,
        ack: ack.bind(),
        retryNum: retry !== undefined && /^\d+$/.test(retry) ? Number(retry) : undefined,
        retryReason: header(req, "x-slack-retry-reason"),
      });
      if (ack.storedResponse !== undefined) HTTPModuleFunctions.buildContentResponse(res, ack.storedResponse);
      // Without processBeforeResponse the listener returns right after its ack: everything from the
      // body read to here ran on the loop in one go, time the queued work could not have.
      // (A modal submission waits for its work up to Slack's window: not an acknowledgement alone.)
      if (!this.opts.processBeforeResponse && body.type !== "view_submission") this.opts.onAcknowledged?.(performance.now() - began);
    } catch (e) {
      this.opts.log.error("slack.event.failed", { error: e instanceof Error ? e.name : "unknown" });
      end(res, 500, "Internal error\n");
    }
  }
}

/** Bolt's logger interface on top of ours; only short messages, never payloads. */
export function boltLogger(log: Logger): BoltLogger {
  let level: LogLevel = LogLevel.ERROR;
  const msg = (args: unknown[]) => args.map((a) => (a instanceof Error ? a.name : typeof a === "string" ? a : "")).join(" ").slice(0, 200);
  return {
    debug: () => undefined,
    info: () => undefined,
    warn: (...args: unknown[]) => log.warn("slack.bolt", { message: msg(args) }),
    error: (...args: unknown[]) => log.error("slack.bolt", { message: msg(args) }),
    setLevel: (l: LogLevel) => {
      level = l;
    },
    getLevel: () => level,
    setName: () => undefined,
  };
}
