// Role assignments with scope and dates. Revoking ends an assignment; rows are kept for history.
// Read on every command (the caller's roles now): statements prepared once, on the asynchronous
// data layer (either engine); the rarer history reads stay on Prisma (either engine too).
import type { Db, Tx } from "./data.ts";
import type { Store } from "./store.ts";

export interface RoleRow {
  id: number;
  personId: number;
  role: string;
  office: string | null;
  scopeType: string;
  scopeId: string | null;
  startsAt: Date;
  endsAt: Date | null;
}

const roleSelect = { id: true, personId: true, role: true, office: true, scopeType: true, scopeId: true, startsAt: true, endsAt: true } as const;

export type RawRole = Omit<RoleRow, "startsAt" | "endsAt"> & { startsAt: string; endsAt: string | null };
const roleColumns = `r."id", r."personId", r."role", r."office", r."scopeType", r."scopeId", r."startsAt", r."endsAt"`;
export const toRole = <T extends RawRole>(r: T): Omit<T, "startsAt" | "endsAt"> & { startsAt: Date; endsAt: Date | null } => ({
  ...r,
  startsAt: new Date(r.startsAt),
  endsAt: r.endsAt === null ? null : new Date(r.endsAt),
});
// In force at ?: started, and not yet ended.
export const inForce = `r."startsAt" <= ? AND (r."endsAt" IS NULL OR r."endsAt" > ?)`;

/** Assignments in force at `at` (read on every command: a cached statement). */
export async function activeRoles(db: Db, personId: number, at: Date): Promise<RoleRow[]> {
  return (await db.all<RawRole>(`SELECT ${roleColumns} FROM "RoleAssignment" r WHERE r."personId" = ? AND ${inForce} ORDER BY r."id"`, personId, at, at)).map(toRole);
}

type HolderRow = RawRole & { firstName: string; lastName: string; preferredName: string | null; memberNumber: string };

/** Everyone holding `role` (optionally in one scope) at `at`. */
export async function holdersOf(db: Db, role: string, at: Date, scope?: { scopeType: string; scopeId: string | null }) {
  const select = `SELECT ${roleColumns}, p."firstName", p."lastName", p."preferredName", p."memberNumber"
    FROM "RoleAssignment" r JOIN "Person" p ON p."id" = r."personId" WHERE r."role" = ? AND ${inForce}`;
  const rows = !scope
    ? await db.all<HolderRow>(`${select} ORDER BY r."id"`, role, at, at)
    : scope.scopeId === null
      ? await db.all<HolderRow>(`${select} AND r."scopeType" = ? AND r."scopeId" IS NULL ORDER BY r."id"`, role, at, at, scope.scopeType)
      : await db.all<HolderRow>(`${select} AND r."scopeType" = ? AND r."scopeId" = ? ORDER BY r."id"`, role, at, at, scope.scopeType, scope.scopeId);
  return rows.map(({ firstName, lastName, preferredName, memberNumber, ...r }) => ({ ...toRole(r), person: { id: r.personId, firstName, lastName, preferredName, memberNumber } }));
}

export async function grantRole(
  store: Store,
  g: { personId: number; role: string; office?: string | null; scopeType: string; scopeId: string | null; startsAt: Date; endsAt?: Date | null; grantedById: number | null },
): Promise<RoleRow> {
  return store.prisma.roleAssignment.create({
    data: { ...g, office: g.office ?? null, endsAt: g.endsAt ?? null, grantedAt: new Date() },
    select: roleSelect,
  });
}

export async function roleHistory(store: Store, personId: number) {
  return store.prisma.roleAssignment.findMany({ where: { personId }, select: roleSelect, orderBy: { id: "asc" } });
}

export async function assignmentById(store: Store, id: number) {
  return store.prisma.roleAssignment.findUnique({
    where: { id },
    select: { ...roleSelect, person: { select: { firstName: true, lastName: true, preferredName: true } } },
  });
}

// ---- Writes with their audit entry, in the caller's transaction ----------------------------

export interface RoleGrant {
  personId: number;
  role: string;
  office?: string | null;
  scopeType: string;
  scopeId: string | null;
  startsAt: Date;
  endsAt?: Date | null;
  grantedById: number | null;
}

