// The grievance area's statements on both engines (SQLite and a real PostgreSQL): the contracts
// and holiday calendar seeded once, holidays added and removed, a case filed with its reference
// number, history entry, report cells and whole reminder plan in one transaction (and none of it
// when that transaction fails), step changes guarded against a case that moved on, notes,
// extensions and real dates, the lists a steward's scope allows, a deadline counted past a
// holiday, member look-ups for intake, steward channels and the trend report's counts; two
// filings, and two closings of one case, at the same time.
import { expect, it } from "vitest";
import { addBusinessDays } from "../../commands/core/calendar.ts";
import { DEFAULT_CONTRACTS } from "../../commands/grievance/deadlines.ts";
import { deadlinesOf } from "../../commands/grievance/model.ts";
import { keyPrefix, writeReminderPlan, type Audiences } from "../../commands/grievance/reminders.ts";
import { data, transaction } from "../../db/data.ts";
import {
  addExtension,
  addNote,
  caseEvents,
  changeCase,
  clearStewardChannel,
  contractByCode,
  createContract,
  createGrievance,
  ensureGrievanceDefaults,
  extensionsFor,
  grievanceByRef,
  listCases,
  listContracts,
  memberById,
  namesOf,
  openCases,
  possibleDuplicates,
  recordCaseDate,
  searchMembers,
  setStewardChannel,
  stewardChannel,
  type NewGrievance,
} from "../../db/grievances.ts";
import { loadReport, rebuildReportCells, reportRows } from "../../db/grievances-report.ts";
import { addHoliday, holidayDates, listHolidays, removeHoliday } from "../../db/holidays.ts";
import { describeOnBothEngines } from "../helpers/both-engines.ts";

const NOW = new Date("2026-11-23T17:00:00Z");
const THANKSGIVING = "2026-11-26";

