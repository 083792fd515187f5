// The public page and the Atom feed follow a corrected or withdrawn update, on the real bot wiring.
import { transaction } from "../../db/data.ts";
import path from "node:path";
import { XMLParser } from "fast-xml-parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startBot, type Bot } from "../../bot/app.ts";
import { loadConfig } from "../../bot/config.ts";
import { correctUpdate, withdrawUpdate } from "../../db/project-amend.ts";
import { publishUpdate } from "../../db/project.ts";
import { tempDir } from "../helpers/store.ts";

let bot: Bot;
let base: string;
const zone = "America/Los_Angeles";
const parser = new XMLParser({ ignoreAttributes: false, textNodeName: "#text", alwaysCreateTextNode: true, isArray: (n) => n === "entry" });
const feed = async () => [parser.parse(await (await fetch(`${base}/project/feed.xml`)).text()).feed.entry ?? []].flat() as any[];

beforeAll(async () => {
  bot = await startBot(loadConfig({ DATABASE_URL: `file:${path.join(tempDir(), "amend.db")}`, PORT: "0", LOG_LEVEL: "silent", DEMO_DATA: "never" }));
  base = `http://127.0.0.1:${bot.port}`;
  const text = { details: null, phase: null, milestoneKey: null, gradeLevel: 3, authorId: null };
  await publishUpdate(bot.store, { ...text, title: "Meeting on Mondy", summary: "We meet on 12 January." }, new Date("2026-11-20T18:00:00Z"), zone);
  await publishUpdate(bot.store, { ...text, title: "Posted by mistake", summary: "Not for anyone." }, new Date("2026-11-21T18:00:00Z"), zone);
});
afterAll(async () => {
  await bot?.stop();
});

describe("the public page after a correction or a withdrawal", () => {
  it("shows the corrected text, says when it was corrected, and the feed entry's updated time moves", async () => {
    const etag = (await fetch(`${base}/project`)).headers.get("etag")!;
    const out = await transaction(bot.store, (tx) => correctUpdate(tx, bot.store, 1, 1, { title: "Meeting on Monday", summary: "We meet on 19 January.", details: null, phase: null, milestoneKey: null, gradeLevel: 3 }, "The date was wrong.", 1, new Date("2026-11-22T18:00:00Z"), zone));
    expect(out).toMatchObject({ ok: true, revision: 2 });
    const fresh = await fetch(`${base}/project`, { headers: { "if-none-match": etag } });
    expect(fresh.status).toBe(200);
    const html = await fresh.text();
    expect(html).toContain("19 January");
    expect(html).not.toContain("12 January");
    expect(html).toMatch(/corrected Sun, Nov 22, 2026/);
    const entry = (await feed()).find((e) => e.title["#text"] === "Meeting on Monday");
    expect(entry.updated["#text"]).toBe("2026-11-22T18:00:00.000Z");
    expect(entry.published["#text"]).toBe("2026-11-20T18:00:00.000Z");
  });

  it("a withdrawn update leaves the page and the feed; its address answers 410 with the reason", async () => {
    expect(await transaction(bot.store, (tx) => withdrawUpdate(tx, bot.store, 2, "Posted by mistake; nothing changes for members.", 1, new Date("2026-11-23T18:00:00Z"), zone))).toMatchObject({ ok: true });
    expect(await (await fetch(`${base}/project`)).text()).not.toContain("Not for anyone");
    expect((await feed()).map((e) => e.title["#text"])).toEqual(["Meeting on Monday"]);
    const gone = await fetch(`${base}/project/updates/2`);
    expect(gone.status).toBe(410);
    const body = await gone.text();
    expect(body).toContain("This update was withdrawn on Mon, Nov 23, 2026.");
    expect(body).toContain("nothing changes for members");
    expect(body).not.toContain("Not for anyone");
    expect(await transaction(bot.store, (tx) => withdrawUpdate(tx, bot.store, 2, "again", 1, new Date(), zone))).toEqual({ ok: false, why: "withdrawn" });
  });
});
