// Vendor exports and key rotation: the only code that opens the sensitive member fields.
import { transaction, type Db } from "./data.ts";
import { decryptField, encryptField, isEncrypted, kidOf, SENSITIVE_FIELDS, type Keyring, type SensitiveField } from "./crypto.ts";
import type { Store } from "./store.ts";

export const VENDOR_PURPOSES = ["mailing", "cass", "voter_file", "insurance"] as const;
export type VendorPurpose = (typeof VENDOR_PURPOSES)[number];

type VendorColumn = "memberNumber" | "firstName" | "lastName" | SensitiveField;

/**
 * What each service needs, and nothing more (policy: no personal information "unless specifically
 * required for the service being provided"). Mail house: name and postal address. CASS: the
 * address alone, keyed by member number. Voter file: name, birthdate and address to match
 * registrations. Life and legal insurance: name, birthdate and address of those carrying the benefit.
 */
export const VENDOR_FIELDS: Record<VendorPurpose, readonly VendorColumn[]> = {
  mailing: ["memberNumber", "firstName", "lastName", "homeAddress"],
  cass: ["memberNumber", "homeAddress"],
  voter_file: ["memberNumber", "firstName", "lastName", "birthdate", "homeAddress"],
  insurance: ["memberNumber", "firstName", "lastName", "birthdate", "homeAddress"],
};

export interface VendorRows {
  columns: readonly VendorColumn[];
  rows: string[][];
  /** Members whose needed sensitive value is missing or cannot be opened (left empty). */
  missing: number;
}

/** The rows for one vendor purpose: members only (optionally only these member numbers), only the purpose's columns. */
export async function vendorRows(db: Db, purpose: VendorPurpose, ring: Keyring, onlyMemberNumbers?: readonly string[]): Promise<VendorRows> {
  const columns = VENDOR_FIELDS[purpose];
  const sensitive = columns.filter((c): c is SensitiveField => (SENSITIVE_FIELDS as readonly string[]).includes(c));
  const rows: string[][] = [];
  let missing = 0;
  const only = onlyMemberNumbers ? new Set(onlyMemberNumbers) : null;
  // One statement per purpose (four in all), so the layer's cache holds each once.
  const rowsOf = await db.all<Record<string, string | null>>(`SELECT ${columns.map((c) => `"${c}"`).join(", ")} FROM "Person" WHERE "membershipStatus" = 'member' ORDER BY "memberNumber"`);
  for (const r of rowsOf) {
    if (only && !only.has(r.memberNumber!)) continue;
    let gap = false;
    const open: Record<string, string> = {};
    for (const f of sensitive) {
      const v = r[f];
      try {
        open[f] = v ? decryptField(ring, f, v) : "";
      } catch {
        open[f] = "";
      }
      if (!open[f]) gap = true;
    }
    if (gap) missing++;
    rows.push(columns.map((c) => (c in open ? open[c]! : (r[c] ?? ""))));
  }
  return { columns, rows, missing };
}

export async function recordVendorExport(store: Store, e: { purpose: VendorPurpose; agreementRef: string; staffId: number; rows: number; fields: readonly string[]; fileName: string; createdAt: Date }) {
  return store.prisma.vendorExport.create({ data: { ...e, fields: e.fields.join(",") } });
}

export interface RotationResult {
  kid: string;
  /** Values re-sealed from an older key to the current one. */
  reencrypted: number;
  /** Values that were stored in clear text (from before encryption) and are now sealed. */
  sealedPlaintext: number;
  /** Values sealed with a key that is not in MEMBER_DATA_KEY: left as they are. */
  unreadable: number;
  alreadyCurrent: number;
}

/** Re-encrypts every sensitive value under the current key, in one transaction. */
export async function rotateSensitive(store: Pick<Store, "engine" | "sql" | "pool">, ring: Keyring, opts: { dryRun?: boolean; at?: Date } = {}): Promise<RotationResult> {
  const res: RotationResult = { kid: ring.current.kid, reencrypted: 0, sealedPlaintext: 0, unreadable: 0, alreadyCurrent: 0 };
  // Read and re-sealed in one transaction: a value written meanwhile is not overwritten with an older one.
  return transaction(store, async (tx) => {
    const rows = await tx.all<{ id: number } & Record<SensitiveField, string | null>>(
      `SELECT "id", "birthdate", "homeAddress", "homePhone", "homeEmail" FROM "Person" WHERE "birthdate" IS NOT NULL OR "homeAddress" IS NOT NULL OR "homePhone" IS NOT NULL OR "homeEmail" IS NOT NULL`,
    );
    const now = opts.at ?? new Date();
    const updates: { id: number; field: SensitiveField; value: string }[] = [];
    for (const r of rows) {
      for (const f of SENSITIVE_FIELDS) {
        const v = r[f];
        if (!v) continue;
        if (!isEncrypted(v)) {
          updates.push({ id: r.id, field: f, value: encryptField(ring, f, v) });
          res.sealedPlaintext++;
          continue;
        }
        const kid = kidOf(v);
        if (kid === ring.current.kid) {
          res.alreadyCurrent++;
          continue;
        }
        try {
          updates.push({ id: r.id, field: f, value: encryptField(ring, f, decryptField(ring, f, v)) });
          res.reencrypted++;
        } catch {
          res.unreadable++;
        }
      }
    }
    if (!opts.dryRun) {
      const update = Object.fromEntries(SENSITIVE_FIELDS.map((f) => [f, `UPDATE "Person" SET "${f}" = ?, "updatedAt" = ? WHERE "id" = ?`]));
      for (const u of updates) await tx.run(update[u.field]!, u.value, now, u.id);
    }
    return res;
  });
}
