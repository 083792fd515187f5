// The training area's statements on both engines (SQLite and a real PostgreSQL): modules saved
// whole and versioned, lessons with their questions, progress started, moved only from where it
// is, finished with its certificate, reminders stopped once, who must see contacts, and the
// completion report's rows by role.
import { expect, it } from "vitest";
import { data, transaction, type Db } from "../../db/data.ts";
import {
  advanceProgress,
  certificateByCode,
  completedModuleIds,
  completionByRole,
  countWrongAnswer,
  currentProgress,
  issueCertificate,
  lessonAt,
  listModules,
  moduleById,
  moduleBySlug,
  progressFor,
  remindersStopped,
  saveModule,
  seesContacts,
  startProgress,
  stopReminders,
  type ModuleInput,
} from "../../db/training.ts";
import { describeOnBothEngines } from "../helpers/both-engines.ts";

const at = (d: number) => new Date(Date.UTC(2026, 10, d, 17));
const q = { ask: "Where do you stand?", choices: ["In the road", "On the sidewalk"], answer: 1, why: "Safety." };
const picket = (hash: string, lessons = 2): ModuleInput => ({
  slug: "picket-safety",
  title: "Picket safety",
  summary: "Staying safe",
  requiredFor: ["steward", "sublocal_officer"],
  language: "en",
  importPath: "picket-safety.md",
  contentHash: hash,
  lessons: Array.from({ length: lessons }, (_, i) => ({ title: `Lesson ${i + 1}`, body: "Stay on the sidewalk.", kbDocumentId: null, questions: [q] })),
});

async function person(db: Db, n: string, subLocalId: number | null = null): Promise<number> {
  return (await db.one<{ id: number }>(`INSERT INTO "Person" ("memberNumber", "firstName", "lastName", "subLocalId", "updatedAt") VALUES (?, 'Test', ?, ?, ?) RETURNING "id"`, n, `P${n}`, subLocalId, at(1)))!.id;
}

