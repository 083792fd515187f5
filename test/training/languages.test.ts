// A module in several languages is one module: each reader gets their language, else the original
// with a note; finishing any language's version completes it (once, in the report too); the
// certificate names the module in the reader's language.
import { describe, expect, it } from "vitest";
import { data, transaction } from "../../db/data.ts";
import { completionByRole, saveModule, type ModuleInput } from "../../db/training.ts";
import { countCompletion } from "../../commands/training/report.ts";
import { openRequired } from "../../commands/training/required.ts";
import { kbWorld } from "../kb/helpers.ts";
import { buttonLabelled, textOf } from "./helpers.ts";

const question = (ask: string, right: string, wrong: string) => ({ ask, choices: [wrong, right], answer: 1, why: "Because." });

const base: Omit<ModuleInput, "slug" | "title" | "language" | "lessons"> = { summary: "", requiredFor: ["steward"], importPath: null, contentHash: "x" };

async function world() {
  const w = await kbWorld();
  const now = w.clock.now();
  await transaction(w.store, (tx) => saveModule(tx, { ...base, slug: "picket-safety", title: "Picket safety", language: "en", contentHash: "en", lessons: [{ title: "Stay safe", body: "Stay on the sidewalk.", kbDocumentId: null, questions: [question("Where do you stand?", "On the sidewalk", "In the road")] }] }, now));
  await transaction(w.store, (tx) => saveModule(
    tx,
    { ...base, slug: "picket-safety-es", title: "Seguridad en el piquete", language: "es", translationOf: "picket-safety", contentHash: "es", lessons: [{ title: "Cuídese", body: "Quédese en la acera.", kbDocumentId: null, questions: [question("¿Dónde se para?", "En la acera", "En la calle")] }] },
    now,
  ));
  return w;
}

describe("a training module in several languages", () => {
  it("lists each module once, in the reader's language, else the original with a note", async () => {
    const w = await world();
    const es = textOf((await w.run("sam", "/training list", "es")).reply);
    expect(es).toContain("Seguridad en el piquete");
    expect(es).not.toContain("Picket safety");
    const ru = textOf((await w.run("sam", "/training list", "ru")).reply);
    expect(ru.match(/Picket safety/g)?.length).toBeGreaterThanOrEqual(1);
    expect(ru).not.toContain("Seguridad");
    expect(ru).toContain("На русском языке пока нет; показан оригинал на английском языке.");
    const en = textOf((await w.run("sam", "/training list", "en")).reply);
    expect(en).not.toContain("Not yet in");
    await w.store.close();
  });

  it("starting by the original's slug gives the reader's version; the note shows when there is none", async () => {
    const w = await world();
    expect(textOf((await w.run("sam", "/training start picket-safety", "es")).reply)).toContain("Quédese en la acera.");
    const ru = textOf((await w.run("carla", "/training start picket-safety", "ru")).reply);
    expect(ru).toContain("Stay on the sidewalk.");
    expect(ru).toContain("показан оригинал на английском языке");
    await w.store.close();
  });

  it("finishing the Spanish version completes the requirement in every language, counts once, and names the module in Spanish", async () => {
    const w = await world();
    await w.run("sam", "/unionhall language es");
    const first = await w.run("sam", "/training start picket-safety");
    const done = await w.click("sam", buttonLabelled(first.reply, "En la acera").token);
    expect(textOf(done.reply)).toContain("Seguridad en el piquete");
    const sam = (await data(w.store).one<{ id: number }>(`SELECT "personId" AS "id" FROM "RoleAssignment" WHERE "role" = 'steward' ORDER BY "personId" LIMIT 1`))!;
    expect((await openRequired(w.store, sam.id, w.clock.now(), "en")).map((m) => m.slug)).not.toContain("picket-safety");
    expect((await openRequired(w.store, sam.id, w.clock.now(), "es")).map((m) => m.slug)).not.toContain("picket-safety-es");
    const cert = (await data(w.store).one<{ moduleTitle: string }>(`SELECT "moduleTitle" FROM "TrainingCertificate"`))!;
    expect(cert.moduleTitle).toBe("Seguridad en el piquete");
    // Asked in English afterwards: already done, not sent through the English version again.
    await w.run("sam", "/unionhall language en");
    expect(textOf((await w.run("sam", "/training start picket-safety")).reply)).toContain("You completed “Picket safety”");
    const rows = countCompletion(await completionByRole(data(w.store), w.clock.now())).filter((c) => c.module.startsWith("picket-safety"));
    expect(new Set(rows.map((r) => r.module))).toEqual(new Set(["picket-safety"]));
    expect(rows.reduce((n, r) => n + r.completed, 0)).toBe(1);
    await w.store.close();
  });
});

describe("import-training with translations", () => {
  it("refuses a second version of a module in a language it already has, naming the one there is", async () => {
    const { importTraining } = await import("../../commands/training/import.ts");
    const { tempDir } = await import("../helpers/store.ts");
    const fs = await import("node:fs");
    const path = await import("node:path");
    const w = await world();
    const dir = tempDir();
    const file = (slug: string) => `---\nslug: ${slug}\ntitle: Otra versión\nlanguage: es\ntranslation_of: picket-safety\nlessons:\n  - questions: []\n---\n\n## Uno\n\nTexto.\n`;
    fs.writeFileSync(path.join(dir, "again.md"), file("picket-safety-es-2"));
    const r = await importTraining(w.store, dir, w.clock.now());
    expect(r.problems).toEqual([{ file: "again.md", message: `"picket-safety" already has a version in es (picket-safety-es): each language once per module` }]);
    expect(r.added).toBe(0);
    await w.store.close();
  });
});
