// A scheduled post with files (a report to a channel) goes out through the Slack poster the outbox
// uses. When an upload fails after the message is out, the poster tries that upload again itself
// and the post succeeds: the outbox never retries the whole job, which would post the message
// twice. A file Slack keeps refusing is named under the message; the message is still posted once.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Bot } from "../../bot/app.ts";
import type { RenderedReply } from "../../commands/core/reply.ts";
import { FakeSlack } from "../fakes/slack.ts";
import { startSlackBot, textOf } from "./harness.ts";

let fake: FakeSlack;
let bot: Bot;

beforeAll(async () => {
  fake = await new FakeSlack().start();
  bot = await startSlackBot(fake);
});
afterAll(async () => {
  await bot?.stop();
  await fake?.stop();
});

const report = (title: string): RenderedReply => ({
  visibility: "channel",
  blocks: [{ type: "text", text: title }],
  files: [
    { name: "membership.csv", mime: "text/csv", data: "month,members\n2026-11,300\n" },
    { name: "membership.png", mime: "image/png", data: Buffer.from("89504e470d0a1a0a", "hex"), alt: "Members by month" },
  ],
  update: false,
  fallbackText: title,
});

const postsOf = (title: string) => fake.callsOf("chat.postMessage").filter((c) => c.args.channel === "C0STEWARDS" && textOf(c.args).includes(title));
const shared = () => fake.callsOf("files.completeUploadExternal").filter((c) => c.args.channel_id === "C0STEWARDS");

describe("the Slack poster: a post with files", () => {
  it("a failed upload is tried again on its own: the message is posted once and every file arrives", async () => {
    const before = shared().length;
    fake.failNext("files.completeUploadExternal", { error: "internal_error" });
    const poster = bot.posters.get("slack")!;
    const { messageId } = await poster.post({ platform: "slack", channelId: "C0STEWARDS" }, report("November membership"));
    expect(messageId).toMatch(/^C0STEWARDS:\d+\.\d+$/);
    expect(postsOf("November membership")).toHaveLength(1);
    // Two files, one refused once: three calls to share, both files shared in the end.
    const calls = shared().slice(before);
    expect(calls).toHaveLength(3);
    expect(calls.slice(1).map((c) => (c.args.files as { title: string }[])[0]!.title)).toEqual(["membership.csv", "membership.png"]);
    expect(fake.callsOf("chat.postMessage").some((c) => /couldn't attach/.test(String(c.args.text)))).toBe(false);
  });

  it("a file Slack keeps refusing is named under the message, which is still posted once and counts as sent", async () => {
    for (let i = 0; i < 3; i++) fake.failNext("files.completeUploadExternal", { error: "internal_error" });
    const poster = bot.posters.get("slack")!;
    const { messageId } = await poster.post({ platform: "slack", channelId: "C0STEWARDS" }, report("December membership"));
    expect(postsOf("December membership")).toHaveLength(1);
    const note = fake.callsOf("chat.postMessage").find((c) => c.args.channel === "C0STEWARDS" && /couldn't attach/.test(String(c.args.text)));
    expect(note?.args.text).toContain("membership.csv");
    expect(note?.args.text).not.toContain("membership.png");
    expect(note?.args.thread_ts).toBe(messageId.split(":")[1]);
    expect(shared().at(-1)!.args.files).toMatchObject([{ title: "membership.png" }]);
  });
});
