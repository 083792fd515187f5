// Handoff notes are screened for members' personal data before they are saved; the writer rewrites
// or keeps the note for staff only; staff can remove a note's text; the footer says only what is true.
import { afterEach, describe, expect, it } from "vitest";
import type { RenderedReply } from "../../commands/core/reply.ts";
import { data } from "../../db/data.ts";
import { namePairs, screenText } from "../../commands/handoff/screen.ts";
import { buttons, textOf } from "../kb/helpers.ts";
import { trainingWorld } from "../training/helpers.ts";

type W = Awaited<ReturnType<typeof trainingWorld>>;
let w: W | undefined;
afterEach(async () => {
  await w?.store.close();
  w = undefined;
});

const md = (r: RenderedReply) => String(r.files.find((f) => f.mime === "text/markdown")?.data ?? "");
const notes = (w: W) => data(w.store).all<{ id: number; body: string; staffOnly: number; redactedAt: string | null }>(`SELECT "id", "body", "staffOnly", "redactedAt" FROM "HandoffNote" ORDER BY "id"`);

describe("what the screen finds", () => {
  it("phones, e-mail addresses and street addresses in the ways people write them", () => {
    expect(screenText("home 503-555-0199").map((f) => f.kind)).toEqual(["phone"]);
    expect(screenText("call (503) 555 0199 or +1 503.555.0199").map((f) => f.kind)).toEqual(["phone"]);
    expect(screenText("write to luis@example.org").map((f) => f.kind)).toEqual(["email"]);
    expect(screenText("she lives at 1234 SE Oak Street").map((f) => f.kind)).toEqual(["address"]);
    expect(screenText("apt 4B upstairs").map((f) => f.kind)).toEqual(["address"]);
    expect(screenText("Budget vote in March; 12 members came; the 2027 contract has 3 steps.")).toEqual([]);
  });

  it("offers adjacent capitalised words as names to check on the roster", () => {
    expect(namePairs("Member Luis Patel owes dues")).toEqual([
      { first: "member", last: "luis" },
      { first: "luis", last: "patel" },
    ]);
    expect(namePairs("no capitals here")).toEqual([]);
  });
});

describe("writing a note", () => {
  it("a note with a phone, an e-mail and a member's name is not saved; the writer is told what and why", async () => {
    w = await trainingWorld();
    const o = await w.run("pat", "/handoff note Member Maria Alvarez (home 503-555-0199, maria@example.org) owes two months of dues.");
    const t = textOf(o.reply);
    expect(t).toContain("Not saved yet");
    expect(t).toContain("a phone number");
    expect(t).toContain("an e-mail address");
    expect(t).toContain("a member's name (Maria Alvarez)");
    expect(await notes(w)).toEqual([]);
    expect(textOf((await w.run("pat", "/handoff note Lives at 1234 SE Oak Street, Salem.")).reply)).toContain("a street address");
    expect(await notes(w)).toEqual([]);
    // The author signing with their own name is not a member's personal data.
    expect(textOf((await w.run("pat", "/handoff note Call me, Pat Larsen, about the budget vote in March.")).reply)).toContain("Your note #1 is kept");
  });

  it("an edit is screened the same way", async () => {
    w = await trainingWorld();
    await w.run("pat", "/handoff note The budget vote is in March.");
    expect(textOf((await w.run("pat", "/handoff edit 1 Ask Maria Alvarez at 503-555-0199.")).reply)).toContain("Not saved yet");
    expect((await notes(w))[0]!.body).toBe("The budget vote is in March.");
  });

  it("kept for staff only: officers never see it, staff do, and then the footer warns them", async () => {
    w = await trainingWorld();
    const warned = await w.run("pat", "/handoff note Maria Alvarez needs a call back at 503-555-0199 about her case.");
    const keep = buttons(warned.reply).find((b) => b.label === "Keep it for staff only")!;
    expect(textOf((await w.click("pat", keep.token)).reply)).toContain("for staff only");
    expect(await notes(w)).toMatchObject([{ staffOnly: 1 }]);
    const pat = await w.run("pat", "/handoff packet SL-083");
    expect(textOf(pat.reply) + md(pat.reply)).not.toContain("503-555-0199");
    expect(textOf(pat.reply)).toContain("Notes are checked for members' phone numbers");
    const sofia = await w.run("sofia", "/handoff packet SL-083");
    expect(textOf(sofia.reply)).toContain("503-555-0199");
    expect(textOf(sofia.reply)).toContain("staff only");
    expect(textOf(sofia.reply)).toContain("This packet holds notes kept for staff only");
    expect(md(sofia.reply)).toContain("This packet holds notes kept for staff only");
  });

  it("a note kept before screening that holds personal data is held back from officers", async () => {
    w = await trainingWorld();
    await w.run("pat", "/handoff note The budget vote is in March.");
    await data(w.store).run(`UPDATE "HandoffNote" SET "body" = 'Luis owes dues: luis@example.org' WHERE "id" = 1`);
    const pat = await w.run("pat", "/handoff packet SL-083");
    expect(textOf(pat.reply) + md(pat.reply)).not.toContain("luis@example.org");
    expect(textOf(pat.reply)).toContain("note #1 is held back");
    expect(textOf((await w.run("sofia", "/handoff packet SL-083")).reply)).toContain("luis@example.org");
  });
});

describe("staff remove a note", () => {
  it("only staff; the text is gone for good, the packet says so, and it is audited once", async () => {
    w = await trainingWorld();
    await w.run("pat", "/handoff note The budget vote is in March.");
    expect(textOf((await w.run("pat", "/handoff redact 1")).reply)).not.toContain("is removed");
    expect((await notes(w))[0]!.redactedAt).toBeNull();
    expect(textOf((await w.run("sofia", "/handoff redact 1")).reply)).toContain("The text of note #1 is removed.");
    expect((await notes(w))[0]).toMatchObject({ body: "" });
    expect(textOf((await w.run("sofia", "/handoff redact 1")).reply)).toContain("already removed");
    expect(textOf((await w.run("sofia", "/handoff redact 99")).reply)).toContain("There is no handoff note #99.");
    const audits = await data(w.store).all<{ subjectId: string; details: string }>(`SELECT "subjectId", "details" FROM "AuditEntry" WHERE "action" = 'handoff.note.redact'`);
    expect(audits).toHaveLength(1);
    expect(audits[0]!.subjectId).toBe("1");
    expect(audits[0]!.details).not.toContain("budget");
    const packet = textOf((await w.run("pat", "/handoff packet SL-083")).reply);
    expect(packet).toContain("(removed by staff on");
    expect(packet).not.toContain("budget vote");
    // Its author can no longer put text back.
    expect(textOf((await w.run("pat", "/handoff edit 1 The budget vote moved to April.")).reply)).toContain("You have no handoff note #1");
  });
});
