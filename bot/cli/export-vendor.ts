// `npm run cli -- export-vendor --purpose mailing|cass|voter-file|insurance --agreement REF --staff MEMBER_NUMBER [--members FILE] [--out FILE]`
// Staff only. Writes just the fields the service needs (db/contacts-vendor.ts), with file mode
// 0600, and records the export with its agreement reference in the hash-chained audit log.
import fs from "node:fs";
import path from "node:path";
import { appendAuditAsync } from "../../db/audit.ts";
import { acknowledgement, latestAgreementVersion } from "../../db/contacts.ts";
import { data as dataLayer } from "../../db/data.ts";
import { recordVendorExport, VENDOR_FIELDS, VENDOR_PURPOSES, vendorRows, type VendorPurpose } from "../../db/contacts-vendor.ts";
import { keyringFromEnv } from "../../db/crypto.ts";
import { personByNumber } from "../../db/people.ts";
import { activeRoles } from "../../db/roles.ts";
import type { Store } from "../../db/store.ts";
import { parseFlags, withStore } from "./open.ts";
import type { CliCommand } from "./types.ts";

export class ExportRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ExportRefused";
  }
}

export interface ExportOptions {
  purpose: string;
  agreement: string;
  staff: string;
  /** Member numbers carrying the benefit (required for insurance). */
  members?: readonly string[];
  out?: string;
  now?: Date;
  env?: NodeJS.ProcessEnv;
}

const agreementRe = /^[A-Za-z0-9][A-Za-z0-9._/-]{2,63}$/;

function csvCell(v: string): string {
  return /[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** Checks everything first; writes nothing unless every check passes. */
export async function exportVendor(store: Store, o: ExportOptions): Promise<{ file: string; rows: number; missing: number; fields: readonly string[]; exportId: number }> {
  const purpose = o.purpose.toLowerCase().replace(/-/g, "_") as VendorPurpose;
  if (!VENDOR_PURPOSES.includes(purpose))
    throw new ExportRefused(`--purpose must be one of: mailing, cass, voter-file, insurance. Member records are not released, sold or shared with anyone else (member-records policy).`);
  if (!agreementRe.test(o.agreement)) throw new ExportRefused("--agreement must be the reference of the vendor's signed confidentiality agreement (3-64 letters, digits, . _ / -)");
  const now = o.now ?? new Date();
  const staff = await personByNumber(dataLayer(store), o.staff);
  if (!staff) throw new ExportRefused(`--staff: no member ${o.staff}`);
  const roles = await activeRoles(dataLayer(store), staff.id, now);
  if (!roles.some((r) => r.role === "staff" || r.role === "executive_director")) throw new ExportRefused(`--staff: member ${o.staff} does not hold a staff role; vendor exports are for staff only`);
  const version = await latestAgreementVersion(store);
  if (version === null || !(await acknowledgement(dataLayer(store), staff.id, version)))
    throw new ExportRefused(`--staff: member ${o.staff} has not acknowledged the current confidentiality agreement; run /contacts agreement in chat first`);
  if (purpose === "insurance" && (!o.members || o.members.length === 0))
    throw new ExportRefused("insurance exports need --members FILE: the member numbers of those carrying the benefit, one per line");
  const ring = keyringFromEnv(o.env ?? process.env);
  if (!ring) throw new ExportRefused("MEMBER_DATA_KEY is not set, so home addresses and birthdates are unavailable; nothing was exported");

  const data = await vendorRows(dataLayer(store), purpose, ring, purpose === "insurance" ? o.members : undefined);
  const stamp = now.toISOString().slice(0, 16).replace(/[-:]/g, "").replace("T", "-");
  const file = path.resolve(o.out ?? path.join("data", "exports", `vendor-${purpose}-${stamp}.csv`));
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const body = [data.columns.join(","), ...data.rows.map((r) => r.map(csvCell).join(","))].join("\n") + "\n";
  // Sensitive member information on a device: readable by its owner only.
  fs.writeFileSync(file, body, { mode: 0o600, flag: "wx" });
  const row = await recordVendorExport(store, { purpose, agreementRef: o.agreement, staffId: staff.id, rows: data.rows.length, fields: data.columns, fileName: path.basename(file), createdAt: now });
  await appendAuditAsync(store, {
    actorPersonId: staff.id,
    actor: `person:${staff.id}`,
    action: "contacts.vendor_export",
    subjectType: "vendor_export",
    subjectId: String(row.id),
    details: { via: "cli", purpose, agreementRef: o.agreement, rows: data.rows.length, fields: [...VENDOR_FIELDS[purpose]], missing: data.missing },
    at: now,
  });
  return { file, rows: data.rows.length, missing: data.missing, fields: data.columns, exportId: row.id };
}

export const exportVendorCli: CliCommand = {
  summary: "Staff: write the fields a vendor needs (--purpose mailing|cass|voter-file|insurance --agreement REF --staff N)",
  async run(args) {
    const { flags } = parseFlags(args);
    const str = (k: string) => (typeof flags[k] === "string" ? (flags[k] as string) : undefined);
    const purpose = str("purpose");
    const agreement = str("agreement");
    const staff = str("staff");
    if (!purpose || !agreement || !staff) {
      console.error("Usage: npm run cli -- export-vendor --purpose mailing|cass|voter-file|insurance --agreement REF --staff MEMBER_NUMBER [--members FILE] [--out FILE]");
      return 2;
    }
    let members: string[] | undefined;
    const membersFile = str("members");
    if (membersFile) members = fs.readFileSync(membersFile, "utf8").split(/\r?\n/).map((s) => s.trim()).filter(Boolean);
    return withStore(async (store) => {
      try {
        const r = await exportVendor(store, { purpose, agreement, staff, members, out: str("out") });
        console.log(`Wrote ${r.rows} rows (${r.fields.join(", ")}) to ${r.file} (mode 0600); export #${r.exportId} recorded in the audit log with agreement ${agreement}.`);
        if (r.missing) console.log(`${r.missing} row(s) lack a needed value (not on file or not readable with the current key).`);
        console.log("Send it to the vendor over a protected channel and delete your copy when done.");
        return 0;
      } catch (e) {
        if (e instanceof ExportRefused) {
          console.error(`Refused: ${e.message}`);
          return 1;
        }
        throw e;
      }
    });
  },
};
