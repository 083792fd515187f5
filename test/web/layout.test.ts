// The playground as a person uses it on a laptop and on a phone, in headless Chromium: the message
// list scrolls and follows the newest reply while the composer stays in view, nothing scrolls
// sideways, the sidebar becomes a menu at phone width, and forms behave like dialogs (they take
// focus, keep what was typed when a value is refused, Esc closes them, focus returns to the composer).
import fs from "node:fs";
import path from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startBot, type Bot } from "../../bot/app.ts";
import { loadConfig } from "../../bot/config.ts";
import { tempDir } from "../helpers/store.ts";

const executablePath = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((p) => fs.existsSync(p));
const shots = process.env.PLAYGROUND_SCREENSHOTS ?? tempDir("uh-shots-");

let bot: Bot;
let browser: Browser;
beforeAll(async () => {
  if (!executablePath) throw new Error("Chromium is not installed: apt-get install chromium (.ci/run does this)");
  bot = await startBot(loadConfig({ DATABASE_URL: `file:${path.join(tempDir(), "layout.db")}`, PORT: "0", LOG_LEVEL: "silent" }));
  browser = await chromium.launch({
    executablePath,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await bot?.stop();
});

async function openPage(width: number, height: number): Promise<Page> {
  const page = await browser.newPage({ viewport: { width, height } });
  await page.goto(`http://127.0.0.1:${bot.port}/`);
  await page.locator("#persona option").first().waitFor({ state: "attached" });
  return page;
}

async function asPersona(page: Page, handle: string) {
  const menu = page.locator("#menu-button");
  if (await menu.isVisible()) await menu.click();
  await page.selectOption("#persona", handle);
  if (await menu.isVisible()) await page.keyboard.press("Escape");
}

async function type(page: Page, command: string) {
  const before = await page.locator(".msg").count();
  await page.fill("#text", command);
  await page.press("#text", "Enter");
  // The echo of the command, then the reply.
  await expect.poll(() => page.locator(".msg").count()).toBeGreaterThanOrEqual(before + 2);
}

/** What a person sees of the page: is the composer whole on screen, does anything scroll sideways. */
async function geometry(page: Page) {
  return page.evaluate(() => {
    const box = (sel: string) => {
      const r = document.querySelector(sel)!.getBoundingClientRect();
      return { top: r.top, bottom: r.bottom, left: r.left, right: r.right };
    };
    const log = document.querySelector("#log")!;
    const msgs = document.querySelectorAll("#log .msg");
    const last = msgs.length > 0 ? msgs[msgs.length - 1]!.getBoundingClientRect() : null;
    const logBox = log.getBoundingClientRect();
    return {
      viewport: { width: window.innerWidth, height: window.innerHeight },
      composer: box("#composer"),
      input: box("#text"),
      pageScrollWidth: document.documentElement.scrollWidth,
      pageScrollHeight: document.documentElement.scrollHeight,
      logFollows: log.scrollHeight - log.scrollTop - log.clientHeight < 2,
      logScrolls: log.scrollHeight > log.clientHeight,
      newestBottomVisible: last !== null && last.bottom <= logBox.bottom + 1 && last.bottom > logBox.top,
      sidebar: box("aside"),
      sidebarVisible: getComputedStyle(document.querySelector("aside")!).visibility !== "hidden",
    };
  });
}

for (const size of [
  { name: "laptop", width: 1280, height: 900 },
  { name: "phone", width: 390, height: 844 },
]) {
  describe(`playground at ${size.width}×${size.height} (${size.name})`, () => {
    let page: Page;
    beforeAll(async () => {
      page = await openPage(size.width, size.height);
      await asPersona(page, "sofia");
    }, 30_000);
    afterAll(() => page?.close());

    it("after 10 commands the composer is whole on screen, the list follows the newest reply, nothing scrolls sideways", async () => {
      const commands = ["/unionhall help", "/whoami", "/unionhall admin role list 100001", "/grievance list", "/unionhall help grievance"];
      for (let i = 0; i < 10; i++) await type(page, commands[i % commands.length]!);
      const g = await geometry(page);
      expect(g.composer.top).toBeGreaterThanOrEqual(0);
      expect(g.composer.bottom).toBeLessThanOrEqual(g.viewport.height);
      expect(g.composer.left).toBeGreaterThanOrEqual(0);
      expect(g.composer.right).toBeLessThanOrEqual(g.viewport.width);
      expect(g.input.right).toBeLessThanOrEqual(g.viewport.width);
      expect(g.pageScrollHeight).toBeLessThanOrEqual(g.viewport.height);
      expect(g.pageScrollWidth).toBeLessThanOrEqual(g.viewport.width);
      expect(g.logScrolls).toBe(true);
      expect(g.logFollows).toBe(true);
      expect(g.newestBottomVisible).toBe(true);
      await page.screenshot({ path: path.join(shots, `${size.name}-after-10-commands.png`) });
    }, 60_000);

    it("the focus is in the composer after a command, so the next one can be typed at once", async () => {
      await type(page, "/whoami");
      expect(await page.evaluate(() => document.activeElement?.id)).toBe("text");
    });

    it("a form takes focus, keeps what was typed when the member is unknown, shows the error beside the field, and Esc closes it", async () => {
      await type(page, "/unionhall admin role grant");
      const form = page.locator("form.modal").last();
      await form.waitFor();
      expect(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name)).toBe("member");
      await page.keyboard.type("999999");
      await form.locator('select[name="role"]').selectOption("steward");
      await form.locator('input[name="scope"]').fill("SL-083");
      await form.locator("button[type=submit]").click();
      await expect.poll(() => form.locator('[data-error-for="member"]').textContent()).toContain("999999");
      expect(await form.locator('input[name="member"]').inputValue()).toBe("999999");
      expect(await form.locator('input[name="scope"]').inputValue()).toBe("SL-083");
      expect(await form.locator('select[name="role"]').inputValue()).toBe("steward");
      expect(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name)).toBe("member");
      const g = await geometry(page);
      expect(g.pageScrollWidth).toBeLessThanOrEqual(g.viewport.width);
      await page.screenshot({ path: path.join(shots, `${size.name}-form-error.png`) });
      await page.keyboard.press("Escape");
      await expect.poll(() => page.locator("form.modal").count()).toBe(0);
      expect(await page.evaluate(() => document.activeElement?.id)).toBe("text");
    }, 30_000);

    it("after a form is submitted the focus goes back to the composer", async () => {
      await type(page, "/unionhall admin role grant");
      const form = page.locator("form.modal").last();
      await form.waitFor();
      await page.keyboard.type(size.name === "phone" ? "100061" : "100062");
      await form.locator('select[name="role"]').selectOption("steward");
      await form.locator('input[name="scope"]').fill("SL-083");
      await form.locator('input[name="scope"]').press("Enter");
      await expect.poll(() => page.locator(".msg.private").last().textContent()).toContain("Granted steward (sub-local SL-083)");
      expect(await page.evaluate(() => document.activeElement?.id)).toBe("text");
    }, 30_000);

    it("a 5,000-character command gets a polite answer, not a schema message", async () => {
      await type(page, `/unionhall remind in 1 minute me ${"x".repeat(5000)}`);
      const last = await page.locator(".msg").last().textContent();
      expect(last).toContain("That command is too long for me to read (5,033 characters; at most 4,000)");
      expect(last).not.toContain("expected {");
    }, 30_000);
  });
}

