// Member records. Functions here return only the non-sensitive fields unless asked otherwise.
import { encryptField, keyringFromEnv, type SensitiveField } from "./crypto.ts";
import { all, one } from "./sql.ts";
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

type RawPerson = Omit<PersonRecord, "capeContributor" | "subLocal"> & { capeContributor: number; subLocalCode: string | null; subLocalName: string | null };

// The non-sensitive columns, with the sub-local's code and name: one statement, prepared once.
const personColumns = `p."id", p."memberNumber", p."firstName", p."lastName", p."preferredName", p."workEmail", p."workPhone",
  p."subLocalId", p."employer", p."employerGroup", p."region", p."worksite", p."classification", p."membershipStatus",
  p."capeContributor", s."code" AS "subLocalCode", s."name" AS "subLocalName"`;
const personFrom = `FROM "Person" p LEFT JOIN "SubLocal" s ON s."id" = p."subLocalId"`;

function toRecord(r: RawPerson): PersonRecord {
  const { subLocalCode, subLocalName, capeContributor, ...rest } = r;
  return { ...rest, capeContributor: capeContributor === 1, subLocal: subLocalCode !== null ? { code: subLocalCode, name: subLocalName ?? "" } : null };
}

export function personById(store: Store, id: number): PersonRecord | null {
  const r = one<RawPerson>(store, `SELECT ${personColumns} ${personFrom} WHERE p."id" = ?`, id);
  return r ? toRecord(r) : null;
}

export async function personByNumber(store: Store, memberNumber: string): Promise<PersonRecord | null> {
  const r = one<RawPerson>(store, `SELECT ${personColumns} ${personFrom} WHERE p."memberNumber" = ?`, memberNumber);
  return r ? toRecord(r) : null;
}

/** People whose work e-mail is exactly this address (case-insensitive). */
export async function peopleByWorkEmail(store: Store, email: string): Promise<PersonRecord[]> {
  return all<RawPerson>(store, `SELECT ${personColumns} ${personFrom} WHERE lower(p."workEmail") = lower(?) ORDER BY p."id" LIMIT 2`, email).map(toRecord);
}

export async function countPeople(store: Store): Promise<number> {
  return one<{ n: number }>(store, `SELECT count(*) AS "n" FROM "Person"`)!.n;
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

/**
 * Inserts or updates members by member number, all in one transaction: either every row is
 * written or none is. Returns how many were created and updated.
 * The sensitive fields (birthdate, home address/phone/e-mail) are encrypted with MEMBER_DATA_KEY
 * (db/crypto.ts). Without a key they are not stored: new rows get NULL and existing rows keep
 * whatever sealed value they had.
 */
export function upsertMembers(store: Store, rows: MemberImportRow[], onProgress?: (done: number) => void): { created: number; updated: number } {
  const { sql } = store;
  const subLocalIds = new Map(
    (sql.prepare(`SELECT id, code FROM "SubLocal"`).all() as { id: number; code: string }[]).map((r) => [r.code, r.id]),
  );
  const exists = sql.prepare(`SELECT 1 FROM "Person" WHERE memberNumber = ?`);
  const now = new Date().toISOString().replace("Z", "+00:00");
  const ring = keyringFromEnv();
  const seal = (field: SensitiveField, v: string | null | undefined): string | null => (ring && v ? encryptField(ring, field, v) : null);
  const keep = ring ? 0 : 1;
  const upsert = sql.prepare(`
    INSERT INTO "Person" (memberNumber, firstName, lastName, preferredName, workEmail, workPhone, subLocalId, employer,
      employerGroup, region, worksite, classification, membershipStatus, capeContributor, birthdate, homeAddress, homePhone, homeEmail, createdAt, updatedAt)
    VALUES (@memberNumber, @firstName, @lastName, @preferredName, @workEmail, @workPhone, @subLocalId, @employer,
      @employerGroup, @region, @worksite, @classification, @membershipStatus, @capeContributor, @birthdate, @homeAddress, @homePhone, @homeEmail, @now, @now)
    ON CONFLICT(memberNumber) DO UPDATE SET firstName = excluded.firstName, lastName = excluded.lastName,
      preferredName = excluded.preferredName, workEmail = excluded.workEmail, workPhone = excluded.workPhone,
      subLocalId = excluded.subLocalId, employer = excluded.employer, employerGroup = excluded.employerGroup,
      region = excluded.region, worksite = excluded.worksite, classification = excluded.classification,
      membershipStatus = excluded.membershipStatus, capeContributor = excluded.capeContributor,
      birthdate = CASE WHEN @keep = 1 THEN birthdate ELSE excluded.birthdate END,
      homeAddress = CASE WHEN @keep = 1 THEN homeAddress ELSE excluded.homeAddress END,
      homePhone = CASE WHEN @keep = 1 THEN homePhone ELSE excluded.homePhone END,
      homeEmail = CASE WHEN @keep = 1 THEN homeEmail ELSE excluded.homeEmail END, updatedAt = excluded.updatedAt`);
  let created = 0;
  let updated = 0;
  sql
    .transaction(() => {
      rows.forEach((r, i) => {
        if (exists.get(r.memberNumber)) updated++;
        else created++;
        upsert.run({
          memberNumber: r.memberNumber,
          firstName: r.firstName,
          lastName: r.lastName,
          preferredName: r.preferredName ?? null,
          workEmail: r.workEmail ?? null,
          workPhone: r.workPhone ?? null,
          subLocalId: r.subLocalCode ? (subLocalIds.get(r.subLocalCode) ?? null) : null,
          employer: r.employer ?? null,
          employerGroup: r.employerGroup ?? null,
          region: r.region ?? null,
          worksite: r.worksite ?? null,
          classification: r.classification ?? null,
          membershipStatus: r.membershipStatus ?? "member",
          capeContributor: r.capeContributor ? 1 : 0,
          birthdate: seal("birthdate", r.birthdate),
          homeAddress: seal("homeAddress", r.homeAddress),
          homePhone: seal("homePhone", r.homePhone),
          homeEmail: seal("homeEmail", r.homeEmail),
          keep,
          now,
        });
        if (onProgress && (i + 1) % 500 === 0) onProgress(i + 1);
      });
    })
    .immediate();
  onProgress?.(rows.length);
  return { created, updated };
}
