// What the record keeps: every step of a payment request, a dispute and a statement request is in
// its history with who took it and the reason they gave, as officers and staff read it with
// `/rebate requests N` and `/rebate disputes N`; the lists show each reader only the sub-locals
// they may see, newest first.
import { data } from "../../db/data.ts";
import { beforeEach, describe, expect, it } from "vitest";
import { accountByCode, entryById, entryByRef } from "../../db/rebate.ts";
import { createStatement, decideStatement, historyOf, requestById } from "../../db/rebate-requests.ts";
import { button, fileRequest, noticeFor, personaIds, text, withReason, world, type World } from "./setup.ts";

let w: World;
let id: ReturnType<typeof personaIds>;
beforeEach(async () => {
  w = await world();
  id = personaIds(w);
});

/** The history lines of an item as its reader sees them: "what — who[ · why]". */
async function history(who: string, command: string): Promise<string[]> {
  const shown = text(await w.run(who, command));
  const lines = shown.slice(shown.indexOf("History\n") + "History\n".length).split("\n");
  return lines.map((l) => l.replace(/^• .*? PST — /, ""));
}


describe("a payment request's history", () => {
  it("declined by the other officer: filed by the treasurer, not co-signed by the president, with the reason", async () => {
    const filed = await fileRequest(w, "tom");
    await withReason(w, "pat", noticeFor(filed, id.pat), /decline/i, "Wait for the new budget");
    expect(await history("tom", "/rebate requests 1")).toEqual(["Filed — Tom Haddad", "Not co-signed — Pat Larsen · Wait for the new budget"]);
  });

  it("co-signed, then denied by staff with the reason", async () => {
    const filed = await fileRequest(w, "tom");
    const signed = await w.click("pat", button(noticeFor(filed, id.pat), /co-sign/i));
    await withReason(w, "sofia", noticeFor(signed, id.sofia), /^deny/i, "Flyers come from the communications budget");
    expect(await history("pat", "/rebate requests 1")).toEqual(["Filed — Tom Haddad", "Co-signed — Pat Larsen", "Denied — Sofia Chen · Flyers come from the communications budget"]);
  });

  it("withdrawn by the requester with the reason", async () => {
    await fileRequest(w, "tom");
    await w.run("tom", "/rebate withdraw 1 Paid from another budget");
    expect(await history("tom", "/rebate requests 1")).toEqual(["Filed — Tom Haddad", "Withdrawn — Tom Haddad · Paid from another budget"]);
  });

  it("approved: the history names the approver (the entry it was paid with stays out of the history line)", async () => {
    const filed = await fileRequest(w, "pat");
    const signed = await w.click("tom", button(noticeFor(filed, id.tom), /co-sign/i));
    await w.click("sofia", button(noticeFor(signed, id.sofia), /^approve$/i));
    expect(await history("sofia", "/rebate requests 1")).toEqual(["Filed — Pat Larsen", "Co-signed — Tom Haddad", "Approved — Sofia Chen"]);
    // The ledger holds the payment as a disbursement dated today, recorded by the approver, and the
    // request's record names that entry.
    const entryId = (await requestById(data(w.store), 1))!.entryId!;
    expect(await entryById(data(w.store), entryId)).toMatchObject({ kind: "disbursement", postedOn: "2026-11-23", amountCents: -25_000, externalRef: "request:1", recordedById: id.sofia, recordedBy: `person:${id.sofia}` });
    expect((await historyOf(data(w.store), "request", 1)).at(-1)!.note).toBe(`entry:${entryId}`);
  });
});

