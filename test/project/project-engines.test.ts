// The project area's queries and writes on both engines (db/project.ts, db/project-drafts.ts,
// db/project-amend.ts, db/project-translations.ts), on SQLite and on a real PostgreSQL the test
// starts itself: an update and one delivery job per follower in one transaction, a preview
// published once, a correction kept as a revision with its notices, a withdrawal, translations
// and questions.
import { beforeAll, expect, it } from "vitest";
import { data, transaction, type Db } from "../../db/data.ts";
import { correctUpdate, updateRevisions, withdrawUpdate } from "../../db/project-amend.ts";
import { draftById, publishDraft, saveDraft } from "../../db/project-drafts.ts";
import { saveTranslation, translationsOf } from "../../db/project-translations.ts";
import {
  activeSubscriptions,
  addQuestion,
  answerQuestion,
  changeMilestone,
  lastChange,
  latestUpdates,
  milestoneByKey,
  milestones,
  publishedQuestions,
  publishQuestion,
  publishUpdate,
  questionById,
  subscribe,
  unansweredQuestions,
  unsubscribe,
  updateById,
  updateCount,
} from "../../db/project.ts";
import type { Store } from "../../db/store.ts";
import { describeOnBothEngines } from "../helpers/both-engines.ts";

const zone = "America/Los_Angeles";

