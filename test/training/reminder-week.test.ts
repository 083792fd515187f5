// A training reminder comes at most once a week, and the week is the local's: Monday morning and
// the next Sunday evening in Oregon are one week, though UTC has Monday already begun at 18:00.
import { afterEach, expect, it } from "vitest";
import { scheduleTrainingReminder } from "../../commands/training/required.ts";
import { data } from "../../db/data.ts";
import { trainingWorld } from "./helpers.ts";

let w: Awaited<ReturnType<typeof trainingWorld>> | undefined;
afterEach(async () => {
  await w?.store.close();
  w = undefined;
});

it("asked for on Monday 09:00 and again on Sunday 18:00 (local), due in one local week: one reminder", async () => {
  w = await trainingWorld();
  const db = data(w.store);
  const maria = (await db.one<{ id: number }>(`SELECT "id" FROM "Person" WHERE "memberNumber" = '100001'`))!.id;
  const count = async () => Number((await db.one<{ n: number }>(`SELECT count(*) AS "n" FROM "ScheduledJob" WHERE "kind" = 'training.remind' AND "personId" = ?`, maria))!.n);
  await scheduleTrainingReminder(w.store, maria, new Date("2026-10-26T16:00:00Z"), "America/Los_Angeles"); // due Mon 2 Nov, 08:00
  await scheduleTrainingReminder(w.store, maria, new Date("2026-11-02T02:00:00Z"), "America/Los_Angeles"); // due Sun 8 Nov, 18:00
  expect(await count()).toBe(1);
  // The Monday after is another week.
  await scheduleTrainingReminder(w.store, maria, new Date("2026-11-02T17:00:00Z"), "America/Los_Angeles"); // due Mon 9 Nov, 09:00
  expect(await count()).toBe(2);
});
