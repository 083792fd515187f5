// A payment request's doors as officers and staff use them, beyond the happy path: the form as the
// officer reads it, who may file, sign, decline, decide and withdraw (checked again on submit),
// who hears of each step, and the one audit entry each step leaves (ids and codes, never names,
// payees or purposes).
import { data } from "../../db/data.ts";
import { beforeEach, expect, it } from "vitest";
import { listAudit } from "../../db/audit.ts";
import { requestById } from "../../db/rebate-requests.ts";
import { button, fileRequest, noticeFor, PERSONAS, personaIds, REQUEST_FORM, text, withReason, world, type World } from "./setup.ts";

let w: World;
let id: ReturnType<typeof personaIds>;
beforeEach(async () => {
  w = await world();
  id = personaIds(w);
});

async function grant(member: string, choice: string, scope: string) {
  const r = await w.run("sofia", `/unionhall admin role grant ${member} ${choice} ${scope}`);
  expect(text(r)).not.toMatch(/⚠️/);
}

/** The audit entries about one request, oldest first, with their details read back. */
async function requestAudit(n: number) {
  const rows = await listAudit(w.store, { subjectType: "rebate_request", subjectId: String(n) });
  return rows.reverse().map((a) => ({ action: a.action, actorPersonId: a.actorPersonId, details: JSON.parse(a.details) as Record<string, unknown> }));
}

/** Filed by the treasurer and co-signed by the president: the staff card, as Sofia got it. */
async function signedRequest(values = REQUEST_FORM) {
  const filed = await fileRequest(w, "tom", values);
  const signed = await w.click("pat", button(noticeFor(filed, id.pat), /co-sign/i));
  return noticeFor(signed, id.sofia);
}

it("the request form as the officer reads it", async () => {
  const form = (await w.run("tom", "/rebate request")).reply.form!;
  expect(form).toMatchObject({
    title: "Payment request (SL-083)",
    intro: "The other officer (president or treasurer) co-signs it, then treasury staff decide.",
    submitLabel: "Send for signature",
    fields: [
      { name: "payee", label: "Pay to", kind: "text", required: true, maxLength: 120 },
      { name: "amount", label: "Amount (USD)", kind: "text", required: true, maxLength: 20, placeholder: "$1,250.00" },
      { name: "purpose", label: "What it is for", kind: "textarea", required: true, maxLength: 500 },
      { name: "needed_by", label: "Needed by", kind: "date", required: true, hint: "A date like 2026-12-15" },
      { name: "receipt", label: "Receipt or invoice link", kind: "text", maxLength: 500, hint: "Optional: a link starting with https://" },
    ],
  });
  expect(form.fields[4]!.required).toBeFalsy();
  // Too long a payee or purpose is sent back on its field; spaces around them are not kept.
  for (const [field, value] of [["payee", "x".repeat(121)], ["purpose", "x".repeat(501)]] as const) {
    const r = await w.submit("tom", form.token, { ...REQUEST_FORM, [field]: value });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(Object.keys(r.errors)).toEqual([field]);
  }
  await w.submit("tom", form.token, { ...REQUEST_FORM, payee: "  Salem Print Shop  ", purpose: "  Flyers  " });
  expect(await requestById(data(w.store), 1)).toMatchObject({ payee: "Salem Print Shop", purpose: "Flyers" });
});

it("an officer who signs for another sub-local may not file here, and is audited; a form opened before the office ended is refused", async () => {
  const r = await w.run("tom", "/rebate request SL-140");
  expect(text(r)).toMatch(/Only the president or treasurer of SL-140 can do this\./);
  const [refusal] = await listAudit(w.store, { action: "rebate.denied" });
  expect(refusal).toMatchObject({ actorPersonId: id.tom, subjectType: "sublocal", subjectId: "SL-140" });
  expect(JSON.parse(refusal!.details)).toEqual({ platform: "web", what: "request", reason: "not_a_signer" });

  const opened = await w.run("tom", "/rebate request");
  await data(w.store).run(`UPDATE "RoleAssignment" SET "endsAt" = ? WHERE "personId" = ? AND "office" = 'treasurer'`, "2026-11-20T00:00:00.000+00:00", id.tom);
  await grant(PERSONAS.tom, "sublocal_president", "SL-140");
  const late = await w.submit("tom", opened.reply.form!.token, REQUEST_FORM);
  if (!late.ok) throw new Error(JSON.stringify(late.errors));
  expect(text(late.reply)).toMatch(/Only the president or treasurer of SL-083 can do this\./);
  expect(await requestById(data(w.store), 1)).toBeUndefined();
});

