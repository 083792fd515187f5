// Who is this chat user in the union's records? Linked identities first; a Slack user whose
// verified e-mail matches exactly one member's work e-mail is linked automatically, once.
import { appendAudit } from "../../db/audit.ts";
import { findIdentity, firstLinkedWorkspace, linkIdentity } from "../../db/identities.ts";
import { seenLocale } from "../../db/locales.ts";
import { peopleByWorkEmail, personById, type PersonRecord } from "../../db/people.ts";
import { activeRoles } from "../../db/roles.ts";
import type { Store } from "../../db/store.ts";
import type { Actor } from "./command.ts";
import type { ActiveRole } from "./roles.ts";

export interface Caller {
  person: PersonRecord | null;
  roles: ActiveRole[];
}

export async function resolveCaller(store: Store, actor: Actor, now: Date): Promise<Caller> {
  const key = { platform: actor.platform, workspaceId: actor.workspaceId, userId: actor.userId };
  let identity = await findIdentity(store, key);
  if (!identity && actor.verifiedEmail) {
    const matches = await peopleByWorkEmail(store, actor.verifiedEmail);
    if (matches.length === 1) {
      identity = await linkIdentity(store, { ...key, personId: matches[0]!.id, displayName: actor.displayName, linkedVia: "email" });
      appendAudit(store, {
        actorPersonId: matches[0]!.id,
        actor: `person:${matches[0]!.id}`,
        action: "identity.link.email",
        subjectType: "person",
        subjectId: String(matches[0]!.id),
        details: { platform: actor.platform, workspaceId: actor.workspaceId, userId: actor.userId },
        at: now,
      });
    }
  }
  if (!identity) return { person: null, roles: [] };
  const person = await personById(store, identity.personId);
  if (!person) return { person: null, roles: [] };
  const roles = (await activeRoles(store, person.id, now)).map((r) => ({
    role: r.role as ActiveRole["role"],
    office: r.office,
    scopeType: r.scopeType as ActiveRole["scopeType"],
    scopeId: r.scopeId,
  }));
  return { person, roles };
}

/**
 * The workspace a direct message comes from when the platform does not say (Discord sends none):
 * the first one this person is linked in, or null when they are linked nowhere yet.
 */
export function directMessageWorkspace(store: Store, platform: Actor["platform"], userId: string): Promise<string | null> {
  return firstLinkedWorkspace(store, platform, userId);
}

/**
 * What the records already say about a chat user, so an adapter need not ask the platform who
 * they are on their first click after a start: null when they are not linked (the platform's
 * profile may link them), else the language their app was last seen in, if it ever was.
 */
export function knownChatUser(store: Store, key: Pick<Actor, "platform" | "workspaceId" | "userId">): { appLocale?: string } | null {
  const identity = findIdentity(store, { platform: key.platform, workspaceId: key.workspaceId, userId: key.userId });
  if (!identity) return null;
  return { appLocale: seenLocale(store, identity.personId) };
}
