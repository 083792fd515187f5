// Correctly signed but malformed payloads are refused at the edge: 400, nothing changed, nothing
// logged at error level (a warning naming the bad fields, never their values).
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startBot, type Bot } from "../../bot/app.ts";
import { loadConfig } from "../../bot/config.ts";
import type { Logger } from "../../commands/core/command.ts";
import { FakeSlack } from "../fakes/slack.ts";
import { tempDir } from "../helpers/store.ts";
import { SECRET, SlackDriver } from "../slack/harness.ts";

const logged: { level: "info" | "warn" | "error"; event: string; fields: unknown }[] = [];
const log: Logger = {
  info: (event: string, fields?: unknown) => void logged.push({ level: "info", event, fields }),
  warn: (event: string, fields?: unknown) => void logged.push({ level: "warn", event, fields }),
  error: (event: string, fields?: unknown) => void logged.push({ level: "error", event, fields }),
} as Logger;

let fake: FakeSlack;
let bot: Bot;
let d: SlackDriver;

beforeAll(async () => {
  fake = await new FakeSlack().start();
  bot = await startBot(
    loadConfig({
      DATABASE_URL: `file:${path.join(tempDir("uh-malformed-"), "x.db")}`,
      PORT: "0",
      HOST: "127.0.0.1",
      LOG_LEVEL: "silent",
      PLAYGROUND: "off",
      DEMO_DATA: "never",
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_BOT_TOKEN: "xoxb-test-token",
      SLACK_API_URL: fake.apiUrl,
    }),
    { log },
  );
  d = new SlackDriver(bot, fake);
});

afterAll(async () => {
  await bot?.stop();
  await fake?.stop();
});

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
const interactive = (payload: unknown) => form({ payload: typeof payload === "string" ? payload : JSON.stringify(payload) });
const user = { id: "U0X", team_id: "T0UNION" };
const command = { token: "legacy", team_id: "T0UNION", user_id: "U0X", channel_id: "C0GENERAL", command: "/unionhall", text: "whoami", response_url: "http://127.0.0.1:9/respond/1", trigger_id: "trig.1" };
const without = (o: Record<string, string>, k: string) => Object.fromEntries(Object.entries(o).filter(([x]) => x !== k));

const FORM = "application/x-www-form-urlencoded";
const JSON_TYPE = "application/json";

const cases: [string, string, string][] = [
  ["payload=null", interactive("null"), FORM],
  ["payload that is not JSON", interactive("{not json"), FORM],
  ["payload as a JSON array", interactive("[1,2]"), FORM],
  ["payload without a type", interactive({ user }), FORM],
  ["block_actions without user", interactive({ type: "block_actions", team: { id: "T0UNION" }, actions: [{ type: "button", action_id: "uh:b:x", action_ts: "1" }] }), FORM],
  ["block_actions without actions", interactive({ type: "block_actions", user, team: { id: "T0UNION" } }), FORM],
  ["block_actions with a user that is a string", interactive({ type: "block_actions", user: "U0X", actions: [{ type: "button", action_id: "uh:b:x" }] }), FORM],
  ["view_submission without view", interactive({ type: "view_submission", user, team: { id: "T0UNION" } }), FORM],
  ["view_submission with view: null", interactive({ type: "view_submission", user, view: null }), FORM],
  ["view_submission without user", interactive({ type: "view_submission", view: { id: "V1", callback_id: "uh:f:x", blocks: [], state: { values: {} } } }), FORM],
  ["slash command without user_id", form(without(command, "user_id")), FORM],
  ["slash command without team_id", form(without(command, "team_id")), FORM],
  ["slash command without response_url", form(without(command, "response_url")), FORM],
  ["slash command with a bad command name", form({ ...command, command: "unionhall" }), FORM],
  ["event body null", "null", JSON_TYPE],
  ["event without its event", JSON.stringify({ type: "event_callback", team_id: "T0UNION", event_id: "Ev1" }), JSON_TYPE],
  ["event of an unknown envelope type", JSON.stringify({ type: "something_else" }), JSON_TYPE],
  ["JSON that is not JSON", "{", JSON_TYPE],
];

describe("malformed signed Slack payloads", () => {
  it.each(cases)("%s → 400, nothing changed, nothing logged as an error", async (_name, body, type) => {
    const tables = () => bot.store.sql.prepare(`SELECT (SELECT count(*) FROM "AuditEntry") + (SELECT count(*) FROM "IdempotencyKey") + (SELECT count(*) FROM "ChatIdentity") AS n`).get();
    const before = tables();
    const from = logged.length;
    const res = await d.post(body, type);
    expect(res.status).toBe(400);
    expect(tables()).toEqual(before);
    const entries = logged.slice(from);
    expect(entries.filter((e) => e.level === "error")).toEqual([]);
    expect(entries.map((e) => e.event)).toContain("slack.request.malformed");
    // The warning names fields, never what was sent.
    expect(JSON.stringify(entries)).not.toContain("trig.1");
  });

  it("a well-formed command still gets through", async () => {
    const res = await d.post(form(command), FORM);
    expect([res.status, res.text]).toEqual([200, ""]);
  });
});
