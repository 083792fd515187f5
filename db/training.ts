// Training modules, their lessons and each person's progress. Every read is a statement prepared
// once per connection; every multi-step write is one transaction.
import crypto from "node:crypto";
import { all, one, run, transaction } from "./sql.ts";
import type { Store } from "./store.ts";
import { dbTime } from "./time.ts";

export interface TrainingQuestion {
  ask: string;
  choices: string[];
  /** Index of the right choice. */
  answer: number;
  /** Why the right answer is right: shown after a wrong answer. */
  why: string;
}

export interface TrainingModuleRow {
  id: number;
  slug: string;
  title: string;
  summary: string;
  requiredFor: string;
  language: string;
  /** The slug of the module this one translates; null for an original. */
  translationOf: string | null;
  version: number;
  importPath: string | null;
  contentHash: string;
  lessonCount: number;
}

export interface TrainingLessonRow {
  id: number;
  moduleId: number;
  position: number;
  title: string;
  body: string;
  kbDocumentId: number | null;
  questions: TrainingQuestion[];
}

export interface TrainingProgressRow {
  id: number;
  personId: number;
  moduleId: number;
  moduleVersion: number;
  lesson: number;
  question: number;
  wrongAnswers: number;
  startedAt: string;
  updatedAt: string;
  completedAt: string | null;
}

export interface ModuleInput {
  slug: string;
  title: string;
  summary: string;
  requiredFor: string[];
  language: string;
  translationOf?: string | null;
  importPath: string | null;
  contentHash: string;
  lessons: { title: string; body: string; kbDocumentId: number | null; questions: TrainingQuestion[] }[];
}

const MODULE_COLUMNS = `m."id", m."slug", m."title", m."summary", m."requiredFor", m."language", m."translationOf", m."version", m."importPath", m."contentHash",
  (SELECT count(*) FROM "TrainingLesson" l WHERE l."moduleId" = m."id") AS "lessonCount"`;

export function listModules(store: Store): TrainingModuleRow[] {
  return all<TrainingModuleRow>(store, `SELECT ${MODULE_COLUMNS} FROM "TrainingModule" m ORDER BY m."title", m."id"`);
}

export function moduleBySlug(store: Store, slug: string): TrainingModuleRow | undefined {
  return one<TrainingModuleRow>(store, `SELECT ${MODULE_COLUMNS} FROM "TrainingModule" m WHERE m."slug" = ?`, slug.toLowerCase());
}

export function moduleById(store: Store, id: number): TrainingModuleRow | undefined {
  return one<TrainingModuleRow>(store, `SELECT ${MODULE_COLUMNS} FROM "TrainingModule" m WHERE m."id" = ?`, id);
}

export function lessonAt(store: Store, moduleId: number, position: number): TrainingLessonRow | undefined {
  const r = one<Omit<TrainingLessonRow, "questions"> & { questions: string }>(store, `SELECT * FROM "TrainingLesson" WHERE "moduleId" = ? AND "position" = ?`, moduleId, position);
  return r ? { ...r, questions: JSON.parse(r.questions) as TrainingQuestion[] } : undefined;
}

/**
 * Adds a module or replaces one with the same slug, lessons and all, in one transaction. Changed
 * lessons raise the version, so progress made on the old lessons starts again; unchanged content
 * (the same hash) changes nothing. Returns what happened.
 */
