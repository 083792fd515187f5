// Socket Mode (SLACK_APP_TOKEN set): the real bot connects out to the fake Slack's WebSocket and
// answers a slash command delivered as an envelope; nothing is mounted on /slack/events.
import crypto from "node:crypto";
import { afterAll, beforeAll, expect, it } from "vitest";
import { startBot, type Bot } from "../../bot/app.ts";
import { loadConfig } from "../../bot/config.ts";
import { seedDemo } from "../../db/demo.ts";
import { FakeSlack } from "../fakes/slack.ts";
import { botDatabaseUrl } from "./harness.ts";

let fake: FakeSlack;
let bot: Bot;

beforeAll(async () => {
  fake = await new FakeSlack().start();
  fake.addUser({ id: "U0SOFIA", name: "sofia", email: "sofia.chen@example.gov" });
  bot = await startBot(
    loadConfig({
      DATABASE_URL: await botDatabaseUrl(),
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
  );
  await seedDemo(bot.store);
});

afterAll(async () => {
  await bot?.stop();
  await fake?.stop();
});

it("answers a slash command delivered over Socket Mode, and acks the envelope", async () => {
  const open = await fake.waitFor(() => fake.callsOf("apps.connections.open")[0], "apps.connections.open");
  expect(open.auth).toBe("Bearer xapp-test-token");
  await fake.waitFor(() => fake.socket, "a Socket Mode connection");
  const responseUrl = fake.responseUrl();
  const envelope = fake.sendEnvelope("slash_commands", {
    team_id: fake.teamId,
    channel_id: "C0GENERAL",
    user_id: "U0SOFIA",
    command: "/unionhall",
    text: "whoami",
    response_url: responseUrl,
    trigger_id: `trig.${crypto.randomUUID()}`,
    api_app_id: "A0UNION",
  });
  await fake.waitFor(() => fake.socketAcks.find((a) => a.envelope_id === envelope), "the envelope ack");
  const r = await fake.waitFor(() => fake.responses.find((x) => x.id === responseUrl.split("/").pop()), "the response");
  expect(r.body.response_type).toBe("ephemeral");
  expect(JSON.stringify(r.body.blocks)).toContain("Sofia Chen");
  // HTTP mode is off: the events path is not served.
  const res = await fetch(`http://127.0.0.1:${bot.port}/slack/events`, { method: "POST", body: "x" });
  expect(res.status).toBe(404);
});
