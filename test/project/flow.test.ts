// The project area through the real core and the real scheduler, with the clock controlled.
import { data } from "../../db/data.ts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createScheduler } from "../../bot/scheduler/dispatcher.ts";
import { publishedQuestions } from "../../db/project.ts";
import { RecordingPoster } from "../scheduler/helpers.ts";
import { buttons, kbWorld as world, textOf } from "../kb/helpers.ts";

type W = Awaited<ReturnType<typeof world>>;
const silent = { info() {}, warn() {}, error() {} };

async function post(w: W, who: string, values: Record<string, string>) {
  const opened = await w.run(who, "/project post");
  if (!opened.reply.form) throw new Error(textOf(opened.reply));
  const preview = await w.submit(who, opened.reply.form.token, values);
  if (!preview.ok) throw new Error(JSON.stringify(preview.errors));
  return preview;
}

describe("project updates", () => {
  let w: W;
  beforeAll(async () => {
    w = await world();
    // Staff appoint Maria to the project committee, as they would from chat.
    const granted = await w.run("sofia", "/unionhall admin role grant 100001 project_committee");
    expect(textOf(granted.reply)).toMatch(/project committee/i);
  });
  afterAll(() => w.store.close());

  it("only the committee and staff post; a member is refused", async () => {
    expect(textOf((await w.run("sam", "/project post")).reply)).toMatch(/not allowed|don't have|only/i);
    expect(textOf((await w.run("maria", "/project post")).reply)).toBe("");
  });

  it("shows the reading grade before publishing, and publishes once", async () => {
    const hard = await post(w, "maria", { title: "Architecture", summary: "The heterogeneous organizational infrastructure necessitates comprehensive interoperability evaluation methodologies." });
    expect(hard.ok && textOf(hard.reply)).toContain("harder than we aim for");
    // The plainer rewrite replaces that preview: only the newest one can be published.
    const preview = await post(w, "maria", { title: "Vendor chosen", summary: "We picked a company to help us. They will look at our tools. We will tell you what they find." });
    expect(preview.ok && textOf(preview.reply)).toMatch(/Reading grade \d+(\.\d)?: plain enough/);
    const publish = buttons(preview.ok ? preview.reply : ({} as never)).find((b) => b.label === "Publish")!;
    const done = await w.click("maria", publish.token);
    expect(textOf(done.reply)).toContain("Update #1 is published");
    expect(textOf((await w.click("maria", publish.token)).reply)).not.toContain("Update #2");
    const list = textOf((await w.run("sam", "/project updates")).reply);
    expect(list).toContain("Vendor chosen");
    expect(list).not.toContain("Architecture");
  });

  it("broadcasts to every follower exactly once, also when the bot stops mid-broadcast", async () => {
    expect(textOf((await w.run("sam", "/project subscribe me")).reply)).toContain("You will get every project update");
    const pat = await w.core.registry.command(["project", "subscribe"]);
    expect(pat).toBeDefined();
    const { handleCommand } = await import("../../commands/core/dispatch.ts");
    const { web } = await import("../helpers/store.ts");
    const inChannel = (who: string, text: string) => handleCommand(w.core, { actor: { ...web(who), channelId: "officers" }, text });
    expect(textOf((await inChannel("sam", "/project subscribe here")).reply)).toContain("Only officers and staff can sign up a channel");
    expect(textOf((await inChannel("pat", "/project subscribe here")).reply)).toContain("This channel will now get every project update");
    expect(textOf((await inChannel("pat", "/project subscribe here")).reply)).toContain("already");

    const preview = await post(w, "sofia", { title: "Analysis started", summary: "The vendor has started to study how we work." });
    const publish = buttons(preview.ok ? preview.reply : ({} as never)).find((b) => b.label === "Publish")!;
    expect(textOf((await w.click("sofia", publish.token)).reply)).toContain("being sent to 2 followers");

    // The first delivery fails (the platform is down) and the bot stops; a new process takes over.
    const poster = new RecordingPoster("web");
    poster.fail = (call) => (call === 1 ? new Error("platform down") : null);
    const first = createScheduler({ store: w.store, core: w.core, posters: new Map([["web", poster]]), log: silent, clock: w.clock, retryBaseMs: 1 });
    await first.start();
    w.clock.advance(60_000);
    await first.runDue();
    await first.stop();
    const second = createScheduler({ store: w.store, core: w.core, posters: new Map([["web", poster]]), log: silent, clock: w.clock, retryBaseMs: 1 });
    w.clock.advance(60_000);
    await second.start();
    await second.runDue();
    await second.stop();
    const got = poster.deliveries.filter((d) => d.text.includes("Analysis started"));
    expect(got.map((d) => d.target.channelId ?? `person:${d.target.userId}`).sort()).toEqual(["officers", "person:sam"].sort());
  });
});

describe("timeline", () => {
  let w: W;
  beforeAll(async () => {
    w = await world();
  });
  afterAll(() => w.store.close());

  it("shows the resolution's phases, and a milestone past its date and not done as late", async () => {
    const t = textOf((await w.run("maria", "/project timeline")).reply);
    expect(t).toContain("Phase 1: Committee, vendor and analysis");
    expect(t).toContain("Project committee named");
    expect(t).toContain("Deliverable: Study: the options");
    const form = (await w.run("sofia", "/project milestone findings_to_committee")).reply.form!;
    const saved = await w.submit("sofia", form.token, { status: "on_track", target: "2026-10-15", done: "" });
    expect(saved.ok && textOf(saved.reply)).toContain("An update was posted");
    const after = textOf((await w.run("maria", "/project timeline")).reply);
    expect(after).toMatch(/🔴 Vendor's findings to the committee\n?.*Late · target/);
    expect(textOf((await w.run("maria", "/project updates")).reply)).toContain("Timeline change: Vendor's findings to the committee");
    expect(textOf((await w.run("maria", "/project milestone joint_decision")).reply)).toMatch(/not allowed|don't have|only/i);
  });
});

describe("questions", () => {
  let w: W;
  beforeAll(async () => {
    w = await world();
    await w.run("sofia", "/unionhall admin role grant 100004 project_committee");
  });
  afterAll(() => w.store.close());

  it("an anonymous question reaches the committee without a name, is answered, published, and the asker told", async () => {
    const form = (await w.run("maria", "/project ask")).reply.form!;
    const sent = await w.submit("maria", form.token, { question: "Will my records move to the new system safely?", anonymous: "yes" });
    expect(sent.ok && textOf(sent.reply)).toContain("Your question #1 was sent");
    const pat = (await data(w.store).one<{ personId: number }>(`SELECT "personId" FROM "ChatIdentity" WHERE "userId" = 'pat'`))!.personId;
    const card = sent.ok ? sent.notices.find((n) => n.personId === pat)!.message : ({} as never);
    expect(textOf(card)).toContain("A member (name withheld)");
    expect(textOf(card)).not.toContain("Maria");
    const audit = (await data(w.store).one<{ details: string }>(`SELECT details FROM "AuditEntry" WHERE action = 'project.question.ask'`))!;
    expect(audit.details).toContain('"anonymous":true');
    expect(audit.details).toMatch(/"askerId":\d+/);

    const answerForm = (await w.click("pat", buttons(card).find((b) => b.label === "Answer and publish")!.token)).reply.form!;
    const answered = await w.submit("pat", answerForm.token, { answer: "Yes. Records move in small, checked steps.", publish: "yes" });
    expect(answered.ok && textOf(answered.reply)).toContain("it is on the project page");
    const maria = (await data(w.store).one<{ personId: number }>(`SELECT "personId" FROM "ChatIdentity" WHERE "userId" = 'maria'`))!.personId;
    expect(answered.ok && textOf(answered.notices.find((n) => n.personId === maria)!.message)).toContain("Records move in small, checked steps.");
    expect((await publishedQuestions(data(w.store))).map((q) => q.question)).toEqual(["Will my records move to the new system safely?"]);
    // A second answer changes nothing.
    const again = await w.submit("pat", answerForm.token, { answer: "Another answer", publish: "no" });
    expect(again.ok && textOf(again.reply)).toContain("already answered");
  });
});

describe("following", () => {
  it("a person follows and stops once each; a steward cannot sign up a channel but an officer can stop it", async () => {
    const w = await world();
    const { handleCommand } = await import("../../commands/core/dispatch.ts");
    const { web } = await import("../helpers/store.ts");
    const inChannel = (who: string, text: string) => handleCommand(w.core, { actor: { ...web(who), channelId: "officers" }, text });
    expect(textOf((await w.run("maria", "/project unsubscribe me")).reply)).toBe("You were not getting project updates.");
    expect(textOf((await w.run("maria", "/project subscribe")).reply)).toBe("You will get every project update as a direct message.");
    expect(textOf((await w.run("maria", "/project subscribe me")).reply)).toBe("You already get the project updates.");
    expect(textOf((await w.run("maria", "/project unsubscribe me")).reply)).toBe("You will no longer get project updates.");
    expect(textOf((await inChannel("pat", "/project subscribe here")).reply)).toBe("This channel will now get every project update.");
    expect(textOf((await inChannel("sam", "/project unsubscribe here")).reply)).toContain("Only officers and staff");
    expect(textOf((await inChannel("pat", "/project unsubscribe here")).reply)).toBe("This channel will no longer get project updates.");
    expect(textOf((await inChannel("pat", "/project unsubscribe here")).reply)).toBe("This channel was not getting project updates.");
    w.store.close();
  });
});
