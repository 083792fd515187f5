// An image shown in the playground is described by its alt text; the link under it names the file.
import { describe, expect, it } from "vitest";
import { renderReplyHtml } from "../../adapters/web/render.ts";

describe("file links in the playground", () => {
  it("a chart's long description goes to its alt text, not into the download link", () => {
    const html = renderReplyHtml({
      visibility: "private",
      blocks: [],
      files: [
        { name: "report.png", mime: "image/png", data: Buffer.from([137, 80, 78, 71]), title: "Grievance report — 2026-01: Filed 2, resolved 2; 2026-02: Filed 1" },
        { name: "report.csv", mime: "text/csv", data: "a,b\n", title: "Grievance report (CSV)" },
      ],
      fallbackText: "",
    } as never);
    expect(html).toContain('alt="Grievance report — 2026-01: Filed 2, resolved 2; 2026-02: Filed 1"');
    expect(html).toMatch(/<a download="report.png"[^>]*>📎 report.png<\/a>/);
    expect(html).toMatch(/<a download="report.csv"[^>]*>📎 Grievance report \(CSV\)<\/a>/);
  });
});
