// The handoff packet as each role asks for it, what it leaves out, and notes left for successors.
import { afterEach, describe, expect, it } from "vitest";
import type { RenderedReply } from "../../commands/core/reply.ts";
import type { Feature } from "../../commands/core/command.ts";
import { createCore, handleCommand } from "../../commands/core/dispatch.ts";
import { release } from "../../commands/core/disclosure.ts";
import { data } from "../../db/data.ts";
import { markdownToPdfBlocks } from "../../commands/handoff/rules.ts";
import { readPdf } from "../report/pdf-text.ts";
import { features } from "../../commands/index.ts";
import { web } from "../helpers/store.ts";
import { addDoc, textOf } from "../kb/helpers.ts";
import { trainingWorld } from "../training/helpers.ts";

type W = Awaited<ReturnType<typeof trainingWorld>>;
let w: W | undefined;
afterEach(async () => {
  await w?.store.close();
  w = undefined;
});

const PAGE1 = ["grievant", "contract", "category", "articles", "incident"];

/** Files a grievance for Maria (SL-083) through both intake forms, as her steward would. */
async function fileGrievance(w: W) {
  const values: Record<string, string> = {
    grievant: "100001", contract: "STATE-2025", articles: "21.1, 18", category: "discipline", incident: "2026-11-16", learned: "2026-11-17", discipline: "2026-11-18",
    narrative: "Written reprimand without just cause.", remedy: "Remove the reprimand from the file.",
  };
  const open = await w.run("sam", "/grievance file");
  const first = await w.submit("sam", open.reply.form!.token, Object.fromEntries(Object.entries(values).filter(([k]) => PAGE1.includes(k))));
  if (!first.ok) throw new Error(`intake page 1 refused: ${JSON.stringify(first.errors)}`);
  const form = first.reply.form!;
  const initial = Object.fromEntries(form.fields.filter((f) => f.initial !== undefined).map((f) => [f.name, f.initial!]));
  const done = await w.submit("sam", form.token, { ...initial, ...Object.fromEntries(Object.entries(values).filter(([k]) => !PAGE1.includes(k))) });
  if (!done.ok) throw new Error(`intake page 2 refused: ${JSON.stringify(done.errors)}`);
  const ref = /G-\d{4}-\d+/.exec(textOf(done.reply))?.[0];
  if (!ref) throw new Error(`no case filed: ${textOf(done.reply)}`);
  return ref;
}

const fileText = (r: RenderedReply, mime: string) => {
  const f = r.files.find((x) => x.mime === mime);
  if (!f) throw new Error(`no ${mime} file`);
  return typeof f.data === "string" ? f.data : f.data.toString("utf8");
};

