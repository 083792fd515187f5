// The knowledge base through Slack (signed requests against the fake Slack): a steward searches
// in English and Spanish, pages with "More"; staff attach a flyer through the modal's file input
// (fetched with the bot token, judged by its bytes); an officer opens it and gets the file.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Bot } from "../../bot/app.ts";
import { seedDemo } from "../../db/demo.ts";
import { data } from "../../db/data.ts";
import { linkIdentity } from "../../db/identities.ts";
import { personByNumber } from "../../db/people.ts";
import { FakeSlack } from "../fakes/slack.ts";
import { buttonsOf, SlackDriver, startSlackBot, textOf } from "../slack/harness.ts";
import { addDoc } from "./helpers.ts";

const SAM = "U0SAM";
const SOFIA = "U0SOFIA";
const PAT = "U0PAT";
const PNG = Buffer.from("89504e470d0a1a0a0000000d4948445200000001000000010806000000" + "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082", "hex");

let fake: FakeSlack;
let bot: Bot;
let d: SlackDriver;

beforeAll(async () => {
  fake = await new FakeSlack().start();
  for (const [id, name] of [[SAM, "sam"], [SOFIA, "sofia"], [PAT, "pat"]]) fake.addUser({ id: id!, name: name! });
  bot = await startSlackBot(fake);
  d = new SlackDriver(bot, fake);
  await seedDemo(bot.store);
  for (const [userId, number] of [[SAM, "100002"], [SOFIA, "100007"], [PAT, "100004"]] as const) {
    const p = (await personByNumber(data(bot.store), number))!;
    await linkIdentity(data(bot.store), { platform: "slack", workspaceId: fake.teamId, userId, personId: p.id, linkedVia: "admin" });
  }
  await addDoc(bot.store, { title: "Steward guide: your first grievance", body: "## Deadlines\nFile within 30 days.", audience: "stewards" });
  await addDoc(bot.store, { title: "Guía para delegados: su primera queja", body: "## Plazos\nPresente la queja dentro de 30 días.", audience: "stewards" });
  for (let i = 1; i <= 6; i++) await addDoc(bot.store, { title: `Grievance checklist ${i}`, body: "Bring the grievance timeline." });
});
afterAll(async () => {
  await bot?.stop();
  await fake?.stop();
});

describe("knowledge base on Slack", () => {
  it("a steward finds the right guide in one search, in English and in Spanish", async () => {
    const en = await d.slash(SAM, "/kb", "search steward guide");
    expect(textOf((await d.response(en.id)).body)).toContain("Steward guide: your first grievance");
    const es = await d.slash(SAM, "/kb", "search guia delegados");
    expect(textOf((await d.response(es.id)).body)).toContain("Guía para delegados: su primera queja");
  });

  it("'More' pages through the hits", async () => {
    const first = await d.slash(SAM, "/kb", "search grievance");
    const page1 = (await d.response(first.id)).body;
    expect(textOf(page1)).toContain("7 documents found (showing 1 to 5)");
    const more = buttonsOf(page1).find((b) => b.text.text === "More results")!;
    const clicked = await d.click(SAM, more.action_id);
    expect(textOf((await d.response(clicked.id)).body)).toContain("(showing 6 to 7)");
  });

  it("staff attach a flyer through the modal's file input; an officer opens it and gets the file", async () => {
    const id = await addDoc(bot.store, { title: "Rally flyer", body: "Saturday at the Capitol.", kind: "flyer", audience: "members" });
    const opened = await d.slash(SOFIA, "/kb", `attach ${id}`);
    const view = await d.views(opened.triggerId);
    const input = (view.blocks as Record<string, any>[]).find((b) => b.type === "input")!;
    expect(input.element).toMatchObject({ type: "file_input", max_files: 1 });

    // A program renamed .png is refused on the form itself, and nothing is stored.
    const fake1 = fake.addFile(Buffer.concat([Buffer.from("MZ"), Buffer.alloc(64)]), "flyer.png", "image/png");
    const refused = await d.submit(SOFIA, view, { file: fake1 });
    expect(refused.json()).toMatchObject({ response_action: "errors" });
    expect(JSON.stringify(refused.json().errors)).toContain("Only PDF, PNG, JPEG, SVG and Word");

    const good = fake.addFile(PNG, "rally flyer.png", "image/png");
    const sent = await d.submit(SOFIA, view, { file: good });
    expect(sent.text).toBe("");
    expect(fake.callsOf("files.info").map((c) => c.args.file)).toContain(good);

    const show = await d.slash(PAT, "/kb", `show ${id}`);
    await fake.waitFor(() => fake.uploads.length > 0, "the file upload");
    expect(fake.uploads.some((u) => u.bytes.equals(PNG))).toBe(true);
    expect(await d.answerText(PAT, show.id)).toContain("Rally flyer");
  });

  it("/kb edit of a 4,294-character document: no text field, the whole text as a .md in the DM, the new text taken back from a file", async () => {
    const text = Array.from({ length: 430 }, (_, i) => `line${String(i).padStart(5, "0")} `).join("").slice(0, 4293) + ".";
    expect(text.length).toBe(4294);
    const id = await addDoc(bot.store, { title: "Long guide", body: text, audience: "members" });
    const uploadsBefore = fake.uploads.length;
    const opened = await d.slash(SOFIA, "/kb", `edit ${id}`);
    const view = await d.views(opened.triggerId);
    const inputs = (view.blocks as Record<string, any>[]).filter((b) => b.type === "input");
    expect(inputs.map((b) => b.element.type)).not.toContain(undefined);
    expect(inputs.some((b) => b.element.type === "plain_text_input" && b.element.multiline)).toBe(false);
    expect(inputs.find((b) => b.block_id.endsWith("bodyFile"))?.element).toMatchObject({ type: "file_input", max_files: 1 });
    expect(JSON.stringify(view.blocks)).toContain("4,294");
    await fake.waitFor(() => fake.uploads.length > uploadsBefore, "the current text as a file");
    expect(fake.uploads.slice(uploadsBefore).some((u) => u.bytes.toString("utf8") === text)).toBe(true);

    const next = `${text}\n\n## New section\nMore words.\n`;
    const file = fake.addFile(Buffer.from(next, "utf8"), `kb-${id}.md`, "text/markdown");
    const sent = await d.submit(SOFIA, view, { bodyFile: file });
    expect(sent.text).toBe("");
    const row = await data(bot.store).one<{ body: string; version: number }>(`SELECT "body", "version" FROM "KbDocument" WHERE "id" = ?`, id);
    expect(row).toEqual({ body: next, version: 2 });
  });
});

