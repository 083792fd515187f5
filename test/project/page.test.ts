// The public project page on the real bot wiring (startBot): HTML, Atom feed, iCalendar, caching
// and safety headers, and a phone-sized browser following an update by keyboard alone.
import { data } from "../../db/data.ts";
import fs from "node:fs";
import path from "node:path";
import { XMLParser } from "fast-xml-parser";
import ICAL from "ical.js";
import { chromium, type Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startBot, type Bot } from "../../bot/app.ts";
import { loadConfig } from "../../bot/config.ts";
import { publishQuestion, addQuestion, answerQuestion, publishUpdate } from "../../db/project.ts";
import { tempDir } from "../helpers/store.ts";

let bot: Bot;
let base: string;
let vendorChosen: number;
const executablePath = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((p) => fs.existsSync(p));

beforeAll(async () => {
  bot = await startBot(loadConfig({ DATABASE_URL: `file:${path.join(tempDir(), "project.db")}`, PORT: "0", LOG_LEVEL: "silent" }));
  base = `http://127.0.0.1:${bot.port}`;
  const now = new Date("2026-11-20T18:00:00Z");
  vendorChosen = (await publishUpdate(bot.store, { title: "Vendor chosen", summary: "We picked a company to help us.\n\nThey start in March.", details: "RFP scored on 12 criteria.", phase: 1, milestoneKey: "vendor_selected", gradeLevel: 3, authorId: null }, now, "America/Los_Angeles")).id;
  await publishUpdate(bot.store, { title: "<script>alert(1)</script> & friends", summary: "Text with <b>tags</b> & \"quotes\".", details: null, phase: null, milestoneKey: null, gradeLevel: 2, authorId: null }, new Date("2026-11-25T18:00:00Z"), "America/Los_Angeles");
  await publishUpdate(bot.store, { title: "Markdown update", summary: "We **chose** the *plan*: see [the schedule](https://example.org/plan).\n\n<img src=x onerror=alert(1)> [bad](javascript:alert(1))", details: null, phase: null, milestoneKey: null, gradeLevel: 2, authorId: null }, new Date("2026-11-19T18:00:00Z"), "America/Los_Angeles");
  const q = await addQuestion(data(bot.store), { askerId: 1, anonymous: false, question: "Will my records be safe?" }, now);
  await answerQuestion(data(bot.store), q, "Yes: they move in checked steps.", 2, now);
  await publishQuestion(data(bot.store), q, now);
  await addQuestion(data(bot.store), { askerId: 1, anonymous: false, question: "An unanswered question" }, now);
});
afterAll(async () => {
  await bot?.stop();
});

