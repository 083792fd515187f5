// What a reader sees in the PDFs: bold and italic from Markdown, no box for a missing glyph,
// table columns as wide as their longest word, Chinese cells wrapping between characters, the logo.
import fs from "node:fs";
import path from "node:path";
import os from "node:os";
import { describe, expect, it } from "vitest";
import { renderChart } from "../../commands/core/chart/index.ts";
import { drawPdf, markdownToPdf, printable, unionLogo } from "../../commands/core/pdf.ts";
import { fontFiles, parsedFont } from "../../commands/core/fonts.ts";
import { embeddedFonts, readPdf } from "./pdf-text.ts";

describe("PDF text", () => {
  it("prints Markdown's bold and italic in bold and italic fonts, without the marks", async () => {
    const pdf = await drawPdf({ title: "Packet", blocks: markdownToPdf("## Rebates\n\n- **Balance:** $1,204.00 and *pending* items\n") });
    const text = (await readPdf(pdf)).text.join(" ");
    expect(text).toContain("Rebates");
    expect(text.replace(/\s+/g, " ")).toContain("Balance: $1,204.00 and pending items");
    expect(text).not.toContain("*");
    const fonts = embeddedFonts(pdf);
    expect(fonts.some((f) => f.endsWith("+NotoSans-Bold"))).toBe(true);
    expect(fonts.some((f) => f.endsWith("+NotoSans-Italic"))).toBe(true);
  });

  it("a character the font lacks is replaced or left out, never drawn as a box (emoji in a Chinese PDF)", async () => {
    const cjk = parsedFont(fontFiles().cjk);
    expect(printable(cjk, "✅ 已完成 🎓 培训 👩‍⚕️ ok")).toBe("✓ 已完成 培训 ok");
    const latin = parsedFont(fontFiles().regular);
    expect(printable(latin, "⚠️ Due → soon ✅")).toBe("! Due -> soon ");
    const pdf = await drawPdf({ title: "培训证书 🎓", locale: "zh-Hans", blocks: [{ kind: "paragraph", text: "恭喜 🎉 完成 ✅" }, { kind: "table", columns: [{ label: "模块" }], rows: [["🎓 工会基础"]] }] });
    const text = (await readPdf(pdf)).text.join(" ");
    expect(text).toContain("恭喜");
    expect(text).toContain("工会基础");
    // Every character pdf.js reads back is one the embedded fonts really have.
    for (const ch of text.replace(/\s/g, "")) expect(cjk.hasGlyphForCodePoint(ch.codePointAt(0)!) || latin.hasGlyphForCodePoint(ch.codePointAt(0)!)).toBe(true);
    expect(text).not.toMatch(/[\u{1F300}-\u{1FAFF}]/u);
  });
});

describe("PDF tables", () => {
  it("a narrow column widens to its longest word: 'Expense reimbursement' never breaks inside a word", async () => {
    const rows = [["Nov 3", "12", "Expense reimbursement", "Mileage to the Salem worksite meeting", "INV-2026-00412", "$1,204.00", "$9,876.00"]];
    const pdf = await drawPdf({
      title: "Statement",
      blocks: [{ kind: "table", columns: ["Date", "#", "Kind", "Description", "Reference", "Amount", "Balance"].map((label, i) => ({ label, weight: i === 3 ? 6 : 0.3 })), rows }],
    });
    const text = (await readPdf(pdf)).text.join(" ");
    for (const word of ["reimbursement", "INV-2026-00412", "$1,204.00", "$9,876.00", "Reference", "Balance"]) expect(text).toContain(word);
  });

  it("Chinese cells wrap between characters and every character is there", async () => {
    const long = "工会成员报销差旅费用需要在三十天内提交所有收据和说明材料以便审核";
    const pdf = await drawPdf({ title: "报表", locale: "zh-Hans", blocks: [{ kind: "table", columns: [{ label: "说明", weight: 1 }, { label: "金额", weight: 4 }], rows: [[long, "¥100"]] }] });
    const items = (await readPdf(pdf)).text.join(" ");
    expect(items.replace(/\s+/g, "")).toContain(long);
    // The cell took more than one line: its text comes back in several pieces.
    expect(items).not.toContain(long);
  });
});

describe("the union's logo", () => {
  it("UNION_LOGO (a PNG) is drawn on every page; a missing or non-image file is ignored", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "logo-"));
    const png = (await renderChart({ kind: "bar", title: "Logo", data: [{ label: "A", value: 1 }] })).png;
    fs.writeFileSync(path.join(dir, "logo.png"), png);
    fs.writeFileSync(path.join(dir, "logo.txt"), "not an image");
    expect(unionLogo({ UNION_LOGO: path.join(dir, "logo.png") })?.length).toBe(png.length);
    expect(unionLogo({ UNION_LOGO: path.join(dir, "logo.txt") })).toBeNull();
    expect(unionLogo({ UNION_LOGO: path.join(dir, "missing.png") })).toBeNull();
    const rows = Array.from({ length: 120 }, (_, i) => [`Row ${i}`]);
    const pdf = await drawPdf({ title: "With logo", logo: png, blocks: [{ kind: "table", columns: [{ label: "Rows" }], rows }] });
    const images = pdf.toString("latin1").match(/\/Subtype \/Image/g) ?? [];
    expect(images.length).toBeGreaterThanOrEqual(1);
    expect((await readPdf(pdf)).pages).toBeGreaterThan(1);
    const without = await drawPdf({ title: "No logo", logo: null, blocks: [{ kind: "paragraph", text: "x" }] });
    expect(without.toString("latin1")).not.toMatch(/\/Subtype \/Image/);
  });
});
