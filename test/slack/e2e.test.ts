// End to end: the real bot (real Bolt app, real core, real SQLite) against a local fake Slack,
// driven by correctly signed requests to POST /slack/events on the bot's own port.
import crypto from "node:crypto";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startBot, type Bot } from "../../bot/app.ts";
import { loadConfig } from "../../bot/config.ts";
import { PermanentDeliveryError, RateLimitedError } from "../../bot/outbox.ts";
import { renderStandalone } from "../../commands/core/dispatch.ts";
import { seedDemo } from "../../db/demo.ts";
import { linkIdentity } from "../../db/identities.ts";
import { personByNumber } from "../../db/people.ts";
import { FakeSlack, slackSignature } from "../fakes/slack.ts";
import { auditCount, tempDir } from "../helpers/store.ts";

const SECRET = "test-signing-secret-0123456789";
const CHANNEL = "C0GENERAL";

let fake: FakeSlack;
let bot: Bot;
let url: string;

// Slack users: Sofia (staff) links herself by her verified work e-mail; Maria (member) was linked
// by an admin; Nico has no member record that matches.
const SOFIA = "U0SOFIA";
const MARIA = "U0MARIA";
const NICO = "U0NICO";

beforeAll(async () => {
  fake = await new FakeSlack().start();
  fake.addUser({ id: SOFIA, name: "sofia", email: "sofia.chen@example.gov", locale: "en-US" });
  fake.addUser({ id: MARIA, name: "maria", email: "maria.personal@home.example" });
  fake.addUser({ id: NICO, name: "nico", email: "nico@elsewhere.example" });
  const dir = tempDir("uh-slack-");
  bot = await startBot(
    loadConfig({
      DATABASE_URL: `file:${path.join(dir, "x.db")}`,
      PORT: "0",
      HOST: "127.0.0.1",
      LOG_LEVEL: "silent",
      PLAYGROUND: "off",
      DEMO_DATA: "never",
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_BOT_TOKEN: "xoxb-test-token",
      SLACK_API_URL: fake.apiUrl,
    }),
  );
  await seedDemo(bot.store);
  const maria = (await personByNumber(bot.store, "100001"))!;
  await linkIdentity(bot.store, { platform: "slack", workspaceId: fake.teamId, userId: MARIA, personId: maria.id, linkedVia: "admin" });
  url = `http://127.0.0.1:${bot.port}/slack/events`;
});

afterAll(async () => {
  await bot?.stop();
  await fake?.stop();
});

// ---- request helpers ------------------------------------------------------------------------

async function post(body: string, contentType: string, o: { ts?: number; signature?: string; retry?: number } = {}) {
  const ts = o.ts ?? Math.floor(Date.now() / 1000);
  const headers: Record<string, string> = {
    "content-type": contentType,
    "x-slack-request-timestamp": String(ts),
    "x-slack-signature": o.signature ?? slackSignature(SECRET, ts, body),
  };
  if (o.retry !== undefined) {
    headers["x-slack-retry-num"] = String(o.retry);
    headers["x-slack-retry-reason"] = "http_timeout";
  }
  const res = await fetch(url, { method: "POST", headers, body });
  const text = await res.text();
  return { status: res.status, text, json: () => JSON.parse(text) as Record<string, any> };
}

function commandBody(user: string, command: string, text: string, o: { triggerId?: string; responseUrl?: string } = {}) {
  const responseUrl = o.responseUrl ?? fake.responseUrl();
  const triggerId = o.triggerId ?? `trig.${crypto.randomUUID()}`;
  const body = new URLSearchParams({
    token: "legacy",
    team_id: fake.teamId,
    team_domain: "union",
    channel_id: CHANNEL,
    channel_name: "general",
    user_id: user,
    user_name: user.toLowerCase(),
    command,
    text,
    api_app_id: "A0UNION",
    response_url: responseUrl,
    trigger_id: triggerId,
  }).toString();
  return { body, responseUrl, triggerId, id: responseUrl.split("/").pop()! };
}

