// Discord's side of the inbox of acknowledged work: an interaction is kept under its own id, and a
// kept interaction is run again only while its token still takes an answer, with a minute to spare
// for the work; an older one is dropped with an audit entry. (The whole path, a real process killed
// after its deferral, is test/faults/discord-inbox.test.ts.)
import { afterEach, describe, expect, it, vi } from "vitest";
import { Intake } from "../../commands/core/intake.ts";
import { createDiscordInbox, DISCORD_ANSWER_LIFE_MS, discordAckedKey, INTERACTION_TOKEN_LIFE_MS, webhookAddress, webhookIdsOf, type DiscordAckedRequest } from "../../adapters/discord/inbox.ts";
import { data } from "../../db/data.ts";
import type { Store } from "../../db/store.ts";
import { TEST_KEY } from "../contacts/setup.ts";
import { TOKEN_LIFETIME_MS } from "../fakes/discord.ts";
import { demoCore, testClock } from "../helpers/store.ts";

let store: Store | undefined;
afterEach(async () => {
  vi.unstubAllEnvs();
  await store?.close();
  store = undefined;
});

function command(interactionId: string): DiscordAckedRequest {
  return {
    kind: "command",
    teamId: "G1",
    guildId: "G1",
    userId: "U1",
    channelId: "C1",
    locale: "vi",
    interactionId,
    applicationId: "A1",
    token: `tok-${interactionId}`,
    responseUrl: `A1/tok-${interactionId}`,
    deferred: "reply",
    commandName: "unionhall",
    options: [{ name: "help", type: 1, options: [] }],
  };
}

describe("Discord's side of the inbox", () => {
  it("keys an interaction by its id, apart from every Slack key", () => {
    expect(discordAckedKey(command("111"))).toBe(discordAckedKey({ interactionId: "111" }));
    expect(discordAckedKey(command("111"))).not.toBe(discordAckedKey(command("112")));
    expect(discordAckedKey(command("111"))).toMatch(/^discord:/);
  });

  it("reads the webhook back from the unsealed part of a row, a token with a slash included", () => {
    expect(webhookIdsOf(webhookAddress("123456", "aW50/ZXJ+YWN0aW9u"))).toEqual({ applicationId: "123456", token: "aW50/ZXJ+YWN0aW9u" });
    expect(webhookAddress("123456", "aW50/ZXJ+YWN0aW9u")).toBe("123456/aW50/ZXJ+YWN0aW9u");
  });

  it("takes answers for less than Discord's token life, which is the fake Discord's too", () => {
    expect(INTERACTION_TOKEN_LIFE_MS).toBe(TOKEN_LIFETIME_MS);
    expect(DISCORD_ANSWER_LIFE_MS).toBeLessThan(INTERACTION_TOKEN_LIFE_MS);
  });

  it("runs again, taken over, an interaction within its life; drops one at its life, with an audit entry", async () => {
    vi.stubEnv("MEMBER_DATA_KEY", TEST_KEY);
    const clock = testClock();
    const { core, store: s } = await demoCore(clock);
    store = s;
    const host = { store: s, core, log: core.log, intake: new Intake({ concurrency: 2, capacity: 10, perMinute: 100, burst: 100 }) };
    const ran: { id: string; locale: string; takenOver: boolean }[] = [];
    const options = { run: async (r: DiscordAckedRequest, takenOver: boolean) => void ran.push({ id: r.interactionId, locale: r.locale, takenOver }), tellLost: async () => undefined };
    // Held by a process that then died…
    const dead = createDiscordInbox(host, options);
    expect(await dead.hold(command("old"))).toBe("discord:old");
    clock.advance(1);
    expect(await dead.hold(command("fresh"))).toBe("discord:fresh");
    // …swept by another when the first is exactly as old as the inbox takes, the second a millisecond younger.
    clock.advance(DISCORD_ANSWER_LIFE_MS - 1);
    expect(await createDiscordInbox(host, options).sweep()).toBe(2);
    await expect.poll(() => ran).toEqual([{ id: "fresh", locale: "vi", takenOver: true }]);
    const audits = await data(s).all<{ subjectType: string; subjectId: string }>(`SELECT "subjectType", "subjectId" FROM "AuditEntry" WHERE "action" = 'inbox.expired'`);
    expect(audits).toEqual([{ subjectType: "discord_request", subjectId: "discord:old" }]);
  });
});
