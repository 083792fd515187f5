// Every command the README shows runs as typed in a fresh playground: the README's code examples
// are read from the file, each is typed (in the README's order) by the persona its paragraph is
// about, in the playground's #general channel, and none may be answered with an error.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startBot, type Bot } from "../../bot/app.ts";
import { loadConfig } from "../../bot/config.ts";
import { personas } from "../../db/demo.ts";
import { tempDir } from "../helpers/store.ts";

/** Each `/command …` in the README with the persona whose paragraph it is in ("Anyone" is Maria). */
/** Slack's and Discord's own commands, which the README mentions for installing the bot. */
const PLATFORM_COMMANDS = ["invite"];

export function readmeExamples(readme: string): { who: string; text: string; press?: string }[] {
  const handles = new Map(personas.map((p) => [p.firstName.toLowerCase(), p.handle]));
  let who = "maria";
  const out: { who: string; text: string; press?: string }[] = [];
  for (const line of readme.split("\n")) {
    const heading = /^\*\*([A-Z][a-z]+)\b/.exec(line);
    if (heading) who = handles.get(heading[1]!.toLowerCase()) ?? "maria";
    for (const m of line.matchAll(/`(\/[a-z][^`]*)`( \(press \*\*([^*]+)\*\*\))?/g)) {
      const text = m[1]!;
      // A syntax line (`<needed>`, `[optional]`, `a|b`, `…`, a WORD in capitals) describes a command; it is not one to type.
      if (/[<[|…]/.test(text) || /(^|\s)[A-Z]{2,}(\s|$)/.test(text)) continue;
      // A file path, or the platform's own command.
      if (/^\/[a-z]+\//.test(text) || PLATFORM_COMMANDS.includes(text.slice(1).split(" ")[0]!)) continue;
      out.push({ who, text, ...(m[3] ? { press: m[3] } : {}) });
    }
  }
  return out;
}

const readme = fs.readFileSync(new URL("../../README.md", import.meta.url), "utf8");
let bot: Bot;
let base: string;
beforeAll(async () => {
  bot = await startBot(loadConfig({ DATABASE_URL: `file:${path.join(tempDir(), "readme.db")}`, PORT: "0", LOG_LEVEL: "silent" }));
  base = `http://127.0.0.1:${bot.port}`;
}, 60_000);
afterAll(async () => {
  await bot?.stop();
});

describe("the README's command examples", () => {
  const examples = readmeExamples(readme);

  it("are found, with the persona each paragraph is about", () => {
    expect(examples.length).toBeGreaterThan(30);
    expect(examples).toContainEqual({ who: "sam", text: "/grievance file" });
    expect(examples).toContainEqual({ who: "sofia", text: "/project post" });
  });

  it("a channel the playground does not have is caught (the check can fail)", async () => {
    const r = await type("pat", "/report schedule membership monthly #officers SL-083");
    expect(r.html).toContain("⚠️");
  });

  it("each runs as typed in a fresh playground, answered without an error", async () => {
    const failed: string[] = [];
    for (const e of examples) {
      const r = await type(e.who, e.text);
      if (r.status !== 200 || r.html.includes("⚠️")) failed.push(`${e.who}: ${e.text} → ${r.html.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ").slice(0, 200)}`);
      // "(press **Label**)" after an example: the README's reader presses that button next.
      if (e.press) {
        const token = new RegExp(`data-token="([^"]+)">${e.press}</button>`).exec(r.html)?.[1];
        if (!token) failed.push(`${e.who}: ${e.text} has no button “${e.press}”`);
        else if ((await click(e.who, token)).includes("⚠️")) failed.push(`${e.who}: pressing “${e.press}” was refused`);
      }
    }
    expect(failed).toEqual([]);
  }, 240_000);
});

async function click(as: string, token: string): Promise<string> {
  const r = await fetch(`${base}/api/action`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ as, where: "#general", token }) });
  return ((await r.json()) as { html?: string }).html ?? "";
}

async function type(as: string, text: string): Promise<{ status: number; html: string }> {
  const r = await fetch(`${base}/api/command`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ as, where: "#general", text }) });
  const body = (await r.json()) as { html?: string };
  return { status: r.status, html: body.html ?? "" };
}
