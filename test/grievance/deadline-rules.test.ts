// More deadline maths, worked out by hand on the 2026 calendar (Nov 1 2026 is a Sunday;
// Thanksgiving Thu Nov 26; Christmas Fri Dec 25): dates, the contract's own steps and calendar,
// meeting windows, previews for staff, and how loud a management deadline gets.
import { describe, expect, it } from "vitest";
import {
  addBusinessDays,
  anchorOf,
  businessDaysLeft,
  caseDeadlines,
  contractHolidays,
  contractSteps,
  daySpecDates,
  daySpecSchema,
  daysBetween,
  DEFAULT_CONTRACTS,
  firstStep,
  isIsoDate,
  localDate,
  nextStep,
  oregonHolidays,
  parseWindow,
  previewDeadlines,
  urgency,
  windowEnd,
  type CaseDates,
  type ContractRules,
} from "../../commands/grievance/deadlines.ts";

const holidays = new Set([...oregonHolidays(2026), ...oregonHolidays(2027)].map((h) => h.date));
const state = DEFAULT_CONTRACTS.find((c) => c.code === "STATE-2025")!.rules;
const w = (days: number, count: "calendar" | "working", ...from: string[]) => ({ days, count, from }) as ContractRules["filing"];

describe("dates", () => {
  it("isIsoDate: real calendar days in YYYY-MM-DD only", () => {
    expect(isIsoDate("2026-11-23")).toBe(true);
    expect(isIsoDate("2028-02-29")).toBe(true);
    for (const bad of ["2026-02-29", "2026-13-01", "2026-11-31", "2026-1-23", "20261123", "2026-11-23T00:00", " 2026-11-23", "", "not a date"]) expect(isIsoDate(bad), bad).toBe(false);
  });
  it("daysBetween counts calendar days, negative backwards, across DST", () => {
    expect(daysBetween("2026-11-23", "2026-11-30")).toBe(7);
    expect(daysBetween("2026-11-30", "2026-11-23")).toBe(-7);
    expect(daysBetween("2026-10-31", "2026-11-02")).toBe(2);
    expect(daysBetween("2026-11-23", "2026-11-23")).toBe(0);
  });
  it("addBusinessDays backwards skips weekends and holidays too", () => {
    expect(addBusinessDays("2026-11-30", -2, holidays)).toBe("2026-11-25"); // back over the weekend and Thanksgiving… and Fri Nov 27
    expect(addBusinessDays("2026-11-23", 0, holidays)).toBe("2026-11-23");
    expect(addBusinessDays("2026-11-23", -1, holidays)).toBe("2026-11-20");
  });
  it("localDate is the day in the union's time zone", () => {
    expect(localDate(new Date("2026-11-24T07:59:00Z"), "America/Los_Angeles")).toBe("2026-11-23");
    expect(localDate(new Date("2026-11-24T08:00:00Z"), "America/Los_Angeles")).toBe("2026-11-24");
  });
  it("Oregon's holidays by name (ORS 187.010), 2026", () => {
    expect(oregonHolidays(2026)).toEqual([
      { date: "2026-01-01", name: "New Year's Day" },
      { date: "2026-01-19", name: "Martin Luther King Jr. Day" },
      { date: "2026-02-16", name: "Presidents Day" },
      { date: "2026-05-25", name: "Memorial Day" },
      { date: "2026-06-19", name: "Juneteenth" },
      { date: "2026-07-03", name: "Independence Day" },
      { date: "2026-09-07", name: "Labor Day" },
      { date: "2026-11-11", name: "Veterans Day" },
      { date: "2026-11-26", name: "Thanksgiving Day" },
      { date: "2026-12-25", name: "Christmas Day" },
    ]);
    // Memorial Day is the last Monday of May even in a year whose May has five Mondays.
    expect(oregonHolidays(2027).find((h) => h.name === "Memorial Day")!.date).toBe("2027-05-31");
    expect(oregonHolidays(2029).find((h) => h.name === "Memorial Day")!.date).toBe("2029-05-28");
  });
});

