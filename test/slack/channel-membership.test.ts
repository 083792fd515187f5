// A channel set up for posts is checked when it is set: on Slack the bot posts only where it was
// invited (or in public channels with chat:write.public). A post that fails later anyway (the bot
// was removed) is told privately to the person who caused it, naming the channel.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Bot } from "../../bot/app.ts";
import { createEvent } from "../events/db.ts";
import { seedDemo } from "../../db/demo.ts";
import { data } from "../../db/data.ts";
import { linkIdentity } from "../../db/identities.ts";
import { listJobs } from "../../db/jobs.ts";
import { personByNumber } from "../../db/people.ts";
import { SLACK_BOT_SCOPES } from "../../adapters/slack/manifest.ts";
import { FakeSlack } from "../fakes/slack.ts";
import { SlackDriver, startSlackBot, textOf } from "./harness.ts";

const PAT = "U0PAT";
const SAM = "U0SAM";
let fake: FakeSlack;
let bot: Bot;
let d: SlackDriver;
let patId: number;

beforeAll(async () => {
  fake = await new FakeSlack().start();
  fake.addUser({ id: PAT, name: "pat" });
  fake.addUser({ id: SAM, name: "sam" });
  bot = await startSlackBot(fake);
  d = new SlackDriver(bot, fake);
  await seedDemo(bot.store);
  for (const [userId, number] of [[PAT, "100004"], [SAM, "100002"]] as const) {
    const p = (await personByNumber(data(bot.store), number))!;
    if (userId === PAT) patId = p.id;
    await linkIdentity(data(bot.store), { platform: "slack", workspaceId: fake.teamId, userId, personId: p.id, linkedVia: "admin" });
  }
}, 60_000);
afterAll(async () => {
  await bot?.stop();
  await fake?.stop();
});

async function say(user: string, command: string, text: string, channel: string): Promise<string> {
  const c = d.commandBody(user, command, text, { channel });
  await d.post(c.body, "application/x-www-form-urlencoded");
  return textOf((await d.response(c.id)).body);
}

describe("setting up a channel the bot is not in, on Slack", () => {
  it("/event channel in a channel the bot was not invited to says to invite it, and sets nothing", async () => {
    fake.addChannel("C0LOBBY", { name: "lobby" });
    const said = await say(PAT, "/event", "channel SL-083", "C0LOBBY");
    expect(said).toContain("/invite @unionhall");
    expect(said).toContain("chat:write.public");
    expect(said).toContain("<#C0LOBBY>");
    expect(fake.callsOf("conversations.info").at(-1)!.args.channel).toBe("C0LOBBY");
    // Nothing was set: after inviting the bot the same command turns announcements on.
    fake.addChannel("C0LOBBY", { name: "lobby", botMember: true });
    expect(await say(PAT, "/event", "channel SL-083", "C0LOBBY")).toContain("will get announcements of events for Sub-local SL-083");
  });

  it("a private channel the bot is not in is refused the same way", async () => {
    fake.addChannel("G0PRIVATE", { name: "officers", private: true });
    expect(await say(PAT, "/event", "channel SL-083", "G0PRIVATE")).toContain("/invite @unionhall");
  });

  it("a public channel is accepted without an invitation when the admin granted chat:write.public", async () => {
    fake.addChannel("C0OPENCH", { name: "open" });
    fake.installScopes([...SLACK_BOT_SCOPES, "chat:write.public"]);
    try {
      expect(await say(PAT, "/event", "channel SL-083", "C0OPENCH")).toContain("will get announcements");
    } finally {
      fake.installScopes(SLACK_BOT_SCOPES);
      fake.addChannel("C0OPENCH", { name: "open", botMember: true });
    }
  });

  it("a steward's reminder to such a channel is refused when it is set", async () => {
    fake.addChannel("C0ELSEWHERE", { name: "elsewhere" });
    const before = (await listJobs(bot.store, { kind: "unionhall.reminder", limit: 100 })).length;
    expect(await say(SAM, "/unionhall", "remind in 1 hour <#C0ELSEWHERE|elsewhere> Step 1 answers are due", "C0GENERAL")).toContain("/invite @unionhall");
    expect((await listJobs(bot.store, { kind: "unionhall.reminder", limit: 100 }))).toHaveLength(before);
  });

  it("an announcement that fails later (the bot was removed) is told to the organiser privately, naming the channel", async () => {
    fake.addChannel("C0LOBBY", { name: "lobby", botMember: false });
    fake.addChannel("C0OPENCH", { name: "open", botMember: false });
    const now = new Date();
    await createEvent(bot.store, { title: "Lobby meeting", description: null, kind: "meeting", link: "https://meet.example/x", place: null, audienceType: "sublocal", audienceId: "SL-083", capacity: null, language: "en", organiserId: patId, startsAt: new Date(now.getTime() + 86_400_000), endsAt: new Date(now.getTime() + 90_000_000), rsvpDeadline: null, isPublic: false, repeat: null }, now, "America/Los_Angeles");
    const told = await fake.waitFor(
      () => fake.callsOf("chat.postMessage").find((c) => c.args.channel === `D${PAT}` && JSON.stringify(c.args).includes("<#C0LOBBY>")),
      "the organiser told",
    );
    expect(JSON.stringify(told.args)).toContain("I couldn't post in <#C0LOBBY>");
    expect(fake.rules.provoked.some((r) => r.error === "not_in_channel")).toBe(true);
  });
});
