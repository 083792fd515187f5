import zlib from "node:zlib";
import { describe, expect, it } from "vitest";
import { renderChart } from "../../commands/core/chart/index.ts";

/** Decodes an 8-bit RGB/RGBA PNG (what resvg writes) into its size and pixels. */
function decodePng(png: Buffer): { width: number; height: number; channels: number; pixels: Buffer } {
  expect(png.subarray(0, 8).toString("hex")).toBe("89504e470d0a1a0a");
  let off = 8;
  let width = 0;
  let height = 0;
  let channels = 0;
  const idat: Buffer[] = [];
  while (off < png.length) {
    const len = png.readUInt32BE(off);
    const type = png.toString("latin1", off + 4, off + 8);
    const data = png.subarray(off + 8, off + 8 + len);
    if (type === "IHDR") {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      expect(data[8]).toBe(8);
      channels = ({ 2: 3, 6: 4 } as Record<number, number>)[data[9]!]!;
    }
    if (type === "IDAT") idat.push(data);
    off += 12 + len;
  }
  const raw = zlib.inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const pixels = Buffer.alloc(stride * height);
  const prev = Buffer.alloc(stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    const out = pixels.subarray(y * stride, (y + 1) * stride);
    const up = y ? pixels.subarray((y - 1) * stride, y * stride) : prev;
    for (let x = 0; x < stride; x++) {
      const a = x >= channels ? out[x - channels]! : 0;
      const b = up[x]!;
      const c = x >= channels ? up[x - channels]! : 0;
      const p = a + b - c;
      const pred = filter === 0 ? 0 : filter === 1 ? a : filter === 2 ? b : filter === 3 ? (a + b) >> 1 : Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c) ? a : Math.abs(p - b) <= Math.abs(p - c) ? b : c;
      out[x] = (line[x]! + pred) & 0xff;
    }
  }
  return { width, height, channels, pixels };
}

function inkedPixels(img: ReturnType<typeof decodePng>, x0: number, y0: number, x1: number, y1: number): number {
  let n = 0;
  for (let y = y0; y < y1; y++)
    for (let x = x0; x < x1; x++) {
      const i = (y * img.width + x) * img.channels;
      if (img.pixels[i]! < 200 || img.pixels[i + 1]! < 200 || img.pixels[i + 2]! < 200) n++;
    }
  return n;
}

describe("the chart module", () => {
  it("renders a bar chart with Chinese, Vietnamese and Russian labels to a real PNG", async () => {
    const chart = await renderChart({
      kind: "bar",
      title: "按工作地点的会员",
      data: [
        { label: "中央办公室", value: 120 },
        { label: "Nơi làm việc Huế", value: 80 },
        { label: "Портленд", value: null, display: "меньше 5" },
      ],
    });
    const img = decodePng(chart.png);
    expect(img.width).toBe(chart.width);
    expect(img.height).toBe(chart.height);
    expect(img.width).toBeGreaterThanOrEqual(600);
    expect(img.width).toBeLessThanOrEqual(2000);
    expect(img.height).toBeGreaterThan(150);
    // Drawn on white, written without an alpha channel: a PDF embeds it without decoding a pixel.
    expect(img.channels).toBe(3);
    // Not blank: the bars (the palette's purple) and the text are drawn.
    let purple = 0;
    for (let i = 0; i < img.pixels.length; i += img.channels) if (img.pixels[i] === 0x51 && img.pixels[i + 1] === 0x2d && img.pixels[i + 2] === 0xa8) purple++;
    expect(purple).toBeGreaterThan(1000);
    // The title's Chinese glyphs are real glyphs (ink in the title band, left of the plot).
    expect(inkedPixels(img, 0, 0, Math.round(img.width / 3), Math.round(img.height / 8))).toBeGreaterThan(300);
    expect(chart.svg).toContain("按工作地点的会员");
    expect(chart.svg).toContain("меньше 5");
    expect(chart.alt).toBe("按工作地点的会员. 中央办公室: 120; Nơi làm việc Huế: 80; Портленд: меньше 5");
  });

  it("renders stacked, grouped and line charts with every series in the text alternative", async () => {
    const data = ["2026-09", "2026-10", "2026-11"].flatMap((x, i) => [
      { x, series: "member", value: 100 + i },
      { x, series: "fee payer", value: 20 - i },
    ]);
    for (const kind of ["stacked", "grouped", "line"] as const) {
      const c = await renderChart({ kind, title: kind, data });
      const img = decodePng(c.png);
      expect(inkedPixels(img, 0, 0, img.width, img.height)).toBeGreaterThan(2000);
      expect(c.alt).toBe(`${kind}. 2026-09: member 100, fee payer 20; 2026-10: member 101, fee payer 19; 2026-11: member 102, fee payer 18`);
    }
  });

  it("never puts a hidden cell's number into the picture", async () => {
    const c = await renderChart({ kind: "bar", title: "t", data: [{ label: "Small site", value: null, display: "fewer than 5" }, { label: "Big", value: 9 }] });
    expect(c.svg).toContain("fewer than 5");
    expect(c.alt).toContain("Small site: fewer than 5");
  });
});
