// A small fake of Slack for end-to-end tests: the Web API (form-urlencoded POST /api/<method>),
// the file upload URLs handed out by files.getUploadURLExternal, and response_url endpoints.
// It records every call so tests can assert on what the real Bolt app sent.
import crypto from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { parse as parseQuery } from "node:querystring";
import { WebSocketServer, type WebSocket } from "ws";
import { SLACK_BOT_SCOPES } from "../../adapters/slack/manifest.ts";
import { SlackRules } from "./slack-rules.ts";

export interface ApiCall {
  method: string;
  args: Record<string, unknown>;
  auth?: string;
}

export interface FakeUser {
  id: string;
  teamId: string;
  name: string;
  email?: string;
  emailConfirmed?: boolean;
  locale?: string;
}

type Failure = { status: 429; retryAfter: number } | { error: string };

/** Parses JSON-looking form values (blocks, view, files arrive as JSON strings). */
function decode(v: unknown): unknown {
  if (typeof v !== "string") return v;
  if (/^[[{]/.test(v)) {
    try {
      return JSON.parse(v);
    } catch {
      return v;
    }
  }
  return v;
}

export class FakeSlack {
  readonly calls: ApiCall[] = [];
  readonly responses: { id: string; body: Record<string, unknown> }[] = [];
  readonly uploads: { fileId: string; bytes: Buffer }[] = [];
  readonly users = new Map<string, FakeUser>();
  /** Channel messages as they stand now (after any chat.update), by `channel:ts`; `by` is the author. */
  readonly posted = new Map<string, { by: string; blocks: unknown; text: unknown }>();
  readonly teamId = "T0UNION";
  private failures = new Map<string, Failure[]>();
  /** Slack's limits and expiries (./slack-rules.ts): its clock, the urls and triggers it issued, what it refused. */
  readonly rules = new SlackRules();
  private privateFiles = new Map<string, { data: Buffer; name: string; mimetype: string }>();
  /** The bot token the app under test is started with (test/slack/harness.ts). */
  botToken = "xoxb-test-token";
  private server: http.Server;
  private seq = 0;
  base = "";
  /** Socket Mode: the app's connection, and the envelope acks it sent back. */
  private wss = new WebSocketServer({ noServer: true });
  socket: WebSocket | undefined;
  readonly socketAcks: { envelope_id: string; payload?: unknown }[] = [];
  /**
   * Open modals as Slack keeps them: a view keeps its id for its whole life (views.update, and
   * the app's `response_action: "update"` or `"errors"` answers change only its hash); views.open
   * and views.push make a new one.
   */
  readonly openViews = new Map<string, LiveView>();

  /**
   * The workspace's channels as the bot sees them. The bot posts only where it is a member, or in a
   * public channel when the app has chat:write.public; elsewhere Slack answers not_in_channel, and
   * a private channel it is not in does not exist for it (channel_not_found). A channel id not
   * listed here is a public channel the bot was never invited to. The harness's channels are ones
   * an admin who followed the install steps invited the bot to.
   */
  readonly channels = new Map<string, FakeChannel>();

  /** Adds (or changes) a channel; `botMember` says whether the bot was invited to it. */
  addChannel(id: string, o: { name?: string; private?: boolean; botMember?: boolean } = {}): FakeChannel {
    const ch = { id, name: o.name ?? id.toLowerCase(), private: o.private ?? false, botMember: o.botMember ?? false };
    this.channels.set(id, ch);
    return ch;
  }

  /** Why Slack refuses the bot a post in `channel`, or null when it may post there. */
  private channelRefusal(method: string, channel: unknown): { ok: false; error: string } | null {
    const id = String(channel ?? "");
    if (id.startsWith("D")) return null;
    const ch = this.channels.get(id);
    if (ch?.botMember) return null;
    if (ch?.private) return this.rules.refuseProvoked(method, "channel_not_found");
    if (this.rules.scopes.has("chat:write.public") && method !== "chat.update") return null;
    return this.rules.refuseProvoked(method, "not_in_channel");
  }

  constructor() {
    for (const [id, name] of [["C0GENERAL", "general"], ["C0STEWARDS", "stewards"], ["C0TREASURY", "treasury"]] as const) this.addChannel(id, { name, botMember: true });
    // Installed as an admin installs it: with the scopes of the manifest the bot generates.
    this.installScopes(SLACK_BOT_SCOPES);
    this.server = http.createServer((req, res) => void this.route(req, res));
    this.server.on("upgrade", (req, sock, head) => {
      if (!req.url?.startsWith("/socket")) return sock.destroy();
      this.wss.handleUpgrade(req, sock, head, (ws) => {
        this.socket = ws;
        ws.on("message", (data) => {
          const msg = JSON.parse(String(data)) as { envelope_id?: string; payload?: unknown };
          if (msg.envelope_id) this.socketAcks.push({ envelope_id: msg.envelope_id, payload: msg.payload });
        });
        ws.send(JSON.stringify({ type: "hello", num_connections: 1, connection_info: { app_id: "A0UNION" } }));
      });
    });
  }

  /** Sends a Socket Mode envelope (slash_commands, interactive, events_api) to the connected app. */
  sendEnvelope(type: string, payload: unknown, envelopeId = crypto.randomUUID()): string {
    if (!this.socket) throw new Error("no Socket Mode connection");
    this.socket.send(JSON.stringify({ envelope_id: envelopeId, type, payload, accepts_response_payload: type !== "events_api", retry_attempt: 0, retry_reason: "" }));
    return envelopeId;
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    this.base = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    for (const c of this.wss.clients) c.terminate();
    this.wss.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  get apiUrl(): string {
    return `${this.base}/api/`;
  }

  addUser(u: Omit<FakeUser, "teamId"> & { teamId?: string }): FakeUser {
    const user = { teamId: this.teamId, ...u };
    this.users.set(u.id, user);
    return user;
  }

  /**
   * A file a person uploaded to Slack (through a modal's file input): its bytes are served only
   * to a request with the bot token, as Slack serves url_private_download.
   */
  addFile(data: Buffer, name: string, mimetype = "application/octet-stream"): string {
    const id = `F${crypto.randomBytes(5).toString("hex").toUpperCase()}`;
    this.privateFiles.set(id, { data, name, mimetype });
    return id;
  }

  /** The file object Slack puts in a view submission's state and answers to files.info. */
  fileObject(id: string): Record<string, unknown> {
    const f = this.privateFiles.get(id);
    if (!f) return { id };
    return { id, name: f.name, title: f.name, mimetype: f.mimetype, size: f.data.length, url_private: `${this.base}/files-pri/${id}/${encodeURIComponent(f.name)}`, url_private_download: `${this.base}/files-pri/${id}/download/${encodeURIComponent(f.name)}` };
  }

  /** While set, private file downloads wait for it (a slow network or a big file). */
  downloadGate: Promise<void> | null = null;

  /** Installs (or re-installs) the app with these bot scopes; calls needing others get missing_scope. */
  installScopes(scopes: readonly string[]): void {
    this.rules.scopes = new Set(scopes);
  }

  /** A fresh response_url, as Slack sends with each command and click. */
  responseUrl(): string {
    this.rules.issueResponseUrl(String(++this.seq));
    return `${this.base}/respond/${this.seq}`;
  }

  /** Makes the next call(s) of `method` fail (429 with retry-after, or `ok:false` with an error). */
  failNext(method: string, failure: Failure): void {
    const list = this.failures.get(method) ?? [];
    list.push(failure);
    this.failures.set(method, list);
  }

  /** The open modal currently showing the view with this callback_id. */
  liveView(callbackId: string): LiveView | undefined {
    return [...this.openViews.values()].find((v) => v.view.callback_id === callbackId);
  }

  /** Applies the app's answer to a view_submission the way Slack does. */
  viewAnswered(viewId: string, status: number, body: string): void {
    const live = this.openViews.get(viewId);
    if (!live || status !== 200) return;
    let ack: { response_action?: string; view?: Record<string, unknown> } = {};
    try {
      ack = body ? (JSON.parse(body) as typeof ack) : {};
    } catch {
      return;
    }
    if (ack.response_action === "update" && ack.view) Object.assign(live, { view: ack.view, hash: viewHash() });
    else if (ack.response_action === "errors") live.hash = viewHash();
    else if (ack.response_action === "push" && ack.view) this.trackView(ack.view);
    else this.openViews.delete(viewId); // closed (plain ack or "clear")
  }

  private trackView(view: Record<string, unknown>): LiveView {
    const live = { id: `V${String(++this.seq).padStart(8, "0")}`, hash: viewHash(), view };
    this.openViews.set(live.id, live);
    return live;
  }

  callsOf(method: string): ApiCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** Waits until `pick` returns something (the app answers after acking, so work is asynchronous). */
  async waitFor<T>(pick: () => T | undefined | null | false, what = "condition", timeoutMs = 20_000): Promise<T> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const v = pick();
      if (v) return v;
      if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  private async route(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks);
    const url = new URL(req.url ?? "/", this.base);
    const json = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { "content-type": "application/json", ...headers });
      res.end(JSON.stringify(body));
    };
    if (url.pathname.startsWith("/respond/")) {
      const refused = this.rules.response(url.pathname.slice("/respond/".length), JSON.parse(raw.toString("utf8") || "null"));
      if (refused) return json(refused.status, refused.body);
      this.responses.push({ id: url.pathname.slice("/respond/".length), body: JSON.parse(raw.toString("utf8")) as Record<string, unknown> });
      return json(200, { ok: true });
    }
    if (url.pathname.startsWith("/upload/")) {
      this.uploads.push({ fileId: url.pathname.slice("/upload/".length), bytes: multipartFile(raw, req.headers["content-type"]) });
      res.writeHead(200, { "content-type": "text/plain" });
      res.end("OK - " + raw.length);
      return;
    }
    if (url.pathname.startsWith("/files-pri/")) {
      if (this.downloadGate) await this.downloadGate;
      // Slack answers a request without the token with its sign-in page, not the file.
      const f = this.privateFiles.get(url.pathname.split("/")[2] ?? "");
      // Downloading a private file needs files:read, as files.info does.
      const unscoped = req.headers.authorization === `Bearer ${this.botToken}` ? this.rules.scopeRefusal("files.info") : null;
      if (!f || req.headers.authorization !== `Bearer ${this.botToken}` || unscoped) {
        res.writeHead(200, { "content-type": "text/html" });
        res.end("<!DOCTYPE html><html><body>Sign in to Slack</body></html>");
        return;
      }
      res.writeHead(200, { "content-type": f.mimetype });
      res.end(f.data);
      return;
    }
    if (!url.pathname.startsWith("/api/")) return json(404, { ok: false, error: "unknown_path" });
    const method = url.pathname.slice("/api/".length);
    const type = req.headers["content-type"] ?? "";
    const form = type.startsWith("application/json") ? (JSON.parse(raw.toString("utf8") || "{}") as Record<string, unknown>) : parseQuery(raw.toString("utf8"));
    const args = Object.fromEntries(Object.entries(form).map(([k, v]) => [k, decode(v)]));
    this.calls.push({ method, args, auth: req.headers.authorization });
    const failure = this.failures.get(method)?.shift();
    if (failure) {
      if ("status" in failure) return json(429, { ok: false, error: "ratelimited" }, { "retry-after": String(failure.retryAfter) });
      return json(200, { ok: false, error: failure.error });
    }
    const retryAfter = this.rules.rateLimited(method);
    if (retryAfter !== null) return json(429, { ok: false, error: "ratelimited" }, { "retry-after": String(retryAfter) });
    // Every answer says which scopes the token has, as Slack's x-oauth-scopes header does.
    const scopes = { "x-oauth-scopes": [...this.rules.scopes].join(",") };
    const refusal =
      this.rules.apiCall(method, args) ??
      (method === "chat.postMessage" || method === "chat.update" ? this.channelRefusal(method, args.channel) : null) ??
      (method === "files.completeUploadExternal" && args.channel_id ? this.channelRefusal(method, args.channel_id) : null);
    json(200, refusal ?? this.answer(method, args), scopes);
  }

  private answer(method: string, args: Record<string, unknown>): Record<string, unknown> {
    const ts = () => `${Math.floor(Date.now() / 1000)}.${String(++this.seq).padStart(6, "0")}`;
    switch (method) {
      case "apps.connections.open":
        return { ok: true, url: `${this.base.replace("http:", "ws:")}/socket` };
      case "auth.test":
        return { ok: true, url: "https://union.slack.example/", team: "Union", user: "unionhall", team_id: this.teamId, user_id: "UBOT", bot_id: "BBOT" };
      case "users.info": {
        const u = this.users.get(String(args.user));
        if (!u) return { ok: false, error: "user_not_found" };
        return {
          ok: true,
          user: {
            id: u.id,
            team_id: u.teamId,
            name: u.name,
            real_name: u.name,
            is_bot: false,
            is_email_confirmed: u.emailConfirmed ?? true,
            ...(args.include_locale ? { locale: u.locale ?? "en-US" } : {}),
            // Slack leaves the e-mail out unless the app has users:read.email.
            profile: { display_name: u.name, real_name: u.name, ...(u.email && this.rules.scopes.has("users:read.email") ? { email: u.email } : {}) },
          },
        };
      }
      case "conversations.info": {
        const id = String(args.channel ?? "");
        if (id.startsWith("D")) return { ok: true, channel: { id, is_im: true, is_channel: false, is_private: true } };
        const ch = this.channels.get(id) ?? { id, name: id.toLowerCase(), private: false, botMember: false };
        if (ch.private && !ch.botMember) return { ok: false, error: "channel_not_found" };
        return { ok: true, channel: { id, name: ch.name, is_channel: !ch.private, is_group: ch.private, is_private: ch.private, is_archived: false, is_member: ch.botMember } };
      }
      case "conversations.open":
        return { ok: true, channel: { id: `D${String(args.users)}` } };
      case "chat.postMessage": {
        const at = ts();
        this.posted.set(`${String(args.channel)}:${at}`, { by: "UBOT", blocks: args.blocks, text: args.text });
        return { ok: true, channel: args.channel, ts: at, message: { ts: at, user: "UBOT", text: args.text } };
      }
      case "chat.update": {
        // As Slack: the message must exist in that channel, and a bot edits only its own messages.
        const key = `${String(args.channel)}:${String(args.ts)}`;
        const m = this.posted.get(key);
        if (!m) return { ok: false, error: "message_not_found" };
        if (m.by !== "UBOT") return { ok: false, error: "cant_update_message" };
        Object.assign(m, { blocks: args.blocks, text: args.text });
        return { ok: true, channel: args.channel, ts: args.ts, text: args.text };
      }
      case "chat.postEphemeral":
        return { ok: true, channel: args.channel, ts: ts(), message_ts: ts() };
      case "views.open":
      case "views.push": {
        const live = this.trackView(typeof args.view === "object" ? (args.view as Record<string, unknown>) : {});
        return { ok: true, view: { ...live.view, id: live.id, hash: live.hash } };
      }
      case "views.update": {
        const live = this.openViews.get(String(args.view_id));
        if (!live) return { ok: false, error: "not_found" };
        if (args.hash !== undefined && args.hash !== live.hash) return { ok: false, error: "hash_conflict" };
        Object.assign(live, { view: typeof args.view === "object" ? args.view : live.view, hash: viewHash() });
        return { ok: true, view: { ...live.view, id: live.id, hash: live.hash } };
      }
      case "views.publish":
        return { ok: true, view: { id: `V${++this.seq}`, ...(typeof args.view === "object" ? (args.view as object) : {}) } };
      case "files.getUploadURLExternal": {
        const id = `F${crypto.randomBytes(4).toString("hex").toUpperCase()}`;
        return { ok: true, upload_url: `${this.base}/upload/${id}`, file_id: id };
      }
      case "files.info": {
        const id = String(args.file ?? "");
        return this.privateFiles.has(id) ? { ok: true, file: this.fileObject(id) } : { ok: false, error: "file_not_found" };
      }
      case "files.completeUploadExternal": {
        const files = (Array.isArray(args.files) ? args.files : []) as { id: string; title?: string }[];
        return { ok: true, files: files.map((f) => ({ id: f.id, title: f.title ?? "" })) };
      }
      default:
        return { ok: false, error: "unknown_method" };
    }
  }
}

export interface FakeChannel {
  id: string;
  name: string;
  private: boolean;
  botMember: boolean;
}

export interface LiveView {
  id: string;
  hash: string;
  view: Record<string, unknown>;
}

const viewHash = () => `${Math.floor(Date.now() / 1000)}.${crypto.randomBytes(6).toString("hex")}`;

/** Signs a request body the way Slack does: v0 HMAC-SHA256 over `v0:timestamp:body`. */
export function slackSignature(secret: string, timestamp: number, body: string): string {
  return `v0=${crypto.createHmac("sha256", secret).update(`v0:${timestamp}:${body}`).digest("hex")}`;
}

/** The file part of a multipart upload (the Web API client posts the file as form data), or the raw body. */
function multipartFile(raw: Buffer, contentType: string | undefined): Buffer {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/.exec(contentType ?? "");
  if (!boundary) return raw;
  const delim = Buffer.from(`--${boundary[1] ?? boundary[2]}`);
  const start = raw.indexOf(delim);
  const headersEnd = raw.indexOf("\r\n\r\n", start);
  const next = raw.indexOf(delim, headersEnd);
  if (start < 0 || headersEnd < 0 || next < 0) return raw;
  return raw.subarray(headersEnd + 4, next - 2);
}
