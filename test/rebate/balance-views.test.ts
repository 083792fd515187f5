// `/rebate balance` as its readers see it: an officer of one sub-local gets that account in detail
// (balance, what open requests promise, the last five rebate deposits, this year's totals by kind,
// the requests not decided yet); a reader of several accounts gets the overview, capped at thirty;
// someone who may see none is told who can. Each view is audited.
import { data } from "../../db/data.ts";
import { beforeEach, expect, it } from "vitest";
import { handleHome } from "../../commands/core/home.ts";
import { fallbackText } from "../../commands/core/reply.ts";
import { listAudit } from "../../db/audit.ts";
import { DEMO_WORKSPACE } from "../../db/demo.ts";
import { fileRequest, PERSONAS, personaIds, text, withReason, noticeFor, world, type World } from "./setup.ts";

let w: World;
let id: ReturnType<typeof personaIds>;
beforeEach(async () => {
  w = await world();
  id = personaIds(w);
});

it("the treasurer's own account in detail: figures, last five deposits, this year by kind, open requests", async () => {
  await fileRequest(w, "tom");
  expect(text(await w.run("tom", "/rebate balance"))).toBe(
    [
      "SL-083 Salem State Workers: rebate account",
      "Balance: $36,112.50",
      "Promised to open requests: $250.00",
      "Available: $35,862.50",
      "Last rebate deposits",
      "• #32 · Oct 15, 2026 · Rebate deposit · $1,812.50 · Monthly rebate 2026-10",
      "• #31 · Sep 15, 2026 · Rebate deposit · $1,800.00 · Monthly rebate 2026-09",
      "• #29 · Aug 15, 2026 · Rebate deposit · $1,837.50 · Monthly rebate 2026-08",
      "• #28 · Jul 15, 2026 · Rebate deposit · $1,825.00 · Monthly rebate 2026-07",
      "• #27 · Jun 15, 2026 · Rebate deposit · $1,812.50 · Monthly rebate 2026-06",
      "This year so far (2026)",
      "Rebate deposit: $18,162.50",
      "Payment: -$950.00",
      "Expense reimbursement: -$455.00",
      "Transfer: $0.00",
      "Correction: $0.00",
      "Payment requests not decided yet",
      "• Request #1: Salem Print Shop, $250.00 — Waiting for the second officer's signature",
    ].join("\n"),
  );
  const [view] = await listAudit(w.store, { action: "rebate.balance.view" });
  expect(view).toMatchObject({ actorPersonId: id.tom, subjectType: "sublocal", subjectId: "SL-083" });
  // Home shows the same three figures, without the detail.
  const home = fallbackText((await handleHome(w.core, { platform: "web", workspaceId: DEMO_WORKSPACE, userId: "tom", locale: "en" })).blocks);
  expect(home).toMatch(/SL-083 Salem State Workers: rebate account\nBalance: \$36,112\.50\nPromised to open requests: \$250\.00\nAvailable: \$35,862\.50/);
  expect(home).not.toMatch(/Last rebate deposits|This year so far|Payment requests not decided yet/);
});

it("a declined request is no longer promised nor listed; a new year starts its totals at zero", async () => {
  const filed = await fileRequest(w, "tom");
  await withReason(w, "pat", noticeFor(filed, id.pat), /decline/i, "Wait for the new budget");
  w.clock.set(new Date("2027-01-05T17:00:00Z"));
  const body = text(await w.run("pat", "/rebate balance SL-083"));
  expect(body).toMatch(/Promised to open requests: \$0\.00\nAvailable: \$36,112\.50/);
  expect(body).toMatch(/This year so far \(2027\)\nRebate deposit: \$0\.00\nPayment: \$0\.00\nExpense reimbursement: \$0\.00/);
  expect(body).toMatch(/Payment requests not decided yet\nNo open payment requests\.$/);
});

it("a new sub-local's account: nothing yet, each part says so", async () => {
  await data(w.store).run(`INSERT INTO "SubLocal" ("code", "name") VALUES ('SL-500', 'Salem Library Workers')`);
  const body = text(await w.run("sofia", "/rebate balance SL-500"));
  expect(body).toMatch(/^SL-500 Salem Library Workers: rebate account\nBalance: \$0\.00\nPromised to open requests: \$0\.00\nAvailable: \$0\.00\n/);
  expect(body).toMatch(/Last rebate deposits\nNo rebate deposits yet\.\nThis year so far \(2026\)\nRebate deposit: \$0\.00/);
});

it("readers of several accounts get the overview; an officer of two sub-locals too; it is audited with how many were shown", async () => {
  expect(text(await w.run("dana", "/rebate balance"))).toBe(
    [
      "2 rebate accounts you can see",
      "• SL-083 Salem State Workers — $36,112.50",
      "• SL-390 Portland Metro Human Services — $41,612.50",
      "Type /rebate balance followed by a sub-local code to see one in detail.",
    ].join("\n"),
  );
  const [overview] = await listAudit(w.store, { action: "rebate.balance.overview" });
  expect(overview).toMatchObject({ actorPersonId: id.dana, subjectType: null, subjectId: null });
  expect(JSON.parse(overview!.details)).toEqual({ platform: "web", shown: 2 });
  // A sub-local named: that account in detail.
  expect(text(await w.run("dana", "/rebate balance SL-390"))).toMatch(/^SL-390 Portland Metro Human Services: rebate account\nBalance: \$41,612\.50/);

  await w.run("sofia", `/unionhall admin role grant ${PERSONAS.tom} sublocal_president SL-140`);
  expect(text(await w.run("tom", "/rebate balance"))).toMatch(/^2 rebate accounts you can see\n• SL-083 Salem State Workers — \$36,112\.50\n• SL-140 Willamette Valley Transportation — \$47,112\.50/);
});

it("staff see at most thirty accounts at once and are told how many more there are", async () => {
  for (let n = 0; n < 26; n++) await data(w.store).run(`INSERT INTO "SubLocal" ("code", "name") VALUES (?, ?)`, `SL-${500 + n}`, `Worksite ${n}`);
  const body = text(await w.run("sofia", "/rebate balance"));
  expect(body).toMatch(/^31 rebate accounts you can see\n/);
  expect(body.split("\n").filter((l) => l.startsWith("• "))).toHaveLength(30);
  expect(body).toMatch(/• SL-5\d\d Worksite \d+ — \$0\.00/);
  expect(body).toMatch(/\n…and 1 more\. Type \/rebate balance followed by a sub-local code to see one\.$/);
  const [overview] = await listAudit(w.store, { action: "rebate.balance.overview" });
  expect(JSON.parse(overview!.details)).toEqual({ platform: "web", shown: 30 });
});

it("someone who may see no account is told who can; another sub-local's account is refused", async () => {
  expect(text(await w.run("maria", "/rebate balance"))).toMatch(/^⚠️ You are not able to see any rebate account\. Sub-local presidents and treasurers, board directors and treasury staff can\./);
  expect(text(await w.run("tom", "/rebate balance SL-140"))).toMatch(/⚠️/);
  const [refusal] = await listAudit(w.store, { action: "rebate.denied" });
  expect(refusal).toMatchObject({ actorPersonId: id.tom, subjectType: "sublocal", subjectId: "SL-140" });
  expect(JSON.parse(refusal!.details)).toEqual({ platform: "web", what: "balance", reason: "not_in_scope" });
  expect(await listAudit(w.store, { action: "rebate.balance.overview" })).toEqual([]);
  expect(await listAudit(w.store, { action: "rebate.balance.view" })).toEqual([]);
});
