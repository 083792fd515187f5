// A bot process connected to the fake Discord, killed with SIGKILL after it deferred a slash command
// ("thinking…") or a click (deferUpdate) and before it answered, then started again on the same
// database. Discord never sends an acknowledged interaction again: the restarted process takes it
// over from the inbox of acknowledged work and answers through the interaction's webhook, once, in
// the person's language, the work done exactly once (done before the kill: not redone, the person
// hears it was done). Past the token's 15 minutes the interaction is dropped with an audit entry
// instead. On the embedded SQLite file, and on PostgreSQL under TEST_ENGINE=postgres (the postgres
// project runs it too).
import path from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { ackedCount } from "../../db/acked-work.ts";
import { data } from "../../db/data.ts";
import { linkIdentity } from "../../db/identities.ts";
import { openStore, type Store } from "../../db/store.ts";
import { FakeDiscord, nextId, type FakeUser } from "../fakes/discord.ts";
import { TEST_KEY } from "../contacts/setup.ts";
import { buttonsOf, textOf } from "../discord/harness.ts";
import { seededStore, tempDir } from "../helpers/store.ts";
import { storeUrl } from "../helpers/tamper.ts";
import { count, discordEnv, killAll, logged, remindersLeftBy, spawnBot, type BotProcess, waitUntil } from "../multiprocess/fleet.ts";

const bots: BotProcess[] = [];
let fake: FakeDiscord | undefined;

afterEach(() => killAll(bots));
afterAll(async () => {
  killAll(bots);
  await fake?.stop();
});


/** Waits until nothing is left in the inbox, then runs `check` on the database. */
async function onceTheInboxEmptied(url: string, check: (store: Store) => Promise<void> = async () => undefined): Promise<void> {
  const store = await openStore(url);
  try {
    await waitUntil("the inbox emptied", async () => (await ackedCount(data(store))) === 0, 60_000);
    await check(store);
  } finally {
    await store.close();
  }
}

/** The one reminder waiting to be sent. */
async function pendingReminder(url: string): Promise<number> {
  const store = await openStore(url);
  try {
    return (await data(store).one<{ id: number }>(`SELECT "id" FROM "ScheduledJob" WHERE "kind" = 'unionhall.reminder' AND "status" = 'pending'`))!.id;
  } finally {
    await store.close();
  }
}

/** Everything the bot sent with one interaction's token after its callback: edits and follow-ups. */
function answersTo(token: string) {
  return [...fake!.edits.filter((e) => e.token === token), ...fake!.followUps.filter((f) => f.token === token)];
}

/** The next life, started "a minute later" (its clock ahead, so the dead life's row has lapsed). */
async function startedAgain(env: Record<string, string>): Promise<BotProcess> {
  const again = await spawnBot({ ...env, UH_CLOCK_OFFSET_MS: "60000" });
  bots.push(again);
  return again;
}

/** Waits for the first answer sent with an interaction's token. */
const answered = (token: string, what: string) => fake!.waitFor(() => answersTo(token).length > 0, 120_000, what);

/** A seeded database with one Discord user linked, and the environment of a bot on it. */
async function databaseWithOneUser(hint: string, sealed = true) {
  fake ??= await new FakeDiscord().start();
  const setup = await seededStore(path.join(tempDir(`uh-dinbox-${hint}-`), "x.db"));
  const person = (await data(setup).one<{ id: number }>(`SELECT "id" FROM "Person" ORDER BY "id" LIMIT 1`))!;
  const user: FakeUser = { id: nextId() };
  await linkIdentity(data(setup), { platform: "discord", workspaceId: fake.guildId, userId: user.id, personId: person.id, linkedVia: "admin" });
  const url = storeUrl(setup);
  await setup.close();
  return { user, url, env: discordEnv(fake, url, sealed ? { MEMBER_DATA_KEY: TEST_KEY } : {}) };
}

/** Starts a bot process and waits until it holds the gateway (a new connection to the fake). */
async function connected(env: Record<string, string>): Promise<BotProcess> {
  const before = fake!.identified;
  const bot = await spawnBot(env);
  bots.push(bot);
  await fake!.waitFor(() => fake!.identified > before, 60_000, "the process to connect to the gateway");
  return bot;
}

