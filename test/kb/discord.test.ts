// The knowledge base through the real discord.js client and the fake Discord: a search with
// "More", titles offered by autocomplete, and a document opened with its file attached.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { data } from "../../db/data.ts";
import { saveFile } from "../../db/kb-files.ts";
import { buttonsOf, linkDiscord, send, startHarness, textOf, type Harness } from "../discord/harness.ts";
import type { FakeUser } from "../fakes/discord.ts";
import { addDoc } from "./helpers.ts";

const PNG = Buffer.from("89504e470d0a1a0a0000000d4948445200000001000000010806000000" + "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082", "hex");

let h: Harness;
let sam: FakeUser;
let maria: FakeUser;
let flyer: number;

beforeAll(async () => {
  h = await startHarness();
  sam = await linkDiscord(h.bot, h.fake, "100002");
  maria = await linkDiscord(h.bot, h.fake, "100001");
  for (let i = 1; i <= 7; i++) await addDoc(h.bot.store, { title: `Grievance checklist ${i}`, body: "Bring the grievance timeline." });
  await addDoc(h.bot.store, { title: "Steward guide", body: "How a steward files a grievance.", audience: "stewards" });
  flyer = await addDoc(h.bot.store, { title: "Rally flyer", body: "Saturday at the Capitol.", kind: "flyer", audience: "members" });
  const hash = await saveFile(h.bot.store, PNG);
  await data(h.bot.store).run(`UPDATE "KbDocument" SET "fileHash" = ?, "fileName" = 'rally.png', "fileMime" = 'image/png', "fileSize" = ? WHERE "id" = ?`, hash, PNG.length, flyer);
});
afterAll(async () => {
  await h?.stop();
});

const kb = (user: FakeUser, sub: string, options: { name: string; type: number; value: string | number; focused?: boolean }[] = [], locale?: string) =>
  send(h, h.fake.chatInput(user, "kb", [{ name: sub, type: 1, options }], locale));

describe("knowledge base on Discord", () => {
  it("searches, and 'More' shows the next page", async () => {
    const first = await kb(sam, "search", [{ name: "query", type: 3, value: "grievance" }]);
    expect(textOf(first.data)).toContain("8 documents found (showing 1 to 5)");
    const more = buttonsOf(first.data).find((b) => b.label === "More results")!;
    const next = await send(h, h.fake.button(sam, more.custom_id, h.fake.messageFrom(first.data, 64)));
    expect(textOf(next.data)).toContain("(showing 6 to 8)");
  });

  it("a member's search never shows the stewards' guide", async () => {
    const r = await kb(maria, "search", [{ name: "query", type: 3, value: "steward" }]);
    expect(textOf(r.data)).toContain("Nothing found");
  });

  it("answers in the interaction's language", async () => {
    const r = await kb(maria, "search", [{ name: "query", type: 3, value: "zzzz" }], "vi");
    expect(textOf(r.data)).toContain("Không tìm thấy gì");
  });

  it("offers document titles by autocomplete, only those the person may see", async () => {
    const ac = await send(h, h.fake.autocomplete(maria, "kb", [{ name: "show", type: 1, options: [{ name: "id", type: 3, value: "guide", focused: true }] }]));
    expect(ac.data.choices).toEqual([]);
    const ac2 = await send(h, h.fake.autocomplete(sam, "kb", [{ name: "show", type: 1, options: [{ name: "id", type: 3, value: "rally", focused: true }] }]));
    expect(ac2.data.choices).toEqual([{ name: "Rally flyer", value: String(flyer) }]);
  });

  it("opens a document with its file attached", async () => {
    const r = await kb(maria, "show", [{ name: "id", type: 3, value: String(flyer) }]);
    const all = [r, ...h.fake.requests.filter((x: any) => x.files?.length)];
    const files = all.flatMap((x: any) => x.files ?? []);
    expect(files.map((f: any) => f.filename)).toContain("rally.png");
    expect(files.find((f: any) => f.filename === "rally.png")!.data.equals(PNG)).toBe(true);
  });
});
