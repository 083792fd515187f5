// People's words stay inert on Slack: `<@U…>`, `<#C…>`, `<!channel>` typed into a message reach the
// channel escaped, never as live mentions; mentions the bot builds itself still work.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Bot } from "../../bot/app.ts";
import { seedDemo } from "../../db/demo.ts";
import { data } from "../../db/data.ts";
import { linkIdentity } from "../../db/identities.ts";
import { personByNumber } from "../../db/people.ts";
import { botMention } from "../../commands/core/mention.ts";
import { escapeMrkdwn } from "../../adapters/slack/render.ts";
import { FakeSlack } from "../fakes/slack.ts";
import { SlackDriver, startSlackBot } from "./harness.ts";

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

const LIVE = /<@U0BOSS>|<!channel>|<#C0ALL>|<!here>|<https:\/\/evil/;

describe("mentions in people's text on Slack", () => {
  it("a reminder's text with <@U…>, <!channel>, <#C…> and a link is posted escaped", async () => {
    const { id } = await d.slash(SAM, "/unionhall", "remind in 1 hour me Ask <@U0BOSS> and <!channel> in <#C0ALL> <!here> <https://evil.example|click>");
    const body = JSON.stringify((await d.response(id)).body);
    expect(body).toContain("&lt;@U0BOSS&gt;");
    expect(body).toContain("&lt;!channel&gt;");
    expect(body).not.toMatch(LIVE);
  });

  it("only a mention the bot built comes back live; a forged marker reads as plain text", () => {
    const built = botMention("slack", "user", "U0SAM");
    expect(escapeMrkdwn(`set by ${built}: <@U0BOSS>`)).toBe("set by <@U0SAM>: &lt;@U0BOSS&gt;");
    // Someone pasting the private-use characters with a guessed nonce gets no mention.
    expect(escapeMrkdwn("\uE000guess@U0BOSS\uE001 and \uE000@U0BOSS")).toBe("@U0BOSS and @U0BOSS");
    expect(escapeMrkdwn("<@U9|maria> in <#C042>")).toBe("&lt;@U9|maria&gt; in &lt;#C042&gt;");
  });
});
