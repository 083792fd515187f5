// Deadline maths against cases worked out by hand on a 2026 calendar (Nov 1 2026 is a Sunday;
// Thanksgiving Nov 26, Christmas Fri Dec 25; July 4 falls on Saturday and is observed Fri July 3).
import { describe, expect, it } from "vitest";
import {
  DEFAULT_CONTRACTS,
  addBusinessDays,
  businessDaysLeft,
  caseDeadlines,
  isOverdue,
  oregonHolidays,
  parseWindow,
  formatWindow,
  windowEnd,
  zonedInstant,
  urgency,
  type CaseDates,
  type ContractRules,
} from "../../commands/grievance/deadlines.ts";

const holidays = new Set([...oregonHolidays(2026), ...oregonHolidays(2027)].map((h) => h.date));
const state = DEFAULT_CONTRACTS.find((c) => c.code === "STATE-2025")!.rules;
const next = { weekendRule: "next_business_day" } as const;
const asIs = { weekendRule: "none" } as const;

describe("Oregon holiday calendar", () => {
  it("computes 2026 holidays with weekend observance", () => {
    expect(oregonHolidays(2026).map((h) => h.date)).toEqual([
      "2026-01-01", "2026-01-19", "2026-02-16", "2026-05-25", "2026-06-19", "2026-07-03", "2026-09-07", "2026-11-11", "2026-11-26", "2026-12-25",
    ]);
  });
  it("observes a Saturday holiday on Friday and a Sunday one on Monday", () => {
    const h2027 = oregonHolidays(2027).map((h) => h.date);
    expect(h2027).toContain("2027-06-18"); // Juneteenth 2027 is a Saturday
    expect(h2027).toContain("2027-07-05"); // July 4 2027 is a Sunday
    expect(h2027).toContain("2027-12-24"); // Christmas 2027 is a Saturday
  });
});

describe("calendar and working days", () => {
  it("counts calendar days and rolls a holiday forward (30 days from Oct 27 is Thanksgiving → Fri Nov 27)", () => {
    expect(windowEnd({ days: 30, count: "calendar", from: ["knew"] }, "2026-10-27", next, holidays)).toBe("2026-11-27");
  });
  it("rolls over a holiday and the weekend after it (7 days from Dec 18 is Christmas → Mon Dec 28)", () => {
    expect(windowEnd({ days: 7, count: "calendar", from: ["filed"] }, "2026-12-18", next, holidays)).toBe("2026-12-28");
  });
  it("leaves the date alone when the contract has no weekend rule", () => {
    expect(windowEnd({ days: 7, count: "calendar", from: ["filed"] }, "2026-12-18", asIs, holidays)).toBe("2026-12-25");
  });
  it("counts working days over a weekend and Thanksgiving (10 from Fri Nov 20 → Mon Dec 7)", () => {
    expect(windowEnd({ days: 10, count: "working", from: ["filed"] }, "2026-11-20", next, holidays)).toBe("2026-12-07");
    expect(addBusinessDays("2026-11-20", 10, new Set())).toBe("2026-12-04"); // without the holiday
  });
  it("counts working days from a weekend anchor (5 from Sat Jul 4 2026 → Fri Jul 10)", () => {
    expect(windowEnd({ days: 5, count: "working", from: ["filed"] }, "2026-07-04", next, holidays)).toBe("2026-07-10");
  });
  it("a zero-day window on a Saturday becomes Monday", () => {
    expect(windowEnd({ days: 0, count: "calendar", from: ["filed"] }, "2026-11-28", next, holidays)).toBe("2026-11-30");
  });
});

const base: CaseDates = {
  stepNo: 0,
  status: "open",
  learnedDate: "2026-10-10",
  incidentDate: "2026-10-08",
  disciplineDate: "2026-10-05",
  filedOn: "2026-11-02",
  stepStartedOn: "2026-11-02",
  responseReceivedOn: null,
};

