// The treasury's cards as each reader gets them: what a payment request, a dispute and a statement
// request show (title, state, fields, the decision line) and which buttons they offer to the
// officer who filed, the other office, treasury staff, staff who are party to the item, and people
// who only look. Every card is reached the way its reader reaches it: a notice, a button, a form,
// `/rebate requests N` or `/rebate disputes N`.
import { beforeEach, describe, expect, it } from "vitest";
import type { Outcome } from "../../commands/core/dispatch.ts";
import { listAudit } from "../../db/audit.ts";
import { button, fileRequest, noticeFor, PERSONAS, personaIds, REQUEST_FORM, text, withReason, world, type World } from "./setup.ts";

type Card = Outcome["reply"];

let w: World;
let id: ReturnType<typeof personaIds>;
beforeEach(async () => {
  w = await world();
  id = personaIds(w);
});

const DAY = 24 * 3600_000;

/** The buttons a card offers, as its reader sees them: label and colour. */
const buttons = (c: Card) => c.blocks.flatMap((b) => (b.type === "buttons" ? b.buttons.map((x) => [x.label, x.style ?? null]) : []));
/** The grey lines under a card: where it stands, or how it was decided. */
const context = (c: Card) => c.blocks.flatMap((b) => (b.type === "context" ? [b.text] : []));
const section = (c: Card) => {
  const s = c.blocks.find((b) => b.type === "section");
  if (!s || s.type !== "section") throw new Error(`no card in: ${text(c)}`);
  return { title: s.title, text: s.text, fields: (s.fields ?? []).map((f) => [f.label, f.value]) };
};
/** The history list under a card: what happened (after the time) and who did it, with any note. */
const history = (c: Card) => c.blocks.flatMap((b) => (b.type === "list" ? b.items.map((i) => [i.text.split(" — ").at(-1), i.detail]) : []));
const view = async (who: string, what: "requests" | "disputes", n = 1) => (await w.run(who, `/rebate ${what} ${n}`)).reply;

async function grant(member: string, choice: string, scope: string) {
  const r = await w.run("sofia", `/unionhall admin role grant ${member} ${choice} ${scope}`);
  expect(text(r)).not.toMatch(/⚠️/);
}

