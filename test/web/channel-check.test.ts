// A reminder to a channel that does not exist is refused when it is set, not lost when it falls due.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startBot, type Bot } from "../../bot/app.ts";
import { loadConfig } from "../../bot/config.ts";
import { listJobs } from "../../db/jobs.ts";
import { botDatabaseUrl } from "../slack/harness.ts";

let bot: Bot;
let base: string;
beforeAll(async () => {
  bot = await startBot(loadConfig({ DATABASE_URL: await botDatabaseUrl(), PORT: "0", LOG_LEVEL: "silent" }));
  base = `http://127.0.0.1:${bot.port}`;
}, 60_000);
afterAll(() => bot.stop());

const command = async (as: string, text: string) =>
  (await (await fetch(`${base}/api/command`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ as, where: "#general", text }) })).json()) as { html: string };

describe("reminders to a channel in the playground", () => {
  it("refuses #nonexistent politely and schedules nothing", async () => {
    const before = (await listJobs(bot.store, { kind: "unionhall.reminder", limit: 100 })).length;
    const r = await command("sam", "/unionhall remind in 1 hour #nonexistent Step 1 answers are due");
    expect(r.html).toContain("I can&#39;t find the channel #nonexistent here, so nothing was set.");
    expect((await listJobs(bot.store, { kind: "unionhall.reminder", limit: 100 }))).toHaveLength(before);
  });

  it("accepts a channel the playground has", async () => {
    const r = await command("sam", "/unionhall remind in 1 hour #stewards Step 1 answers are due");
    expect(r.html).toContain("Got it. I&#39;ll remind #stewards");
  });
});
