// One live preview per author, and correcting or withdrawing a published update: through the real
// core, the real scheduler and a recording poster, with the clock controlled.
import { data } from "../../db/data.ts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createScheduler } from "../../bot/scheduler/dispatcher.ts";
import { handleCommand } from "../../commands/core/dispatch.ts";
import { projectPage } from "../../commands/project/page.ts";
import { updateRevisions } from "../../db/project-amend.ts";
import { updateById } from "../../db/project.ts";
import { web } from "../helpers/store.ts";
import { RecordingPoster, silent } from "../scheduler/helpers.ts";
import { buttons, kbWorld as world, textOf } from "../kb/helpers.ts";

type W = Awaited<ReturnType<typeof world>>;

async function preview(w: W, who: string, values: Record<string, string>, token?: string) {
  const form = token ?? (await w.run(who, "/project post")).reply.form!.token;
  const r = await w.submit(who, form, values);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.reply;
}
const button = (r: Parameters<typeof buttons>[0], label: string) => buttons(r).find((b) => b.label === label)!;

/** Delivers everything due, as a running bot would. */
async function deliver(w: W, poster: RecordingPoster) {
  const s = createScheduler({ store: w.store, core: w.core, posters: new Map([["web", poster]]), log: silent, clock: w.clock, retryBaseMs: 1 });
  await s.start();
  w.clock.advance(60_000);
  await s.runDue();
  await s.stop();
}

const jobs = async (w: W, kind: string) => Number((await data(w.store).one<{ n: number }>(`SELECT count(*) AS n FROM "ScheduledJob" WHERE kind = ?`, kind))!.n);

describe("one live preview per author", () => {
  let w: W;
  beforeAll(async () => {
    w = await world();
    await w.run("sofia", "/unionhall admin role grant 100001 project_committee");
    await w.run("sam", "/project subscribe me");
  });
  afterAll(() => w.store.close());

  it("an older preview's Publish is refused once a newer one exists; the newest publishes once, to each follower once", async () => {
    const a = await preview(w, "maria", { title: "Vendor chosen", summary: "We picked a company. They start in March and will talk to us." });
    // "Change it" opens the form filled in with A; saving it makes preview B.
    const change = await w.click("maria", button(a, "Change it").token);
    expect(change.reply.form!.fields.find((f) => f.name === "title")!.initial).toBe("Vendor chosen");
    const b = await preview(w, "maria", { title: "Vendor chosen for the study", summary: "We picked a company. They start in April and will talk to us." }, change.reply.form!.token);

    const fromA = await w.click("maria", button(a, "Publish").token);
    expect(textOf(fromA.reply)).toContain("This preview was replaced by a newer one");
    expect(await jobs(w, "project.update")).toBe(0);

    const fromB = await w.click("maria", button(b, "Publish").token);
    expect(textOf(fromB.reply)).toContain("Update #1 is published");
    expect(textOf((await w.click("maria", button(a, "Publish").token)).reply)).not.toContain("is published");
    expect(textOf((await w.run("sam", "/project updates")).reply)).toContain("Vendor chosen for the study");
    expect(textOf((await w.run("sam", "/project updates")).reply)).not.toContain("March");
    expect(await jobs(w, "project.update")).toBe(1);
  });

  it("another author's preview does not retire mine", async () => {
    await w.run("sofia", "/unionhall admin role grant 100004 project_committee");
    const mine = await preview(w, "maria", { title: "Analysis begins", summary: "The company starts to look at our tools next week." });
    await preview(w, "pat", { title: "Something else", summary: "Another author writes about another thing today." });
    expect(textOf((await w.click("maria", button(mine, "Publish").token)).reply)).toContain("Update #2 is published");
  });
});

