// Events and their RSVPs. Every change that has consequences for other people is one
// transaction with the durable jobs it causes: an event and its announcements, an RSVP and its
// reminders (or their cancellation), a seat given up and the promotion of the first person in
// line with the message telling them. Two clicks at once are serialised by SQLite's IMMEDIATE
// transaction, so an event can never be overfilled.
import crypto from "node:crypto";
import { addLocalDays, localParts, zonedToUtc } from "./cron.ts";
import { cancelJob, cancelJobs, getJobByKey, scheduleJobNow, type JobPlatform } from "./jobs.ts";
import { all, one, run, transaction } from "./sql.ts";
import type { Store } from "./store.ts";
import { dbTime } from "./time.ts";

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
export function postedAnnouncements(store: Store, eventId: number): PostedAnnouncement[] {
  return all<PostedAnnouncement>(
    store,
    `SELECT "id" AS jobId, "platform", "workspaceId", "channelId", "messageId" FROM "ScheduledJob"
      WHERE "kind" = ? AND "idempotencyKey" LIKE ? AND "status" = 'sent' AND "messageId" IS NOT NULL AND "channelId" IS NOT NULL ORDER BY "id"`,
    EVENT_JOBS.announce, `${EVENT_JOBS.announce}:${eventId}:%`,
  ).filter((a) => !a.messageId.includes(","));
}

/**
 * Keeps the event's announcements current: an edit of each one, due at the end of the current
 * window, so a burst of answers makes one edit per message (the key is per window). `now: true`
 * edits at once (a cancellation).
 */
