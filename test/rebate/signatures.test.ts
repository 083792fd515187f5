// Dual control: a disbursement's two signatures come from the two different signing offices of
// the sub-local (president and treasurer), and the requester never co-signs. The rule is the
// guarded update in db/ that records the signature, so it holds at every door (the card's button,
// the pending list, a stale card, a direct call).
import { data } from "../../db/data.ts";
import { beforeEach, describe, expect, it } from "vitest";
import { listAudit } from "../../db/audit.ts";
import { accountByCode } from "../../db/rebate.ts";
import { cosignRequest, createRequest, requestById } from "../../db/rebate-requests.ts";
import { button, fileRequest, noticeFor, PERSONAS, personaIds, text, world, type World } from "./setup.ts";

let w: World;
let id: ReturnType<typeof personaIds>;
beforeEach(async () => {
  w = await world();
  id = personaIds(w);
});

async function grant(member: string, choice: string) {
  const r = await w.run("sofia", `/unionhall admin role grant ${member} ${choice} SL-083`);
  expect(text(r)).not.toMatch(/⚠️/);
}

describe("two signatures from two different offices", () => {
  it("a second treasurer of the same sub-local can neither co-sign nor decline the treasurer's request", async () => {
    await grant(PERSONAS.carla, "sublocal_treasurer");
    const filed = await fileRequest(w, "tom");
    // The card goes to the president only, never to the other treasurer.
    expect(filed.notices.map((n) => n.personId)).toEqual([id.pat]);
    const card = noticeFor(filed, id.pat);
    for (const label of [/co-sign/i, /decline/i]) {
      const r = await w.click("carla", button(card, label));
      expect(text(r)).toMatch(/filed by the treasurer: the two signatures come from two different offices, so only the president can co-sign/);
      expect(r.notices).toEqual([]);
    }
    expect(await requestById(data(w.store), 1)).toMatchObject({ status: "awaiting_cosign", cosignerId: null });
    // Nor does the request wait for carla in her pending list.
    expect(text(await w.run("carla", "/unionhall pending"))).not.toMatch(/Payment request #1/);
    const refusals = await listAudit(w.store, { action: "rebate.denied" });
    expect(refusals.some((a) => JSON.parse(a.details as string).reason === "same_office")).toBe(true);
    // The president signs: the request moves on with both offices recorded.
    await w.click("pat", button(card, /co-sign/i));
    expect(await requestById(data(w.store), 1)).toMatchObject({ status: "awaiting_staff", requesterOffice: "treasurer", cosignerId: id.pat, cosignerOffice: "president" });
  });

  it("two presidents: the second cannot co-sign the first's request; the treasurer can", async () => {
    await grant(PERSONAS.carla, "sublocal_president");
    const filed = await fileRequest(w, "pat");
    const card = noticeFor(filed, id.tom);
    expect(text(await w.click("carla", button(card, /co-sign/i)))).toMatch(/only the treasurer can co-sign/);
    const signed = await w.click("tom", button(card, /co-sign/i));
    expect(text(noticeFor(signed, id.pat))).toMatch(/co-signed by Tom Haddad/);
  });

  it("the store itself refuses the requester and a same-office signer, whatever door calls it", async () => {
    await grant(PERSONAS.carla, "sublocal_treasurer");
    const now = w.clock.now();
    const account = (await accountByCode(data(w.store), "SL-083"))!;
    const r = await createRequest(w.store, { accountId: account.id, requesterId: id.tom, requesterOffice: "treasurer", payee: "X", amountCents: 100, purpose: "p", neededBy: "2026-12-10", receiptUrl: null }, now);
    if (!r.ok) throw new Error("not filed");
    expect(await cosignRequest(w.store, r.id, id.tom, true, now)).toMatchObject({ ok: false, refused: "requester" });
    expect(await cosignRequest(w.store, r.id, id.carla, true, now)).toMatchObject({ ok: false, refused: "same_office" });
    expect(await cosignRequest(w.store, r.id, id.carla, false, now, "no")).toMatchObject({ ok: false, refused: "same_office" });
    // Someone who signs for no sub-local at all (staff) is refused too.
    expect(await cosignRequest(w.store, r.id, id.sofia, true, now)).toMatchObject({ ok: false, refused: "same_office" });
    expect((await requestById(data(w.store), r.id))!.status).toBe("awaiting_cosign");
    // A president whose office has ended is refused; a current one signs.
    await data(w.store).run(`UPDATE "RoleAssignment" SET "endsAt" = ? WHERE "personId" = ? AND "office" = 'president'`, "2026-11-20T00:00:00.000+00:00", id.pat);
    expect(await cosignRequest(w.store, r.id, id.pat, true, now)).toMatchObject({ ok: false, refused: "same_office" });
    await data(w.store).run(`UPDATE "RoleAssignment" SET "endsAt" = NULL WHERE "personId" = ? AND "office" = 'president'`, id.pat);
    expect(await cosignRequest(w.store, r.id, id.pat, true, now)).toMatchObject({ ok: true, row: { status: "awaiting_staff", cosignerOffice: "president" } });
  });
});
