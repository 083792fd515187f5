// A local fake Discord on 127.0.0.1 for end-to-end tests of the real discord.js client:
// REST (interaction callbacks, webhook follow-ups and edits, messages, DMs, command registration)
// and a minimal gateway (HELLO, IDENTIFY → READY, heartbeat ACK, INTERACTION_CREATE dispatch).
// Everything the bot sends is recorded for the tests to read.
//
// As strict as Discord (facts and sources in ./discord-rules.ts): one callback per interaction
// (40060), callbacks only within 3 s of the interaction (10062), follow-ups and @original edits only
// after the callback and within the token's 15 minutes (10008 / 50027), payload limits (50035), and
// DMs that fail on demand (50007). Its clock only moves when a test says so (`advance`), so the
// deadlines are enforced without making tests depend on how busy the machine is.
import http from "node:http";
import { PermissionFlagsBits } from "discord.js";
import type { AddressInfo } from "node:net";
import { WebSocketServer, type WebSocket } from "ws";
import { discordBotPermissions } from "../../adapters/discord/permissions.ts";
import { autocompleteProblems, CALLBACKS_FOR, DISCORD_LIMITS, messageProblems, modalProblems } from "./discord-rules.ts";

/** Discord's 3-second window to answer an interaction (developer docs, "Responding to an Interaction"). */
export const CALLBACK_DEADLINE_MS = 3000;
/** Interaction tokens stay valid for 15 minutes (same page). */
export const TOKEN_LIFETIME_MS = 15 * 60_000;

export interface Refusal {
  /** True for failures a test asked for (closed DMs, forbidden channels); false for rules the bot broke. */
  provoked: boolean;
  method: string;
  path: string;
  status: number;
  code: number;
  message: string;
  problems: string[];
}

interface LiveInteraction {
  interaction: any;
  createdAt: number;
  /** The callback type it was answered with; null until answered. */
  answered: number | null;
}

export interface RecordedFile {
  field: string;
  filename: string;
  data: Buffer;
}

export interface Recorded {
  method: string;
  path: string;
  body: any;
  files: RecordedFile[];
}

export interface Callback extends Recorded {
  interactionId: string;
  token: string;
  type: number;
  data: any;
}

export interface FakeUser {
  id: string;
  username?: string;
}

let snowflake = 1_300_000_000_000_000_000n;
export const nextId = () => String(++snowflake);

function parseMultipart(body: Buffer, contentType: string): { json: any; files: RecordedFile[] } {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/.exec(contentType);
  if (!boundary) return { json: null, files: [] };
  const sep = Buffer.from(`--${boundary[1] ?? boundary[2]}`);
  const files: RecordedFile[] = [];
  let json: any = null;
  let start = body.indexOf(sep);
  while (start !== -1) {
    const next = body.indexOf(sep, start + sep.length);
    if (next === -1) break;
    const part = body.subarray(start + sep.length + 2, next - 2); // skip CRLF after boundary and before the next
    const headEnd = part.indexOf("\r\n\r\n");
    const head = part.subarray(0, headEnd).toString("utf8");
    const data = part.subarray(headEnd + 4);
    const name = /name="([^"]*)"/.exec(head)?.[1] ?? "";
    const filename = /filename="([^"]*)"/.exec(head)?.[1];
    if (name === "payload_json") json = JSON.parse(data.toString("utf8"));
    else if (filename !== undefined) files.push({ field: name, filename, data: Buffer.from(data) });
    start = next;
  }
  return { json, files };
}