/** /unionhall remind, tagged in its text (to find the reminder it leaves). */
function remind(user: FakeUser, tag: string, locale: string) {
  const options = [
    { name: "when", type: 3, value: "in 4 hours" },
    { name: "where", type: 3, value: "me" },
    { name: "message", type: 3, value: `${tag} call the member back` },
  ];
  return fake!.chatInput(user, "unionhall", [{ name: "remind", type: 1, options }], locale);
}

/**
 * A bot that kills itself (SIGKILL) at `crashAt` while working on a deferred /unionhall remind:
 * acknowledged ("thinking…"), never answered.
 */
async function killedAfterDeferral(hint: string, crashAt: string, locale: string, sealed = true) {
  const { env, url, user } = await databaseWithOneUser(hint, sealed);
  const doomed = await connected({ ...env, UH_TEST_CRASH_AT: crashAt });
  const tag = `${hint}-${nextId()}`;
  const interaction = remind(user, tag, locale);
  fake!.dispatch(interaction);
  expect(await doomed.exited).toBe("SIGKILL");
  expect(fake!.callbacks.filter((c) => c.interactionId === interaction.id).map((c) => c.type)).toEqual([5]);
  expect(answersTo(interaction.token)).toEqual([]);
  return { env, url, interaction, tag };
}

