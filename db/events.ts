// Events and their RSVPs, on the asynchronous data layer (either engine). Every change that has
// consequences for other people is one transaction (`tx`, opened by the caller) with the durable
// jobs it causes: an event and its announcements, an RSVP and its reminders (or their
// cancellation), a seat given up and the promotion of the first person in line with the message
// telling them.
//
// Seats: every write that changes who holds a seat of an event (an answer, a promotion, an edit of
// the places, a check-in) first locks the event's row (`lockEvent`), and a seat is taken only by a
// guarded statement whose WHERE counts the seats taken (`SEAT_FREE`). Why that can never overfill
// an event, even with two bot processes answering at the same instant:
// - PostgreSQL: `SELECT … FOR UPDATE` on the event row makes a second transaction for the same
//   event wait until the first commits or rolls back. PostgreSQL's default isolation (READ
//   COMMITTED) gives every later statement a fresh snapshot, so the guard of the one that waited
//   counts the seat the first one took. Without the lock, both guards could count the same
//   snapshot (4 of 5 taken) and both insert.
// - SQLite: the transaction is BEGIN IMMEDIATE, which already excludes every other writer on the
//   file (other processes too) until it ends; the lock statement is a plain read there.
import crypto from "node:crypto";
import { addLocalDays, localParts, zonedToUtc } from "./cron.ts";
import { data, transaction, type Db, type Tx } from "./data.ts";
import { dialect } from "./dialect.ts";
import { cancelJobByKeyIn, cancelJobsIn, scheduleJobNowIn, type JobPlatform } from "./jobs.ts";
import type { Store } from "./store.ts";

export const EVENT_JOBS = {
  announce: "event.announce",
  reminder: "event.reminder",
  promoted: "event.promoted",
  message: "event.message",
  cancelled: "event.cancelled",
  checkin: "event.checkin",
  refresh: "event.refresh",
  channelCancelled: "event.channel_cancelled",
} as const;

/** An announcement is edited at most once in this window, however many answers come in it. */
export const REFRESH_WINDOW_MS = 5_000;

export interface PostedAnnouncement {
  jobId: number;
  platform: JobPlatform;
  workspaceId: string | null;
  channelId: string;
  messageId: string;
}

/** The channel messages that announced this event (the announce jobs delivered, with their message ids). */
export async function postedAnnouncements(db: Db, eventId: number): Promise<PostedAnnouncement[]> {
  const rows = await db.all<PostedAnnouncement>(
    `SELECT "id" AS "jobId", "platform", "workspaceId", "channelId", "messageId" FROM "ScheduledJob"
      WHERE "kind" = ? AND "idempotencyKey" LIKE ? AND "status" = 'sent' AND "messageId" IS NOT NULL AND "channelId" IS NOT NULL ORDER BY "id"`,
    EVENT_JOBS.announce, `${EVENT_JOBS.announce}:${eventId}:%`,
  );
  return rows.filter((a) => !a.messageId.includes(","));
}

/**
 * Keeps the event's announcements current: an edit of each one, due at the end of the current
 * window, so a burst of answers makes one edit per message (the key is per window). `now: true`
 * edits at once (a cancellation).
 */
export async function refreshAnnouncements(tx: Tx, store: Store, eventId: number, now: Date, timeZone: string, o: { immediately?: boolean } = {}): Promise<number> {
  const posted = await postedAnnouncements(tx, eventId);
  const window = Math.floor(now.getTime() / REFRESH_WINDOW_MS);
  for (const a of posted) {
    await scheduleJobNowIn(tx, store, {
      kind: EVENT_JOBS.refresh,
      target: { platform: a.platform, workspaceId: a.workspaceId ?? "", channelId: a.channelId },
      payload: { eventId, messageId: a.messageId },
      dueAt: o.immediately ? now : new Date((window + 1) * REFRESH_WINDOW_MS),
      timeZone,
      idempotencyKey: o.immediately ? `${EVENT_JOBS.refresh}:${eventId}:${a.jobId}:now:${now.getTime()}` : `${EVENT_JOBS.refresh}:${eventId}:${a.jobId}:${window}`,
    });
  }
  return posted.length;
}

export type RsvpStatus = "going" | "maybe" | "cant" | "waitlist" | "walk_in";
export type Answer = "going" | "maybe" | "cant";

export interface EventRow {
  id: number;
  title: string;
  description: string | null;
  kind: string;
  startsAt: string;
  endsAt: string;
  link: string | null;
  place: string | null;
  audienceType: string;
  audienceId: string | null;
  capacity: number | null;
  rsvpDeadline: string | null;
  language: string;
  isPublic: number;
  repeat: string | null;
  seriesId: number | null;
  checkinCode: string;
  organiserId: number;
  status: "scheduled" | "cancelled";
  createdAt: string;
  cancelledAt: string | null;
}

export type NewEvent = Pick<EventRow, "title" | "description" | "kind" | "link" | "place" | "audienceType" | "audienceId" | "capacity" | "language" | "organiserId"> & {
  startsAt: Date;
  endsAt: Date;
  rsvpDeadline: Date | null;
  isPublic: boolean;
  repeat: "weekly" | "monthly" | null;
};

export interface Audience {
  subLocal: string | null;
  employerGroup: string | null;
  region: string | null;
}

export interface Counts {
  going: number;
  maybe: number;
  cant: number;
  waitlist: number;
  attended: number;
}

/** How many events a repeating series creates ahead (about three months). */
export const SERIES_AHEAD = { weekly: 12, monthly: 4 } as const;

