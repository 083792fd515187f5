// People's words in a message can never ping everyone or disguise a link: Slack's top-level
// `text` is escaped like its blocks, and every Discord message disables @everyone/role/user pings.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Bot } from "../../bot/app.ts";
import { renderStandalone } from "../../commands/core/dispatch.ts";
import { reply } from "../../commands/core/reply.ts";
import { renderMessage } from "../../adapters/slack/render.ts";
import { seedDemo } from "../../db/demo.ts";
import { data } from "../../db/data.ts";
import { linkIdentity } from "../../db/identities.ts";
import { personByNumber } from "../../db/people.ts";
import { FakeSlack } from "../fakes/slack.ts";
import { SlackDriver, startSlackBot } from "../slack/harness.ts";
import { send, slash, startHarness, type Harness } from "../discord/harness.ts";

const HOSTILE = "<!channel> <!here> <!subteam^S0ALL> open <https://evil.example|the union portal> & sign";

/** No Slack control sequence from the hostile text survives anywhere in a message body. */
function expectDefused(body: Record<string, unknown>): void {
  const all = JSON.stringify(body);
  for (const raw of ["<!channel>", "<!here>", "<!subteam", "<https://evil.example"]) expect(all).not.toContain(raw);
}

describe("Slack: mrkdwn escaping in the top-level text", () => {
  it("renders the notification text escaped, entities intact even when shortened", () => {
    const m = renderMessage({ visibility: "channel", blocks: [{ type: "text", text: HOSTILE }], fallbackText: HOSTILE, files: [], update: false });
    expect(m.text).toBe("&lt;!channel&gt; &lt;!here&gt; &lt;!subteam^S0ALL&gt; open &lt;https://evil.example|the union portal&gt; &amp; sign");
    const long = renderMessage({ visibility: "channel", blocks: [], fallbackText: `${"x".repeat(2998)}<!channel>`, files: [], update: false });
    expect(long.text.length).toBeLessThanOrEqual(3000);
    expect(long.text).toMatch(/x…$/);
  });

  describe("through the real Bolt app", () => {
    const SAM = "U0SAM";
    let fake: FakeSlack;
    let bot: Bot;
    let d: SlackDriver;
    beforeAll(async () => {
      fake = await new FakeSlack().start();
      fake.addUser({ id: SAM, name: "sam" });
      bot = await startSlackBot(fake);
      d = new SlackDriver(bot, fake);
      await seedDemo(bot.store, { members: 20 });
      const sam = (await personByNumber(data(bot.store), "100002"))!;
      await linkIdentity(data(bot.store), { platform: "slack", workspaceId: fake.teamId, userId: SAM, personId: sam.id, linkedVia: "admin" });
    });
    afterAll(async () => {
      await bot?.stop();
      await fake?.stop();
    });

    it("a channel message carrying a person's words (a reminder) pings nobody", async () => {
      const poster = bot.posters.get("slack")!;
      const message = await renderStandalone(bot.core, reply.channel(reply.text(`⏰ Reminder from Sam: ${HOSTILE}`)));
      await poster.post({ platform: "slack", workspaceId: fake.teamId, channelId: "C0STEWARDS", userId: null }, message);
      const sent = fake.callsOf("chat.postMessage").at(-1)!.args;
      expect(String(sent.text)).toContain("&lt;!channel&gt;");
      expectDefused(sent);
    });

    it("the answer to a command quoting the person's words pings nobody", async () => {
      const { id } = await d.slash(SAM, "/unionhall", `remind "in 10 minutes" here ${HOSTILE}`);
      const r = await d.response(id);
      expect(String(r.body.text)).not.toBe("");
      expectDefused(r.body);
    });
  });
});

describe("Discord: allowed_mentions on every message", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.stop();
  });

  it("interaction answers, error answers and posted messages never parse mentions", async () => {
    const ok = await send(h, slash(h, h.steward, { name: "remind" }, { when: "in 10 minutes", where: "here", message: `@everyone @here <@&123> ${HOSTILE}` }));
    const expired = await send(h, h.fake.button(h.steward, "uh:b:no-such-token", h.fake.messageFrom({ content: "old card" })));
    const gone = await send(h, h.fake.button(h.steward, "uh:m:a-form-forgotten-since", h.fake.messageFrom({ content: "fix your form" })));
    for (const cb of [ok, expired, gone]) expect(cb.data?.allowed_mentions).toMatchObject({ parse: [] });
    const poster = h.bot.posters.get("discord")!;
    await poster.post({ platform: "discord", workspaceId: h.fake.guildId, channelId: h.fake.channelId, userId: null }, await renderStandalone(h.bot.core, reply.channel(reply.text("@everyone the meeting moved"))));
    const posted = await h.fake.waitFor(() => h.fake.messages.at(-1));
    expect(posted.body.allowed_mentions).toEqual({ parse: [] });
  });

  it("a person's masked link shows where it really goes", async () => {
    const poster = h.bot.posters.get("discord")!;
    const before = h.fake.messages.length;
    const words = "Vote here: [the union portal](https://evil.example/login) or <https://evil.example/2|the ballot>";
    await poster.post({ platform: "discord", workspaceId: h.fake.guildId, channelId: h.fake.channelId, userId: null }, await renderStandalone(h.bot.core, reply.channel(reply.text(words))));
    const posted = await h.fake.waitFor(() => h.fake.messages[before]);
    const shown = JSON.stringify(posted.body);
    expect(shown).toContain("the union portal (<https://evil.example/login>)");
    expect(shown).toContain("the ballot (<https://evil.example/2>)");
    expect(shown).not.toMatch(/\]\(https?:/);
  });
});