describe("correcting and withdrawing an update", () => {
  let w: W;
  const poster = new RecordingPoster("web");
  const inChannel = (who: string, text: string) => handleCommand(w.core, { actor: { ...web(who), channelId: "officers" }, text });
  beforeAll(async () => {
    w = await world();
    await w.run("sofia", "/unionhall admin role grant 100001 project_committee");
    await w.run("sam", "/project subscribe me");
    await inChannel("pat", "/project subscribe here");
    const p = await preview(w, "maria", { title: "Meeting on Mondy", summary: "The committee meets on Monday 12 January. Everyone is welcome to come." });
    expect(textOf((await w.click("maria", button(p, "Publish").token)).reply)).toContain("being sent to 2 followers");
    await deliver(w, poster);
    expect(poster.deliveries.filter((d) => d.text.includes("Meeting on Mondy"))).toHaveLength(2);
  });
  afterAll(() => w.store.close());

  it("a member may not correct or withdraw; the refusal is audited and changes nothing", async () => {
    expect(textOf((await w.run("sam", "/project correct 1")).reply)).toMatch(/not allowed|don't have|only/i);
    expect(textOf((await w.run("sam", "/project withdraw 1")).reply)).toMatch(/not allowed|don't have|only/i);
    expect(textOf((await w.run("sofia", "/project correct 99")).reply)).toContain("There is no update #99");
    expect((await updateById(data(w.store), 1))!.revision).toBe(1);
  });

  it("the form opens filled in; saving edits the channel's copy in place, tells the person once, keeps the old text", async () => {
    const opened = await w.run("sofia", "/project correct 1");
    const form = opened.reply.form!;
    expect(form.fields.find((f) => f.name === "summary")!.initial).toContain("Monday 12 January");
    const stale = (await w.run("maria", "/project correct 1")).reply.form!;
    const saved = await w.submit("sofia", form.token, { title: "Meeting on Monday", summary: "The committee meets on Monday 19 January. Everyone is welcome to come.", details: "", phase: "", milestone: "", note: "The date was wrong." });
    expect(saved.ok && textOf(saved.reply)).toContain("Update #1 is corrected on the project page; 2 followers who got it are being told.");

    const before = { posts: poster.deliveries.length, edits: poster.edits.length };
    await deliver(w, poster);
    const edits = poster.edits.slice(before.edits);
    expect(edits.map((e) => e.target.channelId)).toEqual(["officers"]);
    expect(edits[0]!.text).toContain("19 January");
    expect(edits[0]!.text).toContain("The date was wrong.");
    const posts = poster.deliveries.slice(before.posts);
    expect(posts).toHaveLength(1);
    expect(posts[0]!.target.channelId ?? null).toBeNull();
    expect(posts[0]!.text).toMatch(/Update #1 was corrected on .*The date was wrong\./);
    // Running again sends nothing more.
    await deliver(w, poster);
    expect(poster.deliveries.length + poster.edits.length).toBe(before.posts + before.edits + 2);

    expect((await updateRevisions(data(w.store), 1)).map((r) => r.summary)).toEqual(["The committee meets on Monday 12 January. Everyone is welcome to come."]);
    const page = await projectPage(w.store, w.core.translator, "America/Los_Angeles", "en", w.clock.now());
    expect(page.updates.map((u) => u.title)).toEqual(["Meeting on Monday"]);
    const audit = await data(w.store).all<{ details: string }>(`SELECT details FROM "AuditEntry" WHERE action = 'project.update.correct'`);
    expect(audit).toHaveLength(1);

    // Maria's form was opened before Sofia's correction: refused, nothing saved.
    const late = await w.submit("maria", stale.token, { title: "Meeting on Tuesday", summary: "The committee meets on Tuesday. Everyone is welcome to come along.", details: "", phase: "", milestone: "", note: "Day changed." });
    expect(late.ok && textOf(late.reply)).toContain("corrected by someone else");
    expect((await updateById(data(w.store), 1))!.title).toBe("Meeting on Monday");
  });

  it("withdrawing takes it off the lists and the page, and each follower's copy says why, once", async () => {
    const form = (await w.run("maria", "/project withdraw 1")).reply.form!;
    const done = await w.submit("maria", form.token, { reason: "The meeting is postponed; a new date will follow." });
    expect(done.ok && textOf(done.reply)).toContain("Update #1 is withdrawn from the project page; 2 followers who got it are being told.");
    const before = { posts: poster.deliveries.length, edits: poster.edits.length };
    await deliver(w, poster);
    expect(poster.edits.slice(before.edits).map((e) => e.text)).toEqual([expect.stringContaining("The meeting is postponed")]);
    expect(poster.deliveries.slice(before.posts).map((e) => e.text)).toEqual([expect.stringMatching(/Update #1 “Meeting on Monday” was withdrawn on .*The meeting is postponed/s)]);
    expect(textOf((await w.run("sam", "/project updates")).reply)).toContain("No updates have been posted yet");
    expect((await projectPage(w.store, w.core.translator, "America/Los_Angeles", "en", w.clock.now())).updates).toEqual([]);
    expect(textOf((await w.run("sofia", "/project correct 1")).reply)).toContain("was withdrawn");
    expect(textOf((await w.run("sofia", "/project withdraw 1")).reply)).toContain("was withdrawn");
  });

  it("a follower not yet reached gets only the corrected text, and nobody hears of a withdrawn update not yet sent", async () => {
    const p = await preview(w, "maria", { title: "Survey opens", summary: "The survey opens on Friday. Please tell us how you work." });
    expect(textOf((await w.click("maria", button(p, "Publish").token)).reply)).toContain("Update #2");
    const form = (await w.run("sofia", "/project correct 2")).reply.form!;
    const saved = await w.submit("sofia", form.token, { title: "Survey opens", summary: "The survey opens on Thursday. Please tell us how you work.", details: "", phase: "", milestone: "", note: "The day was wrong." });
    expect(saved.ok && textOf(saved.reply)).toContain("0 followers");
    const p3 = await preview(w, "maria", { title: "Posted by mistake", summary: "This was not meant to go out to anyone at all." });
    await w.click("maria", button(p3, "Publish").token);
    const wform = (await w.run("sofia", "/project withdraw 3")).reply.form!;
    await w.submit("sofia", wform.token, { reason: "Posted by mistake." });
    const before = poster.deliveries.length;
    await deliver(w, poster);
    const got = poster.deliveries.slice(before).map((d) => d.text);
    expect(got.filter((t) => t.includes("Survey opens"))).toHaveLength(2);
    expect(got.join("\n")).toContain("Thursday");
    expect(got.join("\n")).not.toContain("Friday");
    expect(got.join("\n")).not.toContain("Posted by mistake");
  });
});
