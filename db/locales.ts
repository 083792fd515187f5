// Saved language choices: a person's own and a channel's. Read on every command, so through
// statements prepared once per connection (db/sql.ts), never Prisma.
import { one, run } from "./sql.ts";
import type { Store } from "./store.ts";
import { dbTime } from "./time.ts";

export interface ChannelRef {
  platform: string;
  workspaceId: string;
  channelId: string;
}

/** The key a person's choice is saved under: the member when linked, else the chat account. */
export function localeSubject(a: { personId: number | null; platform: string; workspaceId: string; userId: string }): string {
  return a.personId !== null ? `person:${a.personId}` : `${a.platform}:${a.workspaceId}:${a.userId}`;
}

export function savedLocale(store: Store, subject: string): string | undefined {
  return one<{ locale: string }>(store, `SELECT "locale" FROM "LocalePreference" WHERE "subject" = ?`, subject)?.locale;
}

export function saveLocale(store: Store, subject: string, locale: string, now: Date): void {
  run(
    store,
    `INSERT INTO "LocalePreference" ("subject", "locale", "updatedAt") VALUES (?, ?, ?)
     ON CONFLICT ("subject") DO UPDATE SET "locale" = excluded."locale", "updatedAt" = excluded."updatedAt"`,
    subject,
    locale,
    dbTime(now),
  );
}

export function forgetLocale(store: Store, subject: string): boolean {
  return run(store, `DELETE FROM "LocalePreference" WHERE "subject" = ?`, subject).changes > 0;
}

// The language a member's chat app was last seen in (Slack's user locale, Discord's interaction
// locale), kept beside their own choice under "seen:person:ID" so that what the bot sends them on
// its own (reminders, digests, notices) can follow their app when they never chose. Written only
// when it changes; a small per-store memory spares the write on every command.
const seenCache = new WeakMap<Store, Map<number, string>>();

export function noteSeenLocale(store: Store, personId: number, locale: string, now: Date): void {
  let seen = seenCache.get(store);
  if (!seen) seenCache.set(store, (seen = new Map()));
  if (seen.get(personId) === locale) return;
  if (savedLocale(store, `seen:person:${personId}`) !== locale) saveLocale(store, `seen:person:${personId}`, locale, now);
  seen.set(personId, locale);
}

/** The language a member's chat app was last seen in (not their own choice). */
export function seenLocale(store: Store, personId: number): string | undefined {
  return savedLocale(store, `seen:person:${personId}`);
}

/** A member's language for messages they did not ask for: their choice, else their app's last seen language. */
export function personLocale(store: Store, personId: number): string | undefined {
  return savedLocale(store, `person:${personId}`) ?? seenLocale(store, personId);
}

export function channelLocale(store: Store, ch: ChannelRef): string | undefined {
  return one<{ locale: string }>(
    store,
    `SELECT "locale" FROM "ChannelLocale" WHERE "platform" = ? AND "workspaceId" = ? AND "channelId" = ?`,
    ch.platform,
    ch.workspaceId,
    ch.channelId,
  )?.locale;
}

export function setChannelLocale(store: Store, ch: ChannelRef, locale: string, byPersonId: number | null, now: Date): void {
  run(
    store,
    `INSERT INTO "ChannelLocale" ("platform", "workspaceId", "channelId", "locale", "updatedById", "updatedAt") VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT ("platform", "workspaceId", "channelId") DO UPDATE SET "locale" = excluded."locale", "updatedById" = excluded."updatedById", "updatedAt" = excluded."updatedAt"`,
    ch.platform,
    ch.workspaceId,
    ch.channelId,
    locale,
    byPersonId,
    dbTime(now),
  );
}

/**
 * The language of a message the bot sends on its own (reminder, digest, scheduled report): a
 * channel's configured language, or the person's saved choice for a direct message; undefined
 * when nothing was chosen (the caller then uses English).
 */
export function deliveryLocale(
  store: Store,
  to: { platform: string; workspaceId: string | null; channelId: string | null; userId: string | null; personId: number | null },
): string | undefined {
  if (to.channelId && to.workspaceId !== null) return channelLocale(store, { platform: to.platform, workspaceId: to.workspaceId, channelId: to.channelId });
  if (to.personId !== null) return personLocale(store, to.personId);
  if (to.userId && to.workspaceId !== null) return savedLocale(store, `${to.platform}:${to.workspaceId}:${to.userId}`);
  return undefined;
}
