// The one Markdown renderer: what each platform shows for the union's own texts.
import { describe, expect, it } from "vitest";
import { cutMarkdown, markdownToDiscord, markdownToHtml, markdownToPlain, markdownToSlack } from "../../commands/core/markdown.ts";
import { markdownToPdf } from "../../commands/core/pdf.ts";
import { fallbackText, reply, type RenderedBlock, type RenderedReply } from "../../commands/core/reply.ts";
import { renderMessage as slackMessage } from "../../adapters/slack/render.ts";
import { renderMessage as discordMessage } from "../../adapters/discord/render.ts";
import { renderReplyHtml } from "../../adapters/web/render.ts";
import { snippet } from "../../commands/kb/text.ts";

const doc = [
  "## Before you file",
  "",
  "Ask the member for the facts *in writing* and **date** them. See [the contract](https://example.org/contract).",
  "",
  "- first step",
  "- second **step**",
  "  - nested",
  "",
  "1. one",
  "",
  "> A quote",
  "",
  "Mentions stay inert: <@U123> <!channel> & more.",
].join("\n");

describe("Markdown for chat", () => {
  it("Slack: headings and bold as *bold*, italic as _italic_, lists with bullets, links whole, people's <…> escaped", () => {
    const s = markdownToSlack(doc);
    expect(s).toContain("*Before you file*");
    expect(s).not.toMatch(/##|\*\*/);
    expect(s).toContain("facts _in writing_ and *date* them. See the contract (https://example.org/contract).");
    expect(s).toContain("• first step\n• second *step*\n    • nested");
    expect(s).toContain("1. one");
    expect(s).toContain("&gt; A quote");
    expect(s).toContain("&lt;@U123&gt; &lt;!channel&gt; &amp; more.");
  });

  it("Discord: **bold**, *italic*, links unmasked, Markdown characters in the words escaped", () => {
    const d = markdownToDiscord(doc);
    expect(d).toContain("**Before you file**");
    expect(d).toContain("facts *in writing* and **date** them. See the contract \\(<https://example.org/contract>\\).");
    expect(d).toContain("• second **step**");
    expect(d).toContain("> A quote");
    expect(markdownToDiscord("a literal 2 * 3 and snake\\_case")).toBe("a literal 2 \\* 3 and snake\\_case");
    expect(markdownToDiscord("[portal](https://evil.example)")).toBe("portal \\(<https://evil.example>\\)");
  });

  it("plain text: the words only", () => {
    const p = markdownToPlain(doc);
    expect(p.split("\n")[0]).toBe("Before you file");
    expect(p).toContain("facts in writing and date them. See the contract (https://example.org/contract).");
    expect(p).not.toMatch(/[*_#`]/);
  });

  it("a markdown block renders per platform and in the fallback text", () => {
    const block: RenderedBlock = { type: "markdown", text: doc };
    const r: RenderedReply = { visibility: "private", blocks: [block], files: [], update: false, fallbackText: fallbackText([reply.markdown(doc)]) };
    expect(r.fallbackText).toContain("Before you file");
    expect(r.fallbackText).not.toContain("##");
    expect(JSON.stringify(slackMessage(r).blocks)).toContain("*Before you file*");
    expect(JSON.stringify(discordMessage(r).embeds)).toContain("**Before you file**");
    expect(renderReplyHtml(r)).toContain("<h2>Before you file</h2>");
  });
});

describe("Markdown for the web", () => {
  it("is sanitized: no script, no event handler, no javascript: link, links marked nofollow", () => {
    const html = markdownToHtml('**hi** <script>alert(1)</script><img src=x onerror="alert(1)"> [x](javascript:alert(1)) [ok](https://example.org) <a href="https://a.example" onclick="x()">a</a>');
    expect(html).toContain("<strong>hi</strong>");
    expect(html).not.toMatch(/<script|onerror|onclick|javascript:|<img/);
    expect(html).toContain('<a href="https://example.org" rel="noopener noreferrer nofollow">ok</a>');
  });
});

describe("Markdown for PDF", () => {
  it("becomes styled runs: no ** or ## printed", () => {
    const blocks = markdownToPdf("## Rebates\n\n- **Balance:** $1,204.00\n- *pending* 2\n");
    expect(blocks).toEqual([
      { kind: "rich", style: "heading", runs: [{ text: "Rebates", bold: true }] },
      { kind: "rich", style: "item", marker: "•", depth: 0, runs: [{ text: "Balance:", bold: true }, { text: " $1,204.00" }] },
      { kind: "rich", style: "item", marker: "•", depth: 0, runs: [{ text: "pending", italic: true }, { text: " 2" }] },
    ]);
  });
});

describe("cutting", () => {
  it("a long text is cut between lines, never inside emphasis or a word", () => {
    const md = Array.from({ length: 50 }, (_, i) => `Paragraph ${i} with **bold words** here.`).join("\n\n");
    const c = cutMarkdown(md, 300);
    expect(c.cut).toBe(true);
    expect(c.text.length).toBeLessThanOrEqual(300);
    expect((c.text.match(/\*\*/g) ?? []).length % 2).toBe(0);
    expect(c.text.endsWith("here.")).toBe(true);
    const one = cutMarkdown("word ".repeat(200), 100);
    expect(one.text).toMatch(/word…$/);
  });

  it("snippets start and end at word boundaries", () => {
    const text = `${"Some words before the match so the start falls inside a word. ".repeat(4)}When the member files a grievance the steward writes it down. ${"More text after it to make the end fall inside a word too. ".repeat(6)}`;
    const s = snippet(text, ["grievance"], 120).text;
    expect(s).toMatch(/^…[A-Z]?[a-z]+ /);
    const first = s.slice(1).split(" ")[0]!;
    expect(text).toMatch(new RegExp(`(^|\\s)${first}\\s`));
    expect(s).toMatch(/ [a-z.]+…$/);
    const last = s.slice(0, -1).split(" ").at(-1)!.replace(/\*/g, "");
    expect(text).toMatch(new RegExp(`\\s${last.replace(".", "\\.")}(\\s|$)`));
    expect(s).toContain("*grievance*");
  });
});
