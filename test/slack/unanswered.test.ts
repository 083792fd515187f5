// Every interaction Slack sends is acknowledged within its window, known or not: a button of an
// older version of the bot, a link button, a form closed with ×, a form the bot no longer knows.
// Where a person clicked something that no longer works they are told privately, in their language.
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Bot } from "../../bot/app.ts";
import { seedDemo } from "../../db/demo.ts";
import { data } from "../../db/data.ts";
import { linkIdentity } from "../../db/identities.ts";
import { personByNumber } from "../../db/people.ts";
import { FakeSlack } from "../fakes/slack.ts";
import { SlackDriver, startSlackBot } from "./harness.ts";

const SAM = "U0SAM";
let fake: FakeSlack;
let bot: Bot;
let d: SlackDriver;

beforeAll(async () => {
  fake = await new FakeSlack().start();
  fake.addUser({ id: SAM, name: "sam", locale: "es-ES" });
  bot = await startSlackBot(fake);
  d = new SlackDriver(bot, fake);
  await seedDemo(bot.store);
  const p = (await personByNumber(data(bot.store), "100002"))!;
  await linkIdentity(data(bot.store), { platform: "slack", workspaceId: fake.teamId, userId: SAM, personId: p.id, linkedVia: "admin" });
}, 60_000);
afterAll(async () => {
  await bot?.stop();
  await fake?.stop();
});

const interaction = (payload: Record<string, unknown>) =>
  d.post(new URLSearchParams({ payload: JSON.stringify({ team: { id: fake.teamId, domain: "union" }, user: { id: SAM, username: "sam", team_id: fake.teamId }, api_app_id: "A0UNION", token: "legacy", ...payload }) }).toString(), "application/x-www-form-urlencoded");

/** Answered well inside Slack's 3 s, with a 200 (Bolt's answer for an unacknowledged request is a 404 after 3 s). */
async function answeredInTime(send: () => Promise<{ status: number; text: string }>) {
  const started = performance.now();
  const res = await send();
  expect(res.status).toBe(200);
  expect(performance.now() - started).toBeLessThan(2500);
  return res;
}

describe("interactions the bot's own listeners do not match, on Slack", () => {
  it("a button from an older version of the bot is acknowledged and the person told privately, in Spanish", async () => {
    let id = "";
    await answeredInTime(async () => {
      const c = await d.click(SAM, "approve_request_17");
      id = c.id;
      return c.res;
    });
    const told = await d.response(id);
    expect(told.body.response_type).toBe("ephemeral");
    expect(told.body.replace_original).toBe(false);
    expect(String(told.body.text)).toContain("Ese botón ya no funciona");
  });

  it("a link button's click is acknowledged and nothing is said", async () => {
    const before = fake.responses.length;
    const responseUrl = fake.responseUrl();
    await answeredInTime(() =>
      interaction({
        type: "block_actions",
        trigger_id: fake.rules.triggerId(),
        channel: { id: "C0GENERAL", name: "general" },
        response_url: responseUrl,
        actions: [{ type: "button", action_id: "docs-link", block_id: "b1", url: "https://example.org/contract", text: { type: "plain_text", text: "Contract" }, action_ts: `${Date.now() / 1000}` }],
      }),
    );
    await new Promise((r) => setTimeout(r, 300));
    expect(fake.responses.length).toBe(before);
  });

  it("closing a form with × (view_closed) is acknowledged", async () => {
    await answeredInTime(() => interaction({ type: "view_closed", view: { id: `V${crypto.randomUUID().slice(0, 8)}`, callback_id: "uh:f:gone", type: "modal" }, is_cleared: false }));
  });

  it("a form the bot no longer knows says so in the same modal instead of a connection error", async () => {
    const res = await answeredInTime(() =>
      interaction({
        type: "view_submission",
        trigger_id: fake.rules.triggerId(),
        view: { id: `V${crypto.randomUUID().slice(0, 8)}`, hash: "h1", type: "modal", callback_id: "file_grievance_v1", title: { type: "plain_text", text: "File a grievance" }, blocks: [], state: { values: {} } },
      }),
    );
    const answer = JSON.parse(res.text) as { response_action: string; view: Record<string, any> };
    expect(answer.response_action).toBe("update");
    expect(JSON.stringify(answer.view.blocks)).toContain("Este formulario venció");
    expect(answer.view.title.text).toBe("File a grievance");
  });

  it("a button of ours whose action is gone is answered by the core the same way", async () => {
    const { id } = await d.click(SAM, "uh:b:no-such-token");
    expect(JSON.stringify((await d.response(id)).body)).toContain("Este botón venció");
  });
});
