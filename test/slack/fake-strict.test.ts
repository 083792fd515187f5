// The fake Slack refuses what Slack refuses (limits and expiries: test/fakes/slack-rules.ts), and
// the real bot lives with it: a response_url good for 5 uses in 30 minutes, a trigger_id good for
// one view within 3 seconds, Block Kit limits, posts and conversations.open failing on demand, and
// buttons clicked on the App Home tab (payload shape: java-slack-sdk json-logs/samples).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Bot } from "../../bot/app.ts";
import { PermanentDeliveryError } from "../../bot/outbox.ts";
import { renderStandalone } from "../../commands/core/dispatch.ts";
import { seedDemo } from "../../db/demo.ts";
import { data } from "../../db/data.ts";
import { linkIdentity } from "../../db/identities.ts";
import { personByNumber } from "../../db/people.ts";
import { FakeSlack } from "../fakes/slack.ts";
import { blockProblems, messageProblems, SLACK_LIMITS, viewProblems } from "../fakes/slack-rules.ts";
import { TEST_KEY } from "../contacts/setup.ts";
import { buttonsOf, SlackDriver, startSlackBot, textOf } from "./harness.ts";

const TOM = "U0TOM";
const PAT = "U0PAT";
let fake: FakeSlack;
let bot: Bot;
let d: SlackDriver;

beforeAll(async () => {
  process.env.MEMBER_DATA_KEY = TEST_KEY;
  fake = await new FakeSlack().start();
  fake.addUser({ id: "U0SOFIA", name: "sofia", email: "sofia.chen@example.gov" });
  bot = await startSlackBot(fake);
  d = new SlackDriver(bot, fake);
  await seedDemo(bot.store, { members: 40 });
  for (const [userId, number] of [[TOM, "100005"], [PAT, "100004"]] as const) {
    fake.addUser({ id: userId, name: userId.slice(2).toLowerCase() });
    const p = (await personByNumber(data(bot.store), number))!;
    await linkIdentity(data(bot.store), { platform: "slack", workspaceId: fake.teamId, userId, personId: p.id, linkedVia: "admin" });
  }
});
afterAll(async () => {
  await bot?.stop();
  await fake?.stop();
});

const post = (url: string, body: unknown) => fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) }).then(async (r) => ({ status: r.status, body: (await r.json()) as { ok: boolean; error?: string } }));

describe("the fake Slack refuses what Slack refuses", () => {
  it("a response_url works five times, then answers used_url; after 30 minutes, expired_url", async () => {
    const url = fake.responseUrl();
    for (let i = 0; i < SLACK_LIMITS.responseUrlUses; i++) expect((await post(url, { text: `use ${i}` })).status).toBe(200);
    expect(await post(url, { text: "sixth" })).toEqual({ status: 404, body: { ok: false, error: "used_url" } });
    const old = fake.responseUrl();
    fake.rules.advance(SLACK_LIMITS.responseUrlLifeMs + 1);
    expect(await post(old, { text: "late" })).toEqual({ status: 404, body: { ok: false, error: "expired_url" } });
    expect(await post(`${fake.base}/respond/999999`, { text: "never issued" })).toMatchObject({ status: 404 });
    fake.rules.acknowledge();
  });

  it("a trigger_id older than 3 seconds can't open a modal, and the person is told politely", async () => {
    const triggerId = fake.rules.triggerId();
    fake.rules.advance(SLACK_LIMITS.triggerLifeMs);
    const { id } = await d.slash("U0SOFIA", "/unionhall", "admin role grant", { triggerId });
    const r = await d.response(id);
    expect(r.body.response_type).toBe("ephemeral");
    expect(String(r.body.text)).toMatch(/Something went wrong on my side and nothing was changed/);
    expect(fake.rules.refused.at(-1)).toMatchObject({ method: "views.open", error: "expired_trigger_id" });
    fake.rules.acknowledge();
  });

  it("a trigger_id opens one view only", async () => {
    const { triggerId } = await d.slash("U0SOFIA", "/unionhall", "admin role grant");
    await d.views(triggerId);
    const again = await post(`${fake.apiUrl}views.open`, { trigger_id: triggerId, view: { type: "modal", title: { type: "plain_text", text: "Again" }, blocks: [] } });
    expect(again.body).toEqual({ ok: false, error: "exchanged_trigger_id" });
    fake.rules.acknowledge();
  });

  it("Block Kit limits: blocks per message and modal, section text, button text, options, titles, private_metadata", () => {
    const section = (text: string) => ({ type: "section", text: { type: "mrkdwn", text } });
    expect(blockProblems(Array.from({ length: 51 }, () => section("x")), SLACK_LIMITS.messageBlocks)).toEqual(["blocks: at most 50 (has 51)"]);
    expect(viewProblems({ type: "home", blocks: Array.from({ length: 101 }, () => section("x")) })).toEqual(["blocks: at most 100 (has 101)"]);
    expect(blockProblems([section("s".repeat(3001))], 50)).toEqual(["blocks[0].text: at most 3000 characters (has 3001)"]);
    const button = { type: "button", action_id: "a", text: { type: "plain_text", text: "b".repeat(76) } };
    expect(blockProblems([{ type: "actions", elements: [button] }], 50)).toEqual(["blocks[0].elements[0].text: at most 75 characters (has 76)"]);
    const options = Array.from({ length: 101 }, (_, i) => ({ text: { type: "plain_text", text: `o${i}` }, value: `v${i}` }));
    expect(blockProblems([{ type: "input", label: { type: "plain_text", text: "L" }, element: { type: "static_select", action_id: "s", options } }], 100)).toEqual([
      "blocks[0].element.options: at most 100 (has 101)",
    ]);
    const modal = { type: "modal", title: { type: "plain_text", text: "t".repeat(25) }, private_metadata: "m".repeat(3001), blocks: [] };
    expect(viewProblems(modal)).toEqual(["private_metadata: at most 3000 characters (has 3001)", "title: at most 24 characters (has 25)"]);
    expect(messageProblems({})).toEqual(["message: needs text or blocks (no_text)"]);
  });

  it("a post that fails (channel_not_found) and a DM that can't be opened are permanent failures for the poster", async () => {
    const poster = bot.posters.get("slack")!;
    const message = await renderStandalone(bot.core, { visibility: "private", blocks: [{ type: "text", text: "Your request was approved" }] });
    fake.failNext("conversations.open", { error: "user_not_found" });
    await expect(poster.post({ platform: "slack", userId: "U0GONE", channelId: null }, message)).rejects.toBeInstanceOf(PermanentDeliveryError);
    expect(fake.callsOf("chat.postMessage").filter((c) => c.args.channel === "DU0GONE")).toEqual([]);
  });
});

