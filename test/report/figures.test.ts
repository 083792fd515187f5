// Report figures on a known data set (test/report/dataset.ts), imported through the real CSV import.
import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCore } from "../../commands/core/dispatch.ts";
import { createFormatter } from "../../commands/core/format.ts";
import { buildCape } from "../../commands/report/cape.ts";
import { buildContactData } from "../../commands/report/contact-data.ts";
import { buildGrowth } from "../../commands/report/growth.ts";
import { reportFeature } from "../../commands/report/index.ts";
import { buildMembership } from "../../commands/report/membership.ts";
import type { ReportEnv } from "../../commands/report/model.ts";
import { parsePeriod } from "../../commands/report/period.ts";
import type { Store } from "../../db/store.ts";
import { loadDataset, SUBLOCAL } from "./dataset.ts";
import { TestClock } from "./helpers.ts";
import { tempStore } from "../helpers/store.ts";

let store: Store & { dir: string };
let env: ReportEnv;
const scope = { kind: "sublocal" as const, id: SUBLOCAL };

beforeAll(async () => {
  store = await tempStore();
  await loadDataset(store);
  const clock = new TestClock(new Date("2026-11-23T17:00:00Z"));
  const core = createCore({ store, features: [reportFeature], clock });
  env = { store, t: core.translator.forLocale("en"), fmt: createFormatter("en", "America/Los_Angeles"), clock, today: "2026-11-23" };
});
afterAll(async () => {
  await store.close();
  fs.rmSync(store.dir, { recursive: true, force: true });
});

describe("membership and density", () => {
  it("counts members, density and change per worksite, pooling the small one", async () => {
    const doc = await buildMembership(env, scope, parsePeriod("2026-11")!);
    expect(doc.table.columns.map((c) => c.key)).toEqual(["place", "members", "fee_payers", "non_members", "retired", "density_pct", "member_change"]);
    expect(doc.table.rows).toEqual([
      ["Alpha", 20, 0, 0, 0, { rate: 1 }, { change: 5 }],
      ["Delta", 5, 0, 5, 0, { rate: 0.5 }, { change: -5 }],
      ["Smaller groups combined (2 groups)", 10, 0, 5, 0, { rate: 10 / 15 }, { change: 0 }],
    ]);
    expect(doc.highlights).toEqual([
      { label: "Members", value: "35" },
      { label: "Fee payers", value: "0" },
      { label: "Non-members", value: "10" },
      { label: "Density", value: "77.8%" },
      { label: "Change in members", value: "no change" },
    ]);
    expect(doc.summary).toEqual([
      "35 members at the end of Nov 2026: no change since the end of Oct 2026.",
      "During Nov 2026, 5 people became members and 5 stopped being members.",
      "Density is 77.8%: no change since Oct 2026.",
      "Lowest density by Worksite: Delta (50%).",
    ]);
  });

  it("compares October with September: the fee payers had not joined yet", async () => {
    const doc = await buildMembership(env, scope, parsePeriod("2026-10")!);
    expect(doc.highlights.slice(0, 4).map((h) => h.value)).toEqual(["35", "5", "5", "77.8%"]);
    expect(doc.table.rows[0]).toEqual(["Alpha", 15, 5, 0, 0, { rate: 0.75 }, { change: 0 }]);
  });
});

describe("membership over time", () => {
  it("goes month by month from the first import, with joins and drops", async () => {
    const doc = await buildGrowth(env, scope, parsePeriod("2026-11")!);
    expect(doc.table.rows).toEqual([
      ["2026-11", 35, 0, 10, 5, 5],
      ["2026-10", 35, 5, 5, 0, 0],
      ["2026-09", 35, 5, 5, 35, 0],
    ]);
    expect(doc.summary[0]).toBe("During Nov 2026, 5 people joined and 5 left: net no change.");
  });
});

describe("CAPE and contact details", () => {
  it("gives the CAPE rate per worksite and overall", async () => {
    const doc = await buildCape(env, scope, parsePeriod("2026-11")!);
    expect(doc.table.rows).toEqual([
      ["Alpha", 20, 10, { rate: 0.5 }],
      ["Delta", 5, 0, { rate: 0 }],
      ["Smaller groups combined (2 groups)", 10, 0, { rate: 0 }],
    ]);
    expect(doc.summary).toEqual(["28.6% of members give to CAPE (10 of 35): no change since Oct 2026."]);
  });

  it("counts the people without a work e-mail or phone", async () => {
    const doc = await buildContactData(env, scope, parsePeriod("2026-11")!);
    expect(doc.highlights.map((h) => h.value)).toEqual(["45", "5", "5"]);
    expect(doc.table.rows).toEqual([
      ["Alpha", 20, 0, { rate: 0 }, 0, { rate: 0 }],
      ["Delta", 10, 0, { rate: 0 }, 5, { rate: 0.5 }],
      ["Smaller groups combined (2 groups)", 15, 5, { rate: 5 / 15 }, 0, { rate: 0 }],
    ]);
  });
});
