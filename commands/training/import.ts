// Importing training modules from a folder of Markdown files with YAML front matter (gray-matter).
// One file is one module: the front matter names it and holds the check questions; the body's
// "## " headings start its lessons, in order. Idempotent by slug and content: an unchanged file
// changes nothing; a changed one replaces the lessons (and raises the version).
import { data, transaction } from "../../db/data.ts";
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { appendAuditIn } from "../../db/audit.ts";
import type { Store } from "../../db/store.ts";
import { listModules, moduleBySlug, saveModule, type ModuleInput } from "../../db/training.ts";
import { readFrontMatter } from "../core/front-matter.ts";
import { REQUIREMENT_KEYS, slugOf } from "./rules.ts";

/** A scalar as text: `choices: [2027-06-30, 30, true]` are the words typed, not a date, a number, a yes. */
const text = () => z.union([z.string(), z.number(), z.boolean()]).transform(String).pipe(z.string().trim());

const question = z
  .object({
    ask: text().pipe(z.string().min(1, "is missing").max(500)),
    choices: z.array(text().pipe(z.string().min(1).max(75, "a choice is longer than 75 characters (a button's limit)"))).min(2, "needs at least two choices").max(5, "has more than five choices"),
    answer: z.number().int().min(0),
    why: text().pipe(z.string().min(1, "is missing: say why the right answer is right").max(600)),
  })
  .refine((q) => q.answer < q.choices.length, { message: "answer must be the number of a choice, counting from 0", path: ["answer"] });

const lessonMeta = z.object({
  kb: z.number().int().positive().optional(),
  questions: z.array(question).default([]),
});

const slugField = z.string().trim().regex(/^[a-z0-9][a-z0-9-]{1,59}$/, "must be lower-case letters, digits and dashes");

// A misspelt role would make a module required of nobody, silently: refuse it and list the good ones.
const requirementKey = z
  .string()
  .trim()
  .min(1)
  .superRefine((k, c) => {
    if (!REQUIREMENT_KEYS.includes(k)) c.addIssue({ code: "custom", message: `names an unknown role "${k}"; known roles: ${REQUIREMENT_KEYS.join(", ")}` });
  });

const frontMatter = z.object({
  slug: slugField.optional(),
  title: text().pipe(z.string().min(1, "is missing").max(120)),
  summary: text().pipe(z.string().max(300)).default(""),
  required_for: z.union([z.array(z.string()), z.string().transform((s) => s.split(/[\s,]+/).filter(Boolean))]).default([]).pipe(z.array(requirementKey)),
  language: z.enum(["en", "es", "vi", "zh-Hans", "ru"], "must be en, es, vi, zh-Hans or ru").default("en"),
  /** The slug of the module this file translates: one requirement, whichever language is taken. */
  translation_of: slugField.optional(),
  lessons: z.array(lessonMeta).default([]),
});

export interface TrainingImportResult {
  added: number;
  updated: number;
  unchanged: number;
  problems: { file: string; message: string }[];
}

/** Splits the body at "## " headings into titled lessons. */
export function lessonsOf(body: string): { title: string; body: string }[] {
  const out: { title: string; body: string }[] = [];
  for (const line of body.split(/\r?\n/)) {
    const h = /^##\s+(.+?)\s*$/.exec(line);
    if (h) out.push({ title: h[1]!, body: "" });
    else if (out.length > 0) out[out.length - 1]!.body += `${line}\n`;
  }
  return out.map((l) => ({ title: l.title, body: l.body.trim() }));
}

