// A statement request's decisions as staff take them and as the audit log keeps them: the deny
// form asks for a reason and checks it again on submit (the requester, a statement already
// decided), and each step (request, approval, denial, a copy, the list) leaves one audit entry
// naming the statement, the sub-local and the period, never a person's name.
import { data } from "../../db/data.ts";
import { beforeEach, expect, it } from "vitest";
import { listAudit } from "../../db/audit.ts";
import { statementById } from "../../db/rebate-requests.ts";
import { button, noticeFor, personaIds, text, withReason, world, type World } from "./setup.ts";

let w: World;
let id: ReturnType<typeof personaIds>;
beforeEach(async () => {
  w = await world();
  id = personaIds(w);
});

/** The audit entries of one statement, oldest first, with their details read back. */
async function statementAudit(n: number) {
  const rows = await listAudit(w.store, { subjectType: "rebate_statement", subjectId: String(n) });
  return rows.reverse().map((a) => ({ action: a.action, actorPersonId: a.actorPersonId, details: JSON.parse(a.details) as Record<string, unknown> }));
}

it("Deny… opens a form asking for the reason the requester will read", async () => {
  const asked = await w.run("tom", "/rebate statement 2026-Q3");
  const opened = await w.click("sofia", button(noticeFor(asked, id.sofia), /^deny/i));
  expect(opened.reply.visibility).toBe("private");
  expect(opened.reply.blocks).toEqual([]);
  expect(opened.reply.form).toMatchObject({
    title: "Deny statement #1",
    submitLabel: "Deny",
    fields: [{ name: "reason", label: "Reason", kind: "textarea", required: true, maxLength: 500, hint: "The requester will read this." }],
  });
  expect(opened.notices).toEqual([]);
  // A reason of a word or two letters, or longer than the field allows, is sent back with the form.
  for (const reason of ["no", "x".repeat(501)]) {
    const r = await w.submit("sofia", opened.reply.form!.token, { reason });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(Object.keys(r.errors)).toEqual(["reason"]);
  }
  expect(await statementById(data(w.store), 1)).toMatchObject({ status: "pending", reason: null });
  // Spaces around the reason are not kept.
  await w.submit("sofia", opened.reply.form!.token, { reason: "   Ask again after the audit   " });
  expect(await statementById(data(w.store), 1)).toMatchObject({ status: "denied", decidedById: id.sofia, reason: "Ask again after the audit" });
});

