// Reminders: the plan (pure) and the real scheduler delivering it with the clock controlled.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { data } from "../../db/data.ts";
import { createScheduler, type Scheduler } from "../../bot/scheduler/dispatcher.ts";
import { caseDeadlines, DEFAULT_CONTRACTS, oregonHolidays } from "../../commands/grievance/deadlines.ts";
import { planReminders } from "../../commands/grievance/reminders.ts";
import { listJobs } from "../../db/jobs.ts";
import { RecordingPoster } from "../scheduler/helpers.ts";
import { fileVia, intake, world, type World } from "./helpers.ts";
import { createFormatter } from "../../commands/core/format.ts";

const holidays = new Set(oregonHolidays(2026).map((h) => h.date));
const rules = DEFAULT_CONTRACTS[0]!.rules;

describe("planning", () => {
  const ds = caseDeadlines(
    { stepNo: 0, status: "open", learnedDate: "2026-11-17", incidentDate: "2026-11-16", disciplineDate: null, filedOn: "2026-11-23", stepStartedOn: "2026-11-23", responseReceivedOn: null },
    rules,
    holidays,
  );
  it("plans 5 and 2 business days before, the day itself at 09:00 Pacific, and an escalation after the cut-off", () => {
    const plan = planReminders({ id: 7, status: "open" }, ds, holidays, new Date("2026-11-01T00:00:00Z"));
    const resp = plan.filter((p) => p.deadline.kind === "response").map((p) => [p.stage, p.at.toISOString(), p.audience]);
    // Response due Mon Nov 30: 5 business days before skips Thanksgiving (Fri Nov 20), 2 before is Wed Nov 25.
    expect(resp).toEqual([
      ["5", "2026-11-20T17:00:00.000Z", "steward"],
      ["2", "2026-11-25T17:00:00.000Z", "steward"],
      ["0", "2026-11-30T17:00:00.000Z", "steward"],
      ["overdue", "2026-12-01T01:01:00.000Z", "escalation"],
    ]);
    const appeal = plan.filter((p) => p.deadline.kind === "appeal").map((p) => p.at.toISOString());
    expect(appeal).toEqual(["2026-12-07T17:00:00.000Z", "2026-12-10T17:00:00.000Z", "2026-12-14T17:00:00.000Z", "2026-12-15T01:01:00.000Z"]);
    expect(plan.every((p) => p.key.startsWith("grievance:7:0:"))).toBe(true);
    expect(new Set(plan.map((p) => p.key)).size).toBe(plan.length);
  });
  it("leaves out times already past, met deadlines and closed cases", () => {
    const plan = planReminders({ id: 7, status: "open" }, ds, holidays, new Date("2026-11-23T17:00:00Z"));
    expect(plan.filter((p) => p.deadline.kind === "response").map((p) => p.stage)).toEqual(["2", "0", "overdue"]);
    expect(plan.some((p) => p.deadline.kind === "filing")).toBe(false);
    expect(planReminders({ id: 7, status: "closed" }, ds, holidays, new Date("2026-11-01T00:00:00Z"))).toEqual([]);
  });
});

