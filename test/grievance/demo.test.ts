// Opt-in demo grievances: filed through the real core, so reports and lists agree with them.
import { afterAll, describe, expect, it } from "vitest";
import { data } from "../../db/data.ts";
import { createCore, handleCommand } from "../../commands/core/dispatch.ts";
import { seedDemoGrievances } from "../../commands/grievance/demo.ts";
import { features } from "../../commands/index.ts";
import { DEMO_WORKSPACE } from "../../db/demo.ts";
import { tempStore } from "../helpers/store.ts";

const store = await tempStore({ seed: true });
afterAll(() => store.close());
const now = new Date("2026-11-20T18:00:00Z");

describe("demo grievances", () => {
  it("files, advances and closes cases over the year, every one through the core and the audit log", async () => {
    const r = await seedDemoGrievances(store, features, 40, now);
    expect(r.filed).toBeGreaterThanOrEqual(38);
    expect(r.closed + r.open).toBe(r.filed);
    expect(r.closed).toBeGreaterThan(20);
    const audited = (await data(store).one<{ n: number }>(`SELECT count(*) AS n FROM "AuditEntry" WHERE action = 'grievance.file'`))!;
    expect(Number(audited.n)).toBe(r.filed);
    const core = createCore({ store, features, clock: { now: () => now } });
    const report = await handleCommand(core, { actor: { platform: "web", workspaceId: DEMO_WORKSPACE, userId: "sofia" }, text: "/grievance report statewide 2026-01-01 2026-11-20" });
    expect(report.reply.fallbackText).toContain(`Filed: ${r.filed}`);
    expect(report.reply.files.map((f) => f.mime)).toEqual(["image/png", "text/csv", "application/pdf"]);
  });
});
