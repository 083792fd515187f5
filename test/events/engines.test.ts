// The events area's statements on both engines (SQLite and a real PostgreSQL): events and their
// series, audiences and lists, answers with the waiting list and promotion, check-in, editing and
// cancelling with the jobs they bring, feeds, the turnout report and the start-up repair. Then the
// race the seat rule exists for: many people answering Going at the same instant for the last
// places, through one data layer on both engines and, on PostgreSQL, through two stores (two
// connection pools, as two bot processes would have) on the same database.
import { expect, it } from "vitest";
import { data, transaction, type Db } from "../../db/data.ts";
import {
  answer,
  answerDates,
  attendeeIds,
  attendees,
  audienceOf,
  cancelEvent,
  channelsFor,
  checkIn,
  counts,
  createEvent,
  editEvent,
  eventById,
  followChannel,
  goingEvents,
  knownEmployerGroup,
  knownRegion,
  messageAttendees,
  newFeedToken,
  personByFeedToken,
  publicEvents,
  reminderKey,
  repairOlderReminderKeys,
  restOfSeries,
  revokeFeedTokens,
  rsvpOf,
  seriesDates,
  subLocalAudience,
  turnout,
  unfollowChannel,
  upcomingFor,
  upcomingForAudience,
  type EventPatch,
  type EventRow,
  type NewEvent,
} from "../../db/events.ts";
import { openStore, type Store } from "../../db/store.ts";
import { describeOnBothEngines } from "../helpers/both-engines.ts";
import { storeUrl } from "../helpers/tamper.ts";

const TZ = "America/Los_Angeles";
const now = new Date("2026-11-23T17:00:00.000Z");
const day = (d: number, h = 2) => new Date(Date.UTC(2026, 11, d, h));

async function subLocal(db: Db, code: string, group: string, region: string): Promise<number> {
  return (await db.one<{ id: number }>(`INSERT INTO "SubLocal" ("code", "name", "employerGroup", "region", "createdAt") VALUES (?, ?, ?, ?, ?) RETURNING "id"`, code, `Sub-local ${code}`, group, region, now))!.id;
}

async function person(db: Db, n: string, last: string, subLocalId: number | null = null): Promise<number> {
  return (await db.one<{ id: number }>(`INSERT INTO "Person" ("memberNumber", "firstName", "lastName", "subLocalId", "updatedAt") VALUES (?, 'Test', ?, ?, ?) RETURNING "id"`, n, last, subLocalId, now))!.id;
}

async function people(db: Db, prefix: string, n: number): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < n; i++) ids.push(await person(db, `${prefix}${String(i).padStart(3, "0")}`, `${prefix}-${i}`));
  return ids;
}

const event = (organiserId: number, o: Partial<NewEvent> = {}): NewEvent => ({
  title: "Stewards' training",
  description: null,
  kind: "training",
  link: null,
  place: "Union hall",
  audienceType: "statewide",
  audienceId: null,
  capacity: null,
  language: "en",
  organiserId,
  startsAt: day(3),
  endsAt: day(3, 4),
  rsvpDeadline: null,
  isPublic: false,
  repeat: null,
  ...o,
});

const create = (store: Store, e: NewEvent) => transaction(store, (tx) => createEvent(tx, store, e, now, TZ));
const say = async (store: Store, eventId: number, personId: number, want: "going" | "maybe" | "cant") => {
  const e = (await eventById(data(store), eventId))!;
  return transaction(store, (tx) => answer(tx, store, e, personId, want, now, TZ));
};
const jobKeys = async (db: Db, prefix: string) =>
  (await db.all<{ idempotencyKey: string; status: string }>(`SELECT "idempotencyKey", "status" FROM "ScheduledJob" WHERE "idempotencyKey" LIKE ? ORDER BY "id"`, `${prefix}%`)).map((j) => `${j.idempotencyKey} ${j.status}`);

/** Exactly `capacity` going, the rest waiting, one row per person, nobody twice. */
async function seatsHold(db: Db, eventId: number, capacity: number, answered: number): Promise<void> {
  expect(await counts(db, eventId)).toMatchObject({ going: capacity, waitlist: answered - capacity });
  expect(await db.one(`SELECT count(*) AS n, count(DISTINCT "personId") AS d FROM "EventRsvp" WHERE "eventId" = ?`, eventId)).toEqual({ n: answered, d: answered });
}

