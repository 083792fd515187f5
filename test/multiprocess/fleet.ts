// Several real bot processes on one real PostgreSQL, in Slack HTTP mode against the fake Slack in
// the test's own process: the database (a throwaway cluster the test starts), the processes
// (test/multiprocess/fixtures/bot.ts: the same startBot as `npm start`), Slack users linked to demo
// people, and signed Slack requests sent to the process of the test's choosing.
import { fork, spawn, type ChildProcess } from "node:child_process";
import http from "node:http";
import path from "node:path";
import { data } from "../../db/data.ts";
import { seedDemo } from "../../db/demo.ts";
import { linkIdentity } from "../../db/identities.ts";
import { openStore, type Store } from "../../db/store.ts";
import type { FakeDiscord } from "../fakes/discord.ts";
import { FakeSlack, slackSignature } from "../fakes/slack.ts";
import { postgresUnavailable, startPostgres, type TestPostgres } from "../helpers/postgres.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");
export const SECRET = "multiprocess-signing-secret-0123456789";
export const CHANNEL = "C0GENERAL";

/** Why these tests cannot run here (said loudly by the caller), or undefined. A failure on CI. */
export function skipReason(what: string): string | undefined {
  const why = postgresUnavailable();
  if (why) console.warn(`SKIPPING ${what}: ${why}`);
  return why;
}

export interface Database {
  server: TestPostgres;
  url: string;
  /** The test's own connection, for setting up and for reading what the processes wrote. */
  store: Store;
  stop(): Promise<void>;
}

/** A fresh PostgreSQL cluster with one migrated database holding the demo data (`members` members). */
export async function demoDatabase(hint: string, members = 60): Promise<Database> {
  const server = await startPostgres();
  const url = await server.createDatabase(hint);
  const store = await openStore(url);
  await seedDemo(store, { members });
  return {
    server,
    url,
    store,
    async stop() {
      await store.close().catch(() => undefined);
      await server.stop();
    },
  };
}

export async function count(store: Store, sql: string, ...params: unknown[]): Promise<number> {
  return Number((await data(store).one<{ n: number | string }>(sql, ...params))!.n);
}

/** The reminders a command tagged `tag` (the first word of its text) left, and their audit entries. */
export async function remindersLeftBy(store: Store, tag: string): Promise<{ jobs: number; audits: number }> {
  const ids = (await data(store).all<{ id: number }>(`SELECT "id" FROM "ScheduledJob" WHERE "kind" = 'unionhall.reminder' AND "payload" LIKE ?`, `%"${tag} %`)).map((j) => j.id);
  const audits = ids.length ? await count(store, `SELECT count(*) AS "n" FROM "AuditEntry" WHERE "action" = 'reminder.schedule' AND "subjectId" IN (${ids.map((id) => `'${id}'`).join(",")})`) : 0;
  return { jobs: ids.length, audits };
}

export interface BotProcess {
  child: ChildProcess;
  pid: number;
  port: number;
  /** Everything it printed so far (its JSON log lines). */
  output(): string;
  /** Resolves when it has exited, with the signal that ended it. */
  exited: Promise<NodeJS.Signals | null>;
}

/** What every spawned bot is given: its database, any free port, JSON logs to read, no playground or demo data. */
function processEnv(url: string): Record<string, string> {
  return { DATABASE_URL: url, PORT: "0", HOST: "127.0.0.1", LOG_LEVEL: "info", PLAYGROUND: "off", DEMO_DATA: "never" };
}

/** The environment of a bot in Slack HTTP mode against `fake`, on `url`. */
export function slackEnv(fake: FakeSlack, url: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    ...processEnv(url),
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_BOT_TOKEN: fake.botToken,
    SLACK_API_URL: fake.apiUrl,
    // A burst from a few people is what is tested, not the per-person limit (it has its own tests).
    RATE_LIMIT_PER_MINUTE: "6000",
    RATE_LIMIT_BURST: "1000",
    ...extra,
  };
}

/**
 * The environment of a bot connected to `fake` Discord, on `url`: it holds the gateway a second
 * after the last holder died, and defers every interaction (before its work starts).
 */
export function discordEnv(fake: FakeDiscord, url: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    ...processEnv(url),
    DISCORD_TOKEN: "fake-bot-token",
    DISCORD_APPLICATION_ID: fake.applicationId,
    DISCORD_API_URL: fake.apiUrl,
    DISCORD_GATEWAY_LEASE_SECONDS: "1",
    DISCORD_DEFER_AFTER_MS: "0",
    RATE_LIMIT_PER_MINUTE: "6000",
    RATE_LIMIT_BURST: "1000",
    ...extra,
  };
}

