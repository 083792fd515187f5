// Training and the handoff packet through Slack (signed requests against the fake Slack): a member
// completes a module with the answer buttons and gets the certificate file; a sub-local president
// gets the handoff packet with its Markdown and PDF files.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Bot } from "../../bot/app.ts";
import { importTraining } from "../../commands/training/import.ts";
import { seedDemo } from "../../db/demo.ts";
import { data } from "../../db/data.ts";
import { linkIdentity } from "../../db/identities.ts";
import { personByNumber } from "../../db/people.ts";
import { FakeSlack } from "../fakes/slack.ts";
import { buttonsOf, SlackDriver, startSlackBot, textOf } from "../slack/harness.ts";
import { MODULES_DIR, rightAnswers } from "./helpers.ts";

const MARIA = "U0MARIA";
const PAT = "U0PAT";

let fake: FakeSlack;
let bot: Bot;
let d: SlackDriver;

beforeAll(async () => {
  fake = await new FakeSlack().start();
  for (const [id, name] of [[MARIA, "maria"], [PAT, "pat"]]) fake.addUser({ id: id!, name: name! });
  bot = await startSlackBot(fake);
  d = new SlackDriver(bot, fake);
  await seedDemo(bot.store);
  for (const [userId, number] of [[MARIA, "100001"], [PAT, "100004"]] as const) {
    const p = (await personByNumber(data(bot.store), number))!;
    await linkIdentity(data(bot.store), { platform: "slack", workspaceId: fake.teamId, userId, personId: p.id, linkedVia: "admin" });
  }
  await importTraining(bot.store, MODULES_DIR, new Date());
});
afterAll(async () => {
  await bot?.stop();
  await fake?.stop();
});


describe("training and handoff on Slack", () => {
  it("a member completes a module with buttons, a wrong answer on the way, and gets the certificate", async () => {
    const started = await d.slash(MARIA, "/training", "start member-records-confidentiality");
    let body = (await d.response(started.id)).body;
    expect(textOf(body)).toContain("Lesson 1 of 3: Why member records are private");
    const wrong = buttonsOf(body).find((b) => b.text.text === "Yes, they are my co-workers")!;
    const w = await d.click(MARIA, wrong.action_id);
    body = (await d.response(w.id)).body;
    expect(textOf(body)).toContain("Not quite.");
    for (const answer of await rightAnswers(bot.store, "member-records-confidentiality")) {
      const b = buttonsOf(body).find((x) => x.text.text === answer);
      if (!b) throw new Error(`no button "${answer}" in ${textOf(body)}`);
      const c = await d.click(MARIA, b.action_id);
      body = (await d.response(c.id)).body;
    }
    expect(await d.readAnswer(MARIA, body)).toContain("You finished “Member-records confidentiality”");
    await fake.waitFor(() => fake.uploads.some((u) => u.bytes.subarray(0, 5).toString() === "%PDF-"), "the certificate upload");
  });

  it("a sub-local president gets the packet with its Markdown and PDF files", async () => {
    const before = fake.uploads.length;
    const o = await d.slash(PAT, "/handoff", "packet SL-083");
    expect(await d.answerText(PAT, o.id)).toContain("Handoff packet: SL-083 Salem State Workers");
    await fake.waitFor(() => fake.uploads.length >= before + 2, "the packet files");
    const sent = fake.uploads.slice(before).map((u) => u.bytes.toString("utf8", 0, 40));
    expect(sent.some((s) => s.startsWith("# Handoff packet: SL-083"))).toBe(true);
    expect(sent.some((s) => s.startsWith("%PDF-"))).toBe(true);
  });
});