describe("refused and late attempts leave no trace", () => {
  it("the requester's own co-sign, a second withdrawal and a second review start add nothing to the history", async () => {
    const filed = await fileRequest(w, "tom");
    expect(text(await w.click("tom", button(noticeFor(filed, id.pat), /co-sign/i)))).toMatch(/needs a second officer/);
    await w.run("tom", "/rebate withdraw 1");
    await w.run("tom", "/rebate withdraw 1");
    expect(await history("tom", "/rebate requests 1")).toEqual(["Filed — Tom Haddad", "Withdrawn — Tom Haddad"]);
    const opened = await w.form("tom", "/rebate dispute", { entry: "30", problem: "The meeting room cost $150, not $165." });
    if (!opened.ok) throw new Error("not opened");
    const card = noticeFor(opened, id.sofia);
    await w.click("sofia", button(card, /start review/i));
    await w.click("sofia", button(card, /start review/i));
    expect(await history("tom", "/rebate disputes 1")).toEqual(["Dispute opened — Tom Haddad", "Review started — Sofia Chen"]);
  });
});

describe("a dispute's history", () => {
  const problem = { entry: "30", problem: "The meeting room cost $150, not $165.", expected: "150.00" };

  it("opened, reviewed, corrected: the note staff gave is the dispute's reason", async () => {
    const opened = await w.form("tom", "/rebate dispute", problem);
    if (!opened.ok) throw new Error("not opened");
    const review = await w.click("sofia", button(noticeFor(opened, id.sofia), /start review/i));
    const form = await w.click("sofia", button(review.reply, /correct it/i));
    const done = await w.submit("sofia", form.reply.form!.token, { amount: "15.00", note: "Refund from the venue" });
    if (!done.ok) throw new Error("not corrected");
    expect(await history("tom", "/rebate disputes 1")).toEqual(["Dispute opened — Tom Haddad", "Review started — Sofia Chen", "Corrected — Sofia Chen"]);
    expect(text(await w.run("tom", "/rebate disputes 1"))).toMatch(/Reason: Refund from the venue/);
    // The correcting entry names the dispute and the entry it corrects, and who recorded it.
    const correcting = (await entryByRef(data(w.store), "dispute:1"))!;
    expect(correcting).toMatchObject({ kind: "adjustment", amountCents: 1_500, correctsId: 30, recordedById: id.sofia, recordedBy: `person:${id.sofia}` });
    expect((await historyOf(data(w.store), "dispute", 1)).at(-1)!.note).toBe(`entry:${correcting.id}`);
  });

  it("kept as is, with the reason, straight from open", async () => {
    const opened = await w.form("tom", "/rebate dispute", problem);
    if (!opened.ok) throw new Error("not opened");
    await withReason(w, "sofia", noticeFor(opened, id.sofia), /keep as is/i, "The bank statement shows $165.00");
    expect(await history("tom", "/rebate disputes 1")).toEqual(["Dispute opened — Tom Haddad", "Kept as is — Sofia Chen · The bank statement shows $165.00"]);
  });
});

describe("a statement's record", () => {
  it("who asked and who decided, with the reason of a denial; a monthly statement is recorded as sent automatically", async () => {
    const asked = await w.run("tom", "/rebate statement 2026-10");
    await withReason(w, "sofia", noticeFor(asked, id.sofia), /^deny/i, "Ask again after the audit");
    const events = async (n: number) => (await historyOf(data(w.store), "statement", n)).map((e) => [e.action, e.actorId, e.note]);
    expect(await events(1)).toEqual([
      ["requested", id.tom, null],
      ["denied", id.sofia, "Ask again after the audit"],
    ]);
    const account = (await accountByCode(data(w.store), "SL-083"))!.id;
    const auto = await createStatement(w.store, { accountId: account, requesterId: null, fromDate: "2026-10-01", toDate: "2026-10-31", status: "automatic" }, w.clock.now(), "2026-11-23");
    expect(await events(auto)).toEqual([["sent_automatically", null, null]]);
    const again = await createStatement(w.store, { accountId: account, requesterId: id.tom, fromDate: "2026-11-01", toDate: "2026-11-30", status: "pending" }, w.clock.now(), "2026-11-23");
    await decideStatement(w.store, again, id.sofia, { approve: true, today: "2026-11-23" }, w.clock.now());
    expect(await events(again)).toEqual([
      ["requested", id.tom, null],
      ["approved", id.sofia, null],
    ]);
  });
});
