// Every command that sets up posts in a channel asks the one rule (can the bot post there?) before
// anything is saved: treasury cards, steward reminders, scheduled reports, project updates. On
// Discord a channel where the bot lacks View Channel / Send Messages is refused, naming the
// permissions to give; once given, the same command sets it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { data } from "../../db/data.ts";
import { listRules } from "../../db/jobs.ts";
import { nextId, type Callback, type FakeUser } from "../fakes/discord.ts";
import { linkDiscord, send, startHarness, textOf, type Harness } from "./harness.ts";

let h: Harness;
let pat: FakeUser; // sub-local officer
let carla: FakeUser; // chief steward

beforeAll(async () => {
  h = await startHarness();
  pat = await linkDiscord(h.bot, h.fake, "100004");
  carla = await linkDiscord(h.bot, h.fake, "100003");
}, 60_000);
afterAll(() => h?.stop());

/** What the person finally read: the first answer, or the edit of a deferred one. */
async function answer(cb: Callback): Promise<string> {
  if (cb.type !== 5) return textOf(cb.data);
  return textOf((await h.fake.waitFor(() => h.fake.edits.find((e) => e.token === cb.token), 20_000, "the deferred answer")).body);
}

const sub = (user: FakeUser, command: string, name: string, options: any[] = []) => send(h, h.fake.chatInput(user, command, [{ name, type: 1, options }])).then(answer);
const str = (name: string, value: string) => ({ name, type: 3, value });
const chan = (id: string) => ({ name: "channel", type: 7, value: id });

/** A door refuses a channel the bot may not post in, names it, then accepts it once allowed. */
async function refusedThenSet(run: (channelId: string) => Promise<string>, done: string, channelId = nextId()) {
  if (channelId !== h.fake.channelId) h.fake.addChannel(channelId, "elsewhere");
  h.fake.forbidChannel(channelId);
  const refused = await run(channelId);
  expect(refused).toContain("View Channel and Send Messages");
  expect(refused).toContain(`<#${channelId}>`);
  h.fake.forbidden.delete(channelId);
  expect(await run(channelId)).toContain(done);
  return channelId;
}

describe("every door that sets up channel posts checks the bot can post there, on Discord", () => {
  it("/rebate channel: treasury approval cards", async () => {
    await refusedThenSet((id) => sub(h.staff, "rebate", "channel", [str("channel", `<#${id}>`)]), "Treasury approval cards will go to");
  });

  it("/grievance channel: a sub-local's deadline reminders", async () => {
    await refusedThenSet((id) => sub(carla, "grievance", "channel", [str("sublocal", "SL-083"), str("channel", `<#${id}>`)]), "Deadline reminders for SL-083 now go to");
  });

  it("/report schedule: nothing is scheduled in a channel the bot may not post in", async () => {
    const id = nextId();
    const rulesIn = async () => (await listRules(data(h.bot.store))).filter((r) => r.active && r.channelId === id).length;
    await refusedThenSet(
      async (ch) => {
        const said = await sub(pat, "report", "schedule", [str("name", "growth"), str("frequency", "weekly"), chan(ch)]);
        if (said.includes("View Channel")) expect(await rulesIn()).toBe(0);
        return said;
      },
      "will be posted in",
      id,
    );
    expect(await rulesIn()).toBe(1);
  });

  it("/grievance schedule: the statewide grievance report", async () => {
    await refusedThenSet((id) => sub(h.staff, "grievance", "schedule", [str("frequency", "monthly"), chan(id)]), "grievance report will be posted in");
  });

  it("/project subscribe here: project updates to this channel", async () => {
    await refusedThenSet(() => sub(pat, "project", "subscribe", [str("who", "here")]), "This channel will now get every project update.", h.fake.channelId);
  });

  it("a channel typed as #name is refused as not found: Discord posts to channel ids only", async () => {
    expect(await sub(h.staff, "rebate", "channel", [str("channel", "#treasury")])).toContain("I can't find the channel #treasury");
  });
});
