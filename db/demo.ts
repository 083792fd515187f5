// Demo data for the playground and tests: a few sub-locals, a few hundred fictional members
// (deterministic, so tests can rely on them) and one linked persona per role.
import { periodKey } from "./periods.ts";
import { appendAuditIn } from "./audit.ts";
import { data, transaction } from "./data.ts";
import { linkIdentity } from "./identities.ts";
import { upsertMembers, personByNumber, type MemberImportRow } from "./people.ts";
import { grantRole } from "./roles.ts";
import type { Store } from "./store.ts";
import { upsertSubLocal } from "./sublocals.ts";
import { unionTimeZone } from "./zone.ts";
import { seedDemoLedger } from "./rebate-demo.ts";

export const DEMO_WORKSPACE = "playground";

/** When the demo personas' roles begin: 1 January 2026 at midnight in Oregon, the demo local's zone, so it reads as 2026-01-01 there. */
export const DEMO_ROLES_START = new Date("2026-01-01T08:00:00Z");

export const demoSubLocals = [
  { code: "SL-083", name: "Salem State Workers", employer: "Oregon Department of Human Services", employerGroup: "Human Services", region: "Mid-Valley" },
  { code: "SL-390", name: "Portland Metro Human Services", employer: "Oregon Department of Human Services", employerGroup: "Human Services", region: "Portland Metro" },
  { code: "SL-140", name: "Willamette Valley Transportation", employer: "Oregon Department of Transportation", employerGroup: "Transportation", region: "Mid-Valley" },
  { code: "SL-730", name: "Eugene Higher Education", employer: "University of Oregon", employerGroup: "Higher Education", region: "Lane" },
  { code: "SL-920", name: "Southern Oregon Homecare", employer: "Oregon Home Care Commission", employerGroup: "Homecare", region: "Southern Oregon" },
] as const;

const firstNames = ["Maria", "James", "Linh", "Aisha", "Robert", "Carmen", "Dwayne", "Priya", "Ethan", "Rosa", "Kenji", "Fatima", "Samuel", "Ingrid", "Miguel", "Grace", "Tariq", "Hannah", "Luis", "Mei"];
const lastNames = ["Garcia", "Nguyen", "Johnson", "Okafor", "Smith", "Hernandez", "Kim", "Patel", "Brown", "Lopez", "Tanaka", "Ali", "Wilson", "Larsen", "Rivera", "Chen", "Haddad", "Miller", "Martinez", "Wong"];
const worksites = ["Salem Central Office", "North Salem Branch", "Portland East Office", "Gresham Field Office", "Eugene Campus", "Medford Office", "Albany Yard", "Roseburg Office"];
const classifications = ["Human Services Specialist 3", "Office Specialist 2", "Highway Maintenance Specialist", "Administrative Specialist 1", "Homecare Worker", "Accounting Technician 2", "Research Analyst 3"];

export interface Persona {
  handle: string;
  memberNumber: string;
  firstName: string;
  lastName: string;
  subLocal: string;
  role: string | null;
  office?: string;
  scopeType?: string;
  scopeId?: string | null;
  title: string;
}

export const personas: Persona[] = [
  { handle: "maria", memberNumber: "100001", firstName: "Maria", lastName: "Alvarez", subLocal: "SL-083", role: "member", scopeType: "sublocal", scopeId: "SL-083", title: "Member" },
  { handle: "sam", memberNumber: "100002", firstName: "Sam", lastName: "Okafor", subLocal: "SL-083", role: "steward", scopeType: "sublocal", scopeId: "SL-083", title: "Steward" },
  { handle: "carla", memberNumber: "100003", firstName: "Carla", lastName: "Nguyen", subLocal: "SL-083", role: "chief_steward", scopeType: "sublocal", scopeId: "SL-083", title: "Chief steward" },
  { handle: "pat", memberNumber: "100004", firstName: "Pat", lastName: "Larsen", subLocal: "SL-083", role: "sublocal_officer", office: "president", scopeType: "sublocal", scopeId: "SL-083", title: "Sub-local president" },
  { handle: "tom", memberNumber: "100005", firstName: "Tom", lastName: "Haddad", subLocal: "SL-083", role: "sublocal_officer", office: "treasurer", scopeType: "sublocal", scopeId: "SL-083", title: "Sub-local treasurer" },
  { handle: "dana", memberNumber: "100006", firstName: "Dana", lastName: "Rivera", subLocal: "SL-390", role: "board_director", scopeType: "employer_group", scopeId: "Human Services", title: "Board director (Human Services)" },
  { handle: "sofia", memberNumber: "100007", firstName: "Sofia", lastName: "Chen", subLocal: "SL-390", role: "staff", scopeType: "statewide", scopeId: null, title: "Staff" },
  { handle: "elena", memberNumber: "100008", firstName: "Elena", lastName: "Patel", subLocal: "SL-390", role: "executive_director", scopeType: "statewide", scopeId: null, title: "Executive director" },
  { handle: "paul", memberNumber: "100009", firstName: "Paul", lastName: "Kim", subLocal: "SL-140", role: "statewide_president", scopeType: "statewide", scopeId: null, title: "Statewide president" },
  { handle: "nico", memberNumber: "100010", firstName: "Nico", lastName: "Brown", subLocal: "SL-730", role: null, title: "New member, not linked yet" },
];

/** Deterministic pseudo-random numbers so demo data is the same on every machine. */
function lcg(seed: number) {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
}

