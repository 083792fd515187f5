// Passing the torch: a new sub-local officer's welcome, the outgoing officer asked once for a note,
// and the weekly training reminder with the clock under the test's control.
import { afterEach, describe, expect, it } from "vitest";
import { createScheduler } from "../../bot/scheduler/dispatcher.ts";
import { data } from "../../db/data.ts";
import { storeUrl } from "../helpers/tamper.ts";
import { RecordingPoster } from "../scheduler/helpers.ts";
import { buttonLabelled, textOf, trainingWorld } from "../training/helpers.ts";

type W = Awaited<ReturnType<typeof trainingWorld>>;
let w: W | undefined;
const running: { stop(): Promise<void> }[] = [];
afterEach(async () => {
  for (const s of running.splice(0)) await s.stop();
  await w?.store.close();
  w = undefined;
});

const DAY = 24 * 60 * 60 * 1000;
const silent = { info() {}, warn() {}, error() {} };

async function scheduler(w: W) {
  const poster = new RecordingPoster("web");
  const sched = createScheduler({ store: w.store, core: w.core, posters: new Map([["web", poster]]), log: silent, clock: w.clock });
  await sched.start();
  running.push(sched);
  const to = (handle: string) => poster.deliveries.filter((d) => d.target.userId === handle);
  return { poster, sched, to };
}

const jobs = (w: W, kind: string) => data(w.store).all<{ personId: number; status: string }>(`SELECT "personId", "status" FROM "ScheduledJob" WHERE "kind" = ? ORDER BY "id"`, kind);

describe("torch-passing", () => {
  it("a new sub-local president is welcomed with the packet, required training and predecessor; the outgoing one is asked once for a note", async () => {
    w = await trainingWorld();
    const granted = await w.run("sofia", "/unionhall admin role grant 100001 sublocal_president SL-083");
    expect(textOf(granted.reply)).toContain("✅");
    // Written with the role: both jobs exist before any scheduler runs.
    expect(await jobs(w, "handoff.welcome")).toHaveLength(1);
    expect(await jobs(w, "handoff.ask")).toHaveLength(1);

    const { sched, to } = await scheduler(w);
    await sched.runDue();
    const welcome = to("maria");
    expect(welcome).toHaveLength(1);
    expect(welcome[0]!.text).toContain("Welcome, president of SL-083!");
    expect(welcome[0]!.text).toContain("Before you, this office was held by Pat Larsen.");
    expect(welcome[0]!.text).toContain("Training your role needs");
    expect(welcome[0]!.text).toContain("Member-records confidentiality");
    const ask = to("pat");
    expect(ask).toHaveLength(1);
    expect(ask[0]!.text).toContain("Please leave a note for SL-083");
    expect(ask[0]!.text).toContain("Maria Alvarez is taking over");

    const packet = await w.click("maria", buttonLabelled(welcome[0]!.reply, "Open the SL-083 handoff packet").token);
    expect(textOf(packet.reply)).toContain("Handoff packet: SL-083 Salem State Workers");
    expect(packet.reply.files.map((f) => f.name)).toEqual(expect.arrayContaining(["handoff-sl-083.md", "handoff-sl-083.pdf"]));

    // The outgoing officer's role ends; within 60 days they can still leave their note.
    await w.run("sofia", "/unionhall admin role revoke 100004 sublocal_president SL-083");
    w.clock.advance(30 * DAY);
    expect(textOf((await w.run("pat", "/handoff note Budget vote is in March; keys are with the steward.")).reply)).toContain("is kept in SL-083's handoff packet");
    // Another change of office later: Pat is not asked a second time.
    await w.run("sofia", "/unionhall admin role revoke 100001 sublocal_president SL-083");
    await w.run("sofia", "/unionhall admin role grant 100002 sublocal_president SL-083");
    await sched.runDue();
    expect((await jobs(w, "handoff.ask")).filter((j) => j.status !== "cancelled").map((j) => j.personId).sort()).toEqual([1, 4].sort());
    expect(to("pat")).toHaveLength(1);
    expect(to("sam").some((d) => d.text.includes("Before you, this office was held by Maria Alvarez."))).toBe(true);
    w.clock.advance(31 * DAY);
    expect(textOf((await w.run("pat", "/handoff note Too late now?")).reply)).toContain("Only officers of a sub-local");
  });

  it("a grant made with the CLI welcomes the new officer the same way", async () => {
    w = await trainingWorld();
    const { roleCli } = await import("../../bot/cli/role.ts");
    const prev = process.env.DATABASE_URL;
    process.env.DATABASE_URL = storeUrl(w.store);
    try {
      expect(await roleCli.run(["grant", "--member", "100002", "--role", "sublocal_treasurer", "--scope", "SL-083"])).toBe(0);
    } finally {
      if (prev === undefined) delete process.env.DATABASE_URL;
      else process.env.DATABASE_URL = prev;
    }
    const welcome = await data(w.store).all<{ personId: number; payload: string }>(`SELECT "personId", "payload" FROM "ScheduledJob" WHERE "kind" = 'handoff.welcome'`);
    expect(welcome).toEqual([{ personId: 2, payload: JSON.stringify({ code: "SL-083", office: "treasurer", predecessorId: 5 }) }]);
    expect((await jobs(w, "handoff.ask")).map((j) => j.personId)).toEqual([5]);
  });
});

