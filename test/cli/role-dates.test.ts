// The command line refuses what chat refuses: role end dates go through the chat command's own
// schema and rules, and an end date reads as the last day the role is held, in the local's zone.
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { checkRoleFlags } from "../../bot/cli/role.ts";
import { seedDemo } from "../../db/demo.ts";
import { handleCommand } from "../../commands/core/dispatch.ts";
import { demoCore, tempStore, web } from "../helpers/store.ts";
import { storeUrl } from "../helpers/tamper.ts";

const run = promisify(execFile);
let env: NodeJS.ProcessEnv;
beforeAll(async () => {
  // A database on the tests' engine, reached by the CLI process through its URL.
  const store = await tempStore();
  await seedDemo(store, { members: 20 });
  const url = storeUrl(store);
  await store.close();
  env = { ...process.env, DATABASE_URL: url, LOG_LEVEL: "silent", UNION_TIME_ZONE: "America/Los_Angeles" };
}, 60_000);

async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  try {
    const r = await run(process.execPath, ["--import", "tsx", "bot/cli.ts", ...args], { env, cwd: path.resolve(import.meta.dirname, "../..") });
    return { code: 0, out: r.stdout, err: r.stderr };
  } catch (e) {
    const x = e as { code: number; stdout: string; stderr: string };
    return { code: x.code, out: x.stdout, err: x.stderr };
  }
}

const nextYear = new Date().getUTCFullYear() + 1;

describe("npm run cli -- role grant", () => {
  it("refuses an impossible date, as chat does, and changes nothing", async () => {
    const r = await cli("role", "grant", "--member", "100001", "--role", "steward", "--scope", "SL-083", "--until", "2026-02-30");
    expect(r.code).toBe(2);
    expect(r.err).toContain("--until: use a date like 2026-11-23");
    expect((await cli("role", "list", "--member", "100001")).out).not.toContain("steward");
  }, 60_000);

  it("refuses an end date already past", async () => {
    const r = await cli("role", "grant", "--member", "100001", "--role", "steward", "--scope", "SL-083", "--until", "2020-06-30");
    expect(r.code).toBe(2);
    expect(r.err).toContain("--until: The end date must be today or later.");
  }, 60_000);

  it("lists a role granted until 31 December as ending on 31 December", async () => {
    const g = await cli("role", "grant", "--member", "100001", "--role", "steward", "--scope", "SL-083", "--until", `${nextYear}-12-31`);
    expect(g.err).toBe("");
    expect(g.code).toBe(0);
    const list = await cli("role", "list", "--member", "100001");
    expect(list.out).toMatch(new RegExp(`steward — sublocal SL-083 — \\d{4}-\\d{2}-\\d{2} → ${nextYear}-12-31\\n`));
  }, 60_000);
});

describe("checkRoleFlags", () => {
  const now = new Date("2027-01-01T05:00:00Z"); // 9 pm on 31 December in Oregon, already 1 January in UTC
  it("takes today's date in the local's time zone as still open", () => {
    expect(checkRoleFlags("grant", { member: "100001", role: "steward", scope: "SL-083", until: "2026-12-31" }, now, "America/Los_Angeles")).toMatchObject({ ok: true });
    expect(checkRoleFlags("grant", { member: "100001", role: "steward", scope: "SL-083", until: "2026-12-30" }, now, "America/Los_Angeles")).toEqual({
      ok: false,
      problems: ["--until: The end date must be today or later."],
    });
  });
  it("names an unknown option", () => {
    const r = checkRoleFlags("grant", { member: "100001", role: "steward", untill: "2027-01-01" }, now, "America/Los_Angeles");
    expect(r.ok).toBe(false);
    expect(!r.ok && r.problems.join("\n")).toContain("--untill");
  });
});

describe("a role's dates in chat", () => {
  it("whoami and the role list show a role granted until 31 December as held until 31 December, in the local's time", async () => {
    const { core, store } = await demoCore({ now: () => new Date("2026-11-23T17:00:00Z") });
    const say = async (who: string, text: string) => (await handleCommand(core, { actor: web(who), text })).reply.fallbackText;
    expect(await say("sofia", "/unionhall admin role grant 100001 steward SL-083 2026-12-31")).toContain("Granted steward");
    expect(await say("sofia", "/unionhall admin role list 100001")).toMatch(/steward — sub-local SL-083\n?.*2026-11-23 → 2026-12-31/);
    const me = await say("maria", "/whoami");
    expect(me).toMatch(/member — sub-local SL-083.*since 2026-01-01/);
    expect(me).toMatch(/steward — sub-local SL-083.*until 2026-12-31/);
    expect(me).not.toContain("2027-01-01");
    await store.close();
  }, 60_000);
});
