// Training modules, their lessons and each person's progress, on the asynchronous data layer
// (either engine). Every read is a statement prepared once per connection; every multi-step write
// is one transaction, opened by the caller (`tx`).
import crypto from "node:crypto";
import type { Db, Tx } from "./data.ts";
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

export async function listModules(db: Db): Promise<TrainingModuleRow[]> {
  return db.all<TrainingModuleRow>(`SELECT ${MODULE_COLUMNS} FROM "TrainingModule" m ORDER BY m."title", m."id"`);
}

export async function moduleBySlug(db: Db, slug: string): Promise<TrainingModuleRow | undefined> {
  return db.one<TrainingModuleRow>(`SELECT ${MODULE_COLUMNS} FROM "TrainingModule" m WHERE m."slug" = ?`, slug.toLowerCase());
}

export async function moduleById(db: Db, id: number): Promise<TrainingModuleRow | undefined> {
  return db.one<TrainingModuleRow>(`SELECT ${MODULE_COLUMNS} FROM "TrainingModule" m WHERE m."id" = ?`, id);
}

export async function lessonAt(db: Db, moduleId: number, position: number): Promise<TrainingLessonRow | undefined> {
  const r = await db.one<Omit<TrainingLessonRow, "questions"> & { questions: string }>(`SELECT * FROM "TrainingLesson" WHERE "moduleId" = ? AND "position" = ?`, moduleId, position);
  return r ? { ...r, questions: JSON.parse(r.questions) as TrainingQuestion[] } : undefined;
}

/**
 * Adds a module or replaces one with the same slug, lessons and all, in one transaction. Changed
 * lessons raise the version, so progress made on the old lessons starts again; unchanged content
 * (the same hash) changes nothing. Returns what happened.
 */
export async function saveModule(tx: Tx, m: ModuleInput, now: Date): Promise<"added" | "updated" | "unchanged"> {
  const cur = await tx.one<{ id: number; contentHash: string }>(`SELECT "id", "contentHash" FROM "TrainingModule" WHERE "slug" = ?`, m.slug);
  if (cur && cur.contentHash === m.contentHash) return "unchanged";
  let id: number;
  if (cur) {
    id = cur.id;
    await tx.run(
      `UPDATE "TrainingModule" SET "title" = ?, "summary" = ?, "requiredFor" = ?, "language" = ?, "translationOf" = ?, "importPath" = ?, "contentHash" = ?, "version" = "version" + 1, "updatedAt" = ? WHERE "id" = ?`,
      m.title, m.summary, m.requiredFor.join(" "), m.language, m.translationOf ?? null, m.importPath, m.contentHash, now, id,
    );
    await tx.run(`DELETE FROM "TrainingLesson" WHERE "moduleId" = ?`, id);
  } else {
    const made = await tx.one<{ id: number }>(
      `INSERT INTO "TrainingModule" ("slug", "title", "summary", "requiredFor", "language", "translationOf", "importPath", "contentHash", "createdAt", "updatedAt") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING "id"`,
      m.slug, m.title, m.summary, m.requiredFor.join(" "), m.language, m.translationOf ?? null, m.importPath, m.contentHash, now, now,
    );
    id = made!.id;
  }
  for (const [i, l] of m.lessons.entries()) {
    await tx.run(`INSERT INTO "TrainingLesson" ("moduleId", "position", "title", "body", "kbDocumentId", "questions") VALUES (?, ?, ?, ?, ?, ?)`, id, i, l.title, l.body, l.kbDocumentId, JSON.stringify(l.questions));
  }
  return cur ? "updated" : "added";
}

export async function progressOf(db: Db, personId: number, moduleId: number): Promise<TrainingProgressRow | undefined> {
  return db.one<TrainingProgressRow>(`SELECT * FROM "TrainingProgress" WHERE "personId" = ? AND "moduleId" = ?`, personId, moduleId);
}

export async function progressFor(db: Db, personId: number): Promise<TrainingProgressRow[]> {
  return db.all<TrainingProgressRow>(`SELECT * FROM "TrainingProgress" WHERE "personId" = ? ORDER BY "updatedAt" DESC, "id" DESC`, personId);
}

/** The module this person worked on last and has not finished. */
export async function currentProgress(db: Db, personId: number): Promise<TrainingProgressRow | undefined> {
  return db.one<TrainingProgressRow>(`SELECT * FROM "TrainingProgress" WHERE "personId" = ? AND "completedAt" IS NULL ORDER BY "updatedAt" DESC, "id" DESC LIMIT 1`, personId);
}

/** Starts (or, after the module changed, restarts) a person's progress; keeps a finished one. */
export async function startProgress(tx: Tx, personId: number, mod: Pick<TrainingModuleRow, "id" | "version">, now: Date): Promise<TrainingProgressRow> {
  const cur = await progressOf(tx, personId, mod.id);
  if (!cur) {
    // Two first clicks at once on PostgreSQL: the (person, module) key keeps one row, the other click updates it.
    await tx.run(
      `INSERT INTO "TrainingProgress" ("personId", "moduleId", "moduleVersion", "startedAt", "updatedAt") VALUES (?, ?, ?, ?, ?) ON CONFLICT ("personId", "moduleId") DO UPDATE SET "updatedAt" = excluded."updatedAt"`,
      personId, mod.id, mod.version, now, now,
    );
  } else if (cur.completedAt === null && cur.moduleVersion !== mod.version) {
    await tx.run(`UPDATE "TrainingProgress" SET "moduleVersion" = ?, "lesson" = 0, "question" = 0, "updatedAt" = ? WHERE "id" = ?`, mod.version, now, cur.id);
  } else {
    await tx.run(`UPDATE "TrainingProgress" SET "updatedAt" = ? WHERE "id" = ?`, now, cur.id);
  }
  return (await progressOf(tx, personId, mod.id))!;
}