async function slash(user: string, command: string, text: string, o: { triggerId?: string; retry?: number } = {}) {
  const c = commandBody(user, command, text, o);
  const res = await post(c.body, "application/x-www-form-urlencoded", { retry: o.retry });
  return { ...c, res };
}

const formPost = (payload: unknown) => new URLSearchParams({ payload: JSON.stringify(payload) }).toString();

async function click(user: string, actionId: string, responseUrl = fake.responseUrl()) {
  const payload = {
    type: "block_actions",
    team: { id: fake.teamId, domain: "union" },
    user: { id: user, username: user.toLowerCase(), team_id: fake.teamId },
    api_app_id: "A0UNION",
    token: "legacy",
    container: { type: "message", message_ts: "1700000000.000100", channel_id: CHANNEL, is_ephemeral: true },
    trigger_id: `trig.${crypto.randomUUID()}`,
    channel: { id: CHANNEL, name: "general" },
    response_url: responseUrl,
    actions: [{ type: "button", action_id: actionId, block_id: "b1", value: actionId, text: { type: "plain_text", text: "x" }, action_ts: `${Date.now() / 1000}` }],
  };
  const res = await post(formPost(payload), "application/x-www-form-urlencoded");
  return { res, responseUrl, id: responseUrl.split("/").pop()! };
}

/** Fills a modal the way a person would: values by field name, turned into Slack's view state. */
function submission(user: string, view: Record<string, any>, values: Record<string, string>) {
  const state: Record<string, Record<string, unknown>> = {};
  for (const b of view.blocks as Record<string, any>[]) {
    if (b.type !== "input") continue;
    const name = String(b.block_id).replace(/^uh:v:/, "");
    const v = values[name];
    const el = b.element as Record<string, any>;
    const a = el.action_id as string;
    if (el.type === "static_select") state[b.block_id] = { [a]: { type: el.type, selected_option: v ? el.options.find((o: any) => o.value === v) ?? { value: v } : null } };
    else if (el.type === "datepicker") state[b.block_id] = { [a]: { type: el.type, selected_date: v ?? null } };
    else state[b.block_id] = { [a]: { type: el.type, value: v ?? null } };
  }
  return formPost({
    type: "view_submission",
    team: { id: fake.teamId, domain: "union" },
    user: { id: user, username: user.toLowerCase(), team_id: fake.teamId },
    api_app_id: "A0UNION",
    token: "legacy",
    trigger_id: `trig.${crypto.randomUUID()}`,
    view: { ...view, id: `V${crypto.randomUUID().slice(0, 8)}`, team_id: fake.teamId, hash: "h1", state: { values: state } },
    response_urls: [],
  });
}

const responseFor = (id: string) => fake.waitFor(() => fake.responses.find((r) => r.id === id), `response ${id}`);
const textOf = (body: Record<string, any>) => JSON.stringify(body.blocks ?? []) + String(body.text ?? "");
const activeRoles = (personId: number) =>
  (bot.store.sql.prepare(`SELECT count(*) AS n FROM "RoleAssignment" WHERE personId = ? AND endsAt IS NULL`).get(personId) as { n: number }).n;
const allAssignments = () => (bot.store.sql.prepare(`SELECT count(*) AS n FROM "RoleAssignment"`).get() as { n: number }).n;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// ---- tests ----------------------------------------------------------------------------------

