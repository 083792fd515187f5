// `npm run screenshots`: starts the bot on a fresh demo database, drives the local playground in
// headless Chromium (/usr/bin/chromium, as the browser tests do) and saves one picture per docs page
// into docs/img/<page>.png, so the pictures in docs/ show what the playground shows today.
// Each picture is the answer to one command typed by the persona the page is about, cropped to the
// start of the answer (at most MAX_HEIGHT pixels, on a narrow window) to keep the docs small.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { chromium } from "playwright-core";
import { startBot } from "../bot/app.ts";
import { loadConfig } from "../bot/config.ts";

/** Which docs page shows which command, typed by whom. */
export const SHOTS: { page: string; as: string; command: string }[] = [
  { page: "grievances", as: "sam", command: "/grievance list" },
  { page: "contacts", as: "tom", command: "/contacts agreement" },
  { page: "reports", as: "pat", command: "/report list" },
  { page: "kb", as: "maria", command: "/kb search steward guide" },
  { page: "project", as: "maria", command: "/project timeline" },
  { page: "training", as: "maria", command: "/training list" },
  { page: "handoff", as: "pat", command: "/handoff packet SL-083" },
  { page: "reminders", as: "sofia", command: "/unionhall jobs" },
  { page: "operations", as: "sofia", command: "/unionhall help" },
  { page: "development", as: "maria", command: "/unionhall help" },
  { page: "postgres", as: "sofia", command: "/unionhall admin audit" },
];

/** Pixels of an answer kept: its beginning says what the command shows, and the pictures stay small. */
const MAX_HEIGHT = 240;

const executablePath = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((p) => fs.existsSync(p));

async function main(): Promise<void> {
  if (!executablePath) throw new Error("Chromium is not installed: apt-get install chromium");
  const out = path.resolve(process.argv[2] ?? "docs/img");
  fs.mkdirSync(out, { recursive: true });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "uh-shots-"));
  const bot = await startBot(loadConfig({ DATABASE_URL: `file:${path.join(dir, "shots.db")}`, PORT: "0", LOG_LEVEL: "silent" }));
  const browser = await chromium.launch({ executablePath, args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"] });
  try {
    const page = await browser.newPage({ viewport: { width: 760, height: 900 } });
    await page.goto(`http://127.0.0.1:${bot.port}/`);
    for (const shot of SHOTS) {
      await page.selectOption("#persona", shot.as);
      const before = await page.locator(".msg").count();
      await page.fill("#text", shot.command);
      await page.press("#text", "Enter");
      // The answer is the newest message once it has arrived after the typed command.
      await page.waitForFunction((n) => document.querySelectorAll(".msg").length >= n + 2, before, { timeout: 30_000 });
      const answer = page.locator(".msg").last();
      const file = path.join(out, `${shot.page}.png`);
      // Only the beginning of a long answer: the rest is cut off in the picture, not on the page.
      await answer.evaluate((el, max) => Object.assign((el as HTMLElement).style, { maxHeight: `${max}px`, overflow: "hidden" }), MAX_HEIGHT);
      await answer.scrollIntoViewIfNeeded();
      await answer.screenshot({ path: file });
      console.log(`${shot.page}: ${shot.as} typed ${shot.command} → ${path.relative(process.cwd(), file)}`);
    }
  } finally {
    await browser.close();
    await bot.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

// Run as a script; imported (by the docs test) it only lends its list of pictures.
if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) await main();
