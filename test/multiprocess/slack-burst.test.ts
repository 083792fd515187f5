// A burst of signed Slack slash commands and button clicks split across two, then three real bot
// processes on one PostgreSQL, each request's Slack retry sent to a different process than the
// original at the same moment: every command is done once (one reminder, one audit entry), every
// click once (one cancellation, one audit entry), whichever process gets there first. What makes
// it so is the database, not luck: a delivery's claim is one guarded upsert on a unique key, and a
// once-only button is consumed by one guarded statement.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { data } from "../../db/data.ts";
import { FakeSlack } from "../fakes/slack.ts";
import {
  answersAt,
  buttonClick,
  buttonsIn,
  count,
  demoDatabase,
  killAll,
  linkSlackPeople,
  postSigned,
  skipReason,
  slackEnv,
  slashCommand,
  spawnBots,
  textOf,
  waitUntil,
  type BotProcess,
  type Database,
  type SlackPerson,
} from "./fleet.ts";

/** Job ids as the audit log's text subject ids. */
const inList = (ids: readonly number[]) => ids.map((id) => `'${id}'`).join(",");

const skip = skipReason("the Slack burst across bot processes on PostgreSQL");

describe.skipIf(Boolean(skip))("a Slack burst across bot processes on one PostgreSQL", { timeout: 120_000 }, () => {
  let db: Database;
  let fake: FakeSlack;
  let people: SlackPerson[];
  let bots: BotProcess[] = [];

  beforeAll(async () => {
    db = await demoDatabase("burst");
    fake = await new FakeSlack().start();
    people = await linkSlackPeople(db.store, fake, 30);
    // No refusal for a queue that looks long on a loaded machine: every request must be worked.
    bots = await spawnBots(3, slackEnv(fake, db.url, { QUEUE_MAX_WAIT_SECONDS: "600" }));
  }, 180_000);

  afterAll(async () => {
    killAll(bots);
    // Whatever Slack would have refused (a bad block, a used-up response_url) fails the file.
    if (fake) expect(fake.rules.unexpected()).toEqual([]);
    await fake?.stop();
    await db?.stop();
  });

  /**
   * Sends `n` reminders, the i-th to process i mod `over`, and at the same moment Slack's retry of
   * the same request to the next process; waits until both were answered at the response_url.
   */
  async function burst(tag: string, n: number, over: number) {
    const sent = Array.from({ length: n }, (_, i) => {
      const who = people[i % people.length]!;
      return { i, who, ...slashCommand(fake, who.userId, "/unionhall", `remind "in 3 hours" me ${tag}-${i} bring the sign-in sheets`) };
    });
    const statuses = await Promise.all(sent.flatMap((s) => [postSigned(bots[s.i % over]!.port, s.body), postSigned(bots[(s.i + 1) % over]!.port, s.body, 1)]));
    expect(statuses.filter((st) => st !== 200)).toEqual([]);
    await waitUntil(`${n} commands and their retries answered`, () => sent.every((s) => answersAt(fake, s.responseId).length >= 2), 90_000);
    return sent;
  }

  /** The one reminder the command made, and that each answer at its response_url names it and no other. */
  async function onceEach(tag: string, sent: Awaited<ReturnType<typeof burst>>): Promise<Map<number, number>> {
    const jobs = await data(db.store).all<{ id: number; payload: string; personId: number }>(
      `SELECT "id", "payload", "personId" FROM "ScheduledJob" WHERE "kind" = 'unionhall.reminder' AND "payload" LIKE ?`,
      `%${tag}-%`,
    );
    const byIndex = new Map<number, number[]>();
    for (const j of jobs) {
      const i = Number(new RegExp(`${tag}-(\\d+) `).exec(j.payload)![1]);
      byIndex.set(i, [...(byIndex.get(i) ?? []), j.id]);
    }
    const once = new Map<number, number>();
    for (const s of sent) {
      const ids = byIndex.get(s.i) ?? [];
      expect(ids, `${tag}-${s.i}`).toHaveLength(1);
      once.set(s.i, ids[0]!);
      expect(jobs.find((j) => j.id === ids[0])!.personId).toBe(s.who.personId);
      // The original's answer and the retry's: this reminder's confirmation (at least once), and
      // otherwise "still working" (while the other ran) or "already done, nothing changed".
      const said = answersAt(fake, s.responseId).map(textOf);
      expect(said.filter((t) => t.includes(`Reminder #${ids[0]}:`))).not.toHaveLength(0);
      for (const t of said) expect(t).toMatch(new RegExp(`Reminder #${ids[0]}:|still working|Nothing was changed`));
    }
    const audits = await count(db.store, `SELECT count(*) AS "n" FROM "AuditEntry" WHERE "action" = 'reminder.schedule' AND "subjectId" IN (${inList([...once.values()])})`);
    expect(audits).toBe(sent.length);
    return once;
  }

  it("two processes: 60 commands, each retried by Slack on the other process, each done once", async () => {
    const sent = await burst("two", 60, 2);
    await onceEach("two", sent);
    // Both took part.
    for (const b of bots.slice(0, 2)) expect(b.output()).not.toContain(`"level":"error"`);
  });

  it("three processes: 90 commands and 90 cancel clicks, each with Slack's retry on another process and a double click on the third, each done once", async () => {
    const sent = await burst("three", 90, 3);
    const jobs = await onceEach("three", sent);
    // Each reminder's Cancel button, as its confirmation showed it.
    const clicks = sent.map((s) => {
      const answer = answersAt(fake, s.responseId).find((a) => textOf(a).includes(`Reminder #${jobs.get(s.i)}:`))!;
      const cancel = buttonsIn(answer).find((b) => /cancel/i.test(b.label))!;
      expect(cancel, `the Cancel button of three-${s.i}`).toBeDefined();
      return { ...s, first: buttonClick(fake, s.who.userId, cancel.actionId), again: buttonClick(fake, s.who.userId, cancel.actionId) };
    });
    const statuses = await Promise.all(
      clicks.flatMap((c) => [
        postSigned(bots[c.i % 3]!.port, c.first.body),
        postSigned(bots[(c.i + 1) % 3]!.port, c.first.body, 1),
        postSigned(bots[(c.i + 2) % 3]!.port, c.again.body),
      ]),
    );
    expect(statuses.filter((st) => st !== 200)).toEqual([]);
    await waitUntil("every click answered", () => clicks.every((c) => answersAt(fake, c.first.responseId).length >= 2 && answersAt(fake, c.again.responseId).length >= 1), 90_000);
    const ids = [...jobs.values()];
    expect(await count(db.store, `SELECT count(*) AS "n" FROM "ScheduledJob" WHERE "status" = 'cancelled' AND "id" IN (${ids.join(",")})`)).toBe(ids.length);
    expect(await count(db.store, `SELECT count(*) AS "n" FROM "AuditEntry" WHERE "action" = 'reminder.cancel' AND "subjectId" IN (${inList(ids)})`)).toBe(ids.length);
    // Of each reminder's two clicks, one cancelled it; the other was told it was used already.
    for (const c of clicks) {
      const said = [...answersAt(fake, c.first.responseId), ...answersAt(fake, c.again.responseId)].map(textOf).join("\n");
      expect(said).toMatch(/cancelled/i);
    }
    for (const b of bots) expect(b.output()).not.toContain(`"level":"error"`);
  });
});
