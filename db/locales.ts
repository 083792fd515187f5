// Saved language choices: a person's own and a channel's. Read on every command, so through
// statements prepared once per connection (the data layer, either engine), never Prisma.
import type { Db } from "./data.ts";
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

/** The key the language a member's chat app was last seen in is kept under (see noteSeenLocale). */
export function seenSubject(personId: number): string {
  return `seen:person:${personId}`;
}

export async function savedLocale(db: Db, subject: string): Promise<string | undefined> {
  return (await db.one<{ locale: string }>(`SELECT "locale" FROM "LocalePreference" WHERE "subject" = ?`, subject))?.locale;
}

export async function saveLocale(db: Db, subject: string, locale: string, now: Date): Promise<void> {
  await db.run(
    `INSERT INTO "LocalePreference" ("subject", "locale", "updatedAt") VALUES (?, ?, ?)
     ON CONFLICT ("subject") DO UPDATE SET "locale" = excluded."locale", "updatedAt" = excluded."updatedAt"`,
    subject,
    locale,
    dbTime(now),
  );
}

export async function forgetLocale(db: Db, subject: string): Promise<boolean> {
  return (await db.run(`DELETE FROM "LocalePreference" WHERE "subject" = ?`, subject)).changes > 0;
}

// The language a member's chat app was last seen in (Slack's user locale, Discord's interaction
// locale), kept beside their own choice under "seen:person:ID" so that what the bot sends them on
// its own (reminders, digests, notices) can follow their app when they never chose. Written only
// when it changes: the caller passes what it last read (who is asking reads it with the identity,
// in the same statement), else it is read here first.

/** Records the app language `locale` seen for a member, unless `lastSeen` (or the saved one) is already it. */
export async function noteSeenLocale(db: Db, personId: number, locale: string, now: Date, lastSeen?: string | null): Promise<void> {
  const before = lastSeen === undefined ? await seenLocale(db, personId) : (lastSeen ?? undefined);
  if (before !== locale) await saveLocale(db, seenSubject(personId), locale, now);
}

/** The language a member's chat app was last seen in (not their own choice). */
export async function seenLocale(db: Db, personId: number): Promise<string | undefined> {
  return savedLocale(db, seenSubject(personId));
}

/** A member's language for messages they did not ask for: their choice, else their app's last seen language. */
export async function personLocale(db: Db, personId: number): Promise<string | undefined> {
  // One statement for both: the choice sorts first ('person:…' < 'seen:person:…').
  const rows = await db.all<{ locale: string }>(
    `SELECT "locale" FROM "LocalePreference" WHERE "subject" IN (?, ?) ORDER BY "subject"`,
    `person:${personId}`,
    seenSubject(personId),
  );
  return rows[0]?.locale;
}

export async function channelLocale(db: Db, ch: ChannelRef): Promise<string | undefined> {
  return (
    await db.one<{ locale: string }>(
      `SELECT "locale" FROM "ChannelLocale" WHERE "platform" = ? AND "workspaceId" = ? AND "channelId" = ?`,
      ch.platform,
      ch.workspaceId,
      ch.channelId,
    )
  )?.locale;
}

export async function setChannelLocale(db: Db, ch: ChannelRef, locale: string, byPersonId: number | null, now: Date): Promise<void> {
  await db.run(
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
export async function deliveryLocale(
  db: Db,
  to: { platform: string; workspaceId: string | null; channelId: string | null; userId: string | null; personId: number | null },
): Promise<string | undefined> {
  if (to.channelId && to.workspaceId !== null) return channelLocale(db, { platform: to.platform, workspaceId: to.workspaceId, channelId: to.channelId });
  if (to.personId !== null) return personLocale(db, to.personId);
  if (to.userId && to.workspaceId !== null) return savedLocale(db, `${to.platform}:${to.workspaceId}:${to.userId}`);
  return undefined;
}
