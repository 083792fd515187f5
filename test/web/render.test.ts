import { describe, expect, it } from "vitest";
import { inlineMarkdown, renderReplyHtml } from "../../adapters/web/render.ts";
import type { RenderedReply } from "../../commands/core/reply.ts";

const base: RenderedReply = { visibility: "channel", blocks: [], files: [], update: false, fallbackText: "" };

describe("playground HTML renderer", () => {
  it("escapes everything a user could type", () => {
    const html = renderReplyHtml({ ...base, blocks: [{ type: "text", text: `<script>alert("x")</script> & *bold*` }] });
    expect(html).not.toContain("<script>");
    expect(html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; <strong>bold</strong>");
  });

  it("renders sections, lists, buttons bound to tokens, files and the only-you marker", () => {
    const html = renderReplyHtml({
      ...base,
      visibility: "private",
      blocks: [
        { type: "section", title: "Case G-2026-0042", fields: [{ label: "Step", value: "Step 1" }] },
        { type: "list", title: "Due", items: [], empty: "Nothing due" },
        { type: "buttons", buttons: [{ label: "Approve", style: "primary", token: "tok123" }] },
      ],
      files: [{ name: "report.csv", mime: "text/csv", data: "a,b\n1,2\n" }],
    });
    expect(html).toContain("<dt>Step</dt><dd>Step 1</dd>");
    expect(html).toContain("Nothing due");
    expect(html).toContain('data-token="tok123"');
    expect(html).toContain('download="report.csv"');
    expect(html).toContain("Only visible to you");
  });

  it("renders mentions from every platform's syntax", () => {
    expect(inlineMarkdown("ask <@U123|maria> or <@sam>")).toBe('ask <span class="mention">@U123</span> or <span class="mention">@sam</span>');
  });
});
