// A document's review is decided once: whichever card of it is clicked first wins, and every later
// click (another card, a stale card, another person who may change it) is told who decided and
// changes nothing. The guard is the pending review in the store's update.
import { data, transaction } from "../../db/data.ts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { viewerOfPerson } from "../../commands/kb/common.ts";
import { decideReview } from "../../db/kb.ts";
import { addDoc, buttons, kbWorld, textOf } from "./helpers.ts";

type W = Awaited<ReturnType<typeof kbWorld>>;
const personOf = async (w: W, handle: string) => (await data(w.store).one<{ personId: number }>(`SELECT "personId" FROM "ChatIdentity" WHERE "userId" = ?`, handle))!.personId;
const docRow = (w: W, id: number) => data(w.store).one<{ reviewBy: string; needsUpdate: number }>(`SELECT "reviewBy", "needsUpdate" FROM "KbDocument" WHERE "id" = ?`, id);

describe("a review decided on one card is final", () => {
  let w: W;
  beforeAll(async () => {
    w = await kbWorld();
  });
  afterAll(() => w.store.close());

  /** Two cards for the same review, as the owner gets them (the reminder and What waits for me). */
  async function twoCards(title: string) {
    const card = async () => {
      const r = (await w.run("sofia", "/unionhall pending")).reply;
      return (label: string) => buttons(r).find((b) => b.label.startsWith(label) && textOf(r).includes(title))!;
    };
    return [await card(), await card()] as const;
  }

  it("'Needs an update' then 'Still correct' on another card: told who decided, the flag stays", async () => {
    const id = await addDoc(w.store, { title: "Dues guide", body: "How dues work.", ownerId: await personOf(w, "sofia"), reviewBy: "2026-11-20" });
    const [a, b] = await twoCards("Dues guide");
    expect(textOf((await w.click("sofia", a("Needs an update").token)).reply)).toContain("now shows as needing an update");
    const late = textOf((await w.click("sofia", b("Still correct").token)).reply);
    expect(late).toMatch(/already decided: Sofia Chen marked “Dues guide” as needing an update/);
    expect((await docRow(w, id))).toEqual({ reviewBy: "2026-11-20", needsUpdate: 1 });
    const refused = await data(w.store).one<{ n: number }>(`SELECT count(*) AS "n" FROM "AuditEntry" WHERE "action" = 'kb.review.refused'`);
    expect(Number(refused!.n)).toBe(1);
  });

  it("'Still correct' then 'Needs an update' on another card: the second changes nothing", async () => {
    const id = await addDoc(w.store, { title: "Leave guide", body: "How leave works.", ownerId: await personOf(w, "sofia"), reviewBy: "2026-11-21" });
    const [a, b] = await twoCards("Leave guide");
    expect(textOf((await w.click("sofia", a("Still correct").token)).reply)).toContain("marked as checked");
    const after = (await docRow(w, id))!;
    expect(after.reviewBy > "2027-01-01").toBe(true);
    expect(textOf((await w.click("sofia", b("Needs an update").token)).reply)).toMatch(/already decided: Sofia Chen marked “Leave guide” as still correct/);
    expect((await docRow(w, id))).toEqual(after);
  });

  it("another person who may change the document is refused in the store, whatever the door", async () => {
    const patId = await personOf(w, "pat");
    const sofiaId = await personOf(w, "sofia");
    const id = await addDoc(w.store, { title: "SL-083 bylaws", body: "Bylaws.", subLocal: "SL-083", ownerId: sofiaId, reviewBy: "2026-11-22" });
    const now = w.clock.now();
    const pat = (await viewerOfPerson(w.store, patId, now))!;
    const sofia = (await viewerOfPerson(w.store, sofiaId, now))!;
    expect(await transaction(w.store, (tx) => decideReview(tx, id, pat, { reviewFor: "2026-11-22", decision: "update", next: "2027-11-22", byId: patId, now }))).toEqual({ ok: true });
    const second = await transaction(w.store, (tx) => decideReview(tx, id, sofia, { reviewFor: "2026-11-22", decision: "correct", next: "2027-11-22", byId: sofiaId, now }));
    expect(second).toMatchObject({ ok: false, decided: { byId: patId, decision: "update" } });
    expect((await docRow(w, id))).toEqual({ reviewBy: "2026-11-22", needsUpdate: 1 });
  });
});