export class FakeDiscord {
  readonly applicationId = nextId();
  readonly guildId = nextId();
  readonly channelId = nextId();
  readonly requests: Recorded[] = [];
  readonly callbacks: Callback[] = [];
  readonly followUps: (Recorded & { token: string; id: string })[] = [];
  readonly edits: (Recorded & { token: string; messageId: string })[] = [];
  /** Edits of channel messages (PATCH /channels/{id}/messages/{id}). */
  readonly channelEdits: (Recorded & { channelId: string; messageId: string })[] = [];
  readonly messages: (Recorded & { channelId: string; id: string })[] = [];
  readonly dmChannels = new Map<string, string>();
  readonly registrations: (Recorded & { guildId: string | null })[] = [];
  readonly deletes: { token: string; messageId: string }[] = [];
  identified = 0;
  /** Every request the fake refused as Discord would, with why. A correct bot leaves this empty. */
  readonly refused: Refusal[] = [];
  private live = new Map<string, LiveInteraction>();
  private byToken = new Map<string, LiveInteraction>();
  private clockMs = Date.UTC(2026, 10, 23, 17);
  private closedDms = new Set<string>();
  /**
   * The permissions the bot holds in the server: those its invite link asks for (the adapter's own
   * table), as an admin who follows the install steps grants them. Tests may take some away.
   */
  permissions = discordBotPermissions();
  /** Privileged intents the app has been allowed in the developer portal (none). */
  privilegedIntents = 0;
  /** Answer the next n channel-message posts with 429. */
  rateLimitNextPosts = 0;
  private server = http.createServer((req, res) => void this.handle(req, res));
  private wss = new WebSocketServer({ noServer: true });
  private sockets = new Set<WebSocket>();
  private seq = 0;
  private waiters: (() => void)[] = [];
  port = 0;

  get apiUrl() {
    return `http://127.0.0.1:${this.port}/api`;
  }

