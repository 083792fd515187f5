// Drives the real bot as Slack would: starts it against a fake Slack and sends correctly signed
// slash commands, button clicks, modal submissions and events to POST /slack/events.
import crypto from "node:crypto";
import path from "node:path";
import { startBot, type Bot } from "../../bot/app.ts";
import { loadConfig } from "../../bot/config.ts";
import { FakeSlack, slackSignature } from "../fakes/slack.ts";
import { tempDir, tempStore, testEngine } from "../helpers/store.ts";
import { storeUrl } from "../helpers/tamper.ts";

export const SECRET = "test-signing-secret-0123456789";
export const CHANNEL = "C0GENERAL";

/** A new, empty database for a bot to open, on the engine the tests run on. */
export async function botDatabaseUrl(): Promise<string> {
  if (testEngine !== "postgres") return `file:${path.join(tempDir("uh-slack-"), "x.db")}`;
  const store = await tempStore();
  const url = storeUrl(store);
  await store.close();
  return url;
}

export async function startSlackBot(fake: FakeSlack): Promise<Bot> {
  const bot = await startBot(
    loadConfig({
      DATABASE_URL: await botDatabaseUrl(),
      PORT: "0",
      HOST: "127.0.0.1",
      LOG_LEVEL: "silent",
      PLAYGROUND: "off",
      DEMO_DATA: "never",
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_BOT_TOKEN: "xoxb-test-token",
      SLACK_API_URL: fake.apiUrl,
      // These tests drive one person through many commands in a row; the rate limit has its own tests.
      RATE_LIMIT_PER_MINUTE: "6000",
      RATE_LIMIT_BURST: "1000",
    }),
  );
  // Whatever Slack would have refused fails the test file, even when no assertion looked at it.
  const stop = bot.stop.bind(bot);
  bot.stop = async () => {
    await stop();
    const refused = fake.rules.unexpected();
    if (refused.length) throw new Error(`the fake Slack refused what the bot sent:\n${JSON.stringify(refused, null, 2)}`);
  };
  return bot;
}

export interface Posted {
  status: number;
  text: string;
  json(): Record<string, any>;
}

export const textOf = (body: Record<string, any>) => JSON.stringify(body.blocks ?? []) + String(body.text ?? "");
export const buttonsOf = (body: Record<string, any>): Record<string, any>[] =>
  ((body.blocks ?? []) as Record<string, any>[]).filter((b) => b.type === "actions").flatMap((b) => b.elements as Record<string, any>[]);
const formPost = (payload: unknown) => new URLSearchParams({ payload: JSON.stringify(payload) }).toString();