describe("windows and anchors", () => {
  it("a window counts from the earliest known anchor", () => {
    const rule = w(30, "calendar", "knew", "discipline", "incident");
    expect(anchorOf(rule, { knew: "2026-11-10", discipline: "2026-11-05", incident: "2026-11-07" })).toEqual({ anchor: "discipline", date: "2026-11-05" });
    expect(anchorOf(rule, { knew: "2026-11-10", discipline: null })).toEqual({ anchor: "knew", date: "2026-11-10" });
    expect(anchorOf(rule, { knew: "2026-11-05", incident: "2026-11-05" })).toEqual({ anchor: "knew", date: "2026-11-05" });
    expect(anchorOf(rule, {})).toBeNull();
  });
  it("working-day windows follow the weekend rule too", () => {
    // 3 working days from Mon Nov 23: Tue 24, Wed 25, then Thanksgiving is skipped: Fri Nov 27.
    expect(windowEnd(w(3, "working", "filed"), "2026-11-23", { weekendRule: "none" }, holidays)).toBe(addBusinessDays("2026-11-23", 3, holidays));
    expect(windowEnd(w(5, "calendar", "filed"), "2026-11-21", { weekendRule: "none" }, holidays)).toBe("2026-11-26");
    expect(windowEnd(w(5, "calendar", "filed"), "2026-11-21", { weekendRule: "next_business_day" }, holidays)).toBe("2026-11-27");
  });
  it("parseWindow reads 'days', 'day', 'or' and commas, and refuses unknown anchors", () => {
    expect(parseWindow(" 1 calendar day from filed ")).toEqual({ days: 1, count: "calendar", from: ["filed"] });
    expect(parseWindow("10 Working Days from knew, discipline or incident")).toEqual({ days: 10, count: "working", from: ["knew", "discipline", "incident"] });
    expect(parseWindow("1000 calendar from filed")).toBeNull();
    expect(parseWindow("10 business from filed")).toBeNull();
    expect(parseWindow("10 calendar filed")).toBeNull();
    expect(parseWindow("x10 calendar from filed")).toBeNull();
  });
});

describe("the contract's own steps", () => {
  const noInformal = { steps: { step1: {}, step3: {} } } as Pick<ContractRules, "steps">;
  it("lists the steps it has, arbitration always last; starts at its first; appeals to its next", () => {
    expect(contractSteps(state)).toEqual([0, 1, 2, 3, 4]);
    expect(contractSteps(noInformal)).toEqual([1, 3, 4]);
    expect(contractSteps({ steps: {} })).toEqual([4]);
    expect(firstStep(noInformal)).toBe(1);
    expect(firstStep(state)).toBe(0);
    expect(nextStep(noInformal, 1)).toBe(3);
    expect(nextStep(noInformal, 0)).toBe(1);
    expect(nextStep(noInformal, 3)).toBe(4);
    expect(nextStep(state, 2)).toBe(3);
    expect(nextStep(state, 4)).toBe(4);
  });
  it("an appeal deadline says which step it leads to", () => {
    const rules = { ...state, steps: { step1: state.steps.step1, step3: state.steps.step3 } } as ContractRules;
    const c: CaseDates = { stepNo: 1, status: "open", learnedDate: "2026-11-02", incidentDate: "2026-11-02", disciplineDate: null, filedOn: "2026-11-02", stepStartedOn: "2026-11-02", responseReceivedOn: null };
    expect(caseDeadlines(c, rules, holidays).find((d) => d.kind === "appeal")!.toStep).toBe(3);
  });
});

