// A case with a long history shows its latest page and an "Earlier entries" button; each click
// shows the page before, oldest first, until the first entry. Through the real core.
import { afterEach, describe, expect, it } from "vitest";
import { handleAction, handleCommand } from "../../commands/core/dispatch.ts";
import type { RenderedBlock, RenderedReply } from "../../commands/core/reply.ts";
import { seedDemoGrievances } from "../../commands/grievance/demo.ts";
import { HISTORY_PAGE } from "../../commands/grievance/history.ts";
import { features } from "../../commands/index.ts";
import { data } from "../../db/data.ts";
import { addNote, listCases } from "../../db/grievances.ts";
import type { Store } from "../../db/store.ts";
import { demoCore as openDemoCore, web } from "../helpers/store.ts";

// Each test's store is closed after it (on PostgreSQL an open pool would outlive the file).
const opened: Store[] = [];
afterEach(async () => {
  for (const s of opened.splice(0)) await s.close();
});
const demoCore = async () => {
  const world = await openDemoCore();
  opened.push(world.store);
  return world;
};

type List = Extract<RenderedBlock, { type: "list" }>;
const historyOf = (r: RenderedReply) => r.blocks.filter((b): b is List => b.type === "list").at(-1)!;
const earlierButton = (r: RenderedReply) => r.blocks.flatMap((b) => (b.type === "buttons" ? b.buttons : [])).find((b) => b.label === "Earlier entries");
const notesIn = (l: List) => l.items.map((i) => /note (\d+)$/.exec(i.detail ?? "")?.[1]).filter(Boolean).map(Number);

describe("a long grievance history", () => {
  it("is shown a page at a time, latest first, with earlier pages a click away", async () => {
    const { core, store } = await demoCore();
    await seedDemoGrievances(store, features, 1);
    const g = (await listCases(data(store), { scope: null, limit: 1 }))[0]!;
    const t0 = Date.now() - 3_600_000;
    for (let i = 1; i <= 40; i++) await addNote(data(store), g.id, g.stepNo, 7, `note ${i}`, new Date(t0 + i * 60_000));
    const total = Number((await data(store).one<{ n: number }>(`SELECT count(*) AS "n" FROM "GrievanceEvent" WHERE "grievanceId" = ?`, g.id))!.n);

    const shown = (await handleCommand(core, { actor: web("sofia"), text: `grievance show ${g.ref}` })).reply;
    expect(notesIn(historyOf(shown))).toEqual(Array.from({ length: HISTORY_PAGE }, (_, i) => 40 - HISTORY_PAGE + 1 + i));
    expect(JSON.stringify(shown.blocks)).toContain(`Entries ${total - HISTORY_PAGE + 1}–${total} of ${total}, oldest first.`);

    const page2 = (await handleAction(core, { actor: web("sofia"), token: earlierButton(shown)!.token })).reply;
    expect(notesIn(historyOf(page2))).toEqual(Array.from({ length: HISTORY_PAGE }, (_, i) => 40 - 2 * HISTORY_PAGE + 1 + i));
    expect(historyOf(page2).title).toBe(`${g.ref} — History`);

    const page3 = (await handleAction(core, { actor: web("sofia"), token: earlierButton(page2)!.token })).reply;
    const rest = historyOf(page3);
    expect(rest.items).toHaveLength(total - 2 * HISTORY_PAGE);
    expect(notesIn(rest)).toEqual(Array.from({ length: 40 - 2 * HISTORY_PAGE }, (_, i) => i + 1));
    expect(earlierButton(page3)).toBeUndefined();
    expect(JSON.stringify(page3.blocks)).toContain(`Entries 1–${total - 2 * HISTORY_PAGE} of ${total}, oldest first.`);
  });

  it("does not show an earlier page to someone who may not see the case", async () => {
    const { core, store } = await demoCore();
    await seedDemoGrievances(store, features, 1);
    const g = (await listCases(data(store), { scope: null, limit: 1 }))[0]!;
    for (let i = 1; i <= 20; i++) await addNote(data(store), g.id, g.stepNo, 7, `note ${i}`, new Date(Date.now() - 60_000 * (30 - i)));
    const shown = (await handleCommand(core, { actor: web("sofia"), text: `grievance show ${g.ref}` })).reply;
    const denied = (await handleAction(core, { actor: web("maria"), token: earlierButton(shown)!.token })).reply;
    expect(JSON.stringify(denied.blocks)).not.toContain("note 1");
    expect(denied.fallbackText).toMatch(/⚠️/);
  });
});