const PACE_MS = 250;

export async function eventById(db: Db, id: number): Promise<EventRow | undefined> {
  return db.one<EventRow>(`SELECT * FROM "Event" WHERE "id" = ?`, id);
}

/** Where a person belongs, for "events I may attend": their sub-local's code, employer group and region. */
export async function audienceOf(db: Db, personId: number): Promise<Audience> {
  const r = await db.one<{ code: string | null; g: string | null; r: string | null }>(
    `SELECT s."code" AS code, COALESCE(s."employerGroup", p."employerGroup") AS g, COALESCE(s."region", p."region") AS r
       FROM "Person" p LEFT JOIN "SubLocal" s ON s."id" = p."subLocalId" WHERE p."id" = ?`,
    personId,
  );
  return { subLocal: r?.code ?? null, employerGroup: r?.g ?? null, region: r?.r ?? null };
}

const AUDIENCE_MATCH = `("audienceType" = 'statewide' OR ("audienceType" = 'sublocal' AND "audienceId" = ?) OR ("audienceType" = 'employer_group' AND "audienceId" = ?) OR ("audienceType" = 'region' AND "audienceId" = ?))`;

export interface UpcomingRow extends EventRow {
  mine: RsvpStatus | null;
}

/** Areas beyond a person's own audience whose events they also see (a board director's group or region). */
export interface AlsoAreas {
  employerGroups: string[];
  regions: string[];
}

/**
 * Scheduled events not yet over that this person may attend, soonest first, with their own answer;
 * `also` adds the events of an area they organise for (its own and its sub-locals').
 */
export async function upcomingFor(db: Db, personId: number, a: Audience, now: Date, limit = 10, also: AlsoAreas = { employerGroups: [], regions: [] }): Promise<UpcomingRow[]> {
  const marks = (n: number) => Array(n).fill("?").join(", ");
  const [g, r] = [also.employerGroups, also.regions];
  const area = [
    ...(g.length ? [`(e."audienceType" = 'employer_group' AND e."audienceId" IN (${marks(g.length)}))`, `(e."audienceType" = 'sublocal' AND e."audienceId" IN (SELECT "code" FROM "SubLocal" WHERE "employerGroup" IN (${marks(g.length)})))`] : []),
    ...(r.length ? [`(e."audienceType" = 'region' AND e."audienceId" IN (${marks(r.length)}))`, `(e."audienceType" = 'sublocal' AND e."audienceId" IN (SELECT "code" FROM "SubLocal" WHERE "region" IN (${marks(r.length)})))`] : []),
  ];
  return db.all<UpcomingRow>(
    `SELECT e.*, r."status" AS mine FROM "Event" e LEFT JOIN "EventRsvp" r ON r."eventId" = e."id" AND r."personId" = ?
      WHERE e."status" = 'scheduled' AND e."endsAt" > ? AND (${[AUDIENCE_MATCH.replace(/"audience/g, 'e."audience'), ...area].join(" OR ")})
      ORDER BY e."startsAt", e."id" LIMIT ?`,
    personId, now, a.subLocal ?? "", a.employerGroup ?? "", a.region ?? "", ...g, ...g, ...r, ...r, limit,
  );
}

/** Upcoming scheduled events of one sub-local's audience (its own, its group's, its region's, statewide). */
export async function upcomingForAudience(db: Db, a: Audience, now: Date, limit = 20): Promise<EventRow[]> {
  return db.all<EventRow>(`SELECT * FROM "Event" WHERE "status" = 'scheduled' AND "endsAt" > ? AND ${AUDIENCE_MATCH} ORDER BY "startsAt", "id" LIMIT ?`, now, a.subLocal ?? "", a.employerGroup ?? "", a.region ?? "", limit);
}

export function mayAttend(e: Pick<EventRow, "audienceType" | "audienceId">, a: Audience): boolean {
  if (e.audienceType === "statewide") return true;
  if (e.audienceType === "sublocal") return e.audienceId === a.subLocal;
  if (e.audienceType === "employer_group") return e.audienceId === a.employerGroup;
  if (e.audienceType === "region") return e.audienceId === a.region;
  return false;
}

export async function subLocalAudience(db: Db, code: string): Promise<Audience | undefined> {
  const r = await db.one<{ code: string; g: string | null; r: string | null }>(`SELECT "code" AS code, "employerGroup" AS g, "region" AS r FROM "SubLocal" WHERE "code" = ?`, code.toUpperCase());
  return r ? { subLocal: r.code, employerGroup: r.g, region: r.r } : undefined;
}

// CAST: PostgreSQL must know the parameter is text to pick lower(text).
export async function knownEmployerGroup(db: Db, name: string): Promise<string | undefined> {
  return (await db.one<{ g: string }>(`SELECT "employerGroup" AS g FROM "SubLocal" WHERE lower("employerGroup") = lower(CAST(? AS TEXT)) ORDER BY "id" LIMIT 1`, name))?.g;
}

export async function knownRegion(db: Db, name: string): Promise<string | undefined> {
  return (await db.one<{ r: string }>(`SELECT "region" AS r FROM "SubLocal" WHERE lower("region") = lower(CAST(? AS TEXT)) ORDER BY "id" LIMIT 1`, name))?.r;
}

// ---- Channels that get announcements --------------------------------------------------------------

export interface ChannelRow {
  id: number;
  platform: JobPlatform;
  workspaceId: string;
  channelId: string;
  scopeType: string;
  scopeId: string | null;
}

