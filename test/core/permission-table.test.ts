// Who may do what, as a person meets it: every command of the existing areas (unionhall,
// grievance, contacts) typed by each demo persona through the core's dispatch, against a table
// written out by hand from the roles each command is for; then the scope rules (a case or a
// sub-local inside or outside the person's scope) for the commands that have one.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCore, handleAction, handleCommand, handleForm, type Core, type Outcome } from "../../commands/core/dispatch.ts";
import { contactsFeature } from "../../commands/contacts/index.ts";
import { grievanceFeature } from "../../commands/grievance/index.ts";
import { unionhallFeature } from "../../commands/unionhall/index.ts";
import { DEMO_ROLES_START, DEMO_WORKSPACE } from "../../db/demo.ts";
import { data } from "../../db/data.ts";
import { linkIdentity } from "../../db/identities.ts";
import { grantRole } from "../../db/roles.ts";
import type { Store } from "../../db/store.ts";
import { TEST_KEY } from "../contacts/setup.ts";
import { seededStore, testClock } from "../helpers/store.ts";

type Persona = "maria" | "sam" | "carla" | "pat" | "tom" | "dana" | "sofia" | "elena" | "paul" | "nico";
const EVERYONE: Persona[] = ["maria", "sam", "carla", "pat", "tom", "dana", "sofia", "elena", "paul", "nico"];
const LINKED = EVERYONE.filter((p) => p !== "nico");
const ADMINS: Persona[] = ["sofia", "elena"]; // staff, executive director
const STEWARDS: Persona[] = ["sam", "carla", ...ADMINS];
const CASE_READERS: Persona[] = ["sam", "carla", "pat", "tom", "dana", ...ADMINS]; // stewards, sub-local officers, directors
const OFFICERS_UP: Persona[] = ["pat", "tom", ...ADMINS, "paul"];

/** Each command typed bare (no options), and who may run it. */
const TABLE: [string, Persona[]][] = [
  ["/unionhall help", EVERYONE],
  ["/unionhall whoami", EVERYONE],
  ["/unionhall language", EVERYONE],
  ["/unionhall pending", LINKED],
  ["/unionhall remind", LINKED],
  ["/unionhall channel-language", LINKED],
  ["/unionhall admin link", ADMINS],
  ["/unionhall admin link-code", ADMINS],
  ["/unionhall admin role grant", ADMINS],
  ["/unionhall admin role revoke", ADMINS],
  ["/unionhall admin role list", ADMINS],
  ["/unionhall admin audit", ADMINS],
  ["/unionhall jobs", ADMINS],
  ["/grievance file", STEWARDS],
  ["/grievance show", LINKED],
  ["/grievance mine", LINKED],
  ["/grievance list", CASE_READERS],
  ["/grievance respond", STEWARDS],
  ["/grievance advance", STEWARDS],
  ["/grievance extend", STEWARDS],
  ["/grievance note", STEWARDS],
  ["/grievance close", STEWARDS],
  ["/grievance reassign", ["carla", ...ADMINS]],
  ["/grievance report", [...CASE_READERS, "paul"]],
  ["/grievance schedule", ADMINS],
  ["/grievance contract list", CASE_READERS],
  ["/grievance contract set", ADMINS],
  ["/grievance holiday list", LINKED],
  ["/grievance holiday add", ADMINS],
  ["/grievance channel", ["carla", ...ADMINS]],
  ["/contacts board", LINKED],
  ["/contacts leaders", LINKED],
  ["/contacts agreement", LINKED],
  ["/contacts request", LINKED],
  ["/contacts agreement-publish", ADMINS],
  ["/contacts audit", OFFICERS_UP],
  ["/contacts revoke", OFFICERS_UP],
  ["/contacts seat-add", ADMINS],
  ["/contacts seat-end", ADMINS],
];

let store: Store;
let core: Core;
let dir: string;
const clock = testClock();
const actor = (who: string) => ({ platform: "web" as const, workspaceId: DEMO_WORKSPACE, userId: who, locale: "en" });
const run = (who: string, text: string) => handleCommand(core, { actor: actor(who), text });
const textOf = (o: Outcome) => o.reply.fallbackText;
/** The core's refusals: not for your roles, not linked, or (to hide that a case exists) not found. */
const refused = (o: Outcome) => /^⚠️ .*(is only for:|isn't linked|can't find a case)/s.test(textOf(o)) && !o.reply.form;

