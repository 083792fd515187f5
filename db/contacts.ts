// Data access for approved member contacts. The rules (who may request, who approves,
// which fields a purpose needs) live in commands/contacts; this module only reads and writes, and
// it never selects a sensitive column: the member rows it returns cannot carry a birthdate.
import crypto from "node:crypto";
import type { Db, Tx } from "./data.ts";
import { dialect } from "./dialect.ts";
import type { Engine, Store } from "./store.ts";

// ---- Confidentiality agreement -------------------------------------------------------------------

export interface AgreementRow {
  version: number;
  body: string;
  publishedAt: Date;
}

const sha = (s: string) => crypto.createHash("sha256").update(s).digest("hex");

const latestAgreement = async (db: Db): Promise<AgreementRow | undefined> => {
  const row = await db.one<{ version: number; body: string; publishedAt: string }>(
    `SELECT "version", "body", "publishedAt" FROM "ContactAgreement" ORDER BY "version" DESC LIMIT 1`,
  );
  return row && { ...row, publishedAt: new Date(row.publishedAt) };
};

/** The current (highest) version; the first call creates version 1 from `initialBody`. */
export async function currentAgreement(db: Db, initialBody: string): Promise<AgreementRow> {
  const top = await latestAgreement(db);
  if (top) return top;
  await db.run(
    `INSERT INTO "ContactAgreement" ("version", "body", "bodyHash", "publishedAt") VALUES (1, ?, ?, ?) ON CONFLICT ("version") DO NOTHING`,
    initialBody,
    sha(initialBody),
    new Date(),
  );
  return (await latestAgreement(db))!;
}

/** Publishes a new version; everyone must acknowledge it again. */
export async function publishAgreement(tx: Tx, body: string, publishedBy: number | null, at: Date): Promise<number> {
  const top = await tx.one<{ v: number | null }>(`SELECT MAX("version") AS "v" FROM "ContactAgreement"`);
  const version = (top?.v ?? 0) + 1;
  // Two publishers at once on PostgreSQL: the version's unique key refuses the second, nothing is overwritten.
  await tx.run(
    `INSERT INTO "ContactAgreement" ("version", "body", "bodyHash", "publishedAt", "publishedBy") VALUES (?, ?, ?, ?, ?)`,
    version,
    body,
    sha(body),
    at,
    publishedBy,
  );
  return version;
}

/** This person's acknowledgement of this version, or null. */
export async function acknowledgement(db: Db, personId: number, version: number): Promise<{ acknowledgedAt: Date; platform: string } | null> {
  const row = await db.one<{ acknowledgedAt: string; platform: string }>(
    `SELECT "acknowledgedAt", "platform" FROM "ContactAgreementAck" WHERE "personId" = ? AND "version" = ?`,
    personId,
    version,
  );
  return row ? { ...row, acknowledgedAt: new Date(row.acknowledgedAt) } : null;
}

/** Records an acknowledgement once; returns false when this version was already acknowledged. */
export async function acknowledge(db: Db, personId: number, version: number, at: Date, platform: string): Promise<boolean> {
  const r = await db.run(
    `INSERT INTO "ContactAgreementAck" ("personId", "version", "acknowledgedAt", "platform") VALUES (?, ?, ?, ?) ON CONFLICT ("personId", "version") DO NOTHING`,
    personId,
    version,
    at,
    platform,
  );
  return r.changes === 1;
}

// ---- Requests and grants ---------------------------------------------------------------------------

export interface ScopeRef {
  scopeType: "sublocal" | "employer_group" | "region" | "statewide";
  scopeId: string;
  campaign: "classification" | "organizing" | "cape" | null;
  campaignDetail: string | null;
}

export interface NewRequest extends ScopeRef {
  requesterId: number;
  purpose: string;
  justification: string;
  days: number;
  route: string;
  status: "pending" | "refused";
  /** JSON: the warnings the approver sees (screen matches, declared candidate). */
  flags?: string;
  attestedAt?: Date | null;
  createdAt: Date;
}

export async function createRequest(store: Store, r: NewRequest) {
  return store.prisma.contactRequest.create({ data: r });
}

export async function requestById(store: Store, id: number) {
  return store.prisma.contactRequest.findUnique({ where: { id } });
}