describe("the contract's own calendar", () => {
  it("day specs: a date, a yearly date observed like state holidays, days around Thanksgiving", () => {
    expect(daySpecDates("2026-11-27", 2026)).toEqual(["2026-11-27"]);
    expect(daySpecDates("2026-11-27", 2027)).toEqual([]);
    expect(daySpecDates("2026-02-30", 2026)).toEqual([]);
    expect(daySpecDates("12-24", 2026)).toEqual(["2026-12-24"]); // Thursday
    expect(daySpecDates("12-26", 2026)).toEqual(["2026-12-25"]); // Saturday → Friday
    expect(daySpecDates("12-27", 2026)).toEqual(["2026-12-28"]); // Sunday → Monday
    expect(daySpecDates("02-29", 2026)).toEqual([]);
    expect(daySpecDates("thanksgiving", 2026)).toEqual(["2026-11-26"]);
    expect(daySpecDates("thanksgiving+1", 2026)).toEqual(["2026-11-27"]);
    expect(daySpecDates("thanksgiving-1", 2027)).toEqual(["2027-11-24"]);
    expect(daySpecDates("someday", 2026)).toEqual([]);
    expect(daySpecDates("x2026-11-27", 2026)).toEqual([]);
    expect(daySpecDates("12-24x", 2026)).toEqual([]);
    expect(daySpecSchema.safeParse("thanksgiving+1").success).toBe(true);
    expect(daySpecSchema.safeParse("02-29").success).toBe(true); // a leap day, in leap years
    expect(daySpecSchema.safeParse("02-30").success).toBe(false);
    expect(daySpecSchema.safeParse("2026-02-29").success).toBe(false);
    expect(daySpecSchema.safeParse("thanksgiving+9").success).toBe(false);
  });
  it("adds the contract's closures and drops the state holidays it works, in every year of the calendar", () => {
    const cal = { add: [{ day: "thanksgiving+1", name: "Day after Thanksgiving" }, { day: "12-24", name: "Christmas Eve" }], remove: [{ day: "11-11", name: "Veterans Day" }] };
    const h = contractHolidays(holidays, { calendar: cal });
    for (const d of ["2026-11-27", "2026-12-24", "2027-11-26", "2027-12-24"]) expect(h.has(d), d).toBe(true);
    for (const d of ["2026-11-11", "2027-11-11"]) expect(h.has(d), d).toBe(false);
    expect(h.has("2026-11-26")).toBe(true);
    expect(holidays.has("2026-11-11")).toBe(true); // the state calendar itself is untouched
    // The same calendar gives the same set (computed once); no calendar, or an empty one, is the state's.
    expect(contractHolidays(holidays, { calendar: cal })).toBe(h);
    expect(contractHolidays(holidays, {})).toBe(holidays);
    expect(contractHolidays(holidays, { calendar: { add: [], remove: [] } })).toBe(holidays);
    // A dated closure outside the state calendar's years is still applied.
    const far = contractHolidays(holidays, { calendar: { add: [{ day: "2030-03-15", name: "Strike day" }], remove: [] } });
    expect(far.has("2030-03-15")).toBe(true);
    const removedOnly = contractHolidays(holidays, { calendar: { add: [], remove: [{ day: "2026-06-19", name: "Juneteenth" }] } });
    expect([removedOnly.has("2026-06-19"), removedOnly.has("2027-06-18")]).toEqual([false, true]);
    // With no state calendar at all, the contract's own yearly days still count around this year.
    const own = contractHolidays(new Set(), { calendar: { add: [{ day: "12-24", name: "Christmas Eve" }], remove: [] } });
    const y = new Date().getUTCFullYear();
    expect([own.has(`${y}-12-24`) || own.has(`${y}-12-23`) || own.has(`${y}-12-25`)]).toEqual([true]);
  });
  it("deadlines count with the contract's calendar", () => {
    const rules = { ...state, calendar: { add: [{ day: "thanksgiving+1", name: "Day after Thanksgiving" }], remove: [] } } as ContractRules;
    // Informal response 7 days from filing on Fri Nov 20 = Fri Nov 27: closed under this contract → Mon Nov 30.
    const c: CaseDates = { stepNo: 0, status: "open", learnedDate: "2026-11-20", incidentDate: "2026-11-20", disciplineDate: null, filedOn: "2026-11-20", stepStartedOn: "2026-11-20", responseReceivedOn: null };
    expect(caseDeadlines(c, rules, holidays).find((d) => d.kind === "response")!.dueDate).toBe("2026-11-30");
    expect(caseDeadlines(c, state, holidays).find((d) => d.kind === "response")!.dueDate).toBe("2026-11-27");
  });
});

