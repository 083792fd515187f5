// Days and months as the local reads them: at 18:00 on Saturday 31 October in Oregon (already
// 1 November in UTC) money moves on 31 October and belongs to October's statement, and a
// statement approved that evening leaves the rest of the 31st open.
import { data } from "../../db/data.ts";
import { beforeEach, describe, expect, it } from "vitest";
import { daysFrom, parseDate, parsePeriod, previousMonth } from "../../commands/rebate/period.ts";
import { accountByCode, entriesBetween, entryByRef } from "../../db/rebate.ts";
import { statementById } from "../../db/rebate-requests.ts";
import { button, noticeFor, PERSONAS, text, world, type World } from "./setup.ts";

const EVENING_31_OCT = new Date("2026-11-01T01:00:00Z");

describe("statement periods", () => {
  it("months, quarters and dates on the calendar, leap years and year ends included", () => {
    expect(parsePeriod("2024-02")).toEqual({ from: "2024-02-01", to: "2024-02-29", label: "2024-02" });
    expect(parsePeriod("2026-Q4")).toEqual({ from: "2026-10-01", to: "2026-12-31", label: "2026-Q4" });
    expect(previousMonth("2026-11-01")).toMatchObject({ from: "2026-10-01", to: "2026-10-31" });
    expect(previousMonth("2027-01-01")).toMatchObject({ from: "2026-12-01", to: "2026-12-31" });
    expect(parseDate("2/29/2024")).toBe("2024-02-29");
    expect(parseDate("2026-02-29")).toBeNull();
    expect(daysFrom("2026-10-31", "2026-11-02")).toBe(2);
  });
});

describe("at 18:00 on 31 October, local time", () => {
  let w: World;
  let id: Record<keyof typeof PERSONAS, number>;
  beforeEach(async () => {
    w = await world();
    id = Object.fromEntries(Object.entries(PERSONAS).map(([k, n]) => [k, w.personId(n)])) as typeof id;
    w.clock.set(EVENING_31_OCT);
  });

  it("October's statement approved that evening closes through the 30th; a payment approved after it is posted on the 31st, in October", async () => {
    const asked = await w.run("tom", "/rebate statement 2026-10");
    expect(text(asked)).not.toMatch(/not started|future/i);
    await w.click("sofia", button(noticeFor(asked, id.sofia), /^approve$/i));
    expect(await statementById(data(w.store), 1)).toMatchObject({ status: "approved", fromDate: "2026-10-01", toDate: "2026-10-31", closesThrough: "2026-10-30" });

    const filed = await w.form("tom", "/rebate request", { payee: "Salem Print Shop", amount: "250.00", purpose: "Flyers", needed_by: "2026-11-10", receipt: "" });
    if (!filed.ok) throw new Error(JSON.stringify(filed.errors));
    const signed = await w.click("pat", button(noticeFor(filed, id.pat), /co-sign/i));
    const approved = await w.click("sofia", button(noticeFor(signed, id.sofia), /^approve$/i));
    expect(text(approved)).toMatch(/Approved by Sofia Chen/);
    const entry = await entryByRef(data(w.store), "request:1");
    expect(entry).toMatchObject({ postedOn: "2026-10-31", amountCents: -25_000 });
    const account = (await accountByCode(data(w.store), "SL-083"))!;
    expect((await entriesBetween(data(w.store), account.id, "2026-10-01", "2026-10-31")).map((e) => e.id)).toContain(entry!.id);
  });
});