export class SlackDriver {
  constructor(
    readonly bot: Bot,
    readonly fake: FakeSlack,
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.bot.port}/slack/events`;
  }

  async post(body: string, contentType: string, o: { ts?: number; signature?: string; retry?: number } = {}): Promise<Posted> {
    const ts = o.ts ?? Math.floor(Date.now() / 1000);
    const headers: Record<string, string> = {
      "content-type": contentType,
      "x-slack-request-timestamp": String(ts),
      "x-slack-signature": o.signature ?? slackSignature(SECRET, ts, body),
    };
    if (o.retry !== undefined) {
      headers["x-slack-retry-num"] = String(o.retry);
      headers["x-slack-retry-reason"] = "http_timeout";
    }
    const res = await fetch(this.url, { method: "POST", headers, body });
    const text = await res.text();
    return { status: res.status, text, json: () => JSON.parse(text) as Record<string, any> };
  }

  commandBody(user: string, command: string, text: string, o: { triggerId?: string; responseUrl?: string; channel?: string } = {}) {
    const responseUrl = o.responseUrl ?? this.fake.responseUrl();
    const triggerId = o.triggerId ?? this.fake.rules.triggerId();
    const body = new URLSearchParams({
      token: "legacy",
      team_id: this.fake.teamId,
      team_domain: "union",
      channel_id: o.channel ?? CHANNEL,
      channel_name: "general",
      user_id: user,
      user_name: user.toLowerCase(),
      command,
      text,
      api_app_id: "A0UNION",
      response_url: responseUrl,
      trigger_id: triggerId,
    }).toString();
    return { body, responseUrl, triggerId, id: responseUrl.split("/").pop()! };
  }

  async slash(user: string, command: string, text: string, o: { triggerId?: string; retry?: number } = {}) {
    const c = this.commandBody(user, command, text, o);
    const res = await this.post(c.body, "application/x-www-form-urlencoded", { retry: o.retry });
    return { ...c, res };
  }

  /** Clicks a button on a message (in `channel`, e.g. a DM "D…" for a notice card). */
  async click(user: string, actionId: string, o: { channel?: string; responseUrl?: string } = {}) {
    const responseUrl = o.responseUrl ?? this.fake.responseUrl();
    const channel = o.channel ?? CHANNEL;
    const payload = {
      type: "block_actions",
      team: { id: this.fake.teamId, domain: "union" },
      user: { id: user, username: user.toLowerCase(), team_id: this.fake.teamId },
      api_app_id: "A0UNION",
      token: "legacy",
      container: { type: "message", message_ts: "1700000000.000100", channel_id: channel, is_ephemeral: channel === CHANNEL },
      trigger_id: this.fake.rules.triggerId(),
      channel: { id: channel, name: "general" },
      response_url: responseUrl,
      actions: [{ type: "button", action_id: actionId, block_id: "b1", value: actionId, text: { type: "plain_text", text: "x" }, action_ts: `${Date.now() / 1000}` }],
    };
    const res = await this.post(formPost(payload), "application/x-www-form-urlencoded");
    return { res, responseUrl, id: responseUrl.split("/").pop()! };
  }

  /** Submits a modal the way a person would: values by field name, turned into Slack's view state. */
  async submit(user: string, view: Record<string, any>, values: Record<string, string>): Promise<Posted> {
    const live = this.fake.liveView(String(view.callback_id));
    const state: Record<string, Record<string, unknown>> = {};
    for (const b of view.blocks as Record<string, any>[]) {
      if (b.type !== "input") continue;
      const name = String(b.block_id).replace(/^uh:v:/, "");
      const v = values[name] ?? (b.element.initial_option?.value as string | undefined) ?? (b.element.initial_value as string | undefined);
      const el = b.element as Record<string, any>;
      const a = el.action_id as string;
      if (el.type === "static_select") state[b.block_id] = { [a]: { type: el.type, selected_option: v ? (el.options.find((o: any) => o.value === v) ?? { value: v }) : null } };
      else if (el.type === "datepicker") state[b.block_id] = { [a]: { type: el.type, selected_date: v ?? null } };
      // A file input carries the ids of files the person uploaded to Slack (see FakeSlack.addFile).
      else if (el.type === "file_input") state[b.block_id] = { [a]: { type: el.type, files: v ? [this.fake.fileObject(v)] : [] } };
      else state[b.block_id] = { [a]: { type: el.type, value: v ?? null } };
    }
    const payload = {
      type: "view_submission",
      team: { id: this.fake.teamId, domain: "union" },
      user: { id: user, username: user.toLowerCase(), team_id: this.fake.teamId },
      api_app_id: "A0UNION",
      token: "legacy",
      trigger_id: this.fake.rules.triggerId(),
      // The modal as Slack holds it: the same id across pages and corrections, the current hash.
      view: { ...view, id: live?.id ?? `V${crypto.randomUUID().slice(0, 8)}`, team_id: this.fake.teamId, hash: live?.hash ?? "h1", state: { values: state } },
      response_urls: [],
    };
    const res = await this.post(formPost(payload), "application/x-www-form-urlencoded");
    if (live) this.fake.viewAnswered(live.id, res.status, res.text);
    return res;
  }

  /** Submits the modal the bot opened last (as the fake Slack holds it now) with these values. */
  submitLastView(user: string, values: Record<string, string>): Promise<Posted> {
    const live = [...this.fake.openViews.values()].at(-1);
    if (!live) throw new Error("the bot has no modal open");
    return this.submit(user, live.view as Record<string, any>, values);
  }

  /**
   * Submits every page of a multi-page modal with the same values (each page takes the fields it
   * shows), following `response_action: "update"` answers; returns the last page's answer.
   */
  async submitPages(user: string, view: Record<string, any>, values: Record<string, string>, maxPages = 5): Promise<Posted> {
    let page = view;
    for (let i = 0; i < maxPages; i++) {
      const res = await this.submit(user, page, values);
      const answer = res.text ? (res.json() as { response_action?: string; view?: Record<string, any> }) : {};
      if (answer.response_action !== "update" || !answer.view) return res;
      page = answer.view;
    }
    throw new Error(`the modal still had pages after ${maxPages}`);
  }

  /**
   * Clicks a button on the App Home tab: a block_actions payload whose container is the view
   * (java-slack-sdk json-logs/samples/app-backend/interactive-components/BlockActionPayload.json:
   * `container.type` "view" with `view_id`), with the view itself and no response_url.
   */
  async clickHome(user: string, actionId: string, view: Record<string, any> & { id: string }) {
    const payload = {
      type: "block_actions",
      team: { id: this.fake.teamId, domain: "union" },
      user: { id: user, username: user.toLowerCase(), name: user.toLowerCase(), team_id: this.fake.teamId },
      api_app_id: "A0UNION",
      token: "legacy",
      container: { type: "view", view_id: view.id },
      trigger_id: this.fake.rules.triggerId(),
      view: { ...view, team_id: this.fake.teamId, state: { values: {} }, hash: view.hash ?? "h", app_id: "A0UNION", bot_id: "BBOT" },
      actions: [{ type: "button", action_id: actionId, block_id: "b1", text: { type: "plain_text", text: "x" }, action_ts: `${Date.now() / 1000}` }],
    };
    return this.post(formPost(payload), "application/x-www-form-urlencoded");
  }

  event(event: Record<string, unknown>, eventId = `Ev${crypto.randomUUID().slice(0, 8)}`, o: { retry?: number } = {}): Promise<Posted> {
    const body = JSON.stringify({
      token: "legacy",
      team_id: this.fake.teamId,
      api_app_id: "A0UNION",
      type: "event_callback",
      event_id: eventId,
      event_time: Math.floor(Date.now() / 1000),
      event,
    });
    return this.post(body, "application/json", o);
  }

  /**
   * What the person read as the answer to a request: the response itself, or, when a private
   * answer with files went to their direct messages (the response only says so), that message.
   */
  async answerText(user: string, id: string): Promise<string> {
    return this.readAnswer(user, (await this.response(id)).body);
  }

  async readAnswer(user: string, body: Record<string, any>): Promise<string> {
    const said = textOf(body);
    if (!said.includes("📬")) return said;
    const dm = await this.fake.waitFor(() => this.fake.callsOf("chat.postMessage").findLast((c) => c.args.channel === `D${user}`), "the answer in the direct messages");
    return textOf(dm.args as Record<string, any>) + said;
  }

  /**
   * Resolves once every acknowledged command and click has finished its work, including what it
   * sends after its answer (notices, files): before asserting that something was not sent.
   * (A modal submission's delivery after its ack is not in the queue: wait for what it shows.)
   */
  workDone(): Promise<void> {
    return this.bot.intake.queue.drained();
  }

  response(id: string) {
    return this.fake.waitFor(() => this.fake.responses.find((r) => r.id === id), `response ${id}`);
  }

  views(triggerId: string) {
    return this.fake.waitFor(() => this.fake.callsOf("views.open").find((c) => c.args.trigger_id === triggerId), "views.open").then((c) => c.args.view as Record<string, any>);
  }
}
