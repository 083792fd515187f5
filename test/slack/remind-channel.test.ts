// On Slack a channel Slack knows arrives escaped (<#C123|name>): a bare "#name" is one Slack could
// not find, so a reminder to it is refused when it is set, and one to a real channel is scheduled.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Bot } from "../../bot/app.ts";
import { seedDemo } from "../../db/demo.ts";
import { data } from "../../db/data.ts";
import { linkIdentity } from "../../db/identities.ts";
import { listJobs } from "../../db/jobs.ts";
import { personByNumber } from "../../db/people.ts";
import { FakeSlack } from "../fakes/slack.ts";
import { SlackDriver, startSlackBot, textOf } from "./harness.ts";

let fake: FakeSlack;
let bot: Bot;
let d: SlackDriver;
const SAM = "U0SAM";

beforeAll(async () => {
  fake = await new FakeSlack().start();
  fake.addUser({ id: SAM, name: "sam", email: "sam.personal@home.example" });
  bot = await startSlackBot(fake);
  d = new SlackDriver(bot, fake);
  await seedDemo(bot.store);
  const sam = (await personByNumber(data(bot.store), "100002"))!;
  await linkIdentity(data(bot.store), { platform: "slack", workspaceId: fake.teamId, userId: SAM, personId: sam.id, linkedVia: "admin" });
}, 60_000);
afterAll(async () => {
  await bot?.stop();
  await fake?.stop();
});

const reminders = async () => (await listJobs(bot.store, { kind: "unionhall.reminder", limit: 100 })).length;

describe("a steward's reminder to a channel on Slack", () => {
  it("refuses a bare #name Slack did not turn into a channel, and schedules nothing", async () => {
    const { id } = await d.slash(SAM, "/unionhall", "remind in 1 hour #nonexistent Step 1 answers are due");
    expect(textOf((await d.response(id)).body)).toContain("I can't find the channel #nonexistent here, so nothing was set.");
    expect(await reminders()).toBe(0);
  });

  it("schedules one to a channel Slack escaped", async () => {
    const { id } = await d.slash(SAM, "/unionhall", "remind in 1 hour <#C0STEWARDS|stewards> Step 1 answers are due");
    expect(textOf((await d.response(id)).body)).toContain("Got it. I'll remind #stewards");
    expect(await reminders()).toBe(1);
  });
});
