// Who sees which requests and disputes: `/rebate requests` and `/rebate disputes` list the items of
// the sub-locals a reader may see (their own as an officer, their area's as a board director,
// every one for treasury staff), newest first; Home, the balance and the pending list count only
// what is still open; a second dispute on an entry waits until the first is resolved.
import { data } from "../../db/data.ts";
import { beforeEach, describe, expect, it } from "vitest";
import { listAudit } from "../../db/audit.ts";
import { grantRole } from "../../db/roles.ts";
import { upsertSubLocal } from "../../db/sublocals.ts";
import { accountByCode } from "../../db/rebate.ts";
import { cosignRequest, createDispute, createStatement, createRequest, decideRequest, resolveDispute } from "../../db/rebate-requests.ts";
import type { LinkedCtx } from "../../commands/core/command.ts";
import { makeCtx } from "../../commands/core/dispatch.ts";
import { handleHome } from "../../commands/core/home.ts";
import { resolveCaller } from "../../commands/core/identity.ts";
import { fallbackText } from "../../commands/core/reply.ts";
import { rebateFeature } from "../../commands/rebate/index.ts";
import { DEMO_WORKSPACE } from "../../db/demo.ts";
import { button, noticeFor, PERSONAS, text, world, type World } from "./setup.ts";

let w: World;
let id: Record<keyof typeof PERSONAS, number>;
beforeEach(async () => {
  w = await world();
  id = Object.fromEntries(Object.entries(PERSONAS).map(([k, n]) => [k, w.personId(n)])) as typeof id;
});

const account = async (code: string) => (await accountByCode(data(w.store), code))!.id;
async function ask(code: string, requesterId: number, payee: string, amountCents = 10_000) {
  const r = await createRequest(w.store, { accountId: (await account(code)), requesterId, requesterOffice: "treasurer", payee, amountCents, purpose: "Supplies", neededBy: "2026-12-10", receiptUrl: null }, w.clock.now());
  if (!r.ok) throw new Error("not filed");
  return r.id;
}
const entryOf = async (code: string) => ((await data(w.store).one(`SELECT e."id" FROM "RebateEntry" e JOIN "RebateAccount" a ON a."id" = e."accountId" WHERE a."subLocalCode" = ? ORDER BY e."id" LIMIT 1`, code)) as { id: number }).id;
const dispute = async (code: string, requesterId: number) => (await createDispute(w.store, { accountId: (await account(code)), entryId: (await entryOf(code)), requesterId, problem: "This does not match our records.", expectedCents: null }, w.clock.now()));
const actor = (who: string) => ({ platform: "web" as const, workspaceId: DEMO_WORKSPACE, userId: who, locale: "en" });
const homeOf = async (who: string) => fallbackText((await handleHome(w.core, actor(who))).blocks);
const ctxOf = async (who: string) => makeCtx(w.core, actor(who), await resolveCaller(w.store, actor(who), w.clock.now())) as LinkedCtx;
/** The first line of each item of a list, in order. */
const items = (shown: string) => shown.split("\n").filter((l) => l.startsWith("• ")).map((l) => l.replace(/^• /, "").replace(/ — .*/, ""));

