// The README stays a short front page; everything else lives in docs/, and every link between them resolves.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");
const pages = ["README.md", ...fs.readdirSync(path.join(root, "docs")).filter((f) => f.endsWith(".md")).map((f) => `docs/${f}`)];

describe("README and docs/", () => {
  it("the README is under 250 lines and no longer calls built areas planned", () => {
    const readme = fs.readFileSync(path.join(root, "README.md"), "utf8");
    expect(readme.split("\n").length).toBeLessThan(250);
    expect(readme).not.toMatch(/planned/i);
  });

  it("has one page per area and one for operators, each linked from the README", () => {
    const readme = fs.readFileSync(path.join(root, "README.md"), "utf8");
    for (const area of ["contacts", "grievances", "reports", "kb", "treasury", "project", "events", "training", "handoff", "languages", "slack", "discord", "operations"]) {
      expect(fs.existsSync(path.join(root, "docs", `${area}.md`)), area).toBe(true);
      expect(readme, area).toContain(`](docs/${area}.md)`);
    }
  });

  it("every docs page is linked from the README, and links back to it", () => {
    const readme = fs.readFileSync(path.join(root, "README.md"), "utf8");
    for (const page of pages.filter((p) => p.startsWith("docs/"))) {
      expect(readme, page).toContain(`](${page})`);
      expect(fs.readFileSync(path.join(root, page), "utf8"), page).toContain("](../README.md)");
    }
  });

  it("every relative link and image in the README and docs/ points at a file that exists", () => {
    const broken: string[] = [];
    for (const page of pages) {
      const text = fs.readFileSync(path.join(root, page), "utf8").replace(/```[\s\S]*?```/g, "");
      for (const m of text.matchAll(/!?\[[^\]]*\]\(([^)\s]+)\)/g)) {
        const target = m[1]!;
        if (/^[a-z]+:/i.test(target) || target.startsWith("#")) continue;
        const file = path.resolve(path.dirname(path.join(root, page)), target.split("#")[0]!);
        if (!fs.existsSync(file)) broken.push(`${page}: ${target}`);
      }
    }
    expect(broken).toEqual([]);
  });
});