export type RequestRow = NonNullable<Awaited<ReturnType<typeof requestById>>>;

export type Decision =
  | { ok: true; status: "approved"; grantId: number; expiresAt: Date }
  | { ok: true; status: "denied" }
  | { ok: false; status: string; decidedById: number | null; decidedAt: Date | null };

/**
 * Decides a pending request exactly once, atomically: the request leaves "pending" and, when
 * approved, its grant is created in the same transaction. A second decision changes nothing.
 */
export async function decideRequest(tx: Tx, id: number, deciderId: number, approve: boolean, now: Date): Promise<Decision> {
  // The request row is locked on PostgreSQL, so a second decider in another process waits and then sees it decided.
  const row = await tx.one<{ status: string; decidedById: number | null; decidedAt: string | null; requesterId: number; scopeType: string; scopeId: string; campaign: string | null; campaignDetail: string | null; purpose: string; days: number }>(
    dialect({
      sqlite: `SELECT "status", "decidedById", "decidedAt", "requesterId", "scopeType", "scopeId", "campaign", "campaignDetail", "purpose", "days" FROM "ContactRequest" WHERE "id" = ?`,
      postgres: `SELECT "status", "decidedById", "decidedAt", "requesterId", "scopeType", "scopeId", "campaign", "campaignDetail", "purpose", "days" FROM "ContactRequest" WHERE "id" = ? FOR UPDATE`,
    }),
    id,
  );
  if (!row) return { ok: false, status: "missing", decidedById: null, decidedAt: null };
  if (row.status !== "pending") return { ok: false, status: row.status, decidedById: row.decidedById, decidedAt: row.decidedAt ? new Date(row.decidedAt) : null };
  await tx.run(`UPDATE "ContactRequest" SET "status" = ?, "decidedById" = ?, "decidedAt" = ? WHERE "id" = ? AND "status" = 'pending'`, approve ? "approved" : "denied", deciderId, now, id);
  if (!approve) return { ok: true, status: "denied" };
  const expiresAt = new Date(now.getTime() + row.days * 24 * 3600_000);
  const grant = await tx.one<{ id: number }>(
    `INSERT INTO "ContactGrant" ("requestId", "granteeId", "scopeType", "scopeId", "campaign", "campaignDetail", "purpose", "approvedById", "startsAt", "expiresAt")
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING "id"`,
    id,
    row.requesterId,
    row.scopeType,
    row.scopeId,
    row.campaign,
    row.campaignDetail,
    row.purpose,
    deciderId,
    now,
    expiresAt,
  );
  return { ok: true, status: "approved", grantId: grant!.id, expiresAt };
}

export async function grantById(store: Store, id: number) {
  return store.prisma.contactGrant.findUnique({ where: { id } });
}

export type GrantRow = NonNullable<Awaited<ReturnType<typeof grantById>>>;

/** Grants of a person valid at `now`. */
export async function activeGrants(store: Store, personId: number, now: Date) {
  return store.prisma.contactGrant.findMany({
    where: { granteeId: personId, startsAt: { lte: now }, expiresAt: { gt: now }, revokedAt: null },
    orderBy: { id: "asc" },
  });
}

/** A person's grants that ended (expired or revoked) but whose end reminder has not gone out. */
export async function endedUnreminded(store: Store, now: Date, personId?: number) {
  return store.prisma.contactGrant.findMany({
    where: { granteeId: personId, remindedAt: null, OR: [{ expiresAt: { lte: now } }, { revokedAt: { not: null, lte: now } }] },
    orderBy: { id: "asc" },
    take: 50,
  });
}

/** Marks the end reminder as sent; true only for the first caller (so it goes out once). */
export async function markReminded(db: Db, grantId: number, now: Date): Promise<boolean> {
  return (await db.run(`UPDATE "ContactGrant" SET "remindedAt" = ? WHERE "id" = ? AND "remindedAt" IS NULL`, now, grantId)).changes === 1;
}

export async function pendingRequestsOf(store: Store, requesterId: number) {
  return store.prisma.contactRequest.findMany({ where: { requesterId, status: "pending" }, orderBy: { id: "asc" } });
}

// ---- Members in a grant's scope: only the columns asked for, never a sensitive one ----------------