describe("App Home clicks", () => {
  it("the president approves a waiting request from the Home tab; the Home tab is published again without it", async () => {
    const agreement = await d.slash(TOM, "/contacts", "agreement");
    // The click is acked before it is signed: wait for its answer, or the request may find no agreement yet.
    const signed = await d.click(TOM, buttonsOf((await d.response(agreement.id)).body)[0]!.action_id);
    await d.response(signed.id);
    const req = await d.slash(TOM, "/contacts", "request");
    const sent = await d.submitPages(TOM, await d.views(req.triggerId), { scope: "sublocal:SL-083", purpose: "email", justification: "Inviting members to the contract ratification meeting next week", attest: "confirm" });
    expect(sent).toMatchObject({ status: 200, text: "" });
    const { id: requestId } = (await data(bot.store).one<{ id: number }>(`SELECT "id" FROM "ContactRequest"`))!;

    const published = fake.callsOf("views.publish").length;
    await d.event({ type: "app_home_opened", user: PAT, channel: `D${PAT}`, tab: "home", event_ts: `${Date.now() / 1000}` });
    const home = await fake.waitFor(() => fake.callsOf("views.publish").slice(published).find((c) => c.args.user_id === PAT), "Pat's Home");
    const view = home.args.view as Record<string, any>;
    const approve = buttonsOf(view).find((b) => /approve/i.test(b.text.text));
    expect(approve, JSON.stringify(view.blocks)).toBeDefined();

    const clicked = await d.clickHome(PAT, approve!.action_id, { ...view, id: "VHOMEPAT" });
    expect(clicked).toMatchObject({ status: 200, text: "" });
    for (const until = Date.now() + 20_000; ; await new Promise((r) => setTimeout(r, 10))) {
      if ((await data(bot.store).one<{ status: string }>(`SELECT "status" FROM "ContactRequest" WHERE "id" = ?`, requestId))!.status === "approved") break;
      if (Date.now() > until) throw new Error("timed out waiting for the approval");
    }
    const again = await fake.waitFor(() => fake.callsOf("views.publish").slice(published + 1).find((c) => c.args.user_id === PAT), "Pat's Home again");
    expect(textOf(again.args.view as Record<string, any>)).not.toMatch(new RegExp(`request #${requestId}\\b.*Approve`, "s"));
    expect(buttonsOf(again.args.view as Record<string, any>).some((b) => b.action_id === approve!.action_id)).toBe(false);
  });
});

it("the fake refused nothing it wasn't asked to", () => {
  expect(fake.rules.unexpected()).toEqual([]);
});
