// A bot process killed with SIGKILL in the middle of a burst of Slack commands, another process on
// the same PostgreSQL carrying on. Slack acknowledges first and works after, so at the kill some
// commands were answered, some acknowledged and in the middle of their work, some queued, and some
// never acknowledged. Whatever the kill interrupted is whole or absent, never half-written (a
// reminder and its audit entry commit together); every answered command is done; the survivor
// takes over what the dead process had acknowledged and not answered (Slack never sends that
// again) and answers each, done exactly once; and Slack's retries of the requests the dead process
// never acknowledged, sent to the survivor, are each done exactly once.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { data } from "../../db/data.ts";
import { ackedCount } from "../../db/acked-work.ts";
import { TEST_KEY } from "../contacts/setup.ts";
import { FakeSlack } from "../fakes/slack.ts";
import { answersAt, demoDatabase, killAll, linkSlackPeople, logged, postSigned, skipReason, slackEnv, slashCommand, spawnBots, textOf, waitUntil, type BotProcess, type Database, type SlackPerson } from "./fleet.ts";

const skip = skipReason("a bot process killed mid-burst on PostgreSQL");

describe.skipIf(Boolean(skip))("a bot process killed with SIGKILL mid-burst, on one PostgreSQL", { timeout: 240_000 }, () => {
  let db: Database;
  let fake: FakeSlack;
  let people: SlackPerson[];
  let bots: BotProcess[] = [];

  beforeAll(async () => {
    db = await demoDatabase("kill");
    fake = await new FakeSlack().start();
    people = await linkSlackPeople(db.store, fake, 30);
    bots = await spawnBots(2, slackEnv(fake, db.url, { QUEUE_MAX_WAIT_SECONDS: "600", MEMBER_DATA_KEY: TEST_KEY }));
  }, 180_000);

  afterAll(async () => {
    killAll(bots);
    // Whatever Slack would have refused (a bad block, a used-up response_url) fails the file.
    if (fake) expect(fake.rules.unexpected()).toEqual([]);
    await fake?.stop();
    await db?.stop();
  });

  /** What one command left in the database: its reminders, and their audit entries. */
  async function leftBy(tag: string): Promise<{ jobs: number[]; audits: number }> {
    const jobs = (await data(db.store).all<{ id: number }>(`SELECT "id" FROM "ScheduledJob" WHERE "kind" = 'unionhall.reminder' AND "payload" LIKE ?`, `%"${tag} %`)).map((j) => j.id);
    const audits = jobs.length
      ? Number((await data(db.store).one<{ n: number | string }>(`SELECT count(*) AS "n" FROM "AuditEntry" WHERE "action" = 'reminder.schedule' AND "subjectId" IN (${jobs.map((id) => `'${id}'`).join(",")})`))!.n)
      : 0;
    return { jobs, audits };
  }

  it("answered commands are done, interrupted ones whole or absent, and Slack's retries on the survivor done once", async () => {
    const [doomed, survivor] = bots as [BotProcess, BotProcess];
    const command = (i: number) => {
      const who = people[i % people.length]!;
      const tag = `kill-${i}`;
      return { i, tag, ...slashCommand(fake, who.userId, "/unionhall", `remind "in 4 hours" me ${tag} call the member back`), status: -1 };
    };
    const first = Array.from({ length: 80 }, (_, i) => command(i));
    const acked = first.map((c) => postSigned(doomed.port, c.body).then((s) => (c.status = s)));
    // Killed once some answers are out and the rest are still in its queue or in flight.
    await waitUntil("the first answers", () => first.filter((c) => answersAt(fake, c.responseId).length > 0).length >= 8, 60_000);
    const second = Array.from({ length: 40 }, (_, i) => command(80 + i));
    const late = second.map((c) => postSigned(doomed.port, c.body).then((s) => (c.status = s)));
    doomed.child.kill("SIGKILL");
    expect(await doomed.exited).toBe("SIGKILL");
    await Promise.all([...acked, ...late]);
    const all = [...first, ...second];
    const answered = all.filter((c) => answersAt(fake, c.responseId).some((a) => /Reminder #\d+:/.test(textOf(a))));
    const unacked = all.filter((c) => c.status !== 200);
    console.log(`at the kill: ${answered.length} answered, ${all.length - answered.length - unacked.length} acknowledged but unanswered, ${unacked.length} never acknowledged`);
    expect(answered.length).toBeGreaterThanOrEqual(8);
    expect(answered.length).toBeLessThan(all.length);

    // Whole or absent, and every answered command done.
    let doneUnanswered = 0;
    for (const c of all) {
      const left = await leftBy(c.tag);
      if (c.status === 200 && !answered.includes(c) && left.jobs.length) doneUnanswered++;
      expect(left.jobs.length, c.tag).toBeLessThanOrEqual(1);
      expect(left.audits, c.tag).toBe(left.jobs.length);
      if (answered.includes(c)) {
        expect(left.jobs, c.tag).toHaveLength(1);
        expect(answersAt(fake, c.responseId).map(textOf).join(" ")).toContain(`Reminder #${left.jobs[0]}:`);
      }
    }

    console.log(`acknowledged but unanswered: ${doneUnanswered} done before the kill, the rest not yet`);

    // What the dead process acknowledged and had not answered is taken over by the survivor once
    // its lease lapses (Slack never sends an acknowledged request again): each is done exactly
    // once and answered, with the reminder, or, when it was done before the kill and only its
    // answer was lost, with word that it was done.
    const ackedUnanswered = all.filter((c) => c.status === 200 && !answered.includes(c));
    expect(ackedUnanswered.length).toBeGreaterThan(0);
    const doneBefore = new Set<string>();
    for (const c of ackedUnanswered) if ((await leftBy(c.tag)).jobs.length) doneBefore.add(c.tag);
    await waitUntil("the acknowledged commands taken over and answered", () => ackedUnanswered.every((c) => answersAt(fake, c.responseId).length > 0), 120_000);
    for (const c of ackedUnanswered) {
      const left = await leftBy(c.tag);
      expect(left, c.tag).toEqual({ jobs: [expect.any(Number)], audits: 1 });
      const said = answersAt(fake, c.responseId).map(textOf).join(" ");
      if (doneBefore.has(c.tag)) expect(said, c.tag).toMatch(new RegExp(`Reminder #${left.jobs[0]}:|restarted before I could answer`));
      else expect(said, c.tag).toContain(`Reminder #${left.jobs[0]}:`);
    }
    expect(logged(survivor, "slack.inbox.taken_over")).toBeGreaterThanOrEqual(ackedUnanswered.length);

    // Slack retries what was never acknowledged; this time the survivor gets it, with its retry headers.
    const retried = await Promise.all(unacked.map((c) => postSigned(survivor.port, c.body, 1)));
    expect(retried.filter((s) => s !== 200)).toEqual([]);
    await waitUntil("the retries answered", () => unacked.every((c) => answersAt(fake, c.responseId).length > 0), 60_000);
    for (const c of unacked) {
      const left = await leftBy(c.tag);
      expect(left, c.tag).toEqual({ jobs: [expect.any(Number)], audits: 1 });
    }
    // The survivor carried on throughout: a new command is answered.
    const after = slashCommand(fake, people[0]!.userId, "/unionhall", `remind "in 4 hours" me kill-after all is well`);
    expect(await postSigned(survivor.port, after.body)).toBe(200);
    await waitUntil("the survivor's answer", () => answersAt(fake, after.responseId).length > 0);
    expect((await leftBy("kill-after")).jobs).toHaveLength(1);
    await waitUntil("every acknowledged request settled", async () => (await ackedCount(data(db.store))) === 0, 30_000);
    expect(survivor.output()).not.toContain(`"level":"error"`);
  });
});
