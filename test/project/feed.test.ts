// The project's Atom feed and public page as a feed reader and a hostile client meet them, on the
// real bot wiring: text stays text, addresses come from PUBLIC_URL and never from the Host header,
// the feed names its author, and older updates stay reachable page by page.
import http from "node:http";
import path from "node:path";
import { XMLParser } from "fast-xml-parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startBot, type Bot } from "../../bot/app.ts";
import { loadConfig } from "../../bot/config.ts";
import { publishUpdate } from "../../db/project.ts";
import { tempDir } from "../helpers/store.ts";

const HOSTILE_TITLE = `</title><img src=x onerror="alert(1)"> ]]> & <b>bold</b>`;
const HOSTILE_SUMMARY = `<script>alert("x")</script> ]]><![CDATA[ <a href="javascript:alert(1)">click</a>`;

/** A GET with any headers, Host included (fetch would not let a test set Host). */
function get(port: number, pathname: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: "127.0.0.1", port, path: pathname, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }));
    });
    req.on("error", reject);
    req.end();
  });
}

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@_", textNodeName: "#text", alwaysCreateTextNode: true, isArray: (name) => ["entry", "link"].includes(name) });
const text = (node: any): string => (typeof node === "object" ? String(node["#text"] ?? "") : String(node));

async function botWith(env: Record<string, string>): Promise<Bot> {
  const bot = await startBot(loadConfig({ DATABASE_URL: `file:${path.join(tempDir(), "feed.db")}`, PORT: "0", LOG_LEVEL: "silent", DEMO_DATA: "never", ...env }));
  // 45 updates, oldest first, a minute apart; the newest carries the hostile title.
  for (let i = 1; i <= 45; i++) {
    const hostile = i === 45;
    await publishUpdate(
      bot.store,
      { title: hostile ? HOSTILE_TITLE : `Update number ${i}`, summary: hostile ? HOSTILE_SUMMARY : `Summary of update ${i}.`, details: hostile ? "<iframe src=//attacker.test>" : null, phase: null, milestoneKey: null, gradeLevel: 3, authorId: null },
      new Date(Date.UTC(2026, 10, 1, 12, i)),
      "America/Los_Angeles",
    );
  }
  return bot;
}

let withUrl: Bot;
let withoutUrl: Bot;
beforeAll(async () => {
  withUrl = await botWith({ PUBLIC_URL: "https://union.example.org/bot/" });
  withoutUrl = await botWith({});
});
afterAll(async () => {
  await withUrl?.stop();
  await withoutUrl?.stop();
});

function allAddresses(feed: any): string[] {
  const links = (node: any) => (node.link ?? []).map((l: any) => l["@_href"]);
  return [text(feed.id), ...links(feed), ...feed.entry.flatMap((e: any) => [text(e.id), ...links(e)])];
}

