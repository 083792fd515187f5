// The ledger's promises under any sequence of what people do, through the real core and store:
// imports (some refused), payment requests, co-signatures, declines, withdrawals, staff approvals
// and denials, statements approved or denied, disputes corrected or kept. After every step the
// running balance equals the sum of the entries, no issued statement has changed (nor could its
// period have), the available money shown is the balance less every open request (co-signed or
// not), and a request was filed exactly when it fitted in what was available.
import { data } from "../../db/data.ts";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { importLedger } from "../../bot/cli/import-ledger.ts";
import { accountByCode, balanceCheck, entriesBetween, listAccounts, sumBefore } from "../../db/rebate.ts";
import { issuedFigures } from "../../db/rebate-requests.ts";
import type { Outcome } from "../../commands/core/dispatch.ts";
import { PERSONAS, text, world, type World } from "./setup.ts";

type Card = Outcome["reply"];
type Who = "tom" | "pat";

const step = fc.oneof(
  {
    arbitrary: fc.record({
      do: fc.constant("import" as const),
      rows: fc.array(
        fc.record({
          kind: fc.constantFrom("deposit", "payment", "adjustment"),
          // Days before today (negative: after today, which the ledger refuses).
          daysAgo: fc.integer({ min: -3, max: 150 }),
          cents: fc.integer({ min: 1, max: 2_000_000 }),
          negative: fc.boolean(),
        }),
        { minLength: 1, maxLength: 4 },
      ),
      allowNegative: fc.boolean(),
    }),
    weight: 2,
  },
  { arbitrary: fc.record({ do: fc.constant("request" as const), who: fc.constantFrom<Who>("tom", "pat"), permille: fc.oneof({ arbitrary: fc.integer({ min: 1, max: 350 }), weight: 3 }, { arbitrary: fc.integer({ min: 350, max: 1300 }), weight: 1 }) }), weight: 4 },
  { arbitrary: fc.record({ do: fc.constant("cosign" as const), pick: fc.nat() }), weight: 3 },
  { arbitrary: fc.record({ do: fc.constant("decline" as const), pick: fc.nat() }), weight: 1 },
  { arbitrary: fc.record({ do: fc.constant("withdraw" as const), pick: fc.nat() }), weight: 1 },
  { arbitrary: fc.record({ do: fc.constant("approve" as const), pick: fc.nat() }), weight: 3 },
  { arbitrary: fc.record({ do: fc.constant("deny" as const), pick: fc.nat() }), weight: 1 },
  { arbitrary: fc.record({ do: fc.constant("statement" as const), monthsAgo: fc.integer({ min: 0, max: 5 }), approve: fc.boolean() }), weight: 2 },
  { arbitrary: fc.record({ do: fc.constant("dispute" as const), pick: fc.nat(), expectedCents: fc.integer({ min: 1, max: 500_000 }), adjust: fc.boolean() }), weight: 2 },
  { arbitrary: fc.record({ do: fc.constant("nextDay" as const), days: fc.integer({ min: 1, max: 3 }) }), weight: 1 },
);

const usd = (cents: number) => new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" }).format(cents / 100);
const day = (d: Date) => d.toISOString().slice(0, 10);
const addDays = (d: Date, n: number) => new Date(d.getTime() + n * 86_400_000);

/** Money promised to open requests, counted here independently of the code under test. */
async function promised(w: World, accountId: number): Promise<number> {
  const r = (await data(w.store).one(`SELECT COALESCE(SUM("amountCents"), 0) AS total FROM "RebateRequest" WHERE "accountId" = ? AND "status" IN ('awaiting_cosign', 'awaiting_staff')`, accountId)) as { total: number };
  return r.total;
}

function buttonIn(card: Card | undefined, label: RegExp): string | undefined {
  return card?.blocks.flatMap((b) => (b.type === "buttons" ? b.buttons : [])).find((b) => label.test(b.label))?.token;
}

interface Issued {
  figures: string;
  issuedAt: string;
  closesThrough: string | null;
}

type Step = typeof step extends fc.Arbitrary<infer T> ? T : never;

