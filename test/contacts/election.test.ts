// The officer-election rule as people really phrase requests: a promise in the requester's own
// language, a multilingual screen that flags (with the words) instead of refusing, declared
// candidates routed to the executive director during their election's window, requests from
// the statewide president and the executive director decided by the other, and the rule repeated
// when access is granted and when it ends.
import { afterEach, describe, expect, it } from "vitest";
import { listAudit } from "../../db/audit.ts";
import { data } from "../../db/data.ts";
import { screenForElection } from "../../commands/contacts/election-screen.ts";
import { button, cardFor, DAY, outreach, PERSONAS, text, world, type World } from "./setup.ts";

let w: World | undefined;
afterEach(async () => {
  await w?.store.close();
  w = undefined;
});

const status = async () => (await data(w!.store).one<{ status: string; route: string; flags: string }>(`SELECT "status", "route", "flags" FROM "ContactRequest" ORDER BY "id" DESC LIMIT 1`))!;

describe("the screen flags election talk in five languages and explains itself", () => {
  const paraphrases: [string, string, string][] = [
    ["en", "To tell members why I should lead the sub-local next term.", "should lead"],
    ["vi", "Tôi muốn gửi thư cho hội viên vì tôi tranh cử chức chủ tịch.", "tranh cử"],
    ["es", "Quiero pedirles que voten por mí para presidenta del sublocal.", "voten por mí"],
    ["es", "Para explicar mi candidatura a los miembros (sin acentos: candidatura)", "candidatura"],
    ["zh-Hans", "告诉会员我为什么竞选主席", "竞选"],
    ["ru", "Хочу рассказать членам, почему я баллотируюсь в председатели.", "баллотируюсь"],
  ];
  for (const [lang, justification, word] of paraphrases) {
    it(`${lang}: “${justification}” goes to the approver flagged with “${word}”, not refused`, async () => {
      w = await world();
      await w.ack("tom");
      const r = await w.request("tom", { ...outreach, justification });
      expect(r.ok && text(r)).toContain(`“${word}”`);
      const card = text(cardFor(r as never, w.personId(PERSONAS.pat)));
      expect(card).toContain(`Check before approving: the explanation mentions “${word}”`);
      expect(card).toContain("The requester promised in writing");
      expect(await status()).toMatchObject({ status: "pending", route: "sublocal_president:SL-083" });
      expect(JSON.parse((await status()).flags).screen).toContain(word);
    });
  }

  it("a short Chinese explanation counts as an explanation; a few letters don't", async () => {
    const { explainsEnough } = await import("../../commands/contacts/request.ts");
    expect(explainsEnough("告诉会员下周开会的事")).toBe(true);
    expect(explainsEnough("开会")).toBe(false);
    expect(explainsEnough("meeting")).toBe(false);
  });

  it("accents and tone marks don't hide a word; a ratification vote and ordinary outreach are not flagged", () => {
    expect(screenForElection("toi tranh cu chuc chu tich").hits.map((h) => h.text)).toEqual(["tranh cu"]);
    expect(screenForElection("ELECCIÓN de la PRESIDENTA del sublocal").flagged).toBe(true);
    expect(screenForElection("Call members about the contract ratification vote next week.")).toMatchObject({ flagged: false, ratification: true });
    expect(screenForElection("Llamar a los miembros para la votación de ratificación del contrato.")).toMatchObject({ flagged: false, ratification: true });
    expect(screenForElection("CAPE phone bank for the November general election.").flagged).toBe(false);
    expect(screenForElection("Invite members to the worksite meeting about the new contract.").flagged).toBe(false);
  });

  it("a contract ratification vote is allowed: sent to the approver with no warning", async () => {
    w = await world();
    await w.ack("tom");
    const r = await w.request("tom", { ...outreach, justification: "Remind members to vote in the contract ratification vote before Friday." });
    expect(r.ok && text(r)).toMatch(/sent to the president of sub-local SL-083/);
    expect(r.ok && text(r)).not.toContain("⚠️");
    expect(text(cardFor(r as never, w.personId(PERSONAS.pat)))).not.toContain("Check before approving");
    expect(await status()).toMatchObject({ status: "pending", flags: "{}" });
  });

  it("only the explicit officer-election purpose is refused outright", async () => {
    w = await world();
    await w.ack("tom");
    const r = await w.request("tom", { ...outreach, purpose: "officer_election" });
    expect(r.ok && text(r)).toMatch(/refused/);
    expect((await status()).status).toBe("refused");
  });
});

describe("the requester's promise", () => {
  it("is a required choice, shown in the requester's language; declining sends nothing", async () => {
    w = await world();
    await w.ack("tom");
    await w.run("tom", "/unionhall language es");
    const opened = await w.run("tom", "/contacts request");
    const page2 = await w.submit("tom", opened.reply.form!.token, outreach);
    const field = page2.ok ? page2.reply.form?.fields.find((f) => f.name === "attest") : undefined;
    expect(field?.required).toBe(true);
    expect(field?.options?.map((o) => o.label)).toEqual([expect.stringContaining("Prometo: no es para ninguna elección de funcionarios"), "No puedo prometerlo"]);
    const declined = await w.submit("tom", page2.ok ? page2.reply.form!.token : "", { attest: "decline" });
    expect(declined.ok).toBe(false);
    expect(!declined.ok && declined.errors.attest).toMatch(/solo se envía con este compromiso/);
    expect(await data(w!.store).one(`SELECT CAST(count(*) AS INTEGER) AS "n" FROM "ContactRequest"`)).toEqual({ n: 0 });
  });
});

