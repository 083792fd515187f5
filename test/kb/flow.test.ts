// The knowledge base as people meet it, through the real core on a demo database.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createScheduler } from "../../bot/scheduler/dispatcher.ts";
import { data } from "../../db/data.ts";
import { RecordingPoster } from "../scheduler/helpers.ts";
import { addDoc, buttons, kbWorld, textOf } from "./helpers.ts";
import { SEARCH_DOCS } from "./search-corpus.ts";

type W = Awaited<ReturnType<typeof kbWorld>>;

describe("search", () => {
  let w: W;
  beforeAll(async () => {
    w = await kbWorld();
    for (const d of SEARCH_DOCS) await addDoc(w.store, d);
  });
  afterAll(() => w.store.close());

  it("ranks a title match above a body match", async () => {
    const o = await w.run("sam", "/kb search grievance");
    const t = textOf(o.reply);
    expect(t.indexOf("Steward guide: filing a grievance")).toBeGreaterThanOrEqual(0);
    expect(t.indexOf("Steward guide: filing a grievance")).toBeLessThan(t.indexOf("Contract summary"));
  });

  it("ranks the words standing together above the same words scattered", async () => {
    const t = textOf((await w.run("maria", "/kb search step meeting")).reply);
    expect(t.indexOf("Step meeting checklist")).toBeLessThan(t.indexOf("Meeting room list"));
    const phrase = textOf((await w.run("maria", '/kb search "step meeting"')).reply);
    expect(phrase).toContain("Step meeting checklist");
    expect(phrase).not.toContain("Meeting room list");
  });

  it("a member never sees a stewards' guide, not even in the count", async () => {
    const member = textOf((await w.run("maria", "/kb search grievance")).reply);
    expect(member).not.toContain("Steward guide");
    expect(member).not.toContain("Staff-only");
    expect(member).not.toContain("officers'");
    expect(member).toMatch(/^2 documents found/);
    const shown = await w.run("maria", "/kb show 1");
    expect(textOf(shown.reply)).toContain("There is no document #1 that you can see.");
  });

  it("officers see their own sub-local's documents, staff see every one", async () => {
    const pat = textOf((await w.run("pat", "/kb search grievance")).reply);
    expect(pat).toContain("SL-083 officers' budget notes");
    expect(pat).not.toContain("SL-390 officers' notes");
    expect(pat).not.toContain("Staff-only");
    const sofia = textOf((await w.run("sofia", "/kb search grievance")).reply);
    expect(sofia).toMatch(/^6 documents found/);
    expect(buttons((await w.run("sofia", "/kb search grievance")).reply).map((b) => b.label)).toEqual(["More results"]);
  });

  it("'More' shows the next five", async () => {
    const first = await w.run("sofia", "/kb search grievance");
    const more = await w.click("sofia", buttons(first.reply)[0]!.token);
    expect(textOf(more.reply)).toMatch(/^6 documents found \(showing 6 to 6\)/);
    expect(buttons(more.reply)).toEqual([]);
  });

  it("finds Spanish and Vietnamese with or without accents, and Chinese by two characters", async () => {
    expect(textOf((await w.run("maria", "/kb search guia queja")).reply)).toContain("Guía para delegados");
    expect(textOf((await w.run("maria", "/kb search huong dan")).reply)).toContain("Hướng dẫn cho đại diện");
    expect(textOf((await w.run("maria", "/kb search dai dien")).reply)).toContain("Hướng dẫn cho đại diện");
    expect(textOf((await w.run("maria", "/kb search 申诉")).reply)).toContain("工会合同指南");
    expect(textOf((await w.run("maria", "/kb search 合同")).reply)).toContain("工会合同指南");
    expect(textOf((await w.run("maria", "/kb search 诉程序")).reply)).toContain("工会合同指南");
  });

  it("answers hostile queries with results or a polite 'nothing found'", async () => {
    for (const q of ['"unbalanced', "NEAR(a b)", "AND OR NOT", "*", "((( grievance", "🙂", "x".repeat(1500), "title:grievance", "'; DROP TABLE \"KbDocument\"; --"]) {
      const o = await w.run("sofia", `/kb search ${q}`);
      expect(textOf(o.reply), q.slice(0, 40)).toMatch(/documents? found|Nothing found|Type some words/);
    }
    expect(Number((await data(w.store).one<{ n: number }>(`SELECT count(*) AS "n" FROM "KbDocument"`))!.n)).toBe(11);
  });

  it("filters by kind", async () => {
    expect(textOf((await w.run("sofia", "/kb search flyer grievance")).reply)).toContain("Nothing found");
    const forms = textOf((await w.run("sofia", "/kb search form grievance")).reply);
    expect(forms).toMatch(/^1 document found/);
    expect(forms).toContain("Grievance form");
  });

  it("answers in the person's language", async () => {
    expect(textOf((await w.run("maria", "/kb search zzzz", "es")).reply)).toContain("No se encontró nada");
    expect(textOf((await w.run("maria", "/kb search 申诉", "zh-Hans")).reply)).toContain("找到 1 份文件");
    expect(textOf((await w.run("maria", "/kb search 申诉", "ru")).reply)).toContain("Найден 1 документ");
  });
});