beforeAll(async () => {
  process.env.MEMBER_DATA_KEY = TEST_KEY;
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "uh-perm-"));
  store = await seededStore(path.join(dir, "x.db"), { members: 80 });
  core = createCore({ store, features: [unionhallFeature, grievanceFeature, contactsFeature], clock });
});
afterAll(async () => {
  await store?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("role × command (typed bare)", () => {
  for (const [command, allowed] of TABLE)
    it(`${command}: ${allowed.length === EVERYONE.length ? "everyone" : allowed.join(", ")}`, async () => {
      const got: Record<string, "allowed" | "refused"> = {};
      for (const who of EVERYONE) got[who] = refused(await run(who, command)) ? "refused" : "allowed";
      expect(got).toEqual(Object.fromEntries(EVERYONE.map((p) => [p, allowed.includes(p) ? "allowed" : "refused"])));
    });
});

/** A plain member of `code` who is not a persona, linked on the playground as `handle`. */
async function memberOf(code: string, handle: string): Promise<string> {
  const row = (await data(store).one<{ id: number; memberNumber: string }>(
    `SELECT p."id", p."memberNumber" FROM "Person" p JOIN "SubLocal" s ON s."id" = p."subLocalId" WHERE s."code" = ? AND p."memberNumber" > '100010' AND p."membershipStatus" = 'member' ORDER BY p."memberNumber" LIMIT 1`,
    code,
  ))!;
  await linkIdentity(data(store), { platform: "web", workspaceId: DEMO_WORKSPACE, userId: handle, personId: row.id, linkedVia: "admin" });
  await grantRole(store, { personId: row.id, role: "member", scopeType: "sublocal", scopeId: code, startsAt: DEMO_ROLES_START, grantedById: null });
  return row.memberNumber;
}

async function file(who: string, grievant: string): Promise<string> {
  const open = await run(who, `/grievance file ${grievant}`);
  const page1 = await handleForm(core, { actor: actor(who), token: open.reply.form!.token, values: { grievant, contract: "STATE-2025", category: "pay", articles: "7", incident: "2026-11-16" } });
  if (!page1.ok || !page1.reply.form) throw new Error(JSON.stringify(page1));
  const initial = Object.fromEntries(page1.reply.form.fields.filter((f) => f.initial !== undefined).map((f) => [f.name, f.initial!]));
  const done = await handleForm(core, { actor: actor(who), token: page1.reply.form.token, values: { ...initial, learned: "2026-11-16", narrative: "Overtime paid at straight time.", remedy: "Back pay." } });
  const ref = done.ok ? /Filed (G-\d{4}-\d{4})/.exec(done.reply.fallbackText)?.[1] : undefined;
  if (!ref) throw new Error(JSON.stringify(done));
  return ref;
}

describe("grievance: in and out of scope", () => {
  let inside = "";
  let outside = "";
  beforeAll(async () => {
    await memberOf("SL-083", "ana");
    const other = await memberOf("SL-390", "omar");
    inside = await file("sam", "100001"); // Maria's case, SL-083
    outside = await file("sofia", other); // a member of SL-390
  });

  const rows: [Persona | "ana" | "omar", string, "inside" | "outside", boolean][] = [
    ["maria", "show", "inside", true], // her own case
    ["maria", "show", "outside", false],
    ["ana", "show", "inside", false], // another member of the same sub-local
    ["omar", "show", "outside", true],
    ["sam", "show", "inside", true],
    ["sam", "show", "outside", false],
    ["sam", "note", "inside", true],
    ["sam", "note", "outside", false],
    ["carla", "note", "inside", true],
    ["carla", "note", "outside", false],
    ["pat", "show", "inside", true],
    ["pat", "show", "outside", false],
    ["pat", "note", "inside", false], // officers read, stewards act
    ["paul", "show", "inside", false],
    ["sofia", "note", "inside", true],
    ["sofia", "note", "outside", true],
    ["elena", "show", "outside", true],
  ];
  for (const [who, what, where, ok] of rows)
    it(`${who} ${ok ? "may" : "may not"} ${what} a case ${where} their scope`, async () => {
      const ref = where === "inside" ? inside : outside;
      const out = await run(who, what === "show" ? `/grievance show ${ref}` : `/grievance note ${ref} Checked in with the member.`);
      if (ok) {
        expect(textOf(out)).not.toMatch(/Sorry|can't find/);
        expect(textOf(out)).toContain(ref);
      } else {
        expect(refused(out)).toBe(true);
        expect(textOf(out)).not.toContain("Overtime paid"); // nothing of the case leaks
      }
    });

  it("/grievance list shows a steward their sub-local's cases only", async () => {
    const list = textOf(await run("sam", "/grievance list"));
    expect(list).toContain(inside);
    expect(list).not.toContain(outside);
  });
});

describe("contacts: in and out of scope", () => {
  const justification = "Inviting members to the contract ratification meeting next week.";
  async function request(who: string, scope: string) {
    const shown = await run(who, "/contacts agreement");
    const ack = shown.reply.blocks.flatMap((b) => (b.type === "buttons" ? b.buttons : [])).find((b) => /acknowledge/i.test(b.label));
    if (ack) await handleAction(core, { actor: actor(who), token: ack.token });
    const open = await run(who, "/contacts request");
    const page1 = await handleForm(core, { actor: actor(who), token: open.reply.form!.token, values: { scope, purpose: "email", justification } });
    if (!page1.ok || !page1.reply.form) return page1;
    return handleForm(core, { actor: actor(who), token: page1.reply.form.token, values: { attest: "confirm" } });
  }

  it("an officer may ask for their own sub-local only", async () => {
    const out = await request("tom", "sublocal:SL-390");
    expect(out.ok).toBe(false);
    expect(!out.ok && Object.keys(out.errors)).toEqual(["scope"]);
    const ok = await request("tom", "sublocal:SL-083");
    expect(ok.ok && ok.reply.fallbackText).toMatch(/sent to the president of sub-local SL-083/);
  });

  it("the sub-local president decides; a steward, another sub-local's officer and the requester may not", async () => {
    const sent = await request("tom", "sublocal:SL-083");
    if (!sent.ok) throw new Error(JSON.stringify(sent.errors));
    const pat = (await data(store).one<{ id: number }>(`SELECT "id" FROM "Person" WHERE "memberNumber" = '100004'`))!.id;
    const card = sent.notices.find((n) => n.personId === pat)!.message;
    const approve = card.blocks.flatMap((b) => (b.type === "buttons" ? b.buttons : [])).find((b) => /approve/i.test(b.label))!;
    for (const who of ["sam", "tom", "maria", "nico"]) {
      const out = await handleAction(core, { actor: actor(who), token: approve.token });
      expect(out.reply.fallbackText, who).toMatch(/Sorry|only for|own request|isn't linked/);
    }
    const requestId = (await data(store).one<{ id: number; status: string }>(`SELECT "id", "status" FROM "ContactRequest" ORDER BY "id" DESC LIMIT 1`))!;
    expect(requestId.status).toBe("pending");
    const decided = await handleAction(core, { actor: actor("pat"), token: approve.token });
    expect(decided.reply.fallbackText).toMatch(/approved by Pat Larsen/);
  });

  it("an approver who asked themselves may not decide their own request", async () => {
    // Pat is SL-083's president: the approver for SL-083 requests, except his own.
    const sent = await request("pat", "sublocal:SL-083");
    if (!sent.ok) throw new Error(JSON.stringify(sent.errors));
    const pat = (await data(store).one<{ id: number }>(`SELECT "id" FROM "Person" WHERE "memberNumber" = '100004'`))!.id;
    expect(sent.notices.map((n) => n.personId)).not.toContain(pat);
    const card = sent.notices[0]!.message;
    const approve = card.blocks.flatMap((b) => (b.type === "buttons" ? b.buttons : [])).find((b) => /approve/i.test(b.label))!;
    const own = await handleAction(core, { actor: actor("pat"), token: approve.token });
    expect(own.reply.fallbackText).toMatch(/own request/);
    const row = (await data(store).one<{ status: string }>(`SELECT "status" FROM "ContactRequest" ORDER BY "id" DESC LIMIT 1`))!;
    expect(row.status).toBe("pending");
  });
});
