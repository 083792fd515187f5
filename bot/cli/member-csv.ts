// Reading a members CSV: header names are matched loosely ("Member Number", member_number, …),
// every row is validated, and each bad row gets one clear line. Pure: no database.
import { parse } from "csv-parse/sync";
import { z } from "zod";
import type { MemberImportRow } from "../../db/people.ts";

/** A member row as the file gives it: the record, plus the dates the reports' history needs. */
export type MemberCsvRow = MemberImportRow & {
  /** "YYYY-MM-DD": when the person was hired. */
  hireDate?: string | null;
  /** "YYYY-MM-DD": since when the membership status in the file holds. */
  statusDate?: string | null;
};

const columns: Record<keyof MemberCsvRow, string[]> = {
  memberNumber: ["member_number", "member_no", "member_id", "member"],
  firstName: ["first_name", "first", "given_name"],
  lastName: ["last_name", "last", "surname", "family_name"],
  preferredName: ["preferred_name", "nickname"],
  workEmail: ["work_email", "email"],
  workPhone: ["work_phone", "phone"],
  subLocalCode: ["sub_local", "sublocal", "sub_local_code"],
  employer: ["employer", "agency"],
  employerGroup: ["employer_group", "group"],
  region: ["region"],
  worksite: ["worksite", "work_site", "site"],
  classification: ["classification", "job_class", "job_title"],
  membershipStatus: ["membership_status", "status"],
  capeContributor: ["cape", "cape_contributor", "cape_member"],
  birthdate: ["birthdate", "birth_date", "date_of_birth", "dob"],
  homeAddress: ["home_address", "address"],
  homePhone: ["home_phone"],
  homeEmail: ["home_email", "personal_email"],
  hireDate: ["hire_date", "hired", "date_of_hire", "hired_on"],
  statusDate: ["status_date", "membership_status_date", "status_since", "status_effective"],
};

const norm = (h: string) => h.trim().toLowerCase().replace(/[\s-]+/g, "_");
const opt = (s: z.ZodType<string>) => z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : typeof v === "string" ? v.trim() : v), s.optional());
const isDay = (v: string) => {
  const d = new Date(`${v}T00:00:00Z`);
  return /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(d.getTime()) && d.toISOString().startsWith(v);
};
const isoDate = z.string().refine(isDay, "birthdate must be a date like 1980-04-17");
const dayOf = (what: string) => z.string().refine(isDay, `${what} must be a date like 2024-03-01`);

export const memberRowSchema = z.object({
  memberNumber: z.string().trim().regex(/^\d{3,10}$/, "member number must be 3 to 10 digits"),
  firstName: z.string().trim().min(1, "first name is missing").max(80),
  lastName: z.string().trim().min(1, "last name is missing").max(80),
  preferredName: opt(z.string().max(80)),
  workEmail: opt(z.email("work e-mail is not a valid address")),
  workPhone: opt(z.string().regex(/^[0-9+() .-]{7,20}$/, "work phone is not a phone number")),
  subLocalCode: opt(z.string().toUpperCase()),
  employer: opt(z.string().max(120)),
  employerGroup: opt(z.string().max(80)),
  region: opt(z.string().max(80)),
  worksite: opt(z.string().max(120)),
  classification: opt(z.string().max(120)),
  membershipStatus: opt(z.enum(["member", "fee_payer", "non_member", "retired", "lapsed"], "status must be member, fee_payer, non_member, retired or lapsed")),
  capeContributor: z.preprocess(
    (v) => (typeof v === "string" ? v.trim().toLowerCase() : v),
    z.enum(["", "yes", "no", "y", "n", "true", "false", "1", "0"], "CAPE must be yes or no").optional().transform((v) => ["yes", "y", "true", "1"].includes(v ?? "")),
  ),
  birthdate: opt(isoDate),
  homeAddress: opt(z.string().max(200)),
  homePhone: opt(z.string().regex(/^[0-9+() .-]{7,20}$/, "home phone is not a phone number")),
  homeEmail: opt(z.email("home e-mail is not a valid address")),
  hireDate: opt(dayOf("hire date")),
  statusDate: opt(dayOf("status date")),
});

export interface CsvProblem {
  /** 1-based line in the file (the header is line 1). */
  line: number;
  memberNumber?: string;
  message: string;
}

export interface ParsedMembers {
  rows: MemberCsvRow[];
  problems: CsvProblem[];
}

export function parseMembersCsv(text: string, knownSubLocals: ReadonlySet<string>): ParsedMembers {
  let records: string[][];
  try {
    records = parse(text, { bom: true, skip_empty_lines: true, relax_column_count: true, trim: true });
  } catch (e) {
    return { rows: [], problems: [{ line: (e as { lines?: number }).lines ?? 1, message: `the file is not valid CSV (${(e as Error).message.split("\n")[0]})` }] };
  }
  const [header, ...body] = records;
  if (!header) return { rows: [], problems: [{ line: 1, message: "the file is empty" }] };
  const index = new Map<keyof MemberCsvRow, number>();
  const names = header.map(norm);
  for (const [field, aliases] of Object.entries(columns) as [keyof MemberCsvRow, string[]][]) {
    const i = names.findIndex((n) => aliases.includes(n) || n === norm(field.replace(/[A-Z]/g, (c) => `_${c}`)));
    if (i >= 0) index.set(field, i);
  }
  const missing = (["memberNumber", "firstName", "lastName"] as const).filter((f) => !index.has(f));
  if (missing.length > 0) return { rows: [], problems: [{ line: 1, message: `the header has no column for: ${missing.join(", ")} (expected e.g. member_number, first_name, last_name)` }] };

  const rows: MemberCsvRow[] = [];
  const problems: CsvProblem[] = [];
  const seen = new Map<string, number>();
  body.forEach((rec, i) => {
    const line = i + 2;
    const raw = Object.fromEntries([...index].map(([f, col]) => [f, rec[col] ?? ""]));
    const parsed = memberRowSchema.safeParse(raw);
    const memberNumber = typeof raw.memberNumber === "string" ? raw.memberNumber.trim() || undefined : undefined;
    if (!parsed.success) {
      problems.push({ line, memberNumber, message: parsed.error.issues.map((x) => x.message).join("; ") });
      return;
    }
    const row = parsed.data;
    if (row.subLocalCode && !knownSubLocals.has(row.subLocalCode)) {
      problems.push({ line, memberNumber, message: `sub-local ${row.subLocalCode} does not exist` });
      return;
    }
    const dup = seen.get(row.memberNumber);
    if (dup) {
      problems.push({ line, memberNumber, message: `member number also appears on line ${dup}` });
      return;
    }
    seen.set(row.memberNumber, line);
    rows.push(row);
  });
  return { rows, problems };
}
