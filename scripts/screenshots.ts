// `npm run screenshots`: starts the bot on a fresh demo database, drives the local playground in
// headless Chromium (/usr/bin/chromium, as the browser tests do) and saves the pictures the docs
// pages show into docs/img/<name>.png, so they show what the playground shows today.
// Each picture is one answer (or Home) as the persona the page is about sees it, cropped to its
// start (at most MAX_HEIGHT pixels, on a narrow window) to keep the docs small.
//
// Prerequisites: Chromium, and a colour emoji font for the emoji the bot writes (✅, 📅, ⚠️):
// without one Chromium draws them as empty boxes. On Debian/Ubuntu:
//   apt-get install chromium fonts-noto-color-emoji
// Chinese needs no system font: Chromium is pointed at Noto Sans Hans from node_modules (the one
// the charts and PDFs use, @embedpdf/fonts-sc).
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { chromium, type Page } from "playwright-core";
import { startBot } from "../bot/app.ts";
import { loadConfig } from "../bot/config.ts";
import { fontFiles } from "../commands/core/fonts.ts";

/** A thing a persona does before the pictured answer: types a command, fills the open form, clicks a button. */
export type Step = { as: string; type: string; where?: string } | { fill: Record<string, string> } | { click: string };

export interface Shot {
  /** The docs page (docs/<page>.md) that shows the picture. */
  page: string;
  /** The picture's name when a page shows more than one; otherwise the page's name. */
  name?: string;
  /** The playground's language (default English). */
  lang?: string;
  /** What sets the scene: not pictured. */
  before?: Step[];
  /** Who is pictured, and what: the answer to a typed command, or Home. */
  as: string;
  show: { command: string; where?: string } | "home" | "last";
  /** Pixels kept when the picture needs more than MAX_HEIGHT (a form, a card and its buttons). */
  height?: number;
}

/** The picture's file name in docs/img. */
export const pictureOf = (s: Shot) => `${s.name ?? s.page}.png`;

/** A date a week or so ahead in YYYY-MM-DD, so a scene's event is never in the past. */
const ahead = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/** Which docs page shows what, as whom. */
export const SHOTS: Shot[] = [
  { page: "grievances", as: "sam", show: { command: "/grievance list" } },
  { page: "contacts", as: "tom", show: { command: "/contacts agreement" } },
  { page: "reports", as: "pat", show: { command: "/report list" } },
  { page: "kb", as: "maria", show: { command: "/kb search steward guide" } },
  { page: "project", as: "maria", show: { command: "/project timeline" } },
  { page: "training", as: "maria", show: { command: "/training list" } },
  { page: "handoff", as: "pat", show: { command: "/handoff packet SL-083" } },
  { page: "reminders", as: "sofia", show: { command: "/unionhall jobs" } },
  { page: "operations", as: "sofia", show: { command: "/unionhall help" } },
  // What every bad input gets: a polite, private answer naming the problem and the usage.
  { page: "development", as: "maria", show: { command: "/event show ten" } },
  { page: "postgres", as: "sofia", show: { command: "/unionhall admin audit" } },
  { page: "treasury", as: "tom", show: { command: "/rebate balance" } },
  // A command typed alone opens its form: a modal on Slack, inline in the playground.
  { page: "slack", as: "tom", show: { command: "/rebate request" }, height: 330 },
  // A once-only card: the statement Tom asked for waits for staff with Approve / Deny.
  { page: "discord", before: [{ as: "tom", type: "/rebate statement 2026-Q3" }], as: "sofia", show: { command: "/unionhall pending" } },
  // The announcement in #general with its Going / Maybe / Can't go buttons, as a member sees it.
  {
    page: "events",
    before: [
      { as: "pat", type: "/event channel SL-083" },
      { as: "pat", type: "/event create" },
      { fill: { title: "Steward meeting", when: `${ahead(10)} 18:00-19:30`, where: "Union hall, 1234 Main St", audience: "SL-083" } },
      { click: "Publish" },
    ],
    as: "maria",
    show: "last",
    height: 280,
  },
  { page: "languages", name: "languages-es", lang: "es", as: "tom", show: "home" },
  { page: "languages", name: "languages-zh", lang: "zh-Hans", as: "tom", show: "home" },
];

/** Pixels of an answer kept: its beginning says what the command shows, and the pictures stay small. */
const MAX_HEIGHT = 200;

const executablePath = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((p) => fs.existsSync(p));

/** Whether fontconfig knows a font with a colour emoji (😀): otherwise every emoji is a box. */
function hasEmojiFont(): boolean {
  try {
    return execFileSync("fc-list", [":charset=1f600", "family"], { encoding: "utf8" }).trim() !== "";
  } catch {
    return false;
  }
}