async function play(w: World, steps: Step[]): Promise<void> {
  const id = Object.fromEntries(Object.entries(PERSONAS).map(([k, n]) => [k, w.personId(n)])) as Record<keyof typeof PERSONAS, number>;
  const account = (await accountByCode(data(w.store), "SL-083"))!;
  // Cards as their readers got them: the co-signer's, and treasury staff's.
  const cosignCards = new Map<number, { who: Who; card: Card }>();
  const staffCards = new Map<number, Card>();
  const issued = new Map<number, Issued>();
  const decided = new Map<number, string>();
  let ref = 0;
  const stillOpen = async (rid: number, status: string) => ((await data(w.store).one(`SELECT "status" FROM "RebateRequest" WHERE "id" = ?`, rid)) as { status: string }).status === status;

  const check = async (after: string) => {
    for (const a of (await listAccounts(data(w.store)))) {
      const c = await balanceCheck(data(w.store), a.id);
      expect({ after, stored: c.stored, count: c.count }).toEqual({ after, stored: c.summed, count: c.entries });
    }
    const statements = (await data(w.store).all(`SELECT "id", "accountId", "fromDate", "figures", "issuedAt", "closesThrough" FROM "RebateStatement" WHERE "figures" IS NOT NULL`)) as (Issued & {
      id: number;
      accountId: number;
      fromDate: string;
    })[];
    for (const s of statements) {
      const seen = issued.get(s.id);
      if (seen) expect({ after, ...seen }).toEqual({ after, figures: s.figures, issuedAt: s.issuedAt, closesThrough: s.closesThrough });
      else issued.set(s.id, { figures: s.figures, issuedAt: s.issuedAt, closesThrough: s.closesThrough });
      // Nothing has entered the closed part of its period since: recomputed, it says the same.
      if (s.closesThrough) {
        const f = issuedFigures(s)!;
        expect(await sumBefore(data(w.store), s.accountId, s.fromDate)).toBe(f.openingCents);
        const now = (await entriesBetween(data(w.store), s.accountId, s.fromDate, s.closesThrough)).map((e) => [e.id, e.amountCents]);
        expect(now).toEqual(f.entries.filter((e) => e.postedOn <= s.closesThrough!).map((e) => [e.id, e.amountCents]));
      }
    }
    const requests = (await data(w.store).all(`SELECT "id", "status" FROM "RebateRequest"`)) as { id: number; status: string }[];
    for (const r of requests) {
      const was = decided.get(r.id);
      if (was) expect(`${after}: #${r.id} ${r.status}`).toBe(`${after}: #${r.id} ${was}`);
      else if (!["awaiting_cosign", "awaiting_staff"].includes(r.status)) decided.set(r.id, r.status);
    }
    const balance = (await accountByCode(data(w.store), "SL-083"))!.balanceCents;
    const shown = text(await w.run("tom", "/rebate balance SL-083"));
    expect(shown).toContain(`Available: ${usd(balance - (await promised(w, account.id)))}`);
  };

  await check("start");
  for (const s of steps) {
    const now = w.clock.now();
    switch (s.do) {
      case "nextDay":
        w.clock.advance(s.days * 86_400_000);
        break;
      case "import": {
        const lines = s.rows.map((r) => {
          const cents = r.kind === "payment" || (r.kind === "adjustment" && r.negative) ? -r.cents : r.cents;
          const amount = (cents / 100).toFixed(2);
          return `SL-083,${day(addDays(now, -r.daysAgo))},${r.kind},${amount},generated row,P-${++ref},`;
        });
        await importLedger(w.store, ["sublocal,date,kind,amount,description,reference,corrects", ...lines].join("\n"), {
          now,
          allowNegative: s.allowNegative ? "opening balances carried over" : undefined,
        });
        break;
      }
      case "request": {
        const balance = (await accountByCode(data(w.store), "SL-083"))!.balanceCents;
        const available = balance - (await promised(w, account.id));
        const cents = Math.max(1, Math.floor((Math.max(balance, 100) * s.permille) / 1000));
        const filed = await w.form(s.who, "/rebate request", { payee: "Salem Print Shop", amount: (cents / 100).toFixed(2), purpose: "Flyers", needed_by: day(addDays(now, 20)), receipt: "" });
        if (filed.ok) {
          // Filed only when it fits in what was available: co-signed requests count as promised too.
          expect({ cents, available, fits: cents <= available }).toMatchObject({ fits: true });
          const newest = (await data(w.store).one(`SELECT MAX("id") AS id FROM "RebateRequest"`)) as { id: number };
          const other: Who = s.who === "tom" ? "pat" : "tom";
          const card = filed.notices.find((n) => n.personId === id[other])?.message;
          if (card) cosignCards.set(newest.id, { who: other, card });
        } else {
          expect(JSON.stringify(filed.errors)).toMatch(/available/i);
          expect({ cents, available, fits: cents <= available }).toMatchObject({ fits: false });
        }
        break;
      }
      case "cosign":
      case "decline": {
        const open = [];
        for (const e of cosignCards.entries()) if ((await stillOpen(e[0], "awaiting_cosign")) || s.pick % 5 === 0) open.push(e);
        if (!open.length) break;
        const [rid, { who, card }] = open[s.pick % open.length]!;
        const token = buttonIn(card, s.do === "cosign" ? /^co-sign$/i : /^decline/i);
        if (!token) break;
        const r = await w.click(who, token);
        if (s.do === "decline" && r.reply.form) await w.submit(who, r.reply.form.token, { reason: "Not in this year's plan" });
        const staff = r.notices.find((n) => n.personId === id.sofia)?.message;
        if (staff) staffCards.set(rid, staff);
        break;
      }
      case "withdraw": {
        const rows = (await data(w.store).all(`SELECT "id", "requesterId" FROM "RebateRequest" ORDER BY "id"`)) as { id: number; requesterId: number }[];
        if (!rows.length) break;
        const r = rows[s.pick % rows.length]!;
        await w.run(r.requesterId === id.tom ? "tom" : "pat", `/rebate withdraw ${r.id} plans changed`);
        break;
      }
      case "approve":
      case "deny": {
        const cards = [];
        for (const [rid, c] of staffCards.entries()) if ((await stillOpen(rid, "awaiting_staff")) || s.pick % 5 === 0) cards.push(c);
        if (!cards.length) break;
        const card = cards[s.pick % cards.length]!;
        const token = buttonIn(card, s.do === "approve" ? /^approve$/i : /^deny/i);
        if (!token) break;
        const r = await w.click("sofia", token);
        if (s.do === "deny" && r.reply.form) await w.submit("sofia", r.reply.form.token, { reason: "No receipt yet" });
        expect((await accountByCode(data(w.store), "SL-083"))!.balanceCents >= 0 || s.do === "deny" || !/approved by/i.test(text(r))).toBe(true);
        break;
      }
      case "statement": {
        const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - s.monthsAgo, 1));
        const period = d.toISOString().slice(0, 7);
        const asked = await w.run("tom", `/rebate statement ${period}`);
        const card = asked.notices.find((n) => n.personId === id.sofia)?.message;
        const token = buttonIn(card, s.approve ? /^approve$/i : /^deny/i);
        if (!token) break;
        const r = await w.click("sofia", token);
        if (r.reply.form) await w.submit("sofia", r.reply.form.token, { reason: "Ask again after the audit" });
        break;
      }
      case "dispute": {
        const entries = (await data(w.store).all(`SELECT "id" FROM "RebateEntry" WHERE "accountId" = ? ORDER BY "id"`, account.id)) as { id: number }[];
        const entry = entries[s.pick % entries.length]!;
        const opened = await w.form("tom", "/rebate dispute", { entry: String(entry.id), problem: "This is not what we were told", expected: (s.expectedCents / 100).toFixed(2) });
        const card = opened.ok ? opened.notices.find((n) => n.personId === id.sofia)?.message : undefined;
        const token = buttonIn(card, s.adjust ? /^correct it/i : /^keep as is/i);
        if (!token) break;
        const form = await w.click("sofia", token);
        if (!form.reply.form) break;
        const suggested = form.reply.form.fields.find((f) => f.name === "amount")?.initial;
        await w.submit("sofia", form.reply.form.token, s.adjust ? { amount: suggested ?? "1.00", note: "" } : { reason: "The amount is right" });
        break;
      }
    }
    await check(JSON.stringify(s));
  }
}

describe("ledger properties through the core", () => {
  it("any sequence keeps balance = entries, issued statements unchanged, available = balance − promised", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 24 }), async (steps) => {
        const w = await world();
        try {
          await play(w, steps);
        } finally {
          await w.store.close();
        }
      }),
      { numRuns: 12, endOnFailure: true },
    );
  }, 120_000);
});