/**
 * Moves a person on only from where they are (lesson/question as shown on the button they
 * clicked): a stale or repeated click changes nothing. Returns whether it moved.
 */
export async function advanceProgress(db: Db, id: number, from: { lesson: number; question: number }, to: { lesson: number; question: number } | "done", now: Date): Promise<boolean> {
  if (to === "done")
    return (await db.run(`UPDATE "TrainingProgress" SET "completedAt" = ?, "updatedAt" = ? WHERE "id" = ? AND "lesson" = ? AND "question" = ? AND "completedAt" IS NULL`, now, now, id, from.lesson, from.question)).changes === 1;
  return (
    (await db.run(`UPDATE "TrainingProgress" SET "lesson" = ?, "question" = ?, "updatedAt" = ? WHERE "id" = ? AND "lesson" = ? AND "question" = ? AND "completedAt" IS NULL`, to.lesson, to.question, now, id, from.lesson, from.question))
      .changes === 1
  );
}

export async function countWrongAnswer(db: Db, id: number, now: Date): Promise<void> {
  await db.run(`UPDATE "TrainingProgress" SET "wrongAnswers" = "wrongAnswers" + 1, "updatedAt" = ? WHERE "id" = ?`, now, id);
}

export async function completedModuleIds(db: Db, personId: number): Promise<Set<number>> {
  const rows = await db.all<{ moduleId: number }>(`SELECT "moduleId" FROM "TrainingProgress" WHERE "personId" = ? AND "completedAt" IS NOT NULL`, personId);
  return new Set(rows.map((r) => r.moduleId));
}

export async function remindersStopped(db: Db, personId: number): Promise<boolean> {
  return (await db.one(`SELECT 1 AS "x" FROM "TrainingReminderStop" WHERE "personId" = ?`, personId)) !== undefined;
}

export async function stopReminders(db: Db, personId: number, now: Date): Promise<boolean> {
  return (await db.run(`INSERT INTO "TrainingReminderStop" ("personId", "stoppedAt") VALUES (?, ?) ON CONFLICT ("personId") DO NOTHING`, personId, now)).changes === 1;
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
 * language (null: not completed). Optionally one sub-local. In one order on both engines: people
 * of no sub-local and roles without an office first (PostgreSQL would put NULLs last, SQLite first),
 * so the report lists, and cuts at its limit, the same rows.
 */
export async function completionByRole(db: Db, at: Date, subLocalCode?: string): Promise<CompletionRow[]> {
  const scope = subLocalCode ? ` AND s."code" = ?` : "";
  const params: unknown[] = [at, at];
  if (subLocalCode) params.push(subLocalCode);
  return db.all<CompletionRow>(
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
      ORDER BY s."code" NULLS FIRST, r."role", r."office" NULLS FIRST, m."slug", r."personId"`,
    ...params,
  );
}

/** Whether this person sees (or has asked to see) member contacts: an acknowledged agreement, a request or a grant. */
export async function seesContacts(db: Db, personId: number): Promise<boolean> {
  return (
    (await db.one(
      `SELECT 1 AS "x" WHERE EXISTS (SELECT 1 FROM "ContactAgreementAck" WHERE "personId" = ?)
          OR EXISTS (SELECT 1 FROM "ContactRequest" WHERE "requesterId" = ? AND "status" IN ('pending', 'approved'))
          OR EXISTS (SELECT 1 FROM "ContactGrant" WHERE "granteeId" = ? AND "revokedAt" IS NULL)`,
      personId, personId, personId,
    )) !== undefined
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
export async function issueCertificate(tx: Tx, c: Omit<TrainingCertificateRow, "code" | "completedAt">, at: Date): Promise<TrainingCertificateRow> {
  for (;;) {
    const code = newCertificateCode();
    // A code already taken (one in 31^10) is drawn again; the primary key refuses a duplicate either way.
    const made = await tx.run(
      `INSERT INTO "TrainingCertificate" ("code", "personId", "moduleId", "moduleVersion", "moduleTitle", "completedAt") VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT ("code") DO NOTHING`,
      code, c.personId, c.moduleId, c.moduleVersion, c.moduleTitle, at,
    );
    if (made.changes === 1) return { ...c, code, completedAt: dbTime(at) };
  }
}

export async function certificateByCode(db: Db, typed: string): Promise<TrainingCertificateRow | undefined> {
  const code = normalizeCertificateCode(typed);
  if (!/^[A-Z0-9]{10}$/.test(code)) return undefined;
  return db.one<TrainingCertificateRow>(`SELECT * FROM "TrainingCertificate" WHERE "code" = ?`, code);
}