describe("declared candidates", () => {
  async function tomIsCandidate() {
    const added = text(await w!.run("sofia", "/contacts election add 2026-11-01 2026-12-15 SL-083 officers 2027"));
    expect(added).toContain("Recorded officer election #1");
    expect(text(await w!.run("sofia", `/contacts election candidate 1 ${PERSONAS.tom} treasurer`))).toContain("is a declared candidate");
  }

  it("a candidate's request in the window goes to the executive director only, with a warning, and is marked in the audit view", async () => {
    w = await world();
    await tomIsCandidate();
    await w.ack("tom");
    const r = await w.request("tom", outreach);
    expect(r.ok && text(r)).toContain("goes to the executive director");
    const to = r.ok ? r.notices.map((n) => n.personId) : [];
    expect(to).toEqual([w.personId(PERSONAS.elena)]);
    expect((await status()).route).toBe("executive_director");
    const card = cardFor(r as never, w.personId(PERSONAS.elena));
    expect(text(card)).toContain("declared candidate in “SL-083 officers 2027”");
    // The sub-local president and the statewide president can't decide it, even with the card.
    expect(text(await w.click("pat", button(card, /approve/i)))).toMatch(/Only|only/);
    expect(text(await w.click("paul", button(card, /approve/i)))).toMatch(/Only|only/);
    expect((await status()).status).toBe("pending");
    expect(text(await w.click("elena", button(card, /deny/i)))).toMatch(/denied/);
    const audit = text(await w.run("sofia", "/contacts audit"));
    expect(audit).toContain("Requests with a warning");
    expect(audit).toContain("Request #1 (denied) — Members of sub-local SL-083 — 🚩 declared candidate in “SL-083 officers 2027”, sent to the executive director");
    const entry = (await listAudit(w.store, { action: "contacts.request" }))[0]!;
    expect(JSON.parse(entry.details)).toMatchObject({ candidateElectionId: 1, route: "executive_director", attested: true });
  });

  it("outside the window, or after withdrawing, the request goes the usual way", async () => {
    w = await world();
    await tomIsCandidate();
    await w.ack("tom");
    w.clock.set(new Date("2026-12-16T17:00:00Z"));
    const r = await w.request("tom", outreach);
    expect((await status()).route).toBe("sublocal_president:SL-083");
    expect(r.ok && r.notices.map((n) => n.personId)).toContain(w.personId(PERSONAS.pat));
    expect(text(await w.run("sofia", "/contacts election list"))).toContain("No current or coming officer elections");
    expect(text(await w.run("tom", "/contacts election list"))).toMatch(/only for/);
  });

  it("staff keep the list; bad input changes nothing", async () => {
    w = await world();
    await tomIsCandidate();
    const list = text(await w.run("sofia", "/contacts election list"));
    expect(list).toContain("#1 SL-083 officers 2027 — 2026-11-01 to 2026-12-15");
    expect(list).toContain(`Tom Haddad (${PERSONAS.tom}) — treasurer`);
    expect(text(await w.run("sofia", `/contacts election candidate 1 ${PERSONAS.tom}`))).toContain("already a declared candidate");
    expect(text(await w.run("sofia", "/contacts election add 2026-12-01 2026-11-01 backwards"))).toContain("can't close before nominations open");
    expect(text(await w.run("sofia", "/contacts election candidate 9 100005"))).toContain("no officer election #9");
    expect(text(await w.run("sofia", `/contacts election withdraw 1 ${PERSONAS.tom}`))).toContain("no longer listed");
    expect(text(await w.run("sofia", "/contacts election list"))).toContain("No declared candidates yet");
  });
});

describe("requests from the statewide president and the executive director", () => {
  it("the statewide president may ask; the executive director decides, never the president themself", async () => {
    w = await world();
    await w.ack("paul");
    const r = await w.request("paul", { ...outreach, scope: "statewide:all" });
    expect(r.ok && text(r)).toMatch(/sent to the statewide president/);
    expect(r.ok && r.notices.map((n) => n.personId)).toEqual([w.personId(PERSONAS.elena)]);
    const card = cardFor(r as never, w.personId(PERSONAS.elena));
    expect(text(card)).toContain("All members statewide");
    expect(text(await w.click("elena", button(card, /approve/i)))).toMatch(/approved/);
  });

  it("the executive director may ask; the statewide president decides", async () => {
    w = await world();
    await w.ack("elena");
    const r = await w.request("elena", { ...outreach, scope: "statewide:all" });
    expect(r.ok && r.notices.map((n) => n.personId)).toEqual([w.personId(PERSONAS.paul)]);
    const card = cardFor(r as never, w.personId(PERSONAS.paul));
    expect(text(await w.click("elena", button(card, /approve/i)))).toMatch(/your own|own request/i);
    expect(text(await w.click("paul", button(card, /approve/i)))).toMatch(/approved/);
  });
});

describe("the rule is repeated", () => {
  it("in the grant message and in the end-of-grant reminder", async () => {
    w = await world();
    await w.ack("tom");
    const sent = await w.request("tom", outreach);
    const decided = await w.click("pat", button(cardFor(sent as never, w.personId(PERSONAS.pat)), /approve/i));
    const granted = decided.notices.find((n) => n.personId === w!.personId(PERSONAS.tom))!;
    expect(text(granted.message)).toContain("Rule: member contacts may never be used for any union officer election");
    w.clock.advance(15 * DAY);
    const later = await w.run("tom", "/contacts agreement");
    const ended = later.notices.find((n) => n.personId === w!.personId(PERSONAS.tom))!;
    expect(text(ended.message)).toContain("nothing may be retained");
    expect(text(ended.message)).toContain("Rule: member contacts may never be used for any union officer election");
  });
});