/** Starts one bot process; resolves once it listens. */
export function spawnBot(env: Record<string, string>): Promise<BotProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", "test/multiprocess/fixtures/bot.ts"], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  child.stdout!.on("data", (c: Buffer) => (out += c.toString()));
  child.stderr!.on("data", (c: Buffer) => (err += c.toString()));
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on("exit", (_code, signal) => resolve(signal)));
  return new Promise((resolve, reject) => {
    const onData = () => {
      const m = /PORT (\d+)/.exec(out);
      if (m) {
        child.stdout!.off("data", onData);
        resolve({ child, pid: child.pid!, port: Number(m[1]), output: () => out + err, exited });
      }
    };
    child.stdout!.on("data", onData);
    child.on("exit", (code) => reject(new Error(`the bot process exited (${code}) before it listened: ${err.slice(0, 2000)}`)));
  });
}

/** Starts `n` bot processes at once. */
export function spawnBots(n: number, env: Record<string, string>): Promise<BotProcess[]> {
  return Promise.all(Array.from({ length: n }, () => spawnBot(env)));
}

/** Kills what is still running (the test's own processes only). */
export function killAll(bots: readonly (BotProcess | undefined)[]): void {
  for (const b of bots) if (b && b.child.exitCode === null && b.child.signalCode === null) b.child.kill("SIGKILL");
}

/** How many times a process logged `event` (its JSON log lines on stdout). */
export function logged(bot: BotProcess, event: string): number {
  return bot.output().split(`"event":"${event}"`).length - 1;
}

export interface SlackPerson {
  userId: string;
  personId: number;
  name: string;
}

/**
 * Links Slack accounts U0000…U(n-1) to the first `n` demo people (in id order) and tells the fake
 * Slack about them, as an admin's `link` would.
 */
export async function linkSlackPeople(store: Store, fake: FakeSlack, n: number): Promise<SlackPerson[]> {
  const people = await data(store).all<{ id: number; firstName: string }>(`SELECT "id", "firstName" FROM "Person" ORDER BY "id" LIMIT ?`, n);
  if (people.length < n) throw new Error(`only ${people.length} demo people`);
  const out: SlackPerson[] = [];
  for (const [i, p] of people.entries()) {
    const userId = `U${String(i).padStart(4, "0")}`;
    fake.addUser({ id: userId, name: p.firstName.toLowerCase() });
    await linkIdentity(data(store), { platform: "slack", workspaceId: fake.teamId, userId, personId: p.id, linkedVia: "admin" });
    out.push({ userId, personId: p.id, name: p.firstName });
  }
  return out;
}

/**
 * A connection per request, as Slack's deliveries come: a kept-alive socket reused just as the
 * process closes it for idleness breaks the request, which would read as "never acknowledged".
 */
const agent = new http.Agent({ keepAlive: false, maxSockets: 64 });

/**
 * POSTs a signed request to a process's /slack/events; resolves with the HTTP status, or 0 when the
 * connection broke (the process died before it acknowledged). `retry` adds Slack's retry headers.
 */
export function postSigned(port: number, body: string, retry?: number): Promise<number> {
  const ts = Math.floor(Date.now() / 1000);
  const headers: Record<string, string | number> = {
    "content-type": "application/x-www-form-urlencoded",
    "content-length": Buffer.byteLength(body),
    "x-slack-request-timestamp": String(ts),
    "x-slack-signature": slackSignature(SECRET, ts, body),
  };
  if (retry !== undefined) Object.assign(headers, { "x-slack-retry-num": String(retry), "x-slack-retry-reason": "http_timeout" });
  return new Promise((resolve) => {
    const req = http.request({ agent, host: "127.0.0.1", port, method: "POST", path: "/slack/events", headers }, (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode ?? 0));
      res.on("error", () => resolve(0));
    });
    req.on("error", () => resolve(0));
    // Not Slack's 3 s: on a loaded machine an acknowledgement may be slow, and speed is not what is tested here.
    req.setTimeout(60_000, () => req.destroy());
    req.end(body);
  });
}

/** A slash command as Slack sends it: its response_url and trigger_id identify it (a retry repeats both). */
export function slashCommand(fake: FakeSlack, userId: string, command: string, text: string): { body: string; responseId: string; triggerId: string } {
  const responseUrl = fake.responseUrl();
  const triggerId = fake.rules.triggerId();
  const body = new URLSearchParams({
    token: "legacy",
    team_id: fake.teamId,
    team_domain: "union",
    channel_id: CHANNEL,
    channel_name: "general",
    user_id: userId,
    user_name: userId.toLowerCase(),
    command,
    text,
    api_app_id: "A0UNION",
    response_url: responseUrl,
    trigger_id: triggerId,
  }).toString();
  return { body, responseId: responseUrl.split("/").pop()!, triggerId };
}