export const CONTACT_COLUMNS = ["workEmail", "workPhone", "worksite", "classification"] as const;
export type ContactColumn = (typeof CONTACT_COLUMNS)[number];

export interface ContactRow {
  id: number;
  memberNumber: string;
  firstName: string;
  lastName: string;
  preferredName: string | null;
  workEmail?: string | null;
  workPhone?: string | null;
  worksite?: string | null;
  classification?: string | null;
}

function scopeWhere(s: ScopeRef, engine: Engine, name?: string) {
  const where: Record<string, unknown> = {};
  if (s.scopeType === "sublocal") where.subLocal = { code: s.scopeId };
  else if (s.scopeType === "employer_group") where.employerGroup = s.scopeId;
  else if (s.scopeType === "region") where.region = s.scopeId;
  // "statewide": the whole membership, no place filter.
  // Members, unless an organizing campaign reaches represented workers who are not members yet.
  if (s.campaign === "organizing") where.membershipStatus = { in: ["fee_payer", "non_member"] };
  else where.membershipStatus = "member";
  if (s.campaign === "classification") where.classification = s.campaignDetail;
  if (s.campaign === "cape") where.capeContributor = true;
  if (name) {
    const words = name.trim().split(/\s+/).slice(0, 3);
    // Whatever the case typed, as SQLite's LIKE matches; PostgreSQL's is case-sensitive unless asked.
    const has = (w: string) => (engine === "postgres" ? { contains: w, mode: "insensitive" } : { contains: w });
    where.AND = words.map((w) => ({ OR: [{ firstName: has(w) }, { lastName: has(w) }, { preferredName: has(w) }] }));
  }
  return where;
}

export async function contactsInScope(
  store: Store,
  scope: ScopeRef,
  columns: readonly ContactColumn[],
  opts: { name?: string; offset?: number; limit?: number } = {},
): Promise<{ total: number; rows: ContactRow[] }> {
  const where = scopeWhere(scope, store.engine, opts.name);
  const select: Record<string, true> = { id: true, memberNumber: true, firstName: true, lastName: true, preferredName: true };
  for (const c of columns) if ((CONTACT_COLUMNS as readonly string[]).includes(c)) select[c] = true;
  const [total, rows] = await Promise.all([
    store.prisma.person.count({ where }),
    store.prisma.person.findMany({ where, select, orderBy: [{ lastName: "asc" }, { firstName: "asc" }, { id: "asc" }], skip: opts.offset ?? 0, take: opts.limit ?? 20 }),
  ]);
  return { total, rows: rows as unknown as ContactRow[] };
}

// ---- Accesses: who saw what, under which grant ------------------------------------------------------

export async function recordAccess(store: Store, a: { grantId: number; viewerId: number; scopeType: string; scopeId: string; kind: "list" | "find"; shown: number; at: Date }) {
  return store.prisma.contactAccess.create({ data: a });
}

export async function accessesFor(store: Store, scopes: { scopeType: string; scopeId: string }[] | "all", limit = 20) {
  const where = scopes === "all" ? {} : { OR: scopes.map((s) => ({ scopeType: s.scopeType, scopeId: s.scopeId })) };
  const rows = await store.prisma.contactAccess.findMany({ where, orderBy: { id: "desc" }, take: limit });
  const grants = await store.prisma.contactGrant.findMany({ where: { id: { in: rows.map((r) => r.grantId) } } });
  const people = await store.prisma.person.findMany({
    where: { id: { in: [...rows.map((r) => r.viewerId), ...grants.map((g) => g.approvedById)] } },
    select: { id: true, memberNumber: true, firstName: true, lastName: true, preferredName: true },
  });
  return rows.map((r) => {
    const grant = grants.find((g) => g.id === r.grantId) ?? null;
    return { ...r, grant, viewer: people.find((p) => p.id === r.viewerId) ?? null, approver: grant ? (people.find((p) => p.id === grant.approvedById) ?? null) : null };
  });
}

// ---- Public leadership contacts -----------------------------------------------------------------------

const leaderSelect = { id: true, memberNumber: true, firstName: true, lastName: true, preferredName: true, workEmail: true, workPhone: true } as const;
export interface LeaderRow {
  title: string;
  person: { id: number; memberNumber: string; firstName: string; lastName: string; preferredName: string | null; workEmail: string | null; workPhone: string | null };
}

