// The handoff area's statements on both engines (SQLite and a real PostgreSQL): a sub-local by its
// code, notes written, corrected only by their author, kept for staff only or removed for good,
// listed newest first with staff-only ones for staff alone, the roster names a note mentions, and
// the sub-locals a past officer may still leave notes for.
import { expect, it } from "vitest";
import { data, transaction, type Db } from "../../db/data.ts";
import { addNote, editNote, hasStaffOnlyNotes, noteById, notesFor, officerSubLocals, redactNote, rosterNamesAmong, subLocalRow } from "../../db/handoff.ts";
import { describeOnBothEngines } from "../helpers/both-engines.ts";

const day = (d: number) => new Date(Date.UTC(2026, 11, d, 17));

async function person(db: Db, n: string, first: string, last: string, preferred: string | null = null): Promise<number> {
  const row = await db.one<{ id: number }>(
    `INSERT INTO "Person" ("memberNumber", "firstName", "lastName", "preferredName", "updatedAt") VALUES (?, ?, ?, ?, ?) RETURNING "id"`,
    n, first, last, preferred, day(1),
  );
  return row!.id;
}

describeOnBothEngines("handoff data", ({ skip, store }) => {
  it.skipIf(skip)("notes: written, corrected by their author only, staff-only kept from officers, removed for good", async () => {
    const db = data(store());
    await db.run(`INSERT INTO "SubLocal" ("code", "name", "employerGroup", "region") VALUES ('SL-083', 'Portland clinics', 'health', 'Willamette')`);
    const sl = (await subLocalRow(db, " sl-083 "))!;
    expect(sl).toMatchObject({ code: "SL-083", name: "Portland clinics", employerGroup: "health", region: "Willamette" });
    expect(await subLocalRow(db, "SL-999")).toBeUndefined();
    const [ana, ben] = [await person(db, "700001", "Ana", "Reyes"), await person(db, "700002", "Ben", "Ortiz", "Benny")];

    const open = await transaction(store(), (tx) => addNote(tx, sl.id, ana, "Meet the clinic manager monthly.", day(2)));
    const kept = await transaction(store(), (tx) => addNote(tx, sl.id, ana, "Ben Ortiz asked about his schedule.", day(3), true));
    expect(await hasStaffOnlyNotes(db, sl.id)).toBe(true);
    expect((await notesFor(db, sl.id, { staff: false })).map((n) => n.id)).toEqual([open]);
    const forStaff = await notesFor(db, sl.id, { staff: true });
    expect(forStaff.map((n) => [n.id, n.staffOnly, n.firstName])).toEqual([[kept, 1, "Ana"], [open, 0, "Ana"]]);
    expect(forStaff[0]!.createdAt).toBe(forStaff[0]!.updatedAt);

    expect(await editNote(db, open, ben, "Not Ben's note.", day(4))).toBe(false);
    expect(await editNote(db, open, ana, "Meet the clinic manager every month.", day(4))).toBe(true);
    const edited = (await noteById(db, open))!;
    expect(edited).toMatchObject({ body: "Meet the clinic manager every month.", staffOnly: 0, redactedAt: null });
    expect(new Date(edited.updatedAt)).toEqual(day(4));
    expect(edited.updatedAt).not.toBe(edited.createdAt);

    expect(await redactNote(db, kept, ben, day(5))).toBe(true);
    expect(await redactNote(db, kept, ben, day(6))).toBe(false);
    expect(await noteById(db, kept)).toMatchObject({ body: "", redactedById: ben });
    expect(await hasStaffOnlyNotes(db, sl.id)).toBe(false);
    expect(await editNote(db, kept, ana, "Trying to bring it back.", day(6))).toBe(false);
  });

  it.skipIf(skip)("roster names a note mentions, by first or preferred name, never the author's own", async () => {
    const db = data(store());
    const cy = await person(db, "700011", "Cyrus", "Dunn", "Cy");
    await person(db, "700012", "Dee", "Ellis");
    const pairs = [{ first: "cy", last: "dunn" }, { first: "dee", last: "ellis" }, { first: "nobody", last: "here" }];
    expect(await rosterNamesAmong(db, pairs, 0)).toEqual([{ first: "cy", last: "dunn" }, { first: "dee", last: "ellis" }]);
    expect(await rosterNamesAmong(db, pairs, cy)).toEqual([{ first: "dee", last: "ellis" }]);
  });

  it.skipIf(skip)("a sub-local's officers now, and those whose office ended within the window", async () => {
    const db = data(store());
    const [now, past, old] = [await person(db, "700021", "Eve", "Fox"), await person(db, "700022", "Gus", "Hart"), await person(db, "700023", "Ida", "Jones")];
    const role = (personId: number, scopeId: string, startsAt: Date, endsAt: Date | null, r = "sublocal_officer") =>
      db.run(`INSERT INTO "RoleAssignment" ("personId", "role", "office", "scopeType", "scopeId", "startsAt", "endsAt") VALUES (?, ?, 'president', 'sublocal', ?, ?, ?)`, personId, r, scopeId, startsAt, endsAt);
    await role(now, "SL-390", day(1), null);
    await role(now, "SL-083", day(1), null);
    await role(now, "SL-100", day(1), null, "steward");
    await role(past, "SL-083", day(1), day(10));
    await role(old, "SL-083", day(1), day(3));
    await role(old, "SL-200", day(20), null);
    const at = day(15);
    const since = day(5);
    expect(await officerSubLocals(db, now, at, since)).toEqual(["SL-083", "SL-390"]);
    expect(await officerSubLocals(db, past, at, since)).toEqual(["SL-083"]);
    expect(await officerSubLocals(db, old, at, since)).toEqual([]);
  });
});
