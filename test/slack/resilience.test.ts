// Slack being unavailable must not take the bot down: nothing is called at start-up, and a failed
// auth.test is asked again on the next request instead of breaking the adapter for good.
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Bot } from "../../bot/app.ts";
import { seedDemo } from "../../db/demo.ts";
import { FakeSlack } from "../fakes/slack.ts";
import { SlackDriver, startSlackBot, textOf } from "./harness.ts";

let fake: FakeSlack;
let bot: Bot;
let d: SlackDriver;

beforeAll(async () => {
  fake = await new FakeSlack().start();
  fake.addUser({ id: "U0SOFIA", name: "sofia", email: "sofia.chen@example.gov" });
  fake.failNext("auth.test", { error: "service_unavailable" });
  bot = await startSlackBot(fake);
  d = new SlackDriver(bot, fake);
  await seedDemo(bot.store);
});

afterAll(async () => {
  await bot?.stop();
  await fake?.stop();
});

it("starts without calling Slack, and recovers from a failed auth.test", async () => {
  // startBot has resolved and the adapter is serving: any call made at start-up would be recorded by now.
  expect(fake.calls).toHaveLength(0);
  const health = await fetch(`http://127.0.0.1:${bot.port}/healthz`).then((r) => r.json() as Promise<{ status: string; adapters: string[] }>);
  expect(health.status).toBe("ok");
  expect(health.adapters).toContain("slack");

  // The first request meets the failing auth.test and is not answered; the next one is.
  const first = await d.slash("U0SOFIA", "/unionhall", "whoami");
  // Acked (an empty 200: Slack would otherwise retry), not rejected and not crashed.
  expect(first.res).toMatchObject({ status: 200, text: "" });
  const second = await d.slash("U0SOFIA", "/unionhall", "whoami");
  expect(second.res).toMatchObject({ status: 200, text: "" });
  expect(textOf((await d.response(second.id)).body)).toContain("Sofia Chen");
  expect(fake.responses.filter((r) => r.id === first.id)).toEqual([]);
  expect(fake.callsOf("auth.test")).toHaveLength(2);
});