describeOnBothEngines("grievances", ({ engine, skip, store }) => {
  it.skipIf(skip)("files, changes, lists and counts cases; deadlines count the union's holidays", async () => {
    const db = data(store());
    const sub = async (code: string, group: string) =>
      (await db.one<{ id: number }>(`INSERT INTO "SubLocal" ("code", "name", "employerGroup", "region") VALUES (?, ?, ?, 'Willamette') RETURNING "id"`, code, code, group))!.id;
    const [sl083, sl140] = [await sub("SL-083", "Human Services"), await sub("SL-140", "Transportation")];
    const person = async (n: string, first: string, last: string, subLocalId: number) =>
      (await db.one<{ id: number }>(
        `INSERT INTO "Person" ("memberNumber", "firstName", "lastName", "subLocalId", "employer", "updatedAt") VALUES (?, ?, ?, ?, 'ODOT', ?) RETURNING "id"`,
        n, first, last, subLocalId, NOW,
      ))!.id;
    const maria = await person("100001", "María", "Reyes", sl140);
    const sam = await person("100002", "Sam", "Okafor", sl140);
    const lena = await person("100003", "Lena", "Reyes", sl083);

    // Seeded once: a second call leaves a calendar staff have edited as it is.
    const defaults = { contracts: DEFAULT_CONTRACTS, holidays: [{ date: THANKSGIVING, name: "Thanksgiving Day" }] };
    await ensureGrievanceDefaults(store(), defaults);
    expect(await holidayDates(db)).toEqual(new Set([THANKSGIVING]));
    expect(await addHoliday(db, "2026-12-25", "Christmas Day", sam, NOW)).toBe(true);
    expect(await removeHoliday(db, THANKSGIVING)).toBe(true);
    expect(await removeHoliday(db, THANKSGIVING)).toBe(false);
    await ensureGrievanceDefaults(store(), defaults);
    expect(await holidayDates(db)).toEqual(new Set(["2026-12-25"]));
    expect(await addHoliday(db, THANKSGIVING, "Thanksgiving Day", sam, NOW)).toBe(true);
    expect(await addHoliday(db, THANKSGIVING, "Again", sam, NOW)).toBe(false);
    expect(await listHolidays(db, "2026-11-01", "2026-11-30")).toEqual([{ date: THANKSGIVING, name: "Thanksgiving Day" }]);
    expect((await listContracts(db)).map((c) => c.code)).toEqual(DEFAULT_CONTRACTS.map((c) => c.code).sort());
    expect(await createContract(store(), { code: "transport-2025", name: "Twice", employerGroup: null, rules: {} }, sam, NOW)).toBeNull();
    const added = await createContract(store(), { code: "PARKS-2026", name: "Parks", employerGroup: null, rules: {} }, sam, NOW);
    expect((await contractByCode(db, "parks-2026"))?.id).toBe(added);

    // Filing: reference numbers follow each other; the case, its history entry, its report cells
    // and its reminder plan (with the steward's weekly digest) commit together.
    const transport = (await contractByCode(db, "TRANSPORT-2025"))!;
    const holidays = await holidayDates(db);
    const who: Audiences = { steward: [{ target: { personId: sam }, suffix: `:p${sam}` }], escalation: [{ target: { personId: sam }, suffix: `:p${sam}` }], escalationUnion: [] };
    const intake = (o: Partial<NewGrievance> = {}): NewGrievance => ({
      grievantId: maria, stewardId: sam, subLocalCode: "SL-140", employer: "ODOT", employerGroup: "Transportation", region: "Willamette", worksite: null, contractId: transport.id,
      articles: "Art. 21.1", article: "21.1", category: "safety", incidentDate: "2026-11-16", learnedDate: "2026-11-16", disciplineDate: null, narrative: "x", remedy: "y",
      stepNo: 0, filedOn: "2026-11-20", createdById: sam, ...o,
    });
    const first = await transaction(store(), async (tx) => {
      const made = await createGrievance(tx, intake(), NOW);
      expect(await writeReminderPlan(tx, store(), made.id, who, holidays, NOW)).toBeGreaterThan(0);
      return made;
    });
    expect(first.ref).toBe("G-2026-0001");
    const planned = await db.one<{ n: number }>(`SELECT count(*) AS "n" FROM "ScheduledJob" WHERE substr("idempotencyKey", 1, ?) = ? AND "status" = 'pending'`, keyPrefix(first.id).length, keyPrefix(first.id));
    expect(planned!.n).toBeGreaterThan(0);
    const digest = await db.one<{ id: number; active: number }>(`SELECT "id", "active" FROM "RecurringRule" WHERE "idempotencyKey" = ?`, `grievance-digest:${sam}`);
    expect(digest?.active).toBe(1);
    expect((await db.one<{ n: number }>(`SELECT count(*) AS "n" FROM "ScheduledJob" WHERE "ruleId" = ? AND "status" = 'pending'`, digest!.id))!.n).toBe(1);

    // A filing whose transaction fails leaves no case, no reference number taken and no reminder.
    await expect(
      transaction(store(), async (tx) => {
        const made = await createGrievance(tx, intake(), NOW);
        await writeReminderPlan(tx, store(), made.id, who, holidays, NOW);
        throw new Error("crash after the plan");
      }),
    ).rejects.toThrow("crash after the plan");
    expect(await grievanceByRef(db, "G-2026-0002")).toBeUndefined();
    const second = await transaction(store(), (tx) => createGrievance(tx, intake({ grievantId: lena, subLocalCode: "SL-083", employerGroup: "Human Services", stewardId: null, incidentDate: "2026-11-10", learnedDate: "2026-11-10" }), NOW));
    expect(second.ref).toBe("G-2026-0002");
    expect((await db.one<{ n: number }>(`SELECT count(*) AS "n" FROM "ScheduledJob" WHERE substr("idempotencyKey", 1, ?) = ?`, keyPrefix(second.id).length, keyPrefix(second.id)))!.n).toBe(0);

    // The filing deadline: 20 working days from the day the member knew, Thanksgiving not counted.
    const g = (await grievanceByRef(db, "g-2026-0001"))!;
    expect(g).toMatchObject({ grievantId: maria, stewardId: sam, status: "open", stepNo: 0, filedOn: "2026-11-20", stepStartedOn: "2026-11-20", responseReceivedOn: null });
    const filing = (await deadlinesOf(db, g, holidays)).deadlines.find((d) => d.kind === "filing")!;
    expect(filing.dueDate).toBe("2026-12-15");
    expect(filing.dueDate).toBe(addBusinessDays("2026-11-16", 20, holidays));
    expect((await deadlinesOf(db, g, new Set())).deadlines.find((d) => d.kind === "filing")!.dueDate).toBe("2026-12-14");

    // Changes: guarded by the step and status the person saw.
    const stale = { stepNo: 1, status: "open" };
    const event = { at: NOW, actorId: sam, kind: "advanced", stepNo: 1, text: null, details: {} };
    expect(await transaction(store(), (tx) => changeCase(tx, g.id, { stepNo: 1, stepStartedOn: "2026-11-23" }, event, stale))).toBe(false);
    expect(await transaction(store(), (tx) => changeCase(tx, g.id, { stepNo: 1, stepStartedOn: "2026-11-23", responseReceivedOn: null }, event, { stepNo: 0, status: "open" }))).toBe(true);
    expect(await transaction(store(), (tx) => recordCaseDate(tx, g.id, { stepReceivedOn: "2026-11-23" }, { at: NOW, actorId: sam, stepNo: 1, details: { event: "received" } }, { stepNo: 1, status: "open" }))).toBe(true);
    const extension = { grievanceId: g.id, stepNo: 1, deadline: "response", untilDate: "2027-01-08", reason: "Agreed by phone", agreedWith: "HR", byId: sam, at: NOW };
    expect(await transaction(store(), (tx) => addExtension(tx, extension, { stepNo: 0, status: "open" }))).toBe(false);
    expect(await transaction(store(), (tx) => addExtension(tx, extension, { stepNo: 1, status: "open" }))).toBe(true);
    await addNote(db, g.id, 1, sam, "Called the member back.", NOW);
    expect((await caseEvents(db, g.id)).map((e) => [e.kind, e.stepNo, e.text])).toEqual([
      ["filed", 0, null],
      ["advanced", 1, null],
      ["dated", 1, null],
      ["extended", 1, "Agreed by phone"],
      ["note", 1, "Called the member back."],
    ]);
    expect((await grievanceByRef(db, g.ref))!).toMatchObject({ stepNo: 1, stepStartedOn: "2026-11-23", stepReceivedOn: "2026-11-23" });
    expect([...(await extensionsFor(db, [g.id, second.id])).entries()].map(([id, xs]) => [id, xs.map((x) => x.untilDate)])).toEqual([[g.id, ["2027-01-08"]]]);
    expect(await transaction(store(), (tx) => changeCase(tx, second.id, { status: "closed", outcome: "settled", closedOn: "2026-11-30", daysToResolve: 10 }, { ...event, kind: "closed", stepNo: 0 }, { stepNo: 0, status: "open" }))).toBe(true);

    // Lists: only the scope a steward holds; by reference part; open ones.
    const scope = (subLocals: string[], stewardId: number | null = null) => ({ subLocals, employerGroups: [], regions: [], stewardId });
    expect((await listCases(db, { scope: scope(["SL-083"]) })).map((c) => c.ref)).toEqual(["G-2026-0002"]);
    expect((await listCases(db, { scope: scope([], sam) })).map((c) => c.ref)).toEqual(["G-2026-0001"]);
    expect(await listCases(db, { scope: scope([]) })).toEqual([]);
    expect((await listCases(db, { scope: { subLocals: [], employerGroups: ["Transportation", "Human Services"], regions: [], stewardId: null } })).map((c) => c.ref)).toEqual(["G-2026-0002", "G-2026-0001"]);
    expect((await listCases(db, { scope: null, refContains: "0002" })).map((c) => c.ref)).toEqual(["G-2026-0002"]);
    expect((await listCases(db, { scope: null, refContains: "%" }))).toEqual([]);
    expect((await listCases(db, { scope: null, status: "open", grievantId: maria })).map((c) => c.ref)).toEqual(["G-2026-0001"]);
    expect((await openCases(db)).map((c) => c.ref)).toEqual(["G-2026-0001"]);
    expect((await possibleDuplicates(db, maria, "21.1", "2026-11-30")).map((c) => c.ref)).toEqual(["G-2026-0001"]);
    expect(await possibleDuplicates(db, maria, "21.1", "2026-12-01")).toEqual([]);

    // Members for intake: by name prefix (any case), by number, within the sub-locals allowed.
    expect((await searchMembers(db, "reyes", null)).map((m) => m.memberNumber)).toEqual(["100003", "100001"]);
    expect((await searchMembers(db, "Rey mar", ["SL-140"])).map((m) => m.memberNumber)).toEqual(["100001"]);
    expect((await searchMembers(db, "1000", ["SL-083"])).map((m) => m.memberNumber)).toEqual(["100003"]);
    expect(await searchMembers(db, "reyes", [])).toEqual([]);
    expect(await memberById(db, maria)).toMatchObject({ subLocalCode: "SL-140", employerGroup: "Transportation", region: "Willamette" });
    expect(await namesOf(db, [maria, sam, maria])).toEqual(new Map([[maria, "María Reyes"], [sam, "Sam Okafor"]]));

    // Steward channels: set, moved, cleared.
    await setStewardChannel(db, { subLocalCode: "SL-140", platform: "slack", workspaceId: "T1", channelId: "C1" }, sam, NOW);
    await setStewardChannel(db, { subLocalCode: "SL-140", platform: "slack", workspaceId: "T1", channelId: "C2" }, sam, NOW);
    expect(await stewardChannel(db, "SL-140")).toEqual({ subLocalCode: "SL-140", platform: "slack", workspaceId: "T1", channelId: "C2" });
    expect(await clearStewardChannel(db, "SL-140")).toBe(true);
    expect(await clearStewardChannel(db, "SL-140")).toBe(false);

    // The report: whole months from the cells, partial months from the cases, the same either way.
    const statewide = { kind: "statewide" as const };
    const november = await loadReport(db, statewide, "2026-11-01", "2026-11-30");
    expect(november).toMatchObject({ total: 2, open: 1, closed: 1, medianDaysToResolve: 10, byStep: [1, 1, 0, 0, 0] });
    expect(november.byCategory).toEqual([["safety", 2]]);
    expect(await loadReport(db, { kind: "sublocal", id: "SL-140" }, "2026-11-01", "2026-11-30")).toMatchObject({ total: 1, open: 1, closed: 0 });
    expect(await loadReport(db, { kind: "employer_group", id: "Human Services" }, "2026-11-01", "2026-11-30")).toMatchObject({ total: 1, closed: 1 });
    expect(await loadReport(db, statewide, "2026-11-15", "2026-11-25")).toEqual({ ...november, from: "2026-11-15", to: "2026-11-25" });
    expect((await reportRows(db, { kind: "region", id: "Willamette" }, "2026-11-01", "2026-11-30")).sort()).toEqual([
      ["2026-11", "safety", "ODOT", "21.1", 0, "closed", "settled", 10],
      ["2026-11", "safety", "ODOT", "21.1", 1, "open", null, null],
    ]);
    expect(await rebuildReportCells(store())).toBe(2);
    expect(await loadReport(db, statewide, "2026-11-01", "2026-11-30")).toEqual(november);

    // At once (PostgreSQL's pool runs these side by side, SQLite one after the other): two filings
    // take two reference numbers; two people closing the same case close it once.
    // On PostgreSQL both transactions have begun before either files (SQLite's second waits for the first).
    let begun = 0;
    let allBegun!: () => void;
    const barrier = new Promise<void>((resolve) => (allBegun = resolve));
    const fileAtOnce = () =>
      transaction(store(), async (tx) => {
        await tx.one(`SELECT 1`);
        if (engine === "postgres" && ++begun === 2) allBegun();
        if (engine === "postgres") await barrier;
        return createGrievance(tx, intake({ filedOn: "2026-12-01" }), NOW);
      });
    const both = await Promise.all([fileAtOnce(), fileAtOnce()]);
    expect(both.map((c) => c.ref).sort()).toEqual(["G-2026-0003", "G-2026-0004"]);
    const closed = { status: "closed" as const, outcome: "withdrawn", closedOn: "2026-12-02", daysToResolve: 1 };
    const close = () => transaction(store(), (tx) => changeCase(tx, both[0]!.id, closed, { ...event, kind: "closed", stepNo: 0 }, { stepNo: 0, status: "open" }));
    expect((await Promise.all([close(), close()])).sort()).toEqual([false, true]);
    expect(await loadReport(db, statewide, "2026-12-01", "2026-12-31")).toMatchObject({ total: 2, open: 1, closed: 1 });
  });
});
