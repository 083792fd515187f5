// Four bot processes answering for the same event at the same instant, on one database: the event
// is never overfilled, nobody is counted twice, and every seat given up goes to the first in line
// (SQLite's IMMEDIATE transaction, or PostgreSQL's row lock on the event, serialises the answer,
// the promotion and their jobs).
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { counts, createEvent, rsvpOf } from "./db.ts";
import { data } from "../../db/data.ts";
import type { Store } from "../../db/store.ts";
import { tempStore } from "../helpers/store.ts";
import { storeUrl } from "../helpers/tamper.ts";

const run = promisify(execFile);
let store: Store & { dir: string };

beforeAll(async () => {
  store = await tempStore({ seed: true });
});
afterAll(() => store?.close());

describe("RSVP across processes", () => {
  it("never overfills and promotes from the waiting list when four processes click at once", async () => {
    const now = new Date();
    const [id] = (await createEvent(store, { title: "Small training", description: null, kind: "training", link: null, place: "Room 1", audienceType: "statewide", audienceId: null, capacity: 3, language: "en", organiserId: 1, startsAt: new Date(now.getTime() + 7 * 86_400_000), endsAt: new Date(now.getTime() + 7 * 86_400_000 + 3_600_000), rsvpDeadline: null, isPublic: false, repeat: null }, now, "America/Los_Angeles")).ids;
    const people = (await data(store).all<{ id: number }>(`SELECT id FROM "Person" ORDER BY id LIMIT 12`)).map((p) => p.id);
    const url = storeUrl(store);
    const startAt = Date.now() + 4_000; // every process waits for this instant, so their clicks overlap
    const script = path.join(import.meta.dirname, "rsvp-process.ts");
    await Promise.all([0, 1, 2, 3].map((i) => run(process.execPath, ["--import", "tsx", script, url, String(id), people.slice(i * 3, i * 3 + 3).join(","), String(startAt)], { cwd: process.cwd() })));
    // 12 said Going, 4 then Can't: 3 places, so 3 going and the other 5 still waiting, in any order of clicks.
    expect(await counts(store, id!)).toMatchObject({ going: 3, waitlist: 5, cant: 4 });
    const rows = (await data(store).one<{ n: number; d: number }>(`SELECT count(*) AS n, count(DISTINCT "personId") AS d FROM "EventRsvp" WHERE "eventId" = ?`, id))!;
    expect({ n: Number(rows.n), d: Number(rows.d) }).toEqual({ n: 12, d: 12 });
    // Each promoted person got one message, and none of them is back on the waiting list.
    const promoted = await data(store).all<{ personId: number }>(`SELECT "personId" FROM "ScheduledJob" WHERE kind = 'event.promoted' AND payload LIKE ?`, `%"eventId":${id}%`);
    expect(new Set(promoted.map((p) => p.personId)).size).toBe(promoted.length);
    for (const p of promoted) expect(["going", "cant"]).toContain((await rsvpOf(store, id!, p.personId))!.status);
  }, 60_000);
});