describe("weekly training reminder", () => {
  it("comes a week later while a required module is open, at most weekly, and stops with its button", async () => {
    w = await trainingWorld();
    await w.run("sofia", "/unionhall admin role grant 100001 sublocal_treasurer SL-083");
    const { sched, to } = await scheduler(w);
    await sched.runDue();
    const reminders = () => to("maria").filter((d) => d.text.includes("A friendly reminder"));
    expect(reminders()).toHaveLength(0);

    w.clock.advance(6 * DAY);
    await sched.runDue();
    expect(reminders()).toHaveLength(0);
    w.clock.advance(1 * DAY + 60_000);
    await sched.runDue();
    expect(reminders()).toHaveLength(1);
    expect(reminders()[0]!.text).toContain("Sub-local treasurer");
    expect(reminders()[0]!.text).toContain("Member-records confidentiality");

    // Starting a module in the same week asks for a reminder too: still one a week.
    await w.run("maria", "/training start sub-local-treasurer");
    w.clock.advance(7 * DAY + 60_000);
    await sched.runDue();
    expect(reminders()).toHaveLength(2);

    await w.click("maria", buttonLabelled(reminders()[1]!.reply, "Stop these reminders").token);
    w.clock.advance(14 * DAY + 60_000);
    await sched.runDue();
    expect(reminders()).toHaveLength(2);
    expect(textOf((await w.run("maria", "/training progress")).reply)).toContain("Still needed for your role");
  });

  it("says nothing once every required module is done", async () => {
    w = await trainingWorld();
    await w.run("sofia", "/unionhall admin role grant 100001 steward SL-083");
    const { sched, to } = await scheduler(w);
    // Maria finishes both modules a steward needs, answering right every time.
    for (const slug of ["steward-basics", "member-records-confidentiality"]) {
      let r = (await w.run("maria", `/training start ${slug}`)).reply;
      const right = await data(w.store).all<{ questions: string }>(`SELECT l."questions" FROM "TrainingLesson" l JOIN "TrainingModule" m ON m."id" = l."moduleId" WHERE m."slug" = ? ORDER BY l."position"`, slug);
      for (const q of right.flatMap((l) => JSON.parse(l.questions) as { choices: string[]; answer: number }[])) r = (await w.click("maria", buttonLabelled(r, q.choices[q.answer]!.slice(0, 75)).token)).reply;
      expect(textOf(r)).toContain("You finished");
    }
    w.clock.advance(8 * DAY);
    await sched.runDue();
    expect(to("maria").filter((d) => d.text.includes("A friendly reminder"))).toHaveLength(0);
  });
});