describeOnBothEngines("project records", ({ skip, store: opened }) => {
  let store: Store;
  let db: Db;
  // After the timeline's seeded rows (30 November), so the page's last change is these writes'.
  const now = new Date("2026-12-05T18:00:00.000Z");
  const later = new Date("2026-12-06T18:00:00.000Z");
  const text = { details: null, phase: 1, milestoneKey: null, gradeLevel: 3, authorId: 5 };
  const jobs = (prefix: string) => db.all<{ kind: string; personId: number | null; channelId: string | null; status: string }>(`SELECT "kind", "personId", "channelId", "status" FROM "ScheduledJob" WHERE "idempotencyKey" LIKE ? ORDER BY "id"`, `${prefix}%`);

  beforeAll(async () => {
    if (skip) return;
    store = opened();
    db = data(store);
  }, 120_000);

  it.skipIf(skip)("keeps one subscription per channel or person, and ends it once", async () => {
    const channel = { platform: "slack" as const, workspaceId: "T1", channelId: "C1" };
    const first = await transaction(store, (tx) => subscribe(tx, channel, 1, now));
    expect(first.created).toBe(true);
    expect(await transaction(store, (tx) => subscribe(tx, channel, 2, now))).toEqual({ id: first.id, created: false });
    expect((await transaction(store, (tx) => subscribe(tx, { personId: 7 }, 7, now))).created).toBe(true);
    expect((await transaction(store, (tx) => subscribe(tx, { personId: 8 }, 8, now))).created).toBe(true);
    expect(await unsubscribe(db, { personId: 8 }, now)).toBe(true);
    expect(await unsubscribe(db, { personId: 8 }, now)).toBe(false);
    expect((await activeSubscriptions(db)).map((s) => [s.personId, s.channelId])).toEqual([[null, "C1"], [7, null]]);
  });

  it.skipIf(skip)("publishes an update with one delivery job per follower, all or nothing", async () => {
    expect(await updateCount(db)).toBe(0);
    expect(new Date(await lastChange(db)).getTime()).toBeLessThan(now.getTime());
    const out = await publishUpdate(store, { ...text, title: "Vendor chosen", summary: "We picked a company.", automatic: false }, now, zone);
    expect(out.followers).toBe(2);
    expect(await jobs(`project.update:${out.id}:`)).toEqual([
      { kind: "project.update", personId: null, channelId: "C1", status: "pending" },
      { kind: "project.update", personId: 7, channelId: null, status: "pending" },
    ]);
    expect(await updateById(db, out.id)).toMatchObject({ title: "Vendor chosen", automatic: 0, revision: 1, language: "en" });
    await expect(transaction(store, async (tx) => {
      const { publishUpdateIn } = await import("../../db/project.ts");
      await publishUpdateIn(tx, store, { ...text, title: "Never posted", summary: "Rolled back." }, now, zone);
      throw new Error("crash");
    })).rejects.toThrow("crash");
    expect(await updateCount(db)).toBe(1);
    expect(new Date(await lastChange(db)).getTime()).toBe(now.getTime());
  });

  it.skipIf(skip)("publishes a preview once, and never one an author replaced", async () => {
    const old = await transaction(store, (tx) => saveDraft(tx, 5, { title: "First try", summary: "Too long.", details: null, phase: null, milestoneKey: null }, now));
    const draft = await transaction(store, (tx) => saveDraft(tx, 5, { title: "Training dates", summary: "Training starts in May.", details: null, phase: 2, milestoneKey: null }, now));
    expect((await draftById(db, old))!.supersededAt).not.toBeNull();
    expect(await transaction(store, (tx) => publishDraft(tx, store, old, 5, 4, later, zone))).toEqual({ ok: false, why: "replaced" });
    expect(await transaction(store, (tx) => publishDraft(tx, store, draft, 6, 4, later, zone))).toEqual({ ok: false, why: "missing" });
    const published = await transaction(store, (tx) => publishDraft(tx, store, draft, 5, 4, later, zone, "es"));
    expect(published).toMatchObject({ ok: true, followers: 2 });
    const id = (published as { id: number }).id;
    expect(await transaction(store, (tx) => publishDraft(tx, store, draft, 5, 4, later, zone))).toEqual({ ok: false, why: "published", updateId: id });
    expect((await latestUpdates(db, 10)).map((u) => [u.title, u.language])).toEqual([["Training dates", "es"], ["Vendor chosen", "en"]]);
  });

  it.skipIf(skip)("keeps translations beside the original, and a correction tells followers and translators once", async () => {
    const [u] = await latestUpdates(db, 1, 1);
    expect(await transaction(store, (tx) => saveTranslation(tx, { updateId: u!.id, language: "es", title: "Proveedor elegido", summary: "Elegimos una empresa.", details: null, createdById: 9 }, now))).toBe("added");
    expect(await transaction(store, (tx) => saveTranslation(tx, { updateId: u!.id, language: "es", title: "Proveedor elegido", summary: "Elegimos una empresa para ayudar.", details: null, createdById: 9 }, now))).toBe("replaced");
    expect((await translationsOf(db, [u!.id, 999])).map((t) => [t.language, t.summary])).toEqual([["es", "Elegimos una empresa para ayudar."]]);
    // The channel's copy was sent: the correction edits it in place.
    await db.run(`UPDATE "ScheduledJob" SET "status" = 'sent', "messageId" = 'M1' WHERE "idempotencyKey" LIKE ? AND "channelId" = 'C1'`, `project.update:${u!.id}:%`);
    const stale = await transaction(store, (tx) => correctUpdate(tx, store, u!.id, 2, { ...text, title: "Vendor chosen", summary: "Wrong revision." }, "typo", 5, later, zone));
    expect(stale).toEqual({ ok: false, why: "stale" });
    const fixed = await transaction(store, (tx) => correctUpdate(tx, store, u!.id, 1, { ...text, title: "Vendor chosen", summary: "We picked a company to help us." }, "typo", 5, later, zone));
    expect(fixed).toEqual({ ok: true, revision: 2, told: 1, translations: 1 });
    expect(await jobs(`project.amend:${u!.id}:`)).toEqual([{ kind: "project.amend", personId: null, channelId: "C1", status: "pending" }]);
    expect(await jobs(`project.translation.behind:${u!.id}:`)).toEqual([{ kind: "project.translation.behind", personId: 9, channelId: null, status: "pending" }]);
    expect((await updateRevisions(db, u!.id)).map((r) => [r.revision, r.summary])).toEqual([[1, "We picked a company."]]);
    expect(await transaction(store, (tx) => withdrawUpdate(tx, store, u!.id, "Posted by mistake.", 5, later, zone))).toMatchObject({ ok: true, revision: 2, told: 1 });
    expect(await transaction(store, (tx) => withdrawUpdate(tx, store, u!.id, "again", 5, later, zone))).toEqual({ ok: false, why: "withdrawn" });
    expect(await updateCount(db)).toBe(1);
  });

  it.skipIf(skip)("moves a milestone, and answers and publishes a question once", async () => {
    const all = await milestones(db);
    expect(all.length).toBeGreaterThan(0);
    const key = all[0]!.key;
    const before = await transaction(store, (tx) => changeMilestone(tx, key, { status: "at_risk", targetDate: "2027-03-01", doneOn: null }, later));
    expect(before!.key).toBe(key);
    expect(await milestoneByKey(db, key)).toMatchObject({ status: "at_risk", targetDate: "2027-03-01" });
    expect(await transaction(store, (tx) => changeMilestone(tx, "no_such_step", { status: "done", targetDate: null, doneOn: null }, later))).toBeUndefined();
    const q = await addQuestion(db, { askerId: 3, anonymous: true, question: "Will my records be safe?" }, now);
    expect(await questionById(db, q)).toMatchObject({ anonymous: 1, answer: null });
    expect(await publishQuestion(db, q, later)).toBe(false);
    expect((await unansweredQuestions(db)).map((x) => x.id)).toEqual([q]);
    expect(await answerQuestion(db, q, "Yes.", 5, later)).toBe(true);
    expect(await answerQuestion(db, q, "Again.", 6, later)).toBe(false);
    expect(await publishQuestion(db, q, later)).toBe(true);
    expect(await publishQuestion(db, q, later)).toBe(false);
    expect((await publishedQuestions(db)).map((x) => [x.id, x.answer])).toEqual([[q, "Yes."]]);
    expect(new Date(await lastChange(db)).getTime()).toBe(later.getTime());
  });
});
