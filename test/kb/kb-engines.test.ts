// The knowledge base's own queries and writes on both engines (db/kb.ts, db/kb-access.ts,
// db/kb-sublocals.ts), on SQLite and on a real PostgreSQL the test starts itself: a document and
// its search row written in one transaction, a translation taking its original's audience, an
// edit keeping a version and carrying the audience, the one access rule on every read, a review
// decided once, and the review job scheduled in the same transaction.
import { beforeAll, expect, it } from "vitest";
import { contentHashOf, indexTextOf } from "../../commands/kb/content.ts";
import { audienceRank, type Audience } from "../../commands/kb/rules.ts";
import { parseQuery } from "../../commands/kb/text.ts";
import { data, transaction, type Db } from "../../db/data.ts";
import { scheduleJobNowIn } from "../../db/jobs.ts";
import {
  addDocument,
  decideReview,
  documentByImportId,
  editDocument,
  lastSaved,
  searchDocuments,
  translationProblem,
  translationsOfDocument,
  versionsOfItems,
  type KbViewer,
} from "../../db/kb.ts";
import { editableDocument, languageVersions, mayChange, recentDocuments, reviewsDueFor, staleDocuments, subLocalDocuments, titlesLike, versionsOf, visibleDocument } from "../../db/kb-access.ts";
import { subLocalCodeById, subLocalIdByCode } from "../../db/kb-sublocals.ts";
import type { Store } from "../../db/store.ts";
import { describeOnBothEngines } from "../helpers/both-engines.ts";

