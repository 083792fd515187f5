// What the treasury tells people other than the caller, as each recipient reads it: in their own
// language (whatever the sender's), naming who took the step and the reason they gave, with the
// card as it stands for that reader. A notice is rendered from ids when it is delivered, so one
// delivered late still names the step it tells of, and one about a record that is gone says so.
import { beforeEach, describe, expect, it } from "vitest";
import { noticeEnv } from "../../commands/core/dispatch.ts";
import { renderNotice, type NoticeRecipient } from "../../commands/core/notice.ts";
import { fallbackText, type Reply } from "../../commands/core/reply.ts";
import { button, fileRequest, noticeFor, personaIds, text, withReason, world, type World } from "./setup.ts";

let w: World;
let id: ReturnType<typeof personaIds>;
beforeEach(async () => {
  w = await world();
  id = personaIds(w);
});

const speaks = async (who: string, language: string) => expect(text(await w.run(who, `/unionhall language ${language}`))).not.toMatch(/⚠️/);
const first = (o: Parameters<typeof text>[0]) => text(o).split("\n")[0];
/** A notice rendered now, as the core delivers it (a late delivery, a channel). */
const render = (to: NoticeRecipient, kind: string, values: unknown, locale?: "en" | "es" | "vi" | "zh-Hans" | "ru") => renderNotice(noticeEnv(w.core), to, kind, values, locale);
const labels = (r: Reply) => r.blocks.flatMap((b) => (b.type === "buttons" ? b.buttons.map((x) => x.label) : []));
const CHANNEL: NoticeRecipient = { channel: { platform: "slack", workspaceId: "T1", channelId: "C1" } };

