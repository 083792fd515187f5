// Scheduled reports can be listed and stopped by number, in the reader's language and the local's
// time, and a schedule that replaces another says so.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { data } from "../../db/data.ts";
import { reportWorld, type ReportWorld } from "./helpers.ts";

let w: ReportWorld;
beforeEach(async () => {
  w = await reportWorld("2026-11-23T17:00:00Z");
});
afterEach(async () => {
  await w.close();
});

describe("/report schedules and /report unschedule", () => {
  it("lists each schedule with its number, channel, figures and next posting in local time", async () => {
    expect(w.text(await w.cmd("pat", "/report schedules"))).toContain("No reports are scheduled");
    const made = w.text(await w.cmd("pat", "/report schedule membership monthly #leaders"));
    expect(made).toContain("/report unschedule 1");
    await w.cmd("pat", "/report schedule growth weekly #stewards");
    const list = w.text(await w.cmd("pat", "/report schedules"));
    expect(list).toMatch(/#1 Membership and density for sub-local SL-083 in #leaders/);
    expect(list).toMatch(/on the 1st of each month at 08:00 · next: Tue, Dec 1, 2026, 8:00\s?AM PST/);
    expect(list).toMatch(/#2 .* in #stewards/);
    expect(list).toMatch(/every Monday at 08:00 · next: Mon, Nov 30, 2026, 8:00\s?AM PST/);
    // In Spanish, for a reader who asks in Spanish.
    const es = w.text(await w.cmd("pat", "/report schedules", "es"));
    expect(es).toContain("Informes programados");
    expect(es).toContain("el día 1 de cada mes a las 08:00");
  });

  it("stops one by its number; another sub-local's officer can neither see nor stop it", async () => {
    await w.cmd("pat", "/report schedule membership monthly #leaders");
    // Sofia (staff) sees it; Dana (a director of another employer group) does not.
    expect(w.text(await w.cmd("sofia", "/report schedules"))).toContain("#leaders");
    expect(w.text(await w.cmd("dana", "/report schedules"))).toContain("No reports are scheduled");
    expect(w.text(await w.cmd("dana", "/report unschedule 1"))).toContain("There is no scheduled report #1 that you can stop");
    expect(w.text(await w.cmd("pat", "/report unschedule 1"))).toContain("Stopped: #1 Membership and density for sub-local SL-083 in #leaders will no longer be posted");
    expect(w.text(await w.cmd("pat", "/report schedules"))).toContain("No reports are scheduled");
    expect(w.text(await w.cmd("pat", "/report unschedule 1"))).toContain("There is no scheduled report #1");
    const pending = await data(w.store).one(`SELECT CAST(count(*) AS INTEGER) AS "n" FROM "ScheduledJob" WHERE "kind" = 'report.delivery' AND "status" = 'pending'`);
    expect(pending).toEqual({ n: 0 });
  });

  it("a new schedule of the same report, channel and figures says it replaces the old one", async () => {
    expect(w.text(await w.cmd("pat", "/report schedule membership monthly #leaders"))).not.toContain("replaces");
    const again = w.text(await w.cmd("pat", "/report schedule membership weekly #leaders"));
    expect(again).toContain("This replaces the schedule that posted the same report there on the 1st of each month at 08:00");
    // Another channel is a schedule of its own, not a replacement.
    expect(w.text(await w.cmd("pat", "/report schedule membership weekly #stewards"))).not.toContain("replaces");
    expect(w.text(await w.cmd("pat", "/report schedules")).match(/#\d+ Membership/g)).toHaveLength(2);
  });
});
