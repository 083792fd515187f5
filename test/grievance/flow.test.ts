// A steward files, acts on and closes a case through the real core; who sees what.
// Every test starts from its own fresh demo database and files the cases it needs.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { handleAutocomplete } from "../../commands/core/dispatch.ts";
import { handleHome } from "../../commands/core/home.ts";
import { DEMO_ROLES_START, DEMO_WORKSPACE } from "../../db/demo.ts";
import { data } from "../../db/data.ts";
import { linkIdentity } from "../../db/identities.ts";
import { grantRole } from "../../db/roles.ts";
import { buttons, fileVia, intake, world, type World } from "./helpers.ts";

let w: World;
beforeEach(async () => {
  w = await world();
});
afterEach(async () => {
  await w.close();
});

const actor = (u: string) => ({ platform: "web" as const, workspaceId: DEMO_WORKSPACE, userId: u });
const caseCount = async () => Number((await data(w.store).one<{ n: number }>(`SELECT count(*) AS n FROM "Grievance"`))!.n);

async function fileCase(who = "sam", over: Record<string, string> = {}) {
  const out = await fileVia(w, who, intake(over));
  if (!out.ok) throw new Error(JSON.stringify(out.errors));
  const ref = /Filed (G-\d{4}-\d{4})/.exec(w.text(out.reply))?.[1];
  if (!ref) throw new Error(`not filed: ${w.text(out.reply)}`);
  return { out, ref };
}

/**
 * A plain member of SL-083 (Maria's sub-local) who is not a demo persona, linked on the playground
 * as `handle`: someone with every reason to be curious and no right to see Maria's cases.
 */
async function anotherMemberOfSL083(handle = "ana"): Promise<{ handle: string; memberNumber: string }> {
  const row = (await data(w.store).one<{ id: number; memberNumber: string }>(
    `SELECT p.id, p."memberNumber" FROM "Person" p JOIN "SubLocal" s ON s.id = p."subLocalId"
     WHERE s.code = 'SL-083' AND p."memberNumber" NOT LIKE '10000%' AND p."memberNumber" <> '100010' ORDER BY p."memberNumber" LIMIT 1`,
  ))!;
  await linkIdentity(data(w.store), { platform: "web", workspaceId: DEMO_WORKSPACE, userId: handle, personId: row.id, linkedVia: "admin" });
  await grantRole(w.store, { personId: row.id, role: "member", scopeType: "sublocal", scopeId: "SL-083", startsAt: DEMO_ROLES_START, grantedById: null });
  return { handle, memberNumber: row.memberNumber };
}