/** One file to a module, or the reason it cannot be one. */
export function parseModule(text: string, relPath: string): ModuleInput | { problem: string } {
  let parsed: ReturnType<typeof readFrontMatter>;
  try {
    // Read as written: a date-like or number-like answer stays the text typed, never a Date.
    parsed = readFrontMatter(text);
  } catch (e) {
    return { problem: `front matter is not valid YAML (${e instanceof Error ? e.message.split("\n")[0] : "unreadable"})` };
  }
  const fm = frontMatter.safeParse(parsed.data);
  if (!fm.success) return { problem: fm.error.issues.map((i) => `${i.path.join(".") || "front matter"} ${i.message}`).join("; ") };
  const lessons = lessonsOf(parsed.content);
  if (lessons.length === 0) return { problem: `has no lessons: start each one with a "## Title" line` };
  if (fm.data.lessons.length > lessons.length) return { problem: `front matter has questions for ${fm.data.lessons.length} lessons but the text has ${lessons.length}` };
  const slug = fm.data.slug ?? slugOf(path.basename(relPath, path.extname(relPath)));
  if (fm.data.translation_of === slug) return { problem: `translation_of names the module itself (${slug}); name the module this file translates` };
  const input: Omit<ModuleInput, "contentHash"> = {
    slug,
    title: fm.data.title,
    summary: fm.data.summary,
    requiredFor: fm.data.required_for,
    language: fm.data.language,
    // Only when set, so modules imported before translations existed keep their content hash.
    ...(fm.data.translation_of ? { translationOf: fm.data.translation_of } : {}),
    importPath: relPath,
    lessons: lessons.map((l, i) => ({ ...l, kbDocumentId: fm.data.lessons[i]?.kb ?? null, questions: fm.data.lessons[i]?.questions ?? [] })),
  };
  return { ...input, contentHash: createHash("sha256").update(JSON.stringify(input)).digest("hex") };
}

export async function importTraining(store: Store, dir: string, now: Date): Promise<TrainingImportResult> {
  const db = data(store);
  const result: TrainingImportResult = { added: 0, updated: 0, unchanged: 0, problems: [] };
  const files = fs.readdirSync(dir, { withFileTypes: true }).filter((e) => e.isFile() && /\.md$/i.test(e.name) && !e.name.startsWith(".")).map((e) => e.name).sort();
  const parsed = files.map((name) => ({ name, m: parseModule(fs.readFileSync(path.join(dir, name), "utf8"), name) }));
  const slugsHere = new Set(parsed.flatMap(({ m }) => ("problem" in m ? [] : [m.slug])));
  for (const { name, m } of parsed) {
    if ("problem" in m) {
      result.problems.push({ file: name, message: m.problem });
      continue;
    }
    if (m.translationOf) {
      const original = slugsHere.has(m.translationOf) ? parsed.find((p) => !("problem" in p.m) && p.m.slug === m.translationOf)!.m as ModuleInput : await moduleBySlug(db, m.translationOf);
      if (!original) {
        result.problems.push({ file: name, message: `translation_of names "${m.translationOf}", which is neither in this folder nor imported before` });
        continue;
      }
      if ((original.translationOf ?? null) !== null) {
        result.problems.push({ file: name, message: `translation_of names "${m.translationOf}", itself a translation of "${original.translationOf}": name the original` });
        continue;
      }
      // One version per language: a second one would leave which a reader gets to chance.
      const sameLanguage = [...(await listModules(db)), ...parsed.flatMap((p) => ("problem" in p.m ? [] : [p.m]))].find(
        (x) => x.slug !== m.slug && x.language === m.language && (x.slug === m.translationOf || x.translationOf === m.translationOf),
      );
      if (sameLanguage) {
        result.problems.push({ file: name, message: `"${m.translationOf}" already has a version in ${m.language} (${sameLanguage.slug}): each language once per module` });
        continue;
      }
    }
    // Each module whole, lessons and all, in its own transaction, with its audit entry.
    const what = await transaction(store, async (tx) => {
      const saved = await saveModule(tx, m, now);
      if (saved !== "unchanged") await appendAuditIn(tx, { actor: "cli", action: `training.module.${saved}`, subjectType: "training_module", subjectId: m.slug, details: { lessons: m.lessons.length } });
      return saved;
    });
    result[what]++;
  }
  return result;
}

/** The modules that ship with the bot (steward basics, sub-local treasurer, member-records confidentiality). */
/** Beside this module in the sources; found from dist/ (the compiled build) upward. */
export const SEED_MODULES_DIR = ((): string => {
  const here = path.dirname(fileURLToPath(import.meta.url));
  for (let dir = here, i = 0; i < 4; i++, dir = path.dirname(dir)) {
    for (const candidate of [path.join(dir, "modules"), path.join(dir, "commands", "training", "modules")]) if (fs.existsSync(path.join(candidate, "steward-basics.md"))) return candidate;
  }
  return path.join(here, "modules");
})();

/** Imports the shipped modules when they are there (a build without them imports nothing). */
export async function importSeedModules(store: Store, now: Date): Promise<TrainingImportResult | null> {
  return fs.existsSync(SEED_MODULES_DIR) ? importTraining(store, SEED_MODULES_DIR, now) : null;
}
