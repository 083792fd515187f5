// Who is this chat user in the union's records? Linked identities first; a Slack user whose
// verified e-mail matches exactly one member's work e-mail is linked automatically, once.
import { appendAuditIn } from "../../db/audit.ts";
import { knownCaller } from "../../db/callers.ts";
import { data, transaction } from "../../db/data.ts";
import { findIdentityWithLocales, firstLinkedWorkspace, linkIdentity } from "../../db/identities.ts";
import { localeSubject, noteSeenLocale, savedLocale } from "../../db/locales.ts";
import { peopleByWorkEmail, type PersonRecord } from "../../db/people.ts";
import { activeRoles } from "../../db/roles.ts";
import type { Store } from "../../db/store.ts";
import type { Actor, Logger } from "./command.ts";
import { matchLocale } from "./i18n.ts";
import type { ActiveRole } from "./roles.ts";

export interface Caller {
  person: PersonRecord | null;
  roles: ActiveRole[];
  /** The language the caller chose, saved under the member (or the chat account while unlinked). */
  savedLocale: string | undefined;
}

/**
 * Who is asking, their roles now and the language they chose. A member's chat app language is
 * noted on the way (for what the bot later sends them unasked); that is only a convenience, so a
 * failure to write it is logged and the command goes on.
 */
export async function resolveCaller(store: Store, actor: Actor, now: Date, log?: Logger): Promise<Caller> {
  const db = data(store);
  const key = { platform: actor.platform, workspaceId: actor.workspaceId, userId: actor.userId };
  // The identity, its person's languages, the person and their roles in one statement: it runs on every command.
  const found = await knownCaller(db, key, now);
  let person = found?.person ?? null;
  let roleRows = found?.roles ?? [];
  if (!found && actor.verifiedEmail) {
    const matches = await peopleByWorkEmail(db, actor.verifiedEmail);
    if (matches.length === 1) {
      const match = matches[0]!;
      // The link and its audit entry commit together.
      await transaction(store, async (tx) => {
        await linkIdentity(tx, { ...key, personId: match.id, displayName: actor.displayName, linkedVia: "email" });
        await appendAuditIn(tx, {
          actorPersonId: match.id,
          actor: `person:${match.id}`,
          action: "identity.link.email",
          subjectType: "person",
          subjectId: String(match.id),
          details: { platform: actor.platform, workspaceId: actor.workspaceId, userId: actor.userId },
          at: now,
        });
      });
      person = match;
      roleRows = await activeRoles(db, match.id, now);
    }
  }
  if (!person) return { person: null, roles: [], savedLocale: await savedLocale(db, localeSubject({ personId: null, ...key })) };
  const roles = roleRows.map((r) => ({
    role: r.role as ActiveRole["role"],
    office: r.office,
    scopeType: r.scopeType as ActiveRole["scopeType"],
    scopeId: r.scopeId,
  }));
  // Just linked by e-mail: its person's languages were not read with the identity.
  const chosen = found ? (found.identity.savedLocale ?? undefined) : await savedLocale(db, localeSubject({ personId: person.id, ...key }));
  const appLocale = matchLocale(actor.locale);
  if (appLocale) {
    try {
      await noteSeenLocale(db, person.id, appLocale, now, found ? found.identity.seenLocale : undefined);
    } catch (e) {
      // Only a convenience for later messages: a busy database must not fail the command itself.
      log?.warn("i18n.seenLocale.failed", { error: e instanceof Error ? e.name : "unknown" });
    }
  }
  return { person, roles, savedLocale: chosen };
}

/**
 * The workspace a direct message comes from when the platform does not say (Discord sends none):
 * the first one this person is linked in, or null when they are linked nowhere yet.
 */
export function directMessageWorkspace(store: Store, platform: Actor["platform"], userId: string): Promise<string | null> {
  return firstLinkedWorkspace(data(store), platform, userId);
}

/**
 * What the records already say about a chat user, so an adapter need not ask the platform who
 * they are on their first click after a start: null when they are not linked (the platform's
 * profile may link them), else the language their app was last seen in, if it ever was.
 */
export async function knownChatUser(store: Store, key: Pick<Actor, "platform" | "workspaceId" | "userId">): Promise<{ appLocale?: string } | null> {
  const identity = await findIdentityWithLocales(data(store), { platform: key.platform, workspaceId: key.workspaceId, userId: key.userId });
  if (!identity) return null;
  return { appLocale: identity.seenLocale ?? undefined };
}
