// Role assignments with scope and dates. Revoking ends an assignment; rows are kept for history.
import { all } from "./sql.ts";
import type { Store } from "./store.ts";
import { dbTime } from "./time.ts";

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

type RawRole = Omit<RoleRow, "startsAt" | "endsAt"> & { startsAt: string; endsAt: string | null };
const roleColumns = `r."id", r."personId", r."role", r."office", r."scopeType", r."scopeId", r."startsAt", r."endsAt"`;
const toRole = <T extends RawRole>(r: T): Omit<T, "startsAt" | "endsAt"> & { startsAt: Date; endsAt: Date | null } => ({
  ...r,
  startsAt: new Date(r.startsAt),
  endsAt: r.endsAt === null ? null : new Date(r.endsAt),
});
// In force at ?: started, and not yet ended.
const inForce = `r."startsAt" <= ? AND (r."endsAt" IS NULL OR r."endsAt" > ?)`;

/** Assignments in force at `at` (read on every command: a cached statement). */
export function activeRoles(store: Store, personId: number, at: Date): RoleRow[] {
  const t = dbTime(at);
  return all<RawRole>(store, `SELECT ${roleColumns} FROM "RoleAssignment" r WHERE r."personId" = ? AND ${inForce} ORDER BY r."id"`, personId, t, t).map(toRole);
}

type HolderRow = RawRole & { firstName: string; lastName: string; preferredName: string | null; memberNumber: string };

/** Everyone holding `role` (optionally in one scope) at `at`. */
export async function holdersOf(store: Store, role: string, at: Date, scope?: { scopeType: string; scopeId: string | null }) {
  const t = dbTime(at);
  const select = `SELECT ${roleColumns}, p."firstName", p."lastName", p."preferredName", p."memberNumber"
    FROM "RoleAssignment" r JOIN "Person" p ON p."id" = r."personId" WHERE r."role" = ? AND ${inForce}`;
  const rows = !scope
    ? all<HolderRow>(store, `${select} ORDER BY r."id"`, role, t, t)
    : scope.scopeId === null
      ? all<HolderRow>(store, `${select} AND r."scopeType" = ? AND r."scopeId" IS NULL ORDER BY r."id"`, role, t, t, scope.scopeType)
      : all<HolderRow>(store, `${select} AND r."scopeType" = ? AND r."scopeId" = ? ORDER BY r."id"`, role, t, t, scope.scopeType, scope.scopeId);
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

/** Ends the matching assignments in force at `at`. Returns how many ended. */
export async function revokeRole(
  store: Store,
  r: { personId: number; role: string; office?: string | null; scopeType: string; scopeId: string | null; revokedById: number | null; at: Date },
): Promise<number> {
  const res = await store.prisma.roleAssignment.updateMany({
    where: {
      personId: r.personId,
      role: r.role,
      office: r.office ?? undefined,
      scopeType: r.scopeType,
      scopeId: r.scopeId,
      startsAt: { lte: r.at },
      OR: [{ endsAt: null }, { endsAt: { gt: r.at } }],
    },
    data: { endsAt: r.at, revokedAt: r.at, revokedById: r.revokedById },
  });
  return res.count;
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

// ---- Synchronous writes, for one transaction with the audit entry (ctx.commit) ----------------

/** Grants a role now, synchronously (inside the caller's transaction). */
export function grantRoleNow(
  store: Store,
  g: { personId: number; role: string; office?: string | null; scopeType: string; scopeId: string | null; startsAt: Date; endsAt?: Date | null; grantedById: number | null },
  at: Date,
): RoleRow {
  const row = store.sql
    .prepare(
      `INSERT INTO "RoleAssignment" ("personId", "role", "office", "scopeType", "scopeId", "startsAt", "endsAt", "grantedById", "grantedAt")
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING "id", "personId", "role", "office", "scopeType", "scopeId", "startsAt", "endsAt"`,
    )
    .get(g.personId, g.role, g.office ?? null, g.scopeType, g.scopeId, dbTime(g.startsAt), g.endsAt ? dbTime(g.endsAt) : null, g.grantedById, dbTime(at)) as Omit<RoleRow, "startsAt" | "endsAt"> & { startsAt: string; endsAt: string | null };
  return { ...row, startsAt: new Date(row.startsAt), endsAt: row.endsAt === null ? null : new Date(row.endsAt) };
}

/** Ends the matching assignments in force at `at`, synchronously. Returns how many ended. */
export function revokeRoleNow(
  store: Store,
  r: { personId: number; role: string; office?: string | null; scopeType: string; scopeId: string | null; revokedById: number | null; at: Date },
): number {
  const t = dbTime(r.at);
  // As revokeRole: no office given means any office.
  const office = r.office ? ` AND "office" = ?` : "";
  const scope = r.scopeId === null ? ` AND "scopeId" IS NULL` : ` AND "scopeId" = ?`;
  const params: unknown[] = [t, t, r.revokedById, r.personId, r.role, r.scopeType];
  if (r.scopeId !== null) params.push(r.scopeId);
  if (r.office) params.push(r.office);
  return store.sql
    .prepare(
      `UPDATE "RoleAssignment" SET "endsAt" = ?, "revokedAt" = ?, "revokedById" = ?
       WHERE "personId" = ? AND "role" = ? AND "scopeType" = ?${scope}${office} AND "startsAt" <= ? AND ("endsAt" IS NULL OR "endsAt" > ?)`,
    )
    .run(...params, t, t).changes;
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
export function othersHoldingOffice(store: Store, g: { personId: number; role: string; office?: string | null; scopeType: string; scopeId: string | null }, at: Date): OtherHolder[] {
  if (g.role !== "sublocal_officer" || g.scopeType !== "sublocal" || !g.scopeId || !g.office) return [];
  const t = dbTime(at);
  return all<OtherHolder>(
    store,
    `SELECT r."id" AS assignmentId, r."personId", p."firstName", p."lastName", p."preferredName", p."memberNumber"
       FROM "RoleAssignment" r JOIN "Person" p ON p."id" = r."personId"
      WHERE r."role" = 'sublocal_officer' AND r."scopeType" = 'sublocal' AND r."scopeId" = ? AND r."office" = ? AND r."personId" <> ? AND ${inForce}
      ORDER BY r."startsAt", r."id"`,
    g.scopeId, g.office, g.personId, t, t,
  );
}
