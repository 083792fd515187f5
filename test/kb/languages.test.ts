// A document in several languages is one item: each reader gets their language, else the original
// with a note; search finds it through any language and lists it once; and a translation reaches
// exactly the people its original reaches, whatever it was given.
import { data, transaction } from "../../db/data.ts";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importKb } from "../../commands/kb/import.ts";
import { tempDir } from "../helpers/store.ts";
import { addDocument, editDocument, translationProblem } from "../../db/kb.ts";
import { visibleDocument } from "../../db/kb-access.ts";
import { contentHashOf, indexTextOf } from "../../commands/kb/content.ts";
import { audienceRank, type Audience } from "../../commands/kb/rules.ts";
import { subLocalIdByCode } from "../../db/kb-sublocals.ts";
import type { Store } from "../../db/store.ts";
import { addDoc, kbWorld, textOf } from "./helpers.ts";

type W = Awaited<ReturnType<typeof kbWorld>>;

function translate(store: Store, originalId: number, language: string, title: string, body: string, given: { audience?: Audience; subLocalId?: number | null } = {}): Promise<number> {
  const audience = given.audience ?? "everyone";
  const doc = { title, body, kind: "officer_guide", audience, audienceRank: audienceRank(audience), subLocalId: given.subLocalId ?? null, ownerId: null, reviewBy: "2027-11-01", language, translationOf: originalId, tags: "", sourceLink: null, file: null };
  return transaction(store, (tx) => addDocument(tx, { ...doc, contentHash: contentHashOf({ ...doc, fileHash: null }) }, indexTextOf(doc), new Date("2026-11-02T12:00:00Z")));
}

