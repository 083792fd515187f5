// The content the playground ships: the three training modules and the core documents in all five
// languages, linked as one item each, and written with the glossary's union words (never a variant
// it rules out, and the glossary's word wherever the English original uses a union term).
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { DEMO_KB_DIR, importDemoKb } from "../../commands/kb/import.ts";
import { SEED_MODULES_DIR } from "../../commands/training/import.ts";
import { readFrontMatter } from "../../commands/core/front-matter.ts";
import { data } from "../../db/data.ts";
import { forbiddenWords, glossary, LOCALES } from "../i18n/strings.ts";
import { kbWorld, textOf } from "./helpers.ts";
import { trainingWorld } from "../training/helpers.ts";

const files = (dir: string) => fs.readdirSync(dir).filter((f) => f.endsWith(".md")).map((f) => ({ name: f, ...readFrontMatter(fs.readFileSync(path.join(dir, f), "utf8")) }));

/** Every text of an item (front matter and body) by language, keyed by the original's id or slug. */
function items(dir: string, key: "id" | "slug") {
  const out = new Map<string, Map<string, string>>();
  for (const f of files(dir)) {
    const d = f.data as Record<string, unknown>;
    const item = String(d.translation_of ?? d[key]);
    const lng = String(d.language ?? "en");
    out.set(item, (out.get(item) ?? new Map()).set(lng, `${JSON.stringify(d)}\n${f.content}`));
  }
  return out;
}

const CORE_DOCUMENTS = ["steward-guide", "grievance-form", "member-records-policy"];
const MODULES = ["member-records-confidentiality", "steward-basics", "sub-local-treasurer"];

describe("demo content in five languages", () => {
  const docs = items(DEMO_KB_DIR, "id");
  const modules = items(SEED_MODULES_DIR, "slug");

  it("ships every core document and training module in all five languages", () => {
    for (const id of CORE_DOCUMENTS) expect([...(docs.get(id)?.keys() ?? [])].sort(), id).toEqual([...LOCALES].sort());
    for (const slug of MODULES) expect([...(modules.get(slug)?.keys() ?? [])].sort(), slug).toEqual([...LOCALES].sort());
  });

  for (const lng of LOCALES.filter((l) => l !== "en")) {
    it(`${lng}: uses the glossary's union words and none of the variants it rules out`, () => {
      const en = glossary("en");
      const mine = glossary(lng);
      const problems: string[] = [];
      for (const [item, versions] of [...docs, ...modules].filter(([k]) => CORE_DOCUMENTS.includes(k) || MODULES.includes(k))) {
        const text = versions.get(lng)!.toLowerCase();
        for (const [stem, instead] of Object.entries(forbiddenWords(lng))) if (text.includes(stem.toLowerCase())) problems.push(`${item}: “${stem}” (use ${instead})`);
        // The English body without commands and code, as the glossary test reads strings.
        const english = versions.get("en")!.split("\n").slice(1).join("\n").replace(/`[^`]*`/g, " ");
        for (const [id, t] of Object.entries(en)) {
          if (new RegExp(t.match, "i").test(english) && !text.includes(mine[id]!.match.toLowerCase())) problems.push(`${item}: should say “${mine[id]!.term}” for “${id}”`);
        }
      }
      expect(problems).toEqual([]);
    });
  }

  it("imports as one item per document and per module, each found once in the reader's language", async () => {
    const w = await kbWorld();
    const r = await importDemoKb(w.store, new Date("2026-11-23T17:00:00Z"), "America/Los_Angeles");
    expect(r!.problems).toEqual([]);
    const linked = Number((await data(w.store).one<{ n: number }>(`SELECT count(*) AS "n" FROM "KbDocument" WHERE "translationOf" IS NOT NULL`))!.n);
    expect(linked).toBe(12);
    const es = textOf((await w.run("sam", "/kb search grievance", "es")).reply);
    expect(es).toContain("Guía para delegados: cómo presentar una queja");
    expect(es).not.toContain("Steward guide to filing a grievance");
    const zh = textOf((await w.run("maria", "/kb search privacy", "zh-Hans")).reply);
    expect(zh).toContain("会员资料保密规定");
    await w.store.close();
    const t = await trainingWorld();
    for (const [lng, title] of [["es", "Lo básico para delegados sindicales"], ["vi", "Những điều cơ bản cho đại diện công đoàn"], ["zh-Hans", "工会代表入门"], ["ru", "Основы работы профорга"]] as const) {
      const list = textOf((await t.run("sam", "/training list", lng)).reply);
      expect(list, lng).toContain(title);
      expect(list, lng).not.toContain("Steward basics");
    }
    await t.store.close();
  });
});