describe("the project's Atom feed", () => {
  it("carries titles, summaries and content as escaped text, so a reader shows what was typed and runs nothing", async () => {
    const { status, body } = await get(withUrl.port, "/project/feed.xml");
    expect(status).toBe(200);
    expect(body).not.toMatch(/<img|<script|<iframe|<!\[CDATA\[/);
    const { feed } = parser.parse(body);
    const newest = feed.entry[0];
    expect(newest.title["@_type"]).toBe("text");
    expect(text(newest.title)).toBe(HOSTILE_TITLE);
    expect(newest.summary["@_type"]).toBe("text");
    expect(text(newest.summary)).toBe(HOSTILE_SUMMARY);
    expect(newest.content["@_type"]).toBe("text");
    expect(text(newest.content)).toBe(`${HOSTILE_SUMMARY}\n\n<iframe src=//attacker.test>`);
    expect(feed.title["@_type"]).toBe("text");
  });

  it("has an author, as RFC 4287 requires of a feed whose entries name none", async () => {
    const { feed } = parser.parse((await get(withUrl.port, "/project/feed.xml")).body);
    expect(text(feed.author.name)).toContain("IT project committee");
    expect(text(feed.author.uri)).toBe("https://union.example.org/bot/project");
    const es = parser.parse((await get(withUrl.port, "/project/feed.xml?lang=es")).body).feed;
    expect(text(es.author.name)).toContain("comité");
  });

  it("builds every address from PUBLIC_URL, whatever Host the request claims", async () => {
    const { body } = await get(withUrl.port, "/project/feed.xml", { host: "evil.example", "x-forwarded-host": "evil.example" });
    expect(body).not.toContain("evil.example/");
    expect(body).not.toMatch(/http:\/\/evil|http:\/\/127\.0\.0\.1/);
    const addresses = allAddresses(parser.parse(body).feed);
    expect(addresses.length).toBeGreaterThan(40);
    for (const a of addresses) expect(a).toMatch(/^https:\/\/union\.example\.org\/bot\/project(\/|$)/);
    expect(parser.parse(body).feed.entry[0].link[0]["@_href"]).toBe("https://union.example.org/bot/project/updates/45");
    const ics = (await get(withUrl.port, "/project/milestones.ics", { host: "evil.example" })).body;
    expect(ics).not.toContain("evil.example");
    expect(ics).toContain("https://union.example.org/bot/project");
  });

  it("without PUBLIC_URL, links are relative and ids are fixed names: a Host header changes nothing", async () => {
    const plain = (await get(withoutUrl.port, "/project/feed.xml")).body;
    const hostile = (await get(withoutUrl.port, "/project/feed.xml", { host: "evil.example" })).body;
    expect(hostile).toBe(plain);
    expect(hostile).not.toContain("evil.example");
    const { feed } = parser.parse(hostile);
    for (const e of feed.entry) {
      expect(e.link[0]["@_href"]).toMatch(/^\/project\/updates\/\d+$/);
      expect(text(e.id)).toMatch(/^tag:unionhall,2024:project\/updates\/\d+$/);
    }
    expect((await get(withoutUrl.port, "/project/milestones.ics", { host: "evil.example" })).body).not.toContain("evil.example");
  });

  it("pages older updates: 20 an entry page, linked next and previous, all 45 reachable, past the end a 404", async () => {
    const seen: number[] = [];
    let next: string | undefined = "/project/feed.xml";
    let pages = 0;
    while (next) {
      const { feed }: { feed: any } = parser.parse((await get(withoutUrl.port, next)).body);
      pages++;
      for (const e of feed.entry) seen.push(Number(/(\d+)$/.exec(e.link[0]["@_href"])![1]));
      next = feed.link.find((l: any) => l["@_rel"] === "next")?.["@_href"];
      if (pages > 1) expect(feed.link.some((l: any) => l["@_rel"] === "previous")).toBe(true);
    }
    expect(pages).toBe(3);
    expect(seen).toEqual(Array.from({ length: 45 }, (_, i) => 45 - i));
    expect((await get(withoutUrl.port, "/project/feed.xml?page=4")).status).toBe(404);
    expect((await get(withoutUrl.port, "/project/feed.xml?page=zero")).status).toBe(404);
  });
});

describe("the public project page", () => {
  it("shows the newest 20 updates and an Older updates link that reaches the first one", async () => {
    const first = (await get(withoutUrl.port, "/project")).body;
    expect(first).toContain("Update number 26");
    expect(first).not.toContain("Update number 25<");
    expect(first).toContain('<a rel="next" href="/project?page=2#updates">Older updates</a>');
    const last = (await get(withoutUrl.port, "/project?page=3")).body;
    expect(last).toContain(">Update number 1<");
    expect(last).toContain("Updates, page 3");
    expect(last).toContain('rel="prev"');
    expect(last).not.toContain('rel="next"');
    const es = (await get(withoutUrl.port, "/project?page=2&lang=es")).body;
    expect(es).toContain('href="/project?page=3&amp;lang=es#updates"');
    expect((await get(withoutUrl.port, "/project?page=9")).status).toBe(404);
  });
});