describe("adding, editing, versions and reviews", () => {
  let w: W;
  beforeAll(async () => {
    w = await kbWorld();
  });
  afterAll(() => w.store.close());

  const add = async (who: string, values: Record<string, string>) => {
    const opened = await w.run(who, "/kb add");
    expect(opened.reply.form, textOf(opened.reply)).toBeDefined();
    return w.submit(who, opened.reply.form!.token, values);
  };

  it("a member may not add; staff add and the steward then finds it", async () => {
    expect(textOf((await w.run("maria", "/kb add")).reply)).toMatch(/don't have access|not allowed|only|Only/i);
    const out = await add("sofia", { title: "Flyer: Friday rally", kind: "flyer", audience: "members", body: "Join us at the Capitol on Friday.", tags: "Rally, capitol" });
    expect(out.ok).toBe(true);
    expect(out.ok && textOf(out.reply)).toMatch(/Saved as document #1: “Flyer: Friday rally”\. We will ask you on .*2027/);
    expect(textOf((await w.run("sam", "/kb search rally")).reply)).toContain("Flyer: Friday rally");
  });

  it("an officer adds for their own sub-local only, and cannot publish to staff", async () => {
    const refused = await add("pat", { title: "Officer notes", kind: "minutes", audience: "staff", body: "Notes." });
    expect(refused.ok).toBe(false);
    const ok = await add("pat", { title: "SL-083 meeting minutes", kind: "minutes", audience: "members", body: "We met and voted." });
    expect(ok.ok).toBe(true);
    const row = await data(w.store).one<{ code: string }>(`SELECT s."code" FROM "KbDocument" d JOIN "SubLocal" s ON s."id" = d."subLocalId" WHERE d."title" = ?`, "SL-083 meeting minutes");
    expect(row?.code).toBe("SL-083");
  });

  it("an edit keeps the previous version; only the owner, its officers or staff may edit", async () => {
    expect(textOf((await w.run("sam", "/kb edit 1")).reply)).toContain("There is no document #1 that you can change.");
    const opened = await w.run("sofia", "/kb edit 1");
    const form = opened.reply.form!;
    expect(form.fields.find((f) => f.name === "title")?.initial).toBe("Flyer: Friday rally");
    const saved = await w.submit("sofia", form.token, { title: "Flyer: Saturday rally", kind: "flyer", audience: "members", body: "Join us at the Capitol on Saturday.", tags: "rally" });
    expect(saved.ok && textOf(saved.reply)).toContain("now at version 2");
    const history = textOf((await w.run("sam", "/kb history 1")).reply);
    expect(history).toContain("Version 2 (now): Flyer: Saturday rally");
    expect(history).toContain("Version 1: Flyer: Friday rally");
    expect(textOf((await w.run("sam", "/kb search friday")).reply)).toContain("Nothing found");
    expect(textOf((await w.run("sam", "/kb search saturday")).reply)).toContain("Flyer: Saturday rally");
  });

  it("asks the owner on the review date; 'Needs an update' flags it in search until edited", async () => {
    const poster = new RecordingPoster("web");
    const sched = createScheduler({ store: w.store, core: w.core, posters: new Map([["web", poster]]), log: { info() {}, warn() {}, error() {} }, clock: w.clock });
    await sched.start();
    try {
      w.clock.set(new Date("2027-11-23T16:00:00Z")); // 08:00 Pacific: not yet
      await sched.runDue();
      expect(poster.deliveries.filter((d) => d.text.includes("still correct"))).toEqual([]);
      w.clock.set(new Date("2027-11-23T17:05:00Z"));
      await sched.runDue();
      const asked = poster.deliveries.filter((d) => d.text.includes("Is this document still correct?"));
      expect(asked.map((d) => d.text.match(/“([^”]+)”/)?.[1]).sort()).toEqual(["Flyer: Saturday rally", "SL-083 meeting minutes"]);
      const card = asked.find((d) => d.text.includes("Saturday"))!;
      const needs = card.reply.blocks.flatMap((b) => (b.type === "buttons" ? b.buttons : [])).find((b) => b.label === "Needs an update")!;
      const clicked = await w.click("sofia", needs.token);
      expect(textOf(clicked.reply)).toContain("now shows as needing an update");
      expect(textOf((await w.run("sam", "/kb search saturday")).reply)).toContain("needs an update");
      expect(textOf((await w.run("sofia", "/kb stale")).reply)).toContain("Flyer: Saturday rally");
      // A second click on the same card decides nothing more.
      expect(textOf((await w.click("sofia", needs.token)).reply)).not.toContain("now shows as needing");
    } finally {
      await sched.stop();
    }
  });
});

describe("home, what waits for me, and the handoff section", () => {
  let w: W;
  beforeAll(async () => {
    w = await kbWorld();
  });
  afterAll(() => w.store.close());

  it("Home lists the newest documents for the person's audience; what waits lists the owner's due checks", async () => {
    const sofia = (await data(w.store).one<{ personId: number }>(`SELECT "personId" FROM "ChatIdentity" WHERE "userId" = 'sofia'`))!.personId;
    await addDoc(w.store, { title: "Members' newsletter", body: "News.", audience: "members", ownerId: sofia, reviewBy: "2026-11-20" });
    await addDoc(w.store, { title: "Stewards' bulletin", body: "For stewards.", audience: "stewards" });
    const { handleHome } = await import("../../commands/core/home.ts");
    const { web } = await import("../helpers/store.ts");
    const home = textOf(await handleHome(w.core, web("maria")));
    expect(home).toContain("New and updated documents");
    expect(home).toContain("Members' newsletter");
    expect(home).not.toContain("Stewards' bulletin");
    const pending = await w.run("sofia", "/unionhall pending");
    expect(textOf(pending.reply)).toContain("Is this document still correct?");
    const still = buttons(pending.reply).find((b) => b.label === "Still correct · 1")!;
    expect(textOf((await w.click("sofia", still.token)).reply)).toContain("marked as checked");
    expect(textOf((await w.run("sofia", "/unionhall pending")).reply)).not.toContain("Members' newsletter");
  });

  it("the handoff section lists the sub-local's own documents only", async () => {
    await addDoc(w.store, { title: "SL-083 bylaws", body: "Bylaws.", kind: "policy", audience: "members", subLocal: "SL-083" });
    await addDoc(w.store, { title: "SL-390 bylaws", body: "Bylaws.", kind: "policy", audience: "members", subLocal: "SL-390" });
    const { kbFeature } = await import("../../commands/kb/index.ts");
    const { makeCtx } = await import("../../commands/core/dispatch.ts");
    const { resolveCaller } = await import("../../commands/core/identity.ts");
    const { web } = await import("../helpers/store.ts");
    const actor = web("pat");
    const ctx = makeCtx(w.core, actor, await resolveCaller(w.store, actor, w.clock.now()));
    const sl = (await data(w.store).one<{ id: number; code: string; name: string }>(`SELECT "id", "code", "name" FROM "SubLocal" WHERE "code" = 'SL-083'`))!;
    const section = await kbFeature.handoff!(ctx as never, sl);
    expect(section!.markdown).toContain("SL-083 bylaws");
    expect(section!.markdown).not.toContain("SL-390 bylaws");
    expect(section!.markdown).toContain("SL-083 has 1 document of its own");
  });
});

describe("a word in more than a thousand documents", () => {
  let w: W;
  beforeAll(async () => {
    w = await kbWorld();
    for (let i = 1; i <= 1100; i++) await addDoc(w.store, { title: i % 100 === 1 ? `Union newsletter ${i}` : `Bulletin ${i}`, body: `News for every union member, issue ${i}.`, audience: i % 2 ? "members" : "staff" });
  });
  afterAll(() => w.store.close());

  it("lists title matches first, then the newest, without a count, and pages on", async () => {
    const first = await w.run("maria", "/kb search union");
    const t = textOf(first.reply);
    expect(t).toMatch(/^Documents found \(showing 1 to 5\)/);
    // Titles with the word come first (newest first); staff-only ones never show.
    expect([...t.matchAll(/\*(Union newsletter \d+)\*/g)].map((m) => m[1])).toEqual(["Union newsletter 1001", "Union newsletter 901", "Union newsletter 801", "Union newsletter 701", "Union newsletter 601"]);
    const more = await w.click("maria", buttons(first.reply)[0]!.token);
    expect([...textOf(more.reply).matchAll(/\*(Union newsletter \d+)\*/g)].map((m) => m[1])).toEqual(["Union newsletter 501", "Union newsletter 401", "Union newsletter 301", "Union newsletter 201", "Union newsletter 101"]);
    const third = await w.click("maria", buttons(more.reply)[0]!.token);
    const t3 = textOf(third.reply);
    expect(t3).toMatch(/^Documents found \(showing 11 to 15\)/);
    expect([...t3.matchAll(/\*((?:Union newsletter|Bulletin) \d+)\*/g)].map((m) => m[1])).toEqual(["Union newsletter 1", "Bulletin 1099", "Bulletin 1097", "Bulletin 1095", "Bulletin 1093"]);
  });
});