/** Who holds a seat, and who waits in the order they are promoted. */
async function seats(db: Db, eventId: number): Promise<{ going: number[]; line: number[] }> {
  const rows = await db.all<{ personId: number; status: string }>(`SELECT "personId", "status" FROM "EventRsvp" WHERE "eventId" = ? ORDER BY "waitSince", "id"`, eventId);
  return { going: rows.filter((r) => r.status === "going").map((r) => r.personId), line: rows.filter((r) => r.status === "waitlist").map((r) => r.personId) };
}

describeOnBothEngines("events data", ({ engine, skip, store }) => {
  it.skipIf(skip)("events, series and audiences: created with their jobs, listed for whoever may attend", async () => {
    const db = data(store());
    const sl = await subLocal(db, "SL-083", "State agencies", "Willamette");
    await subLocal(db, "SL-140", "Universities", "Coast");
    const pat = await person(db, "100001", "Larsen", sl);
    const ana = await person(db, "100002", "Reyes", sl);
    expect(await audienceOf(db, ana)).toEqual({ subLocal: "SL-083", employerGroup: "State agencies", region: "Willamette" });
    expect(await subLocalAudience(db, "sl-083")).toEqual({ subLocal: "SL-083", employerGroup: "State agencies", region: "Willamette" });
    expect(await subLocalAudience(db, "SL-999")).toBeUndefined();
    expect(await knownEmployerGroup(db, "state AGENCIES")).toBe("State agencies");
    expect(await knownRegion(db, "coast")).toBe("Coast");
    expect(await knownRegion(db, "Mars")).toBeUndefined();

    const followed = await transaction(store(), (tx) => followChannel(tx, { platform: "slack", workspaceId: "T1", channelId: "C-083" }, { scopeType: "sublocal", scopeId: "SL-083" }, pat, now));
    expect(followed).toBe(true);
    expect(await transaction(store(), (tx) => followChannel(tx, { platform: "slack", workspaceId: "T1", channelId: "C-083" }, { scopeType: "sublocal", scopeId: "SL-083" }, pat, now))).toBe(false);
    await transaction(store(), (tx) => followChannel(tx, { platform: "slack", workspaceId: "T1", channelId: "C-coast" }, { scopeType: "region", scopeId: "Coast" }, pat, now));
    expect((await channelsFor(db, { audienceType: "region", audienceId: "Willamette" })).map((c) => c.channelId)).toEqual(["C-083"]);
    expect((await channelsFor(db, { audienceType: "statewide", audienceId: null })).map((c) => c.channelId)).toEqual(["C-083", "C-coast"]);

    const rally = await create(store(), event(pat, { title: "Capitol rally", kind: "rally", isPublic: true, capacity: 40 }));
    expect(rally.channels).toBe(2);
    const weekly = await create(store(), event(pat, { title: "Steward hour", audienceType: "sublocal", audienceId: "SL-083", repeat: "weekly", rsvpDeadline: day(2, 2) }));
    expect(weekly.ids).toHaveLength(12);
    const closed = await create(store(), event(pat, { title: "Coast meeting", audienceType: "region", audienceId: "Coast", startsAt: day(4), endsAt: day(4, 3) }));

    const r = (await eventById(db, rally.ids[0]!))!;
    expect(r).toMatchObject({ title: "Capitol rally", kind: "rally", capacity: 40, isPublic: 1, repeat: null, seriesId: null, status: "scheduled", organiserId: pat, startsAt: "2026-12-03T02:00:00.000+00:00" });
    expect(r.checkinCode).toMatch(/^\d{6}$/);
    const first = (await eventById(db, weekly.ids[0]!))!;
    expect(first).toMatchObject({ repeat: "weekly", seriesId: weekly.ids[0], isPublic: 0, rsvpDeadline: "2026-12-02T02:00:00.000+00:00" });
    // The same local time each week, across the change back from daylight saving time too.
    const dates = await seriesDates(db, first);
    expect(dates.map((d) => d.id)).toEqual(weekly.ids);
    expect(dates[1]).toMatchObject({ seriesId: weekly.ids[0], repeat: null, startsAt: "2026-12-10T02:00:00.000+00:00", rsvpDeadline: "2026-12-09T02:00:00.000+00:00" });
    expect(await restOfSeries(db, dates[10]!)).toEqual(weekly.ids.slice(10));
    expect(await restOfSeries(db, r)).toEqual([r.id]);
    expect(await seriesDates(db, r)).toEqual([r]);

    // Each event: its check-in list for the organiser; one announcement per channel, the series' once.
    expect(await jobKeys(db, "event.checkin:")).toHaveLength(14);
    expect(await jobKeys(db, "event.announce:")).toEqual([`event.announce:${r.id}:1 pending`, `event.announce:${r.id}:2 pending`, `event.announce:${weekly.ids[0]}:1 pending`, `event.announce:${closed.ids[0]}:2 pending`]);

    await say(store(), weekly.ids[0]!, ana, "going");
    const upcoming = await upcomingFor(db, ana, await audienceOf(db, ana), now, 3);
    expect(upcoming.map((e) => [e.id, e.mine])).toEqual([[r.id, null], [weekly.ids[0], "going"], [weekly.ids[1], null]]);
    // A board director over the Coast region also sees that region's events.
    const also = await upcomingFor(db, ana, await audienceOf(db, ana), now, 3, { employerGroups: [], regions: ["Coast"] });
    expect(also.map((e) => e.id)).toEqual([r.id, weekly.ids[0], closed.ids[0]]);
    expect((await upcomingForAudience(db, (await subLocalAudience(db, "SL-140"))!, now)).map((e) => e.id)).toEqual([r.id, closed.ids[0]]);
    expect((await upcomingFor(db, ana, await audienceOf(db, ana), day(31), 50)).map((e) => e.id)).toEqual(weekly.ids.slice(4));
    expect((await publicEvents(db, now)).map((e) => e.id)).toEqual([r.id]);

    expect(await unfollowChannel(db, { platform: "slack", workspaceId: "T1", channelId: "C-coast" }, now)).toBe(1);
    expect(await unfollowChannel(db, { platform: "slack", workspaceId: "T1", channelId: "C-coast" }, now)).toBe(0);
  });

  it.skipIf(skip)("answers: a full event puts the next on the waiting list; a seat given up goes to the first in line, with reminders and a message", async () => {
    const db = data(store());
    const [pat, a, b, c, d] = await people(db, "2", 5);
    const sl200 = { audienceType: "sublocal", audienceId: "SL-200" };
    const [id] = (await create(store(), event(pat!, { capacity: 2, ...sl200 }))).ids as [number];
    expect(await say(store(), id, a!, "going")).toEqual({ status: "going", changed: true, promotedId: null });
    expect(await say(store(), id, a!, "going")).toEqual({ status: "going", changed: false, promotedId: null });
    expect(await say(store(), id, b!, "maybe")).toMatchObject({ status: "maybe", changed: true });
    expect(await say(store(), id, b!, "going")).toMatchObject({ status: "going", changed: true });
    expect(await say(store(), id, c!, "going")).toMatchObject({ status: "waitlist", changed: true });
    expect(await say(store(), id, c!, "going")).toMatchObject({ status: "waitlist", changed: false });
    expect(await say(store(), id, d!, "going")).toMatchObject({ status: "waitlist" });
    expect(await counts(db, id)).toEqual({ going: 2, maybe: 0, cant: 0, waitlist: 2, attended: 0 });
    expect((await attendees(db, id)).map((p) => [p.personId, p.status])).toEqual([[a, "going"], [b, "going"], [c, "waitlist"], [d, "waitlist"]]);
    expect(await jobKeys(db, `event.reminder:${id}:${c}:`)).toEqual([]);

    // The first to go gives up a seat: the first in line (c) takes it, reminded and told.
    expect(await say(store(), id, a!, "cant")).toEqual({ status: "cant", changed: true, promotedId: c });
    expect(await rsvpOf(db, id, c!)).toEqual({ status: "going", attendedAt: null });
    expect(await counts(db, id)).toMatchObject({ going: 2, cant: 1, waitlist: 1 });
    const startsAt = day(3).getTime();
    expect(await jobKeys(db, `event.reminder:${id}:`)).toEqual([
      `event.reminder:${id}:${a}:day:${startsAt} cancelled`,
      `event.reminder:${id}:${a}:hour:${startsAt} cancelled`,
      `event.reminder:${id}:${b}:day:${startsAt} pending`,
      `event.reminder:${id}:${b}:hour:${startsAt} pending`,
      `event.reminder:${id}:${c}:day:${startsAt} pending`,
      `event.reminder:${id}:${c}:hour:${startsAt} pending`,
    ]);
    expect(await jobKeys(db, `event.promoted:${id}:`)).toEqual([`event.promoted:${id}:p${now.getTime()}:${c} pending`]);
    // Maybe gives up a seat too; nobody is promoted by a Maybe turning Can't.
    expect(await say(store(), id, b!, "maybe")).toMatchObject({ status: "maybe", promotedId: d });
    expect(await say(store(), id, b!, "cant")).toMatchObject({ status: "cant", promotedId: null });

    // Several dates at once: each date counted by the same rule, a full date's line joined.
    const weekly = (await create(store(), event(pat!, { capacity: 1, repeat: "weekly", ...sl200 }))).ids;
    await say(store(), weekly[1]!, d!, "going");
    const dates = await seriesDates(db, (await eventById(db, weekly[0]!))!);
    const all = await transaction(store(), (tx) => answerDates(tx, store(), dates.slice(0, 3), a!, "going", now, TZ));
    expect(all.map((r) => [r.eventId, r.status])).toEqual([[weekly[0], "going"], [weekly[1], "waitlist"], [weekly[2], "going"]]);

    // Check-in: once, and a walk-in without an answer is recorded as such.
    expect(await transaction(store(), (tx) => checkIn(tx, id, c!, day(3)))).toBe(true);
    expect(await transaction(store(), (tx) => checkIn(tx, id, c!, day(3)))).toBe(false);
    const walkIn = await person(db, "2999", "Walk-in");
    expect(await transaction(store(), (tx) => checkIn(tx, id, walkIn, day(3)))).toBe(true);
    expect(await rsvpOf(db, id, walkIn)).toEqual({ status: "walk_in", attendedAt: "2026-12-03T02:00:00.000+00:00" });
    expect(await counts(db, id)).toMatchObject({ going: 2, attended: 2 });
    expect(await attendeeIds(db, id)).toEqual([c, d]);
    // Aggregates: the event and the series' four dates before the 31st; five said Going, two came.
    expect(await turnout(db, day(1), day(31), { scopeType: "sublocal", scopeId: "SL-200" })).toEqual([{ month: "2026-12", audience: "sublocal:SL-200", kind: "training", events: 5, rsvped: 5, attended: 2 }]);
    expect(await turnout(db, day(1), day(31), { scopeType: "sublocal", scopeId: "SL-999" })).toEqual([]);
    expect((await turnout(db, day(1), day(31), null)).find((t) => t.audience === "sublocal:SL-200")).toMatchObject({ events: 5 });
  });

  it.skipIf(skip)("an edit: more places go to the line, fewer than going are refused, a new time moves the reminders; a cancel tells everyone once", async () => {
    const db = data(store());
    const [pat, a, b, c] = await people(db, "3", 4);
    const [id] = (await create(store(), event(pat!, { capacity: 1 }))).ids as [number];
    for (const p of [a, b, c]) await say(store(), id, p!, "going");
    const e = (await eventById(db, id))!;
    const patch = (o: Partial<EventPatch>): EventPatch => ({ ...e, startsAt: new Date(e.startsAt), endsAt: new Date(e.endsAt), rsvpDeadline: null, isPublic: false, ...o });
    expect(await transaction(store(), (tx) => editEvent(tx, store(), id, patch({ capacity: 2 }), pat!, now, TZ))).toEqual({ refused: null, answered: [a, b, c], promoted: [b] });
    expect(await transaction(store(), (tx) => editEvent(tx, store(), id, patch({ capacity: 1 }), pat!, now, TZ))).toEqual({ refused: { going: 2 } });
    const moved = day(5);
    expect(await transaction(store(), (tx) => editEvent(tx, store(), id, patch({ capacity: null, startsAt: moved, endsAt: day(5, 4), isPublic: true }), pat!, now, TZ))).toEqual({ refused: null, answered: [a, b, c], promoted: [c] });
    expect(await eventById(db, id)).toMatchObject({ capacity: null, isPublic: 1, startsAt: "2026-12-05T02:00:00.000+00:00" });
    expect((await jobKeys(db, `event.reminder:${id}:${a}:`)).filter((k) => k.endsWith("pending"))).toEqual([`event.reminder:${id}:${a}:day:${moved.getTime()} pending`, `event.reminder:${id}:${a}:hour:${moved.getTime()} pending`]);
    expect(await db.one(`SELECT "dueAt" FROM "ScheduledJob" WHERE "idempotencyKey" = ?`, `event.checkin:${id}`)).toEqual({ dueAt: "2026-12-05T02:00:00.000+00:00" });

    expect(await transaction(store(), (tx) => messageAttendees(tx, store(), id, "Room 5 today", pat!, now, TZ))).toBe(3);
    expect(await transaction(store(), (tx) => cancelEvent(tx, store(), id, pat!, now, TZ))).toEqual({ cancelled: true, told: 3 });
    expect(await transaction(store(), (tx) => cancelEvent(tx, store(), id, pat!, now, TZ))).toEqual({ cancelled: false, told: 0 });
    expect(await eventById(db, id)).toMatchObject({ status: "cancelled", cancelledAt: "2026-11-23T17:00:00.000+00:00" });
    expect((await jobKeys(db, `event.reminder:${id}:`)).filter((k) => k.endsWith("pending"))).toEqual([]);
    expect(await jobKeys(db, `event.checkin:${id}`)).toEqual([`event.checkin:${id} cancelled`]);
    expect(await jobKeys(db, `event.cancelled:${id}:`)).toHaveLength(3);
    // A failure part-way keeps everything as it was: the answer and its jobs roll back together.
    const [f] = (await create(store(), event(pat!, { capacity: 5 }))).ids as [number];
    const fe = (await eventById(db, f))!;
    await expect(
      transaction(store(), async (tx) => {
        await answer(tx, store(), fe, a!, "going", now, TZ);
        throw new Error("disk full");
      }),
    ).rejects.toThrow(/disk full/);
    expect(await rsvpOf(db, f, a!)).toBeUndefined();
    expect(await jobKeys(db, `event.reminder:${f}:`)).toEqual([]);
  });

  it.skipIf(skip)("feeds: one live token per person, only its hash kept; the events they said Going to", async () => {
    const db = data(store());
    const [pat, a] = await people(db, "4", 2);
    const [id] = (await create(store(), event(pat!, { title: "Feed test" }))).ids as [number];
    await say(store(), id, a!, "going");
    const first = await transaction(store(), (tx) => newFeedToken(tx, a!, now));
    expect(await personByFeedToken(db, first)).toBe(a);
    const second = await transaction(store(), (tx) => newFeedToken(tx, a!, now));
    expect(await personByFeedToken(db, first)).toBeUndefined();
    expect(await personByFeedToken(db, second)).toBe(a);
    expect(await db.one(`SELECT count(*) AS n FROM "EventFeedToken" WHERE "tokenHash" = ?`, second)).toEqual({ n: 0 });
    expect((await goingEvents(db, a!, now)).map((e) => e.id)).toEqual([id]);
    expect(await revokeFeedTokens(db, a!, now)).toBe(1);
    expect(await personByFeedToken(db, second)).toBeUndefined();
    expect(await personByFeedToken(db, "not a token")).toBeUndefined();
    // Ten new links asked for at the same instant: one of them is live afterwards, not ten.
    const made = await Promise.all(Array.from({ length: 10 }, () => transaction(store(), (tx) => newFeedToken(tx, a!, now))));
    const live = [];
    for (const raw of made) if ((await personByFeedToken(db, raw)) === a) live.push(raw);
    expect(live).toHaveLength(1);
    expect(await db.one(`SELECT count(*) AS n FROM "EventFeedToken" WHERE "personId" = ? AND "revokedAt" IS NULL`, a)).toEqual({ n: 1 });
  });

  it.skipIf(skip)("start-up repair gives a reminder from before the keys named the start today's key, once", async () => {
    const db = data(store());
    const [pat, a, b] = await people(db, "5", 3);
    const [id] = (await create(store(), event(pat!))).ids as [number];
    const e = (await eventById(db, id))!;
    const older = async (who: number, which: string) =>
      db.run(
        `INSERT INTO "ScheduledJob" ("kind", "platform", "personId", "payload", "dueAt", "timeZone", "status", "attempts", "idempotencyKey", "createdAt", "updatedAt") VALUES ('event.reminder', 'any', ?, ?, ?, ?, 'pending', 0, ?, ?, ?)`,
        who, JSON.stringify({ eventId: id, which }), day(2), TZ, `event.reminder:${id}:${who}:${which}`, now, now,
      );
    await older(a!, "day");
    await say(store(), id, b!, "going");
    await older(b!, "day");
    expect(await repairOlderReminderKeys(store())).toEqual({ reminderKeysRewritten: 1, reminderDuplicatesCancelled: 1 });
    expect(await jobKeys(db, `event.reminder:${id}:${a}:`)).toEqual([`${reminderKey(id, a!, "day", e.startsAt)} pending`]);
    expect(await jobKeys(db, `event.reminder:${id}:${b}:day`)).toEqual([`${reminderKey(id, b!, "day", e.startsAt)} pending`, `event.reminder:${id}:${b}:day cancelled`]);
    expect(await repairOlderReminderKeys(store())).toEqual({ reminderKeysRewritten: 0, reminderDuplicatesCancelled: 0 });
  });

  it.skipIf(skip)("20 people answering Going at once for 5 places: exactly 5 going, 15 waiting, nobody twice; 5 giving up at once promote the first 5 in line", async () => {
    const db = data(store());
    const [pat, ...crowd] = await people(db, "6", 21);
    for (let round = 0; round < 5; round++) {
      const [id] = (await create(store(), event(pat!, { capacity: 5 }))).ids as [number];
      const e = (await eventById(db, id))!;
      const results = await Promise.all(crowd.map((p) => transaction(store(), (tx) => answer(tx, store(), e, p!, "going", now, TZ))));
      expect(results.filter((r) => r.status === "going")).toHaveLength(5);
      await seatsHold(db, id, 5, 20);
      const { going, line } = await seats(db, id);
      const gaveUp = await Promise.all(going.map((p) => transaction(store(), (tx) => answer(tx, store(), e, p, "cant", now, TZ))));
      expect(gaveUp.map((r) => r.promotedId).sort()).toEqual(line.slice(0, 5).sort());
      expect(await counts(db, id)).toMatchObject({ going: 5, cant: 5, waitlist: 10 });
    }
  }, 120_000);

  it.skipIf(skip || engine !== "postgres")("two stores on one PostgreSQL database race for the last seats many times: never overfilled, nobody twice, each promotion once", async () => {
    const first = store();
    // A second data layer with its own connection pool on the same database: as a second bot process.
    // Without the event's row lock (FOR UPDATE) both guards count the same snapshot: 6 going for 5 places in the first round.
    const second = await openStore(storeUrl(first));
    try {
      const db = data(first);
      const [pat, ...crowd] = await people(db, "7", 21);
      for (let round = 0; round < 20; round++) {
        const [id] = (await create(first, event(pat!, { capacity: 5 }))).ids as [number];
        const e = (await eventById(db, id))!;
        const via = (i: number) => (i % 2 === 0 ? first : second);
        // Everyone clicks at once, alternately through each store.
        await Promise.all(crowd.map((p, i) => transaction(via(i), (tx) => answer(tx, via(i), e, p!, "going", now, TZ))));
        await seatsHold(db, id, 5, 20);
        // The five going give up at once (through both stores): the first five in line each get one seat and one message.
        const { going, line } = await seats(db, id);
        await Promise.all(going.map((p, i) => transaction(via(i + 1), (tx) => answer(tx, via(i + 1), e, p, "cant", now, TZ))));
        expect(await counts(db, id)).toMatchObject({ going: 5, cant: 5, waitlist: 10 });
        expect((await seats(db, id)).going.sort()).toEqual(line.slice(0, 5).sort());
        const promoted = await db.all<{ personId: number }>(`SELECT "personId" FROM "ScheduledJob" WHERE "kind" = 'event.promoted' AND "idempotencyKey" LIKE ?`, `event.promoted:${id}:%`);
        expect(promoted.map((p) => p.personId).sort()).toEqual(line.slice(0, 5).sort());
      }
    } finally {
      await second.close();
    }
  }, 300_000);

  it.skipIf(skip)("a channel follows an audience once, even when ten organisers turn it on at the same instant", async () => {
    const db = data(store());
    const pat = (await db.one<{ id: number }>(`SELECT "id" FROM "Person" ORDER BY "id" LIMIT 1`))!.id;
    const now = new Date("2026-12-07T10:00:00.000Z");
    // Ten organisers turn the same statewide follow on at the same instant: one row, one "followed".
    const statewide = { platform: "slack" as const, workspaceId: "T1", channelId: "C-all" };
    const at = await Promise.all(Array.from({ length: 10 }, () => transaction(store(), (tx) => followChannel(tx, statewide, { scopeType: "statewide", scopeId: null }, pat, now))));
    expect(at.filter(Boolean)).toHaveLength(1);
    expect((await db.one<{ n: number }>(`SELECT COUNT(*) AS "n" FROM "EventChannel" WHERE "channelId" = 'C-all' AND "endedAt" IS NULL`))?.n).toBe(1);
    expect(await unfollowChannel(db, statewide, now)).toBe(1);
    // Once ended, the channel may follow again.
    expect(await transaction(store(), (tx) => followChannel(tx, statewide, { scopeType: "statewide", scopeId: null }, pat, now))).toBe(true);
    expect(await unfollowChannel(db, statewide, now)).toBe(1);
  });
});
