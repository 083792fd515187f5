// Grievance counts by every door that publishes them (/grievance report, its CSV and chart text,
// the report catalogue): the same released figures, none of them a count of 1 to 4, none
// recoverable from the others ("Filed 29 · Still open fewer than 5 · Resolved 28" gave 1 open).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureDefaults } from "../../commands/grievance/model.ts";
import { data, transaction } from "../../db/data.ts";
import { changeCase, contractByCode, createGrievance } from "../../db/grievances.ts";
import { reportWorld, type ReportWorld } from "../report/helpers.ts";

let w: ReportWorld;
const DHS = "Oregon Department of Human Services";

async function file(w: ReportWorld, filed: string, category: string, closed: boolean) {
  const contractId = (await contractByCode(data(w.store), "STATE-2025"))!.id;
  const { id } = await transaction(w.store, (tx) => createGrievance(
    tx,
    {
      grievantId: 1, stewardId: 2, subLocalCode: "SL-083", employer: DHS, employerGroup: "Human Services", region: null, worksite: null, contractId,
      articles: "21.1", article: "21.1", category, incidentDate: filed, learnedDate: filed, disciplineDate: null, narrative: "x", remedy: "y",
      stepNo: 1, filedOn: filed, createdById: 2,
    },
    new Date(`${filed}T18:00:00Z`),
  ));
  if (closed)
    await transaction(w.store, (tx) => changeCase(tx, id, { status: "closed", outcome: "settled", closedOn: filed, daysToResolve: 0 }, { at: new Date(), actorId: 2, kind: "closed", stepNo: 1, text: null, details: {} }, { stepNo: 1, status: "open" }));
}

beforeAll(async () => {
  w = await reportWorld("2026-11-23T17:00:00Z");
  await ensureDefaults(w.store);
  // October: 29 cases, 28 resolved and 1 open; 27 about discipline, 2 about pay.
  for (let i = 0; i < 29; i++) await file(w, `2026-10-${String(1 + (i % 28)).padStart(2, "0")}`, i < 27 ? "discipline" : "pay", i !== 0);
});
afterAll(() => w.close());

const strip = (s: string) => s.replace(/art\. [\d.]+|Step \d|\d{4}-\d{2}(-\d{2})?|1 to 4|SL-\d+/g, "");

describe("/grievance report publishes through disclosure control", () => {
  it("hides the 1 open case and the 2 pay cases, and no total recovers them", async () => {
    const out = await w.cmd("pat", "/grievance report SL-083 2026-10-01 2026-10-31");
    const text = w.text(out);
    expect(text).toContain("Open: fewer than 5");
    expect(text).toMatch(/Pay (fewer than 5|not shown)/);
    expect(text).toMatch(/Discipline (25|not shown)/);
    expect(text).not.toContain("Filed: 29");
    expect(text).not.toContain("28");
    // Top issues are named without counts: a count there would recover a withheld category.
    expect(text).toContain("Discipline (art. 21.1)\n");
    expect(text).not.toContain("27");
    expect(strip(text)).not.toMatch(/(?<![\d.])[1-4](?![\d.%])/);
    const csv = String(out.reply.files!.find((f) => f.mime === "text/csv")!.data);
    expect(csv).toContain("total,open,,fewer than 5");
    for (const line of csv.trim().split("\r\n").slice(1)) expect(["1", "2", "3", "4", "27", "28", "29"]).not.toContain(line.split(",").at(-1));
    // The chart's text alternative reads the hidden month as words, never as a blank.
    const png = out.reply.files!.find((f) => f.mime === "image/png")!;
    const alt = (png as { alt?: string }).alt ?? "";
    expect(alt).toMatch(/fewer than 5|not shown/);
    expect(alt).not.toMatch(/\s—(;|,|\.|$)/);
  });

  it("a range of days is a range of whole months: days cannot be differenced", async () => {
    const a = w.text(await w.cmd("pat", "/grievance report SL-083 2026-10-01 2026-10-15"));
    const b = w.text(await w.cmd("pat", "/grievance report SL-083 2026-10-01 2026-10-31"));
    expect(a).toContain("Oct 2026 to Oct 2026");
    expect(a).toEqual(b);
  });

  it("the report catalogue shows the very same figures for the month", async () => {
    const g = w.text(await w.cmd("pat", "/grievance report SL-083 2026-10-01 2026-10-31"));
    const r = w.text(await w.cmd("pat", "/report run grievances SL-083 2026-10"));
    const filed = /Filed: (.+)/.exec(g)![1]!;
    expect(r).toContain(filed.startsWith("not shown") ? "not shown" : filed);
    expect(r).not.toMatch(/\b29\b|\b28\b|\b27\b/);
  });

  it("audits what was released, never the exact count", async () => {
    await w.cmd("pat", "/grievance report SL-083 2026-10-01 2026-10-31");
    const row = (await data(w.store).one<{ details: string }>(`SELECT "details" FROM "AuditEntry" WHERE "action" = 'grievance.report' ORDER BY "id" DESC LIMIT 1`))!;
    const d = JSON.parse(row.details) as { cases: unknown };
    expect(d.cases === "withheld" || d.cases === 30).toBe(true);
  });
});
