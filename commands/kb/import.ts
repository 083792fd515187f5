// Importing a folder of Markdown documents with YAML front matter (gray-matter), and the files
// they link. A document is keyed on the stable id in its front matter (`id: steward-guide`): a
// re-import updates only the document the import created under that id; a file without an id is
// added once and never overwrites anything (a different file found at a path imported before is
// refused, naming the id to add). An unchanged document is left alone, a changed one becomes a
// new version. Each bad file gets one line naming the file and what is wrong; a file with the
// same title and text as another document gets a warning.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import crypto from "node:crypto";
import { z } from "zod";
import { appendAuditIn } from "../../db/audit.ts";
import { MAX_FILE_BYTES, saveFile } from "../../db/kb-files.ts";
import { subLocalIdByCode } from "../../db/kb-sublocals.ts";
import { addDocument, documentById, documentByImportId, documentByImportPath, documentsWithText, editDocument, translationProblem } from "../../db/kb.ts";
import type { Store } from "../../db/store.ts";
import { data, transaction, type Db } from "../../db/data.ts";
import { readFrontMatter } from "../core/front-matter.ts";
import { periodKey } from "../core/periods.ts";
import { contentHashOf, indexTextOf, normaliseTags } from "./content.ts";
import { checkFile } from "./filetype.ts";
import { scheduleReview } from "./review.ts";
import { audienceRank, AUDIENCES, aYearOn, dayProblem, KINDS } from "./rules.ts";

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/** Why a review date is refused, in words an officer understands; null for a real date. */
export function dayMessage(v: string): string | null {
  const p = dayProblem(v);
  if (!p) return null;
  if (p.reason === "format") return `must be a date written year-month-day, like 2027-06-30 (not ${v})`;
  if (p.reason === "year") return `${v} is not a usable date: the year must be between 2000 and 2100`;
  if (p.reason === "month") return `${v} is not a real date: there is no month ${p.month}`;
  return `${v} is not a real date: ${MONTHS[p.month - 1]} ${p.year} has ${p.days} days`;
}

// The front matter is read with YAML's core schema, so a date stays the text that was written
// (the default schema turns 2027-02-30 into 2 March before anyone can check it).
const day = z.union([z.string(), z.number()]).transform(String).superRefine((v, c) => {
  const m = dayMessage(v.trim());
  if (m) c.addIssue({ code: "custom", message: m });
});

const frontMatter = z.object({
  id: z
    .union([z.string(), z.number()])
    .transform((v) => String(v).trim())
    .pipe(z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._/-]{0,99}$/, "must be letters, digits, dots, dashes or underscores, like steward-guide"))
    .optional(),
  title: z.string().trim().min(1, "is missing").max(200),
  kind: z.enum(KINDS, `must be one of: ${KINDS.join(", ")}`),
  audience: z.enum(AUDIENCES, `must be one of: ${AUDIENCES.join(", ")}`).default("members"),
  sublocal: z.string().trim().max(20).optional(),
  owner: z.union([z.string(), z.number()]).transform(String).optional(),
  review_by: day.transform((v) => v.trim()).optional(),
  language: z.enum(["en", "es", "vi", "zh-Hans", "ru"], "must be en, es, vi, zh-Hans or ru").default("en"),
  /** The id of the document this file translates: the same item in another language, shown to its original's audience. */
  translation_of: z
    .union([z.string(), z.number()])
    .transform((v) => String(v).trim())
    .pipe(z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._/-]{0,99}$/, "must be the id of the original document, like steward-guide"))
    .optional(),
  tags: z.union([z.array(z.string()).transform((a) => a.join(" ")), z.string()]).optional(),
  source: z.url("must be a web address").optional(),
  file: z.string().trim().min(1).optional(),
});

export interface ImportProblem {
  file: string;
  message: string;
}

export interface KbImportResult {
  added: number;
  updated: number;
  unchanged: number;
  problems: ImportProblem[];
  /** Imported, but worth a look: the same text as another document, an id given to a file without one. */
  warnings: ImportProblem[];
}

function markdownFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      if (e.name.startsWith(".")) continue;
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile() && /\.md$/i.test(e.name)) out.push(p);
    }
  };
  walk(dir);
  return out;
}

const issueText = (e: z.ZodError) => e.issues.map((i) => `${i.path.join(".") || "front matter"} ${i.message}`).join("; ");