describe("Slack over HTTP against a fake Slack", () => {
  it("answers a slash command ephemerally, linking the user by verified e-mail and asking for the locale", async () => {
    const { id, res } = await slash(SOFIA, "/unionhall", "whoami");
    expect(res.status).toBe(200);
    const r = await responseFor(id);
    expect(r.body.response_type).toBe("ephemeral");
    expect(textOf(r.body)).toContain("Sofia Chen");
    expect(fake.callsOf("users.info").some((c) => c.args.user === SOFIA && String(c.args.include_locale) === "true")).toBe(true);
    const link = bot.store.sql.prepare(`SELECT linkedVia FROM "ChatIdentity" WHERE platform = 'slack' AND userId = ?`).get(SOFIA) as { linkedVia: string };
    expect(link.linkedVia).toBe("email");
  });

  it("tells an unlinked user politely that they are not linked, and changes nothing", async () => {
    const before = allAssignments();
    const { id } = await slash(NICO, "/unionhall", "admin role grant 100001 steward SL-083");
    const r = await responseFor(id);
    expect(r.body.response_type).toBe("ephemeral");
    expect(textOf(r.body)).toContain("isn't linked");
    expect(textOf(r.body)).toContain(NICO);
    expect(allAssignments()).toBe(before);
  });

  it("answers a bad argument with the usage line", async () => {
    const { id } = await slash(SOFIA, "/unionhall", "admin role grant 100001 wizard");
    const r = await responseFor(id);
    expect(r.body.response_type).toBe("ephemeral");
    expect(textOf(r.body)).toContain("/unionhall admin role grant");
  });

  it("opens a modal for a command typed alone; a bad field comes back inline, a good one runs it", async () => {
    const nico = (await personByNumber(bot.store, "100010"))!;
    const before = activeRoles(nico.id);
    const { triggerId, id } = await slash(SOFIA, "/unionhall", "admin role grant");
    const open = await fake.waitFor(() => fake.callsOf("views.open").find((c) => c.args.trigger_id === triggerId), "views.open");
    const view = open.args.view as Record<string, any>;
    expect(view.type).toBe("modal");
    expect(view.callback_id).toMatch(/^uh:f:/);
    expect(view.title.text.length).toBeLessThanOrEqual(24);
    expect(view.blocks.filter((b: any) => b.type === "input").map((b: any) => b.block_id)).toEqual(expect.arrayContaining(["uh:v:member", "uh:v:role"]));

    const bad = await post(submission(SOFIA, view, { member: "not a member", role: "steward", scope: "SL-730" }), "application/x-www-form-urlencoded");
    expect(bad.status).toBe(200);
    expect(bad.json().response_action).toBe("errors");
    expect(Object.keys(bad.json().errors)).toEqual(["uh:v:member"]);
    expect(activeRoles(nico.id)).toBe(before);

    const good = await post(submission(SOFIA, view, { member: "100010", role: "steward", scope: "SL-730" }), "application/x-www-form-urlencoded");
    expect(good.status).toBe(200);
    expect(good.text).toBe("");
    // The answer goes back to the channel the command was typed in, through its response_url.
    const r = await responseFor(id);
    expect(textOf(r.body)).toContain("✅");
    expect(activeRoles(nico.id)).toBe(before + 1);
  });

  it("updates an End-role card in place once; a second click changes nothing", async () => {
    const maria = (await personByNumber(bot.store, "100001"))!;
    const before = activeRoles(maria.id);
    const { id } = await slash(SOFIA, "/unionhall", "admin role list 100001");
    const card = await responseFor(id);
    const buttons = (card.body.blocks as any[]).filter((b) => b.type === "actions").flatMap((b) => b.elements);
    expect(buttons.length).toBeGreaterThan(0);
    const end = buttons[0];
    expect(end.action_id).toMatch(/^uh:b:/);
    expect(end.text.text.length).toBeLessThanOrEqual(75);

    const first = await click(SOFIA, end.action_id);
    expect(first.res.status).toBe(200);
    const updated = await responseFor(first.id);
    expect(updated.body.replace_original).toBe(true);
    expect(textOf(updated.body)).toContain("✅");
    expect(activeRoles(maria.id)).toBe(before - 1);

    const audits = auditCount(bot.store);
    const second = await click(SOFIA, end.action_id);
    const again = await responseFor(second.id);
    expect(again.body.replace_original).toBe(false);
    expect(again.body.response_type).toBe("ephemeral");
    expect(textOf(again.body)).toContain("already decided");
    expect(activeRoles(maria.id)).toBe(before - 1);
    expect(auditCount(bot.store)).toBe(audits);
  });

  it("checks permission again at click time", async () => {
    const { id } = await slash(SOFIA, "/unionhall", "admin role list 100002");
    const card = await responseFor(id);
    const end = (card.body.blocks as any[]).filter((b) => b.type === "actions").flatMap((b) => b.elements)[0];
    const sam = (await personByNumber(bot.store, "100002"))!;
    const before = activeRoles(sam.id);
    const { id: clickId } = await click(MARIA, end.action_id);
    const r = await responseFor(clickId);
    expect(textOf(r.body)).toContain("only for");
    expect(r.body.replace_original).toBe(false);
    expect(activeRoles(sam.id)).toBe(before);
  });

  it("does not repeat the effect of a retried delivery", async () => {
    const paul = (await personByNumber(bot.store, "100009"))!;
    const before = activeRoles(paul.id);
    const triggerId = `trig.${crypto.randomUUID()}`;
    const first = await slash(SOFIA, "/unionhall", "admin role grant 100009 steward SL-140", { triggerId });
    const a = await responseFor(first.id);
    const retry = await slash(SOFIA, "/unionhall", "admin role grant 100009 steward SL-140", { triggerId, retry: 1 });
    expect(retry.res.status).toBe(200);
    const b = await responseFor(retry.id);
    expect(textOf(a.body)).toContain("✅");
    // The retry hears the same answer (not "already has this role"), and nothing was granted twice.
    expect(textOf(b.body)).toBe(textOf(a.body));
    expect(activeRoles(paul.id)).toBe(before + 1);
  });

  it("rejects a wrong signature with 401 and changes nothing", async () => {
    const before = allAssignments();
    const audits = auditCount(bot.store);
    const c = commandBody(SOFIA, "/unionhall", "admin role grant 100003 steward SL-083");
    const ts = Math.floor(Date.now() / 1000);
    const res = await post(c.body, "application/x-www-form-urlencoded", { ts, signature: slackSignature("not-the-secret", ts, c.body) });
    expect(res.status).toBe(401);
    await sleep(200);
    expect(fake.responses.some((r) => r.id === c.id)).toBe(false);
    expect(allAssignments()).toBe(before);
    expect(auditCount(bot.store)).toBe(audits);
  });

  it("rejects a correctly signed request older than five minutes with 401", async () => {
    const before = allAssignments();
    const c = commandBody(SOFIA, "/unionhall", "admin role grant 100003 steward SL-083");
    const res = await post(c.body, "application/x-www-form-urlencoded", { ts: Math.floor(Date.now() / 1000) - 6 * 60 });
    expect(res.status).toBe(401);
    await sleep(200);
    expect(fake.responses.some((r) => r.id === c.id)).toBe(false);
    expect(allAssignments()).toBe(before);
  });

  it("rejects a request whose body was changed after signing", async () => {
    const c = commandBody(SOFIA, "/unionhall", "whoami");
    const ts = Math.floor(Date.now() / 1000);
    const res = await post(c.body.replace("whoami", "help"), "application/x-www-form-urlencoded", { ts, signature: slackSignature(SECRET, ts, c.body) });
    expect(res.status).toBe(401);
  });

  it("answers Slack's URL verification challenge", async () => {
    const res = await post(JSON.stringify({ type: "url_verification", challenge: "abc123", token: "x" }), "application/json");
    expect(res.status).toBe(200);
    expect(res.json().challenge).toBe("abc123");
  });

  it("publishes the App Home with what the core knows about the person", async () => {
    const event = (user: string, eventId: string) =>
      JSON.stringify({
        token: "legacy",
        team_id: fake.teamId,
        api_app_id: "A0UNION",
        type: "event_callback",
        event_id: eventId,
        event_time: Math.floor(Date.now() / 1000),
        event: { type: "app_home_opened", user, channel: `D${user}`, tab: "home", event_ts: `${Date.now() / 1000}` },
      });
    expect((await post(event(SOFIA, "Ev001"), "application/json")).status).toBe(200);
    const home = await fake.waitFor(() => fake.callsOf("views.publish").find((c) => c.args.user_id === SOFIA), "views.publish");
    const view = home.args.view as Record<string, any>;
    expect(view.type).toBe("home");
    expect(JSON.stringify(view.blocks)).toContain("Sofia Chen");
    expect(JSON.stringify(view.blocks)).toContain("staff");

    expect((await post(event(NICO, "Ev002"), "application/json")).status).toBe(200);
    const nicoHome = await fake.waitFor(() => fake.callsOf("views.publish").find((c) => c.args.user_id === NICO), "views.publish for Nico");
    expect(JSON.stringify((nicoHome.args.view as any).blocks)).toContain("isn't linked");
  });

  it("answers every command of the registry through Bolt", async () => {
    for (const cmd of bot.core.registry.commands) {
      const [area, ...rest] = cmd.path;
      const { id, triggerId } = await slash(SOFIA, `/${area}`, rest.join(" "));
      const answered = await fake.waitFor(
        () => fake.responses.find((r) => r.id === id) ?? fake.callsOf("views.open").find((c) => c.args.trigger_id === triggerId),
        `an answer to /${cmd.path.join(" ")}`,
      );
      expect(answered).toBeTruthy();
      if ("body" in answered) expect(textOf(answered.body)).not.toContain("went wrong");
    }
  });
});

