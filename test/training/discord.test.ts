// Training and the handoff packet through the real discord.js client and the fake Discord.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importTraining } from "../../commands/training/import.ts";
import { buttonsOf, linkDiscord, send, startHarness, textOf, type Harness } from "../discord/harness.ts";
import type { FakeUser } from "../fakes/discord.ts";
import { MODULES_DIR } from "./helpers.ts";

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

function rightAnswers(slug: string): string[] {
  const lessons = h.bot.store.sql.prepare(`SELECT l."questions" FROM "TrainingLesson" l JOIN "TrainingModule" m ON m."id" = l."moduleId" WHERE m."slug" = ? ORDER BY l."position"`).all(slug) as { questions: string }[];
  return lessons.flatMap((l) => (JSON.parse(l.questions) as { choices: string[]; answer: number }[]).map((q) => q.choices[q.answer]!));
}

const filesOf = (r: any) => [r, ...h.fake.requests.filter((x: any) => x.files?.length)].flatMap((x: any) => x.files ?? []);

describe("training and handoff on Discord", () => {
  it("a member completes a module with buttons and gets the certificate", async () => {
    let r = await send(h, h.fake.chatInput(maria, "training", [{ name: "start", type: 1, options: [{ name: "module", type: 3, value: "sub-local-treasurer" }] }]));
    expect(textOf(r.data)).toContain("Lesson 1 of 3: Where the money comes from");
    const wrong = buttonsOf(r.data).find((b) => b.label === "Fines on employers")!;
    r = await send(h, h.fake.button(maria, wrong.custom_id, h.fake.messageFrom(r.data, 64)));
    expect(textOf(r.data)).toContain("Not quite.");
    let last: any = r;
    for (const answer of rightAnswers("sub-local-treasurer")) {
      const b = buttonsOf(last.data ?? last.body).find((x) => x.label === answer);
      if (!b) throw new Error(`no button "${answer}" in ${textOf(last.data ?? last.body)}`);
      const click = h.fake.button(maria, b.custom_id, h.fake.messageFrom(last.data ?? last.body, 64));
      const cb = await send(h, click);
      // Slow work (the certificate PDF) is deferred: the answer then comes as a follow-up message.
      last = cb.type === 5 || cb.type === 6 ? await h.fake.waitFor(() => h.fake.followUps.find((f: any) => f.token === click.token) ?? h.fake.edits.find((e: any) => e.token === click.token)) : cb;
    }
    expect(textOf(last.data ?? last.body)).toContain("You finished “Sub-local treasurer”");
    expect((last.files ?? []).map((f: any) => f.filename)).toContain("certificate-sub-local-treasurer.pdf");
  });

  it("a sub-local president gets the packet with its files; a member is refused", async () => {
    const r = await send(h, h.fake.chatInput(pat, "handoff", [{ name: "packet", type: 1, options: [{ name: "code", type: 3, value: "SL-083" }] }]));
    expect(textOf(r.data)).toContain("Handoff packet: SL-083 Salem State Workers");
    const names = filesOf(r).map((f: any) => f.filename);
    expect(names).toEqual(expect.arrayContaining(["handoff-sl-083.md", "handoff-sl-083.pdf"]));
    const refused = await send(h, h.fake.chatInput(maria, "handoff", [{ name: "packet", type: 1, options: [{ name: "code", type: 3, value: "SL-083" }] }]));
    expect(textOf(refused.data)).toContain("Only officers of SL-083");
  });
});