describe("case deadlines", () => {
  it("filing: whichever comes first of knew and discipline (Oct 5 + 30 = Wed Nov 4)", () => {
    const f = caseDeadlines(base, state, holidays).find((d) => d.kind === "filing")!;
    expect(f).toMatchObject({ anchor: "discipline", anchorDate: "2026-10-05", dueDate: "2026-11-04", party: "union", state: "met" });
  });
  it("informal: response 7 days from filing; appeal runs from the response due date when none came", () => {
    const ds = caseDeadlines(base, state, holidays);
    expect(ds.find((d) => d.kind === "response")).toMatchObject({ dueDate: "2026-11-09", party: "management", state: "open" });
    expect(ds.find((d) => d.kind === "appeal")).toMatchObject({ anchor: "response_due", anchorDate: "2026-11-09", dueDate: "2026-11-23", state: "open" });
  });
  it("appeal runs from an early response (Nov 5 + 14 = Thu Nov 19)", () => {
    const ds = caseDeadlines({ ...base, responseReceivedOn: "2026-11-05" }, state, holidays);
    expect(ds.find((d) => d.kind === "response")!.state).toBe("met");
    expect(ds.find((d) => d.kind === "appeal")).toMatchObject({ anchor: "response_received", dueDate: "2026-11-19" });
  });
  it("a late response does not restart the appeal clock (whichever comes first: the due date)", () => {
    const a = caseDeadlines({ ...base, responseReceivedOn: "2026-11-12" }, state, holidays).find((d) => d.kind === "appeal")!;
    expect(a).toMatchObject({ anchor: "response_due", dueDate: "2026-11-23" });
  });
  it("step 2 counts working days (filed Fri Nov 20: response due Mon Dec 7; appeal 10 working days later: Dec 21)", () => {
    const ds = caseDeadlines({ ...base, stepNo: 2, stepStartedOn: "2026-11-20" }, state, holidays);
    expect(ds.find((d) => d.kind === "response")!.dueDate).toBe("2026-12-07");
    expect(ds.find((d) => d.kind === "appeal")!.dueDate).toBe("2026-12-21");
  });
  it("an extension moves the deadline, rolled to a business day; an earlier one is ignored", () => {
    const ext = [{ stepNo: 0, deadline: "appeal" as const, untilDate: "2026-12-05" }];
    const a = caseDeadlines(base, state, holidays, ext).find((d) => d.kind === "appeal")!;
    expect(a).toMatchObject({ baseDate: "2026-11-23", dueDate: "2026-12-07", extended: true });
    const early = caseDeadlines(base, state, holidays, [{ stepNo: 0, deadline: "appeal", untilDate: "2026-11-20" }]).find((d) => d.kind === "appeal")!;
    expect(early).toMatchObject({ dueDate: "2026-11-23", extended: false });
  });
  it("an extension of the response moves the appeal clock with it", () => {
    const ds = caseDeadlines(base, state, holidays, [{ stepNo: 0, deadline: "response", untilDate: "2026-11-16" }]);
    expect(ds.find((d) => d.kind === "response")!.dueDate).toBe("2026-11-16");
    expect(ds.find((d) => d.kind === "appeal")!.dueDate).toBe("2026-11-30");
  });
  it("arbitration has no further deadlines", () => {
    expect(caseDeadlines({ ...base, stepNo: 4 }, state, holidays).map((d) => d.kind)).toEqual(["filing"]);
  });
  it("closed cases have nothing open", () => {
    expect(caseDeadlines({ ...base, status: "closed" }, state, holidays).every((d) => d.state === "met")).toBe(true);
  });
});

describe("cut-off time and urgency", () => {
  it("puts the cut-off at 17:00 Pacific (PST in November, PDT in July)", () => {
    expect(zonedInstant("2026-11-27", "17:00", "America/Los_Angeles").toISOString()).toBe("2026-11-28T01:00:00.000Z");
    expect(zonedInstant("2026-07-06", "17:00", "America/Los_Angeles").toISOString()).toBe("2026-07-07T00:00:00.000Z");
  });
  it("is overdue only after the cut-off on the due day", () => {
    const a = caseDeadlines(base, state, holidays).find((d) => d.kind === "appeal")!; // Nov 23
    expect(isOverdue(a, new Date("2026-11-24T00:59:00Z"))).toBe(false);
    expect(isOverdue(a, new Date("2026-11-24T01:01:00Z"))).toBe(true);
  });
  it("counts business days left and gets louder for the union's own deadline", () => {
    const a = caseDeadlines(base, state, holidays).find((d) => d.kind === "appeal")!; // Mon Nov 23
    expect(businessDaysLeft(a, "2026-11-16", holidays)).toBe(5);
    expect(urgency(a, new Date("2026-11-16T17:00:00Z"), "2026-11-16", holidays)).toBe("warning");
    expect(urgency(a, new Date("2026-11-19T17:00:00Z"), "2026-11-19", holidays)).toBe("critical");
    expect(urgency(a, new Date("2026-11-10T17:00:00Z"), "2026-11-10", holidays)).toBe("normal");
  });
});

describe("window text", () => {
  it("round-trips the way staff edit a window", () => {
    const r = parseWindow("15 working days from response_received|response_due")!;
    expect(r).toEqual({ days: 15, count: "working", from: ["response_received", "response_due"] });
    expect(formatWindow(r)).toBe("15 working from response_received|response_due");
    expect(parseWindow("fifteen days")).toBeNull();
    expect(parseWindow("15 calendar from yesterday")).toBeNull();
  });
  it("every default contract is valid", async () => {
    const { contractRulesSchema } = await import("../../commands/grievance/deadlines.ts");
    for (const c of DEFAULT_CONTRACTS) expect(contractRulesSchema.safeParse(c.rules as ContractRules).success).toBe(true);
  });
});