describe("each officer reads the news in their own language", () => {
  it("a request's steps: co-signed, denied with the reason, in Spanish to the treasurer and Russian to the president", async () => {
    await speaks("tom", "es");
    await speaks("pat", "ru");
    const filed = await fileRequest(w, "tom");
    const card = noticeFor(filed, id.pat);
    expect(text(card)).toMatch(/#1 \(SL-083\)/);
    const signed = await w.click("pat", button(card, /^Подписать|Co-sign/i));
    expect(first(noticeFor(signed, id.tom))).toBe("✍️ La solicitud de pago #1 (SL-083, $250.00) fue firmada por Pat Larsen y ahora está con el personal de tesorería.");
    const denied = await withReason(w, "sofia", noticeFor(signed, id.sofia), /^deny/i, "Flyers come from the communications budget");
    expect(first(noticeFor(denied, id.tom))).toBe("ℹ️ La solicitud de pago #1 (SL-083, $250.00) fue denegada por Sofia Chen: Flyers come from the communications budget");
    expect(first(noticeFor(denied, id.pat))).toMatch(/^ℹ️ Заявку на оплату #1 \(SL-083, .*250,00.*\) отклонил\(а\) Sofia Chen: Flyers come from the communications budget$/);
  });

  it("declined and withdrawn, in Vietnamese and Chinese, each with the reason given", async () => {
    await speaks("tom", "vi");
    await speaks("pat", "zh-Hans");
    await fileRequest(w, "tom");
    const declined = await withReason(w, "pat", (await w.run("pat", "/rebate requests 1")).reply, /^不联署$/, "Wait for the new budget");
    expect(first(noticeFor(declined, id.tom))).toMatch(/^ℹ️ Yêu cầu chi #1 \(SL-083, .*250.*\) không được cùng ký: Pat Larsen đã từ chối\. Lý do: Wait for the new budget$/);

    await fileRequest(w, "tom");
    const gone = await w.run("tom", "/rebate withdraw 2 The venue paid");
    expect(first(noticeFor(gone, id.pat))).toBe("ℹ️ 付款申请 #2（SL-083，US$250.00）已由 Tom Haddad 撤回。原因：The venue paid");
  });

  it("a dispute's steps reach the officer in their language, naming the reviewer and the reason", async () => {
    await speaks("tom", "es");
    const opened = await w.form("tom", "/rebate dispute", { entry: "30", problem: "I think this was charged twice." });
    if (!opened.ok) throw new Error("not opened");
    const review = await w.click("sofia", button(noticeFor(opened, id.sofia), /start review/i));
    expect(first(noticeFor(review, id.tom))).toBe("Sofia Chen está revisando su disputa #1.");
    const kept = await withReason(w, "sofia", review.reply, /keep as is/i, "One charge only");
    expect(first(noticeFor(kept, id.tom))).toBe("Sofia Chen resolvió su disputa #1: el movimiento queda como está. Motivo: One charge only");
  });

  it("a statement approved or denied reaches the requester in their language", async () => {
    await speaks("tom", "es");
    const asked = await w.run("tom", "/rebate statement 2026-Q3");
    const approved = await w.click("sofia", button(noticeFor(asked, id.sofia), /^approve$/i));
    const got = noticeFor(approved, id.tom);
    expect(first(got)).toBe("✅ Su solicitud de estado de cuenta #1 de SL-083 fue aprobada por Sofia Chen. Aquí la tiene.");
    expect(got.files).toHaveLength(2);
    const again = await w.run("tom", "/rebate statement 2026-10");
    const denied = await withReason(w, "sofia", noticeFor(again, id.sofia), /^deny/i, "Ask again after the audit");
    expect(text(noticeFor(denied, id.tom))).toBe("Su solicitud de estado de cuenta #2 de SL-083 fue rechazada por Sofia Chen. Motivo: Ask again after the audit");
  });
});

describe("a notice delivered later", () => {
  it("still names who took the step it tells of, not whoever acted since", async () => {
    const filed = await fileRequest(w, "tom");
    const signed = await w.click("pat", button(noticeFor(filed, id.pat), /co-sign/i));
    await w.click("sofia", button(noticeFor(signed, id.sofia), /^approve$/i));
    const late = await render({ personId: id.tom }, "rebate.request.news", { id: 1, what: "cosigned" });
    expect(fallbackText(late.blocks).split("\n")[0]).toBe("✍️ Payment request #1 (SL-083, $250.00) was co-signed by Pat Larsen and is now with treasury staff.");
    // The card under it is the request as it stands now: approved, nothing to press.
    expect(fallbackText(late.blocks)).toMatch(/Approved by Sofia Chen on Nov 23, 2026/);
    expect(labels(late)).toEqual([]);
  });

  it("a dispute's review news after it was kept as is names the reviewer and shows the outcome", async () => {
    const opened = await w.form("tom", "/rebate dispute", { entry: "30", problem: "I think this was charged twice." });
    if (!opened.ok) throw new Error("not opened");
    const review = await w.click("sofia", button(noticeFor(opened, id.sofia), /start review/i));
    await withReason(w, "elena", review.reply, /keep as is/i, "One charge only");
    const late = await render({ personId: id.tom }, "rebate.dispute.news", { id: 1, what: "under_review" });
    expect(fallbackText(late.blocks)).toMatch(/^Your dispute #1 is now being reviewed by Sofia Chen\.\n[\s\S]*Resolved: kept as is/);
  });

  it("a statement's card for someone who does not decide it says it waits for treasury staff", async () => {
    await w.run("tom", "/rebate statement 2026-10");
    for (const who of [id.tom, id.pat]) {
      const card = await render({ personId: who }, "rebate.statement.card", { id: 1 });
      expect(labels(card)).toEqual([]);
      expect(fallbackText(card.blocks)).toMatch(/Tom Haddad asks for the statement of SL-083 for Oct 1, 2026 – Oct 31, 2026\.\nWaiting for treasury staff$/);
    }
    expect(labels(await render({ personId: id.sofia }, "rebate.statement.card", { id: 1 }))).toEqual(["Approve", "Deny…"]);
  });

  it("cards for the treasury channel offer staff's decisions", async () => {
    await w.run("tom", "/rebate statement 2026-10");
    expect(labels(await render(CHANNEL, "rebate.statement.card", { id: 1 }))).toEqual(["Approve", "Deny…"]);
    const filed = await fileRequest(w, "tom");
    expect(labels(await render(CHANNEL, "rebate.request.card", { id: 1 }))).toEqual([]);
    await w.click("pat", button(noticeFor(filed, id.pat), /co-sign/i));
    expect(labels(await render(CHANNEL, "rebate.request.card", { id: 1 }))).toEqual(["Approve", "Deny…"]);
    const opened = await w.form("tom", "/rebate dispute", { entry: "30", problem: "I think this was charged twice." });
    if (!opened.ok) throw new Error("not opened");
    expect(labels(await render(CHANNEL, "rebate.dispute.card", { id: 1 }))).toEqual(["Start review", "Correct it…", "Keep as is…"]);
  });

  it("about a record that is not there, says so in the reader's language", async () => {
    const cases = [
      ["rebate.statement.card", { id: 99 }, "There is no statement request #99.", "No existe la solicitud de estado de cuenta #99."],
      ["rebate.statement.issued", { id: 99 }, "There is no statement request #99.", "No existe la solicitud de estado de cuenta #99."],
      ["rebate.statement.denied", { id: 99 }, "There is no statement request #99.", "No existe la solicitud de estado de cuenta #99."],
      ["rebate.request.card", { id: 99 }, "There is no payment request #99.", "No existe la solicitud de pago #99."],
      ["rebate.request.news", { id: 99, what: "approved" }, "There is no payment request #99.", "No existe la solicitud de pago #99."],
      ["rebate.dispute.card", { id: 99 }, "There is no dispute #99.", "No existe la disputa #99."],
      ["rebate.dispute.news", { id: 99, what: "upheld" }, "There is no dispute #99.", "No existe la disputa #99."],
    ] as const;
    for (const [kind, values, en, es] of cases) {
      const r = await render({ personId: id.tom }, kind, values);
      expect(r.visibility).toBe("private");
      expect(fallbackText(r.blocks)).toBe(en);
      expect(fallbackText((await render({ personId: id.tom }, kind, values, "es")).blocks)).toBe(es);
    }
    // A statement not approved (yet) has nothing issued to send.
    await w.run("tom", "/rebate statement 2026-10");
    expect(fallbackText((await render({ personId: id.tom }, "rebate.statement.issued", { id: 1 })).blocks)).toBe("There is no statement request #1.");
  });
});

it("co-signing tells the requester and each deciding staff member once, never the signer", async () => {
  const filed = await fileRequest(w, "tom");
  expect(filed.notices).toHaveLength(1);
  const signed = await w.click("pat", button(noticeFor(filed, id.pat), /co-sign/i));
  // The requester's news and one card per staff member who decides, nobody twice.
  const to = signed.notices.map((n) => n.personId);
  expect(new Set(to).size).toBe(to.length);
  expect(to).toContain(id.tom);
  expect(to).toContain(id.sofia);
  expect(to).not.toContain(id.pat);
});