export async function followChannel(tx: Tx, ch: { platform: JobPlatform; workspaceId: string; channelId: string }, scope: { scopeType: string; scopeId: string | null }, byId: number, now: Date): Promise<boolean> {
  const existing = await tx.one<{ id: number }>(
    `SELECT "id" FROM "EventChannel" WHERE "platform" = ? AND "workspaceId" = ? AND "channelId" = ? AND "scopeType" = ? AND COALESCE("scopeId", '') = ? AND "endedAt" IS NULL`,
    ch.platform, ch.workspaceId, ch.channelId, scope.scopeType, scope.scopeId ?? "",
  );
  if (existing) return false;
  // The unique index on active follows turns a follow racing this one from another process into
  // no row rather than a duplicate.
  const added = await tx.run(
    `INSERT INTO "EventChannel" ("platform", "workspaceId", "channelId", "scopeType", "scopeId", "createdById", "createdAt") VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
    ch.platform, ch.workspaceId, ch.channelId, scope.scopeType, scope.scopeId, byId, now,
  );
  return added.changes > 0;
}

export async function unfollowChannel(db: Db, ch: { platform: JobPlatform; workspaceId: string; channelId: string }, now: Date): Promise<number> {
  return (await db.run(`UPDATE "EventChannel" SET "endedAt" = ? WHERE "platform" = ? AND "workspaceId" = ? AND "channelId" = ? AND "endedAt" IS NULL`, now, ch.platform, ch.workspaceId, ch.channelId)).changes;
}

/**
 * The channels an event is announced in: a channel following an audience gets that audience's
 * events and the broader ones that include it (a sub-local's channel also gets its region's,
 * its employer group's and statewide events).
 */
export async function channelsFor(db: Db, e: Pick<EventRow, "audienceType" | "audienceId">): Promise<ChannelRow[]> {
  const chans = await db.all<ChannelRow>(`SELECT "id", "platform", "workspaceId", "channelId", "scopeType", "scopeId" FROM "EventChannel" WHERE "endedAt" IS NULL ORDER BY "id"`);
  const seen = new Set<string>();
  const out: ChannelRow[] = [];
  for (const c of chans) {
    const key = `${c.platform}:${c.workspaceId}:${c.channelId}`;
    if (seen.has(key)) continue;
    let hit: boolean;
    if (e.audienceType === "statewide") hit = true;
    else if (c.scopeType === e.audienceType) hit = c.scopeId === e.audienceId;
    else if (c.scopeType === "sublocal" && c.scopeId) {
      const a = await subLocalAudience(db, c.scopeId);
      hit = !!a && mayAttend(e, a);
    } else hit = false;
    if (hit) {
      seen.add(key);
      out.push(c);
    }
  }
  return out;
}

// ---- Creating, cancelling, messaging --------------------------------------------------------------

const newCode = () => crypto.randomInt(0, 1_000_000).toString().padStart(6, "0");

function addMonths(d: Date, n: number, tz: string): Date {
  const p = localParts(d, tz);
  const m = p.month - 1 + n;
  const year = p.year + Math.floor(m / 12);
  const month = (m % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return zonedToUtc({ year, month, day: Math.min(p.day, last), hour: p.hour, minute: p.minute }, tz);
}

/** The same local wall-clock time `n` weeks or months later (DST-correct). */
export function shifted(d: Date, repeat: "weekly" | "monthly", n: number, tz: string): Date {
  if (repeat === "monthly") return addMonths(d, n, tz);
  const p = localParts(d, tz);
  return zonedToUtc(addLocalDays(p, 7 * n), tz);
}

/**
 * Creates the event (and, for a repeating one, the series ahead) and schedules its announcement
 * in every following channel, in the caller's transaction. Returns the ids and how many channels.
 */
export async function createEvent(tx: Tx, store: Store, e: NewEvent, now: Date, timeZone: string): Promise<{ ids: number[]; channels: number }> {
  const count = e.repeat ? SERIES_AHEAD[e.repeat] : 1;
  const ids: number[] = [];
  for (let i = 0; i < count; i++) {
    const startsAt = e.repeat ? shifted(e.startsAt, e.repeat, i, timeZone) : e.startsAt;
    const endsAt = new Date(startsAt.getTime() + (e.endsAt.getTime() - e.startsAt.getTime()));
    const deadline = e.rsvpDeadline ? new Date(startsAt.getTime() - (e.startsAt.getTime() - e.rsvpDeadline.getTime())) : null;
    const r = await tx.one<{ id: number }>(
      `INSERT INTO "Event" ("title", "description", "kind", "startsAt", "endsAt", "link", "place", "audienceType", "audienceId", "capacity", "rsvpDeadline", "language", "isPublic", "repeat", "seriesId", "checkinCode", "organiserId", "status", "createdAt")
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'scheduled', ?) RETURNING "id"`,
      e.title, e.description, e.kind, startsAt, endsAt, e.link, e.place, e.audienceType, e.audienceId, e.capacity, deadline,
      e.language, e.isPublic, i === 0 ? e.repeat : null, ids[0] ?? null, newCode(), e.organiserId, now,
    );
    const id = r!.id;
    ids.push(id);
    // At the start the organiser gets the check-in list.
    await scheduleJobNowIn(tx, store, { kind: EVENT_JOBS.checkin, target: { personId: e.organiserId }, payload: { eventId: id }, dueAt: startsAt, timeZone, idempotencyKey: `${EVENT_JOBS.checkin}:${id}` });
  }
  if (e.repeat) await tx.run(`UPDATE "Event" SET "seriesId" = ? WHERE "id" = ?`, ids[0], ids[0]);
  // One announcement per channel: the first event of a series (the message says it repeats).
  const chans = await channelsFor(tx, e);
  for (const [i, c] of chans.entries()) {
    await scheduleJobNowIn(tx, store, {
      kind: EVENT_JOBS.announce,
      target: { platform: c.platform, workspaceId: c.workspaceId, channelId: c.channelId },
      payload: { eventId: ids[0] },
      dueAt: new Date(now.getTime() + i * PACE_MS),
      timeZone,
      idempotencyKey: `${EVENT_JOBS.announce}:${ids[0]}:${c.id}`,
      createdById: e.organiserId,
    });
  }
  return { ids, channels: chans.length };
}

async function notifyPeople(tx: Tx, store: Store, kind: string, eventId: number, people: number[], now: Date, timeZone: string, keyPart: string, payload: Record<string, unknown>, byId: number | null): Promise<void> {
  for (const [i, personId] of people.entries()) {
    await scheduleJobNowIn(tx, store, {
      kind,
      target: { personId },
      payload: { eventId, ...payload },
      dueAt: new Date(now.getTime() + i * PACE_MS),
      timeZone,
      idempotencyKey: `${kind}:${eventId}:${keyPart}:${personId}`,
      createdById: byId,
    });
  }
}

/** Everyone who answered Going or Maybe, or waits in line. */
export async function attendeeIds(db: Db, eventId: number): Promise<number[]> {
  return (await db.all<{ personId: number }>(`SELECT "personId" FROM "EventRsvp" WHERE "eventId" = ? AND "status" IN ('going', 'maybe', 'waitlist') ORDER BY "id"`, eventId)).map((r) => r.personId);
}

/** Cancels a scheduled event, stops its reminders and tells everyone who was coming; false when already cancelled. */
export async function cancelEvent(tx: Tx, store: Store, eventId: number, byId: number, now: Date, timeZone: string, o: { channels?: "tell" | "series" | "quiet" } = {}): Promise<{ cancelled: boolean; told: number }> {
  const ok = (await tx.run(`UPDATE "Event" SET "status" = 'cancelled', "cancelledAt" = ? WHERE "id" = ? AND "status" = 'scheduled'`, now, eventId)).changes === 1;
  if (!ok) return { cancelled: false, told: 0 };
  await cancelJobsIn(tx, { idempotencyKeyPrefix: `${EVENT_JOBS.reminder}:${eventId}:` });
  await cancelJobByKeyIn(tx, `${EVENT_JOBS.checkin}:${eventId}`);
  const people = await attendeeIds(tx, eventId);
  await notifyPeople(tx, store, EVENT_JOBS.cancelled, eventId, people, now, timeZone, "c", {}, byId);
  // The channels that had the announcement (a series' is its first date's): it shows the date
  // cancelled (without buttons when nothing is left to answer), and each channel is told.
  const head = announcedAs((await eventById(tx, eventId))!);
  await refreshAnnouncements(tx, store, head, now, timeZone, { immediately: true });
  // Cancelling the rest of a series tells each channel once ("every date from … on"), not once per date.
  const channels = o.channels ?? "tell";
  if (channels !== "quiet")
    for (const a of await postedAnnouncements(tx, head))
      await scheduleJobNowIn(tx, store, { kind: EVENT_JOBS.channelCancelled, target: { platform: a.platform, workspaceId: a.workspaceId ?? "", channelId: a.channelId }, payload: { eventId, ...(channels === "series" ? { series: true } : {}) }, dueAt: now, timeZone, idempotencyKey: `${EVENT_JOBS.channelCancelled}:${eventId}:${a.jobId}`, createdById: byId });
  return { cancelled: true, told: people.length };
}

/** The dates of the event's series from this one on that are still scheduled (just this one when it is not a series). */
export async function restOfSeries(db: Db, e: Pick<EventRow, "id" | "seriesId" | "startsAt">): Promise<number[]> {
  if (e.seriesId === null) return [e.id];
  return (await db.all<{ id: number }>(`SELECT "id" FROM "Event" WHERE "seriesId" = ? AND "startsAt" >= ? AND "status" = 'scheduled' ORDER BY "startsAt", "id"`, e.seriesId, new Date(e.startsAt))).map((r) => r.id);
}

/** Sends the organiser's update to everyone coming (Going, Maybe, waiting); returns how many. */
export async function messageAttendees(tx: Tx, store: Store, eventId: number, text: string, byId: number, now: Date, timeZone: string): Promise<number> {
  const people = await attendeeIds(tx, eventId);
  await notifyPeople(tx, store, EVENT_JOBS.message, eventId, people, now, timeZone, `m${now.getTime()}`, { text }, byId);
  return people.length;
}

// ---- RSVPs -------------------------------------------------------------------------------------

export async function rsvpOf(db: Db, eventId: number, personId: number): Promise<{ status: RsvpStatus; attendedAt: string | null } | undefined> {
  return db.one(`SELECT "status", "attendedAt" FROM "EventRsvp" WHERE "eventId" = ? AND "personId" = ?`, eventId, personId);
}

export async function counts(db: Db, eventId: number): Promise<Counts> {
  const rows = await db.all<{ status: string; n: number; a: number }>(`SELECT "status", count(*) AS n, count("attendedAt") AS a FROM "EventRsvp" WHERE "eventId" = ? GROUP BY "status"`, eventId);
  const c: Counts = { going: 0, maybe: 0, cant: 0, waitlist: 0, attended: 0 };
  for (const r of rows) {
    if (r.status in c) c[r.status as keyof Counts] = r.n;
    c.attended += r.a;
  }
  return c;
}

/** The reminder instants: the same local time the day before, and one hour before. */
export function reminderTimes(startsAt: Date, timeZone: string): { day: Date; hour: Date } {
  return { day: zonedToUtc(addLocalDays(localParts(startsAt, timeZone), -1), timeZone), hour: new Date(startsAt.getTime() - 3_600_000) };
}

/**
 * A reminder's key names the start it reminds of: after a move, a reminder already sent for the
 * old time does not stand in for the new one, and one for the new time is scheduled afresh.
 */
export function reminderKey(eventId: number, personId: number, which: "day" | "hour", startsAt: string | Date): string {
  return `${EVENT_JOBS.reminder}:${eventId}:${personId}:${which}:${new Date(startsAt).getTime()}`;
}

/**
 * Reminders still pending from before their keys named the start (`event.reminder:E:P:day`) are
 * given today's key once, at start-up, so an answer looks up one key only. Such a reminder is
 * always for the event's current start: moving an event cancels every pending reminder of it.
 * One already scheduled under the new key makes the older one a duplicate: it is cancelled.
 * Returns how many were rewritten and how many cancelled.
 */
export async function repairOlderReminderKeys(store: Store): Promise<{ reminderKeysRewritten: number; reminderDuplicatesCancelled: number }> {
  const out = { reminderKeysRewritten: 0, reminderDuplicatesCancelled: 0 };
  const older = (
    await data(store).all<{ id: number; idempotencyKey: string; payload: string; dueAt: string; timeZone: string; createdById: number | null }>(
      `SELECT "id", "idempotencyKey", "payload", "dueAt", "timeZone", "createdById" FROM "ScheduledJob" WHERE "kind" = ? AND "status" = 'pending' ORDER BY "id"`,
      EVENT_JOBS.reminder,
    )
  ).filter((j) => /^event\.reminder:\d+:\d+:(day|hour)$/.test(j.idempotencyKey));
  if (older.length === 0) return out;
  await transaction(store, async (tx) => {
    for (const j of older) {
      const [, eventId, personId, which] = j.idempotencyKey.split(":") as [string, string, string, "day" | "hour"];
      const e = await eventById(tx, Number(eventId));
      if (!e) continue;
      const key = reminderKey(e.id, Number(personId), which, e.startsAt);
      const payload = { ...(JSON.parse(j.payload) as Record<string, unknown>), startsAt: new Date(e.startsAt).toISOString() };
      const current = await tx.one<{ status: string }>(`SELECT "status" FROM "ScheduledJob" WHERE "idempotencyKey" = ?`, key);
      if (current && current.status !== "cancelled") {
        await cancelJobByKeyIn(tx, j.idempotencyKey);
        out.reminderDuplicatesCancelled++;
        continue;
      }
      if (current) {
        // Today's key was used and cancelled since (the key is unique): that job takes the older one's place.
        await cancelJobByKeyIn(tx, j.idempotencyKey);
        await scheduleJobNowIn(tx, store, { kind: EVENT_JOBS.reminder, target: { personId: Number(personId) }, payload, dueAt: new Date(j.dueAt), timeZone: j.timeZone, idempotencyKey: key, createdById: j.createdById });
        out.reminderKeysRewritten++;
        continue;
      }
      await tx.run(`UPDATE "ScheduledJob" SET "idempotencyKey" = ?, "payload" = ?, "updatedAt" = ? WHERE "id" = ? AND "status" = 'pending'`, key, JSON.stringify(payload), new Date(), j.id);
      out.reminderKeysRewritten++;
    }
  });
  return out;
}

async function scheduleReminders(tx: Tx, store: Store, e: EventRow, personId: number, now: Date, timeZone: string): Promise<void> {
  // A cancelled date reminds nobody.
  if (e.status !== "scheduled") return;
  const at = reminderTimes(new Date(e.startsAt), timeZone);
  for (const which of ["day", "hour"] as const) {
    if (at[which] <= now) continue;
    await scheduleJobNowIn(tx, store, {
      kind: EVENT_JOBS.reminder,
      target: { personId },
      payload: { eventId: e.id, which, startsAt: new Date(e.startsAt).toISOString() },
      dueAt: at[which],
      timeZone,
      idempotencyKey: reminderKey(e.id, personId, which, e.startsAt),
    });
  }
}

/** Cancels the person's two reminders by their exact keys (an indexed look-up, not a scan of all jobs). */
async function stopReminders(tx: Tx, e: Pick<EventRow, "id" | "startsAt">, personId: number): Promise<void> {
  for (const which of ["day", "hour"] as const) await cancelJobByKeyIn(tx, reminderKey(e.id, personId, which, e.startsAt));
}

export interface RsvpResult {
  /** What the person now has (going, maybe, cant, or waitlist when the event is full). */
  status: RsvpStatus;
  changed: boolean;
  /** The person moved from the waitlist to Going because this one gave up a seat. */
  promotedId: number | null;
}

/**
 * Locks the event's row until the transaction ends (PostgreSQL; on SQLite the IMMEDIATE
 * transaction already holds every other writer off): see the top of this file. Every write that
 * changes who holds a seat takes it first, so such writes on one event run one after another.
 */
const LOCK_EVENT = dialect({
  sqlite: `SELECT "id" FROM "Event" WHERE "id" = ?`,
  postgres: `SELECT "id" FROM "Event" WHERE "id" = ? FOR UPDATE`,
});

async function lockEvent(tx: Tx, eventId: number): Promise<void> {
  await tx.one(LOCK_EVENT, eventId);
}

/** The one rule for a seat: the event has no limit, or fewer people going than its places (read as they are now). */
const SEAT_FREE = `EXISTS (SELECT 1 FROM "Event" e WHERE e."id" = ? AND (e."capacity" IS NULL OR (SELECT count(*) FROM "EventRsvp" g WHERE g."eventId" = e."id" AND g."status" = 'going') < e."capacity"))`;

/**
 * A person's answer (or place in line) turned to Going, only while a seat is free: no row changed
 * means the event is full. The only statement that gives a seat, for an answer and a promotion.
 */
const TAKE_SEAT = `UPDATE "EventRsvp" SET "status" = 'going', "waitSince" = NULL, "updatedAt" = ? WHERE "eventId" = ? AND "personId" = ? AND ${SEAT_FREE}`;

/**
 * Records an answer, replacing any earlier one. Going when full puts the person on the waitlist;
 * giving up a Going seat promotes the first in line (with a message to them). Reminders follow
 * the answer: scheduled for Going/Maybe, cancelled otherwise. All of it in the caller's transaction.
 */
export async function answer(tx: Tx, store: Store, e: EventRow, personId: number, want: Answer, now: Date, timeZone: string): Promise<RsvpResult> {
  await lockEvent(tx, e.id);
  const before = await rsvpOf(tx, e.id, personId);
  const was = before?.status ?? null;
  if (was === want || (want === "going" && was === "waitlist")) return { status: was, changed: false, promotedId: null };
  // Going: a first answer joins the line, then takes a seat if one is free (the guarded
  // statement); an earlier answer takes a seat if one is free, else joins the line.
  let status: RsvpStatus = want === "going" ? "waitlist" : want;
  if (want === "going" && !before)
    await tx.run(`INSERT INTO "EventRsvp" ("eventId", "personId", "status", "waitSince", "createdAt", "updatedAt") VALUES (?, ?, 'waitlist', ?, ?, ?)`, e.id, personId, now, now, now);
  if (want === "going" && (await tx.run(TAKE_SEAT, now, e.id, personId, e.id)).changes === 1) status = "going";
  else if (before)
    await tx.run(`UPDATE "EventRsvp" SET "status" = ?, "waitSince" = ?, "updatedAt" = ? WHERE "eventId" = ? AND "personId" = ?`, status, status === "waitlist" ? now : null, now, e.id, personId);
  else if (want !== "going")
    await tx.run(`INSERT INTO "EventRsvp" ("eventId", "personId", "status", "waitSince", "createdAt", "updatedAt") VALUES (?, ?, ?, NULL, ?, ?)`, e.id, personId, status, now, now);
  if (status === "going" || status === "maybe") await scheduleReminders(tx, store, e, personId, now, timeZone);
  else await stopReminders(tx, e, personId);
  const promotedId = was === "going" ? await promoteFirst(tx, store, e, now, timeZone) : null;
  await refreshAnnouncements(tx, store, announcedAs(e), now, timeZone);
  return { status, changed: true, promotedId };
}

/** The event whose announcement shows this one: a series is announced once, by its first date. */
export const announcedAs = (e: Pick<EventRow, "id" | "seriesId">) => e.seriesId ?? e.id;

/** Every date of a series (cancelled ones too), in order; just the event when it is not a series. */
export async function seriesDates(db: Db, e: Pick<EventRow, "id" | "seriesId">): Promise<EventRow[]> {
  if (e.seriesId === null) return [(await eventById(db, e.id))!];
  return db.all<EventRow>(`SELECT * FROM "Event" WHERE "seriesId" = ? ORDER BY "startsAt", "id"`, e.seriesId);
}

export interface DateAnswer extends RsvpResult {
  eventId: number;
  startsAt: string;
}

/**
 * One answer for several dates of a series (every date from one on), in the caller's transaction:
 * each date goes through `answer`, so each date's places are counted by the same guarded query and
 * a full date puts the person on that date's waiting list.
 */
export async function answerDates(tx: Tx, store: Store, dates: readonly EventRow[], personId: number, want: Answer, now: Date, timeZone: string): Promise<DateAnswer[]> {
  const out: DateAnswer[] = [];
  for (const d of dates) out.push({ eventId: d.id, startsAt: d.startsAt, ...(await answer(tx, store, d, personId, want, now, timeZone)) });
  return out;
}

/**
 * The first in line takes a free seat (the guarded statement: none when the event is full or
 * nobody waits), with their reminders and a message. The caller holds the event's lock.
 */
async function promoteFirst(tx: Tx, store: Store, e: EventRow, now: Date, timeZone: string): Promise<number | null> {
  const next = await tx.one<{ personId: number }>(`SELECT "personId" FROM "EventRsvp" WHERE "eventId" = ? AND "status" = 'waitlist' ORDER BY "waitSince", "id" LIMIT 1`, e.id);
  if (!next) return null;
  if ((await tx.run(TAKE_SEAT, now, e.id, next.personId, e.id)).changes === 0) return null;
  await scheduleReminders(tx, store, e, next.personId, now, timeZone);
  await notifyPeople(tx, store, EVENT_JOBS.promoted, e.id, [next.personId], now, timeZone, `p${now.getTime()}`, {}, null);
  return next.personId;
}

export interface AttendeeRow {
  personId: number;
  status: RsvpStatus;
  attendedAt: string | null;
  firstName: string;
  lastName: string;
  preferredName: string | null;
  memberNumber: string | null;
}

/** Who answered, for the organiser: names and answers, waitlist in order. */
export async function attendees(db: Db, eventId: number): Promise<AttendeeRow[]> {
  return db.all<AttendeeRow>(
    `SELECT r."personId", r."status", r."attendedAt", p."firstName", p."lastName", p."preferredName", p."memberNumber" FROM "EventRsvp" r JOIN "Person" p ON p."id" = r."personId"
      WHERE r."eventId" = ? ORDER BY CASE r."status" WHEN 'going' THEN 0 WHEN 'walk_in' THEN 1 WHEN 'maybe' THEN 2 WHEN 'waitlist' THEN 3 ELSE 4 END, r."waitSince", p."lastName", p."firstName"`,
    eventId,
  );
}

/** Marks a person present (a walk-in without an answer is recorded as such); false when already checked in. */
export async function checkIn(tx: Tx, eventId: number, personId: number, now: Date): Promise<boolean> {
  // Under the event's lock: two check-ins of the same person at once record one, and the second is told so.
  await lockEvent(tx, eventId);
  const r = await rsvpOf(tx, eventId, personId);
  if (r?.attendedAt) return false;
  if (r) await tx.run(`UPDATE "EventRsvp" SET "attendedAt" = ?, "updatedAt" = ? WHERE "eventId" = ? AND "personId" = ?`, now, now, eventId, personId);
  else await tx.run(`INSERT INTO "EventRsvp" ("eventId", "personId", "status", "attendedAt", "createdAt", "updatedAt") VALUES (?, ?, 'walk_in', ?, ?, ?)`, eventId, personId, now, now, now);
  return true;
}

// ---- Calendar feeds -----------------------------------------------------------------------------

const hashToken = (raw: string) => crypto.createHash("sha256").update(raw).digest("hex");

/** A new secret feed token for the person (any earlier one stops working). Only its hash is stored. */
// A person's row locked while their feed link is replaced: a second request at the same instant (on
// PostgreSQL, from another process) waits, then revokes the link the first made, so one stays live.
// On SQLite the transaction already shuts out other writers.
const LOCK_PERSON = dialect({
  sqlite: `SELECT "id" FROM "Person" WHERE "id" = ?`,
  postgres: `SELECT "id" FROM "Person" WHERE "id" = ? FOR UPDATE`,
});

export async function newFeedToken(tx: Tx, personId: number, now: Date): Promise<string> {
  const raw = crypto.randomBytes(24).toString("base64url");
  await tx.one(LOCK_PERSON, personId);
  await tx.run(`UPDATE "EventFeedToken" SET "revokedAt" = ? WHERE "personId" = ? AND "revokedAt" IS NULL`, now, personId);
  await tx.run(`INSERT INTO "EventFeedToken" ("personId", "tokenHash", "createdAt") VALUES (?, ?, ?)`, personId, hashToken(raw), now);
  return raw;
}

export async function revokeFeedTokens(db: Db, personId: number, now: Date): Promise<number> {
  return (await db.run(`UPDATE "EventFeedToken" SET "revokedAt" = ? WHERE "personId" = ? AND "revokedAt" IS NULL`, now, personId)).changes;
}

/** The person whose live token this is, or undefined (unknown or revoked). */
export async function personByFeedToken(db: Db, raw: string): Promise<number | undefined> {
  if (!/^[A-Za-z0-9_-]{20,64}$/.test(raw)) return undefined;
  return (await db.one<{ personId: number }>(`SELECT "personId" FROM "EventFeedToken" WHERE "tokenHash" = ? AND "revokedAt" IS NULL`, hashToken(raw)))?.personId;
}

/** Events the person said Going to (from 30 days ago on), for their private feed. */
export async function goingEvents(db: Db, personId: number, now: Date): Promise<EventRow[]> {
  return db.all<EventRow>(
    `SELECT e.* FROM "Event" e JOIN "EventRsvp" r ON r."eventId" = e."id" WHERE r."personId" = ? AND r."status" = 'going' AND e."endsAt" > ? ORDER BY e."startsAt" LIMIT 100`,
    personId, new Date(now.getTime() - 30 * 86_400_000),
  );
}

export async function publicEvents(db: Db, now: Date): Promise<EventRow[]> {
  return db.all<EventRow>(`SELECT * FROM "Event" WHERE "isPublic" = TRUE AND "endsAt" > ? ORDER BY "startsAt" LIMIT 100`, new Date(now.getTime() - 30 * 86_400_000));
}

// ---- Turnout report -----------------------------------------------------------------------------

export interface TurnoutRow {
  month: string;
  audience: string;
  kind: string;
  events: number;
  rsvped: number;
  attended: number;
}

/**
 * Aggregates only: per month, audience and kind, events held, people who said Going, people present.
 * `monthOf` names the month of an event's start; the caller passes the local's (a month read off
 * the stored UTC time would file Saturday 31 October, 6 pm in Oregon under November).
 */
export async function turnout(db: Db, from: Date, to: Date, scope: { scopeType: string; scopeId: string | null } | null, monthOf: (startsAt: string) => string = (s) => s.slice(0, 7)): Promise<TurnoutRow[]> {
  const scoped = scope && scope.scopeType !== "statewide";
  const perEvent = await db.all<{ startsAt: string; audience: string; kind: string; rsvped: number; attended: number }>(
    `SELECT e."startsAt" AS "startsAt", e."audienceType" || COALESCE(':' || e."audienceId", '') AS audience, e."kind" AS kind,
            count(CASE WHEN r."status" = 'going' THEN 1 END) AS rsvped, count(r."attendedAt") AS attended
       FROM "Event" e LEFT JOIN "EventRsvp" r ON r."eventId" = e."id"
      WHERE e."status" = 'scheduled' AND e."startsAt" >= ? AND e."startsAt" < ? ${scoped ? `AND e."audienceType" = ? AND e."audienceId" = ?` : ""}
      GROUP BY e."id"`,
    ...[from, to, ...(scoped ? [scope.scopeType, scope.scopeId] : [])],
  );
  const rows = new Map<string, TurnoutRow>();
  for (const e of perEvent) {
    const month = monthOf(e.startsAt);
    const key = `${month}\u0000${e.audience}\u0000${e.kind}`;
    const r = rows.get(key) ?? { month, audience: e.audience, kind: e.kind, events: 0, rsvped: 0, attended: 0 };
    r.events += 1;
    r.rsvped += e.rsvped;
    r.attended += e.attended;
    rows.set(key, r);
  }
  const order = (r: TurnoutRow) => `${r.month}\u0000${r.audience}\u0000${r.kind}`;
  return [...rows.values()].sort((a, b) => (order(a) < order(b) ? -1 : order(a) > order(b) ? 1 : 0));
}

// ---- Editing ------------------------------------------------------------------------------------

/** What an edit sets on one date (every field the create form has, except how it repeats). */
export interface EventPatch {
  title: string;
  description: string | null;
  kind: string;
  startsAt: Date;
  endsAt: Date;
  link: string | null;
  place: string | null;
  audienceType: string;
  audienceId: string | null;
  capacity: number | null;
  rsvpDeadline: Date | null;
  isPublic: boolean;
}

export type EditResult = { refused: { going: number } } | { refused: null; answered: number[]; promoted: number[] };

/**
 * Changes one date in place, in the caller's transaction: refuses fewer places than people going;
 * moves the reminders and the check-in list with a new time; a larger number of places goes to
 * the first in line (each told); a new audience's channels get the announcement; the announcement
 * is edited in place. Returns everyone who had answered (Going, Maybe, Can't, waiting), to be told.
 */
export async function editEvent(tx: Tx, store: Store, eventId: number, p: EventPatch, byId: number, now: Date, timeZone: string): Promise<EditResult> {
  // The event's lock first: nobody takes a seat between the count below and the new number of places.
  await lockEvent(tx, eventId);
  const before = (await eventById(tx, eventId))!;
  const going = (await tx.one<{ n: number }>(`SELECT count(*) AS n FROM "EventRsvp" WHERE "eventId" = ? AND "status" = 'going'`, eventId))!.n;
  if (p.capacity !== null && going > p.capacity) return { refused: { going } };
  await tx.run(
    `UPDATE "Event" SET "title" = ?, "description" = ?, "kind" = ?, "startsAt" = ?, "endsAt" = ?, "link" = ?, "place" = ?, "audienceType" = ?, "audienceId" = ?, "capacity" = ?, "rsvpDeadline" = ?, "isPublic" = ? WHERE "id" = ?`,
    p.title, p.description, p.kind, p.startsAt, p.endsAt, p.link, p.place, p.audienceType, p.audienceId, p.capacity, p.rsvpDeadline, p.isPublic, eventId,
  );
  const e = (await eventById(tx, eventId))!;
  if (e.startsAt !== before.startsAt) {
    await cancelJobsIn(tx, { idempotencyKeyPrefix: `${EVENT_JOBS.reminder}:${eventId}:` });
    const coming = await tx.all<{ personId: number }>(`SELECT "personId" FROM "EventRsvp" WHERE "eventId" = ? AND "status" IN ('going', 'maybe') ORDER BY "id"`, eventId);
    for (const c of coming) await scheduleReminders(tx, store, e, c.personId, now, timeZone);
    await scheduleJobNowIn(tx, store, { kind: EVENT_JOBS.checkin, target: { personId: e.organiserId }, payload: { eventId }, dueAt: p.startsAt, timeZone, idempotencyKey: `${EVENT_JOBS.checkin}:${eventId}`, onConflict: "update" });
  }
  // More places (or none any more): the first in line take them, one by one, while the guarded
  // statement finds a seat free under the new number.
  const promoted: number[] = [];
  for (let next = await promoteFirst(tx, store, e, now, timeZone); next !== null; next = await promoteFirst(tx, store, e, now, timeZone)) promoted.push(next);
  const head = announcedAs(e);
  if (head === eventId && (e.audienceType !== before.audienceType || e.audienceId !== before.audienceId))
    for (const [i, c] of (await channelsFor(tx, e)).entries())
      await scheduleJobNowIn(tx, store, { kind: EVENT_JOBS.announce, target: { platform: c.platform, workspaceId: c.workspaceId, channelId: c.channelId }, payload: { eventId }, dueAt: new Date(now.getTime() + i * PACE_MS), timeZone, idempotencyKey: `${EVENT_JOBS.announce}:${eventId}:${c.id}`, createdById: byId });
  await refreshAnnouncements(tx, store, head, now, timeZone, { immediately: true });
  const answered = (await tx.all<{ personId: number }>(`SELECT "personId" FROM "EventRsvp" WHERE "eventId" = ? AND "status" IN ('going', 'maybe', 'cant', 'waitlist') ORDER BY "id"`, eventId)).map((r) => r.personId);
  return { refused: null, answered, promoted };
}