describe("a document in several languages", () => {
  let w: W;
  let guide: number;
  let guia: number;
  let secret: number;
  let secretEs: number;
  beforeAll(async () => {
    w = await kbWorld();
    guide = await addDoc(w.store, { title: "Steward guide to filing a grievance", body: "## Deadlines\nFile within 30 days.", audience: "stewards" });
    guia = await translate(w.store, guide, "es", "Guía para delegados sindicales", "## Plazos\nPresente la queja dentro de 30 días.");
    await translate(w.store, guide, "vi", "Hướng dẫn cho đại diện công đoàn", "## Thời hạn\nNộp trong vòng 30 ngày.");
    secret = await addDoc(w.store, { title: "Officers' budget notes", body: "Budget for training.", audience: "officers", subLocal: "SL-083" });
    // Given the widest audience and no sub-local: it must still reach only the original's readers.
    secretEs = await translate(w.store, secret, "es", "Notas de presupuesto", "Presupuesto para capacitación.", { audience: "everyone", subLocalId: null });
  });
  afterAll(() => w.store.close());

  it("shows each reader their own language, by the original's number", async () => {
    expect(textOf((await w.run("sam", `/kb show ${guide}`, "es")).reply)).toContain("Guía para delegados sindicales");
    expect(textOf((await w.run("sam", `/kb show ${guide}`, "vi")).reply)).toContain("Hướng dẫn cho đại diện công đoàn");
    const en = textOf((await w.run("sam", `/kb show ${guide}`, "en")).reply);
    expect(en).toContain("Steward guide to filing a grievance");
    expect(en).toContain(`Español (#${guia})`);
  });

  it("shows the original with a note when the reader's language has no version", async () => {
    const ru = textOf((await w.run("sam", `/kb show ${guide}`, "ru")).reply);
    expect(ru).toContain("Steward guide to filing a grievance");
    expect(ru).toContain("На русском языке пока нет; показан оригинал на английском языке.");
    const en = textOf((await w.run("sam", `/kb show ${guide}`, "en")).reply);
    expect(en).not.toContain("Not yet in");
  });

  it("search finds the item through any of its languages, once, in the reader's language", async () => {
    const viaSpanish = textOf((await w.run("sam", "/kb search plazos", "en")).reply);
    expect(viaSpanish).toContain("Steward guide to filing a grievance");
    expect(viaSpanish).not.toContain("Guía para delegados");
    const all = textOf((await w.run("sam", "/kb search 30", "es")).reply);
    expect(all.match(/Guía para delegados sindicales/g)).toHaveLength(1);
    expect(all).not.toContain("Steward guide");
    expect(all).not.toContain("Hướng dẫn");
    expect(all).toContain("1 documento");
  });

  it("search falls back to the original and says which language it is in", async () => {
    const ru = textOf((await w.run("sam", "/kb search plazos", "ru")).reply);
    expect(ru).toContain("Steward guide to filing a grievance");
    expect(ru).toContain("🌐 English");
  });

  it("a translation inherits its original's audience and sub-local, whatever it was given", async () => {
    const row = await data(w.store).one<{ audience: string; subLocalId: number | null }>(`SELECT "audience", "subLocalId" FROM "KbDocument" WHERE "id" = ?`, secretEs);
    expect(row).toEqual({ audience: "officers", subLocalId: await subLocalIdByCode(data(w.store), "SL-083") });
    for (const who of ["maria", "sam"]) {
      expect(textOf((await w.run(who, `/kb show ${secretEs}`, "es")).reply)).toContain(`No hay ningún documento n.º ${secretEs}`);
      expect(textOf((await w.run(who, `/kb show ${secretEs}`, "es")).reply)).not.toContain("Presupuesto para capacitación");
      expect(textOf((await w.run(who, "/kb search presupuesto", "es")).reply)).not.toContain("Notas de presupuesto");
    }
    expect(textOf((await w.run("pat", "/kb search presupuesto", "es")).reply)).toContain("Notas de presupuesto");
  });

  it("the access rule reads the original's audience: widening a translation's own row shows it to nobody new", async () => {
    await data(w.store).run(`UPDATE "KbDocument" SET "audience" = 'everyone', "audienceRank" = 0, "subLocalId" = NULL WHERE "id" = ?`, secretEs);
    const member = { personId: null, audienceRank: 1, subLocalIds: [], seesAllSubLocals: false, editsAll: false, editsSubLocalIds: [] };
    expect(await visibleDocument(data(w.store), secretEs, member)).toBeUndefined();
    expect(textOf((await w.run("maria", "/kb search presupuesto", "es")).reply)).not.toContain("Notas de presupuesto");
  });

  it("an original's new audience carries to its translations", async () => {
    const sofia = { personId: null, audienceRank: 4, subLocalIds: [], seesAllSubLocals: true, editsAll: true, editsSubLocalIds: [] };
    const doc = { title: "Steward guide to filing a grievance", body: "## Deadlines\nFile within 30 days.", kind: "officer_guide", audience: "staff", audienceRank: 4, subLocalId: null, ownerId: null, reviewBy: "2027-11-01", language: "en", tags: "", sourceLink: null };
    await transaction(w.store, (tx) => editDocument(tx, guide, { viewer: sofia }, { ...doc, contentHash: contentHashOf({ ...doc, fileHash: null }) }, indexTextOf(doc), null, new Date("2026-11-03T12:00:00Z")));
    const rows = await data(w.store).all(`SELECT DISTINCT "audience" FROM "KbDocument" WHERE "translationOf" = ?`, guide);
    expect(rows).toEqual([{ audience: "staff" }]);
    expect(textOf((await w.run("sam", "/kb search plazos", "es")).reply)).not.toContain("Guía");
  });

  it("the edit form of a translation offers only its original's audience", async () => {
    const form = (await w.run("sofia", `/kb edit ${guia}`)).reply.form!;
    const audience = form.fields.find((f) => f.name === "audience")!;
    // The original was moved to staff above: its translation follows, and offers nothing else.
    expect(audience.options!.map((o) => o.value)).toEqual(["staff"]);
  });

  it("one version per language, and never a translation of a translation", async () => {
    expect(await translationProblem(data(w.store), guide, "es")).toBe("taken");
    expect(await translationProblem(data(w.store), guide, "en")).toBe("originalLanguage");
    expect(await translationProblem(data(w.store), guia, "ru")).toBe("isTranslation");
    expect(await translationProblem(data(w.store), guide, "ru")).toBeNull();
  });
});

