// Socket Mode skips the HTTP receiver: malformed envelopes are still checked against their
// schema, acknowledged (so Slack does not redeliver them) and dropped with a warning.
import crypto from "node:crypto";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { startBot, type Bot } from "../../bot/app.ts";
import { loadConfig } from "../../bot/config.ts";
import type { Logger } from "../../commands/core/command.ts";
import { FakeSlack } from "../fakes/slack.ts";
import { tempDir } from "../helpers/store.ts";

const logged: { level: string; event: string }[] = [];
const log = {
  info: (event: string) => void logged.push({ level: "info", event }),
  warn: (event: string) => void logged.push({ level: "warn", event }),
  error: (event: string) => void logged.push({ level: "error", event }),
} as Logger;

let fake: FakeSlack;
let bot: Bot;

beforeAll(async () => {
  fake = await new FakeSlack().start();
  bot = await startBot(
    loadConfig({
      DATABASE_URL: `file:${path.join(tempDir("uh-slack-socket-"), "x.db")}`,
      PORT: "0",
      HOST: "127.0.0.1",
      LOG_LEVEL: "silent",
      PLAYGROUND: "off",
      DEMO_DATA: "never",
      SLACK_SIGNING_SECRET: "unused-in-socket-mode",
      SLACK_BOT_TOKEN: "xoxb-test-token",
      SLACK_APP_TOKEN: "xapp-test-token",
      SLACK_API_URL: fake.apiUrl,
    }),
    { log },
  );
});

afterAll(async () => {
  await bot?.stop();
  await fake?.stop();
});

it("acks and drops malformed envelopes with a warning, nothing logged as an error", async () => {
  await fake.waitFor(() => fake.socket, "a Socket Mode connection");
  const bad: [string, unknown][] = [
    ["slash_commands", { team_id: fake.teamId, command: "/unionhall", text: "whoami", response_url: fake.responseUrl(), trigger_id: `trig.${crypto.randomUUID()}` }],
    ["interactive", { type: "block_actions", team: { id: fake.teamId }, actions: [{ type: "button", action_id: "uh:b:x" }] }],
    ["interactive", { type: "view_submission", user: { id: "U0X" } }],
  ];
  const ids = bad.map(([type, payload]) => fake.sendEnvelope(type, payload));
  for (const id of ids) await fake.waitFor(() => fake.socketAcks.find((a) => a.envelope_id === id), "the envelope ack");
  expect(logged.filter((l) => l.event === "slack.request.malformed")).toHaveLength(bad.length);
  // An event envelope without its event fails inside the Socket Mode client itself: dropped with a
  // warning, and the connection keeps reading (the next envelope is answered).
  const rejections: unknown[] = [];
  const onRejection = (e: unknown) => void rejections.push(e);
  process.on("unhandledRejection", onRejection);
  try {
    fake.sendEnvelope("events_api", { type: "event_callback", team_id: fake.teamId });
    const next = fake.sendEnvelope("interactive", { type: "view_submission", user: { id: "U0X" } });
    await fake.waitFor(() => fake.socketAcks.find((a) => a.envelope_id === next), "the next envelope's ack");
    expect(logged.filter((l) => l.event === "slack.request.malformed")).toHaveLength(bad.length + 2);
    expect(rejections).toEqual([]);
  } finally {
    process.off("unhandledRejection", onRejection);
  }
  expect(logged.filter((l) => l.level === "error")).toEqual([]);
  expect(fake.responses).toEqual([]);
});
