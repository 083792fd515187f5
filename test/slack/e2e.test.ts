// End to end: the real bot (real Bolt app, real core, a real SQLite or, under TEST_ENGINE=postgres,
// PostgreSQL) against a local fake Slack, driven by correctly signed requests to POST /slack/events
// on the bot's own port.
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Bot } from "../../bot/app.ts";
import { PermanentDeliveryError, RateLimitedError } from "../../bot/outbox.ts";
import { renderStandalone } from "../../commands/core/dispatch.ts";
import { seedDemo } from "../../db/demo.ts";
import { data } from "../../db/data.ts";
import { linkIdentity } from "../../db/identities.ts";
import { personByNumber } from "../../db/people.ts";
import { FakeSlack, slackSignature } from "../fakes/slack.ts";
import { auditCount } from "../helpers/store.ts";
import { buttonsOf, SECRET, SlackDriver, startSlackBot, textOf } from "./harness.ts";

let fake: FakeSlack;
let bot: Bot;
let d: SlackDriver;

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
  bot = await startSlackBot(fake);
  d = new SlackDriver(bot, fake);
  await seedDemo(bot.store);
  const maria = (await personByNumber(data(bot.store), "100001"))!;
  await linkIdentity(data(bot.store), { platform: "slack", workspaceId: fake.teamId, userId: MARIA, personId: maria.id, linkedVia: "admin" });
});

afterAll(async () => {
  await bot?.stop();
  await fake?.stop();
});

const activeRoles = async (personId: number) =>
  Number((await data(bot.store).one<{ n: number }>(`SELECT count(*) AS "n" FROM "RoleAssignment" WHERE "personId" = ? AND "endsAt" IS NULL`, personId))!.n);
const allAssignments = async () => Number((await data(bot.store).one<{ n: number }>(`SELECT count(*) AS "n" FROM "RoleAssignment"`))!.n);
/**
 * Waits until the bot has answered a later, valid command: whatever an earlier rejected request
 * could have set off has had its turn by then (instead of sleeping a fixed time and hoping).
 */
async function settled(): Promise<void> {
  const { id } = await d.slash(MARIA, "/unionhall", "whoami");
  await d.response(id);
}

// ---- tests ----------------------------------------------------------------------------------

