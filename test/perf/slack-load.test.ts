// The ack path of the real bot over HTTP (real Bolt app, fake Slack): a person past their limit is
// told so privately in the acknowledgement itself and nothing runs; /metrics counts the work and
// answers only with its token; a stopping bot refuses new work but finishes what it took.
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startBot, type Bot } from "../../bot/app.ts";
import { loadConfig } from "../../bot/config.ts";
import { seedDemo } from "../../db/demo.ts";
import { data } from "../../db/data.ts";
import { linkIdentity } from "../../db/identities.ts";
import { personByNumber } from "../../db/people.ts";
import { FakeSlack } from "../fakes/slack.ts";
import { tempDir } from "../helpers/store.ts";
import { SECRET, SlackDriver } from "../slack/harness.ts";

const MARIA = "U0MARIA";
const TOKEN = "metrics-token-0123456789abcdef";
let fake: FakeSlack;
let bot: Bot;
let d: SlackDriver;

beforeAll(async () => {
  fake = await new FakeSlack().start();
  fake.addUser({ id: MARIA, name: "maria", locale: "es-MX" });
  bot = await startBot(
    loadConfig({
      DATABASE_URL: `file:${path.join(tempDir("uh-perf-"), "x.db")}`,
      PORT: "0",
      HOST: "127.0.0.1",
      LOG_LEVEL: "silent",
      PLAYGROUND: "off",
      DEMO_DATA: "never",
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_BOT_TOKEN: "xoxb-test-token",
      SLACK_API_URL: fake.apiUrl,
      RATE_LIMIT_PER_MINUTE: "1",
      RATE_LIMIT_BURST: "2",
      METRICS_TOKEN: TOKEN,
    }),
  );
  d = new SlackDriver(bot, fake);
  await seedDemo(bot.store);
  const maria = (await personByNumber(data(bot.store), "100001"))!;
  await linkIdentity(data(bot.store), { platform: "slack", workspaceId: fake.teamId, userId: MARIA, personId: maria.id, linkedVia: "admin" });
});

afterAll(async () => {
  await bot?.stop();
  await fake?.stop();
});

const metrics = (auth?: string) => fetch(`http://127.0.0.1:${bot.port}/metrics`, { headers: auth ? { authorization: auth } : {} });

describe("the acknowledgement path", () => {
  it("answers within the limit, then says 'slow down' privately in the ack, in the person's language, and runs nothing", async () => {
    const first = await d.slash(MARIA, "/unionhall", "whoami");
    expect(first.res.status).toBe(200);
    expect(first.res.text).toBe("");
    expect(JSON.stringify((await d.response(first.id)).body)).toContain("100001");
    const second = await d.slash(MARIA, "/unionhall", "whoami");
    await d.response(second.id);

    const third = await d.slash(MARIA, "/unionhall", "remind \"in 2 hours\" me Bring the sheets");
    expect(third.res.status).toBe(200);
    const ack = third.res.json();
    expect(ack.response_type).toBe("ephemeral");
    // Maria's Slack locale (es-MX) is known from her first command.
    expect(ack.text).toBe("⏳ Está enviando solicitudes más rápido de lo que puedo atenderlas. No se cambió nada. Espere unos segundos e inténtelo de nuevo.");
    const jobs = bot.store.sql.prepare(`SELECT count(*) AS n FROM "ScheduledJob" WHERE kind = 'unionhall.reminder'`).get() as { n: number };
    expect(jobs.n).toBe(0);
    expect(fake.responses.some((r) => r.id === third.id)).toBe(false);
  });

  it("serves Prometheus metrics only with the token: work by platform and area, refusals, queue depth, scheduler lag, event-loop delay", async () => {
    // A command's work is counted when it ends, a little after its answer went out.
    await d.workDone();
    expect((await metrics()).status).toBe(401);
    expect((await metrics("Bearer wrong-token-0123456789")).status).toBe(401);
    const res = await metrics(`Bearer ${TOKEN}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await res.text();
    expect(text).toMatch(/unionhall_work_total\{platform="slack",area="unionhall",kind="command",outcome="ok"\} 2/);
    expect(text).toMatch(/unionhall_work_seconds_count\{platform="slack",area="unionhall",kind="command"\} 2/);
    expect(text).toMatch(/unionhall_refused_total\{reason="slowDown"\} 1/);
    expect(text).toMatch(/^unionhall_queue_depth 0$/m);
    expect(text).toMatch(/^unionhall_scheduler_lag_seconds 0$/m);
    expect(text).toMatch(/^nodejs_eventloop_lag_max_seconds \d/m);
    // Nothing personal in the metrics.
    expect(text).not.toMatch(/U0MARIA|100001|Maria/);
  });
});

describe("Slack's 50-block cap", () => {
  it("renders what fits in one message and says how many more there are, in the person's language", async () => {
    const { renderMessage, renderMessageChecked } = await import("../../adapters/slack/render.ts");
    const lines = Array.from({ length: 60 }, (_, i) => `Line ${i + 1}`);
    const many = { visibility: "private" as const, blocks: lines.map((text) => ({ type: "text" as const, text })), files: [], update: false, fallbackText: lines.join("\n") };
    expect(renderMessageChecked(many).overflowed).toBe(true);
    expect(renderMessageChecked({ ...many, blocks: many.blocks.slice(0, 50) }).overflowed).toBe(false);
    const msg = renderMessage(many, { droppedNote: (count) => bot.core.translator.forLocale("es")("core.load.more", { count }) });
    expect(msg.blocks).toHaveLength(50);
    expect(JSON.stringify(msg.blocks.at(-1))).toContain("…y 11 más (demasiados para mostrarlos aquí).");
  });
});
