// One table says which Web API methods the Slack adapter calls and the scope each needs; the
// manifest asks for exactly those scopes. The fake Slack (installed with that manifest) refuses a
// method whose scope the app lacks, as Slack does, so a manifest that cannot work fails here.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Bot } from "../../bot/app.ts";
import { slackManifest, SLACK_BOT_SCOPES } from "../../adapters/slack/manifest.ts";
import { SLACK_HELPER_METHODS, SLACK_METHOD_SCOPES, SLACK_OTHER_SCOPES, scopeReasons } from "../../adapters/slack/scopes.ts";
import { seedDemo } from "../../db/demo.ts";
import { data } from "../../db/data.ts";
import { linkIdentity } from "../../db/identities.ts";
import { personByNumber } from "../../db/people.ts";
import { FakeSlack } from "../fakes/slack.ts";
import { SLACK_REQUIRED_SCOPES } from "../fakes/slack-rules.ts";
import { SlackDriver, startSlackBot, textOf } from "./harness.ts";
import { addDoc } from "../kb/helpers.ts";

const adapterDir = path.join(import.meta.dirname, "../../adapters/slack");

/** Every `client.<ns>.<method>(` the Slack adapter's source calls. */
function calledMethods(): string[] {
  const found = new Set<string>();
  for (const f of fs.readdirSync(adapterDir).filter((x) => x.endsWith(".ts"))) {
    const src = fs.readFileSync(path.join(adapterDir, f), "utf8");
    for (const m of src.matchAll(/\b[cC]lient\.([a-z]+)\.([a-zA-Z0-9]+)\(/g)) found.add(`${m[1]}.${m[2]}`);
  }
  return [...found].sort();
}

describe("the scopes come from the methods the code calls", () => {
  it("every Web API method the adapter calls is in the table (helpers by the methods they call)", () => {
    const called = calledMethods();
    expect(called).toContain("files.info");
    for (const m of called) expect(Object.keys(SLACK_METHOD_SCOPES).includes(m) || m in SLACK_HELPER_METHODS, `${m} is called but not in SLACK_METHOD_SCOPES`).toBe(true);
    for (const list of Object.values(SLACK_HELPER_METHODS)) for (const m of list) expect(Object.keys(SLACK_METHOD_SCOPES)).toContain(m);
  });

  it("the manifest holds a scope Slack accepts for every method in the table, and no scope without a reason", () => {
    for (const method of Object.keys(SLACK_METHOD_SCOPES)) {
      const needed = SLACK_REQUIRED_SCOPES[method];
      if (needed) expect(needed.some((s) => SLACK_BOT_SCOPES.includes(s)), `${method} needs ${needed.join(" or ")}`).toBe(true);
    }
    expect(SLACK_BOT_SCOPES).toContain("files:read");
    for (const s of SLACK_BOT_SCOPES) expect(scopeReasons(s).length, s).toBeGreaterThan(0);
    expect(Object.keys(SLACK_OTHER_SCOPES)).toContain("commands");
    const m = slackManifest({ features: [], t: (k) => k, baseUrl: "https://bot.example.org" }) as { oauth_config: { scopes: { bot: string[] } } };
    expect(m.oauth_config.scopes.bot).toEqual([...SLACK_BOT_SCOPES]);
  });
});

const SOFIA = "U0SOFIA";
const PNG = Buffer.from("89504e470d0a1a0a0000000d4948445200000001000000010806000000" + "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082", "hex");
let fake: FakeSlack;
let bot: Bot;
let d: SlackDriver;

beforeAll(async () => {
  fake = await new FakeSlack().start();
  fake.addUser({ id: SOFIA, name: "sofia", email: "sofia.chen@example.gov" });
  bot = await startSlackBot(fake);
  d = new SlackDriver(bot, fake);
  await seedDemo(bot.store);
  const p = (await personByNumber(data(bot.store), "100007"))!;
  await linkIdentity(data(bot.store), { platform: "slack", workspaceId: fake.teamId, userId: SOFIA, personId: p.id, linkedVia: "admin" });
});
afterAll(async () => {
  await bot?.stop();
  await fake?.stop();
});

describe("the fake Slack checks scopes per method", () => {
  it("installed with the bot's own manifest, /kb attach reads the attached file (files.info and url_private need files:read)", async () => {
    const id = await addDoc(bot.store, { title: "Rally flyer", body: "Saturday.", kind: "flyer", audience: "members" });
    const opened = await d.slash(SOFIA, "/kb", `attach ${id}`);
    const view = await d.views(opened.triggerId);
    await d.submit(SOFIA, view, { file: fake.addFile(PNG, "flyer.png", "image/png") });
    await fake.waitFor(() => fake.callsOf("files.info").length > 0, "files.info");
    // The new version is saved after the download: wait for the "Attached" answer before showing it.
    const said = () => [...fake.calls.map((c) => c.args), ...fake.responses.map((r) => r.body)].map((b) => JSON.stringify(b));
    await fake.waitFor(() => said().some((s) => s.includes("Attached flyer.png")), "the attach confirmed");
    expect(fake.rules.refused.filter((r) => r.error === "missing_scope")).toEqual([]);
    const shown = await d.slash(SOFIA, "/kb", `show ${id}`);
    expect(await d.answerText(SOFIA, shown.id)).toContain("Version*\\n2");
    await fake.waitFor(() => fake.uploads.some((u) => u.bytes.equals(PNG)), "the flyer sent back");
  });

  it("an app installed without files:read gets missing_scope from files.info, as on Slack", async () => {
    fake.installScopes(SLACK_BOT_SCOPES.filter((s) => s !== "files:read"));
    try {
      const res = await fetch(`${fake.apiUrl}files.info`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", authorization: `Bearer ${fake.botToken}` }, body: "file=F1" });
      expect(await res.json()).toMatchObject({ ok: false, error: "missing_scope", needed: "files:read" });
      fake.rules.acknowledge();
    } finally {
      fake.installScopes(SLACK_BOT_SCOPES);
    }
  });

  it("users.info leaves the e-mail out without users:read.email", async () => {
    fake.installScopes(SLACK_BOT_SCOPES.filter((s) => s !== "users:read.email"));
    try {
      const res = await fetch(`${fake.apiUrl}users.info`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", authorization: `Bearer ${fake.botToken}` }, body: `user=${SOFIA}` });
      const body = (await res.json()) as { user: { profile: Record<string, unknown> } };
      expect(body.user.profile.email).toBeUndefined();
    } finally {
      fake.installScopes(SLACK_BOT_SCOPES);
    }
  });
});