export function demoMembers(count = 300): MemberImportRow[] {
  const rnd = lcg(503);
  const pick = <T>(a: readonly T[]) => a[Math.floor(rnd() * a.length)]!;
  const rows: MemberImportRow[] = personas.map((p) => {
    const sl = demoSubLocals.find((s) => s.code === p.subLocal)!;
    return {
      memberNumber: p.memberNumber,
      firstName: p.firstName,
      lastName: p.lastName,
      workEmail: `${p.firstName}.${p.lastName}@example.gov`.toLowerCase(),
      workPhone: `503-555-0${p.memberNumber.slice(-3)}`,
      subLocalCode: sl.code,
      employer: sl.employer,
      employerGroup: sl.employerGroup,
      region: sl.region,
      worksite: pick(worksites),
      classification: pick(classifications),
      membershipStatus: "member",
      capeContributor: p.handle === "maria" || p.handle === "sam",
      birthdate: `19${60 + Math.floor(rnd() * 40)}-0${1 + Math.floor(rnd() * 9)}-1${Math.floor(rnd() * 9)}`,
      homeAddress: `${100 + Math.floor(rnd() * 9000)} Demo St, Salem OR 97301`,
      homePhone: `503-555-1${p.memberNumber.slice(-3)}`,
      homeEmail: `${p.firstName.toLowerCase()}@home.example`,
    };
  });
  for (let i = rows.length; i < count; i++) {
    const sl = pick(demoSubLocals);
    const first = pick(firstNames);
    const last = pick(lastNames);
    const n = String(100001 + i);
    rows.push({
      memberNumber: n,
      firstName: first,
      lastName: last,
      workEmail: `${first}.${last}.${n}@example.gov`.toLowerCase(),
      workPhone: `503-555-${String(2000 + i).slice(-4)}`,
      subLocalCode: sl.code,
      employer: sl.employer,
      employerGroup: sl.employerGroup,
      region: sl.region,
      worksite: pick(worksites),
      classification: pick(classifications),
      membershipStatus: rnd() < 0.9 ? "member" : "fee_payer",
      capeContributor: rnd() < 0.3,
      birthdate: `19${60 + Math.floor(rnd() * 40)}-0${1 + Math.floor(rnd() * 9)}-2${Math.floor(rnd() * 9)}`,
      homeAddress: `${100 + Math.floor(rnd() * 9000)} ${pick(lastNames)} Ave, Salem OR 97302`,
      homePhone: `971-555-${String(3000 + i).slice(-4)}`,
      homeEmail: `${first}${i}@home.example`.toLowerCase(),
    });
  }
  return rows;
}

/**
 * The demo's records are on file from the demo's start, whatever day it is seeded: the membership
 * history begins with a record's creation, so a report whose clock is before the seeding day would
 * otherwise find no one (and growth "since" a month beside zero joins). A status history already
 * begun on a later day is moved back to the start too.
 */
async function stampFromDemoStart(store: Store, memberNumbers: readonly string[]): Promise<void> {
  const at = DEMO_ROLES_START;
  const day = periodKey(DEMO_ROLES_START, "day", unionTimeZone());
  await transaction(store, async (tx) => {
    for (const n of memberNumbers) {
      await tx.run(`UPDATE "Person" SET "createdAt" = ? WHERE "memberNumber" = ? AND "createdAt" > ?`, at, n, at);
      await tx.run(
        `UPDATE "MemberStatusHistory" SET "since" = ? WHERE "source" = 'baseline' AND "since" > ? AND "personId" = (SELECT "id" FROM "Person" WHERE "memberNumber" = ?)`,
        day,
        day,
        n,
      );
    }
  });
}

/** Seeds the demo data. Idempotent: safe to run again. */
export async function seedDemo(store: Store, opts: { members?: number } = {}): Promise<{ members: number; personas: number }> {
  for (const s of demoSubLocals) await upsertSubLocal(store, s);
  const rows = demoMembers(opts.members ?? 300);
  await upsertMembers(store, rows);
  await stampFromDemoStart(store, rows.map((r) => r.memberNumber));
  for (const p of personas) {
    const person = (await personByNumber(data(store), p.memberNumber))!;
    if (p.role) {
      await linkIdentity(data(store), { platform: "web", workspaceId: DEMO_WORKSPACE, userId: p.handle, personId: person.id, displayName: `${p.firstName} ${p.lastName}`, linkedVia: "demo" });
      const has = await store.prisma.roleAssignment.count({ where: { personId: person.id, role: p.role, endsAt: null } });
      if (has === 0) {
        await grantRole(store, { personId: person.id, role: p.role, office: p.office ?? null, scopeType: p.scopeType!, scopeId: p.scopeId ?? null, startsAt: DEMO_ROLES_START, grantedById: null });
        if (p.role !== "member") await grantRole(store, { personId: person.id, role: "member", office: null, scopeType: "sublocal", scopeId: p.subLocal, startsAt: DEMO_ROLES_START, grantedById: null });
      }
    }
  }
  await seedDemoLedger(store, demoSubLocals.map((s) => s.code));
  await transaction(store, (tx) => appendAuditIn(tx, { actor: "system", action: "demo.seed", details: { members: rows.length } }));
  return { members: rows.length, personas: personas.length };
}

/** True when the database has no members yet (first start). */
export async function isEmpty(store: Store): Promise<boolean> {
  return (await store.prisma.person.count()) === 0;
}
