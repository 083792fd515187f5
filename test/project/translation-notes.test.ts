// What a reader of another language is told about an update's text: on the public page and in the
// feed, that the update is not yet in their language (the original is shown); and everywhere, once
// the original is corrected, that the translation may be behind it, until someone saves it again.
// The translation's author hears of the correction once, in their own language.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { XMLParser } from "fast-xml-parser";
import { afterEach, describe, expect, it } from "vitest";
import { publicSite as publicPages } from "../../adapters/public/index.ts";
import { deliverDue } from "../scheduler/helpers.ts";
import { buttons, kbWorld as world, textOf } from "../kb/helpers.ts";

type World = Awaited<ReturnType<typeof world>>;
const servers: http.Server[] = [];
afterEach(() => {
  for (const s of servers.splice(0)) s.close();
});

async function publicSite(w: World): Promise<(path: string) => Promise<string>> {
  const server = http.createServer(publicPages(w.core));
  servers.push(server);
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  const port = (server.address() as AddressInfo).port;
  return async (path) => (await fetch(`http://127.0.0.1:${port}${path}`)).text();
}

/** Sofia (staff) posts an update in English; it gets number 1. */
async function posted(w: World, title = "Vendor chosen", summary = "We picked a company to help us. They start in March."): Promise<void> {
  const opened = await w.run("sofia", "/project post");
  const preview = await w.submit("sofia", opened.reply.form!.token, { title, summary });
  const publish = buttons(preview.ok ? preview.reply : ({} as never)).find((b) => b.label === "Publish")!;
  expect(textOf((await w.click("sofia", publish.token)).reply)).toContain("is published");
}

async function translated(w: World, who: string, language: string, title: string, summary: string, locale = "en"): Promise<string> {
  const form = (await w.run(who, `/project translate 1 ${language}`, locale)).reply.form!;
  const saved = await w.submit(who, form.token, { title, summary });
  expect(saved.ok).toBe(true);
  return saved.ok ? textOf(saved.reply) : "";
}

async function corrected(w: World, summary: string): Promise<string> {
  const form = (await w.run("sofia", "/project correct 1")).reply.form!;
  const saved = await w.submit("sofia", form.token, { title: "Vendor chosen", summary, note: "The start month was wrong." });
  expect(saved.ok).toBe(true);
  return saved.ok ? textOf(saved.reply) : "";
}

/** Delivers everything due and returns what each person got, by user id. */
async function deliver(w: World): Promise<{ to: (who: string) => string[] }> {
  const poster = await deliverDue(w);
  return { to: (who) => poster.deliveries.filter((d) => d.target.userId === who).map((d) => d.text) };
}

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@_", textNodeName: "#text", alwaysCreateTextNode: true, isArray: (name) => name === "entry" });
const text = (node: any): string => (typeof node === "object" ? String(node["#text"] ?? "") : String(node));

describe("the public page and feed say when an update is not in the reader's language", () => {
  it("shows the original with a note in the reader's language, and the reader's version without one", async () => {
    const w = await world();
    await posted(w);
    await translated(w, "sofia", "es", "Ya elegimos proveedor", "Elegimos una empresa para ayudarnos. Empieza en marzo.");
    const get = await publicSite(w);

    const ru = await get("/project?lang=ru");
    expect(ru).toContain("Vendor chosen");
    expect(ru).toMatch(/<p class="note" lang="ru">[^<]*показан оригинал на английском языке/);
    // The English text is marked as English for screen readers on the Russian page.
    expect(ru).toMatch(/<h3 id="u1" lang="en">/);

    const es = await get("/project?lang=es");
    expect(es).toContain("Ya elegimos proveedor");
    expect(es).not.toContain("Vendor chosen");
    expect(es).not.toContain('class="note"');
    const en = await get("/project?lang=en");
    expect(en).not.toContain('class="note"');

    const one = await get("/project/updates/1?lang=zh-Hans");
    expect(one).toMatch(/<p class="note" lang="zh-Hans">尚无[^<]*英文/);

    const feed = parser.parse(await get("/project/feed.xml?lang=vi")).feed;
    const entry = feed.entry[0];
    expect(entry["@_xml:lang"]).toBe("en");
    expect(text(entry.summary)).toMatch(/^Chưa có bản tiếng Việt[^\n]*\n\nWe picked a company/);
    const feedEs = parser.parse(await get("/project/feed.xml?lang=es")).feed;
    expect(feedEs.entry[0]["@_xml:lang"]).toBeUndefined();
    expect(text(feedEs.entry[0].summary)).toBe("Elegimos una empresa para ayudarnos. Empieza en marzo.");
    await w.store.close();
  });
});