describe("a bot killed after deferring a Discord slash command, started again", { timeout: 240_000 }, () => {
  it.each([
    { crashAt: "dispatch.afterClaim", locale: "en-US", said: /Reminder #\d+/, why: "killed before the work: it is done now" },
    { crashAt: "dispatch.afterWork", locale: "es-ES", said: /me reinicié antes de poder responderle/, why: "killed after the work: not redone, the person hears it was done" },
  ])("replaces the placeholder once, the work done exactly once ($why)", async ({ crashAt, locale, said }) => {
    const { env, url, interaction, tag } = await killedAfterDeferral(crashAt.split(".")[1]!.toLowerCase(), crashAt, locale);
    const again = await startedAgain(env);
    await answered(interaction.token, "the placeholder to be replaced");
    await onceTheInboxEmptied(url, async (store) => {
      expect(await remindersLeftBy(store, tag)).toEqual({ jobs: 1, audits: 1 });
    });
    const answers = answersTo(interaction.token);
    expect(answers.map((a) => `${a.method} ${"messageId" in a ? a.messageId : "follow-up"}`)).toEqual(["PATCH @original"]);
    expect(textOf(answers[0]!.body)).toMatch(said);
    expect(logged(again, "discord.inbox.taken_over")).toBe(1);
    expect(again.output()).not.toContain(`"level":"error"`);
    expect(fake!.refused).toEqual([]);
  });

  it.each([
    { crashAt: "dispatch.afterClaim", sent: "PATCH @original", flags: undefined, said: /Reminder #\d+ is cancelled/, why: "killed before the work: the message it sat on is edited" },
    { crashAt: "dispatch.afterWork", sent: "POST follow-up", flags: 64, said: /restarted before I could answer/, why: "killed after the work: a private note that it was done" },
  ])("a click deferred with deferUpdate: answered once, the reminder cancelled once ($why)", async ({ crashAt, sent, flags, said }) => {
    const { env, url, user } = await databaseWithOneUser(`click-${crashAt.split(".")[1]!.toLowerCase()}`);
    // A first life sets a reminder; its answer carries the Cancel button.
    const first = await connected(env);
    const set = remind(user, `click-${nextId()}`, "en-US");
    fake!.dispatch(set);
    const answer = (await fake!.waitFor(() => answersTo(set.token)[0], 60_000, "the reminder's answer")).body;
    const cancel = buttonsOf(answer).find((b) => /cancel/i.test(b.label))!;
    expect(cancel).toBeDefined();
    // Killed once that answer is settled: nothing of the first life is left to take over.
    await onceTheInboxEmptied(url);
    first.child.kill("SIGKILL");
    await first.exited;
    const jobId = await pendingReminder(url);
    // The next life dies with the click deferred, before its answer.
    const doomed = await connected({ ...env, UH_TEST_CRASH_AT: crashAt });
    const click = fake!.button(user, cancel.custom_id, fake!.messageFrom(answer, 64), "en-US");
    fake!.dispatch(click);
    expect(await doomed.exited).toBe("SIGKILL");
    expect(fake!.callbacks.filter((c) => c.interactionId === click.id).map((c) => c.type)).toEqual([6]);
    expect(answersTo(click.token)).toEqual([]);
    const again = await startedAgain(env);
    await answered(click.token, "the clicked message to be edited");
    await onceTheInboxEmptied(url, async (store) => {
      expect(await count(store, `SELECT count(*) AS "n" FROM "ScheduledJob" WHERE "id" = ? AND "status" = 'cancelled'`, jobId)).toBe(1);
      expect(await count(store, `SELECT count(*) AS "n" FROM "AuditEntry" WHERE "action" = 'reminder.cancel' AND "subjectId" = ?`, String(jobId))).toBe(1);
    });
    const answers = answersTo(click.token);
    expect(answers.map((a) => `${a.method} ${"messageId" in a ? a.messageId : "follow-up"}`)).toEqual([sent]);
    expect(answers[0]!.body.flags).toBe(flags);
    expect(textOf(answers[0]!.body)).toMatch(said);
    expect(logged(again, "discord.inbox.taken_over")).toBe(1);
    expect(again.output()).not.toContain(`"level":"error"`);
    expect(fake!.refused).toEqual([]);
  });

  it("kept without MEMBER_DATA_KEY (unreadable after the crash): the placeholder says, in their language, it was not done", async () => {
    const { env, url, interaction, tag } = await killedAfterDeferral("lost", "dispatch.afterClaim", "es-ES", false);
    const again = await startedAgain(env);
    await answered(interaction.token, "the placeholder to be replaced");
    await onceTheInboxEmptied(url, async (store) => {
      expect(await remindersLeftBy(store, tag)).toEqual({ jobs: 0, audits: 0 });
    });
    const answers = answersTo(interaction.token);
    expect(answers.map((a) => `${a.method} ${"messageId" in a ? a.messageId : "follow-up"}`)).toEqual(["PATCH @original"]);
    expect(textOf(answers[0]!.body)).toMatch(/Me reinicié antes de poder hacer su pedido anterior, y no se hizo/);
    expect(logged(again, "discord.inbox.taken_over")).toBe(1);
    expect(again.output()).not.toContain(`"level":"error"`);
    expect(fake!.refused).toEqual([]);
  });

  it("killed after keeping an interaction but before Discord heard the deferral: its work is not done behind the person's back", async () => {
    const { env, url, user } = await databaseWithOneUser("undeferred");
    const doomed = await connected({ ...env, UH_TEST_CRASH_AT: "discord.beforeDefer" });
    const tag = `undeferred-${nextId()}`;
    const interaction = remind(user, tag, "en-US");
    fake!.dispatch(interaction);
    expect(await doomed.exited).toBe("SIGKILL");
    // Never acknowledged: Discord tells the person the bot did not respond.
    expect(fake!.callbacks.filter((c) => c.interactionId === interaction.id)).toEqual([]);
    const again = await startedAgain(env);
    await onceTheInboxEmptied(url, async (store) => {
      expect(await remindersLeftBy(store, tag)).toEqual({ jobs: 0, audits: 0 });
    });
    expect(answersTo(interaction.token)).toEqual([]);
    expect(logged(again, "discord.inbox.taken_over")).toBe(1);
    expect(logged(again, "discord.inbox.unacknowledged")).toBe(1);
    expect(again.output()).not.toContain(`"level":"error"`);
    // The one request Discord refuses: asking for the original response of an interaction never answered.
    expect(fake!.refused.splice(0).map((r) => `${r.method} ${r.code}`)).toEqual(["GET 10008"]);
  });

  it("drops what Discord no longer takes an answer for (the token's 15 minutes), with an audit entry", async () => {
    const { env, url, interaction } = await killedAfterDeferral("late", "dispatch.afterWork", "en-US");
    // Fifteen minutes on, for Discord too: an answer with this token would be refused (50027).
    fake!.advance(15 * 60_000);
    const again = await spawnBot({ ...env, UH_CLOCK_OFFSET_MS: String(15 * 60_000) });
    bots.push(again);
    await onceTheInboxEmptied(url, async (store) => {
      expect(await count(store, `SELECT count(*) AS "n" FROM "AuditEntry" WHERE "action" = 'inbox.expired' AND "subjectType" = 'discord_request' AND "subjectId" = ?`, `discord:${interaction.id}`)).toBe(1);
    });
    expect(answersTo(interaction.token)).toEqual([]);
    expect(logged(again, "discord.inbox.expired")).toBe(1);
    expect(fake!.refused).toEqual([]);
  });
});
