// Importing a folder of Markdown documents with YAML front matter (gray-matter), and the files
// they link. Idempotent by path and content: an unchanged document is left alone, a changed one
// becomes a new version. Each bad file gets one line naming the file and what is wrong.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import matter from "gray-matter";
import { z } from "zod";
import { appendAudit } from "../../db/audit.ts";
import { MAX_FILE_BYTES, saveFile } from "../../db/kb-files.ts";
import { subLocalIdByCode } from "../../db/kb-sublocals.ts";
import { addDocument, documentByImportId, editDocument } from "../../db/kb.ts";
import { one } from "../../db/sql.ts";
import type { Store } from "../../db/store.ts";
import { contentHashOf, indexTextOf, normaliseTags } from "./content.ts";
import { checkFile } from "./filetype.ts";
import { scheduleReview } from "./review.ts";
import { audienceRank, AUDIENCES, aYearOn, KINDS } from "./rules.ts";

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date like 2027-06-30").refine((v) => new Date(`${v}T00:00:00Z`).toISOString().startsWith(v), "is not a real date");

const frontMatter = z.object({
  title: z.string().trim().min(1, "is missing").max(200),
  kind: z.enum(KINDS, `must be one of: ${KINDS.join(", ")}`),
  audience: z.enum(AUDIENCES, `must be one of: ${AUDIENCES.join(", ")}`).default("members"),
  sublocal: z.string().trim().max(20).optional(),
  owner: z.union([z.string(), z.number()]).transform(String).optional(),
  review_by: z.union([day, z.date().transform((d) => d.toISOString().slice(0, 10))]).optional(),
  language: z.enum(["en", "es", "vi", "zh-Hans", "ru"], "must be en, es, vi, zh-Hans or ru").default("en"),
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
  const result: KbImportResult = { added: 0, updated: 0, unchanged: 0, problems: [] };
  const today = o.now.toISOString().slice(0, 10);
  let done = 0;
  for (const file of files) {
    const rel = path.relative(dir, file).split(path.sep).join("/");
    const bad = (message: string) => result.problems.push({ file: rel, message });
    try {
      let parsed: matter.GrayMatterFile<string>;
      try {
        parsed = matter(fs.readFileSync(file, "utf8"));
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
      const subLocalId = m.sublocal ? subLocalIdByCode(store, m.sublocal) : null;
      if (subLocalId === undefined) {
        bad(`sublocal ${m.sublocal} is not a known sub-local`);
        continue;
      }
      const owner = m.owner ? one<{ id: number }>(store, `SELECT "id" FROM "Person" WHERE "memberNumber" = ?`, m.owner) : undefined;
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
        attached = { hash: saveFile(store, bytes), name: check.name, mime: check.mime, size: bytes.length };
      }
      const importId = rel.replace(/\.md$/i, "");
      const existing = documentByImportId(store, importId);
      const reviewBy = m.review_by ?? existing?.reviewBy ?? aYearOn(today);
      const doc = {
        title: m.title,
        body: body || m.title,
        kind: m.kind,
        audience: m.audience,
        audienceRank: audienceRank(m.audience),
        subLocalId: subLocalId ?? null,
        ownerId: owner?.id ?? null,
        reviewBy,
        language: m.language,
        tags: normaliseTags(m.tags),
        sourceLink: m.source ?? null,
      };
      const contentHash = contentHashOf({ ...doc, fileHash: attached?.hash ?? null });
      if (existing && existing.contentHash === contentHash) result.unchanged++;
      else if (existing) {
        editDocument(store, existing.id, { importId }, { ...doc, file: attached, contentHash }, indexTextOf(doc), null, o.now, (row) => scheduleReview(store, row, o.timeZone));
        result.updated++;
      } else {
        addDocument(store, { ...doc, file: attached, importPath: rel, importId, contentHash }, indexTextOf(doc), o.now, (id) => scheduleReview(store, { id, ownerId: doc.ownerId, reviewBy }, o.timeZone));
        result.added++;
      }
    } finally {
      o.onProgress?.(++done, files.length);
    }
  }
  appendAudit(store, { actor: "cli", action: "kb.import", details: { added: result.added, updated: result.updated, unchanged: result.unchanged, bad: result.problems.length } });
  return result;
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
