// Slack keeps a modal's view.id while it moves to its next page (response_action "update") and
// while a person corrects it after "errors"; only the hash changes. views.open and push make a new
// view. The fake does the same, and a form is guarded against repeats per submission, not per view.
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Bot } from "../../bot/app.ts";
import { localDate } from "../../commands/grievance/deadlines.ts";
import { seedDemo } from "../../db/demo.ts";
import { data } from "../../db/data.ts";
import { linkIdentity } from "../../db/identities.ts";
import { personByNumber } from "../../db/people.ts";
import { FakeSlack } from "../fakes/slack.ts";
import { intake } from "../grievance/helpers.ts";
import { SlackDriver, startSlackBot } from "../slack/harness.ts";

const SAM = "U0SAM"; // steward SL-083
const SOFIA = "U0SOFIA"; // staff

let fake: FakeSlack;
let bot: Bot;
let d: SlackDriver;

beforeAll(async () => {
  fake = await new FakeSlack().start();
  fake.addUser({ id: SAM, name: "sam" });
  fake.addUser({ id: SOFIA, name: "sofia" });
  bot = await startSlackBot(fake);
  d = new SlackDriver(bot, fake);
  await seedDemo(bot.store);
  for (const [userId, number] of [[SAM, "100002"], [SOFIA, "100007"]] as const) {
    const p = (await personByNumber(data(bot.store), number))!;
    await linkIdentity(data(bot.store), { platform: "slack", workspaceId: fake.teamId, userId, personId: p.id, linkedVia: "admin" });
  }
});

afterAll(async () => {
  await bot?.stop();
  await fake?.stop();
});

const count = (sql: string, ...p: unknown[]) => (bot.store.sql.prepare(sql).get(...p) as { n: number }).n;

describe("the fake keeps view ids as Slack does", () => {
  it("same id and a new hash on update and after errors; a new id on open and push", async () => {
    const file = await d.slash(SAM, "/grievance", "file");
    const view = await d.views(file.triggerId);
    const opened = fake.liveView(String(view.callback_id))!;
    const { id, hash: h0 } = opened;
    expect(id).toMatch(/^V/);
    const today = localDate(new Date(), "America/Los_Angeles");
    const values = intake({ incident: today, learned: today, discipline: today });

    const bad = await d.submit(SAM, view, { ...values, category: "nonsense" });
    expect(bad.json().response_action).toBe("errors");
    const hErrors = fake.openViews.get(id)!.hash;
    expect(hErrors).not.toBe(h0);

    const next = await d.submit(SAM, view, values);
    expect(next.json().response_action).toBe("update");
    const page2 = fake.openViews.get(id)!;
    expect(page2.view.callback_id).toBe(next.json().view.callback_id);
    expect([page2.id, page2.hash === hErrors]).toEqual([id, false]);

    const res = await fetch(`${fake.apiUrl}views.push`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ trigger_id: fake.rules.triggerId(), view: { type: "modal", callback_id: "x", title: { type: "plain_text", text: "Next page" }, close: { type: "plain_text", text: "Cancel" }, blocks: [{ type: "section", text: { type: "mrkdwn", text: "pushed" } }] } }) });
    const body = (await res.json()) as { view: { id: string } };
    expect(body.view.id).not.toBe(id);
    fake.openViews.delete(body.view.id);
  });
});

describe("form submissions on Slack", () => {
  it("a two-page grievance filing completes although both pages share one view id", async () => {
    const before = count(`SELECT count(*) AS n FROM "Grievance"`);
    const file = await d.slash(SAM, "/grievance", "file");
    const view = await d.views(file.triggerId);
    const id = fake.liveView(String(view.callback_id))!.id;
    const today = localDate(new Date(), "America/Los_Angeles");
    const values = intake({ incident: today, learned: today, discipline: today });
    const next = await d.submit(SAM, view, values);
    expect(next.json().response_action).toBe("update");
    const page2 = next.json().view as Record<string, any>;
    expect(fake.liveView(String(page2.callback_id))!.id).toBe(id);
    const done = await d.submit(SAM, page2, values);
    expect(done.status).toBe(200);
    expect(done.text).toBe("");
    expect(count(`SELECT count(*) AS n FROM "Grievance"`)).toBe(before + 1);
  });

  it("a form corrected after errors on the same view is processed", async () => {
    const nico = (await personByNumber(data(bot.store), "100010"))!;
    const roles = () => count(`SELECT count(*) AS n FROM "RoleAssignment" WHERE personId = ? AND role = 'steward'`, nico.id);
    const before = roles();
    const { triggerId } = await d.slash(SOFIA, "/unionhall", "admin role grant");
    const view = await d.views(triggerId);
    const bad = await d.submit(SOFIA, view, { member: "100010", role: "steward", scope: "no such scope!" });
    expect(bad.json().response_action).toBe("errors");
    expect(roles()).toBe(before);
    const good = await d.submit(SOFIA, view, { member: "100010", role: "steward", scope: "SL-730" });
    expect([good.status, good.text]).toEqual([200, ""]);
    expect(roles()).toBe(before + 1);
  });

  it("the very same submission delivered twice is done once", async () => {
    const maria = (await personByNumber(data(bot.store), "100001"))!;
    const roles = () => count(`SELECT count(*) AS n FROM "RoleAssignment" WHERE personId = ? AND role = 'chief_steward'`, maria.id);
    const before = roles();
    const { triggerId } = await d.slash(SOFIA, "/unionhall", "admin role grant");
    const view = await d.views(triggerId);
    const live = fake.liveView(String(view.callback_id))!;
    const state: Record<string, unknown> = {};
    for (const b of view.blocks as Record<string, any>[]) {
      if (b.type !== "input") continue;
      const name = String(b.block_id).slice("uh:v:".length);
      const v = ({ member: "100001", role: "chief_steward", scope: "SL-083" } as Record<string, string>)[name];
      const el = b.element as Record<string, any>;
      state[b.block_id] = { [el.action_id]: el.type === "static_select" ? { type: el.type, selected_option: v ? { value: v } : null } : { type: el.type, value: v ?? null } };
    }
    const payload = {
      type: "view_submission",
      team: { id: fake.teamId, domain: "union" },
      user: { id: SOFIA, username: "sofia", team_id: fake.teamId },
      api_app_id: "A0UNION",
      token: "legacy",
      trigger_id: `trig.${crypto.randomUUID()}`,
      view: { ...view, id: live.id, hash: live.hash, team_id: fake.teamId, state: { values: state } },
      response_urls: [],
    };
    const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
    const first = await d.post(body, "application/x-www-form-urlencoded");
    const again = await d.post(body, "application/x-www-form-urlencoded");
    expect([first.status, again.status]).toEqual([200, 200]);
    expect(roles()).toBe(before + 1);
  });
});
