// Granting an office someone else still holds leaves two holders: the staff member who granted it is
// asked, with a button per old holder, whether to end the old grant.
import { afterEach, describe, expect, it } from "vitest";
import { createScheduler } from "../../bot/scheduler/dispatcher.ts";
import { data } from "../../db/data.ts";
import { RecordingPoster } from "../scheduler/helpers.ts";
import { buttonLabelled, textOf, trainingWorld } from "../training/helpers.ts";

type W = Awaited<ReturnType<typeof trainingWorld>>;
let w: W | undefined;
afterEach(async () => {
  await w?.store.close();
  w = undefined;
});
const silent = { info() {}, warn() {}, error() {} };

async function deliveredTo(w: W, handle: string) {
  const poster = new RecordingPoster("web");
  const sched = createScheduler({ store: w.store, core: w.core, posters: new Map([["web", poster]]), log: silent, clock: w.clock });
  await sched.start();
  await sched.runDue();
  await sched.stop();
  return poster.deliveries.filter((d) => d.target.userId === handle);
}

describe("a new president while the old one still holds the office", () => {
  it("the granting staff member is asked to end the old grant, and the button ends exactly that one", async () => {
    w = await trainingWorld();
    await w.run("sofia", "/unionhall admin role grant 100001 sublocal_president SL-083");
    const told = await deliveredTo(w, "sofia");
    expect(told).toHaveLength(1);
    expect(told[0]!.text).toContain("SL-083 now has 2 holders of president");
    expect(told[0]!.text).toContain("Pat Larsen still holds that office");
    const end = buttonLabelled(told[0]!.reply, "End Pat Larsen's grant");
    expect(textOf((await w.click("sofia", end.token)).reply)).toContain("✅");
    const pat = textOf((await w.run("sofia", "/unionhall admin role list 100004")).reply);
    expect(pat).toMatch(/president[^\n]*\n?[^\n]*ended/i);
    const maria = textOf((await w.run("sofia", "/unionhall admin role list 100001")).reply);
    expect(maria).not.toMatch(/ended/i);
  });

  it("no question when the office was free, or for a role that is not an office", async () => {
    w = await trainingWorld();
    await w.run("sofia", "/unionhall admin role revoke 100004 sublocal_president SL-083");
    await w.run("sofia", "/unionhall admin role grant 100001 sublocal_president SL-083");
    await w.run("sofia", "/unionhall admin role grant 100002 steward SL-083");
    const jobs = await data(w.store).one(`SELECT CAST(count(*) AS INTEGER) AS "n" FROM "ScheduledJob" WHERE "kind" = 'handoff.still_held'`);
    expect(jobs).toEqual({ n: 0 });
  });
});
