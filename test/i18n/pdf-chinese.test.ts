// A Chinese PDF table keeps each column header whole: "会员人数变化" on one line, never broken
// mid-word into "会员人数变" and "化"; cells still wrap between characters.
import { describe, expect, it } from "vitest";
import { drawPdf } from "../../commands/core/pdf.ts";
import { createTranslator } from "../../commands/core/i18n.ts";
import { features } from "../../commands/index.ts";
import { readPdf } from "../report/pdf-text.ts";

describe("Chinese PDF tables", () => {
  it("a header is never broken inside, even in a column the others crowd", async () => {
    const t = createTranslator(features.map((f) => f.strings)).forLocale("zh-Hans");
    const keys = ["members", "feePayers", "nonMembers", "density", "change", "notYetMembers", "changeFiled"];
    const labels = keys.map((k) => t(`report.columns.${k}`));
    expect(labels).toContain("会员人数变化");
    const columns = [{ label: "分会", weight: 8 }, ...labels.map((label) => ({ label, weight: 0.2, align: "right" as const }))];
    const rows = [["SL-083 塞勒姆州立医院与社区服务工作者分会", "1,234", "56", "78", "91.2%", "+12", "3", "−4"]];
    const pdf = await drawPdf({ title: "会员与密度", locale: "zh-Hans", blocks: [{ kind: "table", columns, rows }] });
    const items = (await readPdf(pdf)).text.join(" ");
    for (const label of labels) expect(items, label).toContain(label);
  });
});