it("filing, and a refusal for lack of money, are audited with the amount and who was asked to co-sign", async () => {
  await fileRequest(w, "tom");
  expect(await requestAudit(1)).toEqual([{ action: "rebate.request.file", actorPersonId: id.tom, details: { platform: "web", subLocal: "SL-083", amountCents: 25_000, cosignerIds: [id.pat] } }]);
  const over = await w.form("tom", "/rebate request", { ...REQUEST_FORM, amount: "40,000.00" });
  expect(over.ok).toBe(false);
  const [refused] = await listAudit(w.store, { action: "rebate.request.refused" });
  expect(refused).toMatchObject({ actorPersonId: id.tom, subjectType: "sublocal", subjectId: "SL-083" });
  expect(JSON.parse(refused!.details)).toEqual({ platform: "web", reason: "over_available", amountCents: 4_000_000 });
  expect(JSON.stringify(await listAudit(w.store, { actionPrefix: "rebate.request" }))).not.toMatch(/Salem|Flyers/);
});

it("an officer who signs for no office here: co-sign is refused and audited, decline names the office that signs", async () => {
  await grant(PERSONAS.carla, "sublocal_president", "SL-140");
  const filed = await fileRequest(w, "tom");
  const card = noticeFor(filed, id.pat);
  const signed = await w.click("carla", button(card, /co-sign/i));
  expect(text(signed)).toMatch(/Only the president or treasurer of SL-083 can do this\./);
  const declined = await w.click("carla", button(card, /decline/i));
  expect(declined.reply.form).toBeUndefined();
  expect(text(declined)).toMatch(/filed by the treasurer: the two signatures come from two different offices, so only the president can co-sign or decline it/);
  expect((await requestAudit(1)).slice(1)).toEqual([
    { action: "rebate.denied", actorPersonId: id.carla, details: { platform: "web", what: "cosign", reason: "not_a_signer" } },
    { action: "rebate.denied", actorPersonId: id.carla, details: { platform: "web", what: "decline", reason: "same_office" } },
  ]);
  expect(await requestById(data(w.store), 1)).toMatchObject({ status: "awaiting_cosign", cosignerId: null });
});

