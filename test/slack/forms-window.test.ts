// Forms live within Slack's windows: a trigger_id opens one view within 3 s, and a view_submission
// is answered within 3 s. With the work queue full of slow reports, a command that opens a form
// still opens it at once (on the request path); a submission whose attached file is slow to
// download is answered with a "working…" page, then views.update shows the outcome, and a retry of
// the same submission changes nothing twice.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Bot } from "../../bot/app.ts";
import { seedDemo } from "../../db/demo.ts";
import { data } from "../../db/data.ts";
import { linkIdentity } from "../../db/identities.ts";
import { personByNumber } from "../../db/people.ts";
import { FakeSlack } from "../fakes/slack.ts";
import { SLACK_LIMITS } from "../fakes/slack-rules.ts";
import { addDoc } from "../kb/helpers.ts";
import { SlackDriver, startSlackBot, textOf } from "./harness.ts";

const SOFIA = "U0SOFIA";
const PNG = Buffer.from("89504e470d0a1a0a0000000d4948445200000001000000010806000000" + "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082", "hex");
let fake: FakeSlack;
let bot: Bot;
let d: SlackDriver;

beforeAll(async () => {
  fake = await new FakeSlack().start();
  fake.addUser({ id: SOFIA, name: "sofia" });
  bot = await startSlackBot(fake);
  d = new SlackDriver(bot, fake);
  await seedDemo(bot.store);
  const p = (await personByNumber(data(bot.store), "100007"))!;
  await linkIdentity(data(bot.store), { platform: "slack", workspaceId: fake.teamId, userId: SOFIA, personId: p.id, linkedVia: "admin" });
});
afterAll(async () => {
  await bot?.stop();
  await fake?.stop();
});

describe("forms within Slack's windows", () => {
  it("with the queue full of slow work, /project ask and /event create open their forms before that work ends", async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    // Ten slow reports in flight: every worker busy, more waiting.
    const slow = Array.from({ length: 10 }, () => bot.intake.run(() => gate, { platform: "slack", area: "report", kind: "command" }));
    try {
      for (const [cmd, text] of [["/project", "ask"], ["/event", "create"]] as const) {
        const c = d.commandBody(SOFIA, cmd, text);
        void d.post(c.body, "application/x-www-form-urlencoded");
        const opened = await fake.waitFor(() => fake.callsOf("views.open").find((x) => x.args.trigger_id === c.triggerId), `${cmd} ${text} form`, 8000);
        expect((opened.args.view as { type: string }).type).toBe("modal");
      }
      // The slow work ends only now; by the fake's clock the forms were opened within the window.
      fake.rules.advance(SLACK_LIMITS.triggerLifeMs);
      expect(fake.rules.refused.filter((r) => r.method === "views.open")).toEqual([]);
    } finally {
      release();
      await Promise.all(slow);
    }
  });

  it("a submission whose file is slow to download is answered with a working page, then updated; a retry applies nothing twice", async () => {
    const id = await addDoc(bot.store, { title: "Rally flyer", body: "Saturday.", kind: "flyer", audience: "members" });
    const opened = await d.slash(SOFIA, "/kb", `attach ${id}`);
    const view = await d.views(opened.triggerId);
    let release!: () => void;
    fake.downloadGate = new Promise<void>((r) => (release = r));
    const file = fake.addFile(PNG, "flyer.png", "image/png");
    const hashAtSubmit = fake.liveView(String(view.callback_id))!.hash;
    let answered: Awaited<ReturnType<SlackDriver["submit"]>>;
    try {
      answered = await d.submit(SOFIA, view, { file });
    } finally {
      release();
      fake.downloadGate = null;
    }
    // Answered within the window, before the download finished: the same modal, working.
    expect(answered.status).toBe(200);
    expect(answered.json()).toMatchObject({ response_action: "update" });
    expect(answered.json().view.submit).toBeUndefined();
    const live = fake.liveView(String(view.callback_id))!;
    const updated = await fake.waitFor(() => fake.callsOf("views.update").find((c) => c.args.view_id === live.id), "views.update");
    expect(JSON.stringify(updated.args.view)).toContain("Rally flyer");
    const shown = await d.slash(SOFIA, "/kb", `show ${id}`);
    expect(await d.answerText(SOFIA, shown.id)).toContain("Version*\\n2");
    // Slack (or a person with a slow connection) sends the very same submission again.
    await d.post(
      new URLSearchParams({ payload: JSON.stringify({ type: "view_submission", team: { id: fake.teamId }, user: { id: SOFIA, team_id: fake.teamId }, view: { ...view, id: live.id, hash: hashAtSubmit, state: { values: fileState(view, fake.fileObject(file)) } } }) }).toString(),
      "application/x-www-form-urlencoded",
      { retry: 1 },
    );
    // The retry is answered like the first (a second "Attached" where the command was typed): only
    // once it has been is the document's version proof that nothing was applied twice.
    await fake.waitFor(() => fake.responses.filter((r) => r.id === opened.id && textOf(r.body).includes("Attached flyer.png")).length >= 2, "the retry answered");
    const again = await d.slash(SOFIA, "/kb", `show ${id}`);
    const text = await d.answerText(SOFIA, again.id);
    expect(text).toContain("Version*\\n2");
    expect(fake.callsOf("files.info").filter((c) => c.args.file === file).length).toBeLessThanOrEqual(2);
  });
});

/** A modal's state with this file in its file input, as Slack sends it. */
function fileState(view: Record<string, any>, fileObject: Record<string, unknown>) {
  const input = (view.blocks as Record<string, any>[]).find((b) => b.type === "input" && b.element.type === "file_input")!;
  return { [input.block_id]: { [input.element.action_id]: { type: "file_input", files: [fileObject] } } };
}
