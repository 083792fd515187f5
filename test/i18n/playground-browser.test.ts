// Switching language in the playground, as a person does it in headless Chromium: the page, the
// replies, a form, its buttons and Home all change; the choice survives a reload.
import fs from "node:fs";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startBot, type Bot } from "../../bot/app.ts";
import { loadConfig } from "../../bot/config.ts";
import { botDatabaseUrl } from "../slack/harness.ts";

const executablePath = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((p) => fs.existsSync(p));

let bot: Bot;
let browser: Browser;
let page: Page;
beforeAll(async () => {
  if (!executablePath) throw new Error("Chromium is not installed: apt-get install chromium (.ci/run does this)");
  bot = await startBot(loadConfig({ DATABASE_URL: await botDatabaseUrl(), PORT: "0", LOG_LEVEL: "silent" }));
  browser = await chromium.launch({
    executablePath,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
  // A browser set to English: the switcher, not the browser, brings the other languages.
  page = await browser.newPage({ locale: "en-US" });
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

describe("the playground's language switcher", () => {
  it("changes the page, replies, forms, buttons and Home, and is remembered", async () => {
    expect(await page.locator("#composer button[type=submit]").textContent()).toBe("Send");
    await page.selectOption("#lang", "vi");
    await page.waitForURL(/\?lang=vi$/);
    await expect.poll(() => page.locator("#composer button[type=submit]").textContent()).toBe("Gửi");
    expect(await page.getAttribute("html", "lang")).toBe("vi");

    await page.selectOption("#persona", "sofia");
    await type("/unionhall whoami");
    await expect.poll(() => page.locator(".msg.private").last().textContent()).toContain("Bạn là Sofia Chen");

    await type("/unionhall admin role grant");
    const form = page.locator("form.modal").last();
    await form.waitFor();
    expect(await form.locator("button[type=submit]").textContent()).toBe("Gửi");
    expect(await form.locator('select[name="role"] option[value="chief_steward"]').textContent()).toBe("đại diện công đoàn trưởng");
    await form.locator('input[name="member"]').fill("100061");
    await form.locator('select[name="role"]').selectOption("steward");
    await form.locator('input[name="scope"]').fill("SL-083");
    await form.locator("button[type=submit]").click();
    await expect.poll(() => page.locator(".msg.private").last().textContent()).toContain("Đã giao vai trò đại diện công đoàn (chi hội SL-083)");

    await type("/unionhall admin role list 100061");
    const card = page.locator(".msg.private").last();
    // The list's own card first, so the click lands on it and not on a message drawn before it.
    await expect.poll(() => card.textContent()).toContain("Vai trò của Dwayne Brown");
    await card.locator("button.action", { hasText: "Kết thúc đại diện công đoàn" }).click();
    // Ending a role commits its audit entry and hooks; under the full suite on two cores that has
    // taken more than the default wait once. A wait bound, not a speed target (the bench holds those).
    await expect.poll(() => card.textContent(), { timeout: 30_000 }).toContain("Đã kết thúc vai trò đại diện công đoàn");

    await page.click("#home-link");
    await expect.poll(() => page.locator("#log").textContent()).toContain("Xin chào, Sofia Chen");

    // Remembered: a plain reload of the page comes back in Vietnamese.
    await page.goto(`http://127.0.0.1:${bot.port}/`);
    await page.waitForURL(/\?lang=vi$/);
    await expect.poll(() => page.locator("#composer button[type=submit]").textContent()).toBe("Gửi");

    // And back to English.
    await page.selectOption("#lang", "en");
    await page.waitForURL(/\?lang=en$/);
    await type("/unionhall whoami");
    await expect.poll(() => page.locator(".msg.private").last().textContent()).toContain("You are Sofia Chen");
  }, 90_000);
});
