// End to end through the real bot wiring: a reminder set in the playground for a minute ahead
// shows up in the chosen channel when due, also when the bot was restarted in between.
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { startBot, type Bot } from "../../bot/app.ts";
import { loadConfig } from "../../bot/config.ts";
import { silent, tempDir, TestClock, until } from "./helpers.ts";

let bot: Bot | null = null;
afterEach(async () => {
  await bot?.stop();
  bot = null;
});

async function boot(url: string, clock: TestClock): Promise<Bot> {
  const config = loadConfig({ DATABASE_URL: url, PORT: "0", PLAYGROUND: "on", LOG_LEVEL: "silent" });
  return startBot(config, { clock, log: silent });
}

async function api(b: Bot, p: string, body?: unknown): Promise<any> {
  const res = await fetch(`http://127.0.0.1:${b.port}${p}`, body ? { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) } : undefined);
  return res.json();
}

describe("playground reminders", () => {
  it("a reminder for one minute ahead reaches #stewards once, across a restart", async () => {
    const url = `file:${path.join(tempDir(), "x.db")}`;
    const clock = new TestClock(new Date());
    bot = await boot(url, clock);
    const r = await api(bot, "/api/command", { as: "sam", where: "#general", text: "/unionhall remind in 1 minute #stewards Bring the sign-in sheets" });
    expect(r.html).toContain("Got it");
    expect((await api(bot, "/api/feed?as=sam&where=%23stewards")).messages).toHaveLength(0);
    await bot.stop();
    clock.advance(61_000); // the bot is down while it falls due
    bot = await boot(url, clock);
    await until(async () => (await api(bot!, "/api/feed?as=sam&where=%23stewards")).messages.length > 0, 10_000);
    const { messages } = await api(bot, "/api/feed?as=carla&where=%23stewards");
    expect(messages).toHaveLength(1);
    expect(messages[0].text).toContain("Bring the sign-in sheets");
    expect(messages[0].text).toContain("[Snooze 1 day] [Mark done]");
    // The staff view agrees.
    const jobs = await api(bot, "/api/command", { as: "sofia", where: "#staff", text: "/unionhall jobs" });
    expect(jobs.html).toContain("sent 1");
  });
});