export function saveModule(store: Store, m: ModuleInput, now: Date): "added" | "updated" | "unchanged" {
  return transaction(store, () => {
    const cur = one<{ id: number; contentHash: string }>(store, `SELECT "id", "contentHash" FROM "TrainingModule" WHERE "slug" = ?`, m.slug);
    if (cur && cur.contentHash === m.contentHash) return "unchanged";
    const at = dbTime(now);
    let id: number;
    if (cur) {
      id = cur.id;
      run(
        store,
        `UPDATE "TrainingModule" SET "title" = ?, "summary" = ?, "requiredFor" = ?, "language" = ?, "translationOf" = ?, "importPath" = ?, "contentHash" = ?, "version" = "version" + 1, "updatedAt" = ? WHERE "id" = ?`,
        m.title, m.summary, m.requiredFor.join(" "), m.language, m.translationOf ?? null, m.importPath, m.contentHash, at, id,
      );
      run(store, `DELETE FROM "TrainingLesson" WHERE "moduleId" = ?`, id);
    } else {
      id = Number(
        run(
          store,
          `INSERT INTO "TrainingModule" ("slug", "title", "summary", "requiredFor", "language", "translationOf", "importPath", "contentHash", "createdAt", "updatedAt") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          m.slug, m.title, m.summary, m.requiredFor.join(" "), m.language, m.translationOf ?? null, m.importPath, m.contentHash, at, at,
        ).lastInsertRowid,
      );
    }
    m.lessons.forEach((l, i) =>
      run(store, `INSERT INTO "TrainingLesson" ("moduleId", "position", "title", "body", "kbDocumentId", "questions") VALUES (?, ?, ?, ?, ?, ?)`, id, i, l.title, l.body, l.kbDocumentId, JSON.stringify(l.questions)),
    );
    return cur ? "updated" : "added";
  });
}

export function progressOf(store: Store, personId: number, moduleId: number): TrainingProgressRow | undefined {
  return one<TrainingProgressRow>(store, `SELECT * FROM "TrainingProgress" WHERE "personId" = ? AND "moduleId" = ?`, personId, moduleId);
}

export function progressFor(store: Store, personId: number): TrainingProgressRow[] {
  return all<TrainingProgressRow>(store, `SELECT * FROM "TrainingProgress" WHERE "personId" = ? ORDER BY "updatedAt" DESC, "id" DESC`, personId);
}

/** The module this person worked on last and has not finished. */
export function currentProgress(store: Store, personId: number): TrainingProgressRow | undefined {
  return one<TrainingProgressRow>(store, `SELECT * FROM "TrainingProgress" WHERE "personId" = ? AND "completedAt" IS NULL ORDER BY "updatedAt" DESC, "id" DESC LIMIT 1`, personId);
}

/** Starts (or, after the module changed, restarts) a person's progress; keeps a finished one. */
export function startProgress(store: Store, personId: number, mod: Pick<TrainingModuleRow, "id" | "version">, now: Date): TrainingProgressRow {
  return transaction(store, () => {
    const at = dbTime(now);
    const cur = progressOf(store, personId, mod.id);
    if (!cur) {
      run(store, `INSERT INTO "TrainingProgress" ("personId", "moduleId", "moduleVersion", "startedAt", "updatedAt") VALUES (?, ?, ?, ?, ?)`, personId, mod.id, mod.version, at, at);
    } else if (cur.completedAt === null && cur.moduleVersion !== mod.version) {
      run(store, `UPDATE "TrainingProgress" SET "moduleVersion" = ?, "lesson" = 0, "question" = 0, "updatedAt" = ? WHERE "id" = ?`, mod.version, at, cur.id);
    } else {
      run(store, `UPDATE "TrainingProgress" SET "updatedAt" = ? WHERE "id" = ?`, at, cur.id);
    }
    return progressOf(store, personId, mod.id)!;
  });
}

/**
 * Moves a person on only from where they are (lesson/question as shown on the button they
 * clicked): a stale or repeated click changes nothing. Returns whether it moved.
 */
export function advanceProgress(store: Store, id: number, from: { lesson: number; question: number }, to: { lesson: number; question: number } | "done", now: Date): boolean {
  const at = dbTime(now);
  if (to === "done")
    return run(store, `UPDATE "TrainingProgress" SET "completedAt" = ?, "updatedAt" = ? WHERE "id" = ? AND "lesson" = ? AND "question" = ? AND "completedAt" IS NULL`, at, at, id, from.lesson, from.question).changes === 1;
  return (
    run(store, `UPDATE "TrainingProgress" SET "lesson" = ?, "question" = ?, "updatedAt" = ? WHERE "id" = ? AND "lesson" = ? AND "question" = ? AND "completedAt" IS NULL`, to.lesson, to.question, at, id, from.lesson, from.question)
      .changes === 1
  );
}

export function countWrongAnswer(store: Store, id: number, now: Date): void {
  run(store, `UPDATE "TrainingProgress" SET "wrongAnswers" = "wrongAnswers" + 1, "updatedAt" = ? WHERE "id" = ?`, dbTime(now), id);
}

export function completedModuleIds(store: Store, personId: number): Set<number> {
  return new Set(all<{ moduleId: number }>(store, `SELECT "moduleId" FROM "TrainingProgress" WHERE "personId" = ? AND "completedAt" IS NOT NULL`, personId).map((r) => r.moduleId));
}

export function remindersStopped(store: Store, personId: number): boolean {
  return one(store, `SELECT 1 AS x FROM "TrainingReminderStop" WHERE "personId" = ?`, personId) !== undefined;
}

export function stopReminders(store: Store, personId: number, now: Date): boolean {
  return run(store, `INSERT INTO "TrainingReminderStop" ("personId", "stoppedAt") VALUES (?, ?) ON CONFLICT ("personId") DO NOTHING`, personId, dbTime(now)).changes === 1;
}

export interface CompletionRow {
  personId: number;
  subLocalCode: string | null;
  role: string;
  office: string | null;
  moduleSlug: string;
  completedAt: string | null;
}

/**
 * For a report: every person holding a role at `at` (except plain members) against every module
 * (its original: all its languages are one module), with the date they first completed it in any
 * language (null: not completed). Optionally one sub-local.
 */
export function completionByRole(store: Store, at: Date, subLocalCode?: string): CompletionRow[] {
  const t = dbTime(at);
  const scope = subLocalCode ? ` AND s."code" = ?` : "";
  const params: unknown[] = [t, t];
  if (subLocalCode) params.push(subLocalCode);
  return all<CompletionRow>(
    store,
    `SELECT r."personId", s."code" AS "subLocalCode", r."role", r."office", m."slug" AS "moduleSlug", p."completedAt"
       FROM "RoleAssignment" r
       JOIN "Person" pe ON pe."id" = r."personId"
       LEFT JOIN "SubLocal" s ON s."id" = pe."subLocalId"
       CROSS JOIN "TrainingModule" m
       LEFT JOIN (SELECT x."personId", COALESCE(tm."translationOf", tm."slug") AS "family", min(x."completedAt") AS "completedAt"
                    FROM "TrainingProgress" x JOIN "TrainingModule" tm ON tm."id" = x."moduleId"
                   WHERE x."completedAt" IS NOT NULL GROUP BY x."personId", COALESCE(tm."translationOf", tm."slug")) p
              ON p."personId" = r."personId" AND p."family" = m."slug"
      WHERE m."translationOf" IS NULL AND r."role" <> 'member' AND r."startsAt" <= ? AND (r."endsAt" IS NULL OR r."endsAt" > ?)${scope}
      ORDER BY s."code", r."role", r."office", m."slug", r."personId"`,
    ...params,
  );
}

/** Whether this person sees (or has asked to see) member contacts: an acknowledged agreement, a request or a grant. */
export function seesContacts(store: Store, personId: number): boolean {
  return (
    one(
      store,
      `SELECT 1 AS x WHERE EXISTS (SELECT 1 FROM "ContactAgreementAck" WHERE "personId" = ?)
          OR EXISTS (SELECT 1 FROM "ContactRequest" WHERE "requesterId" = ? AND "status" IN ('pending', 'approved'))
          OR EXISTS (SELECT 1 FROM "ContactGrant" WHERE "granteeId" = ? AND "revokedAt" IS NULL)`,
      personId, personId, personId,
    ) !== undefined
  );
}

// ---- Certificates ---------------------------------------------------------------------------------

export interface TrainingCertificateRow {
  code: string;
  personId: number;
  moduleId: number;
  moduleVersion: number;
  moduleTitle: string;
  completedAt: string;
}

// No look-alike characters (0/O, 1/I/L), so a code read off paper is typed right.
const CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

function newCertificateCode(): string {
  const bytes = crypto.randomBytes(10);
  return Array.from(bytes, (b) => CODE_ALPHABET[b % CODE_ALPHABET.length]).join("");
}

/** A code as people may type it: "abcd-efgh-23", spaces and dashes ignored, any case. */
export function normalizeCertificateCode(typed: string): string {
  return typed.toUpperCase().replace(/[\s-]+/g, "");
}

/** Records the certificate of a completion and returns it (call in the completion's transaction). */
export function issueCertificate(store: Store, c: Omit<TrainingCertificateRow, "code" | "completedAt">, at: Date): TrainingCertificateRow {
  for (;;) {
    const code = newCertificateCode();
    if (one(store, `SELECT 1 AS "x" FROM "TrainingCertificate" WHERE "code" = ?`, code)) continue;
    const row = { ...c, code, completedAt: dbTime(at) };
    run(store, `INSERT INTO "TrainingCertificate" ("code", "personId", "moduleId", "moduleVersion", "moduleTitle", "completedAt") VALUES (?, ?, ?, ?, ?, ?)`, row.code, row.personId, row.moduleId, row.moduleVersion, row.moduleTitle, row.completedAt);
    return row;
  }
}

export function certificateByCode(store: Store, typed: string): TrainingCertificateRow | undefined {
  const code = normalizeCertificateCode(typed);
  if (!/^[A-Z0-9]{10}$/.test(code)) return undefined;
  return one<TrainingCertificateRow>(store, `SELECT * FROM "TrainingCertificate" WHERE "code" = ?`, code);
}
