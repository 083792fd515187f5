// Two processes racing for the same row on one PostgreSQL, each the real core in a process of its
// own (fixtures/core-worker.ts), the work handed to both at the same moment: people answering
// "going" for the last seats of an event (no event ends overfilled: the event's row is locked and a
// seat is given only by one guarded statement), two sub-local officers asking for the same last
// dollars (no more is promised than the account holds), and two treasury staff approving two
// payments that the balance covers only one of (one is paid, the other is told plainly that the
// balance no longer covers it; the account never goes below zero). What keeps each true is the
// account's or the event's row lock (SELECT … FOR UPDATE): drop it and these fail.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCore, handleAction, handleCommand, handleForm, type Core } from "../../commands/core/dispatch.ts";
import { fallbackText, type RenderedReply } from "../../commands/core/reply.ts";
import { features } from "../../commands/index.ts";
import { data, transaction } from "../../db/data.ts";
import { DEMO_WORKSPACE } from "../../db/demo.ts";
import { createEvent } from "../../db/events.ts";
import { linkIdentity } from "../../db/identities.ts";
import { accountByCode, postEntries } from "../../db/rebate.ts";
import { committedCents } from "../../db/rebate-requests.ts";
import { grantRole } from "../../db/roles.ts";
import { count, demoDatabase, skipReason, spawnWorker, type CoreWorker, type Database } from "./fleet.ts";

const skip = skipReason("the races between processes on PostgreSQL");
const KEY = `t1:${Buffer.alloc(32, 9).toString("base64")}`;

const web = (who: string) => ({ platform: "web" as const, workspaceId: DEMO_WORKSPACE, userId: who, locale: "en" });
const dollars = (cents: number) => (cents / 100).toFixed(2);

function button(r: RenderedReply, label: RegExp): string {
  const b = r.blocks.flatMap((x) => (x.type === "buttons" ? x.buttons : [])).find((x) => label.test(x.label));
  if (!b) throw new Error(`no button ${label} in: ${fallbackText(r.blocks)}`);
  return b.token;
}

