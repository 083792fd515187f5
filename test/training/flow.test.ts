// Training as a person meets it: modules listed, lessons read, wrong answers explained and retried,
// progress kept across a restart, completion recorded with a certificate.
import { afterEach, describe, expect, it } from "vitest";
import { createCore } from "../../commands/core/dispatch.ts";
import { features } from "../../commands/index.ts";
import { handleAction } from "../../commands/core/dispatch.ts";
import { handleHome } from "../../commands/core/home.ts";
import { data } from "../../db/data.ts";
import { openStore } from "../../db/store.ts";
import { web } from "../helpers/store.ts";
import { storeUrl } from "../helpers/tamper.ts";
import { buttonLabelled, buttons, textOf, trainingWorld } from "./helpers.ts";

type W = Awaited<ReturnType<typeof trainingWorld>>;
let w: W | undefined;
afterEach(async () => {
  await w?.store.close();
  w = undefined;
});

const progressRow = (w: W, handle: string) =>
  data(w.store).one<{ lesson: number; question: number; wrongAnswers: number; completedAt: string | null }>(
    `SELECT p."lesson", p."question", p."wrongAnswers", p."completedAt" FROM "TrainingProgress" p JOIN "ChatIdentity" i ON i."personId" = p."personId" WHERE i."userId" = ?`,
    handle,
  );

describe("training", () => {
  it("lists the modules and marks the ones the role needs", async () => {
    w = await trainingWorld();
    const sam = textOf((await w.run("sam", "/training list")).reply);
    expect(sam).toContain("Steward basics — required for you");
    expect(sam).toContain("• 3. Sub-local treasurer — sub-local-treasurer · 3 lessons");
    expect(sam).toContain("3 lessons · not started");
    const tom = textOf((await w.run("tom", "/training list")).reply);
    expect(tom).toContain("Sub-local treasurer — required for you");
    expect(tom).not.toContain("Steward basics — required");
  });

  it("a wrong answer explains and lets the person retry; right answers finish the module with a certificate", async () => {
    w = await trainingWorld();
    const first = await w.run("maria", "/training start Steward basics");
    expect(textOf(first.reply)).toContain("Steward basics · Lesson 1 of 3: What a steward does");
    expect(textOf(first.reply)).toContain("A co-worker says their supervisor changed their schedule");
    const wrong = await w.click("maria", buttonLabelled(first.reply, "Tell them to file a grievance today").token);
    expect(textOf(wrong.reply)).toContain("Not quite. Here is why; try again:");
    expect(textOf(wrong.reply)).toContain("First get the facts");
    expect(await progressRow(w, "maria")).toMatchObject({ lesson: 0, question: 0, wrongAnswers: 1, completedAt: null });
    // The same question's buttons are still there to try again.
    let step = await w.click("maria", buttonLabelled(wrong.reply, "Listen, write down the facts and check the contract").token);
    expect(textOf(step.reply)).toContain("Right!");
    expect(textOf(step.reply)).toContain("Lesson 2 of 3: Deadlines win or lose cases");
    expect(await progressRow(w, "maria")).toMatchObject({ lesson: 1, question: 0 });
    // An old button (the first question again) moves nobody.
    const stale = await w.click("maria", buttonLabelled(first.reply, "Listen, write down the facts and check the contract").token);
    expect(textOf(stale.reply)).toContain("That button is from an earlier step");
    expect(await progressRow(w, "maria")).toMatchObject({ lesson: 1, question: 0 });

    step = await w.click("maria", buttonLabelled(step.reply, "From the day the member knew or should have known about the problem").token);
    expect(textOf(step.reply)).toContain("Question 2 of 2");
    step = await w.click("maria", buttonLabelled(step.reply, "The union, after talking it over with the member").token);
    expect(textOf(step.reply)).toContain("Lesson 3 of 3: Trust and privacy");
    const done = await w.click("maria", buttonLabelled(step.reply, "Keep it between you, the member and the people handling the case").token);
    expect(textOf(done.reply)).toContain("You finished “Steward basics”");
    expect(textOf(done.reply)).toContain("recorded with today's date, Mon, Nov 23, 2026");
    expect(done.reply.files.map((f) => [f.name, f.mime])).toEqual([["certificate-steward-basics.pdf", "application/pdf"]]);
    const pdf = done.reply.files[0]!.data as Buffer;
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    expect((await progressRow(w, "maria"))?.completedAt).toMatch(/^2026-11-23T17:00:00/);

    const progress = textOf((await w.run("maria", "/training progress")).reply);
    expect(progress).toContain("• Steward basics — completed Mon, Nov 23, 2026");
    expect(textOf((await w.run("maria", "/training start steward-basics")).reply)).toContain("You completed “Steward basics” on Mon, Nov 23, 2026.");
  });

  it("progress survives a restart: the next process shows the same question", async () => {
    w = await trainingWorld();
    const first = await w.run("sam", "/training start steward-basics");
    await w.click("sam", buttonLabelled(first.reply, "Listen, write down the facts and check the contract").token);
    // The same database, opened again as the next process would: the SQLite file, or the PostgreSQL database.
    const url = storeUrl(w.store);
    await w.store.close();
    const store = await openStore(url);
    w = { ...w, store: Object.assign(store, { dir: w.store.dir }) };
    const core = createCore({ store, features, clock: w.clock });
    const { handleCommand } = await import("../../commands/core/dispatch.ts");
    const next = await handleCommand(core, { actor: web("sam"), text: "/training next" });
    expect(textOf(next.reply)).toContain("Lesson 2 of 3: Deadlines win or lose cases");
    const right = await handleAction(core, { actor: web("sam"), token: buttonLabelled(next.reply, "From the day the member knew or should have known about the problem").token });
    expect(textOf(right.reply)).toContain("Question 2 of 2");
  });

  it("an unknown module gets a polite answer and changes nothing", async () => {
    w = await trainingWorld();
    const r = await w.run("maria", "/training start knitting");
    expect(textOf(r.reply)).toContain("There is no training module called “knitting”");
    expect(await progressRow(w, "maria")).toBeUndefined();
    expect(textOf((await w.run("maria", "/training next")).reply)).toContain("You have no module in progress.");
  });

  it("acknowledging the contacts agreement makes the confidentiality module required, with a nudge and a reminder", async () => {
    w = await trainingWorld();
    expect(textOf((await w.run("maria", "/training list")).reply)).not.toContain("Member-records confidentiality — required for you");
    const agreement = await w.run("maria", "/contacts agreement");
    const acked = await w.click("maria", buttonLabelled(agreement.reply, "I acknowledge version 1").token);
    expect(textOf(acked.reply)).toContain("please take the short training on keeping member records private");
    expect(buttons(acked.reply).map((b) => b.label)).toContain("Start: Member-records confidentiality");
    expect(textOf((await w.run("maria", "/training list")).reply)).toContain("Member-records confidentiality — required for you");
    const reminders = await data(w.store).all<{ dueAt: string }>(`SELECT "dueAt" FROM "ScheduledJob" WHERE "kind" = 'training.remind'`);
    expect(reminders.map((r) => r.dueAt.slice(0, 10))).toEqual(["2026-11-30"]);
    // Home shows what is still needed, with its Start button.
    const home = await handleHome(w.core, web("maria"));
    expect(textOf(home)).toContain("Still needed for your role\n• Member-records confidentiality");
  });
});