describe("correcting an update flags its translations", () => {
  it("readers of a translation see that it may be behind; its author is told once, in Spanish; saving it again clears it", async () => {
    const w = await world();
    await w.run("elena", "/unionhall language es");
    await posted(w);
    await translated(w, "elena", "es", "Ya elegimos proveedor", "Elegimos una empresa para ayudarnos. Empieza en marzo.", "es");
    expect(textOf((await w.run("sam", "/project updates", "es")).reply)).not.toContain("puede que esta traducción");

    w.clock.advance(86_400_000);
    const said = await corrected(w, "We picked a company to help us. They start in April.");
    expect(said).toContain("Update #1 has 1 translation");
    const first = await deliver(w);
    const told = first.to("elena");
    expect(told).toHaveLength(1);
    expect(told[0]).toContain("La novedad n.º 1 «Vendor chosen» se corrigió el");
    expect(told[0]).toContain("/project translate 1 es");
    expect(told[0]).not.toMatch(/was corrected|Your/);
    // Sofia made the correction herself: she is not told about it.
    expect(first.to("sofia")).toEqual([]);

    const es = textOf((await w.run("sam", "/project updates", "es")).reply);
    expect(es).toContain("Ya elegimos proveedor");
    expect(es).toContain("🌐 El original se cambió el mar, 24 de nov de 2026; puede que esta traducción no esté al día.");
    expect(textOf((await w.run("sam", "/project updates", "en")).reply)).not.toMatch(/may be out of date/);
    const get = await publicSite(w);
    expect(await get("/project?lang=es")).toMatch(/<p class="note" lang="es">El original se cambió el/);
    const feedEs = parser.parse(await get("/project/feed.xml?lang=es")).feed;
    expect(text(feedEs.entry[0].summary)).toMatch(/^El original se cambió el[^\n]*\n\nElegimos una empresa/);

    // A second correction before anyone saved the translation: its author is not told again.
    w.clock.advance(3_600_000);
    await corrected(w, "We picked a company to help us. They start in late April.");
    expect((await deliver(w)).to("elena")).toEqual([]);

    // Saved again: the note goes, for every reader.
    w.clock.advance(3_600_000);
    await translated(w, "elena", "es", "Ya elegimos proveedor", "Elegimos una empresa para ayudarnos. Empieza a fines de abril.", "es");
    const fresh = textOf((await w.run("sam", "/project updates", "es")).reply);
    expect(fresh).toContain("Empieza a fines de abril");
    expect(fresh).not.toContain("puede que esta traducción");
    expect(await get("/project?lang=es")).not.toContain('class="note"');

    // The next correction tells her again.
    w.clock.advance(3_600_000);
    await corrected(w, "We picked a company to help us. They start in May.");
    expect((await deliver(w)).to("elena")).toHaveLength(1);
    await w.store.close();
  });

  it("a correction of an update with no translations says nothing about translations", async () => {
    const w = await world();
    await posted(w);
    w.clock.advance(60_000);
    expect(await corrected(w, "We picked a company to help us. They start in April.")).not.toMatch(/translation/);
    await w.store.close();
  });
});
