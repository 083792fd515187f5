// Files of an answer go into the same conversation as the message that mentions them. A private
// answer with files asked for in a channel goes to the person's direct messages whole (Slack's
// ephemeral messages carry no files), the channel saying where it went; an upload Slack refuses
// is tried again, and what still could not be attached is named to the person.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Bot } from "../../bot/app.ts";
import { seedDemo } from "../../db/demo.ts";
import { data } from "../../db/data.ts";
import { linkIdentity } from "../../db/identities.ts";
import { personByNumber } from "../../db/people.ts";
import { FakeSlack } from "../fakes/slack.ts";
import { SlackDriver, startSlackBot, textOf } from "./harness.ts";

const PAT = "U0PAT";
let fake: FakeSlack;
let bot: Bot;
let d: SlackDriver;

beforeAll(async () => {
  fake = await new FakeSlack().start();
  fake.addUser({ id: PAT, name: "pat" });
  bot = await startSlackBot(fake);
  d = new SlackDriver(bot, fake);
  await seedDemo(bot.store);
  const p = (await personByNumber(data(bot.store), "100004"))!;
  await linkIdentity(data(bot.store), { platform: "slack", workspaceId: fake.teamId, userId: PAT, personId: p.id, linkedVia: "admin" });
}, 60_000);
afterAll(async () => {
  await bot?.stop();
  await fake?.stop();
});

const completed = () => fake.callsOf("files.completeUploadExternal");

async function runReport(channel: string) {
  const c = d.commandBody(PAT, "/report", "run growth", { channel });
  const uploadsBefore = completed().length;
  const postsBefore = fake.callsOf("chat.postMessage").length;
  const namesBefore = fake.callsOf("files.getUploadURLExternal").length;
  await d.post(c.body, "application/x-www-form-urlencoded");
  const answer = await d.response(c.id);
  return { answer, uploads: () => completed().slice(uploadsBefore), posts: () => fake.callsOf("chat.postMessage").slice(postsBefore), names: () => fake.callsOf("files.getUploadURLExternal").slice(namesBefore).map((x) => String(x.args.filename)), id: c.id };
}

describe("an answer's files, on Slack", () => {
  it("asked for in a channel: the answer and its files arrive together in the person's direct messages; the channel says where", async () => {
    const r = await runReport("C0GENERAL");
    const dm = await fake.waitFor(() => r.posts().find((p) => String(p.args.channel).startsWith("D")), "the answer in the DM");
    expect(JSON.stringify(dm.args)).toContain("Attached: the chart");
    await fake.waitFor(() => (r.uploads().length >= 3 ? true : undefined), "the files");
    expect(r.uploads().every((u) => u.args.channel_id === dm.args.channel)).toBe(true);
    // Where the person asked: only where it went, naming the files.
    const pointer = textOf(r.answer.body);
    expect(pointer).toContain("I sent this to our direct messages");
    expect(r.names()).toHaveLength(3);
    for (const name of r.names()) expect(pointer).toContain(name);
    expect(pointer).not.toContain("Attached: the chart");
  });

  it("asked for in the direct messages with the bot: answered in place, files in the same conversation", async () => {
    const r = await runReport(`D${PAT}`);
    expect(textOf(r.answer.body)).toContain("Attached: the chart");
    await fake.waitFor(() => (r.uploads().length >= 3 ? true : undefined), "the files");
    expect(r.uploads().every((u) => u.args.channel_id === `D${PAT}`)).toBe(true);
    expect(r.posts().filter((p) => String(p.args.channel).startsWith("D"))).toHaveLength(0);
  });

  it("an upload Slack refuses is tried again; one it keeps refusing is named to the person", async () => {
    // Slack refuses the first file three times in a row; the others go through.
    for (let i = 0; i < 3; i++) fake.failNext("files.completeUploadExternal", { error: "internal_error" });
    const r = await runReport("C0GENERAL");
    const told = await fake.waitFor(() => fake.responses.find((x) => x.id === r.id && String(x.body.text ?? "").includes("couldn't attach")), "the missing file named");
    const tries = r.uploads();
    const first = r.names()[0]!;
    expect(r.names().slice(0, 3)).toEqual([first, first, first]);
    expect(tries).toHaveLength(5);
    expect(String(told.body.text)).toContain(`couldn't attach ${first}`);
    expect(String(told.body.text)).toContain("Everything else went through");
    // The pointer names only what arrived.
    const pointer = fake.responses.filter((x) => x.id === r.id).map((x) => String(x.body.text ?? "")).find((x) => x.includes("direct messages"))!;
    expect(pointer).not.toContain(first);
  });
});
