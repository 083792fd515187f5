// Every docs page shows at least one picture of the playground made by `npm run screenshots`
// (scripts/screenshots.ts), every picture the script makes is shown by its page and exists, and
// together they stay small (the script crops each answer).
import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { pictureOf, SHOTS } from "../../scripts/screenshots.ts";

const docs = new URL("../../docs/", import.meta.url);
const pages = fs.readdirSync(docs).filter((f) => f.endsWith(".md")).map((f) => f.slice(0, -3));
const made = new Set(SHOTS.map(pictureOf));
const pictures = (page: string) => [...fs.readFileSync(new URL(`${page}.md`, docs), "utf8").matchAll(/\]\(img\/([^)]+)\)/g)].map((m) => m[1]!);

describe("docs screenshots", () => {
  it("finds the docs pages", () => {
    expect(pages).toEqual(expect.arrayContaining(["slack", "discord", "treasury", "languages", "events", "operations"]));
  });

  it.each(pages)("docs/%s.md shows a picture the screenshot script makes", (page) => {
    const shown = pictures(page);
    expect(shown.length).toBeGreaterThan(0);
    for (const p of shown) expect(made, `docs/${page}.md shows img/${p}, which scripts/screenshots.ts does not make`).toContain(p);
  });

  it.each(SHOTS.map((s) => [s.page, pictureOf(s)]))("docs/%s.md shows img/%s, and it is there", (page, picture) => {
    expect(pictures(page)).toContain(picture);
    const png = fs.readFileSync(new URL(`img/${picture}`, docs));
    expect(png.subarray(1, 4).toString()).toBe("PNG");
  });

  it("no picture is left in docs/img that the script no longer makes", () => {
    expect(fs.readdirSync(new URL("img/", docs)).sort()).toEqual([...made].sort());
  });

  it("the pictures together stay under 400 KB", () => {
    const total = [...made].reduce((n, p) => n + fs.statSync(new URL(`img/${p}`, docs)).size, 0);
    expect(total).toBeLessThan(400 * 1024);
  });
});
