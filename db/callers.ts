// Who is asking, read in one statement: it runs on every command, and on PostgreSQL each statement
// is a round trip and a wake-up of the bot's loop. The chat identity, its person's two saved
// languages, the person (non-sensitive fields, with the sub-local) and their roles in force, one
// row per role (or one row without a role): the same columns and rules as findIdentityWithLocales,
// personById and activeRoles, which the rarer paths keep using.
import type { Db } from "./data.ts";
import type { IdentityKey, IdentityWithLocales } from "./identities.ts";
import { personColumns, personSubLocalJoin, toRecord, type PersonRecord, type RawPerson } from "./people.ts";
import { inForce, toRole, type RawRole, type RoleRow } from "./roles.ts";

export interface KnownCaller {
  identity: IdentityWithLocales;
  /** Null only when the identity's person is gone. */
  person: PersonRecord | null;
  roles: RoleRow[];
}

type Nullable<T> = { [K in keyof T]: T[K] | null };
type IdentityPart = Omit<IdentityWithLocales, "id" | "personId" | "linkedAt"> & { identityId: number; identityPersonId: number; linkedAt: string };
type RolePart = Nullable<Omit<RawRole, "id" | "personId">> & { roleId: number | null };
type Raw = IdentityPart & Nullable<RawPerson> & RolePart;

const CALLER = `SELECT i."id" AS "identityId", i."platform", i."workspaceId", i."userId", i."displayName", i."personId" AS "identityPersonId",
       i."linkedVia", i."linkedAt", own."locale" AS "savedLocale", seen."locale" AS "seenLocale",
       ${personColumns},
       r."id" AS "roleId", r."role", r."office", r."scopeType", r."scopeId", r."startsAt", r."endsAt"
  FROM "ChatIdentity" i
  LEFT JOIN "LocalePreference" own ON own."subject" = 'person:' || i."personId"
  LEFT JOIN "LocalePreference" seen ON seen."subject" = 'seen:person:' || i."personId"
  LEFT JOIN "Person" p ON p."id" = i."personId"
  ${personSubLocalJoin}
  LEFT JOIN "RoleAssignment" r ON r."personId" = p."id" AND ${inForce}
 WHERE i."platform" = ? AND i."workspaceId" = ? AND i."userId" = ?
 ORDER BY r."id"`;

/** The linked caller, their person and roles in force at `at`; null when the account is not linked. */
export async function knownCaller(db: Db, k: IdentityKey, at: Date): Promise<KnownCaller | null> {
  const rows = await db.all<Raw>(CALLER, at, at, k.platform, k.workspaceId, k.userId);
  const first = rows[0];
  if (!first) return null;
  // The rest of the row, once the identity's and the role's columns are taken out, is the person's.
  const { identityId, identityPersonId, linkedAt, platform, workspaceId, userId, displayName, linkedVia, savedLocale, seenLocale, roleId, role, office, scopeType, scopeId, startsAt, endsAt, ...person } = first;
  const identity: IdentityWithLocales = { id: identityId, platform, workspaceId, userId, displayName, personId: identityPersonId, linkedVia, linkedAt: new Date(linkedAt), savedLocale, seenLocale };
  const roles = rows
    .filter((r) => r.roleId !== null)
    .map((r) => toRole({ id: r.roleId!, personId: identityPersonId, role: r.role!, office: r.office, scopeType: r.scopeType!, scopeId: r.scopeId, startsAt: r.startsAt!, endsAt: r.endsAt }));
  return { identity, person: person.id === null ? null : toRecord(person as RawPerson), roles };
}
