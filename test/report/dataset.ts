// A known member data set, imported through the real CSV import in two files a month apart:
//   Alpha  15 members + 5 fee payers; the 5 fee payers join on 2026-11-02   → 20 members
//   Beta    6 members + 5 non-members                                       → unchanged
//   Gamma   3 members (a worksite too small to show on its own)             → unchanged
//   Delta  12 members; 5 of them lapse on 2026-11-05                        → 7 members + 5 lapsed
// CAPE: 10 of Alpha's first members. No work e-mail: Beta's non-members. No work phone: Delta's lapsed.
import { importMembers } from "../../bot/cli/import-members.ts";
import { upsertSubLocal } from "../../db/sublocals.ts";
import type { Store } from "../../db/store.ts";

export const SUBLOCAL = "SL-501";

type Person = { n: number; site: string; status: string; cape?: boolean; email?: boolean; phone?: boolean; statusDate?: string };

function csv(people: Person[]): string {
  const head = "member_number,first_name,last_name,work_email,work_phone,sub_local,employer,employer_group,region,worksite,membership_status,cape,hire_date,status_date";
  return [
    head,
    ...people.map((p) =>
      [
        String(500000 + p.n),
        `First${p.n}`,
        `Last${p.n}`,
        p.email === false ? "" : `p${p.n}@example.org`,
        p.phone === false ? "" : "503-555-0100",
        SUBLOCAL,
        "Test Employer",
        "Test Group",
        "Test Region",
        p.site,
        p.status,
        p.cape ? "yes" : "no",
        "2026-09-01",
        p.statusDate ?? "",
      ].join(","),
    ),
  ].join("\n");
}

function people(nov: boolean): Person[] {
  const out: Person[] = [];
  let n = 0;
  for (let i = 0; i < 15; i++) out.push({ n: ++n, site: "Alpha", status: "member", cape: i < 10 });
  for (let i = 0; i < 5; i++) out.push({ n: ++n, site: "Alpha", status: nov ? "member" : "fee_payer", statusDate: nov ? "2026-11-02" : undefined });
  for (let i = 0; i < 6; i++) out.push({ n: ++n, site: "Beta", status: "member" });
  for (let i = 0; i < 5; i++) out.push({ n: ++n, site: "Beta", status: "non_member", email: false });
  for (let i = 0; i < 3; i++) out.push({ n: ++n, site: "Gamma", status: "member" });
  for (let i = 0; i < 7; i++) out.push({ n: ++n, site: "Delta", status: "member" });
  for (let i = 0; i < 5; i++) out.push({ n: ++n, site: "Delta", status: nov ? "lapsed" : "member", phone: nov ? false : true, statusDate: nov ? "2026-11-05" : undefined });
  return out;
}

export async function loadDataset(store: Store): Promise<void> {
  await upsertSubLocal(store, { code: SUBLOCAL, name: "Test sub-local", employer: "Test Employer", employerGroup: "Test Group", region: "Test Region" });
  const first = await importMembers(store, csv(people(false)), { now: new Date("2026-10-05T18:00:00Z") });
  const second = await importMembers(store, csv(people(true)), { now: new Date("2026-11-10T18:00:00Z") });
  if (!first.written || !second.written) throw new Error(`dataset import failed: ${JSON.stringify([first.problems, second.problems])}`);
}
