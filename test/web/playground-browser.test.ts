// A person at the playground page in headless Chromium (Debian's chromium + playwright-core).
import fs from "node:fs";
import path from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startBot, type Bot } from "../../bot/app.ts";
import { loadConfig } from "../../bot/config.ts";
import { tempDir } from "../helpers/store.ts";

const executablePath = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((p) => fs.existsSync(p));

let bot: Bot;
let browser: Browser;
let page: Page;
beforeAll(async () => {
  if (!executablePath) throw new Error("Chromium is not installed: apt-get install chromium (.ci/run does this)");
  bot = await startBot(loadConfig({ DATABASE_URL: `file:${path.join(tempDir(), "browser.db")}`, PORT: "0", LOG_LEVEL: "silent" }));
  browser = await chromium.launch({
    executablePath,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
  page = await browser.newPage();
  await page.goto(`http://127.0.0.1:${bot.port}/`);
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await bot?.stop();
});

async function type(command: string) {
  await page.fill("#text", command);
  await page.press("#text", "Enter");
}

describe("playground in a browser", () => {
  it("a member types /help and sees only their commands", async () => {
    await page.selectOption("#persona", "maria");
    await type("/help");
    const reply = page.locator(".msg.private").last();
    await expect.poll(() => reply.textContent()).toContain("/unionhall whoami");
    expect(await reply.textContent()).not.toContain("admin role grant");
  });

  it("staff grant a role through the form, see it in the audit log, then end it with a button", async () => {
    await page.selectOption("#persona", "sofia");
    await type("/unionhall admin role grant");
    const form = page.locator("form.modal").last();
    await form.waitFor();
    await form.locator("button[type=submit]").click();
    // Required fields: the browser's own validation stops an empty submit; fill a bad member instead.
    await form.locator('input[name="member"]').fill("not a member");
    await form.locator('select[name="role"]').selectOption("steward");
    await form.locator('input[name="scope"]').fill("SL-083");
    await form.locator("button[type=submit]").click();
    await expect.poll(() => form.locator('[data-error-for="member"]').textContent()).toContain("member number");
    await form.locator('input[name="member"]').fill("100060");
    await form.locator("button[type=submit]").click();
    await expect.poll(() => page.locator(".msg.private").last().textContent()).toContain("Granted steward (sub-local SL-083)");

    await type("/unionhall admin audit role");
    await expect.poll(() => page.locator(".msg.private").last().textContent()).toContain("Sofia Chen (member 100007) gave");

    await type("/unionhall admin role list 100060");
    const card = page.locator(".msg.private").last();
    await card.locator("button.action", { hasText: "End steward" }).click();
    await expect.poll(() => card.textContent()).toContain("Ended steward");
    await page.screenshot({ path: path.join(tempDir(), "playground.png") });
  });
});