export function refreshAnnouncements(store: Store, eventId: number, now: Date, timeZone: string, o: { immediately?: boolean } = {}): number {
  const posted = postedAnnouncements(store, eventId);
  const window = Math.floor(now.getTime() / REFRESH_WINDOW_MS);
  for (const a of posted) {
    scheduleJobNow(store, {
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

export function eventById(store: Store, id: number): EventRow | undefined {
  return one<EventRow>(store, `SELECT * FROM "Event" WHERE "id" = ?`, id);
}

/** Where a person belongs, for "events I may attend": their sub-local's code, employer group and region. */
export function audienceOf(store: Store, personId: number): Audience {
  const r = one<{ code: string | null; g: string | null; r: string | null }>(
    store,
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
export function upcomingFor(store: Store, personId: number, a: Audience, now: Date, limit = 10, also: AlsoAreas = { employerGroups: [], regions: [] }): UpcomingRow[] {
  const marks = (n: number) => Array(n).fill("?").join(", ");
  const [g, r] = [also.employerGroups, also.regions];
  const area = [
    ...(g.length ? [`(e."audienceType" = 'employer_group' AND e."audienceId" IN (${marks(g.length)}))`, `(e."audienceType" = 'sublocal' AND e."audienceId" IN (SELECT "code" FROM "SubLocal" WHERE "employerGroup" IN (${marks(g.length)})))`] : []),
    ...(r.length ? [`(e."audienceType" = 'region' AND e."audienceId" IN (${marks(r.length)}))`, `(e."audienceType" = 'sublocal' AND e."audienceId" IN (SELECT "code" FROM "SubLocal" WHERE "region" IN (${marks(r.length)})))`] : []),
  ];
  return all<UpcomingRow>(
    store,
    `SELECT e.*, r."status" AS mine FROM "Event" e LEFT JOIN "EventRsvp" r ON r."eventId" = e."id" AND r."personId" = ?
      WHERE e."status" = 'scheduled' AND e."endsAt" > ? AND (${[AUDIENCE_MATCH.replace(/"audience/g, 'e."audience'), ...area].join(" OR ")})
      ORDER BY e."startsAt", e."id" LIMIT ?`,
    personId, dbTime(now), a.subLocal ?? "", a.employerGroup ?? "", a.region ?? "", ...g, ...g, ...r, ...r, limit,
  );
}

/** Upcoming scheduled events of one sub-local's audience (its own, its group's, its region's, statewide). */
export function upcomingForAudience(store: Store, a: Audience, now: Date, limit = 20): EventRow[] {
  return all<EventRow>(store, `SELECT * FROM "Event" WHERE "status" = 'scheduled' AND "endsAt" > ? AND ${AUDIENCE_MATCH} ORDER BY "startsAt", "id" LIMIT ?`, dbTime(now), a.subLocal ?? "", a.employerGroup ?? "", a.region ?? "", limit);
}

export function mayAttend(e: Pick<EventRow, "audienceType" | "audienceId">, a: Audience): boolean {
  if (e.audienceType === "statewide") return true;
  if (e.audienceType === "sublocal") return e.audienceId === a.subLocal;
  if (e.audienceType === "employer_group") return e.audienceId === a.employerGroup;
  if (e.audienceType === "region") return e.audienceId === a.region;
  return false;
}

export function subLocalAudience(store: Store, code: string): Audience | undefined {
  const r = one<{ code: string; g: string | null; r: string | null }>(store, `SELECT "code" AS code, "employerGroup" AS g, "region" AS r FROM "SubLocal" WHERE "code" = ?`, code.toUpperCase());
  return r ? { subLocal: r.code, employerGroup: r.g, region: r.r } : undefined;
}

export function knownEmployerGroup(store: Store, name: string): string | undefined {
  return one<{ g: string }>(store, `SELECT "employerGroup" AS g FROM "SubLocal" WHERE lower("employerGroup") = lower(?) LIMIT 1`, name)?.g;
}

export function knownRegion(store: Store, name: string): string | undefined {
  return one<{ r: string }>(store, `SELECT "region" AS r FROM "SubLocal" WHERE lower("region") = lower(?) LIMIT 1`, name)?.r;
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

export function followChannel(store: Store, ch: { platform: JobPlatform; workspaceId: string; channelId: string }, scope: { scopeType: string; scopeId: string | null }, byId: number, now: Date): boolean {
  return transaction(store, () => {
    const existing = one<{ id: number }>(
      store,
      `SELECT "id" FROM "EventChannel" WHERE "platform" = ? AND "workspaceId" = ? AND "channelId" = ? AND "scopeType" = ? AND COALESCE("scopeId", '') = ? AND "endedAt" IS NULL`,
      ch.platform, ch.workspaceId, ch.channelId, scope.scopeType, scope.scopeId ?? "",
    );
    if (existing) return false;
    run(store, `INSERT INTO "EventChannel" ("platform", "workspaceId", "channelId", "scopeType", "scopeId", "createdById", "createdAt") VALUES (?, ?, ?, ?, ?, ?, ?)`, ch.platform, ch.workspaceId, ch.channelId, scope.scopeType, scope.scopeId, byId, dbTime(now));
    return true;
  });
}

export function unfollowChannel(store: Store, ch: { platform: JobPlatform; workspaceId: string; channelId: string }, now: Date): number {
  return run(store, `UPDATE "EventChannel" SET "endedAt" = ? WHERE "platform" = ? AND "workspaceId" = ? AND "channelId" = ? AND "endedAt" IS NULL`, dbTime(now), ch.platform, ch.workspaceId, ch.channelId).changes;
}

/**
 * The channels an event is announced in: a channel following an audience gets that audience's
 * events and the broader ones that include it (a sub-local's channel also gets its region's,
 * its employer group's and statewide events).
 */
export function channelsFor(store: Store, e: Pick<EventRow, "audienceType" | "audienceId">): ChannelRow[] {
  const chans = all<ChannelRow>(store, `SELECT "id", "platform", "workspaceId", "channelId", "scopeType", "scopeId" FROM "EventChannel" WHERE "endedAt" IS NULL ORDER BY "id"`);
  const seen = new Set<string>();
  return chans.filter((c) => {
    const key = `${c.platform}:${c.workspaceId}:${c.channelId}`;
    if (seen.has(key)) return false;
    let hit: boolean;
    if (e.audienceType === "statewide") hit = true;
    else if (c.scopeType === e.audienceType) hit = c.scopeId === e.audienceId;
    else if (c.scopeType === "sublocal" && c.scopeId) {
      const a = subLocalAudience(store, c.scopeId);
      hit = !!a && mayAttend(e, a);
    } else hit = false;
    if (hit) seen.add(key);
    return hit;
  });
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
 * in every following channel, in one transaction. Returns the ids and how many channels.
 */
export function createEvent(store: Store, e: NewEvent, now: Date, timeZone: string): { ids: number[]; channels: number } {
  return transaction(store, () => {
    const count = e.repeat ? SERIES_AHEAD[e.repeat] : 1;
    const ids: number[] = [];
    let channels = 0;
    for (let i = 0; i < count; i++) {
      const startsAt = e.repeat ? shifted(e.startsAt, e.repeat, i, timeZone) : e.startsAt;
      const endsAt = new Date(startsAt.getTime() + (e.endsAt.getTime() - e.startsAt.getTime()));
      const deadline = e.rsvpDeadline ? new Date(startsAt.getTime() - (e.startsAt.getTime() - e.rsvpDeadline.getTime())) : null;
      const r = run(
        store,
        `INSERT INTO "Event" ("title", "description", "kind", "startsAt", "endsAt", "link", "place", "audienceType", "audienceId", "capacity", "rsvpDeadline", "language", "isPublic", "repeat", "seriesId", "checkinCode", "organiserId", "status", "createdAt")
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'scheduled', ?)`,
        e.title, e.description, e.kind, dbTime(startsAt), dbTime(endsAt), e.link, e.place, e.audienceType, e.audienceId, e.capacity, deadline ? dbTime(deadline) : null,
        e.language, e.isPublic ? 1 : 0, i === 0 ? e.repeat : null, ids[0] ?? null, newCode(), e.organiserId, dbTime(now),
      );
      const id = Number(r.lastInsertRowid);
      ids.push(id);
      // At the start the organiser gets the check-in list.
      scheduleJobNow(store, { kind: EVENT_JOBS.checkin, target: { personId: e.organiserId }, payload: { eventId: id }, dueAt: startsAt, timeZone, idempotencyKey: `${EVENT_JOBS.checkin}:${id}` });
    }
    if (e.repeat) run(store, `UPDATE "Event" SET "seriesId" = ? WHERE "id" = ?`, ids[0], ids[0]);
    // One announcement per channel: the first event of a series (the message says it repeats).
    const chans = channelsFor(store, e);
    chans.forEach((c, i) => {
      scheduleJobNow(store, {
        kind: EVENT_JOBS.announce,
        target: { platform: c.platform, workspaceId: c.workspaceId, channelId: c.channelId },
        payload: { eventId: ids[0] },
        dueAt: new Date(now.getTime() + i * PACE_MS),
        timeZone,
        idempotencyKey: `${EVENT_JOBS.announce}:${ids[0]}:${c.id}`,
        createdById: e.organiserId,
      });
    });
    channels = chans.length;
    return { ids, channels };
  });
}

function notifyPeople(store: Store, kind: string, eventId: number, people: number[], now: Date, timeZone: string, keyPart: string, payload: Record<string, unknown>, byId: number | null): void {
  people.forEach((personId, i) =>
    scheduleJobNow(store, {
      kind,
      target: { personId },
      payload: { eventId, ...payload },
      dueAt: new Date(now.getTime() + i * PACE_MS),
      timeZone,
      idempotencyKey: `${kind}:${eventId}:${keyPart}:${personId}`,
      createdById: byId,
    }),
  );
}

/** Everyone who answered Going or Maybe, or waits in line. */
export function attendeeIds(store: Store, eventId: number): number[] {
  return all<{ personId: number }>(store, `SELECT "personId" FROM "EventRsvp" WHERE "eventId" = ? AND "status" IN ('going', 'maybe', 'waitlist') ORDER BY "id"`, eventId).map((r) => r.personId);
}

/** Cancels a scheduled event, stops its reminders and tells everyone who was coming; false when already cancelled. */
export function cancelEvent(store: Store, eventId: number, byId: number, now: Date, timeZone: string, o: { channels?: "tell" | "series" | "quiet" } = {}): { cancelled: boolean; told: number } {
  return transaction(store, () => {
    const ok = run(store, `UPDATE "Event" SET "status" = 'cancelled', "cancelledAt" = ? WHERE "id" = ? AND "status" = 'scheduled'`, dbTime(now), eventId).changes === 1;
    if (!ok) return { cancelled: false, told: 0 };
    cancelJobs(store, { idempotencyKeyPrefix: `${EVENT_JOBS.reminder}:${eventId}:` });
    const checkinJob = getJobByKey(store, `${EVENT_JOBS.checkin}:${eventId}`);
    if (checkinJob) cancelJob(store, checkinJob.id);
    const people = attendeeIds(store, eventId);
    notifyPeople(store, EVENT_JOBS.cancelled, eventId, people, now, timeZone, "c", {}, byId);
    // The channels that had the announcement (a series' is its first date's): it shows the date
    // cancelled (without buttons when nothing is left to answer), and each channel is told.
    const head = announcedAs(eventById(store, eventId)!);
    refreshAnnouncements(store, head, now, timeZone, { immediately: true });
    // Cancelling the rest of a series tells each channel once ("every date from … on"), not once per date.
    const channels = o.channels ?? "tell";
    if (channels !== "quiet")
      for (const a of postedAnnouncements(store, head))
        scheduleJobNow(store, { kind: EVENT_JOBS.channelCancelled, target: { platform: a.platform, workspaceId: a.workspaceId ?? "", channelId: a.channelId }, payload: { eventId, ...(channels === "series" ? { series: true } : {}) }, dueAt: now, timeZone, idempotencyKey: `${EVENT_JOBS.channelCancelled}:${eventId}:${a.jobId}`, createdById: byId });
    return { cancelled: true, told: people.length };
  });
}

/** The dates of the event's series from this one on that are still scheduled (just this one when it is not a series). */
export function restOfSeries(store: Store, e: Pick<EventRow, "id" | "seriesId" | "startsAt">): number[] {
  if (e.seriesId === null) return [e.id];
  return all<{ id: number }>(store, `SELECT "id" FROM "Event" WHERE "seriesId" = ? AND "startsAt" >= ? AND "status" = 'scheduled' ORDER BY "startsAt", "id"`, e.seriesId, e.startsAt).map((r) => r.id);
}

/** Sends the organiser's update to everyone coming (Going, Maybe, waiting); returns how many. */
export function messageAttendees(store: Store, eventId: number, text: string, byId: number, now: Date, timeZone: string): number {
  return transaction(store, () => {
    const people = attendeeIds(store, eventId);
    notifyPeople(store, EVENT_JOBS.message, eventId, people, now, timeZone, `m${now.getTime()}`, { text }, byId);
    return people.length;
  });
}

// ---- RSVPs -------------------------------------------------------------------------------------

export function rsvpOf(store: Store, eventId: number, personId: number): { status: RsvpStatus; attendedAt: string | null } | undefined {
  return one(store, `SELECT "status", "attendedAt" FROM "EventRsvp" WHERE "eventId" = ? AND "personId" = ?`, eventId, personId);
}

export function counts(store: Store, eventId: number): Counts {
  const rows = all<{ status: string; n: number; a: number }>(store, `SELECT "status", count(*) AS n, count("attendedAt") AS a FROM "EventRsvp" WHERE "eventId" = ? GROUP BY "status"`, eventId);
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
export function repairOlderReminderKeys(store: Store): { reminderKeysRewritten: number; reminderDuplicatesCancelled: number } {
  const out = { reminderKeysRewritten: 0, reminderDuplicatesCancelled: 0 };
  const older = all<{ id: number; idempotencyKey: string; payload: string; dueAt: string; timeZone: string; createdById: number | null }>(
    store,
    `SELECT "id", "idempotencyKey", "payload", "dueAt", "timeZone", "createdById" FROM "ScheduledJob" WHERE "kind" = ? AND "status" = 'pending' ORDER BY "id"`,
    EVENT_JOBS.reminder,
  ).filter((j) => /^event\.reminder:\d+:\d+:(day|hour)$/.test(j.idempotencyKey));
  if (older.length === 0) return out;
  transaction(store, () => {
    for (const j of older) {
      const [, eventId, personId, which] = j.idempotencyKey.split(":") as [string, string, string, "day" | "hour"];
      const e = eventById(store, Number(eventId));
      if (!e) continue;
      const key = reminderKey(e.id, Number(personId), which, e.startsAt);
      const payload = { ...(JSON.parse(j.payload) as Record<string, unknown>), startsAt: new Date(e.startsAt).toISOString() };
      const current = getJobByKey(store, key);
      if (current && current.status !== "cancelled") {
        cancelJob(store, j.id);
        out.reminderDuplicatesCancelled++;
        continue;
      }
      if (current) {
        // Today's key was used and cancelled since (the key is unique): that job takes the older one's place.
        cancelJob(store, j.id);
        scheduleJobNow(store, { kind: EVENT_JOBS.reminder, target: { personId: Number(personId) }, payload, dueAt: new Date(j.dueAt), timeZone: j.timeZone, idempotencyKey: key, createdById: j.createdById });
        out.reminderKeysRewritten++;
        continue;
      }
      run(store, `UPDATE "ScheduledJob" SET "idempotencyKey" = ?, "payload" = ?, "updatedAt" = ? WHERE "id" = ? AND "status" = 'pending'`, key, JSON.stringify(payload), dbTime(new Date()), j.id);
      out.reminderKeysRewritten++;
    }
  });
  return out;
}

function scheduleReminders(store: Store, e: EventRow, personId: number, now: Date, timeZone: string): void {
  // A cancelled date reminds nobody.
  if (e.status !== "scheduled") return;
  const at = reminderTimes(new Date(e.startsAt), timeZone);
  for (const which of ["day", "hour"] as const) {
    if (at[which] <= now) continue;
    scheduleJobNow(store, {
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
function stopReminders(store: Store, e: Pick<EventRow, "id" | "startsAt">, personId: number): void {
  for (const which of ["day", "hour"] as const) {
    const job = getJobByKey(store, reminderKey(e.id, personId, which, e.startsAt));
    if (job?.status === "pending") cancelJob(store, job.id);
  }
}

export interface RsvpResult {
  /** What the person now has (going, maybe, cant, or waitlist when the event is full). */
  status: RsvpStatus;
  changed: boolean;
  /** The person moved from the waitlist to Going because this one gave up a seat. */
  promotedId: number | null;
}

/**
 * Records an answer, replacing any earlier one. Going when full puts the person on the waitlist;
 * giving up a Going seat promotes the first in line (with a message to them). Reminders follow
 * the answer: scheduled for Going/Maybe, cancelled otherwise. All of it in one transaction.
 */
export function answer(store: Store, e: EventRow, personId: number, want: Answer, now: Date, timeZone: string): RsvpResult {
  return transaction(store, () => {
    const before = rsvpOf(store, e.id, personId);
    const was = before?.status ?? null;
    if (was === want || (want === "going" && was === "waitlist")) return { status: was, changed: false, promotedId: null };
    let status: RsvpStatus = want;
    if (want === "going" && e.capacity !== null) {
      const going = one<{ n: number }>(store, `SELECT count(*) AS n FROM "EventRsvp" WHERE "eventId" = ? AND "status" = 'going'`, e.id)!.n;
      if (going >= e.capacity) status = "waitlist";
    }
    if (before)
      run(store, `UPDATE "EventRsvp" SET "status" = ?, "waitSince" = ?, "updatedAt" = ? WHERE "eventId" = ? AND "personId" = ?`, status, status === "waitlist" ? dbTime(now) : null, dbTime(now), e.id, personId);
    else
      run(store, `INSERT INTO "EventRsvp" ("eventId", "personId", "status", "waitSince", "createdAt", "updatedAt") VALUES (?, ?, ?, ?, ?, ?)`, e.id, personId, status, status === "waitlist" ? dbTime(now) : null, dbTime(now), dbTime(now));
    if (status === "going" || status === "maybe") scheduleReminders(store, e, personId, now, timeZone);
    else stopReminders(store, e, personId);
    const promotedId = was === "going" ? promoteFirst(store, e, now, timeZone) : null;
    refreshAnnouncements(store, announcedAs(e), now, timeZone);
    return { status, changed: true, promotedId };
  });
}

/** The event whose announcement shows this one: a series is announced once, by its first date. */
export const announcedAs = (e: Pick<EventRow, "id" | "seriesId">) => e.seriesId ?? e.id;

/** Every date of a series (cancelled ones too), in order; just the event when it is not a series. */
export function seriesDates(store: Store, e: Pick<EventRow, "id" | "seriesId">): EventRow[] {
  if (e.seriesId === null) return [eventById(store, e.id)!];
  return all<EventRow>(store, `SELECT * FROM "Event" WHERE "seriesId" = ? ORDER BY "startsAt", "id"`, e.seriesId);
}

export interface DateAnswer extends RsvpResult {
  eventId: number;
  startsAt: string;
}

/**
 * One answer for several dates of a series (every date from one on), in one transaction: each date
 * goes through `answer`, so each date's places are counted by the same guarded query and a full
 * date puts the person on that date's waiting list.
 */
export function answerDates(store: Store, dates: readonly EventRow[], personId: number, want: Answer, now: Date, timeZone: string): DateAnswer[] {
  return transaction(store, () => dates.map((d) => ({ eventId: d.id, startsAt: d.startsAt, ...answer(store, d, personId, want, now, timeZone) })));
}

function promoteFirst(store: Store, e: EventRow, now: Date, timeZone: string): number | null {
  const next = one<{ personId: number }>(store, `SELECT "personId" FROM "EventRsvp" WHERE "eventId" = ? AND "status" = 'waitlist' ORDER BY "waitSince", "id" LIMIT 1`, e.id);
  if (!next) return null;
  run(store, `UPDATE "EventRsvp" SET "status" = 'going', "waitSince" = NULL, "updatedAt" = ? WHERE "eventId" = ? AND "personId" = ?`, dbTime(now), e.id, next.personId);
  scheduleReminders(store, e, next.personId, now, timeZone);
  notifyPeople(store, EVENT_JOBS.promoted, e.id, [next.personId], now, timeZone, `p${now.getTime()}`, {}, null);
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
export function attendees(store: Store, eventId: number): AttendeeRow[] {
  return all<AttendeeRow>(
    store,
    `SELECT r."personId", r."status", r."attendedAt", p."firstName", p."lastName", p."preferredName", p."memberNumber" FROM "EventRsvp" r JOIN "Person" p ON p."id" = r."personId"
      WHERE r."eventId" = ? ORDER BY CASE r."status" WHEN 'going' THEN 0 WHEN 'walk_in' THEN 1 WHEN 'maybe' THEN 2 WHEN 'waitlist' THEN 3 ELSE 4 END, r."waitSince", p."lastName", p."firstName"`,
    eventId,
  );
}

/** Marks a person present (a walk-in without an answer is recorded as such); false when already checked in. */
export function checkIn(store: Store, eventId: number, personId: number, now: Date): boolean {
  return transaction(store, () => {
    const r = rsvpOf(store, eventId, personId);
    if (r?.attendedAt) return false;
    if (r) run(store, `UPDATE "EventRsvp" SET "attendedAt" = ?, "updatedAt" = ? WHERE "eventId" = ? AND "personId" = ?`, dbTime(now), dbTime(now), eventId, personId);
    else run(store, `INSERT INTO "EventRsvp" ("eventId", "personId", "status", "attendedAt", "createdAt", "updatedAt") VALUES (?, ?, 'walk_in', ?, ?, ?)`, eventId, personId, dbTime(now), dbTime(now), dbTime(now));
    return true;
  });
}

// ---- Calendar feeds -----------------------------------------------------------------------------

const hashToken = (raw: string) => crypto.createHash("sha256").update(raw).digest("hex");

/** A new secret feed token for the person (any earlier one stops working). Only its hash is stored. */
export function newFeedToken(store: Store, personId: number, now: Date): string {
  const raw = crypto.randomBytes(24).toString("base64url");
  transaction(store, () => {
    run(store, `UPDATE "EventFeedToken" SET "revokedAt" = ? WHERE "personId" = ? AND "revokedAt" IS NULL`, dbTime(now), personId);
    run(store, `INSERT INTO "EventFeedToken" ("personId", "tokenHash", "createdAt") VALUES (?, ?, ?)`, personId, hashToken(raw), dbTime(now));
  });
  return raw;
}

export function revokeFeedTokens(store: Store, personId: number, now: Date): number {
  return run(store, `UPDATE "EventFeedToken" SET "revokedAt" = ? WHERE "personId" = ? AND "revokedAt" IS NULL`, dbTime(now), personId).changes;
}

/** The person whose live token this is, or undefined (unknown or revoked). */
export function personByFeedToken(store: Store, raw: string): number | undefined {
  if (!/^[A-Za-z0-9_-]{20,64}$/.test(raw)) return undefined;
  return one<{ personId: number }>(store, `SELECT "personId" FROM "EventFeedToken" WHERE "tokenHash" = ? AND "revokedAt" IS NULL`, hashToken(raw))?.personId;
}

/** Events the person said Going to (from 30 days ago on), for their private feed. */
export function goingEvents(store: Store, personId: number, now: Date): EventRow[] {
  return all<EventRow>(
    store,
    `SELECT e.* FROM "Event" e JOIN "EventRsvp" r ON r."eventId" = e."id" WHERE r."personId" = ? AND r."status" = 'going' AND e."endsAt" > ? ORDER BY e."startsAt" LIMIT 100`,
    personId, dbTime(new Date(now.getTime() - 30 * 86_400_000)),
  );
}

export function publicEvents(store: Store, now: Date): EventRow[] {
  return all<EventRow>(store, `SELECT * FROM "Event" WHERE "isPublic" = 1 AND "endsAt" > ? ORDER BY "startsAt" LIMIT 100`, dbTime(new Date(now.getTime() - 30 * 86_400_000)));
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
export function turnout(store: Store, from: Date, to: Date, scope: { scopeType: string; scopeId: string | null } | null, monthOf: (startsAt: string) => string = (s) => s.slice(0, 7)): TurnoutRow[] {
  const scoped = scope && scope.scopeType !== "statewide";
  const perEvent = all<{ startsAt: string; audience: string; kind: string; rsvped: number; attended: number }>(
    store,
    `SELECT e."startsAt" AS startsAt, e."audienceType" || COALESCE(':' || e."audienceId", '') AS audience, e."kind" AS kind,
            count(CASE WHEN r."status" = 'going' THEN 1 END) AS rsvped, count(r."attendedAt") AS attended
       FROM "Event" e LEFT JOIN "EventRsvp" r ON r."eventId" = e."id"
      WHERE e."status" = 'scheduled' AND e."startsAt" >= ? AND e."startsAt" < ? ${scoped ? `AND e."audienceType" = ? AND e."audienceId" = ?` : ""}
      GROUP BY e."id"`,
    ...[dbTime(from), dbTime(to), ...(scoped ? [scope.scopeType, scope.scopeId] : [])],
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
 * Changes one date in place, in one transaction: refuses fewer places than people going; moves
 * the reminders and the check-in list with a new time; a larger number of places goes to the
 * first in line (each told); a new audience's channels get the announcement; the announcement is
 * edited in place. Returns everyone who had answered (Going, Maybe, Can't, waiting), to be told.
 */
export function editEvent(store: Store, eventId: number, p: EventPatch, byId: number, now: Date, timeZone: string): EditResult {
  return transaction(store, () => {
    const before = eventById(store, eventId)!;
    const going = () => one<{ n: number }>(store, `SELECT count(*) AS n FROM "EventRsvp" WHERE "eventId" = ? AND "status" = 'going'`, eventId)!.n;
    if (p.capacity !== null && going() > p.capacity) return { refused: { going: going() } };
    run(
      store,
      `UPDATE "Event" SET "title" = ?, "description" = ?, "kind" = ?, "startsAt" = ?, "endsAt" = ?, "link" = ?, "place" = ?, "audienceType" = ?, "audienceId" = ?, "capacity" = ?, "rsvpDeadline" = ?, "isPublic" = ? WHERE "id" = ?`,
      p.title, p.description, p.kind, dbTime(p.startsAt), dbTime(p.endsAt), p.link, p.place, p.audienceType, p.audienceId, p.capacity, p.rsvpDeadline ? dbTime(p.rsvpDeadline) : null, p.isPublic ? 1 : 0, eventId,
    );
    const e = eventById(store, eventId)!;
    if (e.startsAt !== before.startsAt) {
      cancelJobs(store, { idempotencyKeyPrefix: `${EVENT_JOBS.reminder}:${eventId}:` });
      const coming = all<{ personId: number }>(store, `SELECT "personId" FROM "EventRsvp" WHERE "eventId" = ? AND "status" IN ('going', 'maybe') ORDER BY "id"`, eventId);
      for (const c of coming) scheduleReminders(store, e, c.personId, now, timeZone);
      scheduleJobNow(store, { kind: EVENT_JOBS.checkin, target: { personId: e.organiserId }, payload: { eventId }, dueAt: p.startsAt, timeZone, idempotencyKey: `${EVENT_JOBS.checkin}:${eventId}`, onConflict: "update" });
    }
    const promoted: number[] = [];
    while (p.capacity === null || going() < p.capacity) {
      const next = promoteFirst(store, e, now, timeZone);
      if (next === null) break;
      promoted.push(next);
    }
    const head = announcedAs(e);
    if (head === eventId && (e.audienceType !== before.audienceType || e.audienceId !== before.audienceId))
      channelsFor(store, e).forEach((c, i) =>
        scheduleJobNow(store, { kind: EVENT_JOBS.announce, target: { platform: c.platform, workspaceId: c.workspaceId, channelId: c.channelId }, payload: { eventId }, dueAt: new Date(now.getTime() + i * PACE_MS), timeZone, idempotencyKey: `${EVENT_JOBS.announce}:${eventId}:${c.id}`, createdById: byId }),
      );
    refreshAnnouncements(store, head, now, timeZone, { immediately: true });
    const answered = all<{ personId: number }>(store, `SELECT "personId" FROM "EventRsvp" WHERE "eventId" = ? AND "status" IN ('going', 'maybe', 'cant', 'waitlist') ORDER BY "id"`, eventId).map((r) => r.personId);
    return { refused: null, answered, promoted };
  });
}