/** Grants a role inside the caller's transaction (with its audit entry and what it brings). */
export async function grantRoleIn(tx: Tx, g: RoleGrant, at: Date): Promise<RoleRow> {
  const row = await tx.one<RawRole>(
    `INSERT INTO "RoleAssignment" ("personId", "role", "office", "scopeType", "scopeId", "startsAt", "endsAt", "grantedById", "grantedAt")
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING "id", "personId", "role", "office", "scopeType", "scopeId", "startsAt", "endsAt"`,
    g.personId, g.role, g.office ?? null, g.scopeType, g.scopeId, g.startsAt, g.endsAt ?? null, g.grantedById, at,
  );
  return toRole(row!);
}

export interface RoleRevoke {
  personId: number;
  role: string;
  office?: string | null;
  scopeType: string;
  scopeId: string | null;
  revokedById: number | null;
  at: Date;
}

/**
 * Ends the matching assignments in force at `at`, inside the caller's transaction. Returns how
 * many ended: one guarded update, so of two ending the same role at once (two processes on
 * PostgreSQL too) the second ends none and says so. An assignment already ended by someone is not
 * ended again, even by one whose clock read an instant earlier than the first one's.
 */
export async function revokeRoleIn(tx: Tx, r: RoleRevoke): Promise<number> {
  // No office given means any office.
  const office = r.office ? ` AND "office" = ?` : "";
  const scope = r.scopeId === null ? ` AND "scopeId" IS NULL` : ` AND "scopeId" = ?`;
  const params: unknown[] = [r.at, r.at, r.revokedById, r.personId, r.role, r.scopeType];
  if (r.scopeId !== null) params.push(r.scopeId);
  if (r.office) params.push(r.office);
  const res = await tx.run(
    `UPDATE "RoleAssignment" SET "endsAt" = ?, "revokedAt" = ?, "revokedById" = ?
      WHERE "personId" = ? AND "role" = ? AND "scopeType" = ?${scope}${office} AND "startsAt" <= ? AND ("endsAt" IS NULL OR "endsAt" > ?) AND "revokedAt" IS NULL`,
    ...params, r.at, r.at,
  );
  return res.changes;
}

export interface OtherHolder {
  assignmentId: number;
  personId: number;
  firstName: string;
  lastName: string;
  preferredName: string | null;
  memberNumber: string;
}

/**
 * Who else holds, at `at`, the sub-local office just granted to `g.personId`: one office, one
 * holder, so whoever granted it (in chat or from the command line) is told each of them and how to
 * end their grant. None for a role that is not a sub-local office (stewards are many by design).
 */
export async function othersHoldingOffice(db: Db, g: { personId: number; role: string; office?: string | null; scopeType: string; scopeId: string | null }, at: Date): Promise<OtherHolder[]> {
  if (g.role !== "sublocal_officer" || g.scopeType !== "sublocal" || !g.scopeId || !g.office) return [];
  return db.all<OtherHolder>(
    `SELECT r."id" AS "assignmentId", r."personId", p."firstName", p."lastName", p."preferredName", p."memberNumber"
       FROM "RoleAssignment" r JOIN "Person" p ON p."id" = r."personId"
      WHERE r."role" = 'sublocal_officer' AND r."scopeType" = 'sublocal' AND r."scopeId" = ? AND r."office" = ? AND r."personId" <> ? AND ${inForce}
      ORDER BY r."startsAt", r."id"`,
    g.scopeId, g.office, g.personId, at, at,
  );
}

export interface OfficeHolderRow {
  id: number;
  personId: number;
  office: string | null;
  endsAt: string | null;
}

/**
 * Others who held this office in this sub-local and are on their way out: still holding it, or
 * ended after `since`. Most recent first (still holding it first of all). Read by the torch-passing
 * inside a role grant's transaction.
 */
export async function outgoingHolders(db: Db, subLocalCode: string, office: string | null, exceptPersonId: number, now: Date, since: Date): Promise<OfficeHolderRow[]> {
  return db.all<OfficeHolderRow>(
    `SELECT "id", "personId", "office", "endsAt" FROM "RoleAssignment"
      WHERE "role" = 'sublocal_officer' AND "scopeType" = 'sublocal' AND "scopeId" = ? AND coalesce("office", '') = ? AND "personId" <> ?
        AND "startsAt" <= ? AND ("endsAt" IS NULL OR "endsAt" > ?)
      ORDER BY ("endsAt" IS NULL) DESC, "endsAt" DESC, "id" DESC`,
    subLocalCode, office ?? "", exceptPersonId, now, since,
  );
}