describe("intake", () => {
  it("opens two short forms: who and what, then the details prefilled from the member's record", async () => {
    const open = await w.cmd("sam", "/grievance file");
    expect(open.reply.form?.fields.map((f) => f.name)).toEqual(["grievant", "contract", "category", "articles", "incident"]);
    const first = await w.submit("sam", open.reply, { grievant: "Maria Alvarez", contract: "STATE-2025", category: "discipline", articles: "21.1", incident: "2026-11-16" });
    expect(first.ok).toBe(true);
    if (!first.ok) return;
    expect(first.reply.form?.fields.map((f) => [f.name, f.initial ?? null])).toEqual([
      ["learned", "2026-11-16"],
      ["discipline", null],
      ["narrative", null],
      ["remedy", null],
      ["workplace", expect.stringMatching(/^Oregon Department of Human Services — /)],
    ]);
    expect(await caseCount()).toBe(0);
  });

  it("keeps the workplace as the filer wrote it: a worksite left out is not put back from the member's record", async () => {
    const { out: bare } = await fileCase("sam", { workplace: "Salem Central Office" });
    const ref = /Filed (G-\d{4}-\d{4})/.exec(w.text(bare.reply))![1]!;
    const shown = w.text((await w.cmd("sam", `/grievance show ${ref}`)).reply);
    expect(shown).toContain("Salem Central Office");
    expect(shown).not.toMatch(/Salem Central Office — /);
    const { out: both } = await fileCase("sam", { workplace: "Oregon Department of Human Services — Eugene Campus", incident: "2026-11-19", learned: "2026-11-19", discipline: "2026-11-19", articles: "30" });
    const second = /Filed (G-\d{4}-\d{4})/.exec(w.text(both.reply))![1]!;
    expect(w.text((await w.cmd("sam", `/grievance show ${second}`)).reply)).toContain("Oregon Department of Human Services — Eugene Campus");
  });

  it("files a case with a reference, the filer as steward and its computed deadlines", async () => {
    const { out } = await fileCase();
    const text = w.text(out.reply);
    expect(text).toContain("Filed G-2026-0001 at Informal.");
    expect(text).toContain("Sam Okafor");
    // Filed Mon Nov 23: management responds within 7 days (Mon Nov 30); appeal 14 days after (Mon Dec 14).
    expect(text).toContain("Management's response at Informal: Mon 2026-11-30 17:00");
    expect(text).toContain("Union's appeal to Step 1: Mon 2026-12-14 17:00");
    // Whichever comes first of knew (Nov 17) and discipline (Nov 18): Nov 17 + 30 days = Thu Dec 17; filed on time.
    expect(text).toContain("Filing deadline (union): Thu 2026-12-17 17:00");
    expect(text).toContain("filed 2026-11-23, on time");
    // Maria, the grievant, is told; nobody else.
    const maria = (await data(w.store).one<{ id: number }>(`SELECT id FROM "Person" WHERE "memberNumber" = '100001'`))!.id;
    expect(out.ok && out.notices.map((n) => n.personId)).toEqual([maria]);
  });

  it("warns about a likely duplicate and files only after the confirm click, once", async () => {
    await fileCase();
    const out = await fileVia(w, "sam", intake({ incident: "2026-11-20", learned: "2026-11-20", articles: "21.1" }));
    expect(out.ok).toBe(true);
    if (!out.ok) return;
    expect(w.text(out.reply)).toContain("This looks like a duplicate");
    expect(w.text(out.reply)).toContain("G-2026-0001");
    expect(buttons(out.reply)).toEqual(["Open G-2026-0001", "File anyway", "Don't file"]);
    expect(await caseCount()).toBe(1);
    const confirmed = await w.click("sam", out.reply, "File anyway");
    expect(w.text(confirmed)).toContain("Filed G-2026-0002");
    const again = await w.click("sam", out.reply, "File anyway");
    expect(w.text(again)).toContain("already decided");
    expect(await caseCount()).toBe(2);
  });

  it("\"Don't file\" after \"File anyway\" is already decided: the filed case stays, nothing else is filed or dropped", async () => {
    await fileCase();
    const out = await fileVia(w, "sam", intake({ incident: "2026-11-20", learned: "2026-11-20", articles: "21.1" }));
    if (!out.ok) throw new Error("refused");
    await w.click("sam", out.reply, "File anyway");
    const dont = await w.click("sam", out.reply, "Don't file");
    expect(w.text(dont)).toContain("already decided");
    expect(w.text(dont)).not.toContain("Filed");
    expect(await caseCount()).toBe(2);
    expect(w.text(await w.cmd("sam", "/grievance show G-2026-0002"))).toContain("G-2026-0002");
  });

  it("\"Don't file\" files nothing, and \"File anyway\" afterwards is already decided", async () => {
    await fileCase();
    const out = await fileVia(w, "sam", intake({ incident: "2026-11-20", learned: "2026-11-20", articles: "21.1" }));
    if (!out.ok) throw new Error("refused");
    const dont = await w.click("sam", out.reply, "Don't file");
    expect(w.text(dont)).not.toContain("Filed");
    const late = await w.click("sam", out.reply, "File anyway");
    expect(w.text(late)).toContain("already decided");
    expect(await caseCount()).toBe(1);
  });

  it("a different article or an incident more than 14 days apart is not a duplicate", async () => {
    await fileCase();
    const a = await fileCase("sam", { articles: "7", category: "pay", discipline: "" });
    expect(w.text(a.out.reply)).toContain("Filed G-2026-0002");
    const b = await fileCase("sam", { incident: "2026-10-20", learned: "2026-10-21", discipline: "" });
    expect(w.text(b.out.reply)).toContain("Filed G-2026-0003");
  });

  it("shows field errors and writes nothing for bad input", async () => {
    const bad = await fileVia(w, "sam", intake({ incident: "2026-13-01", category: "nope", articles: "" }));
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(Object.keys(bad.errors).sort()).toEqual(["articles", "category", "incident"]);
    const noStory = await fileVia(w, "sam", intake({ narrative: "" }));
    expect(noStory.ok === false && Object.keys(noStory.errors)).toEqual(["narrative"]);
    const future = await fileVia(w, "sam", intake({ learned: "2027-01-05" }));
    expect(future.ok === false && future.errors.learned).toMatch(/future/);
    const early = await fileVia(w, "sam", intake({ learned: "2026-11-01" }));
    expect(early.ok === false && early.errors.learned).toBe("can't be before the incident");
    const outside = await fileVia(w, "sam", intake({ grievant: "100006" })); // Dana is in SL-390
    expect(outside.ok === false && outside.errors.grievant).toBe("no member matches “100006” among the members you can file for");
    expect(await caseCount()).toBe(0);
  });

  it("a member cannot file, and finds the member search closed", async () => {
    const out = await w.cmd("maria", "/grievance file");
    expect(w.text(out)).toMatch(/only for/);
    expect(out.reply.form).toBeUndefined();
    expect(await handleAutocomplete(w.core, { actor: actor("maria"), path: ["grievance", "file"], arg: "grievant", partial: "Alv" })).toEqual([]);
  });

  it("the member search suggests members of the steward's sub-locals by name or number, and prefills the form", async () => {
    const byName = await handleAutocomplete(w.core, { actor: actor("sam"), path: ["grievance", "file"], arg: "grievant", partial: "maria alv" });
    expect(byName).toEqual([{ value: "100001", label: "Maria Alvarez (100001, SL-083)" }]);
    const byNumber = await handleAutocomplete(w.core, { actor: actor("sam"), path: ["grievance", "file"], arg: "grievant", partial: "10000" });
    expect(byNumber.map((s) => s.value)).toContain("100003");
    expect(byNumber.map((s) => s.value)).not.toContain("100006"); // SL-390
    const form = await w.cmd("sam", "/grievance file 100001");
    expect(form.reply.form?.fields.find((f) => f.name === "grievant")?.initial).toBe("Maria Alvarez (100001, SL-083)");
    expect(w.text(await w.cmd("sam", "/grievance file 100006"))).toContain("no member matches");
  });
});

