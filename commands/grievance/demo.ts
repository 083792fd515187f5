// Demo grievances for the playground (`npm run cli -- seed-demo --grievances N`): cases filed over
// the past year through the real core, as staff would file them, with a clock that moves to each
// filing date; older cases are advanced and closed so reports show trends, recent ones stay open.
// Never run automatically: tests and real deployments get no invented cases.
import { createCore, handleCommand, handleForm, type Core } from "../core/dispatch.ts";
import type { Clock, Feature } from "../core/command.ts";
import type { RenderedReply } from "../core/reply.ts";
import { DEMO_ROLES_START, DEMO_WORKSPACE, demoMembers } from "../../db/demo.ts";
import type { Store } from "../../db/store.ts";
import { CATEGORIES, OUTCOMES } from "./model.ts";
import { syncReminders } from "./reminders.ts";
import { grievanceByRef } from "../../db/grievances.ts";
import { data } from "../../db/data.ts";

const contractFor: Record<string, string> = {
  "Human Services": "STATE-2025",
  Transportation: "TRANSPORT-2025",
  "Higher Education": "HIGHERED-2025",
  Homecare: "HOMECARE-2025",
};
const articles = ["21.1", "18", "10.5", "27", "32.2", "44"];
const stories: Record<string, [string, string]> = {
  discipline: ["Written reprimand issued without an investigation meeting.", "Remove the reprimand and make the member whole."],
  pay: ["Working-out-of-class pay not paid for lead duties since spring.", "Pay the differential back to the first day."],
  scheduling: ["Shift changed with one day's notice instead of the contract's notice.", "Restore the posted schedule and pay for the change."],
  overtime: ["Overtime offered out of seniority order.", "Pay the missed overtime and follow the rotation."],
  leave: ["Vacation request denied without a business reason.", "Grant the leave and restore the hours."],
  safety: ["Unsafe client-visit practice reported and not addressed.", "Provide a second worker for high-risk visits."],
  discrimination: ["Member passed over for training after requesting an accommodation.", "Offer the training and review the accommodation."],
  contracting_out: ["Work done by bargaining-unit staff sent to a contractor.", "Return the work to the unit."],
  other: ["Personnel file updated without notice to the member.", "Give the member a copy and a chance to respond."],
};

function rng(seed: number) {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
}

const day = 86_400_000;
const iso = (d: Date) => d.toISOString().slice(0, 10);

export interface DemoGrievanceResult {
  filed: number;
  closed: number;
  open: number;
  skipped: number;
}

export async function seedDemoGrievances(store: Store, features: readonly Feature[], count: number, now = new Date()): Promise<DemoGrievanceResult> {
  let t = now;
  const clock: Clock = { now: () => t };
  const core: Core = createCore({ store, features, clock });
  const actor = { platform: "web" as const, workspaceId: DEMO_WORKSPACE, userId: "sofia", locale: "en" };
  const run = (text: string) => handleCommand(core, { actor, text });
  const submit = (r: RenderedReply, values: Record<string, string>) => handleForm(core, { actor, token: r.form!.token, values });
  const rnd = rng(1503);
  const pick = <T>(a: readonly T[]) => a[Math.floor(rnd() * a.length)]!;
  const members = demoMembers(300).filter((m) => m.membershipStatus === "member" && Number(m.memberNumber) > 100010);
  const result: DemoGrievanceResult = { filed: 0, closed: 0, open: 0, skipped: 0 };
  // The cases live in a simulated past, but reminders go to real people now: right after each
  // case, its plan is redone from the real "now", so no reminder is left due in the past (a bot
  // running beside the seeding would send those at once, even for a case about to be closed).
  const replanForToday = async (ref: string) => {
    const g = await grievanceByRef(data(store), ref);
    if (g) await syncReminders(store, g.id, now);
  };

  // Oldest first, so reference numbers follow filing dates; only while the demo staff role exists.
  const span = Math.max(1, Math.min(360, Math.floor((now.getTime() - DEMO_ROLES_START.getTime()) / day) - 1));
  const filedAt = Array.from({ length: count }, () => new Date(now.getTime() - Math.floor(rnd() * span) * day)).sort((a, b) => a.getTime() - b.getTime());
  for (const filed of filedAt) {
    const m = pick(members);
    const category = pick(CATEGORIES);
    const incident = new Date(filed.getTime() - (3 + Math.floor(rnd() * 15)) * day);
    t = new Date(`${iso(filed)}T18:00:00Z`);
    const open = await run("/grievance file");
    if (!open.reply.form) {
      result.skipped++;
      continue;
    }
    const first = await submit(open.reply, {
      grievant: m.memberNumber,
      contract: contractFor[m.employerGroup ?? ""] ?? "STATE-2025",
      category,
      articles: pick(articles),
      incident: iso(incident),
    });
    if (!first.ok || !first.reply.form) {
      result.skipped++;
      continue;
    }
    const initial = Object.fromEntries(first.reply.form.fields.filter((f) => f.initial !== undefined).map((f) => [f.name, f.initial!]));
    const [narrative, remedy] = stories[category]!;
    const second = await submit(first.reply, {
      ...initial,
      learned: iso(new Date(incident.getTime() + Math.floor(rnd() * 3) * day)),
      ...(category === "discipline" ? { discipline: iso(new Date(incident.getTime() + day)) } : {}),
      narrative,
      remedy,
    });
    // A likely-duplicate warning also names a reference; only the filing confirmation counts.
    const ref = second.ok ? /Filed (G-\d{4}-\d{4}) at/.exec(second.reply.fallbackText)?.[1] : undefined;
    if (!ref) {
      result.skipped++;
      continue;
    }
    result.filed++;
    const age = (now.getTime() - filed.getTime()) / day;
    if (age < 21) {
      result.open++;
      await replanForToday(ref);
      continue;
    }
    // Older cases move on: some are appealed once or twice, then closed with an outcome.
    const appeals = rnd() < 0.45 ? 1 + Math.floor(rnd() * 2) : 0;
    for (let i = 0; i < appeals; i++) {
      t = new Date(Math.min(t.getTime() + (8 + Math.floor(rnd() * 10)) * day, now.getTime() - day));
      await run(`/grievance advance ${ref}`);
      await replanForToday(ref);
    }
    t = new Date(Math.min(t.getTime() + (5 + Math.floor(rnd() * 40)) * day, now.getTime()));
    const closed = await run(`/grievance close ${ref} ${pick(OUTCOMES)}`);
    if (/closed/i.test(closed.reply.fallbackText)) result.closed++;
    else result.open++;
    await replanForToday(ref);
  }
  return result;
}