describe("a payment request's card", () => {
  const WITH_RECEIPT = { ...REQUEST_FORM, receipt: "https://example.org/invoice/77" };

  it("waiting for the co-signature: the other office may co-sign or decline, the requester only withdraw, everyone else is told it waits", async () => {
    const filed = await fileRequest(w, "tom", WITH_RECEIPT);
    const card = noticeFor(filed, id.pat);
    expect(section(card)).toEqual({
      title: "Payment request #1 (SL-083)",
      text: "Waiting for the second officer's signature",
      fields: [
        ["Pay to", "Salem Print Shop"],
        ["Amount (USD)", "$250.00"],
        ["What it is for", "Flyers for the worksite meeting"],
        ["Needed by", "Dec 10, 2026"],
        ["Filed by", "Tom Haddad"],
        ["Receipt or invoice link", "https://example.org/invoice/77"],
      ],
    });
    expect(buttons(card)).toEqual([
      ["Co-sign", "primary"],
      ["Decline", "danger"],
    ]);
    expect(context(card)).toEqual([]);
    expect(buttons(await view("pat", "requests"))).toEqual(buttons(card));

    // The requester: only Withdraw, and nothing saying it waits for them.
    const own = await view("tom", "requests");
    expect(buttons(own)).toEqual([["Withdraw", null]]);
    expect(context(own)).toEqual([]);

    // Staff do not decide before the signature; a director and the statewide president only look.
    for (const who of ["sofia", "elena", "dana", "paul"]) {
      const seen = await view(who, "requests");
      expect(buttons(seen)).toEqual([]);
      expect(context(seen)).toEqual(["Nothing for you to do on this one: it waits for someone else."]);
    }
  });

  it("without a receipt the card has no receipt line", async () => {
    const filed = await fileRequest(w, "tom");
    expect(section(noticeFor(filed, id.pat)).fields.map(([label]) => label)).toEqual(["Pay to", "Amount (USD)", "What it is for", "Needed by", "Filed by"]);
  });

  it("co-signed: staff may approve or deny, the requester still withdraw; the signer and staff who signed only look", async () => {
    const filed = await fileRequest(w, "tom");
    w.clock.advance(DAY);
    const signed = await w.click("pat", button(noticeFor(filed, id.pat), /co-sign/i));
    // The signer's own card, updated in place: signed, nothing left for them; Co-sign is once-only.
    expect(signed.reply.update).toBe(true);
    expect(text(await w.click("pat", button(noticeFor(filed, id.pat), /co-sign/i)))).toMatch(/^⚠️ This was already decided \(/);
    expect(buttons(signed.reply)).toEqual([]);
    expect(context(signed.reply)).toEqual(["Nothing for you to do on this one: it waits for someone else."]);

    // The requester hears who signed, with the card.
    const news = noticeFor(signed, id.tom);
    expect(text(news).split("\n")[0]).toBe("✍️ Payment request #1 (SL-083, $250.00) was co-signed by Pat Larsen and is now with treasury staff.");
    expect(buttons(news)).toEqual([["Withdraw", null]]);

    const staffCard = noticeFor(signed, id.sofia);
    expect(section(staffCard).text).toBe("Signed by two officers, waiting for treasury staff");
    expect(section(staffCard).fields).toContainEqual(["Co-signed by", "Pat Larsen"]);
    expect(section(staffCard).fields.map(([label]) => label)).not.toContain("Declined by");
    expect(buttons(staffCard)).toEqual([
      ["Approve", "primary"],
      ["Deny…", "danger"],
    ]);
    expect(context(staffCard)).toEqual([]);
    expect(buttons(await view("elena", "requests"))).toEqual([
      ["Approve", "primary"],
      ["Deny…", "danger"],
    ]);
    expect(buttons(await view("tom", "requests"))).toEqual([["Withdraw", null]]);
    for (const who of ["pat", "dana", "paul"]) expect(context(await view(who, "requests"))).toEqual(["Nothing for you to do on this one: it waits for someone else."]);

    // Staff who signed it (or filed it) see it, but are offered no decision on it.
    await grant(PERSONAS.pat, "staff", "statewide");
    const signer = await view("pat", "requests");
    expect(buttons(signer)).toEqual([]);
    expect(context(signer)).toEqual(["Nothing for you to do on this one: it waits for someone else."]);
    await grant(PERSONAS.tom, "staff", "statewide");
    expect(buttons(await view("tom", "requests"))).toEqual([["Withdraw", null]]);
  });

  it("approved: the card says by whom and when, offers nothing, and Approve pressed twice is already decided", async () => {
    const filed = await fileRequest(w, "tom");
    const signed = await w.click("pat", button(noticeFor(filed, id.pat), /co-sign/i));
    w.clock.advance(2 * DAY);
    const staffCard = noticeFor(signed, id.sofia);
    const approved = await w.click("sofia", button(staffCard, /^approve$/i));
    expect(context(approved.reply)).toEqual(["Approved by Sofia Chen on Nov 25, 2026"]);
    expect(section(approved.reply).text).toBe("Approved and paid from the account");
    expect(buttons(approved.reply)).toEqual([]);
    // Both officers hear it with the entry's number, and their cards offer nothing more.
    for (const who of [id.tom, id.pat]) {
      const news = noticeFor(approved, who);
      expect(text(news)).toMatch(/^✅ Payment request #1 \(SL-083, \$250\.00\) was approved by Sofia Chen\. It is recorded as entry #\d+\./);
      expect(buttons(news)).toEqual([]);
      expect(context(news)).toEqual(["Approved by Sofia Chen on Nov 25, 2026"]);
    }
    expect(approved.notices.map((n) => n.personId).sort()).toEqual([id.tom, id.pat].sort());
    // Approve is a once-only button: the second press is answered by the record of the first.
    expect(text(await w.click("sofia", button(staffCard, /^approve$/i)))).toMatch(/^⚠️ This was already decided \(/);
    for (const who of ["tom", "pat", "sofia"]) {
      const seen = await view(who, "requests");
      expect(buttons(seen)).toEqual([]);
      expect(context(seen)).toEqual(["Approved by Sofia Chen on Nov 25, 2026"]);
    }
    // The history under it: each step and who took it (the entry's number is on the card, not here).
    expect(history(await view("tom", "requests"))).toEqual([
      ["Filed", "Tom Haddad"],
      ["Co-signed", "Pat Larsen"],
      ["Approved", "Sofia Chen"],
    ]);
  });

  it("denied: the reason is on the card and in the news to both officers", async () => {
    const filed = await fileRequest(w, "tom");
    const signed = await w.click("pat", button(noticeFor(filed, id.pat), /co-sign/i));
    w.clock.advance(DAY);
    const denied = await withReason(w, "sofia", noticeFor(signed, id.sofia), /^deny/i, "Flyers come from the communications budget");
    expect(context(denied.reply)).toEqual(["Denied by Sofia Chen on Nov 24, 2026 — Flyers come from the communications budget"]);
    for (const who of [id.tom, id.pat]) {
      const news = noticeFor(denied, who);
      expect(text(news).split("\n")[0]).toBe("ℹ️ Payment request #1 (SL-083, $250.00) was denied by Sofia Chen: Flyers come from the communications budget");
      expect(buttons(news)).toEqual([]);
    }
    expect(context(await view("tom", "requests"))).toEqual(["Denied by Sofia Chen on Nov 24, 2026 — Flyers come from the communications budget"]);
  });

  it("declined by the other office: “Declined by”, never “Co-signed by”, with the reason", async () => {
    const filed = await fileRequest(w, "tom");
    w.clock.advance(3 * DAY);
    const declined = await withReason(w, "pat", noticeFor(filed, id.pat), /^decline$/i, "Wait for the new budget");
    const news = noticeFor(declined, id.tom);
    expect(text(news).split("\n")[0]).toBe("ℹ️ Payment request #1 (SL-083, $250.00) was not co-signed: Pat Larsen declined it. Reason: Wait for the new budget");
    expect(section(news).text).toBe("Not co-signed");
    expect(section(news).fields).toContainEqual(["Declined by", "Pat Larsen"]);
    expect(section(news).fields.map(([label]) => label)).not.toContain("Co-signed by");
    expect(buttons(news)).toEqual([]);
    expect(context(news)).toEqual(["Not co-signed by Pat Larsen on Nov 26, 2026 — Wait for the new budget"]);
    expect(context(declined.reply)).toEqual(["Not co-signed by Pat Larsen on Nov 26, 2026 — Wait for the new budget"]);
    expect(history(await view("tom", "requests"))).toEqual([
      ["Filed", "Tom Haddad"],
      ["Not co-signed", "Pat Larsen · Wait for the new budget"],
    ]);
  });

  it("withdrawn: whoever was waiting hears it, and the card offers nothing", async () => {
    const filed = await fileRequest(w, "tom");
    const signed = await w.click("pat", button(noticeFor(filed, id.pat), /co-sign/i));
    w.clock.advance(DAY);
    const gone = await w.run("tom", "/rebate withdraw 1 The venue paid for the flyers");
    for (const who of [id.pat, id.sofia]) {
      const news = noticeFor(gone, who);
      expect(text(news).split("\n")[0]).toBe("ℹ️ Payment request #1 (SL-083, $250.00) was withdrawn by Tom Haddad. Reason: The venue paid for the flyers");
      expect(buttons(news)).toEqual([]);
      expect(context(news)).toEqual(["Withdrawn by Tom Haddad on Nov 24, 2026 — The venue paid for the flyers"]);
    }
    // Withdraw on the card, after the fact, only shows the card as it is now.
    expect(buttons(await view("tom", "requests"))).toEqual([]);
    expect(buttons(signed.reply)).toEqual([]);
  });

  it("withdrawn by its button, with no reason: the news says so with a dash", async () => {
    const filed = await fileRequest(w, "tom");
    const own = await view("tom", "requests");
    const gone = await w.click("tom", button(own, /withdraw/i));
    expect(text(noticeFor(gone, id.pat)).split("\n")[0]).toBe("ℹ️ Payment request #1 (SL-083, $250.00) was withdrawn by Tom Haddad. Reason: —");
    expect(context(noticeFor(gone, id.pat))).toEqual(["Withdrawn by Tom Haddad on Nov 23, 2026"]);
    expect(filed.notices.map((n) => n.personId)).toEqual([id.pat]);
  });
});

describe("a dispute's card", () => {
  it("open: staff may start a review, correct or keep; the officer who filed it only reads it, with how long it has been open", async () => {
    const opened = await w.form("tom", "/rebate dispute", { entry: "29", problem: "The August rebate looks short to us.", expected: "1,900.00" });
    if (!opened.ok) throw new Error(JSON.stringify(opened.errors));
    const card = noticeFor(opened, id.sofia);
    expect(section(card)).toEqual({
      title: "Dispute #1 (SL-083)",
      text: "Open",
      fields: [
        ["Entry", "#29 · Aug 15, 2026 · Rebate deposit · $1,837.50 · Monthly rebate 2026-08"],
        ["What is wrong", "The August rebate looks short to us."],
        ["Amount you expected (USD)", "$1,900.00"],
        ["Difference (expected − entry)", "+$62.50"],
        ["Filed by", "Tom Haddad"],
        ["Open for", "0 days"],
      ],
    });
    expect(buttons(card)).toEqual([
      ["Start review", null],
      ["Correct it…", "primary"],
      ["Keep as is…", "danger"],
    ]);
    w.clock.advance(DAY);
    const own = await view("tom", "disputes");
    expect(section(own).fields).toContainEqual(["Open for", "1 day"]);
    expect(buttons(own)).toEqual([]);
    expect(context(own)).toEqual([]);
    w.clock.advance(2 * DAY);
    expect(section(await view("pat", "disputes")).fields).toContainEqual(["Open for", "3 days"]);
    expect(buttons(await view("pat", "disputes"))).toEqual([]);
    expect(buttons(await view("elena", "disputes"))).toEqual(buttons(card));
  });

  it("expected less than a deposit: the difference is negative and shown with its own sign", async () => {
    const opened = await w.form("tom", "/rebate dispute", { entry: "29", problem: "The August rebate is more than the state sent.", expected: "1,800.00" });
    if (!opened.ok) throw new Error(JSON.stringify(opened.errors));
    const fields = section(noticeFor(opened, id.sofia)).fields;
    expect(fields).toContainEqual(["Amount you expected (USD)", "$1,800.00"]);
    expect(fields).toContainEqual(["Difference (expected − entry)", "-$37.50"]);
  });

  it("expected the entry itself: the difference reads zero, with no plus", async () => {
    const opened = await w.form("tom", "/rebate dispute", { entry: "30", problem: "We cannot find the receipt for this one.", expected: "165.00" });
    if (!opened.ok) throw new Error(JSON.stringify(opened.errors));
    const fields = section(noticeFor(opened, id.sofia)).fields;
    expect(fields).toContainEqual(["Amount you expected (USD)", "-$165.00"]);
    expect(fields).toContainEqual(["Difference (expected − entry)", "$0.00"]);
  });

  it("an expected amount typed with its minus keeps it; one of zero reads zero", async () => {
    const minus = await w.form("tom", "/rebate dispute", { entry: "30", problem: "The meeting room cost $150, not $165.", expected: "-150.00" });
    if (!minus.ok) throw new Error(JSON.stringify(minus.errors));
    expect(section(noticeFor(minus, id.sofia)).fields).toEqual(
      expect.arrayContaining([
        ["Amount you expected (USD)", "-$150.00"],
        ["Difference (expected − entry)", "+$15.00"],
      ]),
    );
    const zero = await w.form("tom", "/rebate dispute", { entry: "29", problem: "This deposit was never made to us.", expected: "0" });
    if (!zero.ok) throw new Error(JSON.stringify(zero.errors));
    expect(section(noticeFor(zero, id.sofia)).fields).toEqual(
      expect.arrayContaining([
        ["Amount you expected (USD)", "$0.00"],
        ["Difference (expected − entry)", "-$1,837.50"],
      ]),
    );
  });

  it("with no amount expected there is no expected line and no difference", async () => {
    const opened = await w.form("tom", "/rebate dispute", { entry: "30", problem: "I think this was charged twice." });
    if (!opened.ok) throw new Error(JSON.stringify(opened.errors));
    expect(section(noticeFor(opened, id.sofia)).fields.map(([label]) => label)).toEqual(["Entry", "What is wrong", "Filed by", "Open for"]);
  });

  it("under review, then kept as is: the officer hears each step, the reason shows and no button is left", async () => {
    const opened = await w.form("tom", "/rebate dispute", { entry: "30", problem: "I think this was charged twice." });
    if (!opened.ok) throw new Error("not opened");
    w.clock.advance(DAY);
    const review = await w.click("sofia", button(noticeFor(opened, id.sofia), /start review/i));
    expect(section(review.reply).text).toBe("Under review");
    expect(buttons(review.reply)).toEqual([
      ["Correct it…", "primary"],
      ["Keep as is…", "danger"],
    ]);
    const news = noticeFor(review, id.tom);
    expect(text(news).split("\n")[0]).toBe("Your dispute #1 is now being reviewed by Sofia Chen.");
    expect(buttons(news)).toEqual([]);
    // Start review is once-only: pressed again, the first press answers.
    expect(text(await w.click("sofia", button(noticeFor(opened, id.sofia), /start review/i)))).toMatch(/^⚠️ This was already decided \(/);

    const kept = await withReason(w, "elena", review.reply, /keep as is/i, "One charge only; the bank statement shows it.");
    expect(section(kept.reply).text).toBe("Resolved: kept as is");
    expect(section(kept.reply).fields.at(-1)).toEqual(["Reason", "One charge only; the bank statement shows it."]);
    expect(buttons(kept.reply)).toEqual([]);
    // Not even an empty row of buttons, which some chat apps refuse to show.
    expect(kept.reply.blocks.some((b) => b.type === "buttons")).toBe(false);
    const told = noticeFor(kept, id.tom);
    expect(text(told).split("\n")[0]).toBe("Your dispute #1 was resolved by Elena Patel: the entry stays as it is. Reason: One charge only; the bank statement shows it.");
    expect(buttons(told)).toEqual([]);
    expect(buttons(await view("sofia", "disputes"))).toEqual([]);
  });

  it("corrected: the correcting entry is on the card and in the news", async () => {
    const opened = await w.form("tom", "/rebate dispute", { entry: "30", problem: "The meeting room cost $150, not $165.", expected: "150.00" });
    if (!opened.ok) throw new Error("not opened");
    const form = await w.click("sofia", button(noticeFor(opened, id.sofia), /correct it/i));
    const done = await w.submit("sofia", form.reply.form!.token, { amount: "15.00", note: "Refund from the venue" });
    if (!done.ok) throw new Error(JSON.stringify(done.errors));
    const fields = section(done.reply).fields;
    expect(fields).toContainEqual(["Correcting entry", expect.stringMatching(/^#\d+ · Nov 23, 2026 · Correction · \$15\.00/)]);
    expect(fields.at(-1)).toEqual(["Reason", "Refund from the venue"]);
    expect(buttons(done.reply)).toEqual([]);
    expect(history(await view("tom", "disputes"))).toEqual([
      ["Dispute opened", "Tom Haddad"],
      ["Corrected", "Sofia Chen"],
    ]);
    expect(text(noticeFor(done, id.tom)).split("\n")[0]).toMatch(/^Your dispute #1 was resolved by Sofia Chen: the entry was corrected with #\d+ · Nov 23, 2026 · Correction · \$15\.00/);
  });

  it("a dispute filed by an officer who is also staff: others on staff decide it, they do not", async () => {
    await grant(PERSONAS.tom, "staff", "statewide");
    const opened = await w.form("tom", "/rebate dispute", { entry: "30", problem: "I think this was charged twice." });
    if (!opened.ok) throw new Error("not opened");
    expect(opened.notices.map((n) => n.personId)).not.toContain(id.tom);
    expect(buttons(await view("tom", "disputes"))).toEqual([]);
    expect(buttons(noticeFor(opened, id.sofia)).map(([label]) => label)).toEqual(["Start review", "Correct it…", "Keep as is…"]);
  });
});

describe("a statement request's card", () => {
  it("staff may approve or deny; Approve is once-only; the approved card and the requester's message name the approver", async () => {
    await grant(PERSONAS.paul, "staff", "statewide");
    const asked = await w.run("tom", "/rebate statement 2026-Q3");
    const card = noticeFor(asked, id.sofia);
    expect(section(card)).toEqual({ title: "Statement request #1 (SL-083)", text: "Tom Haddad asks for the statement of SL-083 for Jul 1, 2026 – Sep 30, 2026.", fields: [] });
    expect(buttons(card)).toEqual([
      ["Approve", "primary"],
      ["Deny…", "danger"],
    ]);
    expect(context(card)).toEqual([]);
    w.clock.advance(DAY);
    const approved = await w.click("paul", button(noticeFor(asked, id.paul), /^approve$/i));
    expect(context(approved.reply)).toEqual(["Approved by Paul Kim on Nov 24, 2026", "The statement was sent to Tom Haddad."]);
    expect(buttons(approved.reply)).toEqual([]);
    const got = noticeFor(approved, id.tom);
    expect(text(got).split("\n")[0]).toBe("✅ Your statement request #1 for SL-083 was approved by Paul Kim. Here it is.");
    expect(got.files.map((f) => f.mime).sort()).toEqual(["application/pdf", "text/csv"]);
    expect(got.visibility).toBe("private");
    expect(text(await w.click("paul", button(noticeFor(asked, id.paul), /^approve$/i)))).toMatch(/^⚠️ This was already decided \(/);
    // Another staff card, pressed later, shows the decision in place.
    const late = await w.click("sofia", button(card, /^deny/i));
    expect(late.reply.update).toBe(true);
    expect(context(late.reply)).toEqual(["Approved by Paul Kim on Nov 24, 2026"]);
  });

  it("denied: the requester reads who denied it and why; the card shows the reason", async () => {
    const asked = await w.run("tom", "/rebate statement 2026-10");
    w.clock.advance(DAY);
    const denied = await withReason(w, "sofia", noticeFor(asked, id.sofia), /^deny/i, "Ask again after the audit closes");
    expect(context(denied.reply)).toEqual(["Denied by Sofia Chen on Nov 24, 2026 — Ask again after the audit closes"]);
    expect(buttons(denied.reply)).toEqual([]);
    expect(text(noticeFor(denied, id.tom))).toBe("Your statement request #1 for SL-083 was denied by Sofia Chen. Reason: Ask again after the audit closes");
    expect(denied.notices.map((n) => n.personId)).toEqual([id.tom]);
  });

  it("staff asking for a statement themselves get no card; the others on staff decide it", async () => {
    await grant(PERSONAS.paul, "staff", "statewide");
    const asked = await w.run("sofia", "/rebate statement 2026-10 SL-083");
    expect(asked.notices.map((n) => n.personId)).toEqual([id.paul]);
    expect(buttons(noticeFor(asked, id.paul)).map(([label]) => label)).toEqual(["Approve", "Deny…"]);
    expect(section(noticeFor(asked, id.paul)).text).toBe("Sofia Chen asks for the statement of SL-083 for Oct 1, 2026 – Oct 31, 2026.");
  });
});

describe("presses that come too late or from the wrong person", () => {
  it("the requester's own Co-sign is refused by name and number, and audited as a co-signature refused", async () => {
    await grant(PERSONAS.tom, "sublocal_president", "SL-083");
    const filed = await fileRequest(w, "tom");
    const refused = await w.click("tom", button(noticeFor(filed, id.pat), /co-sign/i));
    expect(text(refused).split("\n")[0]).toBe("⚠️ Request #1 needs a second officer: you filed it, so the other officer co-signs.");
    const [entry] = await listAudit(w.store, { action: "rebate.denied" });
    expect(entry).toMatchObject({ actorPersonId: id.tom, subjectType: "rebate_request", subjectId: "1" });
    expect(JSON.parse(entry!.details)).toEqual({ platform: "web", what: "cosign", reason: "requester" });
  });

  it("a decline form submitted after the same officer co-signed only shows the card: no decline, nobody told", async () => {
    const filed = await fileRequest(w, "tom");
    const card = noticeFor(filed, id.pat);
    const opened = await w.click("pat", button(card, /^decline$/i));
    await w.click("pat", button(card, /co-sign/i));
    const late = await w.submit("pat", opened.reply.form!.token, { reason: "Changed my mind" });
    if (!late.ok) throw new Error(JSON.stringify(late.errors));
    expect(late.reply.update).toBe(true);
    expect(late.notices).toEqual([]);
    expect(section(late.reply).text).toBe("Signed by two officers, waiting for treasury staff");
    expect((await listAudit(w.store, { action: "rebate.request.decline" }))).toEqual([]);
  });

  it("Approve on a second staff card after the first approved: that card shows the approval in place", async () => {
    await grant(PERSONAS.paul, "staff", "statewide");
    const filed = await fileRequest(w, "tom");
    const signed = await w.click("pat", button(noticeFor(filed, id.pat), /co-sign/i));
    await w.click("sofia", button(noticeFor(signed, id.sofia), /^approve$/i));
    const late = await w.click("paul", button(noticeFor(signed, id.paul), /^approve$/i));
    expect(late.reply.update).toBe(true);
    expect(late.notices).toEqual([]);
    expect(context(late.reply)).toEqual(["Approved by Sofia Chen on Nov 23, 2026"]);
  });

  it("staff who signed the request are told by number why they cannot approve it", async () => {
    await grant(PERSONAS.pat, "staff", "statewide");
    const filed = await fileRequest(w, "tom");
    await w.click("pat", button(noticeFor(filed, id.pat), /co-sign/i));
    const staffCard = await view("sofia", "requests");
    expect(text(await w.click("pat", button(staffCard, /^approve$/i))).split("\n")[0]).toBe("⚠️ You can't decide #1: you asked for it or signed it. Another person on treasury staff will decide.");
  });
});

describe("which account", () => {
  it("staff name the sub-local; an unknown one is named back; someone outside it is told whose account it is", async () => {
    expect(text(await w.run("sofia", "/rebate statement 2026-10"))).toMatch(/^⚠️ Please name the sub-local, like SL-083\./);
    expect(text(await w.run("sofia", "/rebate statement 2026-10 SL-999"))).toMatch(/^⚠️ There is no sub-local SL-999\./);
    expect(text(await w.run("tom", "/rebate balance SL-140"))).toMatch(/^⚠️ Sorry, the rebate account of SL-140 is only for its president and treasurer/);
  });
});

describe("asking for a statement", () => {
  it("the requester reads exactly where it went; a period of two dates with a sub-local is read as both", async () => {
    expect(text(await w.run("tom", "/rebate statement 2026-Q3"))).toBe("📨 Statement request #1 for SL-083, 2026-Q3, was sent to treasury staff. You will get the statement here when it is approved.");
    const asked = await w.run("sofia", "/rebate statement 2026-07-01 2026-08-15 SL-083");
    expect(text(asked)).toMatch(/^📨 Statement request #2 for SL-083, /);
    expect(section(noticeFor(asked, id.elena)).text).toBe("Sofia Chen asks for the statement of SL-083 for Jul 1, 2026 – Aug 15, 2026.");
    expect(text(await w.run("tom", "/rebate statement 2027-Q1"))).toMatch(/^⚠️ The period 2027-Q1 has not started yet\./);
  });

  it("someone outside the sub-local is refused, and the refusal is audited as a statement asked for", async () => {
    await w.run("maria", "/rebate statement 2026-10 SL-083");
    const [entry] = await listAudit(w.store, { action: "rebate.denied" });
    expect(entry).toMatchObject({ actorPersonId: id.maria, subjectType: "sublocal", subjectId: "SL-083" });
    expect(JSON.parse(entry!.details)).toEqual({ platform: "web", what: "statement", reason: "not_in_scope" });
  });

  it("Approve on a second staff card after a denial on the first shows the denial in place", async () => {
    await grant(PERSONAS.paul, "staff", "statewide");
    const asked = await w.run("tom", "/rebate statement 2026-10");
    await withReason(w, "sofia", noticeFor(asked, id.sofia), /^deny/i, "Ask again after the audit");
    const late = await w.click("paul", button(noticeFor(asked, id.paul), /^approve$/i));
    expect(late.reply.update).toBe(true);
    expect(context(late.reply)).toEqual(["Denied by Sofia Chen on Nov 23, 2026 — Ask again after the audit"]);
  });
});
