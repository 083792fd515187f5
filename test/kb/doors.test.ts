// Every door of the knowledge base, walked as every persona, in and out of scope: nothing a person
// may not see shows through any of them (titles, counts, existence), nobody changes what they may
// not see, and "not there" reads exactly like "not yours".
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { handleAutocomplete } from "../../commands/core/dispatch.ts";
import { handleHome } from "../../commands/core/home.ts";
import { DEMO_WORKSPACE, DEMO_ROLES_START } from "../../db/demo.ts";
import { data } from "../../db/data.ts";
import { linkIdentity } from "../../db/identities.ts";
import { grantRole } from "../../db/roles.ts";
import { web } from "../helpers/store.ts";
import { addDoc, buttons, kbWorld, textOf } from "./helpers.ts";

type W = Awaited<ReturnType<typeof kbWorld>>;
let w: W;

// Each document's title carries a marker word found nowhere else, and every body says "zebra".
const DOCS = {
  pub: { title: "Public flyer XPUB", audience: "everyone" },
  mem83: { title: "SL-083 newsletter XMEMA", audience: "members", subLocal: "SL-083" },
  stew: { title: "Steward tips XSTEW", audience: "stewards" },
  off83: { title: "SL-083 officers budget XOFFA", audience: "officers", subLocal: "SL-083" },
  off390: { title: "SL-390 officers plan XOFFB", audience: "officers", subLocal: "SL-390" },
  staff83: { title: "SL-083 discipline investigation notes XSTAFFA", audience: "staff", subLocal: "SL-083" },
  staff: { title: "Statewide staff strategy XSTAFFB", audience: "staff" },
} as const;
type DocKey = keyof typeof DOCS;
const ALL = Object.keys(DOCS) as DocKey[];

// Written out by hand: who may see and who may change each document.
const SEES: Record<string, DocKey[]> = {
  maria: ["pub", "mem83"],
  sam: ["pub", "mem83", "stew"],
  pat: ["pub", "mem83", "stew", "off83"],
  olga: ["pub", "stew", "off390"],
  sofia: ALL,
};
const CHANGES: Record<string, DocKey[]> = {
  maria: [],
  sam: [],
  pat: ["mem83", "off83"],
  olga: ["off390"],
  sofia: ALL,
};
const PERSONAS = Object.keys(SEES);
const ids = {} as Record<DocKey, number>;
const MISSING = 9999;

const same = (text: string, id: number) => text.replaceAll(`#${id}`, "#N");
const db = () => data(w.store);
const personOf = async (handle: string) => (await db().one<{ personId: number }>(`SELECT "personId" FROM "ChatIdentity" WHERE "userId" = ?`, handle))!.personId;

beforeAll(async () => {
  w = await kbWorld();
  const pat = await personOf("pat");
  for (const k of ALL) {
    const d = DOCS[k];
    // Pat looks after the staff-only SL-083 document: owning it must not let him read or change it.
    ids[k] = await addDoc(w.store, { title: d.title, body: `About the zebra crossing. ${d.title}`, audience: d.audience, subLocal: "subLocal" in d ? d.subLocal : undefined, ownerId: k === "staff83" ? pat : null });
  }
  // An officer of another sub-local: a demo member of SL-390, linked and made its president.
  const olga = (await db().one<{ id: number }>(`SELECT p."id" FROM "Person" p JOIN "SubLocal" s ON s."id" = p."subLocalId" WHERE s."code" = 'SL-390' AND p."memberNumber" > '100100' ORDER BY p."id" LIMIT 1`))!;
  await linkIdentity(data(w.store), { platform: "web", workspaceId: DEMO_WORKSPACE, userId: "olga", personId: olga.id, linkedVia: "demo" });
  await grantRole(w.store, { personId: olga.id, role: "sublocal_officer", office: "president", scopeType: "sublocal", scopeId: "SL-390", startsAt: DEMO_ROLES_START, grantedById: null });
});
afterAll(() => w.store.close());

