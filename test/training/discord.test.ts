// Training and the handoff packet through the real discord.js client and the fake Discord.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importTraining } from "../../commands/training/import.ts";
import { buttonsOf, linkDiscord, send, startHarness, textOf, type Harness } from "../discord/harness.ts";
import type { FakeUser, RecordedFile } from "../fakes/discord.ts";
import { MODULES_DIR, rightAnswers } from "./helpers.ts";

let h: Harness;
let maria: FakeUser;
let pat: FakeUser;

beforeAll(async () => {
  h = await startHarness();
  maria = await linkDiscord(h.bot, h.fake, "100001");
  pat = await linkDiscord(h.bot, h.fake, "100004");
  await importTraining(h.bot.store, MODULES_DIR, new Date());
});
afterAll(async () => {
  await h?.stop();
});

const filesOf = (r: any) => [r, ...h.fake.requests.filter((x: any) => x.files?.length)].flatMap((x: any) => x.files ?? []);

/**
 * What the person finally got: the answer itself or, when the work took longer than the adapter
 * waits (a PDF on a busy machine), the edit or follow-up that answers the deferred interaction.
 */
async function answered(interaction: any): Promise<{ data: any; files: RecordedFile[] }> {
  const cb = await send(h, interaction);
  if (cb.type !== 5 && cb.type !== 6) return cb;
  const later = await h.fake.waitFor(() => h.fake.edits.find((e) => e.token === interaction.token) ?? h.fake.followUps.find((f) => f.token === interaction.token), 20_000, "the deferred answer");
  return { data: later.body, files: later.files };
}

describe("training and handoff on Discord", () => {
  it("a member completes a module with buttons and gets the certificate", async () => {
    let r = await answered(h.fake.chatInput(maria, "training", [{ name: "start", type: 1, options: [{ name: "module", type: 3, value: "sub-local-treasurer" }] }]));
    expect(textOf(r.data)).toContain("Lesson 1 of 3: Where the money comes from");
    const wrong = buttonsOf(r.data).find((b) => b.label === "Fines on employers")!;
    r = await answered(h.fake.button(maria, wrong.custom_id, h.fake.messageFrom(r.data, 64)));
    expect(textOf(r.data)).toContain("Not quite.");
    for (const answer of await rightAnswers(h.bot.store, "sub-local-treasurer")) {
      const b = buttonsOf(r.data).find((x) => x.label === answer);
      if (!b) throw new Error(`no button "${answer}" in ${textOf(r.data)}`);
      r = await answered(h.fake.button(maria, b.custom_id, h.fake.messageFrom(r.data, 64)));
    }
    expect(textOf(r.data)).toContain("You finished “Sub-local treasurer”");
    expect(r.files.map((f) => f.filename)).toContain("certificate-sub-local-treasurer.pdf");
  });

  it("a sub-local president gets the packet with its files; a member is refused", async () => {
    const r = await answered(h.fake.chatInput(pat, "handoff", [{ name: "packet", type: 1, options: [{ name: "code", type: 3, value: "SL-083" }] }]));
    expect(textOf(r.data)).toContain("Handoff packet: SL-083 Salem State Workers");
    const names = filesOf(r).map((f: any) => f.filename);
    expect(names).toEqual(expect.arrayContaining(["handoff-sl-083.md", "handoff-sl-083.pdf"]));
    const refused = await answered(h.fake.chatInput(maria, "handoff", [{ name: "packet", type: 1, options: [{ name: "code", type: 3, value: "SL-083" }] }]));
    expect(textOf(refused.data)).toContain("Only officers of SL-083");
  });
});