/** A fontconfig file: the system's fonts plus Noto Sans Hans from node_modules, for Chinese. */
function fontConfig(dir: string): string {
  const file = path.join(dir, "fonts.conf");
  const cjk = path.dirname(fontFiles().cjk);
  fs.writeFileSync(
    file,
    `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n` +
      `  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n  <dir>${cjk}</dir>\n  <cachedir>${path.join(dir, "fc-cache")}</cachedir>\n</fontconfig>\n`,
  );
  return file;
}

/** Waits for the answer to what was just sent: a new message after the echo of the typed line. */
async function newMessage(page: Page, before: number): Promise<void> {
  await page.waitForFunction((n) => document.querySelectorAll(".msg").length >= n + 2, before, { timeout: 30_000 });
}

async function open(page: Page, base: string, lang: string, as: string, where: string): Promise<void> {
  const url = `${base}/?lang=${encodeURIComponent(lang)}`;
  if (page.url() !== url) {
    await page.goto(url);
    await page.waitForFunction(() => document.querySelectorAll("#persona option").length > 0);
  }
  await page.selectOption("#persona", as);
  if (where === "home") await page.click("#home-link");
  else await page.click(`#channels button[data-where="${where}"]`);
  await page.waitForTimeout(300);
}

async function type(page: Page, command: string): Promise<void> {
  const before = await page.locator(".msg").count();
  await page.fill("#text", command);
  await page.press("#text", "Enter");
  await newMessage(page, before);
}

async function step(page: Page, base: string, lang: string, s: Step): Promise<void> {
  if ("type" in s) {
    await open(page, base, lang, s.as, s.where ?? "#general");
    return type(page, s.type);
  }
  if ("fill" in s) {
    const form = page.locator("form.modal").last();
    for (const [name, value] of Object.entries(s.fill)) await form.locator(`[name="${name}"]`).fill(value);
    const before = await page.locator(".msg").count();
    await form.locator("button[type=submit]").click();
    await page.waitForFunction((n) => document.querySelectorAll(".msg").length >= n && !document.querySelector("form.modal"), before, { timeout: 30_000 });
    return;
  }
  await page.locator("button.action", { hasText: s.click }).last().click();
  await page.waitForTimeout(500);
}

async function main(): Promise<void> {
  if (!executablePath) throw new Error("Chromium is not installed: apt-get install chromium");
  if (!hasEmojiFont()) throw new Error("No colour emoji font: the pictures would show emoji as empty boxes. Install one: apt-get install fonts-noto-color-emoji");
  const out = path.resolve(process.argv[2] ?? "docs/img");
  fs.mkdirSync(out, { recursive: true });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "uh-shots-"));
  const bot = await startBot(loadConfig({ DATABASE_URL: `file:${path.join(dir, "shots.db")}`, PORT: "0", LOG_LEVEL: "silent" }));
  const browser = await chromium.launch({
    executablePath,
    env: { ...process.env, FONTCONFIG_FILE: fontConfig(dir) },
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
  const base = `http://127.0.0.1:${bot.port}`;
  try {
    for (const shot of SHOTS) {
      // A fresh page per picture: the playground remembers the language and persona in localStorage.
      const context = await browser.newContext({ viewport: { width: 760, height: 900 } });
      const page = await context.newPage();
      const lang = shot.lang ?? "en";
      for (const s of shot.before ?? []) await step(page, base, lang, s);
      if (shot.show === "home") await open(page, base, lang, shot.as, "home");
      else if (shot.show === "last") await open(page, base, lang, shot.as, "#general");
      else {
        await open(page, base, lang, shot.as, shot.show.where ?? "#general");
        await type(page, shot.show.command);
      }
      await page.waitForFunction(() => document.querySelectorAll(".msg").length > 0);
      await page.evaluate(() => document.fonts.ready);
      const answer = page.locator(".msg").last();
      const file = path.join(out, pictureOf(shot));
      // Only the beginning of a long answer: the rest is cut off in the picture, not on the page.
      await answer.evaluate((el, max) => Object.assign((el as HTMLElement).style, { maxHeight: `${max}px`, overflow: "hidden" }), shot.height ?? MAX_HEIGHT);
      await answer.scrollIntoViewIfNeeded();
      await answer.screenshot({ path: file });
      const what = shot.show === "home" ? "Home" : shot.show === "last" ? "#general" : shot.show.command;
      console.log(`${shot.page}: ${shot.as} (${lang}) ${what} → ${path.relative(process.cwd(), file)}`);
      await context.close();
    }
  } finally {
    await browser.close();
    await bot.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

// Run as a script; imported (by the docs test) it only lends its list of pictures.
if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) await main();
