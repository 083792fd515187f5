// Builds the database the command and start-up benchmarks run against: the demo sub-locals and
// personas, 70,000 members, BENCH_USERS Slack users linked to members
// (so per-person limits see many people, as in a real local),
// (a few staff, the rest members) and one grievance with a long history (BENCH_HISTORY events), filed through the real core.
import path from "node:path";
import { features } from "../../commands/index.ts";
import { seedDemoGrievances } from "../../commands/grievance/demo.ts";
import { data, transaction as asyncTransaction } from "../../db/data.ts";
import { addNote, listCases } from "../../db/grievances.ts";
import { demoMembers, seedDemo, DEMO_ROLES_START } from "../../db/demo.ts";
import { upsertMembers } from "../../db/people.ts";
import { openStore } from "../../db/store.ts";
import { transaction, run, all } from "../../db/sql.ts";

export const BENCH_TEAM = "T0BENCH";

export interface Seeded {
  file: string;
  users: string[];
  ref: string | null;
  members: number;
}

/** Bench users 0…STAFF-1 hold a statewide staff role (they may note any case); the rest are members. */
export const STAFF = 24;

export const benchUser = (i: number) => `UB${String(i).padStart(5, "0")}`;

export async function seedBenchDb(dir: string, o: { members?: number; users?: number; history?: number } = {}): Promise<Seeded> {
  const file = path.join(dir, "bench.db");
  const store = await openStore(`file:${file}`);
  try {
    const members = o.members ?? 70_000;
    await seedDemo(store);
    await upsertMembers(store, demoMembers(members));
    const userCount = o.users ?? 0;
    const users = Array.from({ length: userCount }, (_, i) => benchUser(i));
    let ref: string | null = null;
    if (userCount > 0) {
      const ids = all<{ id: number }>(store, `SELECT "id" FROM "Person" ORDER BY "id" LIMIT ?`, userCount).map((r) => r.id);
      const at = DEMO_ROLES_START.toISOString().replace("Z", "+00:00");
      transaction(store, () => {
        users.forEach((u, i) => {
          const personId = ids[i % ids.length]!;
          run(store, `INSERT OR IGNORE INTO "ChatIdentity" ("platform", "workspaceId", "userId", "personId", "displayName", "linkedVia", "linkedAt") VALUES ('slack', ?, ?, ?, ?, 'admin', ?)`, BENCH_TEAM, u, personId, `Bench ${i}`, at);
          // A few staff (as a local has), everyone else a member of their sub-local.
          if (i < STAFF) run(store, `INSERT INTO "RoleAssignment" ("personId", "role", "office", "scopeType", "scopeId", "startsAt", "grantedAt") VALUES (?, 'staff', NULL, 'statewide', NULL, ?, ?)`, personId, at, at);
          else run(store, `INSERT INTO "RoleAssignment" ("personId", "role", "office", "scopeType", "scopeId", "startsAt", "grantedAt") VALUES (?, 'member', NULL, 'sublocal', 'SL-083', ?, ?)`, personId, at, at);
        });
      });
      const history = o.history ?? 1000;
      if (history > 0) {
        await seedDemoGrievances(store, features, 1);
        const g = (await listCases(data(store), { scope: null, limit: 1 }))[0];
        if (g) {
          ref = g.ref;
          const t0 = Date.now() - history * 60_000;
          await asyncTransaction(store, async (tx) => {
            for (let i = 0; i < history; i++) await addNote(tx, g.id, g.stepNo, ids[i % ids.length]!, `Bench history note ${i}: called the member back and wrote down what was said.`, new Date(t0 + i * 60_000));
          });
        }
      }
    }
    return { file, users, ref, members };
  } finally {
    await store.close();
  }
}