describe.each(PERSONAS)("as %s", (who) => {
  const hidden = () => ALL.filter((k) => !SEES[who]!.includes(k));

  it("show and history: a hidden document reads exactly like one that does not exist", async () => {
    const none = same(textOf((await w.run(who, `/kb show ${MISSING}`)).reply), MISSING);
    const noneHistory = same(textOf((await w.run(who, `/kb history ${MISSING}`)).reply), MISSING);
    for (const k of ALL) {
      const show = await w.run(who, `/kb show ${ids[k]}`);
      const history = await w.run(who, `/kb history ${ids[k]}`);
      if (SEES[who]!.includes(k)) {
        expect(textOf(show.reply), k).toContain(DOCS[k].title);
        expect(textOf(history.reply), k).toContain(DOCS[k].title);
      } else {
        expect(same(textOf(show.reply), ids[k]), k).toBe(none);
        expect(same(textOf(history.reply), ids[k]), k).toBe(noneHistory);
        expect(show.reply.files, k).toEqual([]);
      }
    }
  });

  it("edit and attach: only what they may change opens; every refusal has the same words as a missing number", async () => {
    const none = same(textOf((await w.run(who, `/kb edit ${MISSING}`)).reply), MISSING);
    const noneAttach = same(textOf((await w.run(who, `/kb attach ${MISSING}`)).reply), MISSING);
    expect(none).toContain("There is no document #N that you can change.");
    for (const k of ALL) {
      const edit = await w.run(who, `/kb edit ${ids[k]}`);
      const attach = await w.run(who, `/kb attach ${ids[k]}`);
      if (CHANGES[who]!.includes(k)) {
        expect(edit.reply.form?.fields.find((f) => f.name === "title")?.initial, k).toBe(DOCS[k].title);
        // The audience list always holds the document's own audience: saving can't widen it.
        const audiences = edit.reply.form!.fields.find((f) => f.name === "audience")!.options!.map((o) => o.value);
        expect(audiences, k).toContain(DOCS[k].audience);
        if (who !== "sofia") expect(audiences, k).not.toContain("staff");
        expect(attach.reply.form, k).toBeDefined();
      } else {
        expect(edit.reply.form, k).toBeUndefined();
        expect(attach.reply.form, k).toBeUndefined();
        expect(same(textOf(edit.reply), ids[k]), k).toBe(none);
        expect(same(textOf(attach.reply), ids[k]), k).toBe(noneAttach);
        expect(textOf(edit.reply)).not.toContain(DOCS[k].title);
      }
    }
  });

  it("search, its count and autocomplete show only their documents", async () => {
    const found = textOf((await w.run(who, "/kb search zebra")).reply);
    const seen = SEES[who]!;
    expect(found).toMatch(new RegExp(`^${seen.length} documents? found`));
    for (const k of ALL) expect(found.includes(DOCS[k].title), k).toBe(seen.includes(k) && found.includes(DOCS[k].title));
    for (const k of hidden()) {
      expect(textOf((await w.run(who, `/kb search ${DOCS[k].title.split(" ").at(-1)}`)).reply), k).toContain("Nothing found");
    }
    const all = [found];
    for (let more = buttons((await w.run(who, "/kb search zebra")).reply)[0]; more; ) {
      const next = await w.click(who, more.token);
      all.push(textOf(next.reply));
      more = buttons(next.reply)[0];
    }
    for (const k of ALL) expect(all.join("\n").includes(DOCS[k].title), k).toBe(seen.includes(k));
    const suggested = await handleAutocomplete(w.core, { actor: web(who), path: ["kb", "show"], arg: "id", partial: "X" });
    expect(suggested.map((s) => s.label).sort()).toEqual(seen.map((k) => DOCS[k].title).sort());
  });

  it("Home and what waits show only their documents", async () => {
    const home = textOf(await handleHome(w.core, web(who)));
    for (const k of hidden()) expect(home, k).not.toContain(DOCS[k].title);
    // Make them the owner of every document, all due for a check: they are asked only about what they may change.
    const person = await personOf(who);
    const before = await db().all<{ id: number; ownerId: number | null; reviewBy: string }>(`SELECT "id", "ownerId", "reviewBy" FROM "KbDocument"`);
    await db().run(`UPDATE "KbDocument" SET "ownerId" = ?, "reviewBy" = '2026-11-01'`, person);
    try {
      const pending = textOf((await w.run(who, "/unionhall pending")).reply);
      for (const k of ALL) expect(pending.includes(DOCS[k].title), k).toBe(SEES[who]!.includes(k));
    } finally {
      for (const r of before) await db().run(`UPDATE "KbDocument" SET "ownerId" = ?, "reviewBy" = ? WHERE "id" = ?`, r.ownerId, r.reviewBy, r.id);
    }
  });

  it("a review card clicked by someone who may not change the document changes nothing", async () => {
    const sofia = await personOf("sofia");
    await db().run(
      `UPDATE "KbDocument" SET "ownerId" = ?, "reviewBy" = '2026-11-01', "needsUpdate" = FALSE, "reviewDecidedFor" = NULL, "reviewDecision" = NULL, "reviewDecidedById" = NULL, "reviewDecidedAt" = NULL`,
      sofia,
    );
    const cards = (await w.run("sofia", "/unionhall pending")).reply;
    const needs = buttons(cards).filter((b) => b.label.startsWith("Needs an update"));
    expect(needs.length).toBeGreaterThan(0);
    for (const b of needs) {
      const out = textOf((await w.click(who, b.token)).reply);
      expect(out).toMatch(/There is no document #\d+ that you can change\.|now shows as needing an update/);
    }
    const flagged = (await db().all<{ id: number }>(`SELECT "id" FROM "KbDocument" WHERE "needsUpdate" = TRUE ORDER BY "id"`)).map((r) => r.id);
    expect(flagged).toEqual(CHANGES[who]!.map((k) => ids[k]).sort((a, b) => a - b));
    await db().run(`UPDATE "KbDocument" SET "needsUpdate" = FALSE, "reviewBy" = '2027-11-01'`);
  });

  it("the handoff packet's document list holds only what the reader may see", async () => {
    for (const code of ["SL-083", "SL-390"]) {
      const o = await w.run(who, `/handoff packet ${code}`);
      const md = o.reply.files.find((f) => f.mime === "text/markdown");
      const text = [textOf(o.reply), md ? String(md.data) : ""].join("\n");
      for (const k of hidden()) expect(text, `${code} ${k}`).not.toContain(DOCS[k].title);
    }
  });
});

describe("the unlinked and the staff-only stale list", () => {
  it("someone not linked sees no document, title or count through any door", async () => {
    for (const text of ["/kb search zebra", `/kb show ${ids.pub}`, `/kb history ${ids.pub}`, `/kb edit ${ids.pub}`, `/kb attach ${ids.pub}`, "/kb stale", "/handoff packet SL-083"]) {
      const out = textOf((await w.run("nico", text)).reply);
      for (const k of ALL) expect(out, text).not.toContain(DOCS[k].title);
      expect(out, text).not.toMatch(/documents? found/);
    }
    expect(await handleAutocomplete(w.core, { actor: web("nico"), path: ["kb", "show"], arg: "id", partial: "X" })).toEqual([]);
    const home = textOf(await handleHome(w.core, web("nico")));
    for (const k of ALL) expect(home, k).not.toContain(DOCS[k].title);
  });

  it("/kb stale is for staff, who see every stale document", async () => {
    await db().run(`UPDATE "KbDocument" SET "reviewBy" = '2026-11-01'`);
    try {
      const staff = textOf((await w.run("sofia", "/kb stale")).reply);
      for (const k of ALL) expect(staff, k).toContain(DOCS[k].title);
      for (const who of ["maria", "sam", "pat", "olga"]) {
        const out = textOf((await w.run(who, "/kb stale")).reply);
        for (const k of ALL) expect(out, `${who} ${k}`).not.toContain(DOCS[k].title);
      }
    } finally {
      await db().run(`UPDATE "KbDocument" SET "reviewBy" = '2027-11-01'`);
    }
  });
});

describe("editing never widens past the editor's own audience", () => {
  it("an officer's form for a sub-local document offers only audiences up to officers, and a forged 'staff' or wider save of a hidden one is refused", async () => {
    const opened = await w.run("pat", `/kb edit ${ids.off83}`);
    const form = opened.reply.form!;
    const saved = await w.submit("pat", form.token, { title: DOCS.off83.title, kind: "officer_guide", audience: "staff", body: "Changed.", tags: "" });
    expect(saved.ok).toBe(false);
    const row = (await db().one<{ audience: string; body: string }>(`SELECT "audience", "body" FROM "KbDocument" WHERE "id" = ?`, ids.off83))!;
    expect(row.audience).toBe("officers");
    // The staff-only document pat looks after is neither shown nor changed through any form.
    const staffRow = await db().one<{ audience: string; version: number }>(`SELECT "audience", "version" FROM "KbDocument" WHERE "id" = ?`, ids.staff83);
    expect(staffRow).toEqual({ audience: "staff", version: 1 });
  });

  it("a refused edit is audited once, with the document's number only", async () => {
    const count = async () => Number((await db().one<{ n: number }>(`SELECT count(*) AS "n" FROM "AuditEntry" WHERE "action" = 'kb.edit.refused'`))!.n);
    const before = await count();
    await w.run("pat", `/kb edit ${ids.staff83}`);
    expect(await count()).toBe(before + 1);
  });
});
