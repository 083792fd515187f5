// Every string a language file holds is one the code can ask for: a key no code uses is wording
// nobody reads, and translators keep it up to date for nothing. A key counts as used when the code
// names it whole, or names the start of it and fills in the rest (`project.milestones.${key}.title`),
// or when the core makes it by convention (a command's form title, an argument's choice labels).
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { allAreas, flatten, pluralOf } from "./strings.ts";

const ROOTS = ["commands", "adapters", "bot", "db"];

function sources(dir: string, out: string[] = []): string[] {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory() && e.name !== "locales" && e.name !== "generated" && e.name !== "glossary") sources(p, out);
    else if (e.isFile() && /\.(ts|mjs)$/.test(e.name) && !/strings\.ts$/.test(e.name)) out.push(p);
  }
  return out;
}

/** Every whole key the code names, and every start of one it completes at run time. */
function namedInCode(): { whole: Set<string>; starts: string[] } {
  const whole = new Set<string>();
  const starts = new Set<string>();
  for (const file of ROOTS.flatMap((r) => sources(r))) {
    const code = fs.readFileSync(file, "utf8");
    for (const m of code.matchAll(/"([A-Za-z][\w-]*(?:\.[\w-]+)+)"|'([A-Za-z][\w-]*(?:\.[\w-]+)+)'/g)) whole.add(m[1] ?? m[2]!);
    for (const m of code.matchAll(/`([^`]*)`/g)) {
      const tpl = m[1]!;
      const at = tpl.indexOf("${");
      if (at < 0) whole.add(tpl);
      else if (/^[A-Za-z][\w-]*\.[\w.-]*$/.test(tpl.slice(0, at))) starts.add(tpl.slice(0, at));
    }
  }
  return { whole, starts: [...starts] };
}

/** Keys the core builds from a command's definition (form titles, choice labels), never spelled out in an area. */
const byConvention = /^[\w-]+\.(formTitles|choices)\./;

/** The keys of these no code asks for (plural forms count as their key). */
let named: ReturnType<typeof namedInCode> | undefined;
function unused(keys: readonly string[]): string[] {
  const { whole, starts } = (named ??= namedInCode());
  const used = (k: string) => whole.has(k) || byConvention.test(k) || starts.some((s) => k.startsWith(s));
  // A hint about typing has a second text said on Discord, `<key>Discord` (commands/core/typing-hints.ts).
  return [...new Set(keys.map((k) => pluralOf(k).base))].filter((k) => !used(k) && !(k.endsWith("Discord") && used(k.slice(0, -"Discord".length))));
}

const keysOf = (area: string) => [...flatten(allAreas().find((x) => x.name === area)!.strings.en).keys()];

describe("every string in a language file is used", () => {
  it("the check finds a key no code names, and passes keys named whole, completed at run time or made by the core", () => {
    expect(unused(["project.post.fieldTitle", "project.milestones.vendor_selected.title", "project.formTitles.post", "project.post.published_one", "project.post.gradeOk"])).toEqual(["project.post.gradeOk"]);
  });

  // Left for the areas' owners to use or remove; no area may add to this list.
  const known = ["unionhall.admin.audit.entry", "contacts.work.worksite", "contacts.request.campaign.organizing", "contacts.request.campaign.cape", "contacts.request.cardCampaign", "report.privacy.fewer"];

  it("no area has a string that no code asks for (beyond the few known above)", () => {
    const found = allAreas().flatMap((a) => unused(keysOf(a.name)));
    expect(found.filter((k) => !known.includes(k))).toEqual([]);
  });

  it("the list of known leftovers holds only keys that are still there and still unused", () => {
    const found = allAreas().flatMap((a) => unused(keysOf(a.name)));
    expect(known.filter((k) => !found.includes(k))).toEqual([]);
  });
});
