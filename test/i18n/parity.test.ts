// Every area ships in all five languages with the same keys and the same {{variables}} as
// English, and the plural forms each language needs. Areas come from the registry, so one added
// later is checked without editing this test.
import { describe, expect, it } from "vitest";
import { LOCALES, allAreas, flatten, pluralForms, pluralOf, variables } from "./strings.ts";

interface KeyInfo {
  forms: Set<string>;
  vars: Set<string>;
}

function keysOf(strings: Map<string, string>): Map<string, KeyInfo> {
  const out = new Map<string, KeyInfo>();
  for (const [key, text] of strings) {
    const { base, form } = pluralOf(key);
    let info = out.get(base);
    if (!info) out.set(base, (info = { forms: new Set(), vars: new Set() }));
    if (form) info.forms.add(form);
    for (const v of variables(text)) info.vars.add(v);
  }
  return out;
}

/** Every problem of one area, as readable lines (an empty list passes). */
export function parityProblems(name: string, bundle: Record<string, import("../../commands/core/i18n.ts").Strings>): string[] {
  const problems: string[] = [];
  const en = keysOf(flatten(bundle.en));
  if (en.size === 0) problems.push(`${name}: no English strings`);
  for (const lng of Object.keys(bundle)) if (!(LOCALES as readonly string[]).includes(lng)) problems.push(`${name}: unexpected language "${lng}"`);
  for (const lng of LOCALES) {
    if (!bundle[lng]) {
      problems.push(`${name}/${lng}: the language is missing`);
      continue;
    }
    const strings = flatten(bundle[lng]);
    for (const [key, text] of strings) if (text.trim() === "") problems.push(`${name}/${lng}: ${key} is empty`);
    const mine = keysOf(strings);
    for (const [base, info] of en) {
      const m = mine.get(base);
      if (!m) {
        problems.push(`${name}/${lng}: missing ${base}`);
        continue;
      }
      const vars = (s: Set<string>) => [...s].sort().join(",");
      if (vars(m.vars) !== vars(info.vars)) problems.push(`${name}/${lng}: ${base} has {{${vars(m.vars)}}}, English has {{${vars(info.vars)}}}`);
      const plural = info.forms.size > 0 || m.forms.size > 0;
      if (!plural) continue;
      if (info.forms.size === 0 && !info.vars.has("count")) {
        problems.push(`${name}/${lng}: ${base} has plural forms but English has no {{count}}`);
        continue;
      }
      const need = pluralForms(lng);
      const have = [...m.forms].sort();
      const missing = need.filter((f) => !m.forms.has(f));
      const extra = have.filter((f) => !need.includes(f) && !(lng === "es" && f === "many"));
      if (missing.length || extra.length) problems.push(`${name}/${lng}: ${base} plural forms [${have}], ${lng} needs [${need}]`);
    }
    for (const base of mine.keys()) if (!en.has(base)) problems.push(`${name}/${lng}: extra key ${base} (not in English)`);
  }
  return problems;
}

describe("translation parity", () => {
  const areas = allAreas();

  it("covers the core and every registered area", () => {
    expect(areas.map((a) => a.name)).toEqual(expect.arrayContaining(["core", "unionhall", "grievance", "contacts"]));
  });

  for (const area of areas) {
    it(`${area.name}: same keys, variables and plural forms in every language`, () => {
      expect(parityProblems(area.name, area.strings)).toEqual([]);
    });
  }

  it("catches a missing key, an extra key, a changed variable and a missing Russian plural form", () => {
    const en = { x: { a: "A {{n}}", b: "B", c_one: "{{count}} day", c_other: "{{count}} days" } };
    const ok = { x: { a: "A {{n}}", b: "B", c_other: "{{count}}" } };
    const problems = parityProblems("demo", {
      en,
      es: { x: { a: "A {{m}}", b: "B", c_one: "1", c_other: "{{count}}" } },
      vi: { x: { a: "A {{n}}", c_other: "{{count}}" } },
      "zh-Hans": { x: { ...ok.x, d: "extra" } },
      ru: { x: { a: "A {{n}}", b: "B", c_one: "{{count}} день", c_other: "{{count}} дня" } },
    });
    expect(problems).toEqual([
      "demo/es: x.a has {{m}}, English has {{n}}",
      "demo/vi: missing x.b",
      "demo/zh-Hans: extra key x.d (not in English)",
      "demo/ru: x.c plural forms [one,other], ru needs [few,many,one,other]",
    ]);
  });
});
