// The arrows point inward: an area imports only the core and the data layer, never another area
// (it reacts to another through a Feature hook or a core service); the core imports no area; the
// data layer imports nothing under commands/; an adapter imports only the core (never an area, never the data
// layer: it translates, and every rule and every read stays behind the core). A new import that
// breaks this fails here, naming file and line.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const root = resolve(import.meta.dirname, "../..");

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return name === "generated" || name === "migrations" || name === "migrations-postgres" ? [] : sources(p);
    return /\.tsx?$/.test(name) ? [p] : [];
  });
}

/** Every relative import of a file, as a path from the repository root, with its line. */
function importsOf(file: string): { target: string; line: number }[] {
  const out: { target: string; line: number }[] = [];
  readFileSync(file, "utf8")
    .split("\n")
    .forEach((text, i) => {
      for (const m of text.matchAll(/(?:from|import)\s*\(?\s*["'](\.{1,2}\/[^"']+)["']/g)) out.push({ target: relative(root, resolve(dirname(file), m[1]!)), line: i + 1 });
    });
  return out;
}

const areaOf = (path: string) => /^commands\/([^/]+)\//.exec(path)?.[1];

function violations(dir: string, allowed: (from: string, to: string) => boolean): string[] {
  return sources(join(root, dir)).flatMap((file) => {
    const from = relative(root, file);
    return importsOf(file)
      .filter((i) => !allowed(from, i.target))
      .map((i) => `${from}:${i.line} imports ${i.target}`);
  });
}

describe("import arrows", () => {
  it("an area imports only the core, the data layer and itself", () => {
    const bad = violations("commands", (from, to) => {
      const fromArea = areaOf(from);
      if (!fromArea || fromArea === "core") return true;
      const toArea = areaOf(to);
      return to.startsWith("db/") || toArea === "core" || toArea === fromArea || !to.startsWith("commands/");
    });
    expect(bad).toEqual([]);
  });

  it("the core imports no area", () => {
    const bad = violations("commands/core", (_from, to) => !to.startsWith("commands/") || areaOf(to) === "core");
    expect(bad).toEqual([]);
  });

  it("the data layer imports nothing under commands/, not even the core (pure helpers it needs live in db/)", () => {
    const bad = violations("db", (_from, to) => !to.startsWith("commands/"));
    expect(bad).toEqual([]);
  });

  it("an adapter imports only the core, its own files and the shared HTTP helpers", () => {
    const bad = violations("adapters", (from, to) => {
      const own = /^adapters\/[^/]+\//.exec(from)?.[0];
      return to.startsWith("commands/core/") || to === "adapters/http.ts" || (own !== undefined && to.startsWith(own));
    });
    expect(bad).toEqual([]);
  });

  it("an area's public pages reach the web only through its Feature, not an adapter importing the area", () => {
    // Guards the adapter rule against reading nothing: the public site is known to import the core's page model.
    expect(importsOf(join(root, "adapters/public/index.ts")).some((i) => i.target === "commands/core/public-page.ts")).toBe(true);
  });

  it("the check itself sees an area importing another", () => {
    // Guards the test against reading nothing: the grievance area is known to import its own model.
    expect(importsOf(join(root, "commands/grievance/case.ts")).some((i) => i.target === "commands/grievance/model.ts")).toBe(true);
  });
});