describe("the public project page", () => {
  it("shows the timeline, the updates newest first, answered questions, and no names", async () => {
    const r = await fetch(`${base}/project`);
    expect(r.status).toBe(200);
    const html = await r.text();
    expect(html).toContain('<html lang="en">');
    expect(html).toContain("What this means for you");
    expect(html).toContain("Project committee named");
    expect(html.indexOf("&lt;script&gt;alert(1)&lt;/script&gt; &amp; friends")).toBeGreaterThan(0);
    expect(html.indexOf("&lt;script&gt;")).toBeLessThan(html.indexOf("Vendor chosen"));
    expect(html).not.toContain("<script");
    expect(html).toContain("Will my records be safe?");
    expect(html).not.toContain("An unanswered question");
    expect(html).not.toMatch(/Maria|Alvarez|100001/);
  });

  it("renders the committee's Markdown (bold, italic, links) and nothing that could run; names the union", async () => {
    const html = await (await fetch(`${base}/project`)).text();
    expect(html).toContain("We <strong>chose</strong> the <em>plan</em>: see <a href=\"https://example.org/plan\" rel=\"noopener noreferrer nofollow\">the schedule</a>.");
    expect(html).not.toMatch(/onerror|javascript:|<img|\*\*chose/);
    expect(html).toContain('<p class="union">unionhall</p>');
  });

  it("sends a strict CSP, revalidates with an ETag (304), and compresses", async () => {
    const r = await fetch(`${base}/project`, { headers: { "accept-encoding": "gzip" } });
    expect(r.headers.get("content-security-policy")).toBe("default-src 'none'; style-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'");
    expect(r.headers.get("content-encoding")).toBe("gzip");
    expect(r.headers.get("cache-control")).toBe("no-cache");
    const etag = r.headers.get("etag")!;
    expect((await fetch(`${base}/project`, { headers: { "if-none-match": etag } })).status).toBe(304);
    await publishUpdate(bot.store, { title: "A new update", summary: "Posted just now.", details: null, phase: null, milestoneKey: null, gradeLevel: 1, authorId: null }, new Date(), "America/Los_Angeles");
    const fresh = await fetch(`${base}/project`, { headers: { "if-none-match": etag } });
    expect(fresh.status).toBe(200);
    expect(await fresh.text()).toContain("A new update");
  });

  it("speaks the reader's language", async () => {
    expect(await (await fetch(`${base}/project`, { headers: { "accept-language": "vi-VN,vi;q=0.9" } })).text()).toContain("Điều này có ý nghĩa gì với bạn");
    expect(await (await fetch(`${base}/project?lang=es`)).text()).toContain('<html lang="es">');
  });

  it("gives each update its own address; an unknown one is a 404 page", async () => {
    // The demo's own updates come first (numbers 1 to 3): this one is numbered after them.
    const one = await fetch(`${base}/project/updates/${vendorChosen}`);
    expect(await one.text()).toContain("RFP scored on 12 criteria.");
    expect((await fetch(`${base}/project/updates/999`)).status).toBe(404);
  });

  it("serves a valid Atom feed of the updates", async () => {
    const r = await fetch(`${base}/project/feed.xml`);
    expect(r.headers.get("content-type")).toContain("application/atom+xml");
    const xml = new XMLParser({ ignoreAttributes: false }).parse(await r.text());
    expect(xml.feed["@_xmlns"]).toBe("http://www.w3.org/2005/Atom");
    const entries = [xml.feed.entry].flat();
    expect(entries.map((e: any) => (typeof e.title === "object" ? e.title["#text"] : e.title))).toContain("Vendor chosen");
    for (const e of entries) {
      expect(e.id).toMatch(/project\/updates\/\d+$/);
      expect(Number.isNaN(Date.parse(e.updated))).toBe(false);
    }
  });

  it("serves the milestones as an iCalendar file that parses back", async () => {
    const text = await (await fetch(`${base}/project/milestones.ics`)).text();
    const comp = new ICAL.Component(ICAL.parse(text));
    const events = comp.getAllSubcomponents("vevent").map((v) => new ICAL.Event(v));
    const named = events.find((e) => e.summary.startsWith("Project committee named"))!;
    expect(named.startDate.toString()).toBe("2024-11-29");
    expect(named.startDate.isDate).toBe(true);
  });

  it("on a phone, the skip link and one update are reachable by keyboard alone", async () => {
    if (!executablePath) throw new Error("Chromium is not installed: apt-get install chromium (.ci/run does this)");
    const browser: Browser = await chromium.launch({ executablePath, args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"] });
    try {
      const page = await browser.newPage({ viewport: { width: 390, height: 844 }, javaScriptEnabled: false });
      const res = await page.goto(`${base}/project`);
      expect(res!.headers()["content-security-policy"]).toContain("default-src 'none'");
      expect(await page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")).toBe(true);
      await page.keyboard.press("Tab");
      expect(await page.evaluate("document.activeElement.className")).toBe("skip");
      await page.keyboard.press("Enter");
      // From the updates heading, the next Tab reaches the newest update's link.
      await page.keyboard.press("Tab");
      const label = String(await page.evaluate("document.activeElement.textContent"));
      expect(label).toBe("A new update");
      await Promise.all([page.waitForURL(/\/project\/updates\/\d+$/), page.keyboard.press("Enter")]);
      expect(await page.textContent("h2")).toBe("A new update");
      await page.screenshot({ path: path.join(process.env.SCREENSHOT_DIR ?? tempDir("uh-project-shot-"), "phone.png") });
      await page.goto(`${base}/project`);
      await page.screenshot({ path: path.join(process.env.SCREENSHOT_DIR ?? tempDir("uh-project-shot-"), "phone-home.png"), fullPage: true });
    } finally {
      await browser.close();
    }
  });
});
