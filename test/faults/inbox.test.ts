// A bot process on its own database killed with SIGKILL while acknowledged Slack commands wait in
// its queue, then started again on the same database. Slack never sends an acknowledged request
// again: the restarted process takes over what its last life acknowledged and did not answer, and
// answers each through the stored response_url, done exactly once (work done before the kill is
// not redone; the person hears it was done). Past Slack's 30 minutes, a request is dropped with
// an audit entry instead. On the embedded SQLite file, or PostgreSQL under TEST_ENGINE=postgres.
import path from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { ackedCount } from "../../db/acked-work.ts";
import { data } from "../../db/data.ts";
import { openStore, type Store } from "../../db/store.ts";
import { FakeSlack } from "../fakes/slack.ts";
import { TEST_KEY } from "../contacts/setup.ts";
import { seededStore, tempDir } from "../helpers/store.ts";
import { storeUrl } from "../helpers/tamper.ts";
import { answersAt, count, killAll, linkSlackPeople, logged, postSigned, remindersLeftBy, slackCommandsFor, slackEnv, spawnBot, textOf, type BotProcess, waitUntil } from "../multiprocess/fleet.ts";

const bots: BotProcess[] = [];
let fake: FakeSlack | undefined;

afterEach(() => killAll(bots));
afterAll(async () => {
  killAll(bots);
  await fake?.stop();
});


/**
 * A seeded database with Slack people linked, and a bot on it that kills itself (SIGKILL) as the
 * first command's work commits, before its answer: the other commands are acknowledged and queued.
 */
async function killedWithQueuedWork(hint: string) {
  fake ??= await new FakeSlack().start();
  const setup = await seededStore(path.join(tempDir(`uh-inbox-${hint}-`), "x.db"));
  const people = await linkSlackPeople(setup, fake, 5);
  const url = storeUrl(setup);
  await setup.close();
  const env = slackEnv(fake, url, { MEMBER_DATA_KEY: TEST_KEY });
  const doomed = await spawnBot({ ...env, UH_TEST_CRASH_AT: "dispatch.afterWork" });
  bots.push(doomed);
  const commands = slackCommandsFor(fake, people, 12, hint);
  await Promise.all(commands.map(async (c) => (c.status = await postSigned(doomed.port, c.body))));
  expect(await doomed.exited).toBe("SIGKILL");
  const acked = commands.filter((c) => c.status === 200);
  // The kill came with the first work done: every acknowledged command is still unanswered.
  expect(acked.length).toBeGreaterThan(1);
  for (const c of acked) expect(answersAt(fake, c.responseId), c.tag).toEqual([]);
  return { env, url, acked };
}

describe("a bot killed with acknowledged Slack commands in its queue, started again", { timeout: 240_000 }, () => {
  it("takes over its own acknowledged commands: each done exactly once and answered", async () => {
    const { env, url, acked } = await killedWithQueuedWork("restart");
    // Started "a minute later" (its clock ahead): the dead life's leases have lapsed.
    const again = await spawnBot({ ...env, UH_CLOCK_OFFSET_MS: "60000" });
    bots.push(again);
    await waitUntil("every acknowledged command answered", () => acked.every((c) => answersAt(fake!, c.responseId).length > 0), 120_000);
    const store = await openStore(url);
    try {
      let doneBeforeKill = 0;
      for (const c of acked) {
        expect(await remindersLeftBy(store, c.tag), c.tag).toEqual({ jobs: 1, audits: 1 });
        const said = answersAt(fake!, c.responseId).map(textOf).join(" ");
        if (/restarted before I could answer/.test(said)) doneBeforeKill++;
        else expect(said, c.tag).toMatch(/Reminder #\d+:/);
      }
      // Work that committed before the kill is not redone: the person hears it was done.
      expect(doneBeforeKill).toBeGreaterThanOrEqual(1);
      await waitUntil("the inbox emptied", async () => (await ackedCount(data(store))) === 0, 30_000);
    } finally {
      await store.close();
    }
    expect(logged(again, "slack.inbox.taken_over")).toBe(acked.length);
    expect(again.output()).not.toContain(`"level":"error"`);
    expect(fake!.rules.unexpected()).toEqual([]);
  });

  it("drops what Slack no longer takes an answer for (past 30 minutes), with an audit entry", async () => {
    const { env, url, acked } = await killedWithQueuedWork("late");
    const again = await spawnBot({ ...env, UH_CLOCK_OFFSET_MS: String(31 * 60_000) });
    bots.push(again);
    const store = await openStore(url);
    try {
      await waitUntil("the inbox emptied", async () => (await ackedCount(data(store))) === 0, 60_000);
      expect(await count(store, `SELECT count(*) AS "n" FROM "AuditEntry" WHERE "action" = 'inbox.expired'`)).toBe(acked.length);
    } finally {
      await store.close();
    }
    for (const c of acked) expect(answersAt(fake!, c.responseId), c.tag).toEqual([]);
    expect(logged(again, "slack.inbox.expired")).toBe(acked.length);
  });
});