it("the decline form asks the co-signer for a reason; declining is audited and the requester hears it", async () => {
  const filed = await fileRequest(w, "tom");
  const card = noticeFor(filed, id.pat);
  // The requester is not asked for a reason to decline their own request.
  const own = await w.click("tom", button(card, /decline/i));
  expect(own.reply.form).toBeUndefined();
  expect(text(own)).toMatch(/Request #1 needs a second officer: you filed it/);
  const opened = await w.click("pat", button(card, /decline/i));
  expect(opened.reply.form).toMatchObject({
    title: "Decline request #1",
    submitLabel: "Decline",
    fields: [{ name: "reason", label: "Reason", kind: "textarea", required: true, maxLength: 500, hint: "The requester will read this." }],
  });
  for (const reason of ["no", "x".repeat(501)]) expect((await w.submit("pat", opened.reply.form!.token, { reason })).ok).toBe(false);
  const declined = await w.submit("pat", opened.reply.form!.token, { reason: "  Wait for the new budget  " });
  if (!declined.ok) throw new Error(JSON.stringify(declined.errors));
  expect(declined.reply.update).toBe(true);
  expect(declined.notices.map((n) => n.personId)).toEqual([id.tom]);
  expect(await requestById(data(w.store), 1)).toMatchObject({ status: "declined", cosignerId: id.pat, reason: "Wait for the new budget" });
  expect((await requestAudit(1)).map((a) => [a.action, a.details])).toEqual([
    ["rebate.request.file", expect.anything()],
    ["rebate.request.decline", { platform: "web", subLocal: "SL-083" }],
  ]);
  // Decided: Decline again only shows the card as it now stands.
  const again = await w.click("pat", button(card, /decline/i));
  expect(again.reply.form).toBeUndefined();
  expect(again.reply.update).toBe(true);
  expect(text(again)).toMatch(/Not co-signed/);
});

it("co-signing is audited; staff approve: both officers hear it, the entry names payee and purpose, the audit the entry and amount", async () => {
  const purpose = "Flyers for the worksite meeting, ".repeat(15).trim();
  const card = await signedRequest({ ...REQUEST_FORM, purpose });
  const approved = await w.click("sofia", button(card, /^approve$/i));
  expect(approved.reply.update).toBe(true);
  expect(approved.notices.map((n) => n.personId).sort()).toEqual([id.tom, id.pat].sort());
  const entryId = (await requestById(data(w.store), 1))!.entryId!;
  const entry = (await data(w.store).one(`SELECT "description", "amountCents" FROM "RebateEntry" WHERE "id" = ?`, entryId)) as { description: string; amountCents: number };
  expect(entry.amountCents).toBe(-25_000);
  expect(entry.description).toBe(`Salem Print Shop: ${purpose}`.slice(0, 300));
  expect(entry.description).toHaveLength(300);
  expect(await requestAudit(1)).toEqual([
    expect.objectContaining({ action: "rebate.request.file" }),
    { action: "rebate.request.cosign", actorPersonId: id.pat, details: { platform: "web", subLocal: "SL-083" } },
    { action: "rebate.request.approve", actorPersonId: id.sofia, details: { platform: "web", subLocal: "SL-083", entryId, amountCents: 25_000 } },
  ]);
});

it("staff deny: the form asks for the reason, both officers hear it, and Deny on a decided card shows the decision", async () => {
  const card = await signedRequest();
  const opened = await w.click("sofia", button(card, /deny/i));
  expect(opened.reply.form).toMatchObject({
    title: "Deny request #1",
    submitLabel: "Deny",
    fields: [{ name: "reason", label: "Reason", kind: "textarea", required: true, maxLength: 500, hint: "The requester will read this." }],
  });
  for (const reason of ["no", "x".repeat(501)]) expect((await w.submit("sofia", opened.reply.form!.token, { reason })).ok).toBe(false);
  const denied = await withReason(w, "sofia", card, /deny/i, "  From the communications budget  ");
  expect(denied.notices.map((n) => n.personId).sort()).toEqual([id.tom, id.pat].sort());
  expect(await requestById(data(w.store), 1)).toMatchObject({ status: "denied", decidedById: id.sofia, reason: "From the communications budget" });
  expect((await requestAudit(1)).at(-1)).toEqual({ action: "rebate.request.deny", actorPersonId: id.sofia, details: { platform: "web", subLocal: "SL-083" } });

  const again = await w.click("sofia", button(card, /deny/i));
  expect(again.reply.form).toBeUndefined();
  expect(again.reply.update).toBe(true);
  expect(text(again)).toMatch(/Denied by Sofia Chen/);
  // A deny form opened before the decision records nothing more and tells nobody.
  const late = await w.submit("sofia", opened.reply.form!.token, { reason: "Again" });
  if (!late.ok) throw new Error(JSON.stringify(late.errors));
  expect(text(late.reply)).toMatch(/Denied by Sofia Chen/);
  expect(late.notices).toEqual([]);
  expect((await requestAudit(1)).filter((a) => a.action === "rebate.request.deny")).toHaveLength(1);
});

it("staff who signed a request cannot submit a deny form for it, even one another staff member opened", async () => {
  await grant(PERSONAS.carla, "sublocal_president", "SL-083");
  await w.run("sofia", "/unionhall admin role grant 100003 staff statewide");
  const filed = await fileRequest(w, "tom");
  const signed = await w.click("carla", button(noticeFor(filed, id.carla), /co-sign/i));
  const opened = await w.click("sofia", button(noticeFor(signed, id.sofia), /deny/i));
  const own = await w.submit("carla", opened.reply.form!.token, { reason: "Changed my mind" });
  if (!own.ok) throw new Error(JSON.stringify(own.errors));
  expect(text(own.reply)).toMatch(/You can't decide #1: you asked for it or signed it/);
  expect(own.notices).toEqual([]);
  expect(await requestById(data(w.store), 1)).toMatchObject({ status: "awaiting_staff", decidedById: null });
});

it("withdrawn after co-signing, from the card's button: the co-signer and treasury staff are told, and it is audited", async () => {
  await signedRequest();
  const mine = await w.run("tom", "/rebate requests 1");
  const gone = await w.click("tom", button(mine.reply, /withdraw/i));
  expect(text(gone)).toMatch(/You withdrew payment request #1\. The money promised to it is available again\./);
  const told = gone.notices.map((n) => n.personId);
  expect(told).toContain(id.pat);
  expect(told).toContain(id.sofia);
  expect(told).not.toContain(id.tom);
  expect(await requestById(data(w.store), 1)).toMatchObject({ status: "withdrawn", reason: null });
  expect((await requestAudit(1)).at(-1)).toEqual({ action: "rebate.request.withdraw", actorPersonId: id.tom, details: { platform: "web", subLocal: "SL-083" } });
  // Withdrawn once: the button again only shows the card, tells nobody and audits nothing more.
  const again = await w.click("tom", button(mine.reply, /withdraw/i));
  expect(text(again)).not.toMatch(/You withdrew/);
  expect(again.notices).toEqual([]);
  expect((await requestAudit(1)).filter((a) => a.action === "rebate.request.withdraw")).toHaveLength(1);
});

it("withdrawn before co-signing: only the other office hears; someone else's withdrawal is refused and audited", async () => {
  await grant(PERSONAS.carla, "sublocal_treasurer", "SL-083");
  await fileRequest(w, "tom");
  expect(text(await w.run("pat", "/rebate withdraw 1"))).toMatch(/Only the officer who filed request #1 can withdraw it/);
  expect((await requestAudit(1)).at(-1)).toEqual({ action: "rebate.denied", actorPersonId: id.pat, details: { platform: "web", what: "withdraw", reason: "not_requester" } });
  const gone = await w.run("tom", "/rebate withdraw 1");
  // The other treasurer holds the requester's own office: she was never asked, so she is not told.
  expect(gone.notices.map((n) => n.personId)).toEqual([id.pat]);
  expect(await requestById(data(w.store), 1)).toMatchObject({ status: "withdrawn", reason: null });
  expect(text(await w.run("tom", "/rebate withdraw 99"))).toMatch(/There is no payment request #99\./);
});