  async start(): Promise<this> {
    this.server.on("upgrade", (req, socket, head) => {
      if (!req.url?.startsWith("/gateway")) return socket.destroy();
      this.wss.handleUpgrade(req, socket, head, (ws) => this.gateway(ws));
    });
    await new Promise<void>((r) => this.server.listen(0, "127.0.0.1", r));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  async stop(): Promise<void> {
    for (const s of this.sockets) s.terminate();
    this.wss.close();
    this.server.closeAllConnections();
    await new Promise<void>((r) => this.server.close(() => r()));
  }

  // ---- gateway ------------------------------------------------------------------------------------

  private gateway(ws: WebSocket) {
    this.sockets.add(ws);
    ws.on("close", () => this.sockets.delete(ws));
    ws.send(JSON.stringify({ op: 10, d: { heartbeat_interval: 41250 }, s: null, t: null }));
    ws.on("message", (raw) => {
      const msg = JSON.parse(String(raw)) as { op: number; d: any };
      if (msg.op === 1) ws.send(JSON.stringify({ op: 11, d: null, s: null, t: null }));
      if (msg.op === 2) {
        // GuildMembers, GuildPresences and MessageContent are privileged: without the portal's
        // permission Discord closes the connection with 4014 "Disallowed intent(s)".
        const privileged = (1 << 1) | (1 << 8) | (1 << 15);
        const asked = Number(msg.d?.intents ?? 0);
        if (asked & privileged & ~this.privilegedIntents) {
          this.refused.push({ provoked: false, method: "GATEWAY", path: "IDENTIFY", status: 4014, code: 4014, message: "Disallowed intent(s)", problems: [`intents ${asked}`] });
          ws.close(4014, "Disallowed intent(s).");
          return;
        }
        this.identified++;
        const d = {
          v: 10,
          user: { id: this.applicationId, username: "unionhall", discriminator: "0", global_name: null, avatar: null, bot: true },
          guilds: [],
          session_id: "fake-session",
          resume_gateway_url: `ws://127.0.0.1:${this.port}/gateway`,
          shard: [0, 1],
          application: { id: this.applicationId, flags: 0 },
        };
        ws.send(JSON.stringify({ op: 0, t: "READY", s: ++this.seq, d }));
        this.notify();
      }
    });
  }

  /** The fake's clock (ms): it moves only with `advance`. */
  now(): number {
    return this.clockMs;
  }

  /** Moves the fake's clock, e.g. past the 3-second callback deadline or the 15-minute token life. */
  advance(ms: number): void {
    this.clockMs += ms;
  }

  /** Makes messages to this user's DM channel fail as Discord does when they don't accept DMs (50007). */
  closeDms(userId: string): void {
    this.closedDms.add(userId);
  }

  /**
   * Sends a raw interaction to the bot through the gateway. `ageMs` says how long ago Discord
   * created it (a slow gateway): with 3000 or more, any callback comes too late.
   */
  dispatch(interaction: any, o: { ageMs?: number } = {}): void {
    const live = { interaction, createdAt: this.clockMs - (o.ageMs ?? 0), answered: null };
    this.live.set(interaction.id, live);
    this.byToken.set(interaction.token, live);
    for (const ws of this.sockets) ws.send(JSON.stringify({ op: 0, t: "INTERACTION_CREATE", s: ++this.seq, d: interaction }));
  }

  // ---- raw interactions -----------------------------------------------------------------------------

  private base(user: FakeUser, type: number, locale = "en-US", message?: any) {
    return {
      id: nextId(),
      application_id: this.applicationId,
      type,
      token: `tok-${nextId()}`,
      version: 1,
      guild_id: this.guildId,
      channel_id: this.channelId,
      channel: { id: this.channelId, type: 0, guild_id: this.guildId, name: "general" },
      member: { user: { id: user.id, username: user.username ?? `user${user.id.slice(-4)}`, discriminator: "0", global_name: null, avatar: null }, roles: [], joined_at: "2026-01-01T00:00:00.000Z", deaf: false, mute: false, flags: 0, permissions: "0" },
      locale,
      guild_locale: "en-US",
      app_permissions: String(this.permissionsIn(this.channelId)),
      entitlements: [],
      authorizing_integration_owners: { "0": this.guildId },
      context: 0,
      attachment_size_limit: 8_388_608,
      ...(message ? { message } : {}),
    };
  }

  /** A button clicked in a direct message with the bot: no guild, `user` instead of `member`. */
  dmButton(user: FakeUser, customId: string, message: any, dmChannelId: string, locale?: string) {
    const { guild_id: _g, member: _m, authorizing_integration_owners: _a, ...rest } = this.base(user, 3, locale, message);
    return {
      ...rest,
      channel_id: dmChannelId,
      channel: { id: dmChannelId, type: 1 },
      user: { id: user.id, username: user.username ?? `user${user.id.slice(-4)}`, discriminator: "0", global_name: null, avatar: null },
      authorizing_integration_owners: { "0": this.guildId },
      context: 1,
      data: { custom_id: customId, component_type: 2 },
    };
  }

  /** A slash command: `options` is the nested Discord option tree (subcommand group / subcommand / values). */
  chatInput(user: FakeUser, name: string, options: any[], locale?: string) {
    return { ...this.base(user, 2, locale), data: { id: nextId(), name, type: 1, options, guild_id: this.guildId } };
  }

  autocomplete(user: FakeUser, name: string, options: any[], locale?: string) {
    return { ...this.base(user, 4, locale), data: { id: nextId(), name, type: 1, options, guild_id: this.guildId } };
  }

  button(user: FakeUser, customId: string, message: any, locale?: string) {
    return { ...this.base(user, 3, locale, message), data: { custom_id: customId, component_type: 2 } };
  }

  /** A modal submission; pass `message` when the modal was opened from a button on that message. */
  modalSubmit(user: FakeUser, customId: string, components: any[], locale?: string, message?: any) {
    return { ...this.base(user, 5, locale, message), data: { custom_id: customId, components } };
  }

  /**
   * Submits the modal the bot sent (a MODAL callback, or its data) as a person would: `values` by
   * field custom_id (text, or option values for a select); fields not given keep what the modal
   * showed. Refuses what Discord's client would not let a person send: an unknown field, an empty
   * required field, text over its max_length, a value that is not one of a select's options.
   */
  submitModal(user: FakeUser, modal: { data?: any } | any, values: Record<string, string | string[]>, o: { locale?: string; message?: any } = {}) {
    const data = modal?.data?.custom_id ? modal.data : modal;
    const known = new Set<string>();
    const fill = (c: any) => {
      known.add(c.custom_id);
      const given = values[c.custom_id];
      if (c.type === 4) {
        const value = given === undefined ? (c.value ?? "") : String(given);
        if (c.required !== false && value.trim() === "" && given === undefined) throw new Error(`modal ${data.custom_id}: required field ${c.custom_id} left empty`);
        if (c.max_length !== undefined && [...value].length > c.max_length) throw new Error(`modal ${data.custom_id}: ${c.custom_id} is longer than ${c.max_length}`);
        return { type: 4, id: c.id, custom_id: c.custom_id, value };
      }
      const chosen = given === undefined ? (c.options ?? []).filter((x: any) => x.default).map((x: any) => x.value) : Array.isArray(given) ? given : [given];
      for (const v of chosen) if (!(c.options ?? []).some((x: any) => x.value === v)) throw new Error(`modal ${data.custom_id}: ${String(v)} is not an option of ${c.custom_id}`);
      return { type: c.type, id: c.id, custom_id: c.custom_id, values: chosen };
    };
    const components = (data.components as any[]).flatMap((c): any[] => {
      if (c.type === 18) return [{ type: 18, id: c.id, component: fill(c.component) }];
      if (c.type === 1) return [{ type: 1, id: c.id, components: c.components.map(fill) }];
      return [];
    });
    for (const k of Object.keys(values)) if (!known.has(k)) throw new Error(`modal ${data.custom_id} has no field ${k} (has ${[...known].join(", ")})`);
    return this.modalSubmit(user, data.custom_id, components, o.locale, o.message);
  }

  /** The last modal the bot opened (a MODAL callback), for `submitModal`. */
  lastModal(): Callback {
    const m = [...this.callbacks].reverse().find((c) => c.type === 9);
    if (!m) throw new Error("the bot has not opened a modal");
    return m;
  }

  /** A message as the bot posted it, for a button interaction to sit on. */
  messageFrom(payload: any, flags = 0) {
    return {
      id: nextId(),
      channel_id: this.channelId,
      author: { id: this.applicationId, username: "unionhall", discriminator: "0", global_name: null, avatar: null, bot: true },
      content: payload?.content ?? "",
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      tts: false,
      mention_everyone: false,
      mentions: [],
      mention_roles: [],
      attachments: [],
      embeds: payload?.embeds ?? [],
      components: payload?.components ?? [],
      pinned: false,
      type: 20,
      flags,
    };
  }

  // ---- waiting --------------------------------------------------------------------------------------

  private notify() {
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }

  /** Waits until `pick` returns something (checked after every request), or fails after `ms`. */
  async waitFor<T>(pick: () => T | undefined | null | false | "" | 0, ms = 20_000, what = "the bot"): Promise<T> {
    const deadline = Date.now() + ms;
    for (;;) {
      const v = pick();
      if (v) return v;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for ${what}`);
      await new Promise<void>((r) => {
        const t = setTimeout(r, Math.min(left, 200));
        this.waiters.push(() => {
          clearTimeout(t);
          r();
        });
      });
    }
  }

  callbackFor(interactionId: string, ms?: number): Promise<Callback> {
    return this.waitFor(() => this.callbacks.find((c) => c.interactionId === interactionId), ms, `callback of ${interactionId}`);
  }

  // ---- REST -----------------------------------------------------------------------------------------

  private async handle(req: http.IncomingMessage, res: http.ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks);
    const url = new URL(req.url ?? "/", "http://x");
    const path = decodeURIComponent(url.pathname).replace(/^\/api\/v10/, "");
    const ct = req.headers["content-type"] ?? "";
    let body: any = null;
    let files: RecordedFile[] = [];
    if (ct.startsWith("multipart/form-data")) ({ json: body, files } = parseMultipart(raw, ct));
    else if (raw.length > 0) body = JSON.parse(raw.toString("utf8"));
    const rec: Recorded = { method: req.method ?? "GET", path, body, files };
    this.requests.push(rec);
    const json = (status: number, data: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { "content-type": "application/json", ...headers });
      res.end(JSON.stringify(data));
    };
    const empty = () => {
      res.writeHead(204);
      res.end();
    };
    const message = (extra: Record<string, unknown> = {}) => ({ ...this.messageFrom(body), ...extra });
    let m: RegExpExecArray | null;
    try {
      if (rec.method === "GET" && (path === "/gateway/bot" || path === "/gateway"))
        return json(200, { url: `ws://127.0.0.1:${this.port}/gateway`, shards: 1, session_start_limit: { total: 1000, remaining: 999, reset_after: 0, max_concurrency: 1 } });
      const refuse = (status: number, code: number, msg: string, problems: string[] = [], provoked = false) => {
        this.refused.push({ provoked, method: rec.method, path, status, code, message: msg, problems });
        return json(status, { message: msg, code, ...(problems.length ? { errors: { _problems: problems } } : {}) });
      };
      const invalid = (problems: string[]) => refuse(400, 50035, "Invalid Form Body", problems);
      if (rec.method === "POST" && (m = /^\/interactions\/(\d+)\/([^/]+)\/callback$/.exec(path))) {
        const live = this.live.get(m[1]!);
        if (!live || live.interaction.token !== m[2]) return refuse(404, 10062, "Unknown interaction");
        if (this.clockMs - live.createdAt >= CALLBACK_DEADLINE_MS) return refuse(404, 10062, "Unknown interaction");
        if (live.answered !== null) return refuse(400, 40060, "Interaction has already been acknowledged.");
        const type = Number(body?.type);
        if (!(CALLBACKS_FOR[live.interaction.type] ?? []).includes(type)) return invalid([`type: ${type} is not a valid response to an interaction of type ${live.interaction.type}`]);
        const problems =
          type === 4 ? messageProblems({ ...body.data, __files: files.length }) :
          type === 7 ? messageProblems({ ...body.data, __files: files.length }).filter((x) => !x.startsWith("message:")) :
          type === 9 ? modalProblems(body.data) :
          type === 8 ? autocompleteProblems(body.data) : [];
        if (problems.length) return invalid(problems);
        live.answered = type;
        this.callbacks.push({ ...rec, interactionId: m[1]!, token: m[2]!, type: body?.type, data: body?.data });
        return empty();
      }
      // Webhook routes under an interaction token: follow-ups, and reads and edits of the original response.
      const tokenRoute = /^\/webhooks\/(\d+)\/([^/]+)(?:\/messages\/([^/]+))?$/.exec(path);
      if (tokenRoute && tokenRoute[1] === this.applicationId) {
        const live = this.byToken.get(tokenRoute[2]!);
        if (!live) return refuse(404, 10015, "Unknown Webhook");
        if (this.clockMs - live.createdAt >= TOKEN_LIFETIME_MS) return refuse(401, 50027, "Invalid Webhook Token");
        // Before the callback there is no webhook yet; after a modal or autocomplete there is no original message.
        if (live.answered === null) return refuse(404, tokenRoute[3] ? 10008 : 10015, tokenRoute[3] ? "Unknown Message" : "Unknown Webhook");
        const target = tokenRoute[3];
        if (target === "@original" && (live.answered === 8 || live.answered === 9)) return refuse(404, 10008, "Unknown Message");
        if (target && target !== "@original" && !this.followUps.some((f) => f.token === tokenRoute[2] && f.id === target)) return refuse(404, 10008, "Unknown Message");
        if (rec.method === "GET" && target) return json(200, message());
        if (rec.method === "POST" && !target) {
          const problems = messageProblems({ ...body, __files: files.length });
          if (problems.length) return invalid(problems);
          const msg = message();
          this.followUps.push({ ...rec, token: tokenRoute[2]!, id: msg.id });
          return json(200, msg);
        }
        if (rec.method === "PATCH" && target) {
          const problems = messageProblems({ ...body, __files: files.length }).filter((x) => !x.startsWith("message:"));
          if (problems.length) return invalid(problems);
          this.edits.push({ ...rec, token: tokenRoute[2]!, messageId: target });
          return json(200, message());
        }
        if (rec.method === "DELETE" && target) {
          this.deletes.push({ token: tokenRoute[2]!, messageId: target });
          return empty();
        }
      }
      if (rec.method === "PUT" && (m = /^\/applications\/(\d+)(?:\/guilds\/(\d+))?\/commands$/.exec(path))) {
        this.registrations.push({ ...rec, guildId: m[2] ?? null });
        return json(200, (body as any[]).map((c) => ({ ...c, id: nextId(), application_id: m![1], version: nextId() })));
      }
      if (rec.method === "GET" && (m = /^\/channels\/(\d+)$/.exec(path))) {
        // Looking up a channel that is not there is an answer, not a rule the bot broke.
        if (m[1] !== this.channelId && !this.extraChannels.has(m[1]!)) return refuse(404, 10003, "Unknown Channel", [], true);
        if (!this.has("ViewChannel") || this.forbidden.has(m[1]!)) return refuse(403, 50001, "Missing Access", [], true);
        return json(200, { id: m[1], type: 0, guild_id: this.guildId, name: this.extraChannels.get(m[1]!) ?? "general", position: 0, permission_overwrites: [] });
      }
      if (rec.method === "POST" && path === "/users/@me/channels") {
        const id = this.dmChannels.get(body.recipient_id) ?? nextId();
        this.dmChannels.set(body.recipient_id, id);
        return json(200, { id, type: 1, recipients: [{ id: body.recipient_id, username: "someone", discriminator: "0", global_name: null, avatar: null }] });
      }
      if (rec.method === "POST" && (m = /^\/channels\/(\d+)\/messages$/.exec(path))) {
        if (this.forbidden.has(m[1]!)) return refuse(403, 50001, "Missing Access", [], true);
        const dmUser = [...this.dmChannels].find(([, ch]) => ch === m![1])?.[0];
        // In a server channel the bot's permissions decide; a DM needs none of them.
        if (!dmUser) {
          if (!this.has("ViewChannel")) return refuse(403, 50001, "Missing Access");
          const needs: (keyof typeof PermissionFlagsBits)[] = ["SendMessages", ...(body?.embeds?.length ? (["EmbedLinks"] as const) : []), ...(files.length ? (["AttachFiles"] as const) : [])];
          const missing = needs.filter((p) => !this.has(p));
          if (missing.length) return refuse(403, 50013, "Missing Permissions", missing.map((p) => `needs ${p}`));
        }
        if (dmUser && this.closedDms.has(dmUser)) return refuse(403, 50007, "Cannot send messages to this user", [], true);
        const problems = messageProblems({ ...body, __files: files.length }, DISCORD_LIMITS.channelMessageContent);
        if (problems.length) return invalid(problems);
        if (this.rateLimitNextPosts > 0) {
          this.rateLimitNextPosts--;
          return json(429, { message: "You are being rate limited.", retry_after: 2.5, global: false }, { "retry-after": "3", "x-ratelimit-scope": "user", "x-ratelimit-bucket": "fake-bucket", "x-ratelimit-limit": "5", "x-ratelimit-remaining": "0", "x-ratelimit-reset-after": "2.5" });
        }
        const msg = message({ channel_id: m[1] });
        this.messages.push({ ...rec, channelId: m[1]!, id: msg.id });
        return json(200, msg);
      }
      if (rec.method === "PATCH" && (m = /^\/channels\/(\d+)\/messages\/(\d+)$/.exec(path))) {
        // As Discord: the message must exist in that channel (only the bot's own messages are known here).
        const target = this.messages.find((x) => x.channelId === m![1] && x.id === m![2]);
        if (!target) return refuse(404, 10008, "Unknown Message");
        const problems = messageProblems({ ...body, __files: files.length }, DISCORD_LIMITS.channelMessageContent);
        if (problems.length) return invalid(problems);
        target.body = { ...target.body, ...body };
        this.channelEdits.push({ ...rec, channelId: m[1]!, messageId: m[2]! });
        return json(200, message({ id: m[2], channel_id: m[1], edited_timestamp: new Date().toISOString() }));
      }
      return json(404, { message: "404: Not Found", code: 0 });
    } finally {
      this.notify();
    }
  }

  /** The bot's permissions in one channel: a forbidden channel takes away seeing and posting. */
  permissionsIn(channelId: string): bigint {
    return this.forbidden.has(channelId) ? this.permissions & ~(PermissionFlagsBits.ViewChannel | PermissionFlagsBits.SendMessages) : this.permissions;
  }

  /** Whether the bot holds this permission in the server. */
  has(name: keyof typeof PermissionFlagsBits): boolean {
    return (this.permissions & PermissionFlagsBits[name]) !== 0n;
  }

  /** A text channel of the server besides #general, which a channel look-up finds. */
  addChannel(id: string, name: string) {
    this.extraChannels.set(id, name);
  }
  readonly extraChannels = new Map<string, string>();

  /** Makes posts to a channel fail as Discord does when the bot may not post there. */
  forbidChannel(id: string) {
    this.forbidden.add(id);
  }
  readonly forbidden = new Set<string>();
}