describe.skipIf(Boolean(skip))("two processes racing on one PostgreSQL", { timeout: 120_000 }, () => {
  let db: Database;
  let core: Core;
  let workers: CoreWorker[] = [];
  let savedKey: string | undefined;
  const person = async (memberNumber: string) => (await data(db.store).one<{ id: number }>(`SELECT "id" FROM "Person" WHERE "memberNumber" = ?`, memberNumber))!.id;

  beforeAll(async () => {
    savedKey = process.env.MEMBER_DATA_KEY;
    process.env.MEMBER_DATA_KEY = KEY;
    db = await demoDatabase("races", 60);
    core = createCore({ store: db.store, features });
    workers = await Promise.all([spawnWorker(db.url, { MEMBER_DATA_KEY: KEY }), spawnWorker(db.url, { MEMBER_DATA_KEY: KEY })]);
  }, 120_000);

  afterAll(async () => {
    for (const w of workers) w.child.kill("SIGKILL");
    await db?.stop();
    if (savedKey === undefined) delete process.env.MEMBER_DATA_KEY;
    else process.env.MEMBER_DATA_KEY = savedKey;
  });

  it("40 people answer going for 3 events of 7 seats at once, split over both processes: 7 go to each, 33 wait", async () => {
    const people = await data(db.store).all<{ id: number }>(`SELECT "id" FROM "Person" ORDER BY "id" LIMIT 40`);
    for (const [i, p] of people.entries()) await linkIdentity(data(db.store), { platform: "web", workspaceId: DEMO_WORKSPACE, userId: `racer${i}`, personId: p.id, linkedVia: "admin" });
    const organiserId = await person("100007");
    const now = new Date();
    const events: number[] = [];
    for (let e = 0; e < 3; e++) {
      const startsAt = new Date(now.getTime() + (7 + e) * 86_400_000);
      const made = await transaction(db.store, (tx) =>
        createEvent(
          tx,
          db.store,
          { title: `Worksite meeting ${e}`, description: null, kind: "meeting", link: null, place: "Union hall", audienceType: "statewide", audienceId: null, capacity: 7, language: "en", organiserId, startsAt, endsAt: new Date(startsAt.getTime() + 3_600_000), rsvpDeadline: null, isPublic: false, repeat: null },
          now,
          "America/Los_Angeles",
        ),
      );
      events.push(made.ids[0]!);
    }
    const answers = await Promise.all(events.flatMap((id) => people.map((_, i) => workers[i % 2]!.run({ kind: "command", who: `racer${i}`, text: `/event rsvp ${id} going` }))));
    for (const a of answers) expect(a.text).toMatch(/You are going to|is full\. You are on the waiting list/);
    for (const id of events) {
      const going = await count(db.store, `SELECT count(*) AS "n" FROM "EventRsvp" WHERE "eventId" = ? AND "status" = 'going'`, id);
      const waiting = await count(db.store, `SELECT count(*) AS "n" FROM "EventRsvp" WHERE "eventId" = ? AND "status" = 'waitlist'`, id);
      expect({ id, going, waiting }).toEqual({ id, going: 7, waiting: 33 });
    }
    expect(answers.filter((a) => /You are going to/.test(a.text))).toHaveLength(21);
  });

  it("two officers ask for the same last dollars at once, on two processes, eight times over: one request is filed each time, the other refused", async () => {
    const account = (await accountByCode(data(db.store), "SL-083"))!;
    const [tom, pat] = [await person("100005"), await person("100004")];
    const open = async (who: string) => (await handleCommand(core, { actor: web(who), text: "/rebate request SL-083" })).reply.form!.token;
    for (let round = 0; round < 8; round++) {
      const available = account.balanceCents - Number(await committedCents(data(db.store), account.id));
      expect(available).toBeGreaterThan(10_000);
      const amount = Math.floor(available * 0.6) - round;
      const values = { payee: "Salem Print Shop", amount: dollars(amount), purpose: "Flyers for the worksite meeting", needed_by: "2027-01-15", receipt: "" };
      const [tomForm, patForm] = [await open("tom"), await open("pat")];
      // Each process files for one of them, alternately.
      const [a, b] = await Promise.all([
        workers[round % 2]!.run({ kind: "form", who: "tom", token: tomForm, values }),
        workers[(round + 1) % 2]!.run({ kind: "form", who: "pat", token: patForm, values }),
      ]);
      expect([a, b].filter((r) => r.ok), `round ${round}`).toHaveLength(1);
      expect(JSON.stringify([a, b].find((r) => !r.ok)!.errors)).toMatch(/more than is available/);
      expect(Number(await committedCents(data(db.store), account.id))).toBeLessThanOrEqual((await accountByCode(data(db.store), "SL-083"))!.balanceCents);
      const filed = await data(db.store).all<{ id: number; requesterId: number }>(`SELECT "id", "requesterId" FROM "RebateRequest" WHERE "accountId" = ? AND "amountCents" = ?`, account.id, amount);
      expect(filed).toHaveLength(1);
      // The winner withdraws it: the next round races for the same dollars again.
      const who = filed[0]!.requesterId === tom ? "tom" : filed[0]!.requesterId === pat ? "pat" : "?";
      expect(fallbackText((await handleCommand(core, { actor: web(who), text: `/rebate withdraw ${filed[0]!.id} next round` })).reply.blocks)).toMatch(/withdr/i);
    }
  });

  it("two staff approve two payments at once on two processes, the balance covering one: one is paid, the other refused, the account never below zero", async () => {
    const [tom, pat, sofia, elena] = [await person("100005"), await person("100004"), await person("100007"), await person("100008")];
    await grantRole(db.store, { personId: elena, role: "staff", office: null, scopeType: "statewide", scopeId: null, startsAt: new Date(Date.now() - 86_400_000), grantedById: null });
    const account = (await accountByCode(data(db.store), "SL-083"))!;
    // Whatever the race above left open is withdrawn first: only these two requests are in play.
    for (const r of await data(db.store).all<{ id: number; requesterId: number }>(`SELECT "id", "requesterId" FROM "RebateRequest" WHERE "accountId" = ? AND "status" IN ('awaiting_cosign', 'awaiting_staff')`, account.id)) {
      const who = r.requesterId === tom ? "tom" : r.requesterId === pat ? "pat" : null;
      if (who) await handleCommand(core, { actor: web(who), text: `/rebate withdraw ${r.id} clearing the way` });
    }
    const available = account.balanceCents - Number(await committedCents(data(db.store), account.id));
    const amount = Math.floor(available * 0.45);
    const cards: string[][] = [];
    for (const payee of ["Salem Print Shop", "Gresham Hall Rental"]) {
      const opened = await handleCommand(core, { actor: web("tom"), text: "/rebate request SL-083" });
      const filed = await handleForm(core, { actor: web("tom"), token: opened.reply.form!.token, values: { payee, amount: dollars(amount), purpose: "Worksite meeting", needed_by: "2027-01-15", receipt: "" } });
      if (!filed.ok) throw new Error(JSON.stringify(filed.errors));
      const signed = await handleAction(core, { actor: web("pat"), token: button(filed.notices.find((n) => n.personId === pat)!.message, /co-sign/i) });
      cards.push([sofia, elena].map((id) => button(signed.notices.find((n) => n.personId === id)!.message, /^approve$/i)));
    }
    // Now the balance covers one of the two payments, not both.
    const balance = (await accountByCode(data(db.store), "SL-083"))!.balanceCents;
    const spend = balance - Math.floor(amount * 1.5);
    await postEntries(db.store, [{ subLocalCode: "SL-083", kind: "disbursement", postedOn: new Date().toISOString().slice(0, 10), amountCents: -spend, description: "Office rent", recordedBy: "test" }], new Date());
    expect((await accountByCode(data(db.store), "SL-083"))!.balanceCents).toBe(Math.floor(amount * 1.5));

    const [a, b] = await Promise.all([workers[0]!.run({ kind: "action", who: "sofia", token: cards[0]![0]! }), workers[1]!.run({ kind: "action", who: "elena", token: cards[1]![1]! })]);
    const texts = [a.text, b.text];
    expect(texts.filter((t) => /Approved by/.test(t)), texts.join("\n")).toHaveLength(1);
    expect(texts.filter((t) => /can't be approved: the balance is now/.test(t)), texts.join("\n")).toHaveLength(1);
    expect((await accountByCode(data(db.store), "SL-083"))!.balanceCents).toBe(Math.floor(amount * 1.5) - amount);
    expect(await count(db.store, `SELECT count(*) AS "n" FROM "RebateRequest" WHERE "accountId" = ? AND "status" = 'approved' AND "amountCents" = ?`, account.id, amount)).toBe(1);
  });
});