describe("handoff packet", () => {
  it("an officer of SL-083 gets SL-083's packet: open cases with deadlines, figures, money, documents, training, notes; as chat, Markdown and PDF", async () => {
    w = await trainingWorld();
    const ref = await fileGrievance(w);
    await addDoc(w.store, { title: "SL-083 budget 2027", body: "Budget lines.", audience: "officers", subLocal: "SL-083" });
    const note = await w.run("pat", "/handoff note The DHS payroll contact is in the shared folder; budget vote in March.");
    expect(textOf(note.reply)).toContain("Your note #1 is kept in SL-083's handoff packet");

    const o = await w.run("pat", "/handoff packet SL-083");
    const chat = textOf(o.reply);
    expect(chat).toContain("Handoff packet: SL-083 Salem State Workers");
    expect(chat).toContain(`${ref} · `);
    expect(chat).toMatch(/next: .*\d/);
    expect(chat).toContain("Grievance report — SL-083");
    expect(chat).toContain("Members and contact access in SL-083");
    expect(chat).toContain("SL-083 budget 2027");
    expect(chat).toContain("Training of SL-083's officers");
    expect(chat).toContain("The DHS payroll contact is in the shared folder");
    expect(chat).toContain("Pat Larsen");
    expect(o.reply.files.map((f) => f.name)).toEqual(expect.arrayContaining(["handoff-sl-083.md", "handoff-sl-083.pdf"]));
    const md = fileText(o.reply, "text/markdown");
    expect(md).toMatch(/^# Handoff packet: SL-083 Salem State Workers/);
    expect(md).toContain(`- ${ref} · `);
    expect(md).toContain("## Notes from past officers of SL-083");
    const pdf = o.reply.files.find((f) => f.mime === "application/pdf")!.data as Buffer;
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");

    // Nothing of a member's personal details: not the grievant's name, the narrative or a work e-mail.
    for (const text of [chat, md]) {
      expect(text).not.toContain("Maria");
      expect(text).not.toContain("Alvarez");
      expect(text).not.toContain("Written reprimand");
      expect(text).not.toMatch(/@[a-z0-9.-]+\.[a-z]{2,}/i);
    }
  });

  it("fee payers are shown apart from members, counted from the status history like the membership report", async () => {
    w = await trainingWorld();
    const db = data(w.store);
    // The records were on file before this month (their history starts when they were created).
    await db.run(`UPDATE "Person" SET "createdAt" = ?`, new Date("2026-01-15T12:00:00Z"));
    const inSl = `"subLocalId" = (SELECT "id" FROM "SubLocal" WHERE "code" = 'SL-083')`;
    // Seven of SL-083's people pay the fee without being members.
    await db.run(`UPDATE "Person" SET "membershipStatus" = 'fee_payer' WHERE "id" IN (SELECT "id" FROM "Person" WHERE ${inSl} AND "membershipStatus" = 'member' ORDER BY "id" DESC LIMIT 7)`);
    const count = async (status: string) => Number((await db.one<{ n: number }>(`SELECT count(*) AS "n" FROM "Person" WHERE ${inSl} AND "membershipStatus" = ?`, status))!.n);
    const members = await count("member");
    expect(members).toBeGreaterThanOrEqual(5);
    const feePayers = await count("fee_payer");
    expect(feePayers).toBeGreaterThanOrEqual(7);
    const md = fileText((await w.run("pat", "/handoff packet SL-083")).reply, "text/markdown");
    // Published like every count: rounded to the nearest 5.
    expect(md).toContain(`- Members: ${release(members)}\n`);
    expect(md).toContain(`- Fee payers (not members): ${release(feePayers)}\n`);
    expect(release(members + feePayers)).not.toBe(release(members));
  });

  it("a member and a steward are refused; a director sees a sub-local of their group only; staff see any", async () => {
    w = await trainingWorld();
    for (const who of ["maria", "sam"]) {
      const o = await w.run(who, "/handoff packet SL-083");
      expect(textOf(o.reply)).toContain("Only officers of SL-083, its board directors and staff can see its handoff packet.");
      expect(o.reply.files).toEqual([]);
    }
    expect(textOf((await w.run("pat", "/handoff packet SL-390")).reply)).toContain("Only officers of SL-390");
    expect(textOf((await w.run("dana", "/handoff packet SL-083")).reply)).toContain("Handoff packet: SL-083");
    expect(textOf((await w.run("dana", "/handoff packet SL-140")).reply)).toContain("Only officers of SL-140");
    expect(textOf((await w.run("sofia", "/handoff packet SL-730")).reply)).toContain("Handoff packet: SL-730 Eugene Higher Education");
    // An unknown code reads the same as a refusal.
    expect(textOf((await w.run("pat", "/handoff packet SL-999")).reply)).toContain("Only officers of SL-999");
  });

  it("notes: only officers write them; the author edits their own and no one else's", async () => {
    w = await trainingWorld();
    expect(textOf((await w.run("maria", "/handoff note Please remember the picnic permit.")).reply)).toContain("Only officers of a sub-local");
    await w.run("pat", "/handoff note Please remember the picnic permit.");
    expect(textOf((await w.run("tom", "/handoff edit 1 Tom was here and changed it.")).reply)).toContain("You have no handoff note #1");
    expect(textOf((await w.run("pat", "/handoff edit 1 The picnic permit is due in May.")).reply)).toContain("Your note #1 is updated.");
    w.clock.advance(2 * 24 * 60 * 60 * 1000);
    await w.run("pat", "/handoff edit 1 The picnic permit is due in June.");
    const chat = textOf((await w.run("tom", "/handoff packet SL-083")).reply);
    expect(chat).toContain("The picnic permit is due in June.");
    expect(chat).not.toContain("Tom was here");
    expect(chat).toMatch(/#1 · Pat Larsen · Mon, Nov 23, 2026 · changed Wed, Nov 25, 2026/);
  });

  it("Markdown sections become PDF headings, list items and paragraphs with bold and italic as styles", () => {
    expect(markdownToPdfBlocks("# Top\n\n## Cases\n\n- one **two**\n- *three*\n\nSome text\n")).toEqual([
      { kind: "rich", style: "heading", runs: [{ text: "Cases", bold: true, italic: undefined }] },
      { kind: "rich", style: "item", marker: "•", depth: 0, runs: [{ text: "one ", bold: undefined, italic: undefined }, { text: "two", bold: true, italic: undefined }] },
      { kind: "rich", style: "item", marker: "•", depth: 0, runs: [{ text: "three", bold: undefined, italic: true }] },
      { kind: "rich", style: "paragraph", runs: [{ text: "Some text", bold: undefined, italic: undefined }] },
    ]);
  });

  it("the PDF and the chat show no Markdown marks, and the PDF says its intro once", async () => {
    w = await trainingWorld();
    const o = await w.run("tom", "/handoff packet SL-083");
    const pdf = await readPdf(o.reply.files.find((f) => f.mime === "application/pdf")!.data as Buffer);
    const all = pdf.text.join(" ");
    expect(all).not.toMatch(/\*\*|(^|\s)##?\s/);
    const md = o.reply.files.find((f) => f.name.endsWith(".md"))!.data as string;
    const intro = md.split("\n")[2]!;
    expect(intro.length).toBeGreaterThan(10);
    expect(all.replace(/\s+/g, "").split(intro.replace(/\s+/g, "")).length - 1).toBe(1);
    expect(textOf(o.reply)).not.toContain("**");
  });

  it("an area whose section fails is left out and logged; the rest of the packet still comes", async () => {
    w = await trainingWorld();
    const broken: Feature = { area: "brokenarea", description: "x", commands: [], strings: {}, handoff: () => { throw new TypeError("boom"); } };
    const warnings: [string, Record<string, unknown> | undefined][] = [];
    const log = { info() {}, error() {}, warn: (e: string, f?: Record<string, unknown>) => void warnings.push([e, f]) };
    const core = createCore({ store: w.store, features: [...features, broken], clock: w.clock, log });
    const o = await handleCommand(core, { actor: web("sofia"), text: "/handoff packet SL-083" });
    expect(textOf(o.reply)).toContain("Members and contact access in SL-083");
    expect(textOf(o.reply)).toContain("Notes from past officers of SL-083");
    expect(warnings).toContainEqual(["handoff.section.failed", { area: "brokenarea", error: "TypeError" }]);
  });

  it("comes in the reader's language, PDF included", async () => {
    w = await trainingWorld();
    const o = await w.run("pat", "/handoff packet SL-083", "zh-Hans");
    expect(textOf(o.reply)).toContain("交接资料包：SL-083 Salem State Workers");
    expect(textOf(o.reply)).toContain("SL-083 干部的培训");
    const pdf = o.reply.files.find((f) => f.mime === "application/pdf")!.data as Buffer;
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    const ru = await w.run("maria", "/training list", "ru");
    expect(textOf(ru.reply)).toContain("3 урока");
  });
});
