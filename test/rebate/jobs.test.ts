// Scheduled treasury work through the real scheduler on a controlled clock: an untouched dispute
// reminds treasury staff after 10 business days (the grievance calendar: Thanksgiving doesn't
// count) and escalates to the executive director 5 business days later; acting on it re-plans;
// resolving it cancels. The monthly statement reaches the treasurer with its files. Cards go to
// the treasury channel once one is set.
import { data } from "../../db/data.ts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createScheduler, type Scheduler } from "../../bot/scheduler/dispatcher.ts";
import { findJobs } from "../../db/jobs.ts";
import { RecordingPoster } from "../scheduler/helpers.ts";
import { button, noticeFor, PERSONAS, text, world, type World } from "./setup.ts";

let w: World;
let poster: RecordingPoster;
let sched: Scheduler;

beforeAll(async () => {
  w = await world();
  poster = new RecordingPoster("web");
  sched = createScheduler({ store: w.store, core: w.core, posters: new Map([["web", poster]]), log: { info() {}, warn() {}, error() {} }, clock: w.clock });
  await sched.start();
});
afterAll(async () => {
  await sched?.stop();
  await w?.store.close();
});

const deliver = async (iso: string) => {
  w.clock.set(new Date(iso));
  poster.deliveries.length = 0;
  await sched.runDue();
  return poster.deliveries.map((d) => ({ to: d.target.channelId ?? d.target.userId, text: d.text.split("\n")[0]! }));
};

describe("stale disputes", () => {
  it("remind staff after 10 business days, escalate 5 later; acting re-plans; resolving cancels", async () => {
    w.clock.set(new Date("2026-11-23T17:00:00Z")); // Monday 09:00 Pacific
    const first = await w.form("tom", "/rebate dispute", { entry: "30", problem: "The meeting room cost $150, not $165." });
    const second = await w.form("tom", "/rebate dispute", { entry: "29", problem: "The August rebate looks short to us." });
    if (!first.ok || !second.ok) throw new Error("not opened");
    // The second one is taken under review a week later: its clock starts again from there.
    w.clock.set(new Date("2026-11-30T17:00:00Z"));
    await w.click("sofia", button(noticeFor(second, w.personId(PERSONAS.sofia)), /start review/i));

    expect(await deliver("2026-12-08T16:59:00Z")).toEqual([]);
    expect(await deliver("2026-12-08T17:00:30Z")).toEqual([{ to: "sofia", text: "⏰ Dispute #1 (SL-083) has had no action since Nov 23, 2026. Please review it." }]);
    const reminder = poster.deliveries[0]!.reply;
    expect(reminder.blocks.flatMap((b) => (b.type === "buttons" ? b.buttons.map((x) => x.label) : []))).toEqual(["Start review", "Correct it…", "Keep as is…"]);
    expect(await deliver("2026-12-14T17:00:30Z")).toEqual([{ to: "sofia", text: "⏰ Dispute #2 (SL-083) has had no action since Nov 30, 2026. Please review it." }]);
    expect(await deliver("2026-12-15T17:00:30Z")).toEqual([
      { to: "elena", text: "⏰ Dispute #1 (SL-083) has had no action since Nov 23, 2026, even after a reminder to treasury staff." },
    ]);

    // Resolving dispute #2 cancels its escalation.
    const form = await w.click("sofia", button(noticeFor(second, w.personId(PERSONAS.sofia)), /keep as is/i));
    await w.submit("sofia", form.reply.form!.token, { reason: "The deposit matches the state's remittance." });
    expect((await findJobs(data(w.store), { status: "pending" })).filter((j) => j.idempotencyKey?.startsWith("rebate:dispute:2:"))).toEqual([]);
    expect(await deliver("2026-12-21T17:00:30Z")).toEqual([]);
  });
});

describe("monthly statements", () => {
  it("staff turn them on; on the 1st the treasurer gets last month's statement with CSV and PDF", async () => {
    w.clock.set(new Date("2026-11-23T17:00:00Z"));
    const on = await w.run("sofia", "/rebate auto SL-083 on");
    expect(text(on)).toMatch(/SL-083's treasurer will get last month's statement on the 1st of each month\. Next: .*Dec 1, 2026/);
    expect(text(await w.run("tom", "/rebate auto SL-083 on"))).toMatch(/Sorry/);
    const got = await deliver("2026-12-01T16:00:30Z");
    expect(got).toEqual([{ to: "tom", text: "🗓️ Your monthly rebate statement for SL-083, 2026-11." }]);
    const files = poster.deliveries[0]!.reply.files;
    expect(files.map((f) => f.name)).toEqual(["statement-SL-083-2026-11.csv", "statement-SL-083-2026-11.pdf"]);
    expect(poster.deliveries[0]!.text).toMatch(/Opening balance: \$36,112\.50[\s\S]*Closing balance: \$36,112\.50/);
    const off = await w.run("sofia", "/rebate auto SL-083 off");
    expect(text(off)).toMatch(/turned off/);
    expect(await deliver("2027-01-01T16:00:30Z")).toEqual([]);
  });
});

describe("treasury channel", () => {
  it("once set, a new card goes to the channel (not to staff DMs) and can be decided there", async () => {
    w.clock.set(new Date("2027-01-05T17:00:00Z"));
    expect(text(await w.run("sofia", "/rebate channel #treasury"))).toMatch(/will go to #treasury\./);
    const asked = await w.run("tom", "/rebate statement 2026-12");
    expect(asked.notices).toEqual([]);
    const posted = (await deliver("2027-01-05T17:00:01Z")).filter((d) => d.to === "treasury");
    expect(posted).toEqual([{ to: "treasury", text: expect.stringMatching(/^Statement request #\d+ \(SL-083\)$/) }]);
    const decided = await w.click("sofia", button(poster.deliveries.find((d) => /Statement request/.test(d.text))!.reply, /^approve$/i));
    expect(text(decided)).toMatch(/Approved by Sofia Chen/);
    expect(text(noticeFor(decided, w.personId(PERSONAS.tom)))).toMatch(/Closing balance/);
    expect(text(await w.run("sofia", "/rebate channel dm"))).toMatch(/direct message/);
    // Back to direct messages: the next card reaches each staff member, none goes to the channel.
    const next = await w.run("tom", "/rebate statement 2026-11");
    expect(text(noticeFor(next, w.personId(PERSONAS.sofia)))).toMatch(/asks for the statement of SL-083/);
  });
});
