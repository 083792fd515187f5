// SIGTERM on the real process (`bot/main.ts` in a child): work already acknowledged is finished and
// answered before the process exits, new work is refused, and the exit is clean. The Slack API stand-in
// holds users.info until the signal has been sent, so the work is provably in flight at that moment.
import { spawn } from "node:child_process";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { slackSignature } from "../fakes/slack.ts";
import { tempDir } from "../helpers/store.ts";

const SECRET = "shutdown-signing-secret-0123456789";
const root = path.resolve(import.meta.dirname, "../..");
const servers: http.Server[] = [];
afterAll(() => servers.forEach((s) => s.close()));

/** A Slack API and response_url stand-in whose users.info answers only when released. */
async function slackStandIn() {
  let release!: () => void;
  const released = new Promise<void>((r) => (release = r));
  let infoAsked!: () => void;
  const asked = new Promise<void>((r) => (infoAsked = r));
  const answers: Record<string, unknown>[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", async () => {
      const body = Buffer.concat(chunks).toString("utf8");
      if (req.url?.startsWith("/respond/")) answers.push(JSON.parse(body) as Record<string, unknown>);
      if (req.url?.startsWith("/api/users.info")) {
        infoAsked();
        await released;
      }
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify(req.url?.startsWith("/api/users.info") ? { ok: true, user: { id: "U1", name: "x", locale: "en-US", profile: {} } } : { ok: true, team_id: "T1", user_id: "UB", bot_id: "BB" }));
    });
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { base, release, asked, answers };
}

function command(port: number, responseUrl: string, text = "help") {
  const body = new URLSearchParams({ team_id: "T1", user_id: "U1", channel_id: "C1", command: "/unionhall", text, response_url: responseUrl, trigger_id: `t.${Math.random()}` }).toString();
  const ts = Math.floor(Date.now() / 1000);
  return fetch(`http://127.0.0.1:${port}/slack/events`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", "x-slack-request-timestamp": String(ts), "x-slack-signature": slackSignature(SECRET, ts, body) },
    body,
  });
}

describe("graceful shutdown", () => {
  it("finishes and answers acknowledged work after SIGTERM, then exits 0", async () => {
    const slack = await slackStandIn();
    const child = spawn(process.execPath, ["--import", "tsx", path.join(root, "bot/main.ts")], {
      cwd: root,
      env: {
        ...process.env,
        DATABASE_URL: `file:${path.join(tempDir("uh-stop-"), "x.db")}`,
        PORT: "0",
        HOST: "127.0.0.1",
        LOG_LEVEL: "info",
        PLAYGROUND: "off",
        DEMO_DATA: "never",
        SLACK_SIGNING_SECRET: SECRET,
        SLACK_BOT_TOKEN: "xoxb-stop-test",
        SLACK_API_URL: `${slack.base}/api/`,
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    let err = "";
    child.stdout.on("data", (d: Buffer) => (out += d));
    child.stderr.on("data", (d: Buffer) => (err += d));
    const exited = new Promise<number | null>((r) => child.once("exit", (code) => r(code)));
    const port = await new Promise<number>((resolve, reject) => {
      child.stdout.on("data", () => {
        const m = /running on http:\/\/[^:]+:(\d+)/.exec(out);
        if (m) resolve(Number(m[1]));
      });
      void exited.then(() => reject(new Error(`the bot exited before it was ready: ${err.slice(0, 500)}`)));
    });

    const ack = await command(port, `${slack.base}/respond/1`);
    expect(ack.status).toBe(200);
    await slack.asked; // the work is running, waiting on users.info
    child.kill("SIGTERM");
    // The bot says it is stopping with the work still in flight; only then may the work go on.
    await new Promise<void>((resolve) => {
      const seen = () => err.includes('"event":"bot.stopping"') && (child.stderr.off("data", seen), resolve());
      child.stderr.on("data", seen);
      seen();
    });
    expect(JSON.parse(err.split("\n").find((l) => l.includes('"event":"bot.stopping"'))!)).toMatchObject({ inFlight: 1 });
    // New work is refused while stopping.
    const late = await command(port, `${slack.base}/respond/2`).then((r) => r.text(), () => "refused");
    expect(late).toMatch(/^refused$|I.m very busy right now/);
    slack.release();
    expect(await exited).toBe(0);
    expect(slack.answers).toHaveLength(1);
    expect(JSON.stringify(slack.answers[0])).toContain("/unionhall");
    const stopped = err.split("\n").filter((l) => l.includes('"event":"bot.stopped"'));
    expect(stopped).toHaveLength(1);
    expect(JSON.parse(stopped[0]!)).toMatchObject({ drained: true });
  }, 60_000);
});