describe("the lists", () => {
  it("requests: an officer sees their sub-local's, a board director their area's, staff every one; newest first", async () => {
    await ask("SL-083", id.tom, "Salem Print Shop");
    await ask("SL-140", id.paul, "Valley Bus Depot");
    await ask("SL-083", id.pat, "Capitol Catering");
    expect(items(text(await w.run("tom", "/rebate requests")))).toEqual(["Request #3: Capitol Catering, $100.00 · SL-083", "Request #1: Salem Print Shop, $100.00 · SL-083"]);
    // Dana directs Human Services, which SL-083 belongs to and SL-140 does not.
    expect(items(text(await w.run("dana", "/rebate requests")))).toEqual(["Request #3: Capitol Catering, $100.00 · SL-083", "Request #1: Salem Print Shop, $100.00 · SL-083"]);
    expect(items(text(await w.run("sofia", "/rebate requests")))).toEqual([
      "Request #3: Capitol Catering, $100.00 · SL-083",
      "Request #2: Valley Bus Depot, $100.00 · SL-140",
      "Request #1: Salem Print Shop, $100.00 · SL-083",
    ]);
    expect(text(await w.run("tom", "/rebate requests 2"))).toMatch(/only for its president and treasurer/);
  });

  it("disputes: the same rule; a director of an area with no sub-locals sees none", async () => {
    await dispute("SL-083", id.tom);
    await dispute("SL-140", id.paul);
    expect(items(text(await w.run("tom", "/rebate disputes")))).toEqual([expect.stringMatching(/^Dispute #1 about entry #\d+ \(SL-083\)$/)]);
    expect(items(text(await w.run("dana", "/rebate disputes")))).toEqual([expect.stringMatching(/^Dispute #1 .*\(SL-083\)$/)]);
    expect(items(text(await w.run("sofia", "/rebate disputes")))).toEqual([expect.stringMatching(/^Dispute #2 .*\(SL-140\)$/), expect.stringMatching(/^Dispute #1 .*\(SL-083\)$/)]);
    await grantRole(w.store, { personId: id.carla, role: "board_director", office: null, scopeType: "employer_group", scopeId: "Harbor Pilots", startsAt: new Date("2026-11-01T00:00:00Z"), grantedById: null });
    expect(text(await w.run("carla", "/rebate disputes"))).toMatch(/^Disputes\nNo disputes\./);
    // A sub-local just added to Dana's area has no account yet: nothing of it to list, and no error.
    await upsertSubLocal(w.store, { code: "SL-999", name: "New Sub-local", employerGroup: "Human Services" });
    expect(items(text(await w.run("dana", "/rebate disputes")))).toEqual([expect.stringMatching(/^Dispute #1 .*\(SL-083\)$/)]);
    expect(items(text(await w.run("dana", "/rebate requests")))).toEqual([]);
    expect(text(await w.run("carla", "/rebate requests"))).toMatch(/^Payment requests\nNo payment requests/);
  });
});

describe("one item, and what each list says about its items", () => {
  const audited = async (action: string) => (await listAudit(w.store, { action })).map((a) => ({ actor: a.actorPersonId, subject: [a.subjectType, a.subjectId], details: JSON.parse(a.details) as Record<string, unknown> }));

  it("each request's state and age, the hint to open one, and the list audited with how many it showed", async () => {
    await ask("SL-083", id.tom, "Salem Print Shop");
    w.clock.advance(3 * 86_400_000);
    const signed = await ask("SL-083", id.tom, "Capitol Catering");
    await cosignRequest(w.store, signed, id.pat, true, w.clock.now());
    w.clock.advance(86_400_000);
    expect(text(await w.run("tom", "/rebate requests"))).toBe(
      [
        "Payment requests",
        "• Request #2: Capitol Catering, $100.00 · SL-083 — Signed by two officers, waiting for treasury staff · 1 day",
        "• Request #1: Salem Print Shop, $100.00 · SL-083 — Waiting for the second officer's signature · 4 days",
        "Type /rebate requests followed by a number to see one with its history.",
      ].join("\n"),
    );
    expect(await audited("rebate.requests.list")).toEqual([{ actor: id.tom, subject: [null, null], details: { platform: "web", shown: 2 } }]);
  });

  it("each dispute's state and age, the hint, and the audit", async () => {
    await dispute("SL-083", id.tom);
    w.clock.advance(2 * 86_400_000);
    expect(text(await w.run("pat", "/rebate disputes"))).toMatch(/^Disputes\n• Dispute #1 about entry #\d+ \(SL-083\) — Open · 2 days\nType \/rebate disputes followed by a number to see one with its history\.$/);
    expect(await audited("rebate.disputes.list")).toEqual([{ actor: id.pat, subject: [null, null], details: { platform: "web", shown: 1 } }]);
  });

  it("the 25 newest requests are listed", async () => {
    for (let i = 1; i <= 27; i++) await ask("SL-083", id.tom, `Payee ${i}`, 100);
    const shown = items(text(await w.run("sofia", "/rebate requests")));
    expect(shown).toHaveLength(25);
    expect(shown[0]).toMatch(/^Request #27: Payee 27,/);
    expect(shown[24]).toMatch(/^Request #3: Payee 3,/);
    for (let i = 1; i <= 27; i++) await dispute("SL-083", id.tom);
    expect(items(text(await w.run("sofia", "/rebate disputes")))).toHaveLength(25);
  });

  it("one request or dispute by number: its card and history for those who may see it, audited; others are refused and audited", async () => {
    const r = await ask("SL-083", id.tom, "Salem Print Shop");
    const d = await dispute("SL-083", id.tom);
    expect(text(await w.run("dana", `/rebate requests ${r}`))).toMatch(/^Payment request #1 \(SL-083\)\nWaiting for the second officer's signature\n[\s\S]*Pay to: Salem Print Shop[\s\S]*\nHistory\n• .* — Filed — Tom Haddad$/);
    expect(text(await w.run("tom", `/rebate disputes ${d}`))).toMatch(/^Dispute #1 \(SL-083\)\nOpen[\s\S]*\nHistory\n• .* — Dispute opened — Tom Haddad$/);
    expect(await audited("rebate.request.view")).toEqual([{ actor: id.dana, subject: ["rebate_request", "1"], details: { platform: "web" } }]);
    expect(await audited("rebate.dispute.view")).toEqual([{ actor: id.tom, subject: ["rebate_dispute", "1"], details: { platform: "web" } }]);

    const other = await ask("SL-140", id.paul, "Valley Bus Depot");
    const otherDispute = await dispute("SL-140", id.paul);
    const refusal = /^⚠️ Sorry, the rebate account of SL-140 is only for its president and treasurer/;
    expect(text(await w.run("tom", `/rebate requests ${other}`))).toMatch(refusal);
    expect(text(await w.run("dana", `/rebate disputes ${otherDispute}`))).toMatch(refusal);
    expect(await audited("rebate.denied")).toEqual([
      { actor: id.dana, subject: ["rebate_dispute", String(otherDispute)], details: { platform: "web", reason: "not_in_scope" } },
      { actor: id.tom, subject: ["rebate_request", String(other)], details: { platform: "web", reason: "not_in_scope" } },
    ]);
    expect(await audited("rebate.request.view")).toHaveLength(1);
    expect(text(await w.run("tom", "/rebate requests 99"))).toBe("⚠️ There is no payment request #99.");
    expect(text(await w.run("tom", "/rebate disputes 99"))).toBe("⚠️ There is no dispute #99.");
  });
});

describe("issued statements", () => {
  it("/rebate statements lists the issued statements a reader may see, newest first; pending ones are not issued", async () => {
    const issue = async (code: string, from: string, to: string) =>
      await createStatement(w.store, { accountId: (await account(code)), requesterId: null, fromDate: from, toDate: to, status: "automatic" }, w.clock.now(), "2026-11-23");
    await issue("SL-083", "2026-09-01", "2026-09-30");
    await issue("SL-140", "2026-09-01", "2026-09-30");
    await issue("SL-083", "2026-10-01", "2026-10-31");
    await w.run("tom", "/rebate statement 2026-Q3");
    const lines = async (who: string) => items(text(await w.run(who, "/rebate statements")));
    expect(await lines("tom")).toEqual(["Statement #3: SL-083, 2026-10", "Statement #1: SL-083, 2026-09"]);
    expect(await lines("dana")).toEqual(["Statement #3: SL-083, 2026-10", "Statement #1: SL-083, 2026-09"]);
    expect(await lines("sofia")).toEqual(["Statement #3: SL-083, 2026-10", "Statement #2: SL-140, 2026-09", "Statement #1: SL-083, 2026-09"]);
    expect(await lines("paul")).toEqual(["Statement #3: SL-083, 2026-10", "Statement #2: SL-140, 2026-09", "Statement #1: SL-083, 2026-09"]);
    await grantRole(w.store, { personId: id.carla, role: "board_director", office: null, scopeType: "employer_group", scopeId: "Harbor Pilots", startsAt: new Date("2026-11-01T00:00:00Z"), grantedById: null });
    expect(await lines("carla")).toEqual([]);
    expect(text(await w.run("carla", "/rebate statements"))).toMatch(/No statements issued yet\./);
  });
});

describe("what is still open", () => {
  it("Home and the balance count open requests and disputes only; staff Home counts what waits for staff", async () => {
    const waiting = await ask("SL-083", id.tom, "Salem Print Shop");
    const declined = await ask("SL-083", id.tom, "Capitol Catering");
    await ask("SL-083", id.tom, "Riverfront Hall");
    const denied = await ask("SL-083", id.tom, "Valley Bus Depot");
    w.clock.advance(3_600_000);
    await cosignRequest(w.store, waiting, id.pat, true, w.clock.now());
    await cosignRequest(w.store, declined, id.pat, false, w.clock.now(), "No");
    await cosignRequest(w.store, denied, id.pat, true, w.clock.now());
    await decideRequest(w.store, denied, id.sofia, { approve: false, reason: "No receipt" }, w.clock.now());
    w.clock.advance(3_600_000);
    await dispute("SL-083", id.tom);
    const settled = await createDispute(w.store, { accountId: (await account("SL-083")), entryId: 30, requesterId: id.tom, problem: "Charged twice?", expectedCents: null }, w.clock.now());
    await resolveDispute(w.store, settled, id.sofia, { outcome: "upheld", reason: "Charged once" }, w.clock.now());
    w.clock.advance(3_600_000);
    await dispute("SL-140", id.paul);
    w.clock.advance(3_600_000);
    await w.run("tom", "/rebate statement 2026-10");

    expect(await homeOf("tom")).toMatch(/Open payment requests: 2 · open disputes: 1/);
    expect(await homeOf("sofia")).toMatch(/Waiting for treasury staff: 1 statement request\(s\), 1 payment request\(s\), 2 dispute\(s\)\./);
    const balance = text(await w.run("tom", "/rebate balance"));
    expect(balance.slice(balance.indexOf("Payment requests not decided yet"))).toMatch(
      /^Payment requests not decided yet\n• Request #3: Riverfront Hall, \$100\.00 — Waiting for the second officer's signature\n• Request #1: Salem Print Shop, \$100\.00 — Signed by two officers, waiting for treasury staff$/,
    );
    const handoff = (await rebateFeature.handoff!(await ctxOf("pat"), { id: 1, code: "SL-083", name: "Salem State Workers" }))!.markdown;
    expect(handoff).toMatch(/Open payment requests:\*\* 2\n[\s\S]*Open disputes:\*\* 1\n/);
    // Staff's pending list: what waits for staff, oldest first; the open dispute of SL-140 too.
    expect((await rebateFeature.pending!(await ctxOf("sofia"))).map((i) => i.summary)).toEqual([
      expect.stringMatching(/^Payment request #1 \(SL-083/),
      expect.stringMatching(/^Dispute #1 \(SL-083\)/),
      expect.stringMatching(/^Dispute #3 \(SL-140\)/),
      expect.stringMatching(/^Statement request #1 \(SL-083\)/),
    ]);
  });
});

describe("one open dispute per entry", () => {
  it("a second dispute on an entry under dispute names the open one; once resolved, the entry can be disputed again", async () => {
    const first = await w.form("tom", "/rebate dispute", { entry: "30", problem: "The meeting room cost $150, not $165." });
    if (!first.ok) throw new Error("not opened");
    await w.click("sofia", button(noticeFor(first, id.sofia), /start review/i));
    const again = await w.form("pat", "/rebate dispute", { entry: "30", problem: "We think this entry is wrong too." });
    expect(again.ok).toBe(false);
    if (!again.ok) expect(again.errors.entry).toMatch(/#1/);
    const form = await w.click("sofia", button(noticeFor(first, id.sofia), /keep as is/i));
    await w.submit("sofia", form.reply.form!.token, { reason: "The bank statement shows $165.00" });
    const later = await w.form("pat", "/rebate dispute", { entry: "30", problem: "We found a new receipt for this one." });
    expect(later.ok).toBe(true);
  });
});