describeOnBothEngines("knowledge base", ({ skip, store: opened }) => {
  let store: Store;
  let db: Db;
  let sl083: number;
  let sl390: number;
  const now = new Date("2026-11-01T12:00:00.000Z");
  const base = { personId: null, subLocalIds: [] as number[], seesAllSubLocals: false, editsAll: false, editsSubLocalIds: [] as number[] };
  const member = (): KbViewer => ({ ...base, audienceRank: audienceRank("members"), subLocalIds: [sl390] });
  const officer = (): KbViewer => ({ ...base, personId: 7, audienceRank: audienceRank("officers"), subLocalIds: [sl083], editsSubLocalIds: [sl083] });
  const staff: KbViewer = { ...base, personId: 9, audienceRank: audienceRank("staff"), seesAllSubLocals: true, editsAll: true };

  const input = (d: { title: string; body: string; audience?: Audience; subLocalId?: number | null; ownerId?: number | null; reviewBy?: string; language?: string; translationOf?: number | null; importId?: string }) => {
    const audience = d.audience ?? "members";
    const doc = {
      title: d.title, body: d.body, kind: "officer_guide", audience, audienceRank: audienceRank(audience), subLocalId: d.subLocalId ?? null, ownerId: d.ownerId ?? null,
      reviewBy: d.reviewBy ?? "2027-11-01", language: d.language ?? "en", translationOf: d.translationOf ?? null, tags: "", sourceLink: null, file: null, importId: d.importId ?? null,
    };
    return { doc: { ...doc, contentHash: contentHashOf({ ...doc, fileHash: null }) }, ix: indexTextOf(doc) };
  };
  const add = (d: Parameters<typeof input>[0]) => {
    const { doc, ix } = input(d);
    return transaction(store, (tx) => addDocument(tx, doc, ix, now));
  };
  const search = async (q: string, v: KbViewer) => {
    const { match, tokens } = parseQuery(q);
    return searchDocuments(db, { match: match!, tokens }, v, { limit: 10, offset: 0 });
  };
  const titles = (rows: readonly { title: string }[]) => rows.map((r) => r.title).sort();

  let guide: number;
  let budget: number;
  let budgetEs: number;

  beforeAll(async () => {
    if (skip) return;
    store = opened();
    db = data(store);
    for (const code of ["SL-083", "SL-390"]) await db.run(`INSERT INTO "SubLocal" ("code", "name", "createdAt") VALUES (?, ?, ?)`, code, `Sub-local ${code}`, now);
    sl083 = (await subLocalIdByCode(db, "sl-083"))!;
    sl390 = (await subLocalIdByCode(db, "SL-390"))!;
    guide = await add({ title: "Steward guide to filing a grievance", body: "File within 30 days. Bring the timeline.", audience: "everyone", ownerId: 9, reviewBy: "2026-10-01", importId: "steward-guide" });
    budget = await add({ title: "Officers' budget notes", body: "Budget for grievance training.", audience: "officers", subLocalId: sl083, ownerId: 7, reviewBy: "2026-10-15" });
    // Given the widest audience and no sub-local: it takes its original's.
    budgetEs = await add({ title: "Notas de presupuesto", body: "Presupuesto para capacitación.", audience: "everyone", subLocalId: null, language: "es", translationOf: budget });
  }, 120_000);

  it.skipIf(skip)("reads sub-locals by code and id", async () => {
    expect(await subLocalCodeById(db, sl083)).toBe("SL-083");
    expect(await subLocalIdByCode(db, "SL-999")).toBeUndefined();
  });

  it.skipIf(skip)("adds a document with its search row, and a translation with its original's audience", async () => {
    expect((await documentByImportId(db, "steward-guide"))?.id).toBe(guide);
    expect(await db.one(`SELECT "audience", "audienceRank", "subLocalId", "translationOf", "needsUpdate" FROM "KbDocument" WHERE "id" = ?`, budgetEs)).toEqual({
      audience: "officers", audienceRank: audienceRank("officers"), subLocalId: sl083, translationOf: budget, needsUpdate: 0,
    });
    expect(titles((await search("grievance", staff)).hits)).toEqual(["Officers' budget notes", "Steward guide to filing a grievance"]);
    expect((await search("presupuesto", officer())).hits.map((h) => [h.id, h.family])).toEqual([[budgetEs, budget]]);
    expect(await translationProblem(db, budget, "es")).toBe("taken");
    expect(await translationProblem(db, budget, "en")).toBe("originalLanguage");
    expect(await translationProblem(db, budgetEs, "ru")).toBe("isTranslation");
    expect(await translationProblem(db, 999_999, "ru")).toBe("missing");
    expect(await translationProblem(db, budget, "ru")).toBeNull();
    expect((await translationsOfDocument(db, budget)).map((d) => d.id)).toEqual([budgetEs]);
  });

  it.skipIf(skip)("applies the one access rule on every read: hidden reads as missing, even in a count or a search", async () => {
    expect(await visibleDocument(db, guide, member())).toMatchObject({ id: guide });
    expect(await visibleDocument(db, budget, member())).toBeUndefined();
    expect(await visibleDocument(db, budgetEs, member())).toBeUndefined();
    expect(await visibleDocument(db, budgetEs, officer())).toMatchObject({ id: budgetEs });
    expect((await search("budget", member())).total).toBe(0);
    expect(await editableDocument(db, budget, officer())).toMatchObject({ id: budget });
    expect(await editableDocument(db, guide, officer())).toBeUndefined();
    expect(await mayChange(db, guide, staff)).toBe(true);
    expect((await titlesLike(db, "BUDGET", officer())).map((d) => d.id)).toEqual([budget]);
    expect(await titlesLike(db, "100%_", staff)).toEqual([]);
    expect(titles(await recentDocuments(db, member()))).toEqual(["Steward guide to filing a grievance"]);
    expect(titles(await staleDocuments(db, "2026-10-20", officer()))).toEqual(["Officers' budget notes", "Steward guide to filing a grievance"]);
    expect(titles(await reviewsDueFor(db, officer(), "2026-10-20"))).toEqual(["Officers' budget notes"]);
    expect(await subLocalDocuments(db, sl083, officer())).toMatchObject({ total: 2 });
    expect(await subLocalDocuments(db, sl083, member())).toEqual({ docs: [], total: 0 });
    expect((await languageVersions(db, budgetEs, officer())).map((d) => d.id)).toEqual([budget, budgetEs]);
    expect(await languageVersions(db, budgetEs, member())).toEqual([]);
    expect((await versionsOfItems(db, [guide, budget], member())).map((d) => d.id)).toEqual([guide]);
  });

  it.skipIf(skip)("edits keep the previous version, carry the audience to translations, and refuse who may not", async () => {
    const { doc, ix } = input({ title: "Officers' budget notes", body: "Budget for grievance training, revised.", audience: "staff", subLocalId: sl083, ownerId: 7 });
    expect(await transaction(store, (tx) => editDocument(tx, budget, { viewer: member() }, doc, ix, null, now))).toBeNull();
    const later = new Date("2026-11-02T12:00:00.000Z");
    const row = await transaction(store, (tx) => editDocument(tx, budget, { viewer: staff }, doc, ix, 9, later));
    expect(row).toMatchObject({ id: budget, version: 2, audience: "staff", body: "Budget for grievance training, revised." });
    expect((await db.one<{ audience: string }>(`SELECT "audience" FROM "KbDocument" WHERE "id" = ?`, budgetEs))!.audience).toBe("staff");
    expect((await versionsOf(db, budget, staff)).map((v) => [v.version, v.body, v.editedById])).toEqual([[1, "Budget for grievance training.", 9]]);
    // The officer could see the version then, but not the document now.
    expect(await versionsOf(db, budget, officer())).toEqual([]);
    expect((await search("revised", staff)).hits.map((h) => h.id)).toEqual([budget]);
    expect((await search("revised", officer())).hits).toEqual([]);
    const saved = await lastSaved(db, [budget, budgetEs]);
    expect(new Date(saved.get(budget)!).getTime()).toBe(later.getTime());
    expect(new Date(saved.get(budgetEs)!).getTime()).toBe(now.getTime());
  });

  it.skipIf(skip)("decides a review once, with its next review job in the same transaction", async () => {
    const decide = (v: KbViewer, decision: "correct" | "update") =>
      transaction(store, async (tx) => {
        const out = await decideReview(tx, guide, v, { reviewFor: "2026-10-01", decision, next: "2027-11-01", byId: v.personId!, now });
        if (out.ok) await scheduleJobNowIn(tx, store, { kind: "kb.review", target: { personId: 9 }, payload: { documentId: guide }, dueAt: now, idempotencyKey: `kb.review:${guide}:2027-11-01` });
        return out;
      });
    expect(await decide(officer(), "update")).toEqual({ ok: false, decided: null });
    expect(await decide(staff, "update")).toEqual({ ok: true });
    expect(await decide(staff, "correct")).toMatchObject({ ok: false, decided: { byId: 9, decision: "update" } });
    expect(await db.one(`SELECT "needsUpdate", "reviewBy" FROM "KbDocument" WHERE "id" = ?`, guide)).toEqual({ needsUpdate: 1, reviewBy: "2026-10-01" });
    expect(await db.all(`SELECT "kind", "status" FROM "ScheduledJob" WHERE "idempotencyKey" = ?`, `kb.review:${guide}:2027-11-01`)).toEqual([{ kind: "kb.review", status: "pending" }]);
    // A write that fails part-way leaves nothing: not the document, not its search row.
    const { doc, ix } = input({ title: "Half written", body: "Never saved." });
    await expect(transaction(store, async (tx) => {
      await addDocument(tx, doc, ix, now);
      throw new Error("crash");
    })).rejects.toThrow("crash");
    expect((await search("never saved", staff)).hits).toEqual([]);
    expect(await db.one(`SELECT count(*) AS "n" FROM "KbDocument" WHERE "title" = ?`, "Half written")).toEqual({ n: 0 });
  });
});
