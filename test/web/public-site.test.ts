// The public site's routing and rendering, without a network: areas declare pages through their
// Feature; the core finds the one a path belongs to; the adapter renders a neutral document as
// HTML in which nothing an area wrote is ever read as markup.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { documentHtml, hasForm } from "../../adapters/public/html.ts";
import type { Core } from "../../commands/core/dispatch.ts";
import { answerPublic, publicPrefixes, type PublicDocument } from "../../commands/core/public-page.ts";
import type { Store } from "../../db/store.ts";
import { demoCore } from "../helpers/store.ts";

let core: Core;
let store: Store;
beforeAll(async () => {
  ({ core, store } = await demoCore());
}, 60_000);
afterAll(() => store.close());

describe("public pages", () => {
  it("are mounted where the areas declare them", () => {
    expect(publicPrefixes(core)).toEqual(expect.arrayContaining(["/project", "/certificates", "/events"]));
  });

  it("belong to an area only under its whole prefix; anything else is not found", async () => {
    const q = new URLSearchParams();
    expect((await answerPublic(core, "/projects", q, "en")).answer).toEqual({ kind: "not-found" });
    expect((await answerPublic(core, "/eventsfeed/public.ics", q, "en")).answer).toEqual({ kind: "not-found" });
    expect((await answerPublic(core, "/nowhere", q, "en")).answer).toEqual({ kind: "not-found" });
    expect((await answerPublic(core, "/events/public.ics", q, "en")).answer).toMatchObject({ kind: "file", contentType: "text/calendar; charset=utf-8", caching: { kind: "private" } });
    const page = await answerPublic(core, "/project", q, "es");
    expect(page).toMatchObject({ prefix: "/project", answer: { kind: "document", status: 200, locale: "es", caching: { kind: "revalidate" } } });
  });

  it("render every text an area gives as text, never as markup", () => {
    const evil = `<img src=x onerror=alert(1)>"'&`;
    const doc: PublicDocument = {
      kind: "document",
      status: 200,
      caching: { kind: "no-store" },
      locale: "en",
      title: evil,
      heading: evil,
      self: `/x?q=${evil}`,
      languagesLabel: evil,
      main: [
        { kind: "paragraph", content: [evil, { text: evil, href: `/a?${evil}`, look: "label", time: evil }] },
        { kind: "section", id: evil, level: 2, heading: [evil], blocks: [{ kind: "definitions", items: [{ term: [evil], detail: [evil] }] }] },
        { kind: "form", action: "/x", field: { name: "code", label: evil, value: evil, maxLength: 40 }, hidden: [{ name: "lang", value: evil }], submit: evil },
      ],
      footer: [{ text: evil, href: evil }],
    };
    const html = documentHtml(doc, undefined);
    expect(html).not.toContain("<img");
    expect(html).not.toMatch(/="[^"]*"[^ >]*onerror/);
    expect(html).toContain("&lt;img src=x onerror=alert(1)&gt;&quot;&#39;&amp;");
    expect(hasForm(doc.main)).toBe(true);
    expect(hasForm(doc.main.slice(0, 2))).toBe(false);
  });
});