describeOnBothEngines("training data", ({ skip, store }) => {
  it.skipIf(skip)("a module is saved whole; changed content raises its version, the same content changes nothing", async () => {
    const db = data(store());
    expect(await transaction(store(), (tx) => saveModule(tx, picket("a"), at(1)))).toBe("added");
    expect(await transaction(store(), (tx) => saveModule(tx, { ...picket("es"), slug: "piquete", title: "Seguridad", language: "es", translationOf: "picket-safety", importPath: "piquete.md" }, at(1)))).toBe("added");
    expect(await transaction(store(), (tx) => saveModule(tx, picket("a"), at(2)))).toBe("unchanged");
    const first = (await moduleBySlug(db, "PICKET-SAFETY"))!;
    expect(first).toMatchObject({ slug: "picket-safety", version: 1, lessonCount: 2, requiredFor: "steward sublocal_officer", translationOf: null });
    expect(await transaction(store(), (tx) => saveModule(tx, picket("b", 3), at(3)))).toBe("updated");
    expect(await moduleById(db, first.id)).toMatchObject({ version: 2, lessonCount: 3, contentHash: "b" });
    expect((await listModules(db)).map((m) => [m.slug, m.translationOf])).toEqual([["picket-safety", null], ["piquete", "picket-safety"]]);
    expect(await lessonAt(db, first.id, 2)).toMatchObject({ position: 2, title: "Lesson 3", questions: [q] });
    expect(await lessonAt(db, first.id, 3)).toBeUndefined();
    // A failure part-way keeps the module as it was.
    await expect(
      transaction(store(), async (tx) => {
        await saveModule(tx, picket("c", 1), at(4));
        throw new Error("disk full");
      }),
    ).rejects.toThrow(/disk full/);
    expect(await moduleById(db, first.id)).toMatchObject({ version: 2, lessonCount: 3 });
  });

  it.skipIf(skip)("progress moves only from where it is, finishes once with its certificate; reminders stop once", async () => {
    const db = data(store());
    const mod = (await moduleBySlug(db, "picket-safety"))!;
    const ana = await person(db, "600001");
    const p = await transaction(store(), (tx) => startProgress(tx, ana, mod, at(5)));
    expect(p).toMatchObject({ personId: ana, moduleId: mod.id, moduleVersion: mod.version, lesson: 0, question: 0, wrongAnswers: 0, completedAt: null });
    expect(await transaction(store(), (tx) => startProgress(tx, ana, mod, at(6)))).toMatchObject({ id: p.id, lesson: 0 });
    expect(await advanceProgress(db, p.id, { lesson: 0, question: 0 }, { lesson: 1, question: 0 }, at(6))).toBe(true);
    expect(await advanceProgress(db, p.id, { lesson: 0, question: 0 }, { lesson: 1, question: 0 }, at(6))).toBe(false);
    await countWrongAnswer(db, p.id, at(6));
    expect(await currentProgress(db, ana)).toMatchObject({ id: p.id, lesson: 1, wrongAnswers: 1 });
    // The module changed since it was started: it starts again from the first lesson.
    expect(await transaction(store(), (tx) => startProgress(tx, ana, { id: mod.id, version: mod.version + 1 }, at(7)))).toMatchObject({ lesson: 0, moduleVersion: mod.version + 1 });
    expect(await completedModuleIds(db, ana)).toEqual(new Set());

    const cert = await transaction(store(), async (tx) =>
      (await advanceProgress(tx, p.id, { lesson: 0, question: 0 }, "done", at(8))) ? issueCertificate(tx, { personId: ana, moduleId: mod.id, moduleVersion: mod.version, moduleTitle: mod.title }, at(8)) : undefined,
    );
    expect(cert?.code).toMatch(/^[2-9A-HJKMNP-Z]{10}$/);
    expect(await advanceProgress(db, p.id, { lesson: 0, question: 0 }, "done", at(9))).toBe(false);
    expect(await completedModuleIds(db, ana)).toEqual(new Set([mod.id]));
    expect(await currentProgress(db, ana)).toBeUndefined();
    expect((await progressFor(db, ana))[0]!.completedAt).toBe(cert!.completedAt);
    const typed = `${cert!.code.slice(0, 4).toLowerCase()}-${cert!.code.slice(4)}`;
    expect(await certificateByCode(db, typed)).toMatchObject({ code: cert!.code, personId: ana, moduleTitle: "Picket safety" });
    expect(new Date((await certificateByCode(db, cert!.code))!.completedAt)).toEqual(at(8));
    expect(await certificateByCode(db, "nope")).toBeUndefined();

    expect(await remindersStopped(db, ana)).toBe(false);
    expect(await stopReminders(db, ana, at(9))).toBe(true);
    expect(await stopReminders(db, ana, at(10))).toBe(false);
    expect(await remindersStopped(db, ana)).toBe(true);
  });

  it.skipIf(skip)("who sees contacts, and the completion report by role: any language counts, ended roles and members do not", async () => {
    const db = data(store());
    const sl = (await db.one<{ id: number }>(`INSERT INTO "SubLocal" ("code", "name") VALUES ('SL-083', 'Clinics') RETURNING "id"`))!.id;
    const [ben, cy, dee] = [await person(db, "600011", sl), await person(db, "600012", sl), await person(db, "600013", sl)];
    const role = (personId: number, r: string, endsAt: Date | null = null) =>
      db.run(`INSERT INTO "RoleAssignment" ("personId", "role", "scopeType", "scopeId", "startsAt", "endsAt") VALUES (?, ?, 'sublocal', 'SL-083', ?, ?)`, personId, r, at(1), endsAt);
    await role(ben, "steward");
    await role(cy, "steward", at(3));
    await role(dee, "member");
    const es = (await moduleBySlug(db, "piquete"))!;
    const p = await transaction(store(), (tx) => startProgress(tx, ben, es, at(5)));
    await advanceProgress(db, p.id, { lesson: 0, question: 0 }, "done", at(6));
    const rows = await completionByRole(db, at(10), "SL-083");
    expect(rows).toEqual([{ personId: ben, subLocalCode: "SL-083", role: "steward", office: null, moduleSlug: "picket-safety", completedAt: rows[0]!.completedAt }]);
    expect(new Date(rows[0]!.completedAt!)).toEqual(at(6));
    expect(await completionByRole(db, at(10), "SL-999")).toEqual([]);

    expect(await seesContacts(db, cy)).toBe(false);
    await db.run(`INSERT INTO "ContactAgreementAck" ("personId", "version", "acknowledgedAt", "platform") VALUES (?, 1, ?, 'slack')`, cy, at(2));
    expect(await seesContacts(db, cy)).toBe(true);
  });
});
