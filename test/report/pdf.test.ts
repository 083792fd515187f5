import { describe, expect, it } from "vitest";
import { renderChart } from "../../commands/core/chart/index.ts";
import { renderPdf } from "../../commands/core/pdf.ts";
import { embeddedFonts, readPdf } from "./pdf-text.ts";

const samples = {
  en: "Members by worksite",
  es: "Afiliados por lugar de trabajo: señal, compañía",
  vi: "Thành viên theo nơi làm việc: Người lao động",
  zh: "按工作地点统计的会员人数",
  ru: "Члены профсоюза по рабочим местам",
};

describe("the PDF writer", () => {
  it("writes all five languages with embedded fonts, and they read back", async () => {
    const pdf = await renderPdf({
      title: "Membership report",
      subtitle: "sub-local SL-083",
      unionName: "SEIU Local 503",
      blocks: Object.values(samples).map((text) => ({ kind: "paragraph" as const, text })),
    });
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    const parsed = await readPdf(pdf);
    expect(parsed.pages).toBe(1);
    expect(parsed.title).toBe("Membership report");
    const text = parsed.text[0]!.replace(/\s+/g, "");
    for (const s of Object.values(samples)) expect(text).toContain(s.replace(/\s+/g, ""));
    expect(text).toContain("SEIULocal503");
    expect(text).toContain("Page1of1");
    const fonts = embeddedFonts(pdf);
    expect(fonts.some((f) => f.endsWith("+NotoSans-Regular"))).toBe(true);
    expect(fonts.some((f) => /\+NotoSansHans-Regular/.test(f))).toBe(true);
  });

  it("breaks a long table over pages, repeats its header and numbers every page", async () => {
    const rows = Array.from({ length: 150 }, (_, i) => [`Worksite ${i + 1}`, 100 + i]);
    const pdf = await renderPdf({
      title: "Отчёт",
      locale: "ru",
      blocks: [{ kind: "table", columns: [{ label: "Место работы", weight: 3 }, { label: "Члены", align: "right" }], rows }],
    });
    const parsed = await readPdf(pdf);
    expect(parsed.pages).toBeGreaterThan(2);
    const last = parsed.pages;
    parsed.text.forEach((t, i) => {
      expect(t.replace(/\s+/g, " ")).toContain(`Страница ${i + 1} из ${last}`);
      expect(t).toContain("Место работы");
    });
    const all = parsed.text.join(" ");
    expect(all).toContain("Worksite 1 ");
    expect(all).toContain("Worksite 150");
    expect(all).toContain("249");
  });

  it("embeds a chart image", async () => {
    const chart = await renderChart({ kind: "bar", title: "会员", data: [{ label: "A", value: 3 }, { label: "Б", value: 5 }] });
    const pdf = await renderPdf({ title: "Chart", blocks: [{ kind: "image", png: chart.png, alt: chart.alt }] });
    expect(pdf.toString("latin1")).toMatch(/\/Subtype \/Image/);
    expect((await readPdf(pdf)).pages).toBe(1);
  });
});