describe("the sidebar at phone width", () => {
  it("is a menu: hidden until opened, opened by the menu button, closed by Esc or by picking a place", async () => {
    const page = await openPage(390, 844);
    let g = await geometry(page);
    expect(g.sidebarVisible && g.sidebar.right > 0).toBe(false);
    await page.click("#menu-button");
    expect(await page.getAttribute("#menu-button", "aria-expanded")).toBe("true");
    await expect.poll(async () => (await geometry(page)).sidebar.left).toBe(0);
    g = await geometry(page);
    expect(g.sidebarVisible).toBe(true);
    expect(g.sidebar.right).toBeLessThanOrEqual(390);
    await page.screenshot({ path: path.join(shots, "phone-menu-open.png") });
    await page.keyboard.press("Escape");
    expect(await page.getAttribute("#menu-button", "aria-expanded")).toBe("false");
    await page.click("#menu-button");
    await page.click("#home-link");
    await expect.poll(() => page.locator("#title").textContent()).toContain("Home");
    expect(await page.getAttribute("#menu-button", "aria-expanded")).toBe("false");
    await page.close();
  }, 30_000);

  it("is a column beside the messages on a laptop, with no menu button", async () => {
    const page = await openPage(1280, 900);
    const g = await geometry(page);
    expect(g.sidebarVisible).toBe(true);
    expect(g.sidebar.left).toBe(0);
    expect(await page.locator("#menu-button").isVisible()).toBe(false);
    await page.close();
  }, 30_000);
});
