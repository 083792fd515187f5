// Pat opens Home in the playground, finds the request waiting for her, decides it there, and Home
// shows that nothing waits any more, with her answer on top.
import fs from "node:fs";
import { chromium, type Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startBot, type Bot } from "../../bot/app.ts";
import { loadConfig } from "../../bot/config.ts";
import { createRequest } from "../../db/contacts.ts";
import { personByNumber } from "../../db/people.ts";
import { botDatabaseUrl } from "../slack/harness.ts";
import { data } from "../../db/data.ts";

const executablePath = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((p) => fs.existsSync(p));
let bot: Bot;
let browser: Browser;
beforeAll(async () => {
  if (!executablePath) throw new Error("Chromium is not installed: apt-get install chromium (.ci/run does this)");
  bot = await startBot(loadConfig({ DATABASE_URL: await botDatabaseUrl(), PORT: "0", LOG_LEVEL: "silent" }));
  browser = await chromium.launch({ executablePath, args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"] });
  const tom = (await personByNumber(data(bot.store), "100005"))!;
  await createRequest(bot.store, {
    scopeType: "sublocal",
    scopeId: "SL-083",
    campaign: null,
    campaignDetail: null,
    requesterId: tom.id,
    purpose: "phone_bank",
    justification: "Phone bank for the contract ratification vote next week.",
    days: 14,
    route: "sublocal_president:SL-083",
    status: "pending",
    createdAt: new Date(),
  });
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await bot?.stop();
});

describe("Home in the playground", () => {
  it("shows what waits for Pat with its buttons; deciding it there redraws Home with the answer on top", async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await page.goto(`http://127.0.0.1:${bot.port}/`);
    await page.locator("#persona option").first().waitFor({ state: "attached" });
    await page.click("#menu-button");
    await page.selectOption("#persona", "pat");
    // Picking who you are closes the menu; Home is one more tap away.
    await expect.poll(() => page.getAttribute("#menu-button", "aria-expanded")).toBe("false");
    await page.click("#menu-button");
    await page.click("#home-link");
    const home = page.locator("#log");
    await expect.poll(() => home.textContent()).toContain("Waiting for your decision (1)");
    expect(await home.textContent()).toContain("Tom Haddad (member 100005) asks for Members of sub-local SL-083");
    await page.locator("button.action", { hasText: "Approve" }).click();
    await expect.poll(() => page.locator("#log .msg").first().textContent()).toContain("approved by Pat Larsen");
    expect(await home.textContent()).not.toContain("Waiting for your decision");
    expect(await page.locator("button.action", { hasText: "Approve" }).count()).toBe(0);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("text");
    await page.close();
  }, 60_000);
});
