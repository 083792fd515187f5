// The union's own texts are read, not their Markdown: /kb show and training lessons on each platform.
import { afterEach, describe, expect, it } from "vitest";
import { renderMessage as slackMessage } from "../../adapters/slack/render.ts";
import { renderMessage as discordMessage } from "../../adapters/discord/render.ts";
import { renderReplyHtml } from "../../adapters/web/render.ts";
import type { RenderedReply } from "../../commands/core/reply.ts";
import { buttonLabelled, trainingWorld } from "../training/helpers.ts";
import { addDoc, kbWorld, textOf } from "./helpers.ts";

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

function everyForm(r: RenderedReply) {
  return { slack: JSON.stringify(slackMessage(r).blocks), discord: JSON.stringify(discordMessage(r).embeds), web: renderReplyHtml(r), plain: textOf(r) };
}

describe("Markdown shown as text", () => {
  it("/kb show: headings bold, emphasis rendered, no ## or stray * on any platform", async () => {
    const w = await kbWorld();
    close = () => w.store.close();
    const id = await addDoc(w.store, { title: "Filing guide", body: "## Before you file\n\nGet the facts *in writing* and **date** them.\n\n- one\n- two" });
    const r = (await w.run("sofia", `/kb show ${id}`)).reply;
    const f = everyForm(r);
    expect(f.slack).toContain("*Before you file*");
    expect(f.slack).toContain("_in writing_");
    expect(f.discord).toContain("**Before you file**");
    expect(f.web).toContain("<h2>Before you file</h2>");
    expect(f.web).toContain("<em>in writing</em>");
    expect(f.plain).toContain("Get the facts in writing and date them.");
    expect(f.discord).toContain("*in writing*"); // Discord's italic
    for (const s of Object.values(f)) expect(s).not.toContain("##");
    for (const s of [f.slack, f.web, f.plain]) expect(s).not.toContain("**date");
    for (const s of [f.slack, f.web, f.plain]) expect(s).not.toContain("*in writing*");
  });

  it("/kb show of a long document cuts between paragraphs and sends the whole text as a file", async () => {
    const w = await kbWorld();
    close = () => w.store.close();
    const body = Array.from({ length: 80 }, (_, i) => `Paragraph ${i} says **something** important.`).join("\n\n");
    const id = await addDoc(w.store, { title: "Long guide", body });
    const r = (await w.run("sofia", `/kb show ${id}`)).reply;
    const md = r.blocks.find((b) => b.type === "markdown") as { text: string };
    expect(md.text.length).toBeLessThanOrEqual(2600);
    expect(md.text).toMatch(/important\.\n\n…$/);
    expect(r.files.some((x) => x.name === `kb-${id}.md`)).toBe(true);
  });

  it("a training lesson shows *in writing* as emphasis, not asterisks", async () => {
    const w = await trainingWorld();
    close = () => w.store.close();
    let step = (await w.run("maria", "/training start Steward basics")).reply;
    step = (await w.click("maria", buttonLabelled(step, "Listen, write down the facts and check the contract").token)).reply;
    const f = everyForm(step);
    expect(f.plain).toContain("Lesson 2 of 3");
    expect(f.plain).toContain("in writing");
    expect(f.plain).not.toContain("**");
    expect(f.slack).toContain("*in writing*");
    expect(f.slack).not.toContain("**in writing**");
    expect(f.web).toContain("<strong>in writing</strong>");
  });
});
