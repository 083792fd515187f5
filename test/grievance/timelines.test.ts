// The deadline engine's new pieces as pure functions: a contract's own steps, its own calendar on
// top of the state's, a cut-off per kind of deadline, windows counted from the real events, and
// extensions of any deadline.
import { describe, expect, it } from "vitest";
import {
  DEFAULT_CONTRACTS,
  caseDeadlines,
  contractHolidays,
  contractSteps,
  daySpecDates,
  daySpecSchema,
  firstStep,
  nextStep,
  oregonHolidays,
  previewDeadlines,
  type CaseDates,
  type ContractRules,
} from "../../commands/grievance/deadlines.ts";

const state = new Set([2025, 2026, 2027].flatMap((y) => oregonHolidays(y).map((h) => h.date)));
const w = (days: number, count: "calendar" | "working", ...from: string[]) => ({ days, count, from }) as ContractRules["filing"];
const base = (over: Partial<ContractRules> = {}): ContractRules => ({
  filing: w(20, "working", "knew"),
  steps: { step1: { meeting: w(10, "working", "received"), response: w(10, "working", "meeting_held"), appeal: w(10, "working", "response_received", "response_due") }, step3: { response: w(15, "calendar", "received") } },
  weekendRule: "next_business_day",
  cutoff: "17:00",
  timeZone: "America/Los_Angeles",
  ...over,
});
const kase = (over: Partial<CaseDates> = {}): CaseDates => ({
  stepNo: 1,
  status: "open",
  learnedDate: "2026-11-16",
  incidentDate: "2026-11-16",
  disciplineDate: null,
  filedOn: "2026-11-20",
  stepStartedOn: "2026-11-20",
  stepReceivedOn: null,
  meetingHeldOn: null,
  responseReceivedOn: null,
  ...over,
});

describe("a contract's own steps", () => {
  it("are the steps it defines, then arbitration; cases start at the first; appeals skip the missing ones", () => {
    const r = base();
    expect(contractSteps(r)).toEqual([1, 3, 4]);
    expect(firstStep(r)).toBe(1);
    expect(nextStep(r, 1)).toBe(3);
    expect(nextStep(r, 3)).toBe(4);
    expect(firstStep(DEFAULT_CONTRACTS.find((c) => c.code === "STATE-2025")!.rules)).toBe(0);
    const appeal = caseDeadlines(kase({ responseReceivedOn: "2026-12-01" }), r, state).find((d) => d.kind === "appeal");
    expect(appeal?.toStep).toBe(3);
  });
});

describe("a contract's own calendar", () => {
  it("day specs: one date, every year (observed like state holidays), days from Thanksgiving", () => {
    expect(daySpecDates("thanksgiving+1", 2026)).toEqual(["2026-11-27"]);
    expect(daySpecDates("thanksgiving+1", 2027)).toEqual(["2027-11-26"]);
    expect(daySpecDates("12-24", 2027)).toEqual(["2027-12-24"]);
    expect(daySpecDates("12-26", 2026)).toEqual(["2026-12-25"]); // Saturday → observed Friday
    expect(daySpecDates("2026-03-02", 2026)).toEqual(["2026-03-02"]);
    expect(daySpecDates("2026-03-02", 2027)).toEqual([]);
    for (const bad of ["27-11", "02-30", "2026-13-01", "thanksgiving+9", "xmas"]) expect(daySpecSchema.safeParse(bad).success).toBe(false);
  });

  it("adds closures and removes worked state holidays, for that contract only", () => {
    const r = base({ calendar: { add: [{ day: "thanksgiving+1", name: "Day after" }], remove: [{ day: "11-11", name: "Veterans Day worked" }] } });
    const hs = contractHolidays(state, r);
    expect(hs.has("2026-11-27")).toBe(true);
    expect(hs.has("2027-11-26")).toBe(true);
    expect(hs.has("2026-11-11")).toBe(false);
    expect(state.has("2026-11-11")).toBe(true);
    expect(state.has("2026-11-27")).toBe(false);
    expect(contractHolidays(state, base())).toBe(state);
  });
});

describe("windows from the real events", () => {
  it("the meeting counts from receipt (presumed the filing day until recorded); the response from the meeting", () => {
    const r = base({ cutoffs: { meeting: "23:59" } });
    let ds = caseDeadlines(kase(), r, state);
    // From Fri Nov 20: 10 working days, Thanksgiving skipped → Mon Dec 7.
    expect(ds.find((d) => d.kind === "meeting")).toMatchObject({ dueDate: "2026-12-07", anchor: "received", cutoff: "23:59", party: "management" });
    expect(ds.find((d) => d.kind === "meeting")!.dueAt.toISOString()).toBe("2026-12-08T07:59:00.000Z");
    expect(ds.some((d) => d.kind === "response")).toBe(false);
    ds = caseDeadlines(kase({ stepReceivedOn: "2026-11-23", meetingHeldOn: "2026-12-03" }), r, state);
    expect(ds.find((d) => d.kind === "meeting")).toMatchObject({ dueDate: "2026-12-08", state: "met" });
    expect(ds.find((d) => d.kind === "response")).toMatchObject({ dueDate: "2026-12-17", cutoff: "17:00", state: "open" });
  });

  it("any deadline extends by agreement, the filing deadline too", () => {
    const ds = caseDeadlines(kase(), base(), state, [
      { stepNo: 0, deadline: "filing", untilDate: "2027-01-08" },
      { stepNo: 1, deadline: "meeting", untilDate: "2026-12-12" },
    ]);
    expect(ds.find((d) => d.kind === "filing")).toMatchObject({ baseDate: "2026-12-15", dueDate: "2027-01-08", extended: true });
    // Saturday Dec 12 → the next business day.
    expect(ds.find((d) => d.kind === "meeting")).toMatchObject({ dueDate: "2026-12-14", extended: true });
  });

  it("the preview applies every window to one sample date", () => {
    const p = previewDeadlines(base(), state, "2026-11-16");
    expect(p.map((x) => x.window)).toEqual(["filing", "step1.meeting", "step1.response", "step1.appeal", "step3.response"]);
    expect(p[0]).toMatchObject({ due: "2026-12-15", cutoff: "17:00" });
    expect(p.at(-1)).toMatchObject({ due: "2026-12-01" });
  });
});