describe("delivery through the scheduler", () => {
  // Each test files G-2026-0001 (Sam for Maria, Mon Nov 23) on its own database with its own
  // scheduler, then moves the clock as far as its story needs.
  let w: World;
  let poster: RecordingPoster;
  let sched: Scheduler;
  const ids: Record<string, number> = {};
  beforeEach(async () => {
    w = await world("2026-11-23T17:00:00Z");
    poster = new RecordingPoster("web");
    sched = createScheduler({ store: w.store, core: w.core, posters: new Map([["web", poster]]), log: { info() {}, warn() {}, error() {} }, clock: w.clock });
    await sched.start();
    for (const h of ["sam", "carla", "sofia", "elena", "maria"])
      ids[h] = (await data(w.store).one<{ personId: number }>(`SELECT "personId" FROM "ChatIdentity" WHERE "userId" = ?`, h))!.personId;
    const out = await fileVia(w, "sam", intake());
    expect(out.ok && w.text(out.reply)).toContain("Filed G-2026-0001");
  });
  afterEach(async () => {
    await sched.stop();
    await w.close();
  });

  const pending = async () => (await listJobs(w.store, { status: "pending" })).filter((j) => j.idempotencyKey?.startsWith("grievance:"));
  const deliver = async (iso: string) => {
    w.clock.set(iso);
    poster.deliveries.length = 0;
    await sched.runDue();
    // Weekly digests (Mondays 08:00) are checked on their own below.
    return poster.deliveries.map((d) => ({ to: d.target.channelId ?? d.target.userId, text: d.text.split("\n")[0]! })).filter((d) => !d.text.startsWith("Your weekly"));
  };
  /** Management missed its Nov 30 answer (reminders and escalations delivered); Carla then records an agreed extension of the appeal to Dec 21. */
  const extendedAppeal = async () => {
    await deliver("2026-12-01T02:00:00Z");
    w.clock.set("2026-12-01T18:00:00Z");
    const r = await w.cmd("carla", "/grievance extend G-2026-0001 2026-12-21 agreed with HR deadline:appeal");
    expect(w.text(r)).toContain("to Mon 2026-12-21");
  };

  it("schedules the steward's reminders and the escalations at filing", async () => {
    const jobs = await pending();
    const byKey = (k: string) => jobs.filter((j) => j.idempotencyKey!.includes(k)).map((j) => j.personId).sort();
    expect(byKey(":0:response:2026-11-30:2:")).toEqual([ids.sam]);
    // Management's missed deadline goes to the steward and the chief steward…
    expect(byKey(":0:response:2026-11-30:overdue:")).toEqual([ids.sam, ids.carla].sort());
    // …the union's own missed deadline to staff as well.
    expect(byKey(":0:appeal:2026-12-14:overdue:")).toEqual([ids.sam, ids.carla, ids.sofia, ids.elena].sort());
    expect(jobs.some((j) => j.personId === ids.maria)).toBe(false);
  });

  it("delivers each at its time, to the right people", async () => {
    expect(await deliver("2026-11-25T16:59:00Z")).toEqual([]);
    expect(await deliver("2026-11-25T17:00:30Z")).toEqual([{ to: "sam", text: "⏰ G-2026-0001: management's response at Informal is due Mon 2026-11-30 — in 2 business days." }]);
    expect(await deliver("2026-11-30T17:00:30Z")).toEqual([{ to: "sam", text: "⏰ G-2026-0001: management's response at Informal is due today (Mon 2026-11-30)." }]);
    const card = poster.deliveries.find((d) => d.text.includes("is due today"))!.reply;
    expect(card.blocks.flatMap((b) => (b.type === "buttons" ? b.buttons.map((x) => x.label) : []))).toEqual(["Open case", "Record response", "Record extension"]);
    const overdue = await deliver("2026-12-01T01:02:00Z");
    expect(overdue.filter((d) => d.text.startsWith("🚨")).map((d) => d.to).sort()).toEqual(["carla", "sam"]);
    expect(overdue[overdue.length - 1]!.text).toContain("The case may advance to Step 1");
    // Nothing is delivered twice.
    expect(await deliver("2026-12-01T02:00:00Z")).toEqual([]);
  });

  it("re-plans after an extension: the old reminders are cancelled, the new ones scheduled", async () => {
    await extendedAppeal();
    const keys = (await pending()).map((j) => j.idempotencyKey!);
    expect(keys.some((k) => k.includes(":appeal:2026-12-14:"))).toBe(false);
    expect(keys.filter((k) => k.includes(":appeal:2026-12-21:")).length).toBeGreaterThan(0);
    // A reminder that slipped through for the old date says nothing.
    const stale = await deliver("2026-12-10T17:00:30Z");
    expect(stale).toEqual([]);
    expect(await deliver("2026-12-14T17:00:30Z")).toEqual([{ to: "sam", text: "⏰ G-2026-0001: the union appeal is due Mon 2026-12-21 — in 5 business days. Missing it can end the case." }]);
    expect(await deliver("2026-12-17T17:00:30Z")).toEqual([{ to: "sam", text: "⏰ G-2026-0001: the union appeal is due Mon 2026-12-21 — in 2 business days. Missing it can end the case." }]);
  });

  it("goes to the sub-local's steward channel once one is set", async () => {
    await extendedAppeal();
    await deliver("2026-12-17T17:00:30Z");
    const r = await w.cmd("carla", "/grievance channel SL-083 #sl083-stewards");
    expect(w.text(r)).toContain("now go to #sl083-stewards");
    const day = await deliver("2026-12-21T17:00:30Z");
    expect(day).toEqual([{ to: "sl083-stewards", text: "‼️ G-2026-0001: the union appeal is due TODAY (Mon 2026-12-21). File the appeal or record an agreed extension before the cut-off." }]);
    const overdue = await deliver("2026-12-22T01:02:00Z");
    expect(overdue.map((d) => d.to).sort()).toEqual(["carla", "elena", "sam", "sofia"]);
    expect(w.text(await w.cmd("sam", "/grievance channel SL-083 #x"))).toMatch(/only for/);
  });

  it("closing cancels what is left", async () => {
    expect((await pending()).length).toBeGreaterThan(0);
    w.clock.set("2026-11-24T18:00:00Z");
    await w.cmd("sam", "/grievance close G-2026-0001 denied");
    expect(await pending()).toEqual([]);
    expect(await deliver("2026-12-22T02:00:00Z")).toEqual([]);
  });

  it("sends no weekly digest on Monday morning when the steward's only case is closed", async () => {
    w.clock.set("2026-11-24T18:00:00Z");
    await w.cmd("sam", "/grievance close G-2026-0001 denied");
    w.clock.set("2026-12-28T16:00:30Z"); // Monday 08:00 Pacific
    poster.deliveries.length = 0;
    await sched.runDue();
    expect(poster.deliveries.filter((d) => d.text.startsWith("Your weekly"))).toEqual([]);
  });

  it("sends each steward a weekly digest", async () => {
    w.clock.set("2026-11-23T19:00:00Z");
    await w.cmd("sam", "/grievance close G-2026-0001 denied");
    // Interaction tokens expire by the wall clock, so this form is used with the clock near it.
    w.clock.set("2026-11-23T20:00:00Z");
    const out = await fileVia(w, "sam", intake({ incident: "2026-11-20", learned: "2026-11-20", discipline: "", articles: "30" }));
    expect(out.ok).toBe(true);
    const rule = await data(w.store).one(`SELECT cron, "timeZone" FROM "RecurringRule" WHERE "idempotencyKey" = ?`, `grievance-digest:${ids.sam}`);
    expect(rule).toEqual({ cron: "0 8 * * 1", timeZone: "America/Los_Angeles" });
    const kind = w.core.registry.features.find((f) => f.area === "grievance")!.jobs!.find((k) => k.kind === "grievance.digest")!;
    const t = w.core.translator.forLocale("en");
    const ctx = { store: w.store, t, locale: "en", clock: w.clock, log: { info() {}, warn() {}, error() {} }, timeZone: "America/Los_Angeles", features: w.core.registry.features, fmt: createFormatter("en", "America/Los_Angeles"), job: {} as never };
    const text = JSON.stringify(await kind.render(ctx, { personId: ids.sam }));
    expect(text).toContain("1 open case");
    expect(text).toContain("G-2026-0002: management response");
    expect(await kind.render(ctx, { personId: ids.maria! })).toBeNull();
  });
});
