// Small-cell suppression: Gamma, a worksite with 3 members, is never shown — not in the message,
// the chart's data and text alternative, or the CSV — and no figure anywhere is a count of 1 to 4.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { altText } from "../../commands/core/chart/alt.ts";
import { createFormatter } from "../../commands/core/format.ts";
import { CATALOGUE } from "../../commands/report/catalogue.ts";
import { parsePeriod } from "../../commands/report/period.ts";
import { poolSmallRows, safeRate, shown } from "../../commands/report/privacy.ts";
import { loadDataset, SUBLOCAL } from "./dataset.ts";
import { reportWorld, type ReportWorld } from "./helpers.ts";

let w: ReportWorld;
beforeAll(async () => {
  w = await reportWorld();
  await loadDataset(w.store);
});
afterAll(() => w.close());

/** Standalone small numbers (1–4) in a text, ignoring dates and percentages. */
const smallNumbers = (s: string) => [...s.replace(/\d{4}-\d{2}(-\d{2})?/g, "").matchAll(/(?<![\d.,])([1-4])(?![\d.,%])/g)].map((m) => m[1]);

describe("a worksite with 3 members", () => {
  for (const name of ["membership", "cape", "contacts", "growth", "leaders"]) {
    it(`never shows 3 in the ${name} report: text, CSV or chart`, async () => {
      const out = await w.cmd("sofia", `/report run ${name} ${SUBLOCAL} 2026-11`);
      expect(out.reply.files?.map((f) => f.mime)).toEqual(["image/png", "text/csv", "application/pdf"]);
      const text = w.text(out);
      expect(text).not.toContain("Gamma");
      expect(smallNumbers(text.replace(/\(\d+ groups?\)/g, "").replace(/Groups of 1 to 4 people/, "").replace(/Fewer than 1 steward/, "").replace(/\d+ more rows? in the CSV and PDF/, ""))).toEqual([]);
      const csv = String(out.reply.files!.find((f) => f.mime === "text/csv")!.data);
      expect(csv).not.toContain("Gamma");
      const cells = csv.trim().split("\r\n").slice(1).flatMap((l) => l.split(","));
      for (const c of cells) expect(["1", "2", "3", "4"]).not.toContain(c);

      const def = CATALOGUE.find((r) => r.name === name)!;
      const env = { store: w.store, t: w.core.translator.forLocale("en"), fmt: createFormatter("en", "America/Los_Angeles"), clock: w.clock, today: "2026-11-23" };
      const doc = await def.build(env, { kind: "sublocal", id: SUBLOCAL }, parsePeriod("2026-11")!);
      const chartJson = JSON.stringify(doc.chart.data);
      expect(chartJson).not.toContain("Gamma");
      for (const d of doc.chart.data as { value: number | null }[]) if (d.value !== null && !doc.chart.percent) expect([1, 2, 3, 4]).not.toContain(d.value);
      expect(altText(doc.chart)).not.toContain("Gamma");
    });
  }

  it("the PDF is produced from the same suppressed table", async () => {
    const out = await w.cmd("sofia", `/report run membership ${SUBLOCAL} 2026-11`);
    const pdf = out.reply.files!.find((f) => f.mime === "application/pdf")!.data as Buffer;
    const { readPdf } = await import("./pdf-text.ts");
    const parsed = await readPdf(pdf);
    const all = parsed.text.join(" ");
    expect(all).toContain("Smaller groups combined (2 groups)");
    expect(all).not.toContain("Gamma");
  });
});

describe("the suppression rules", () => {
  it("hides counts of 1 to 4, shows 0 and 5+", () => {
    expect([0, 1, 4, 5, 12].map(shown)).toEqual([0, null, null, 5, 10]);
  });

  it("hides a rate when the people counted or left out are 1 to 4", () => {
    expect(safeRate(3, 20)).toBeNull();
    expect(safeRate(17, 20)).toBeNull();
    expect(safeRate(10, 20)).toBe(0.5);
    expect(safeRate(0, 20)).toBe(0);
  });

  it("pools small rows, taking in the next-smallest until the pool is safe", () => {
    const rows = [
      { key: "A", counts: { m: 50, f: 10 } },
      { key: "B", counts: { m: 8, f: 0 } },
      { key: "C", counts: { m: 2, f: 0 } },
      { key: "D", counts: { m: 6, f: 5 } },
    ];
    const p = poolSmallRows(rows, ["m", "f"], (c) => c.m + c.f);
    expect(p.rows.map((r) => r.key)).toEqual(["A", "D"]);
    expect(p.pool).toEqual({ counts: { m: 10, f: 0 }, groups: 2 });
    const q = poolSmallRows([{ key: "X", counts: { m: 3 } }], ["m"], (c) => c.m);
    expect(q.rows).toEqual([]);
    expect(q.pool).toEqual({ counts: { m: 3 }, groups: 1 });
  });
});
