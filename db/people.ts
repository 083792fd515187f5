// Member records. Functions here return only the non-sensitive fields unless asked otherwise.
import { encryptField, keyringFromEnv, type SensitiveField } from "./crypto.ts";
import { transaction, type Db, type Tx } from "./data.ts";
import { dialect } from "./dialect.ts";
import { turnTaker } from "./loop-turns.ts";
import type { Store } from "./store.ts";

export type PersonRecord = {
  id: number;
  memberNumber: string;
  firstName: string;
  lastName: string;
  preferredName: string | null;
  workEmail: string | null;
  workPhone: string | null;
  subLocalId: number | null;
  employer: string | null;
  employerGroup: string | null;
  region: string | null;
  worksite: string | null;
  classification: string | null;
  membershipStatus: string;
  capeContributor: boolean;
  subLocal: { code: string; name: string } | null;
};

export function displayName(p: Pick<PersonRecord, "firstName" | "lastName" | "preferredName">): string {
  return `${p.preferredName ?? p.firstName} ${p.lastName}`;
}

export type RawPerson = Omit<PersonRecord, "capeContributor" | "subLocal"> & { capeContributor: number; subLocalCode: string | null; subLocalName: string | null };

// The non-sensitive columns, with the sub-local's code and name: one statement, prepared once.
export const personColumns = `p."id", p."memberNumber", p."firstName", p."lastName", p."preferredName", p."workEmail", p."workPhone",
  p."subLocalId", p."employer", p."employerGroup", p."region", p."worksite", p."classification", p."membershipStatus",
  p."capeContributor", s."code" AS "subLocalCode", s."name" AS "subLocalName"`;
/** The sub-local beside a person `p`, for statements that join the person themselves. */
export const personSubLocalJoin = `LEFT JOIN "SubLocal" s ON s."id" = p."subLocalId"`;
const personFrom = `FROM "Person" p ${personSubLocalJoin}`;

export function toRecord(r: RawPerson): PersonRecord {
  const { subLocalCode, subLocalName, capeContributor, ...rest } = r;
  return { ...rest, capeContributor: capeContributor === 1, subLocal: subLocalCode !== null ? { code: subLocalCode, name: subLocalName ?? "" } : null };
}

const BY_ID = `SELECT ${personColumns} ${personFrom} WHERE p."id" = ?`;
const BY_NUMBER = `SELECT ${personColumns} ${personFrom} WHERE p."memberNumber" = ?`;
const BY_WORK_EMAIL = `SELECT ${personColumns} ${personFrom} WHERE lower(p."workEmail") = lower(?) ORDER BY p."id" LIMIT 2`;

export async function personById(db: Db, id: number): Promise<PersonRecord | null> {
  const r = await db.one<RawPerson>(BY_ID, id);
  return r ? toRecord(r) : null;
}

export async function personByNumber(db: Db, memberNumber: string): Promise<PersonRecord | null> {
  const r = await db.one<RawPerson>(BY_NUMBER, memberNumber);
  return r ? toRecord(r) : null;
}

/** People whose work e-mail is exactly this address (case-insensitive). */
export async function peopleByWorkEmail(db: Db, email: string): Promise<PersonRecord[]> {
  return (await db.all<RawPerson>(BY_WORK_EMAIL, email)).map(toRecord);
}

export async function countPeople(db: Db): Promise<number> {
  return (await db.one<{ n: number }>(`SELECT count(*) AS "n" FROM "Person"`))!.n;
}

export interface MemberImportRow {
  memberNumber: string;
  firstName: string;
  lastName: string;
  preferredName?: string | null;
  workEmail?: string | null;
  workPhone?: string | null;
  subLocalCode?: string | null;
  employer?: string | null;
  employerGroup?: string | null;
  region?: string | null;
  worksite?: string | null;
  classification?: string | null;
  membershipStatus?: string | null;
  capeContributor?: boolean | null;
  birthdate?: string | null;
  homeAddress?: string | null;
  homePhone?: string | null;
  homeEmail?: string | null;
}

// The columns an import writes, in the order of each row's values.
const IMPORT_COLUMNS = ["memberNumber", "firstName", "lastName", "preferredName", "workEmail", "workPhone", "subLocalId", "employer", "employerGroup",
  "region", "worksite", "classification", "membershipStatus", "capeContributor", "birthdate", "homeAddress", "homePhone", "homeEmail", "createdAt", "updatedAt"] as const;
const SENSITIVE = ["birthdate", "homeAddress", "homePhone", "homeEmail"] as const;
const PLAIN = IMPORT_COLUMNS.filter((c) => c !== "memberNumber" && c !== "createdAt" && c !== "updatedAt" && !(SENSITIVE as readonly string[]).includes(c));

/** Rows per statement: few enough parameters for either engine (20 × 250), many rows per round trip. */
const IMPORT_BATCH = 250;

/**
 * The upsert of `n` rows. Without a key (`keepSealed`) the sensitive columns keep whatever sealed
 * value a member already has; with one they take the file's (sealed, or NULL when it has none).
 */
