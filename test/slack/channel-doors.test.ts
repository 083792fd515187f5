// Every command that sets up posts in a channel asks the one rule (can the bot post there?) before
// anything is saved: treasury cards, steward reminders, scheduled reports, project updates. On
// Slack a channel the bot was not invited to is refused with what to do; once invited, it is set.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Bot } from "../../bot/app.ts";
import { seedDemo } from "../../db/demo.ts";
import { data } from "../../db/data.ts";
import { linkIdentity } from "../../db/identities.ts";
import { listRules } from "../../db/jobs.ts";
import { personByNumber } from "../../db/people.ts";
import { FakeSlack } from "../fakes/slack.ts";
import { SlackDriver, startSlackBot, textOf } from "./harness.ts";

const PAT = "U0PAT"; // sub-local officer
const CARLA = "U0CARLA"; // chief steward
const SOFIA = "U0SOFIA"; // staff
let fake: FakeSlack;
let bot: Bot;
let d: SlackDriver;

beforeAll(async () => {
  fake = await new FakeSlack().start();
  for (const [id, name] of [[PAT, "pat"], [CARLA, "carla"], [SOFIA, "sofia"]] as const) fake.addUser({ id, name });
  bot = await startSlackBot(fake);
  d = new SlackDriver(bot, fake);
  await seedDemo(bot.store);
  for (const [userId, number] of [[PAT, "100004"], [CARLA, "100003"], [SOFIA, "100007"]] as const) {
    const p = (await personByNumber(data(bot.store), number))!;
    await linkIdentity(data(bot.store), { platform: "slack", workspaceId: fake.teamId, userId, personId: p.id, linkedVia: "admin" });
  }
}, 60_000);
afterAll(async () => {
  await bot?.stop();
  await fake?.stop();
});

async function say(user: string, command: string, text: string, channel = "C0GENERAL"): Promise<string> {
  const c = d.commandBody(user, command, text, { channel });
  await d.post(c.body, "application/x-www-form-urlencoded");
  return textOf((await d.response(c.id)).body);
}

const rulesIn = async (channelId: string) => (await listRules(data(bot.store))).filter((r) => r.active && r.channelId === channelId).length;

/** A door refuses a channel the bot is not in, names it live, then accepts it once the bot is invited. */
async function refusedThenSet(o: { user: string; command: string; text: (ch: string) => string; in?: "argument" | "here"; done: string }, id: string) {
  fake.addChannel(id, { name: id.toLowerCase() });
  const where = o.in === "here" ? id : "C0GENERAL";
  const refused = await say(o.user, o.command, o.text(`<#${id}|${id.toLowerCase()}>`), where);
  expect(refused).toContain("/invite @unionhall");
  expect(refused).toContain(`<#${id}>`);
  expect(fake.callsOf("conversations.info").at(-1)!.args.channel).toBe(id);
  fake.addChannel(id, { name: id.toLowerCase(), botMember: true });
  const set = await say(o.user, o.command, o.text(`<#${id}|${id.toLowerCase()}>`), where);
  expect(set).toContain(o.done);
  if (o.in !== "here") expect(set).toContain(`<#${id}>`);
}

describe("every door that sets up channel posts checks the bot can post there, on Slack", () => {
  it("/rebate channel: treasury approval cards", async () => {
    await refusedThenSet({ user: SOFIA, command: "/rebate", text: (ch) => `channel ${ch}`, done: "Treasury approval cards will go to" }, "C0CARDS");
  });

  it("/grievance channel: a sub-local's deadline reminders", async () => {
    await refusedThenSet({ user: CARLA, command: "/grievance", text: (ch) => `channel SL-083 ${ch}`, done: "Deadline reminders for SL-083 now go to" }, "C0DEADLINES");
  });

  it("/report schedule: nothing is scheduled in a channel the bot is not in", async () => {
    const before = await rulesIn("C0REPORTS");
    fake.addChannel("C0REPORTS", { name: "reports" });
    expect(await say(PAT, "/report", "schedule growth weekly <#C0REPORTS|reports>")).toContain("/invite @unionhall");
    expect(await rulesIn("C0REPORTS")).toBe(before);
    await refusedThenSet({ user: PAT, command: "/report", text: (ch) => `schedule growth weekly ${ch}`, done: "will be posted in" }, "C0REPORTS");
    expect(await rulesIn("C0REPORTS")).toBe(before + 1);
  });

  it("/grievance schedule: the statewide grievance report", async () => {
    await refusedThenSet({ user: SOFIA, command: "/grievance", text: (ch) => `schedule monthly ${ch}`, done: "grievance report will be posted in" }, "C0GRIEVREP");
  });

  it("/project subscribe here: project updates to this channel", async () => {
    await refusedThenSet({ user: PAT, command: "/project", text: () => "subscribe here", in: "here", done: "This channel will now get every project update." }, "C0PROJECT");
  });

  it("a channel Slack does not know (a typed #name) is refused as not found, named as typed", async () => {
    const said = await say(SOFIA, "/rebate", "channel #nowhere");
    expect(said).toContain("I can't find the channel #nowhere");
  });

  it("stopping project updates in a channel the bot has left is not refused", async () => {
    fake.addChannel("C0PROJECT", { name: "c0project", botMember: false });
    expect(await say(PAT, "/project", "unsubscribe here", "C0PROJECT")).not.toContain("/invite");
  });
});