/** `count` reminder commands from `people` in turn, each tagged `<hint>-<i>` in its text (to find what it left). */
export function slackCommandsFor(fake: FakeSlack, people: readonly SlackPerson[], count: number, hint: string) {
  return Array.from({ length: count }, (_, i) => {
    const tag = `${hint}-${i}`;
    return { i, tag, ...slashCommand(fake, people[i % people.length]!.userId, "/unionhall", `remind "in 4 hours" me ${tag} call the member back`), status: -1 };
  });
}

/** A button click as Slack sends it (a retry repeats its action_ts, which identifies the click). */
export function buttonClick(fake: FakeSlack, userId: string, actionId: string, channel = CHANNEL): { body: string; responseId: string } {
  const responseUrl = fake.responseUrl();
  const payload = {
    type: "block_actions",
    team: { id: fake.teamId, domain: "union" },
    user: { id: userId, username: userId.toLowerCase(), team_id: fake.teamId },
    api_app_id: "A0UNION",
    token: "legacy",
    container: { type: "message", message_ts: "1700000000.000100", channel_id: channel, is_ephemeral: true },
    trigger_id: fake.rules.triggerId(),
    channel: { id: channel, name: "general" },
    response_url: responseUrl,
    actions: [{ type: "button", action_id: actionId, block_id: "b1", value: actionId, text: { type: "plain_text", text: "x" }, action_ts: `${Date.now() / 1000}${Math.random().toString().slice(2, 6)}` }],
  };
  return { body: new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), responseId: responseUrl.split("/").pop()! };
}

/** The answers the fake Slack received at one response_url. */
export function answersAt(fake: FakeSlack, responseId: string): Record<string, unknown>[] {
  return fake.responses.filter((r) => r.id === responseId).map((r) => r.body);
}

export const textOf = (body: Record<string, unknown>) => JSON.stringify(body.blocks ?? []) + String(body.text ?? "");

/** The action ids of the buttons in an answer. */
export function buttonsIn(body: Record<string, unknown>): { actionId: string; label: string }[] {
  return ((body.blocks ?? []) as Record<string, any>[])
    .filter((b) => b.type === "actions")
    .flatMap((b) => b.elements as Record<string, any>[])
    .map((e) => ({ actionId: String(e.action_id), label: String(e.text?.text ?? "") }));
}

export async function waitUntil(what: string, ok: () => boolean | Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await ok())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * A door in front of the fake Slack: passes every request through, except the Web API calls of
 * `method` while it is shut, which it holds unanswered (a Slack that hangs), counting them. Held
 * calls are dropped, never passed on, once the process that sent them is gone.
 */
export class SlackDoor {
  private server: http.Server;
  private shut = new Set<string>();
  readonly held: http.IncomingMessage[] = [];
  base = "";

  constructor(private readonly target: string) {
    this.server = http.createServer((req, res) => {
      const method = (req.url ?? "").replace(/^\/api\//, "").split("?")[0]!;
      if (this.shut.has(method)) {
        this.held.push(req);
        return;
      }
      const up = http.request(`${this.target}${req.url}`, { method: req.method, headers: req.headers }, (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      });
      up.on("error", () => res.destroy());
      req.pipe(up);
    });
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    this.base = `http://127.0.0.1:${(this.server.address() as import("node:net").AddressInfo).port}`;
    return this;
  }

  get apiUrl(): string {
    return `${this.base}/api/`;
  }

  hold(method: string): void {
    this.shut.add(method);
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

export interface WorkerJob {
  kind: "command" | "action" | "form";
  who: string;
  text?: string;
  token?: string;
  values?: Record<string, string>;
}

export interface WorkerResult {
  ok: boolean;
  text: string;
  errors?: unknown;
}

export interface CoreWorker {
  child: ChildProcess;
  /** Runs one piece of work in the worker; resolves with its outcome. */
  run(job: WorkerJob): Promise<WorkerResult>;
}

/** The real core in a process of its own (fixtures/core-worker.ts) on `url`; resolves once it is ready. */
export function spawnWorker(url: string, env: Record<string, string> = {}): Promise<CoreWorker> {
  const child = fork(path.join(ROOT, "test/multiprocess/fixtures/core-worker.ts"), [], {
    cwd: ROOT,
    execArgv: ["--import", "tsx"],
    env: { PATH: process.env.PATH, UH_DATABASE_URL: url, LOG_LEVEL: "silent", ...env },
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  let seq = 0;
  const waiting = new Map<number, (r: WorkerResult) => void>();
  return new Promise((resolve, reject) => {
    child.on("message", (m: WorkerResult & { seq: number }) => {
      if (m.seq === 0) return resolve({ child, run });
      waiting.get(m.seq)?.(m);
      waiting.delete(m.seq);
    });
    child.on("exit", (code) => reject(new Error(`the worker exited (${code})`)));
  });
  function run(job: WorkerJob): Promise<WorkerResult> {
    const n = ++seq;
    return new Promise((resolve) => {
      waiting.set(n, resolve);
      child.send({ seq: n, ...job });
    });
  }
}
