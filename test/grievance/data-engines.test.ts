// The grievance history's statements on both engines (SQLite and a real PostgreSQL): a case's
// history a page at a time, newest page first and each page oldest first, notes only for those
// who may read them, the counts of all and of earlier entries, and a forged "before" that reads
// the latest page instead of failing.
import { expect, it } from "vitest";
import { data } from "../../db/data.ts";
import { historyPage } from "../../db/grievance-history.ts";
import { describeOnBothEngines } from "../helpers/both-engines.ts";

const at = (minute: number) => new Date(Date.UTC(2026, 10, 2, 17, minute));

describeOnBothEngines("grievance history", ({ skip, store }) => {
  it.skipIf(skip)("pages of a case's history, with and without notes", async () => {
    const db = data(store());
    const person = (await db.one<{ id: number }>(`INSERT INTO "Person" ("memberNumber", "firstName", "lastName", "updatedAt") VALUES ('500001', 'Ana', 'Reyes', ?) RETURNING "id"`, at(0)))!.id;
    const contract = (await db.one<{ id: number }>(`INSERT INTO "GrievanceContract" ("code", "name", "rules", "updatedAt") VALUES ('STATE', 'State', '{}', ?) RETURNING "id"`, at(0)))!.id;
    const grievance = async (ref: string) =>
      (await db.one<{ id: number }>(
        `INSERT INTO "Grievance" ("ref", "year", "seq", "grievantId", "subLocalCode", "employer", "contractId", "articles", "article", "category", "incidentDate", "learnedDate", "narrative", "remedy", "stepNo", "stepStartedOn", "filedOn", "filedMonth", "createdById", "updatedAt")
         VALUES (?, 2026, ?, ?, 'SL-083', 'DHS', ?, '12', '12', 'discipline', '2026-11-01', '2026-11-01', 'x', 'y', 1, '2026-11-02', '2026-11-02', '2026-11', ?, ?) RETURNING "id"`,
        ref, Number(ref.slice(-1)), person, contract, person, at(0),
      ))!.id;
    const [g, other] = [await grievance("G-2026-0001"), await grievance("G-2026-0002")];
    // 20 entries: every third a note (kinds: filed, then note / advanced alternating).
    for (let i = 0; i < 20; i++) {
      const kind = i === 0 ? "filed" : i % 3 === 0 ? "note" : "advanced";
      await db.run(`INSERT INTO "GrievanceEvent" ("grievanceId", "at", "actorId", "kind", "stepNo", "text", "details") VALUES (?, ?, ?, ?, 1, ?, ?)`, g, at(i), person, kind, kind === "note" ? `note ${i}` : null, JSON.stringify({ i }));
    }
    await db.run(`INSERT INTO "GrievanceEvent" ("grievanceId", "at", "actorId", "kind", "stepNo", "details") VALUES (?, ?, NULL, 'filed', 1, '{}')`, other, at(30));

    const latest = await historyPage(db, g, { limit: 5, withNotes: true });
    expect(latest.rows.map((r) => JSON.parse(r.details).i)).toEqual([15, 16, 17, 18, 19]);
    expect(latest).toMatchObject({ total: 20, earlier: 15 });
    expect(latest.rows[0]).toMatchObject({ grievanceId: g, actorId: person, kind: "note", stepNo: 1, text: "note 15" });
    expect(new Date(latest.rows[0]!.at)).toEqual(at(15));

    const before = await historyPage(db, g, { limit: 5, beforeId: latest.rows[0]!.id, withNotes: true });
    expect(before.rows.map((r) => JSON.parse(r.details).i)).toEqual([10, 11, 12, 13, 14]);
    expect(before).toMatchObject({ total: 20, earlier: 10 });

    const members = await historyPage(db, g, { limit: 5, withNotes: false });
    expect(members.rows.map((r) => r.kind)).not.toContain("note");
    expect(members.rows.map((r) => JSON.parse(r.details).i)).toEqual([13, 14, 16, 17, 19]);
    expect(members).toMatchObject({ total: 14, earlier: 9 });

    const first = await historyPage(db, g, { limit: 5, beforeId: (await historyPage(db, g, { limit: 20, withNotes: true })).rows[1]!.id, withNotes: true });
    expect(first.rows.map((r) => r.kind)).toEqual(["filed"]);
    expect(first.earlier).toBe(0);
    expect(await historyPage(db, g, { limit: 5, beforeId: first.rows[0]!.id, withNotes: true })).toEqual({ rows: [], total: 20, earlier: 0 });
    expect((await historyPage(db, g, { limit: 5, beforeId: Number.MAX_SAFE_INTEGER, withNotes: true })).rows.map((r) => r.id)).toEqual(latest.rows.map((r) => r.id));
    expect(await historyPage(db, 999_999, { limit: 5, withNotes: true })).toEqual({ rows: [], total: 0, earlier: 0 });
  });
});