describe("Slack over HTTP against a fake Slack", () => {
  it("answers a slash command ephemerally, linking the user by verified e-mail and asking for the locale", async () => {
    const { id, res } = await d.slash(SOFIA, "/unionhall", "whoami");
    expect(res).toMatchObject({ status: 200, text: "" }); // acked with nothing to show: the answer follows
    const r = await d.response(id);
    expect(r.body.response_type).toBe("ephemeral");
    expect(textOf(r.body)).toContain("Sofia Chen");
    expect(fake.callsOf("users.info").some((c) => c.args.user === SOFIA && String(c.args.include_locale) === "true")).toBe(true);
    const link = (await data(bot.store).one<{ linkedVia: string }>(`SELECT "linkedVia" FROM "ChatIdentity" WHERE "platform" = 'slack' AND "userId" = ?`, SOFIA))!;
    expect(link.linkedVia).toBe("email");
  });

  it("tells an unlinked user politely that they are not linked, and changes nothing", async () => {
    const before = await allAssignments();
    const { id } = await d.slash(NICO, "/unionhall", "admin role grant 100001 steward SL-083");
    const r = await d.response(id);
    expect(r.body.response_type).toBe("ephemeral");
    expect(textOf(r.body)).toContain("isn't linked");
    expect(textOf(r.body)).toContain(NICO);
    expect(await allAssignments()).toBe(before);
  });

  it("answers a bad argument with the usage line", async () => {
    const { id } = await d.slash(SOFIA, "/unionhall", "admin role grant 100001 wizard");
    const r = await d.response(id);
    expect(r.body.response_type).toBe("ephemeral");
    expect(textOf(r.body)).toContain("/unionhall admin role grant");
  });

  it("opens a modal for a command typed alone; a bad field comes back inline, a good one runs it", async () => {
    const nico = (await personByNumber(data(bot.store), "100010"))!;
    const before = await activeRoles(nico.id);
    const { triggerId, id } = await d.slash(SOFIA, "/unionhall", "admin role grant");
    const view = await d.views(triggerId);
    expect(view.type).toBe("modal");
    expect(view.callback_id).toMatch(/^uh:f:/);
    expect(view.title.text.length).toBeLessThanOrEqual(24);
    expect(view.blocks.filter((b: any) => b.type === "input").map((b: any) => b.block_id)).toEqual(expect.arrayContaining(["uh:v:member", "uh:v:role"]));

    const bad = await d.submit(SOFIA, view, { member: "not a member", role: "steward", scope: "SL-730" });
    expect(bad.status).toBe(200);
    expect(bad.json().response_action).toBe("errors");
    expect(Object.keys(bad.json().errors)).toEqual(["uh:v:member"]);
    expect(await activeRoles(nico.id)).toBe(before);

    const good = await d.submitLastView(SOFIA, { member: "100010", role: "steward", scope: "SL-730" });
    expect(good).toMatchObject({ status: 200, text: "" }); // acked with nothing to show: the answer follows
    expect(good.text).toBe("");
    // The answer goes back to the channel the command was typed in, through its response_url.
    const r = await d.response(id);
    expect(textOf(r.body)).toContain("✅");
    expect(await activeRoles(nico.id)).toBe(before + 1);
  });

  it("updates an End-role card in place once; a second click changes nothing", async () => {
    const maria = (await personByNumber(data(bot.store), "100001"))!;
    const before = await activeRoles(maria.id);
    const { id } = await d.slash(SOFIA, "/unionhall", "admin role list 100001");
    const card = await d.response(id);
    const buttons = buttonsOf(card.body);
    expect(buttons.length).toBeGreaterThan(0);
    const end = buttons[0]!;
    expect(end.action_id).toMatch(/^uh:b:/);
    expect(end.text.text.length).toBeLessThanOrEqual(75);

    const first = await d.click(SOFIA, end.action_id);
    expect(first.res).toMatchObject({ status: 200, text: "" }); // acked with nothing to show: the answer follows
    const updated = await d.response(first.id);
    expect(updated.body.replace_original).toBe(true);
    expect(textOf(updated.body)).toContain("✅");
    expect(await activeRoles(maria.id)).toBe(before - 1);

    const audits = await auditCount(bot.store);
    const second = await d.click(SOFIA, end.action_id);
    const again = await d.response(second.id);
    expect(again.body.replace_original).toBe(false);
    expect(again.body.response_type).toBe("ephemeral");
    expect(textOf(again.body)).toContain("already decided");
    expect(await activeRoles(maria.id)).toBe(before - 1);
    expect(await auditCount(bot.store)).toBe(audits);
  });

  it("understands a Slack mention as the member it is linked to", async () => {
    const { id } = await d.slash(SOFIA, "/unionhall", `admin role list <@${MARIA}|maria>`);
    const r = await d.response(id);
    expect(textOf(r.body)).toContain("Maria Alvarez");
  });

  it("checks permission again at click time", async () => {
    const { id } = await d.slash(SOFIA, "/unionhall", "admin role list 100002");
    const card = await d.response(id);
    const end = buttonsOf(card.body)[0]!;
    const sam = (await personByNumber(data(bot.store), "100002"))!;
    const before = await activeRoles(sam.id);
    const { id: clickId } = await d.click(MARIA, end.action_id);
    const r = await d.response(clickId);
    expect(textOf(r.body)).toContain("only for");
    expect(r.body.replace_original).toBe(false);
    expect(await activeRoles(sam.id)).toBe(before);
  });

  it("does not repeat the effect of a retried delivery", async () => {
    const paul = (await personByNumber(data(bot.store), "100009"))!;
    const before = await activeRoles(paul.id);
    const triggerId = `trig.${crypto.randomUUID()}`;
    const first = await d.slash(SOFIA, "/unionhall", "admin role grant 100009 steward SL-140", { triggerId });
    const a = await d.response(first.id);
    const retry = await d.slash(SOFIA, "/unionhall", "admin role grant 100009 steward SL-140", { triggerId, retry: 1 });
    expect(retry.res).toMatchObject({ status: 200, text: "" }); // acked with nothing to show: the answer follows
    const b = await d.response(retry.id);
    expect(textOf(a.body)).toContain("✅");
    // The retry hears the same answer (not "already has this role"), and nothing was granted twice.
    expect(textOf(b.body)).toBe(textOf(a.body));
    expect(await activeRoles(paul.id)).toBe(before + 1);
  });

  it("rejects a wrong signature with 401 and changes nothing", async () => {
    const before = await allAssignments();
    const audits = await auditCount(bot.store);
    const c = d.commandBody(SOFIA, "/unionhall", "admin role grant 100003 steward SL-083");
    const ts = Math.floor(Date.now() / 1000);
    const res = await d.post(c.body, "application/x-www-form-urlencoded", { ts, signature: slackSignature("not-the-secret", ts, c.body) });
    expect(res).toMatchObject({ status: 401, text: "Unauthorized\n" });
    await settled();
    expect(fake.responses.some((r) => r.id === c.id)).toBe(false);
    expect(await allAssignments()).toBe(before);
    expect(await auditCount(bot.store)).toBe(audits);
  });

  it("rejects a correctly signed request older than five minutes with 401", async () => {
    const before = await allAssignments();
    const c = d.commandBody(SOFIA, "/unionhall", "admin role grant 100003 steward SL-083");
    const res = await d.post(c.body, "application/x-www-form-urlencoded", { ts: Math.floor(Date.now() / 1000) - 6 * 60 });
    expect(res).toMatchObject({ status: 401, text: "Unauthorized\n" });
    await settled();
    expect(fake.responses.some((r) => r.id === c.id)).toBe(false);
    expect(await allAssignments()).toBe(before);
  });

  it("rejects a request whose body was changed after signing", async () => {
    const c = d.commandBody(SOFIA, "/unionhall", "whoami");
    const ts = Math.floor(Date.now() / 1000);
    const res = await d.post(c.body.replace("whoami", "help"), "application/x-www-form-urlencoded", { ts, signature: slackSignature(SECRET, ts, c.body) });
    expect(res.status).toBe(401);
  });

  it("answers Slack's unsigned SSL check and does nothing else with it", async () => {
    const c = d.commandBody(SOFIA, "/unionhall", "admin role grant 100003 steward SL-083");
    const before = await allAssignments();
    const res = await fetch(d.url, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: `ssl_check=1&${c.body}` });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe("");
    await settled();
    expect(fake.responses.some((r) => r.id === c.id)).toBe(false);
    expect(await allAssignments()).toBe(before);
  });

  it("tells the person politely when Slack refuses to open the modal", async () => {
    fake.failNext("views.open", { error: "expired_trigger_id" });
    const { id } = await d.slash(SOFIA, "/unionhall", "admin role grant");
    const r = await d.response(id);
    expect(r.body.response_type).toBe("ephemeral");
    expect(String(r.body.text)).toMatch(/Something went wrong on my side and nothing was changed.*[0-9A-F]{6}/);
  });

  it("answers Slack's URL verification challenge", async () => {
    const res = await d.post(JSON.stringify({ type: "url_verification", challenge: "abc123", token: "x" }), "application/json");
    expect(res.status).toBe(200);
    expect(res.json().challenge).toBe("abc123");
  });

  it("publishes the App Home with what the core knows about the person", async () => {
    const homeOpened = (user: string) => ({ type: "app_home_opened", user, channel: `D${user}`, tab: "home", event_ts: `${Date.now() / 1000}` });
    expect(await d.event(homeOpened(SOFIA))).toMatchObject({ status: 200, text: "" });
    const home = await fake.waitFor(() => fake.callsOf("views.publish").find((c) => c.args.user_id === SOFIA), "views.publish");
    const view = home.args.view as Record<string, any>;
    expect(view.type).toBe("home");
    expect(JSON.stringify(view.blocks)).toContain("Sofia Chen");
    expect(JSON.stringify(view.blocks)).toContain("staff");

    expect(await d.event(homeOpened(NICO))).toMatchObject({ status: 200, text: "" });
    const nicoHome = await fake.waitFor(() => fake.callsOf("views.publish").find((c) => c.args.user_id === NICO), "views.publish for Nico");
    expect(JSON.stringify((nicoHome.args.view as any).blocks)).toContain("isn't linked");
  });

  it("answers every command of the registry through Bolt", async () => {
    for (const cmd of bot.core.registry.commands) {
      const [area, ...rest] = cmd.path;
      const { id, triggerId } = await d.slash(SOFIA, `/${area}`, rest.join(" "));
      const answered = await fake.waitFor(
        () => fake.responses.find((r) => r.id === id) ?? fake.callsOf("views.open").find((c) => c.args.trigger_id === triggerId),
        `an answer to /${cmd.path.join(" ")}`,
      );
      if ("body" in answered) {
        expect(textOf(answered.body), `/${cmd.path.join(" ")}`).not.toMatch(/went wrong|isn't linked|^\s*$/);
        expect(answered.body.response_type ?? "ephemeral", `/${cmd.path.join(" ")}`).toBe("ephemeral");
      } else expect((answered.args.view as Record<string, any>).type, `/${cmd.path.join(" ")}`).toBe("modal");
    }
  });
});

describe("Slack poster (messages that are not answers)", () => {
  it("sends a direct message with a file through the current upload API", async () => {
    const poster = bot.posters.get("slack")!;
    expect(poster.platform).toBe("slack");
    const message = await renderStandalone(bot.core, {
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
    const message = await renderStandalone(bot.core, { visibility: "channel", blocks: [{ type: "text", text: "Reminder" }] });
    fake.failNext("chat.postMessage", { status: 429, retryAfter: 7 });
    const limited = await poster.post({ platform: "slack", channelId: "C0STEWARDS" }, message).catch((e: unknown) => e);
    expect(limited).toBeInstanceOf(RateLimitedError);
    expect((limited as RateLimitedError).retryAfterMs).toBe(7000);
    fake.failNext("chat.postMessage", { error: "channel_not_found" });
    await expect(poster.post({ platform: "slack", channelId: "C0GONE" }, message)).rejects.toBeInstanceOf(PermanentDeliveryError);
  });
});
