// The grievances page's examples work as written on a fresh demo: the demo has no cases, so the
// page has sam file one first (it is G-2026-0001 in 2026); then every example that names it runs,
// in the page's order, without an error, and maria finds her case with /grievance mine.
import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fileVia, intake, world, type World } from "../grievance/helpers.ts";

const page = fs.readFileSync(new URL("../../docs/grievances.md", import.meta.url), "utf8");
let w: World;
beforeAll(async () => {
  w = await world("2026-12-07T17:00:00Z");
}, 60_000);
afterAll(async () => {
  await w?.close();
});

describe("docs/grievances.md's examples", () => {
  it("run as written once sam has filed the first case, as the page says to", async () => {
    const examples = [...page.matchAll(/`(\/grievance [^`<[|…]*G-2026-0001[^`<[|…]*)`/g)].map((m) => m[1]!);
    expect(examples.length).toBeGreaterThanOrEqual(3);
    const filed = await fileVia(w, "sam", intake({ incident: "2026-12-01", learned: "2026-12-01", discipline: "2026-12-02" }));
    expect(filed.ok && w.text(filed.reply)).toContain("G-2026-0001");
    const failed: string[] = [];
    for (const text of examples) {
      const out = w.text(await w.cmd("sam", text));
      if (out.includes("⚠️")) failed.push(`${text} → ${out.slice(0, 200)}`);
    }
    expect(failed).toEqual([]);
    expect(w.text(await w.cmd("maria", "/grievance mine"))).toContain("G-2026-0001");
  });
});
