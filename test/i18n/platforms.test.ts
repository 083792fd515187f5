// The languages as a member meets them on each platform: Discord's interaction.locale, Slack's
// user locale (users.info with include_locale), and a channel set to Spanish getting its
// reminder in Spanish — through the real adapters against the local fakes and the real scheduler.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Feed } from "../../adapters/web/feed.ts";
import { createScheduler } from "../../bot/scheduler/dispatcher.ts";
import { discordCommandsJson } from "../../bot/cli/discord-register.ts";
import { handleCommand } from "../../commands/core/dispatch.ts";
import { DEMO_WORKSPACE, seedDemo } from "../../db/demo.ts";
import { data } from "../../db/data.ts";
import { linkIdentity } from "../../db/identities.ts";
import { personByNumber } from "../../db/people.ts";
import { FakeSlack } from "../fakes/slack.ts";
import { send, slash, startHarness, textOf, type Harness } from "../discord/harness.ts";
import { SlackDriver, startSlackBot, textOf as slackText } from "../slack/harness.ts";
import { silent, tempStore, TestClock, testCore } from "../scheduler/helpers.ts";

describe("Discord: interaction.locale", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.stop();
  });

  it("answers a member whose Discord is in Vietnamese in Vietnamese", async () => {
    const cb = await send(h, slash(h, h.steward, { name: "whoami" }, {}, {}, "vi"));
    expect(textOf(cb.data)).toContain("Bạn là Sam Okafor");
    expect(cb.data.embeds[0].fields).toContainEqual(expect.objectContaining({ name: "Số đoàn viên", value: "100002" }));
    // The same person with Discord in English gets English.
    const en = await send(h, slash(h, h.steward, { name: "whoami" }, {}, {}, "en-US"));
    expect(textOf(en.data)).toContain("You are Sam Okafor");
  });

  it("maps Discord's zh-CN to Simplified Chinese and shows errors in it", async () => {
    const cb = await send(h, h.fake.chatInput(h.steward, "nosuch", [{ name: "thing", type: 1, options: [] }], "zh-CN"));
    expect(textOf(cb.data)).toContain("抱歉，我不认识命令 /nosuch thing");
  });

  it("opens forms with Vietnamese hints", async () => {
    const open = await send(h, slash(h, h.staff, { group: "admin", name: "role-grant" }, {}, {}, "vi"));
    expect(open.type).toBe(9);
    expect(JSON.stringify(open.data)).toContain("Số đoàn viên hoặc @nhắc tên");
  });

  it("registers descriptions in es-ES, vi, zh-CN and ru, names in English", () => {
    const json = discordCommandsJson();
    const unionhall = json.find((c) => c.name === "unionhall")!;
    expect(unionhall.description_localizations).toMatchObject({ "es-ES": "Ayuda, su cuenta y administración", vi: "Trợ giúp, tài khoản của bạn và quản trị", "zh-CN": "帮助、您的账号和管理", ru: "Помощь, ваш аккаунт и администрирование" });
    const whoami = unionhall.options!.find((o) => o.name === "whoami")!;
    expect(whoami.description_localizations?.vi).toBe("Xem bot biết bạn là ai: hồ sơ đoàn viên và vai trò của bạn");
    const language = unionhall.options!.find((o) => o.name === "language") as { options: { name: string; description_localizations?: Record<string, string> }[] };
    expect(language.options[0]).toMatchObject({ name: "language", description_localizations: { ru: "Ваш язык" } });
    for (const c of json) expect(c.name).toMatch(/^[a-z-]+$/);
  });
});

describe("Slack: the user's locale", () => {
  let fake: FakeSlack;
  let d: SlackDriver;
  beforeAll(async () => {
    fake = await new FakeSlack().start();
    fake.addUser({ id: "U0ROSA", name: "rosa", email: "rosa@home.example", locale: "es-ES" });
    const bot = await startSlackBot(fake);
    d = new SlackDriver(bot, fake);
    await seedDemo(bot.store, { members: 40 });
    const maria = (await personByNumber(data(bot.store), "100001"))!;
    await linkIdentity(data(bot.store), { platform: "slack", workspaceId: fake.teamId, userId: "U0ROSA", personId: maria.id, linkedVia: "admin" });
  });
  afterAll(async () => {
    await d?.bot.stop();
    await fake?.stop();
  });

  it("gives a user whose Slack is in es-ES Spanish, asking Slack for the locale", async () => {
    const { id } = await d.slash("U0ROSA", "/unionhall", "whoami");
    const r = await d.response(id);
    expect(slackText(r.body)).toContain("Usted es Maria Alvarez");
    expect(slackText(r.body)).toContain("Número de miembro");
    expect(fake.callsOf("users.info").some((c) => c.args.user === "U0ROSA" && String(c.args.include_locale) === "true")).toBe(true);
  });

  it("a saved choice wins over the Slack locale", async () => {
    const set = await d.slash("U0ROSA", "/unionhall", "language ru");
    expect(slackText((await d.response(set.id)).body)).toContain("русский");
    const { id } = await d.slash("U0ROSA", "/unionhall", "whoami");
    expect(slackText((await d.response(id)).body)).toContain("Членский номер");
  });
});

describe("a channel set to Spanish", () => {
  it("gets its reminder in Spanish, while the steward who set it reads English", async () => {
    const { store } = await tempStore();
    await seedDemo(store, { members: 20 });
    const clock = new TestClock(new Date("2026-11-23T17:00:00Z"));
    const core = testCore(store, clock);
    const feed = new Feed();
    const scheduler = createScheduler({ store, core, posters: new Map([["web", feed.poster()]]), log: silent, clock });
    await scheduler.start();
    try {
      const sam = { platform: "web" as const, workspaceId: DEMO_WORKSPACE, userId: "sam", locale: "en", channelId: "stewards" };
      const set = await handleCommand(core, { actor: sam, text: "/unionhall channel-language Español" });
      expect(set.reply.fallbackText).toContain("estarán en español");
      const confirmed = await handleCommand(core, { actor: sam, text: '/unionhall remind "in 5 minutes" here Traigan las hojas de firmas' });
      expect(confirmed.reply.fallbackText).toContain("Got it");
      clock.advance(6 * 60_000);
      await scheduler.runDue();
      const [msg] = feed.read("sam", "#stewards");
      expect(msg!.text).toContain("⏰ Recordatorio");
      expect(msg!.text).toContain("Traigan las hojas de firmas");
      expect(msg!.text).toContain("[Aplazar 1 día] [Marcar como hecho]");
      expect(msg!.text).not.toMatch(/Snooze|Mark done|Reminder/);
    } finally {
      await scheduler.stop();
      await store.close();
    }
  });
});