export async function importKb(store: Store, dir: string, o: { now: Date; timeZone: string; onProgress?: (done: number, total: number) => void }): Promise<KbImportResult> {
  const files = markdownFiles(dir);
  const db = data(store);
  const result: KbImportResult = { added: 0, updated: 0, unchanged: 0, problems: [], warnings: [] };
  const idsSeen = new Map<string, string>();
  const textsSeen = new Map<string, string>();
  const today = periodKey(o.now, "day", o.timeZone); // the local day: 18:00 on 31 October is still October
  let done = 0;
  // Originals first, then translations, so a translation finds its original whatever the file names.
  const translates = (file: string) => {
    try {
      return typeof readFrontMatter(fs.readFileSync(file, "utf8")).data.translation_of !== "undefined";
    } catch {
      return false;
    }
  };
  const ordered = [...files.filter((f) => !translates(f)), ...files.filter(translates)];
  for (const file of ordered) {
    const rel = path.relative(dir, file).split(path.sep).join("/");
    const bad = (message: string) => result.problems.push({ file: rel, message });
    const warn = (message: string) => result.warnings.push({ file: rel, message });
    try {
      let parsed: ReturnType<typeof readFrontMatter>;
      try {
        parsed = readFrontMatter(fs.readFileSync(file, "utf8"));
      } catch (e) {
        bad(`the front matter is not valid YAML (${e instanceof Error ? e.message.split("\n")[0] : "unreadable"})`);
        continue;
      }
      const fm = frontMatter.safeParse(parsed.data);
      if (!fm.success) {
        bad(issueText(fm.error));
        continue;
      }
      const m = fm.data;
      const body = parsed.content.trim();
      if (!body && !m.file) {
        bad("the document has no text and no file");
        continue;
      }
      const subLocalId = m.sublocal ? await subLocalIdByCode(db, m.sublocal) : null;
      if (subLocalId === undefined) {
        bad(`sublocal ${m.sublocal} is not a known sub-local`);
        continue;
      }
      const original = m.translation_of ? await documentByImportId(db, m.translation_of) : undefined;
      if (m.translation_of && !original) {
        bad(`translation_of ${m.translation_of} is not the id of a document in this folder or imported before`);
        continue;
      }
      if (original && original.translationOf !== null) {
        bad(`translation_of ${m.translation_of} is itself a translation: name its original (id ${(await documentById(db, original.translationOf))?.importId ?? original.translationOf})`);
        continue;
      }
      if (original) {
        const problem = await translationProblem(db, original.id, m.language, m.id ? ((await documentByImportId(db, m.id))?.id ?? null) : null);
        if (problem === "originalLanguage") {
          bad(`is a translation in ${m.language}, the language its original ${m.translation_of} is written in: give its language`);
          continue;
        }
        if (problem === "taken") {
          bad(`${m.translation_of} already has a translation in ${m.language}: each language once per document`);
          continue;
        }
        // A translation reaches exactly its original's readers: its own audience or sub-local would be ignored, so say so.
        if (parsed.data.audience !== undefined && parsed.data.audience !== original.audience) warn(`is a translation: it has the audience of ${m.translation_of} (${original.audience}), not ${String(parsed.data.audience)}`);
        if (parsed.data.sublocal !== undefined) warn(`is a translation: it belongs where ${m.translation_of} belongs; its sublocal is ignored`);
      }
      const owner = m.owner ? await db.one<{ id: number }>(`SELECT "id" FROM "Person" WHERE "memberNumber" = ?`, m.owner) : undefined;
      if (m.owner && !owner) {
        bad(`owner ${m.owner} is not a known member number`);
        continue;
      }
      let attached: { hash: string; name: string; mime: string; size: number } | null = null;
      if (m.file) {
        const target = path.resolve(path.dirname(file), m.file);
        if (!target.startsWith(path.resolve(dir) + path.sep) || !fs.existsSync(target) || !fs.statSync(target).isFile()) {
          bad(`file ${m.file} was not found inside the folder`);
          continue;
        }
        const bytes = fs.readFileSync(target);
        const check = await checkFile(bytes, path.basename(target), MAX_FILE_BYTES);
        if (!check.ok) {
          bad(check.reason === "tooLarge" ? `file ${m.file} is larger than 20 MB` : check.reason === "empty" ? `file ${m.file} is empty` : `file ${m.file} is not a PDF, PNG, JPEG, SVG or Word document (judged by its contents, not its name)`);
          continue;
        }
        attached = { hash: await saveFile(store, bytes), name: check.name, mime: check.mime, size: bytes.length };
      }
      if (m.id) {
        const other = idsSeen.get(m.id);
        if (other) {
          bad(`id ${m.id} is also the id of ${other}: each document needs its own id`);
          continue;
        }
        idsSeen.set(m.id, rel);
      }
      // Keyed on the id it declares; without one, only on a document imported from this very path
      // with exactly this content (a re-run), never on a document it might be.
      const existing = m.id ? await documentByImportId(db, m.id) : undefined;
      const atPath = await documentByImportPath(db, rel);
      const reviewBy = m.review_by ?? (m.id ? existing?.reviewBy : atPath?.reviewBy) ?? aYearOn(today);
      const doc = {
        title: m.title,
        body: body || m.title,
        kind: m.kind,
        audience: original ? (original.audience as typeof m.audience) : m.audience,
        audienceRank: original ? original.audienceRank : audienceRank(m.audience),
        subLocalId: original ? original.subLocalId : (subLocalId ?? null),
        ownerId: owner?.id ?? null,
        reviewBy,
        language: m.language,
        translationOf: original?.id ?? null,
        tags: normaliseTags(m.tags),
        sourceLink: m.source ?? null,
      };
      const contentHash = contentHashOf({ ...doc, fileHash: attached?.hash ?? null });
      if (!m.id && atPath) {
        if (atPath.contentHash === contentHash) {
          result.unchanged++;
          continue;
        }
        const id = atPath.importId ?? "a-new-id";
        bad(`has no id in its front matter, and document #${atPath.id} was imported from a file at this path before. Nothing was changed: add "id: ${id}" to update that document, or a new id to add a separate one`);
        continue;
      }
      const sameText = textsSeen.get(`${doc.title}\u0000${doc.body}`);
      textsSeen.set(`${doc.title}\u0000${doc.body}`, rel);
      if (existing && existing.contentHash === contentHash) {
        result.unchanged++;
        continue;
      }
      const twin = sameText ? null : (await documentsWithText(db, doc.title, doc.body, existing?.id ?? null))[0];
      if (sameText) warn(`has the same title and text as ${sameText}: imported as a separate document; remove one of them if that is a mistake`);
      else if (twin) warn(`has the same title and text as document #${twin.id}${twin.importId ? ` (id ${twin.importId})` : ""}: imported as a separate document; remove one of them if that is a mistake`);
      if (existing) {
        await transaction(store, async (tx) => {
          const row = await editDocument(tx, existing.id, { importId: existing.importId! }, { ...doc, file: attached, contentHash }, indexTextOf(doc), null, o.now);
          if (row) await scheduleReview(tx, store, row, o.timeZone);
        });
        result.updated++;
      } else {
        // A file without an id gets one from its path (made unique), said in a warning, so the
        // next import of it can name the document it means.
        const importId = m.id ?? (await freeImportId(db, rel.replace(/\.md$/i, "")));
        if (!m.id) warn(`has no id: added with id ${importId}; write "id: ${importId}" in its front matter so a later import updates this document`);
        await transaction(store, async (tx) => {
          const id = await addDocument(tx, { ...doc, file: attached, importPath: atPath ? null : rel, importId, contentHash }, indexTextOf(doc), o.now);
          await scheduleReview(tx, store, { id, ownerId: doc.ownerId, reviewBy: doc.reviewBy }, o.timeZone);
        });
        result.added++;
      }
    } finally {
      o.onProgress?.(++done, files.length);
    }
  }
  await transaction(store, (tx) =>
    appendAuditIn(tx, { actor: "cli", action: "kb.import", details: { added: result.added, updated: result.updated, unchanged: result.unchanged, bad: result.problems.length, warnings: result.warnings.length } }),
  );
  return result;
}

/** `base`, or `base-2`, `base-3` … : the first id no document holds. */
async function freeImportId(db: Db, base: string): Promise<string> {
  for (let n = 1; ; n++) {
    const id = n === 1 ? base : `${base}-${n}`;
    if (!(await documentByImportId(db, id))) return id;
  }
}

/** The demo knowledge base that ships with the playground: beside this module, found from dist/ upward. */
export const DEMO_KB_DIR = ((): string => {
  const here = path.dirname(fileURLToPath(import.meta.url));
  for (let dir = here, i = 0; i < 4; i++, dir = path.dirname(dir)) {
    for (const candidate of [path.join(dir, "demo"), path.join(dir, "commands", "kb", "demo")]) if (fs.existsSync(path.join(candidate, "steward-guide.md"))) return candidate;
  }
  return path.join(here, "demo");
})();

/** Imports the demo documents when they are there (idempotent: a second run changes nothing). */
export async function importDemoKb(store: Store, now: Date, timeZone: string): Promise<KbImportResult | null> {
  return fs.existsSync(DEMO_KB_DIR) ? importKb(store, DEMO_KB_DIR, { now, timeZone }) : null;
}