describe("/kb translate", () => {
  it("adds a linked version in a form, and refuses a language the document already has", async () => {
    const w = await kbWorld();
    const id = await addDoc(w.store, { title: "Grievance form (paper copy)", body: "Print this form and fill it in with your steward.", kind: "form", audience: "members" });
    const open = await w.run("sofia", `/kb translate ${id} ru`);
    const form = open.reply.form!;
    expect(form.fields.map((f) => f.name)).toEqual(["title", "body", "tags"]);
    const saved = await w.submit("sofia", form.token, { title: "Бланк жалобы", body: "Распечатайте бланк и заполните его вместе с профоргом." });
    if (!saved.ok) throw new Error(JSON.stringify(saved.errors));
    expect(textOf(saved.reply)).toMatch(/Saved as document #\d+ “Бланк жалобы”, the Russian version of #\d+/);
    expect(textOf((await w.run("maria", `/kb show ${id}`, "ru")).reply)).toContain("Распечатайте бланк");
    const again = await w.run("sofia", `/kb translate ${id} ru`);
    expect(textOf(again.reply)).toContain("already has a version in Russian");
    const member = await w.run("maria", `/kb translate ${id} es`);
    expect(textOf(member.reply)).toContain(`There is no document #${id} that you can change`);
    await w.store.close();
  });
});

describe("import-kb with translation_of", () => {
  it("links a translation to its original whatever the file order, gives it the original's audience, and refuses bad links", async () => {
    const w = await kbWorld();
    const dir = tempDir("uh-kb-translations-");
    const write = (name: string, text: string) => fs.writeFileSync(path.join(dir, name), text);
    // "a-…" sorts before the original: the import still reads originals first.
    write("a-guia.md", "---\nid: guia\ntitle: Guía para delegados\nkind: officer_guide\nlanguage: es\ntranslation_of: guide\naudience: everyone\n---\nPlazos: 30 días.\n");
    write("guide.md", "---\nid: guide\ntitle: Steward guide\nkind: officer_guide\naudience: stewards\n---\nDeadlines: 30 days.\n");
    write("ghost.md", "---\nid: ghost-es\ntitle: Fantasma\nkind: policy\nlanguage: es\ntranslation_of: nowhere\n---\nTexto.\n");
    write("twice.md", "---\nid: guia-2\ntitle: Otra guía\nkind: officer_guide\nlanguage: es\ntranslation_of: guide\n---\nOtra.\n");
    const now = new Date("2026-11-23T17:00:00Z");
    const r = await importKb(w.store, dir, { now, timeZone: "America/Los_Angeles" });
    expect(Object.fromEntries(r.problems.map((p) => [p.file, p.message]))).toEqual({
      "ghost.md": "translation_of nowhere is not the id of a document in this folder or imported before",
      "twice.md": "guide already has a translation in es: each language once per document",
    });
    expect(r.warnings.map((x) => `${x.file}: ${x.message}`)).toContain("a-guia.md: is a translation: it has the audience of guide (stewards), not everyone");
    const guia = (await data(w.store).one<{ audience: string; translationOf: number }>(`SELECT "audience", "translationOf" FROM "KbDocument" WHERE "importId" = 'guia'`))!;
    const guide = (await data(w.store).one<{ id: number }>(`SELECT "id" FROM "KbDocument" WHERE "importId" = 'guide'`))!;
    expect(guia).toEqual({ audience: "stewards", translationOf: guide.id });
    expect(textOf((await w.run("maria", "/kb search plazos", "es")).reply)).not.toContain("Guía");
    expect(textOf((await w.run("sam", "/kb search deadlines", "es")).reply)).toContain("Guía para delegados");
    const again = await importKb(w.store, dir, { now, timeZone: "America/Los_Angeles" });
    expect(again.unchanged).toBe(2);
    await w.store.close();
  });
});
