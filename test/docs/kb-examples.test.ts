// The knowledge-base page's "Open" examples work as written on a fresh demo (every demo document
// has one version): show, history and a version's text at once; restore once the page's edit has
// made a second version.
import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { importDemoKb } from "../../commands/kb/import.ts";
import { kbWorld, textOf } from "../kb/helpers.ts";

const page = fs.readFileSync(new URL("../../docs/kb.md", import.meta.url), "utf8");
const openBullet = page.split("\n- ").find((b) => b.startsWith("**Open:**"))!;
const examples = [...openBullet.matchAll(/`(\/kb [^`]*)`/g)].map((m) => m[1]!);

describe("docs/kb.md's examples on the demo documents", () => {
  it("run as written: show, history and a version's text; restore after an edit", async () => {
    const w = await kbWorld();
    await importDemoKb(w.store, w.clock.now(), "America/Los_Angeles");
    expect(examples).toEqual(expect.arrayContaining(["/kb show 12", "/kb history 12", "/kb history 12 1", "/kb edit 12", "/kb restore 12 1"]));
    const failed: string[] = [];
    const run = async (text: string) => {
      const r = await w.run("sofia", text);
      if (textOf(r.reply).includes("⚠️")) failed.push(`${text} → ${textOf(r.reply).slice(0, 200)}`);
      return r;
    };
    for (const text of examples.filter((e) => !/restore|edit/.test(e))) await run(text);
    const edit = await run("/kb edit 12");
    const form = edit.reply.form!;
    const initial = Object.fromEntries(form.fields.filter((f) => f.initial !== undefined).map((f) => [f.name, String(f.initial)]));
    expect((await w.submit("sofia", form.token, { ...initial, body: `${initial.body}\n\nUna línea nueva.` })).ok).toBe(true);
    expect(textOf((await run("/kb restore 12 1")).reply)).toMatch(/version 3/i);
    expect(failed).toEqual([]);
  });
});
