// Who a Slack user is, within Slack's rate limit: users.info is Tier 4 (100 a minute at its
// floor), and the fake Slack refuses past it with 429 `ratelimited` and Retry-After, as Slack does.
// A burst of first-time clickers is answered in full without running into it, and a refusal
// holds no answer.
import { webApi } from "@slack/bolt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Bot } from "../../bot/app.ts";
import { CALLS_PER_MINUTE, KNOWN_TTL_MS, PROFILE_TTL_MS, SlackProfiles } from "../../adapters/slack/profiles.ts";
import { demoMembers, seedDemo } from "../../db/demo.ts";
import { linkIdentity } from "../../db/identities.ts";
import { data } from "../../db/data.ts";
import { saveLocale } from "../../db/locales.ts";
import { upsertMembers } from "../../db/people.ts";
import { FakeSlack } from "../fakes/slack.ts";
import { SLACK_RATE_LIMITS } from "../fakes/slack-rules.ts";
import { SlackDriver, startSlackBot, textOf } from "./harness.ts";

const logged: { event: string; fields?: Record<string, unknown> }[] = [];
const log = { info: () => undefined, warn: (event: string, fields?: Record<string, unknown>) => void logged.push({ event, fields }), error: () => undefined };

describe("the fake Slack's rate limit on users.info", () => {
  let fake: FakeSlack;
  beforeAll(async () => {
    fake = await new FakeSlack().start();
  });
  afterAll(async () => fake.stop());

  it("answers 100 calls a minute, refuses the next with 429 ratelimited and Retry-After, and answers again once the minute has passed", async () => {
    const call = () => fetch(`${fake.apiUrl}users.info`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", authorization: `Bearer ${fake.botToken}` }, body: "user=U0NOBODY" });
    expect(SLACK_RATE_LIMITS["users.info"]).toBe(100);
    for (let i = 0; i < 100; i++) expect((await call()).status).toBe(200);
    fake.rules.advance(20_000);
    const refused = await call();
    expect(refused.status).toBe(429);
    expect(await refused.json()).toEqual({ ok: false, error: "ratelimited" });
    expect(refused.headers.get("retry-after")).toBe("40");
    fake.rules.advance(40_000);
    expect((await call()).status).toBe(200);
  });
});

describe("profiles within the limit", () => {
  let fake: FakeSlack;
  let clock: number;
  const client = () => new webApi.WebClient(fake.botToken, { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true, logLevel: webApi.LogLevel.ERROR });
  const unlinked = () => null;
  beforeAll(async () => {
    fake = await new FakeSlack().start();
    for (let i = 0; i < 300; i++) fake.addUser({ id: `U${i}`, name: `person${i}`, email: `p${i}@example.gov`, locale: "es-ES" });
  });
  afterAll(async () => fake.stop());

  it("asks Slack at most CALLS_PER_MINUTE times a minute, once per person however often they click, and keeps what it said", async () => {
    clock = 0;
    fake.rules.advance(60_000); // Slack's minute from the test before has passed
    const profiles = new SlackProfiles(client(), log, unlinked, { now: () => clock });
    const before = fake.callsOf("users.info").length;
    const first = await Promise.all(Array.from({ length: 150 }, (_, i) => profiles.actor(fake.teamId, `U${i % 120}`)));
    const asked = fake.callsOf("users.info").slice(before);
    expect(asked.length).toBe(CALLS_PER_MINUTE);
    expect(new Set(asked.map((c) => c.args.user)).size).toBe(CALLS_PER_MINUTE);
    expect(first.filter((a) => a.verifiedEmail).length).toBeGreaterThanOrEqual(CALLS_PER_MINUTE);
    // Those not asked about are answered at once, without a profile (no wait for the limit).
    expect(first.filter((a) => !a.verifiedEmail && !a.locale).length).toBeGreaterThan(0);
    // Known: no second call within the profile's life.
    expect((await profiles.actor(fake.teamId, "U0")).locale).toBe("es-ES");
    expect(fake.callsOf("users.info").length).toBe(before + CALLS_PER_MINUTE);
    // A minute later there is budget again: the rest are asked about.
    clock += 60_000;
    expect((await profiles.actor(fake.teamId, "U119")).verifiedEmail).toBe("p119@example.gov");
    clock += PROFILE_TTL_MS;
    await profiles.actor(fake.teamId, "U0");
    expect(fake.callsOf("users.info").at(-1)!.args.user).toBe("U0");
  });

  it("after Slack says ratelimited, asks nothing until its Retry-After has passed, and logs no user id", async () => {
    clock = 0;
    fake.rules.advance(60_000); // Slack's minute from the test before has passed
    logged.length = 0;
    const profiles = new SlackProfiles(client(), log, unlinked, { now: () => clock });
    fake.failNext("users.info", { status: 429, retryAfter: 30 });
    const before = fake.callsOf("users.info").length;
    expect((await profiles.actor(fake.teamId, "U200")).verifiedEmail).toBeUndefined();
    for (const u of ["U201", "U202", "U203"]) expect((await profiles.actor(fake.teamId, u)).verifiedEmail).toBeUndefined();
    expect(fake.callsOf("users.info").length).toBe(before + 1);
    clock += 29_000;
    await profiles.actor(fake.teamId, "U204");
    expect(fake.callsOf("users.info").length).toBe(before + 1);
    clock += 1_000;
    expect((await profiles.actor(fake.teamId, "U205")).verifiedEmail).toBe("p205@example.gov");
    expect(logged).toEqual([{ event: "slack.users_info.rate_limited", fields: { retryAfterMs: 30_000 } }]);
    expect(JSON.stringify(logged)).not.toMatch(/U20\d|example\.gov|person20/);
  });

  it("a linked person whose app language is known is answered in it without a call; people not linked keep calls in reserve", async () => {
    clock = 0;
    fake.rules.advance(60_000); // Slack's minute from the test before has passed
    const linked = (_team: string, userId: string) => (userId.startsWith("U1") ? { appLocale: "vi" } : userId.startsWith("U2") ? {} : null);
    const profiles = new SlackProfiles(client(), log, linked, { now: () => clock, perMinute: 20, reserve: 5 });
    const before = fake.callsOf("users.info").length;
    // Linked, language not known yet: asked while more than the reserve is left (15 of 20).
    const linkedFirst = await Promise.all(Array.from({ length: 30 }, (_, i) => profiles.actor(fake.teamId, `U2${String(i).padStart(2, "0")}`)));
    expect(linkedFirst.filter((a) => a.locale === "es-ES").length).toBe(15);
    expect(linkedFirst.filter((a) => a.locale === undefined).length).toBe(15);
    // Not linked: the reserve is theirs.
    const notLinked = await Promise.all(Array.from({ length: 10 }, (_, i) => profiles.actor(fake.teamId, `U${i}`)));
    expect(notLinked.filter((a) => a.verifiedEmail).length).toBe(5);
    expect(fake.callsOf("users.info").length - before).toBe(20);
    // Linked with a known language: answered in it, and no call spent (none to spare now).
    expect((await profiles.actor(fake.teamId, "U150")).locale).toBe("vi");
    expect(fake.callsOf("users.info").length - before).toBe(20);
  });
});

describe("what the records say of a user", () => {
  it("is read once per person while KNOWN_TTL_MS lasts, then again", async () => {
    const fake = await new FakeSlack().start();
    try {
      let clock = 0;
      const asked: string[] = [];
      const known = (_team: string, userId: string) => {
        asked.push(userId);
        return { appLocale: "vi" };
      };
      // No users.info to spare: every answer comes from the records alone.
      const profiles = new SlackProfiles(new webApi.WebClient(fake.botToken, { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true, logLevel: webApi.LogLevel.ERROR }), log, known, { now: () => clock, perMinute: 2, reserve: 1 });
      for (let i = 0; i < 5; i++) expect((await profiles.actor(fake.teamId, "U7")).locale).toBe("vi");
      expect((await profiles.actor(fake.teamId, "U8")).locale).toBe("vi");
      expect(asked).toEqual(["U7", "U8"]);
      clock += KNOWN_TTL_MS + 1;
      await profiles.actor(fake.teamId, "U7");
      expect(asked).toEqual(["U7", "U8", "U7"]);
    } finally {
      await fake.stop();
    }
  });
});

describe("a burst of first-time clickers through the bot", () => {
  let fake: FakeSlack;
  let bot: Bot;
  let d: SlackDriver;
  const USERS = 130;
  beforeAll(async () => {
    fake = await new FakeSlack().start();
    bot = await startSlackBot(fake);
    d = new SlackDriver(bot, fake);
    await seedDemo(bot.store, { members: 40 });
    await upsertMembers(bot.store, demoMembers(USERS + 50));
    const ids = (await data(bot.store).all<{ id: number }>(`SELECT "id" FROM "Person" ORDER BY "id" LIMIT ?`, USERS)).map((r) => r.id);
    for (let i = 0; i < USERS; i++) {
      const userId = `U0B${String(i).padStart(4, "0")}`;
      fake.addUser({ id: userId, name: `member${i}`, locale: i === 0 ? "es-ES" : "en-US" });
      await linkIdentity(data(bot.store), { platform: "slack", workspaceId: fake.teamId, userId, personId: ids[i]!, linkedVia: "admin" });
    }
    // One of them was answered before (their app was in Russian then).
    await saveLocale(data(bot.store), `seen:person:${ids[1]!}`, "ru", new Date());
  });
  afterAll(async () => {
    await bot?.stop();
    await fake?.stop();
  });

  it("answers every one of them, never running into Slack's limit, each in their app's language where known", async () => {
    const sent = await Promise.all(Array.from({ length: USERS }, (_, i) => d.slash(`U0B${String(i).padStart(4, "0")}`, "/unionhall", "whoami")));
    expect(sent.every((s) => s.res.status === 200)).toBe(true);
    const answers = await Promise.all(sent.map((s) => d.response(s.id)));
    expect(answers.length).toBe(USERS);
    expect(answers.every((a) => !/very busy|⚠️/.test(textOf(a.body)))).toBe(true);
    expect(fake.callsOf("users.info").length).toBeLessThanOrEqual(CALLS_PER_MINUTE);
    expect(fake.rules.provoked.filter((r) => r.error === "ratelimited")).toEqual([]);
    // The one whose language the records knew read Russian without waiting for Slack.
    expect(textOf(answers[1]!.body)).toMatch(/[А-Яа-я]/);
  });
});