describe("step actions", () => {
  it("records a response, advances, extends, notes and closes, each in the history", async () => {
    const { ref } = await fileCase();
    w.clock.set("2026-11-25T18:00:00Z");
    let r = await w.cmd("sam", `/grievance respond ${ref} 2026-11-25 "Denied: reprimand stands."`);
    expect(w.text(r)).toContain(`Recorded management's response at Informal of ${ref} (2026-11-25).`);
    // Appeal: 14 days from the response (Nov 25) = Wed Dec 9.
    expect(w.text(r)).toContain("must do so by Wed 2026-12-09");
    r = await w.cmd("sam", `/grievance respond ${ref} 2026-11-25 again`);
    expect(w.text(r)).toContain("already recorded");

    r = await w.cmd("sam", `/grievance advance ${ref}`);
    expect(w.text(r)).toContain(`${ref} is now at Step 1 (appealed 2026-11-25)`);
    // Step 1: response 15 days from Nov 25 = Thu Dec 10.
    expect(w.text(r)).toContain("Management's response at Step 1: Thu 2026-12-10 17:00");

    r = await w.cmd("sam", `/grievance extend ${ref} 2026-12-19 agreed with HR manager deadline:response`);
    // Dec 19 is a Saturday: timely on Mon Dec 21.
    expect(w.text(r)).toContain("from Thu 2026-12-10 to Mon 2026-12-21");
    expect(w.text(r)).toContain("(extended; was 2026-12-10)");

    r = await w.cmd("sam", `/grievance note ${ref} Called the member.`);
    expect(w.text(r)).toContain("Note added");

    const shown = await w.cmd("sam", `/grievance show ${ref}`);
    expect(buttons(shown.reply)).toEqual(expect.arrayContaining(["Record response", "Advance / appeal", "Record extension", "Add note", "Close case"]));
    expect(w.text(shown)).toMatch(/Filed at Informal[\s\S]*Management response recorded[\s\S]*Advanced to Step 1[\s\S]*Extension[\s\S]*Note — Sam Okafor — Called the member\./);

    const closed = await w.cmd("sam", `/grievance close ${ref} settled Reprimand removed.`);
    expect(w.text(closed)).toContain(`Closed ${ref}: settled.`);
    expect(closed.notices.map((n) => n.personId)).toHaveLength(1);
    const after = await w.cmd("sam", `/grievance advance ${ref}`);
    expect(w.text(after)).toContain("is closed");
  });

  it("an extension landing on a holiday rolls forward to the next working day", async () => {
    const { ref } = await fileCase();
    // Fri Dec 25 is Christmas Day (a holiday under every demo contract): timely on Mon Dec 28.
    const r = await w.cmd("sam", `/grievance extend ${ref} 2026-12-25 agreed with HR manager deadline:response`);
    expect(w.text(r)).toContain("to Mon 2026-12-28");
    expect(w.text(r)).not.toContain("to Fri 2026-12-25");
  });

  it("closes through the button and its form", async () => {
    const { ref } = await fileCase();
    // Interaction tokens expire by the wall clock: forms are used with the test clock near it.
    w.clock.set("2026-11-23T20:00:00Z");
    const shown = await w.cmd("sam", `/grievance show ${ref}`);
    const closeForm = await w.click("sam", shown.reply, "Close case");
    expect(closeForm.reply.form?.fields.map((f) => f.name)).toEqual(["outcome", "on", "note"]);
    const bad = await w.submit("sam", closeForm.reply, { outcome: "won", on: "2026-11-23" });
    expect(bad.ok === false && Object.keys(bad.errors)).toEqual(["outcome"]);
    const closed = await w.submit("sam", closeForm.reply, { outcome: "withdrawn", on: "2026-11-23", note: "Member withdrew." });
    expect(closed.ok && w.text(closed.reply)).toContain(`Closed ${ref}: withdrawn.`);
  });

  it("a note answers with the one line it added and a button to open the case, typed or through the card's form", async () => {
    const { ref } = await fileCase();
    const typed = await w.cmd("sam", `/grievance note ${ref} Called the member.`);
    expect(w.text(typed)).toMatch(/Note added to G-\d{4}-\d{4}\.[\s\S]*Note — Sam Okafor — Called the member\./);
    // Only what changed: not the case card again (its deadlines, its fields, the filing entry).
    expect(w.text(typed)).not.toMatch(/Filed at|Written reprimand|Management's response/);
    expect(buttons(typed.reply)).toEqual(["Open case"]);
    const opened = await w.click("sam", typed.reply, "Open case");
    expect(w.text(opened)).toMatch(/Filed at[\s\S]*Note — Sam Okafor — Called the member\./);
    w.clock.set("2026-11-23T20:00:00Z");
    const form = await w.click("sam", opened.reply, "Add note");
    const out = await w.submit("sam", form.reply, { text: "Left a voicemail." });
    expect(out.ok && w.text(out.reply)).toMatch(/Note added[\s\S]*Note — Sam Okafor — Left a voicemail\./);
    expect(out.ok && w.text(out.reply)).not.toContain("Called the member");
    // A note moves no deadline: the case's reminders are the same before and after.
    const jobs = () => data(w.store).all(`SELECT "idempotencyKey", "dueAt", "updatedAt" FROM "ScheduledJob" WHERE "idempotencyKey" LIKE 'grievance:%' AND status = 'pending' ORDER BY "idempotencyKey"`);
    const before = await jobs();
    expect(before.length).toBeGreaterThan(0);
    await w.cmd("sam", `/grievance note ${ref} Another call.`);
    expect(await jobs()).toEqual(before);
  });

  it("a stale button after the case moved on does nothing", async () => {
    const { ref } = await fileCase();
    const shown = await w.cmd("sam", `/grievance show ${ref}`);
    const form = await w.click("sam", shown.reply, "Advance / appeal");
    await w.cmd("sam", `/grievance advance ${ref}`); // someone else advanced it meanwhile
    const out = await w.submit("sam", form.reply, { on: "2026-11-23" });
    expect(out.ok && w.text(out.reply)).toContain(`Someone changed ${ref}`);
    const show = await w.cmd("sam", `/grievance show ${ref}`);
    expect(w.text(show).match(/Advanced to/g)).toHaveLength(1);
  });

  it("arbitration needs a chief steward; reassigning too", async () => {
    const { ref } = await fileCase();
    for (let i = 0; i < 3; i++) await w.cmd("sam", `/grievance advance ${ref}`); // Step 1, 2, 3
    const denied = await w.cmd("sam", `/grievance advance ${ref}`);
    expect(w.text(denied)).toContain("take this case to arbitration");
    const ok = await w.cmd("carla", `/grievance advance ${ref}`);
    expect(w.text(ok)).toContain("is now at Arbitration");
    const other = await fileCase("sam", { articles: "7", category: "pay", discipline: "" });
    const re = await w.cmd("sam", `/grievance reassign ${other.ref} 100003`);
    expect(w.text(re)).toMatch(/Sorry.*(only for|reassign this case)/s);
    expect(w.text(await w.cmd("sam", `/grievance show ${other.ref}`))).toContain("Sam Okafor");
    expect(w.text(await w.cmd("carla", `/grievance reassign ${other.ref} 100006`))).toContain("not a steward of SL-083");
    const re2 = await w.cmd("carla", `/grievance reassign ${other.ref} 100003`);
    expect(w.text(re2)).toContain("now assigned to Carla Nguyen");
  });

  it("rejects bad input politely and changes nothing", async () => {
    const { ref } = await fileCase();
    expect(w.text(await w.cmd("sam", "/grievance show G-2026-9999"))).toContain("can't find a case G-2026-9999");
    expect(w.text(await w.cmd("sam", "/grievance show banana"))).toContain("doesn't look like a case reference");
    expect(w.text(await w.cmd("sam", `/grievance respond ${ref} 2027-01-01 early`))).toContain("future");
    expect(w.text(await w.cmd("sam", `/grievance extend ${ref} 2026-11-01 because`))).toContain("must be after the current deadline");
    expect(w.text(await w.cmd("sam", `/grievance close ${ref} maybe`))).toContain("choose one of");
    const show = await w.cmd("sam", `/grievance show ${ref}`);
    expect(w.text(show).match(/Filed at/g)).toHaveLength(1);
    expect(w.text(show)).not.toMatch(/Extension|Closed:/);
  });
});

describe("who sees what", () => {
  it("a member sees only their own cases, without the stewards' notes", async () => {
    const own = await fileCase();
    await w.cmd("sam", `/grievance note ${own.ref} Called the member.`);
    const ana = await anotherMemberOfSL083();
    const theirs = await fileCase("sam", { grievant: ana.memberNumber, narrative: "Overtime assigned out of seniority order." });
    const mine = await w.cmd("maria", "/grievance mine");
    expect(w.text(mine)).toContain(`${own.ref} · Discipline · Informal — open since 2026-11-23 — waiting for management's answer, due Mon 2026-11-30`);
    expect(w.text(mine)).not.toContain(theirs.ref);
    const show = await w.cmd("maria", `/grievance show ${own.ref}`);
    expect(w.text(show)).not.toContain("Called the member");
    expect(w.text(show)).not.toContain("Written reprimand");
    expect(buttons(show.reply)).toEqual([]);
  });

  it("another member of the same sub-local finds neither Maria's case nor it in their own list", async () => {
    const own = await fileCase();
    const ana = await anotherMemberOfSL083();
    const shown = w.text(await w.cmd(ana.handle, `/grievance show ${own.ref}`));
    expect(shown).toContain(`can't find a case ${own.ref}`);
    expect(shown).not.toContain("Maria");
    const mine = w.text(await w.cmd(ana.handle, "/grievance mine"));
    expect(mine).not.toContain(own.ref);
    const suggested = await handleAutocomplete(w.core, { actor: actor(ana.handle), path: ["grievance", "show"], arg: "ref", partial: "G-2026" });
    expect(suggested.map((s) => s.value)).not.toContain(own.ref);
    const home = (await handleHome(w.core, actor(ana.handle))).fallbackText;
    expect(home).not.toContain(own.ref);
  });

  it("officers of the sub-local see cases, directors of the group see them, others not", async () => {
    const { ref } = await fileCase();
    await w.cmd("sam", `/grievance note ${ref} Called the member.`);
    const pat = await w.cmd("pat", `/grievance show ${ref}`);
    expect(w.text(pat)).toContain("Called the member");
    expect(buttons(pat.reply)).toEqual([]);
    expect(w.text(await w.cmd("dana", `/grievance show ${ref}`))).toContain(`${ref} — Discipline`);
    expect(w.text(await w.cmd("paul", `/grievance show ${ref}`))).toContain("can't find a case");
    const all = w.text(await w.cmd("sofia", "/grievance list all"));
    expect(all).toContain("All cases");
    expect(all).toContain(ref);
    expect(w.text(await w.cmd("maria", "/grievance list"))).toMatch(/only for/);
  });

  it("the home page shows the steward's cases with their next deadline, and the member only their own", async () => {
    const own = await fileCase();
    const ana = await anotherMemberOfSL083();
    const theirs = await fileCase("sam", { grievant: ana.memberNumber });
    const sam = (await handleHome(w.core, actor("sam"))).fallbackText;
    expect(sam).toContain("Cases assigned to you");
    expect(sam).toContain(`${own.ref} · Informal`);
    expect(sam).toContain(`${theirs.ref} · Informal`);
    const maria = (await handleHome(w.core, actor("maria"))).fallbackText;
    expect(maria).toContain("Your grievances");
    expect(maria).toContain(own.ref);
    expect(maria).not.toContain(theirs.ref);
    expect(maria).not.toContain("Cases assigned to you");
  });

  it("every action is in the audit log with ids only", async () => {
    const { ref } = await fileCase();
    const other = await fileCase("sam", { articles: "7", category: "pay", discipline: "" });
    await w.cmd("sam", `/grievance respond ${ref} 2026-11-23 "Denied: reprimand stands."`);
    await w.cmd("sam", `/grievance advance ${ref}`);
    await w.cmd("sam", `/grievance extend ${ref} 2026-12-19 agreed with HR manager deadline:response`);
    await w.cmd("sam", `/grievance note ${ref} Called the member.`);
    await w.cmd("carla", `/grievance reassign ${other.ref} 100003`);
    await w.cmd("sam", `/grievance close ${ref} settled Reprimand removed.`);
    await w.cmd("maria", `/grievance show ${ref}`);
    const rows = await data(w.store).all<{ action: string; details: string }>(`SELECT action, details FROM "AuditEntry" WHERE action LIKE 'grievance.%'`);
    const actions = new Set(rows.map((r) => r.action));
    for (const a of ["grievance.file", "grievance.respond", "grievance.advance", "grievance.extend", "grievance.note", "grievance.close", "grievance.reassign", "grievance.view"]) expect(actions).toContain(a);
    const all = rows.map((r) => r.details).join("\n");
    expect(all).not.toMatch(/Maria|Alvarez|reprimand|Called the member/i);
  });
});
