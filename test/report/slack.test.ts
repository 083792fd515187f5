// A sub-local president's membership report through the real Bolt app and the strict Slack fake:
// the message fits Slack's limits and the chart, CSV and PDF are uploaded.
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Bot } from "../../bot/app.ts";
import { seedDemo } from "../../db/demo.ts";
import { data } from "../../db/data.ts";
import { linkIdentity } from "../../db/identities.ts";
import { personByNumber } from "../../db/people.ts";
import { renderChart } from "../../commands/core/chart/index.ts";
import { renderPdf } from "../../commands/core/pdf.ts";
import { FakeSlack } from "../fakes/slack.ts";
import { SlackDriver, startSlackBot, textOf } from "../slack/harness.ts";

const PAT = "U0PAT"; // sub-local president SL-083

let fake: FakeSlack;
let bot: Bot;
let d: SlackDriver;

beforeAll(async () => {
  fake = await new FakeSlack().start();
  fake.addUser({ id: PAT, name: "pat" });
  bot = await startSlackBot(fake);
  d = new SlackDriver(bot, fake);
  await seedDemo(bot.store);
  const p = (await personByNumber(data(bot.store), "100004"))!;
  await linkIdentity(data(bot.store), { platform: "slack", workspaceId: fake.teamId, userId: PAT, personId: p.id, linkedVia: "admin" });
  // Start the drawing threads first: this test is about Slack's limits, not a cold worker pool.
  await Promise.all([renderChart({ kind: "bar", data: [{ label: "warm-up", value: 1 }] }), renderPdf({ title: "warm-up", blocks: [] })]);
});

afterAll(async () => {
  await bot?.stop();
  await fake?.stop();
});

it("posts the membership report with its chart, CSV and PDF", async () => {
  const sent = await d.slash(PAT, "/report", "run membership");
  const text = await d.answerText(PAT, sent.id);
  expect(text).toContain("Membership and density — sub-local SL-083");
  expect(text).toContain("Members by Worksite");
  const uploaded = await fake.waitFor(() => (fake.uploads.length >= 3 ? fake.uploads : undefined), "report files");
  expect(uploaded.some((u) => u.bytes.subarray(1, 4).toString() === "PNG")).toBe(true);
  expect(uploaded.some((u) => u.bytes.toString().startsWith("place,members,fee_payers,non_members,retired,density_pct,member_change"))).toBe(true);
  expect(uploaded.some((u) => u.bytes.subarray(0, 5).toString() === "%PDF-")).toBe(true);
});