function upsertSql(n: number, keepSealed: boolean): string {
  const row = `(${IMPORT_COLUMNS.map(() => "?").join(", ")})`;
  const set = [
    ...PLAIN.map((c) => `"${c}" = excluded."${c}"`),
    ...SENSITIVE.map((c) => (keepSealed ? `"${c}" = "Person"."${c}"` : `"${c}" = excluded."${c}"`)),
    `"updatedAt" = excluded."updatedAt"`,
  ];
  return `INSERT INTO "Person" (${IMPORT_COLUMNS.map((c) => `"${c}"`).join(", ")}) VALUES ${Array.from({ length: n }, () => row).join(", ")}
    ON CONFLICT ("memberNumber") DO UPDATE SET ${set.join(", ")} RETURNING "id", "memberNumber"`;
}
// Built once: a full batch and a single row, each with and without a key.
const UPSERT = {
  keep: { batch: upsertSql(IMPORT_BATCH, true), one: upsertSql(1, true) },
  replace: { batch: upsertSql(IMPORT_BATCH, false), one: upsertSql(1, false) },
};
// Unused places in the list are NULL, which matches nothing: one statement for every batch.
const ALREADY_ON_FILE = `SELECT "memberNumber" FROM "Person" WHERE "memberNumber" IN (${Array.from({ length: IMPORT_BATCH }, () => "?").join(", ")})`;

// A batch's statements are planned afresh on PostgreSQL: a plan cached while "Person" was nearly
// empty (a first import) would scan the whole table for every batch once it holds 70,000 people.
const PLAN_EACH_BATCH = dialect({ sqlite: `SELECT 1`, postgres: `SET LOCAL plan_cache_mode = force_custom_plan` });

/**
 * Inserts or updates members by member number in the caller's transaction, a batch at a time,
 * giving the event loop a turn between batches (70,000 members take seconds). Returns how many
 * were created and updated, and each row's person id in the order of `rows`.
 * The sensitive fields (birthdate, home address/phone/e-mail) are encrypted with MEMBER_DATA_KEY
 * (db/crypto.ts). Without a key they are not stored: new rows get NULL and existing rows keep
 * whatever sealed value they had.
 */
export async function upsertMembersIn(tx: Tx, rows: readonly MemberImportRow[], onProgress?: (done: number) => void): Promise<{ created: number; updated: number; ids: number[] }> {
  await tx.run(PLAN_EACH_BATCH);
  const subLocalIds = new Map((await tx.all<{ id: number; code: string }>(`SELECT "id", "code" FROM "SubLocal"`)).map((r) => [r.code, r.id]));
  const now = new Date();
  const ring = keyringFromEnv();
  const seal = (field: SensitiveField, v: string | null | undefined): string | null => (ring && v ? encryptField(ring, field, v) : null);
  const upsert = ring ? UPSERT.replace : UPSERT.keep;
  const values = (r: MemberImportRow) => [
    r.memberNumber, r.firstName, r.lastName, r.preferredName ?? null, r.workEmail ?? null, r.workPhone ?? null,
    r.subLocalCode ? (subLocalIds.get(r.subLocalCode) ?? null) : null, r.employer ?? null, r.employerGroup ?? null, r.region ?? null,
    r.worksite ?? null, r.classification ?? null, r.membershipStatus ?? "member", r.capeContributor ? true : false,
    seal("birthdate", r.birthdate), seal("homeAddress", r.homeAddress), seal("homePhone", r.homePhone), seal("homeEmail", r.homeEmail), now, now,
  ];
  const giveWay = turnTaker();
  const idOf = new Map<string, number>();
  let created = 0;
  let updated = 0;
  let done = 0;
  for (const batch of batches(rows)) {
    const numbers = batch.map((r) => r.memberNumber);
    const onFile = new Set((await tx.all<{ memberNumber: string }>(ALREADY_ON_FILE, ...numbers, ...Array(IMPORT_BATCH - numbers.length).fill(null))).map((r) => r.memberNumber));
    created += batch.length - onFile.size;
    updated += onFile.size;
    const written: { id: number; memberNumber: string }[] = [];
    if (batch.length === IMPORT_BATCH) written.push(...(await tx.all<{ id: number; memberNumber: string }>(upsert.batch, ...batch.flatMap(values))));
    // One at a time: a transaction is one connection, and pg refuses (from version 9) a query
    // sent while the last is still running.
    else for (const r of batch) written.push((await tx.one<{ id: number; memberNumber: string }>(upsert.one, ...values(r)))!);
    for (const w of written) idOf.set(w.memberNumber, Number(w.id));
    const before = done;
    done += batch.length;
    if (onProgress && Math.floor(done / 500) > Math.floor(before / 500) && done < rows.length) onProgress(done - (done % 500));
    await giveWay();
  }
  onProgress?.(rows.length);
  return { created, updated, ids: rows.map((r) => idOf.get(r.memberNumber)!) };
}

/**
 * Batches of at most IMPORT_BATCH rows, a member number at most once in each (one statement may
 * not write a row twice on PostgreSQL; a later row in the list is written after, as before).
 */
function* batches(rows: readonly MemberImportRow[]): Generator<MemberImportRow[]> {
  let batch: MemberImportRow[] = [];
  let seen = new Set<string>();
  for (const r of rows) {
    if (batch.length === IMPORT_BATCH || seen.has(r.memberNumber)) {
      yield batch;
      batch = [];
      seen = new Set();
    }
    batch.push(r);
    seen.add(r.memberNumber);
  }
  if (batch.length) yield batch;
}

/** upsertMembersIn as one transaction of its own: either every row is written or none is. */
export async function upsertMembers(store: Store, rows: readonly MemberImportRow[], onProgress?: (done: number) => void): Promise<{ created: number; updated: number }> {
  const { created, updated } = await transaction(store, (tx) => upsertMembersIn(tx, rows, onProgress));
  return { created, updated };
}
