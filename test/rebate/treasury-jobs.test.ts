// The treasury's scheduled deliveries in detail, through the real scheduler on a controlled clock:
// every kind of card posted to the treasury channel (and none for what was decided before it went
// out), the stale-dispute reminder and escalation with their audit entries, and the monthly
// statement following the treasurer's office when it changes hands.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createScheduler, type Scheduler } from "../../bot/scheduler/dispatcher.ts";
import { listAudit } from "../../db/audit.ts";
import { RecordingPoster } from "../scheduler/helpers.ts";
import { button, fileRequest, noticeFor, PERSONAS, personaIds, text, world, type World } from "./setup.ts";

let w: World;
let id: ReturnType<typeof personaIds>;
let poster: RecordingPoster;
let sched: Scheduler;

beforeEach(async () => {
  w = await world();
  id = personaIds(w);
  seen = 0;
  poster = new RecordingPoster("web");
  sched = createScheduler({ store: w.store, core: w.core, posters: new Map([["web", poster]]), log: { info() {}, warn() {}, error() {} }, clock: w.clock });
  await sched.start();
});
afterEach(async () => {
  await sched?.stop();
  await w?.store.close();
});

/**
 * Runs what is due at `iso`; the deliveries made since the last call (a job due at once may go out
 * as soon as it is scheduled), with where they went and what they offer.
 */
let seen = 0;
async function deliver(iso: string) {
  w.clock.set(new Date(iso));
  await sched.runDue();
  const fresh = poster.deliveries.slice(seen);
  seen = poster.deliveries.length;
  return fresh.map((d) => ({
    to: d.target.channelId ?? d.target.userId,
    visibility: d.reply.visibility,
    first: d.text.split("\n")[0]!,
    buttons: d.reply.blocks.flatMap((b) => (b.type === "buttons" ? b.buttons.map((x) => x.label) : [])),
  }));
}

const audited = async (action: string) =>
  (await listAudit(w.store, { action })).reverse().map((a) => ({ actor: a.actor, person: a.actorPersonId, subject: [a.subjectType, a.subjectId], details: JSON.parse(a.details) as Record<string, unknown> }));

