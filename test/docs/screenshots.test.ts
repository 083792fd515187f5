// Each docs page the screenshot script covers shows its picture, the picture exists, and together
// they stay small (the script crops each answer; `npm run screenshots` makes them afresh).
import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { SHOTS } from "../../scripts/screenshots.ts";

const docs = new URL("../../docs/", import.meta.url);

describe("docs screenshots", () => {
  it.each(SHOTS.map((s) => s.page))("docs/%s.md shows its playground picture", (page) => {
    const text = fs.readFileSync(new URL(`${page}.md`, docs), "utf8");
    expect(text).toContain(`](img/${page}.png)`);
    const png = fs.readFileSync(new URL(`img/${page}.png`, docs));
    expect(png.subarray(1, 4).toString()).toBe("PNG");
  });

  it("the pictures together stay under 400 KB", () => {
    const total = SHOTS.reduce((n, s) => n + fs.statSync(new URL(`img/${s.page}.png`, docs)).size, 0);
    expect(total).toBeLessThan(400 * 1024);
  });
});
