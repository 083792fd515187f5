// A chart reads like the message around it: its axis, bar labels and text alternative write
// numbers the reader's way ("12 345" in Russian), not always "12,345".
import { describe, expect, it } from "vitest";
import { renderChart } from "../../commands/core/chart/index.ts";

const texts = (svg: string) => [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]!);

describe("chart numbers in the reader's style", () => {
  it("Russian groups thousands with a space on the axis, the bars and in the text alternative; English with a comma", async () => {
    const data = [{ label: "SL-083", value: 12345 }, { label: "SL-084", value: 2500 }];
    const ru = await renderChart({ kind: "bar", title: "Члены", locale: "ru", data });
    expect(texts(ru.svg)).toEqual(expect.arrayContaining(["12\u00a0345", "10\u00a0000"]));
    expect(texts(ru.svg).some((t) => /\d,\d{3}/.test(t))).toBe(false);
    expect(ru.alt).toContain("12\u00a0345");
    const en = await renderChart({ kind: "bar", title: "Members", data });
    expect(texts(en.svg)).toEqual(expect.arrayContaining(["12,345", "10,000"]));
  });
});
