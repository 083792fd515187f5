// The playground lets whoever reaches it act as anyone: it must never listen beyond this machine
// beside live chat tokens, and must never answer a peer that is not this machine, in any mode.
import { spawn } from "node:child_process";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startBot, type Bot } from "../../bot/app.ts";
import { ConfigError, loadConfig } from "../../bot/config.ts";
import { tempDir } from "../helpers/store.ts";

const slack = { SLACK_BOT_TOKEN: "xoxb-1", SLACK_SIGNING_SECRET: "s" };

function problems(env: NodeJS.ProcessEnv): string[] {
  try {
    loadConfig(env);
    return [];
  } catch (e) {
    if (e instanceof ConfigError) return e.problems;
    throw e;
  }
}

describe("playground binding in the configuration", () => {
  it("refuses PLAYGROUND=on beside chat tokens unless HOST is loopback", () => {
    for (const env of [{ ...slack, PLAYGROUND: "on" }, { ...slack, PLAYGROUND: "on", HOST: "0.0.0.0" }, { DISCORD_TOKEN: "d", PLAYGROUND: "on", HOST: "192.0.2.7" }]) {
      const p = problems(env);
      expect(p).toHaveLength(1);
      expect(p[0]).toMatch(/^PLAYGROUND: refusing to start: the playground lets anyone act as anyone.*HOST=127\.0\.0\.1/);
    }
    for (const host of ["127.0.0.1", "localhost", "::1"]) expect(loadConfig({ ...slack, PLAYGROUND: "on", HOST: host })).toMatchObject({ playgroundEnabled: true, host });
  });

  it("npm start exits with one line saying why", { timeout: 120_000 }, async () => {
    const child = spawn(process.execPath, ["--import", "tsx", "bot/main.ts"], {
      cwd: path.resolve(import.meta.dirname, "../.."),
      env: { PATH: process.env.PATH, ...slack, PLAYGROUND: "on", DATABASE_URL: `file:${path.join(tempDir(), "x.db")}`, PORT: "0" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let err = "";
    child.stderr.on("data", (c: Buffer) => (err += c.toString()));
    const code = await new Promise<number | null>((r) => child.on("exit", r));
    expect(code).toBe(2);
    expect(err).toMatch(/PLAYGROUND: refusing to start: the playground lets anyone act as anyone/);
  });
});

function request(host: string, port: number, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host, port, path: "/api/personas", headers }, (res) => {
      let body = "";
      res.on("data", (c: Buffer) => (body += c.toString()));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on("error", reject);
    req.end();
  });
}

const external = Object.values(os.networkInterfaces())
  .flat()
  .find((i) => i && i.family === "IPv4" && !i.internal)?.address;

describe("playground peers", () => {
  let bot: Bot;
  beforeAll(async () => {
    // Told to listen everywhere (no chat tokens, so the configuration allows it): peers still decide.
    bot = await startBot(loadConfig({ DATABASE_URL: `file:${path.join(tempDir(), "peer.db")}`, PORT: "0", HOST: "0.0.0.0", LOG_LEVEL: "silent", DEMO_DATA: "never" }));
  });
  afterAll(async () => {
    await bot.stop();
  });

  it("answers this machine", async () => {
    const r = await request("127.0.0.1", bot.port);
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body)).toHaveProperty("personas");
  });

  it("refuses a request a local proxy forwarded", async () => {
    const r = await request("127.0.0.1", bot.port, { "x-forwarded-for": "203.0.113.9" });
    expect(r.status).toBe(403);
  });

  it.skipIf(!external)("refuses a peer on another interface, while /healthz still answers", async () => {
    const r = await request(external!, bot.port);
    expect(r.status).toBe(403);
    expect(r.body).not.toContain("personas");
    expect((await fetch(`http://${external}:${bot.port}/healthz`)).status).toBe(200);
  });
});