describe("Slack poster (messages that are not answers)", () => {
  it("sends a direct message with a file through the current upload API", async () => {
    const poster = bot.posters.get("slack")!;
    expect(poster).toBeDefined();
    const message = renderStandalone(bot.core, {
      visibility: "private",
      blocks: [{ type: "text", text: "Your report is ready: <script> & more" }],
      files: [{ name: "report.csv", mime: "text/csv", data: "a,b\n1,2\n", title: "Report" }],
    });
    const { messageId } = await poster.post({ platform: "slack", userId: MARIA, channelId: null }, message);
    expect(messageId).toMatch(new RegExp(`^D${MARIA}:`));
    const sent = fake.callsOf("chat.postMessage").at(-1)!;
    expect(sent.args.channel).toBe(`D${MARIA}`);
    expect(JSON.stringify(sent.args.blocks)).toContain("&lt;script&gt; &amp; more");
    const getUrl = fake.callsOf("files.getUploadURLExternal").at(-1)!;
    expect(getUrl.args.filename).toBe("report.csv");
    const upload = fake.uploads.find((u) => u.fileId === (fake.callsOf("files.completeUploadExternal").at(-1)!.args.files as any[])[0].id)!;
    expect(upload.bytes.toString("utf8")).toBe("a,b\n1,2\n");
    expect(fake.callsOf("files.completeUploadExternal").at(-1)!.args.channel_id).toBe(`D${MARIA}`);
  });

  it("maps 429 to RateLimitedError with the retry-after, and channel_not_found to a permanent failure", async () => {
    const poster = bot.posters.get("slack")!;
    const message = renderStandalone(bot.core, { visibility: "channel", blocks: [{ type: "text", text: "Reminder" }] });
    fake.failNext("chat.postMessage", { status: 429, retryAfter: 7 });
    const limited = await poster.post({ platform: "slack", channelId: "C0STEWARDS" }, message).catch((e: unknown) => e);
    expect(limited).toBeInstanceOf(RateLimitedError);
    expect((limited as RateLimitedError).retryAfterMs).toBe(7000);
    fake.failNext("chat.postMessage", { error: "channel_not_found" });
    await expect(poster.post({ platform: "slack", channelId: "C0GONE" }, message)).rejects.toBeInstanceOf(PermanentDeliveryError);
  });
});