describe("the treasury channel", () => {
  beforeEach(async () => {
    w.clock.set(new Date("2026-11-23T17:00:00Z"));
    expect(text(await w.run("sofia", "/rebate channel #treasury"))).toMatch(/will go to #treasury\./);
  });

  it("gets the card of a co-signed request and of a new dispute, each with staff's buttons, posted in the channel", async () => {
    const filed = await fileRequest(w, "tom");
    const signed = await w.click("pat", button(noticeFor(filed, id.pat), /co-sign/i));
    expect(signed.notices.map((n) => n.personId)).toEqual([id.tom]);
    const opened = await w.form("tom", "/rebate dispute", { entry: "30", problem: "I think this was charged twice." });
    if (!opened.ok) throw new Error("not opened");
    expect(opened.notices).toEqual([]);
    const posted = (await deliver("2026-11-23T17:00:01Z")).filter((d) => d.to === "treasury");
    expect(posted).toEqual([
      { to: "treasury", visibility: "channel", first: "Payment request #1 (SL-083)", buttons: ["Approve", "Deny…"] },
      { to: "treasury", visibility: "channel", first: "Dispute #1 (SL-083)", buttons: ["Start review", "Correct it…", "Keep as is…"] },
    ]);
  });

  it("hears when a request it was given to decide is withdrawn: a card saying so, with no buttons", async () => {
    const filed = await fileRequest(w, "tom");
    await w.click("pat", button(noticeFor(filed, id.pat), /co-sign/i));
    expect((await deliver("2026-11-23T17:00:01Z")).filter((d) => d.to === "treasury")).toHaveLength(1);
    const gone = await w.run("tom", "/rebate withdraw 1 bought with my own money");
    expect(text(gone)).toMatch(/withdrew/i);
    const posted = (await deliver("2026-11-23T17:00:02Z")).filter((d) => d.to === "treasury");
    expect(posted).toEqual([{ to: "treasury", visibility: "channel", first: "Payment request #1 (SL-083)", buttons: [] }]);
    const card = poster.deliveries.at(-1)!.text;
    expect(card).toMatch(/Withdrawn by the requester/);
    expect(card).toMatch(/bought with my own money/);
  });

  it("a statement request's card is posted in the channel with Approve and Deny", async () => {
    await w.run("tom", "/rebate statement 2026-10");
    expect((await deliver("2026-11-23T17:00:01Z")).filter((d) => d.to === "treasury")).toEqual([
      { to: "treasury", visibility: "channel", first: "Statement request #1 (SL-083)", buttons: ["Approve", "Deny…"] },
    ]);
  });

  it("what was decided while the bot was down is not posted when it comes back", async () => {
    await sched.stop();
    await w.run("tom", "/rebate statement 2026-09");
    await w.run("tom", "/rebate statement 2026-10");
    const filed = await fileRequest(w, "tom");
    await w.click("pat", button(noticeFor(filed, id.pat), /co-sign/i));
    const opened = await w.form("tom", "/rebate dispute", { entry: "30", problem: "I think this was charged twice." });
    if (!opened.ok) throw new Error("not opened");
    // Staff decide each from their own view before the scheduler runs.
    const pending = (await w.run("sofia", "/unionhall pending")).reply;
    expect(text(await w.click("sofia", button(pending, /^approve · 1$/i)))).toMatch(/Approved by Sofia Chen/);
    await w.click("sofia", button((await w.run("sofia", "/rebate requests 1")).reply, /^approve$/i));
    const dispute = (await w.run("sofia", "/rebate disputes 1")).reply;
    const form = await w.click("sofia", button(dispute, /keep as is/i));
    expect((await w.submit("sofia", form.reply.form!.token, { reason: "One charge only." })).ok).toBe(true);
    w.clock.set(new Date("2026-11-23T17:05:00Z"));
    await sched.start();
    const posted = (await deliver("2026-11-23T17:05:01Z")).filter((d) => d.to === "treasury");
    // Only the statement request, still waiting, is posted.
    expect(posted.map((d) => d.first)).toEqual(["Statement request #2 (SL-083)"]);
  });
});

describe("stale disputes", () => {
  it("the reminder and the escalation reach each person with the card they may act on, and are audited as the system's", async () => {
    w.clock.set(new Date("2026-11-23T17:00:00Z"));
    const opened = await w.form("tom", "/rebate dispute", { entry: "30", problem: "The meeting room cost $150, not $165." });
    if (!opened.ok) throw new Error("not opened");
    const reminded = await deliver("2026-12-08T17:00:30Z");
    expect(reminded).toEqual([{ to: "sofia", visibility: "private", first: "⏰ Dispute #1 (SL-083) has had no action since Nov 23, 2026. Please review it.", buttons: ["Start review", "Correct it…", "Keep as is…"] }]);
    expect(await audited("rebate.dispute.reminder")).toEqual([{ actor: "system", person: null, subject: ["rebate_dispute", "1"], details: { jobId: expect.any(Number), personId: id.sofia } }]);
    expect(await audited("rebate.dispute.escalation")).toEqual([]);

    const escalated = await deliver("2026-12-15T17:00:30Z");
    expect(escalated).toEqual([
      { to: "elena", visibility: "private", first: "⏰ Dispute #1 (SL-083) has had no action since Nov 23, 2026, even after a reminder to treasury staff.", buttons: ["Start review", "Correct it…", "Keep as is…"] },
    ]);
    expect(await audited("rebate.dispute.escalation")).toEqual([{ actor: "system", person: null, subject: ["rebate_dispute", "1"], details: { jobId: expect.any(Number), personId: id.elena } }]);
    expect(await audited("rebate.dispute.reminder")).toHaveLength(1);
  });

  it("a review started after the reminder was planned moves it: the old date passes quietly", async () => {
    w.clock.set(new Date("2026-11-23T17:00:00Z"));
    const opened = await w.form("tom", "/rebate dispute", { entry: "30", problem: "The meeting room cost $150, not $165." });
    if (!opened.ok) throw new Error("not opened");
    w.clock.set(new Date("2026-12-01T17:00:00Z"));
    await w.click("sofia", button(noticeFor(opened, id.sofia), /start review/i));
    expect(await deliver("2026-12-08T17:00:30Z")).toEqual([]);
    expect(await audited("rebate.dispute.reminder")).toEqual([]);
    expect((await deliver("2026-12-15T17:00:30Z")).map((d) => [d.to, d.first])).toEqual([["sofia", "⏰ Dispute #1 (SL-083) has had no action since Dec 1, 2026. Please review it."]]);
  });
});

describe("the monthly statement", () => {
  it("is audited as the system's, naming the treasurer it went to", async () => {
    w.clock.set(new Date("2026-11-23T17:00:00Z"));
    await w.run("sofia", "/rebate auto SL-083 on");
    const got = await deliver("2026-12-01T16:00:30Z");
    expect(got.map((d) => [d.to, d.visibility, d.first])).toEqual([["tom", "private", "🗓️ Your monthly rebate statement for SL-083, 2026-11."]]);
    expect(await audited("rebate.statement.automatic")).toEqual([{ actor: "system", person: null, subject: ["rebate_statement", "1"], details: { subLocal: "SL-083", personId: id.tom, jobId: expect.any(Number) } }]);
    // It is an issued statement like any other: listed, and sent again unchanged.
    expect(text(await w.run("tom", "/rebate statements"))).toMatch(/Statement #1: SL-083, 2026-11/);
  });

  it("follows the office: a new treasurer gets this month's statement and the next ones; the old one none", async () => {
    w.clock.set(new Date("2026-11-23T17:00:00Z"));
    await w.run("sofia", "/rebate auto SL-083 on");
    expect(text(await w.run("sofia", `/unionhall admin role revoke ${PERSONAS.tom} sublocal_treasurer SL-083`))).not.toMatch(/⚠️/);
    expect(text(await w.run("sofia", `/unionhall admin role grant ${PERSONAS.carla} sublocal_treasurer SL-083`))).not.toMatch(/⚠️/);
    const first = await deliver("2026-12-01T16:00:30Z");
    // The rule's run for Tom finds Carla in the office, hands the month to her, and she gets it.
    expect(first.filter((d) => d.to === "tom")).toEqual([]);
    const handed = await deliver("2026-12-01T16:00:31Z");
    expect([...first, ...handed].map((d) => [d.to, d.first])).toEqual([["carla", "🗓️ Your monthly rebate statement for SL-083, 2026-11."]]);
    expect((await audited("rebate.statement.automatic")).map((a) => a.details.personId)).toEqual([id.carla]);
    // Next month the rule itself goes to Carla.
    const next = await deliver("2027-01-01T16:00:30Z");
    expect(next.map((d) => [d.to, d.first])).toEqual([["carla", "🗓️ Your monthly rebate statement for SL-083, 2026-12."]]);
  });

  it("with nobody in the treasurer's office on the 1st, nobody gets one", async () => {
    w.clock.set(new Date("2026-11-23T17:00:00Z"));
    await w.run("sofia", "/rebate auto SL-083 on");
    await w.run("sofia", `/unionhall admin role revoke ${PERSONAS.tom} sublocal_treasurer SL-083`);
    expect(await deliver("2026-12-01T16:00:30Z")).toEqual([]);
    expect(await audited("rebate.statement.automatic")).toEqual([]);
  });
});