it("the requester cannot submit a deny form for their own statement, even one another staff member opened", async () => {
  const asked = await w.run("sofia", "/rebate statement 2026-10 SL-083");
  const opened = await w.click("elena", button(noticeFor(asked, id.elena), /^deny/i));
  const own = await w.submit("sofia", opened.reply.form!.token, { reason: "I changed my mind" });
  if (!own.ok) throw new Error(JSON.stringify(own.errors));
  expect(text(own.reply)).toMatch(/You can't decide #1: you asked for it or signed it/);
  expect(own.notices).toEqual([]);
  expect(await statementById(data(w.store), 1)).toMatchObject({ status: "pending", decidedById: null, reason: null });
  expect((await statementAudit(1)).map((a) => a.action)).toEqual(["rebate.statement.request"]);
});

it("Deny… on a card already decided shows the decision in place of a form; a form opened before says who decided", async () => {
  const asked = await w.run("tom", "/rebate statement 2026-10");
  const card = noticeFor(asked, id.sofia);
  const opened = await w.click("sofia", button(card, /^deny/i));
  await w.click("sofia", button(card, /^approve$/i));

  const again = await w.click("sofia", button(card, /^deny/i));
  expect(again.reply.form).toBeUndefined();
  expect(again.reply.update).toBe(true);
  expect(text(again)).toMatch(/Approved by Sofia Chen/);
  expect(again.notices).toEqual([]);

  const late = await w.submit("sofia", opened.reply.form!.token, { reason: "Ask again after the audit" });
  if (!late.ok) throw new Error(JSON.stringify(late.errors));
  expect(text(late.reply)).toMatch(/Approved by Sofia Chen/);
  expect(late.notices).toEqual([]);
  expect((await statementAudit(1)).map((a) => a.action)).toEqual(["rebate.statement.request", "rebate.statement.approve"]);
});

it("a statement no longer on record: Approve, Deny… and a deny form opened before all say so", async () => {
  const asked = await w.run("tom", "/rebate statement 2026-10");
  const card = noticeFor(asked, id.sofia);
  const opened = await w.click("sofia", button(card, /^deny/i));
  await data(w.store).run(`DELETE FROM "RebateStatement" WHERE "id" = 1`);
  for (const r of [await w.click("sofia", button(card, /^approve$/i)), await w.click("sofia", button(card, /^deny/i))]) {
    expect(text(r)).toMatch(/There is no statement request #1\./);
    expect(r.notices).toEqual([]);
  }
  const late = await w.submit("sofia", opened.reply.form!.token, { reason: "Ask again after the audit" });
  if (!late.ok) throw new Error(JSON.stringify(late.errors));
  expect(text(late.reply)).toMatch(/There is no statement request #1\./);
  expect(late.notices).toEqual([]);
});

it("request, approval and a copy each leave one audit entry with the sub-local, the period and who asked", async () => {
  const asked = await w.run("tom", "/rebate statement 2026-Q3");
  const approved = await w.click("sofia", button(noticeFor(asked, id.sofia), /^approve$/i));
  expect(text(approved)).toMatch(/The statement was sent to Tom Haddad\./);
  expect(approved.notices.map((n) => n.personId)).toEqual([id.tom]);
  await w.run("tom", "/rebate statements 1");

  expect(await statementAudit(1)).toEqual([
    { action: "rebate.statement.request", actorPersonId: id.tom, details: { platform: "web", subLocal: "SL-083", from: "2026-07-01", to: "2026-09-30" } },
    {
      action: "rebate.statement.approve",
      actorPersonId: id.sofia,
      details: { platform: "web", subLocal: "SL-083", requesterId: id.tom, from: "2026-07-01", to: "2026-09-30", closesThrough: "2026-09-30" },
    },
    { action: "rebate.statement.copy", actorPersonId: id.tom, details: { platform: "web", subLocal: "SL-083" } },
  ]);
  const audit = JSON.stringify(await listAudit(w.store, { actionPrefix: "rebate.statement" }));
  expect(audit).not.toMatch(/Tom|Haddad|Sofia|Chen/);
});

it("a denial leaves one audit entry naming the requester by id, not the reason", async () => {
  const asked = await w.run("tom", "/rebate statement 2026-10");
  const denied = await withReason(w, "sofia", noticeFor(asked, id.sofia), /^deny/i, "Ask again after the audit");
  expect(denied.notices.map((n) => n.personId)).toEqual([id.tom]);
  expect(await statementAudit(1)).toEqual([
    { action: "rebate.statement.request", actorPersonId: id.tom, details: { platform: "web", subLocal: "SL-083", from: "2026-10-01", to: "2026-10-31" } },
    { action: "rebate.statement.deny", actorPersonId: id.sofia, details: { platform: "web", subLocal: "SL-083", requesterId: id.tom } },
  ]);
});

it("listing issued statements is audited with how many were shown", async () => {
  const a = await w.run("tom", "/rebate statement 2026-10");
  await w.click("sofia", button(noticeFor(a, id.sofia), /^approve$/i));
  const listed = await w.run("tom", "/rebate statements");
  expect(text(listed)).toMatch(/^Issued statements\n• Statement #1: SL-083, 2026-10/);
  expect(text(listed)).toMatch(/\nType \/rebate statements followed by a number to get that statement again, unchanged\.$/);
  const [entry] = await listAudit(w.store, { action: "rebate.statements.list" });
  expect(entry).toMatchObject({ actorPersonId: id.tom, subjectType: null, subjectId: null });
  expect(JSON.parse(entry!.details)).toEqual({ platform: "web", shown: 1 });
});

it("only treasury staff decide: a forwarded Approve or deny form is refused for anyone else, and nothing changes", async () => {
  const asked = await w.run("tom", "/rebate statement 2026-10");
  const card = noticeFor(asked, id.sofia);
  const pressed = await w.click("pat", button(card, /^approve$/i));
  expect(text(pressed)).toMatch(/Sorry, this button is only for: treasury staff/);
  const opened = await w.click("sofia", button(card, /^deny/i));
  const submitted = await w.submit("pat", opened.reply.form!.token, { reason: "Not this month" });
  if (!submitted.ok) throw new Error(JSON.stringify(submitted.errors));
  expect(text(submitted.reply)).toMatch(/Sorry, this form is only for: treasury staff/);
  expect([...pressed.notices, ...submitted.notices]).toEqual([]);
  expect(await statementById(data(w.store), 1)).toMatchObject({ status: "pending", decidedById: null });
});

it("who may ask and list: an unlinked chat account is told to get linked, a member may not list statements", async () => {
  expect(text(await w.run("nobody", "/rebate statement 2026-10"))).toMatch(/isn't linked to a member record/);
  expect(text(await w.run("maria", "/rebate statements"))).toMatch(/Sorry, \/rebate statements is only for: sub-local officer/);
  expect(await statementById(data(w.store), 1)).toBeUndefined();
});

it("the statement commands' forms and argument errors name what to type", async () => {
  const form = (await w.run("tom", "/rebate statement")).reply.form;
  expect(form).toMatchObject({
    intro: "Ask for a statement of a month, quarter, year or dates (treasury staff approve it)",
    fields: [
      { name: "period", label: "Period", required: true, maxLength: 40, hint: expect.stringMatching(/a quarter \(2026-Q3\)/) },
      { name: "sublocal", label: "Sublocal", required: false, maxLength: 30, hint: expect.stringMatching(/like SL-083/) },
    ],
  });
  expect(text(await w.run("tom", "/rebate statements 0"))).toMatch(/`id`: must be at least 1/);
  // A period and words that are not a sub-local: the period quoted back is cut at 40 characters.
  const long = await w.run("tom", "/rebate statement abcdefghijklmnopqrstuvwxyz0123456789ABCD EFGHIJKL");
  expect(text(long)).toContain("“abcdefghijklmnopqrstuvwxyz0123456789ABCD”");
  expect(await statementById(data(w.store), 1)).toBeUndefined();
});

it("a copy is private; someone who may not see the account is refused and audited; a sub-local with no account yet breaks no list", async () => {
  const a = await w.run("tom", "/rebate statement 2026-10");
  await w.click("sofia", button(noticeFor(a, id.sofia), /^approve$/i));
  expect((await w.run("tom", "/rebate statements 1")).reply.visibility).toBe("private");
  expect(text(await w.run("dana", "/rebate statements 1"))).toMatch(/Statement #1 exactly as it was issued/);
  await w.run("sofia", "/unionhall admin role grant 100006 sublocal_treasurer SL-140");
  await data(w.store).run(`UPDATE "RoleAssignment" SET "endsAt" = ? WHERE "personId" = ? AND "role" = 'board_director'`, "2026-11-01T00:00:00.000+00:00", id.dana);
  expect(text(await w.run("dana", "/rebate statements 1"))).toMatch(/⚠️/);
  const [refusal] = await listAudit(w.store, { action: "rebate.denied" });
  expect(JSON.parse(refusal!.details)).toEqual({ platform: "web", what: "statement_copy", reason: "not_in_scope" });
  // A new sub-local in the director's area, with no account yet: the list still answers.
  await data(w.store).run(`UPDATE "RoleAssignment" SET "endsAt" = NULL WHERE "personId" = ? AND "role" = 'board_director'`, id.dana);
  await data(w.store).run(`INSERT INTO "SubLocal" ("code", "name", "employerGroup") VALUES ('SL-500', 'Salem Library Workers', 'Human Services')`);
  expect(text(await w.run("dana", "/rebate statements"))).toMatch(/^Issued statements\n• Statement #1: SL-083, 2026-10/);
});
