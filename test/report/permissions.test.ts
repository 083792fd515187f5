// Who may run and schedule which report for which scope; every run, and every refusal, audited.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { data } from "../../db/data.ts";
import { reportWorld, type ReportWorld } from "./helpers.ts";

let w: ReportWorld;
beforeAll(async () => {
  w = await reportWorld();
});
afterAll(() => w.close());

const audits = (action: string) => data(w.store).all<{ actor: string; details: string }>(`SELECT "actor", "details" FROM "AuditEntry" WHERE "action" = ? ORDER BY "id"`, action);

describe("running reports", () => {
  it("a sub-local president runs the membership report for their sub-local, by worksite", async () => {
    const before = (await audits("report.run")).length;
    const out = await w.cmd("pat", "/report run membership");
    const text = w.text(out);
    expect(text).toContain("Membership and density — sub-local SL-083");
    expect(text).toContain("Members by Worksite");
    expect(out.reply.files?.map((f) => f.name)).toEqual([
      "membership-sublocal-SL-083-2026-11.png",
      "membership-sublocal-SL-083-2026-11.csv",
      "membership-sublocal-SL-083-2026-11.pdf",
    ]);
    const after = await audits("report.run");
    expect(after.length).toBe(before + 1);
    expect(JSON.parse(after.at(-1)!.details)).toMatchObject({ report: "membership", scope: "sublocal", scopeId: "SL-083", period: "2026-11" });
  });

  it("refuses a scope outside the caller's own, politely, and audits the refusal", async () => {
    const refusedBefore = (await audits("report.refused")).length;
    for (const [who, cmd, scope] of [
      ["pat", "/report run membership SL-140", "sub-local SL-140"],
      ["pat", "/report run cape statewide", "statewide"],
      ["sam", "/report run growth region:Lane", "region Lane"],
      ["dana", "/report run membership SL-083", "sub-local SL-083"],
    ] as const) {
      const text = w.text(await w.cmd(who, cmd));
      expect(text).toContain(`You can't see reports for ${scope}`);
      expect(text).not.toContain("Members by");
    }
    expect((await audits("report.refused")).length).toBe(refusedBefore + 4);
  });

  it("a refused schedule for another scope is audited once, like a refused run", async () => {
    const before = (await audits("report.refused")).length;
    const text = w.text(await w.cmd("pat", "/report schedule membership monthly #leaders SL-140"));
    expect(text).toContain("You can't see reports for sub-local SL-140");
    const after = await audits("report.refused");
    expect(after.length).toBe(before + 1);
    expect(JSON.parse(after.at(-1)!.details)).toMatchObject({ report: "membership", action: "schedule", scope: "sublocal", scopeId: "SL-140" });
    expect(await data(w.store).one(`SELECT CAST(count(*) AS INTEGER) AS "n" FROM "RecurringRule" WHERE "kind" = 'report.delivery' AND "channelId" = 'leaders'`)).toEqual({ n: 0 });
  });

  it("a refused /grievance report for another scope is audited once", async () => {
    const count = async () => (await audits("grievance.report.refused")).length;
    const before = await count();
    expect(w.text(await w.cmd("pat", "/grievance report SL-390"))).toContain("can't see reports");
    expect(await count()).toBe(before + 1);
  });

  it("lets each role run its own scope: a director their employer group, staff anything", async () => {
    expect(w.text(await w.cmd("dana", "/report run membership"))).toContain("employer group Human Services");
    expect(w.text(await w.cmd("dana", "/report run membership"))).toContain("Members by Employer");
    expect(w.text(await w.cmd("sofia", "/report run leaders SL-140 2026-Q4"))).toContain("Stewards per 100 members — sub-local SL-140 · 2026-Q4");
    expect(w.text(await w.cmd("paul", "/report run membership 2026-11"))).toContain("Members by Sub-local");
    expect(w.text(await w.cmd("sam", "/report run contacts SL-083"))).toContain("Contact details on file — sub-local SL-083");
  });

  it("members and unlinked people cannot run reports at all", async () => {
    const maria = w.text(await w.cmd("maria", "/report run membership SL-083"));
    expect(maria).not.toContain("Members by");
    expect(maria).toMatch(/only for/i);
    expect(w.text(await w.cmd("nico", "/report list"))).not.toContain("membership —");
  });

  it("refuses bad scopes and periods without running anything", async () => {
    const before = (await audits("report.run")).length;
    expect(w.text(await w.cmd("sofia", "/report run membership nowhere"))).toContain("“nowhere” isn't a report scope");
    expect(w.text(await w.cmd("sofia", "/report run membership statewide 2026-13"))).toContain("“2026-13” isn't a period");
    expect(w.text(await w.cmd("sofia", "/report run membership statewide 2027"))).toContain("2027 hasn't started yet");
    expect((await audits("report.run")).length).toBe(before);
  });

  it("answers in the reader's language: text, chart and table headings", async () => {
    const vi = await w.cmd("pat", "/report run membership SL-083 2026-11", "vi");
    const text = w.text(vi);
    expect(text).toContain("Đoàn viên và mật độ");
    expect(text).toContain("Đoàn viên theo Nơi làm việc");
    expect(text).not.toContain("sub-local");
    const csv = String(vi.reply.files!.find((f) => f.mime === "text/csv")!.data);
    expect(csv.split("\r\n")[0]).toBe("place,members,fee_payers,non_members,retired,density_pct,member_change");
    const zh = w.text(await w.cmd("pat", "/report run cape SL-083 2026-11", "zh-Hans"));
    expect(zh).toContain("CAPE 参与情况");
  });

  it("lists the catalogue for the caller", async () => {
    const text = w.text(await w.cmd("pat", "/report list"));
    for (const name of ["membership", "growth", "cape", "contacts", "leaders", "grievances"]) expect(text).toContain(`${name} — `);
  });
});

describe("scheduling", () => {
  it("officers schedule their own scope; stewards and other scopes are refused", async () => {
    const ok = w.text(await w.cmd("pat", "/report schedule membership monthly #officers"));
    expect(ok).toContain("Membership and density for sub-local SL-083 will be posted in #officers on the 1st of each month at 08:00");
    const rule = (await data(w.store).one<{ kind: string; cron: string; channelId: string; payload: string }>(`SELECT "kind", "cron", "channelId", "payload" FROM "RecurringRule" WHERE "kind" = 'report.delivery'`))!;
    expect(rule).toMatchObject({ cron: "0 8 1 * *", channelId: "officers" });
    expect(JSON.parse(rule.payload)).toMatchObject({ name: "membership", scope: { kind: "sublocal", id: "SL-083" }, frequency: "monthly" });
    expect(w.text(await w.cmd("sam", "/report schedule membership monthly #officers"))).toMatch(/only for/i);
    expect(w.text(await w.cmd("pat", "/report schedule membership weekly #officers SL-140"))).toContain("You can't see reports for sub-local SL-140");
    expect(w.text(await w.cmd("pat", "/report schedule membership off #officers"))).toContain("Stopped");
    expect(w.text(await w.cmd("pat", "/report schedule membership off #officers"))).toContain("no such scheduled report");
  });
});