describe("meeting windows", () => {
  const rules = { ...state, steps: { ...state.steps, step1: { meeting: w(10, "calendar", "received"), ...state.steps.step1 } }, cutoffs: { meeting: "23:59" } } as ContractRules;
  const c: CaseDates = { stepNo: 1, status: "open", learnedDate: "2026-11-02", incidentDate: "2026-11-02", disciplineDate: null, filedOn: "2026-11-02", stepStartedOn: "2026-11-02", stepReceivedOn: "2026-11-04", responseReceivedOn: null };
  it("management must meet within the window from receipt, by the meeting cut-off", () => {
    const m = caseDeadlines(c, rules, holidays).find((d) => d.kind === "meeting")!;
    expect(m).toMatchObject({ party: "management", anchor: "received", anchorDate: "2026-11-04", dueDate: "2026-11-16", cutoff: "23:59", state: "open", stepNo: 1 });
    // Without a receipt date, it counts from the step's start.
    expect(caseDeadlines({ ...c, stepReceivedOn: null }, rules, holidays).find((d) => d.kind === "meeting")!.anchorDate).toBe("2026-11-02");
  });
  it("is met once the meeting is held, the response came, or the case closed", () => {
    const met = (x: Partial<CaseDates>) => caseDeadlines({ ...c, ...x }, rules, holidays).find((d) => d.kind === "meeting")!.state;
    expect(met({ meetingHeldOn: "2026-11-10" })).toBe("met");
    expect(met({ responseReceivedOn: "2026-11-10" })).toBe("met");
    expect(met({ status: "closed" })).toBe("met");
    expect(met({})).toBe("open");
  });
  it("a step without windows has no deadlines beyond filing", () => {
    const bare = { ...state, steps: { step1: {} } } as ContractRules;
    expect(caseDeadlines(c, bare, holidays).map((d) => d.kind)).toEqual(["filing"]);
  });
  it("staff preview every window of the contract from one sample date", () => {
    const p = previewDeadlines(rules, holidays, "2026-11-02");
    expect(p.map((x) => x.window)).toEqual(["filing", "informal.response", "informal.appeal", "step1.meeting", "step1.response", "step1.appeal", "step2.response", "step2.appeal", "step3.response", "step3.appeal"]);
    expect(p[0]).toEqual({ window: "filing", from: "2026-11-02", due: "2026-12-02", cutoff: "17:00" });
    expect(p.find((x) => x.window === "step1.meeting")).toEqual({ window: "step1.meeting", from: "2026-11-02", due: "2026-11-12", cutoff: "23:59" });
    expect(previewDeadlines({ ...state, steps: {} } as ContractRules, holidays, "2026-11-02").map((x) => x.window)).toEqual(["filing"]);
  });
});

describe("how loud a deadline is", () => {
  const c: CaseDates = { stepNo: 0, status: "open", learnedDate: "2026-11-02", incidentDate: "2026-11-02", disciplineDate: null, filedOn: "2026-11-02", stepStartedOn: "2026-11-02", responseReceivedOn: null };
  const response = caseDeadlines(c, state, holidays).find((d) => d.kind === "response")!; // Mon Nov 9
  it("management's deadline: a warning on the day, normal before; overdue after the cut-off", () => {
    expect(response.dueDate).toBe("2026-11-09");
    expect(urgency(response, new Date("2026-11-06T17:00:00Z"), "2026-11-06", holidays)).toBe("normal");
    expect(urgency(response, new Date("2026-11-09T17:00:00Z"), "2026-11-09", holidays)).toBe("warning");
    expect(urgency(response, new Date("2026-11-10T02:00:00Z"), "2026-11-09", holidays)).toBe("overdue");
  });
  it("a met deadline is never loud; days left go negative once past", () => {
    expect(urgency({ ...response, state: "met" }, new Date("2026-12-01T00:00:00Z"), "2026-12-01", holidays)).toBe("normal");
    expect(businessDaysLeft(response, "2026-11-09", holidays) === 0).toBe(true); // (-0 on the day itself)
    expect(businessDaysLeft(response, "2026-11-12", holidays)).toBe(-2); // Tue Nov 10, (Veterans Day), Thu Nov 12
    expect(businessDaysLeft(response, "2026-11-05", holidays)).toBe(2);
  });
  it("the union's deadline: critical at 2 days, warning at 5, normal before", () => {
    const appeal = caseDeadlines(c, state, holidays).find((d) => d.kind === "appeal")!; // Mon Nov 23
    expect(urgency(appeal, new Date("2026-11-13T17:00:00Z"), "2026-11-13", holidays)).toBe("normal"); // 6 left
    expect(urgency(appeal, new Date("2026-11-16T17:00:00Z"), "2026-11-16", holidays)).toBe("warning"); // 5 left
    expect(urgency(appeal, new Date("2026-11-18T17:00:00Z"), "2026-11-18", holidays)).toBe("warning"); // 3 left
    expect(urgency(appeal, new Date("2026-11-19T17:00:00Z"), "2026-11-19", holidays)).toBe("critical"); // 2 left
  });
});
