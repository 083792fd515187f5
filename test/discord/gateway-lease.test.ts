// Several bot processes on one database, and exactly one of them connected to Discord's gateway
// (two would answer every interaction twice). When the holder is killed with SIGKILL, another takes
// the gateway over within about one lease, and interactions are answered again, once each. A
// process that stops gracefully hands the gateway over at once. /healthz says which process holds it.
// On the embedded SQLite file and on PostgreSQL.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DISCORD_GATEWAY_ROLE, startBot, type Bot } from "../../bot/app.ts";
import { data } from "../../db/data.ts";
import { seedDemo } from "../../db/demo.ts";
import { roleHolder } from "../../db/role-leases.ts";
import { openStore, type Engine } from "../../db/store.ts";
import { FakeDiscord, nextId } from "../fakes/discord.ts";
import { postgresUnavailable, startPostgres, type TestPostgres } from "../helpers/postgres.ts";
import { testConfig } from "./harness.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");
const LEASE_SECONDS = 2;

let fake: FakeDiscord;
let dir: string;
let url: string;
let env: Record<string, string>;
const children: ChildProcess[] = [];
const bots: Bot[] = [];
let postgres: TestPostgres | undefined;

const unavailable = postgresUnavailable();
if (unavailable) console.warn(`SKIPPING the gateway lease on PostgreSQL: ${unavailable}`);

async function setUp(engine: Engine): Promise<void> {
  fake = await new FakeDiscord().start();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "uh-gateway-"));
  if (engine === "postgres") {
    postgres = await startPostgres();
    url = await postgres.createDatabase("gateway");
  } else url = testConfig(fake, dir).DATABASE_URL;
  const store = await openStore(url);
  await seedDemo(store, { members: 20 });
  await store.close();
  env = {
    DATABASE_URL: url,
    PORT: "0",
    LOG_LEVEL: "silent",
    PLAYGROUND: "off",
    DEMO_DATA: "never",
    DISCORD_TOKEN: "fake-bot-token",
    DISCORD_APPLICATION_ID: fake.applicationId,
    DISCORD_API_URL: fake.apiUrl!,
    DISCORD_GATEWAY_LEASE_SECONDS: String(LEASE_SECONDS),
  };
}

async function tearDown(): Promise<void> {
  for (const c of children.splice(0)) c.kill("SIGKILL");
  for (const b of bots.splice(0)) await b.stop().catch(() => undefined);
  await fake?.stop();
  await postgres?.stop();
  postgres = undefined;
  fs.rmSync(dir, { recursive: true, force: true });
}

/** A bot in its own process; resolves with its HTTP port once it has started. */
function botProcess(): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(process.execPath, ["--import", "tsx", "test/discord/fixtures/bot-process.ts"], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  let out = "";
  let err = "";
  child.stderr!.on("data", (c: Buffer) => (err += c.toString()));
  return new Promise((resolve, reject) => {
    child.stdout!.on("data", (c: Buffer) => {
      out += c.toString();
      const m = /PORT (\d+)/.exec(out);
      if (m) resolve({ child, port: Number(m[1]) });
    });
    child.on("exit", (code) => reject(new Error(`the bot process exited (${code}): ${err.slice(0, 500)}`)));
  });
}

async function rolesOf(port: number): Promise<string[]> {
  const health = (await (await fetch(`http://127.0.0.1:${port}/healthz`)).json()) as { status: string; roles: string[] };
  expect(health.status).toBe("ok");
  return health.roles;
}

/** /unionhall help from someone with no linked account: every process could answer it. */
async function answeredOnce(): Promise<void> {
  const interaction = fake.chatInput({ id: nextId() }, "unionhall", [{ name: "help", type: 1, options: [] }]);
  fake.dispatch(interaction);
  await fake.callbackFor(interaction.id);
  // Give a second connection, if there were one, time to answer too.
  await new Promise((r) => setTimeout(r, 500));
  expect(fake.callbacks.filter((c) => c.interactionId === interaction.id)).toHaveLength(1);
}

describe.each(unavailable ? (["sqlite"] as const) : (["sqlite", "postgres"] as const))("the Discord gateway across bot processes, on %s", (engine) => {
  beforeAll(() => setUp(engine), 90_000);
  afterAll(tearDown);

  it("one holder; killed with SIGKILL, another takes over within seconds; a graceful stop hands it over at once", async () => {
    const first = await botProcess();
    await fake.waitFor(() => fake.identified === 1, 20_000, "the first process to connect");
    expect(await rolesOf(first.port)).toEqual([DISCORD_GATEWAY_ROLE]);

    // A second process (here, in this one) starts while the first holds the gateway: it posts, but does not connect.
    const second = await startBot({ ...testConfig(fake, dir), DATABASE_URL: url, DEMO_DATA: "never", DISCORD_GATEWAY_LEASE_SECONDS: LEASE_SECONDS });
    bots.push(second);
    expect(second.posters.has("discord")).toBe(true);
    expect(await rolesOf(second.port)).toEqual([]);
    await new Promise((r) => setTimeout(r, LEASE_SECONDS * 1500));
    expect(fake.identified).toBe(1);
    await answeredOnce();

    // The holder dies without a word.
    first.child.kill("SIGKILL");
    await fake.waitFor(() => fake.identified === 2, 20_000, "the second process to take the gateway over");
    expect(await rolesOf(second.port)).toEqual([DISCORD_GATEWAY_ROLE]);
    await answeredOnce();

    // A third process waits; the second stops gracefully and hands the gateway over without waiting for expiry.
    const third = await botProcess();
    expect(await rolesOf(third.port)).toEqual([]);
    await second.stop();
    bots.splice(bots.indexOf(second), 1);
    const store = await openStore(env.DATABASE_URL!);
    const handedBack = await roleHolder(data(store), DISCORD_GATEWAY_ROLE, new Date());
    expect(handedBack === undefined || handedBack.holder.includes(`:${third.child.pid}:`)).toBe(true);
    await fake.waitFor(() => fake.identified === 3, 20_000, "the third process to take the gateway over");
    expect(await rolesOf(third.port)).toEqual([DISCORD_GATEWAY_ROLE]);
    await answeredOnce();

    try {
      const held = await roleHolder(data(store), DISCORD_GATEWAY_ROLE, new Date());
      expect(held?.holder).toMatch(new RegExp(`:${third.child.pid}:`));
    } finally {
      await store.close();
    }
  }, 120_000);
});