/** People holding `roles` now (optionally in one scope), with their work contact details only. */
export async function roleHoldersWithContacts(store: Store, roles: string[], now: Date, scope?: { scopeType: string; scopeId: string | null }) {
  return store.prisma.roleAssignment.findMany({
    where: {
      role: { in: roles },
      scopeType: scope?.scopeType,
      scopeId: scope ? scope.scopeId : undefined,
      startsAt: { lte: now },
      OR: [{ endsAt: null }, { endsAt: { gt: now } }],
    },
    select: { role: true, office: true, scopeType: true, scopeId: true, person: { select: leaderSelect } },
    orderBy: { id: "asc" },
  });
}

export const bodyKey = (body: string) => body.trim().toLowerCase().replace(/\s+/g, " ");

export async function seatsOf(store: Store, body: string, now: Date) {
  const seats = await store.prisma.leadershipSeat.findMany({
    where: { bodyKey: bodyKey(body), startsAt: { lte: now }, OR: [{ endsAt: null }, { endsAt: { gt: now } }] },
    orderBy: { id: "asc" },
  });
  const people = await store.prisma.person.findMany({ where: { id: { in: seats.map((s) => s.personId) } }, select: leaderSelect });
  return seats.flatMap((s) => {
    const person = people.find((p) => p.id === s.personId);
    return person ? [{ seat: s, person }] : [];
  });
}

/** Names of the bodies (committees) that have a current seat. */
export async function currentBodies(store: Store, now: Date): Promise<string[]> {
  const rows = await store.prisma.leadershipSeat.findMany({
    where: { startsAt: { lte: now }, OR: [{ endsAt: null }, { endsAt: { gt: now } }] },
    select: { body: true, bodyKey: true },
    distinct: ["bodyKey"],
    orderBy: { bodyKey: "asc" },
  });
  return rows.map((r) => r.body);
}

export async function addSeat(store: Store, s: { body: string; personId: number; title: string | null; startsAt: Date }) {
  const existing = await store.prisma.leadershipSeat.findFirst({
    where: { bodyKey: bodyKey(s.body), personId: s.personId, OR: [{ endsAt: null }, { endsAt: { gt: s.startsAt } }] },
  });
  if (existing) return { created: false as const, seat: existing };
  return { created: true as const, seat: await store.prisma.leadershipSeat.create({ data: { ...s, body: s.body.trim(), bodyKey: bodyKey(s.body) } }) };
}

export async function endSeat(store: Store, body: string, personId: number, at: Date): Promise<number> {
  const r = await store.prisma.leadershipSeat.updateMany({
    where: { bodyKey: bodyKey(body), personId, OR: [{ endsAt: null }, { endsAt: { gt: at } }] },
    data: { endsAt: at },
  });
  return r.count;
}

/** The current agreement version, or null when none was ever shown. */
export async function latestAgreementVersion(store: Store): Promise<number | null> {
  const top = await store.prisma.contactAgreement.findFirst({ orderBy: { version: "desc" }, select: { version: true } });
  return top?.version ?? null;
}

/** Ends a grant early; false when it was already over. */
export async function revokeGrant(db: Db, id: number, at: Date): Promise<boolean> {
  return (await db.run(`UPDATE "ContactGrant" SET "revokedAt" = ? WHERE "id" = ? AND "revokedAt" IS NULL AND "expiresAt" > ?`, at, id, at)).changes === 1;
}

/** Grants not yet reminded that have no end-of-access job at all (left by a crash before approvals were one transaction). */
export async function grantsWithoutEndJob(db: Db): Promise<{ id: number; granteeId: number; expiresAt: Date; approvedById: number }[]> {
  const rows = await db.all<{ id: number; granteeId: number; expiresAt: string; approvedById: number }>(
    `SELECT g."id", g."granteeId", g."expiresAt", g."approvedById" FROM "ContactGrant" g
     WHERE g."remindedAt" IS NULL AND NOT EXISTS (SELECT 1 FROM "ScheduledJob" j WHERE j."idempotencyKey" = 'contacts.grant_ended:' || g."id")`,
  );
  return rows.map((r) => ({ ...r, expiresAt: new Date(r.expiresAt) }));
}
