// The chart's PNG writer (commands/core/chart/png.ts): opaque RGBA pixels in, an RGB PNG out that
// zlib and a PNG reader take back to the same pixels.
import zlib from "node:zlib";
import { describe, expect, it } from "vitest";
import { opaquePng } from "../../commands/core/chart/png.ts";

function chunks(png: Buffer): { type: string; data: Buffer; crcOk: boolean }[] {
  const out = [];
  for (let off = 8; off < png.length; ) {
    const len = png.readUInt32BE(off);
    const type = png.toString("latin1", off + 4, off + 8);
    const crcOk = (zlib.crc32(png.subarray(off + 4, off + 8 + len)) >>> 0) === png.readUInt32BE(off + 8 + len);
    out.push({ type, data: png.subarray(off + 8, off + 8 + len), crcOk });
    off += 12 + len;
  }
  return out;
}

describe("opaquePng", () => {
  it("writes every pixel's colour, drops the alpha, with valid chunks", () => {
    // 3 × 2 pixels: red, green, blue / white, black, grey (alpha ignored).
    const rgba = Uint8Array.from([255, 0, 0, 255, 0, 255, 0, 255, 0, 0, 255, 255, 255, 255, 255, 255, 0, 0, 0, 255, 128, 128, 128, 7]);
    const png = opaquePng(rgba, 3, 2);
    expect(png.subarray(0, 8).toString("hex")).toBe("89504e470d0a1a0a");
    const cs = chunks(png);
    expect(cs.map((c) => c.type)).toEqual(["IHDR", "IDAT", "IEND"]);
    expect(cs.every((c) => c.crcOk)).toBe(true);
    const h = cs[0]!.data;
    expect([h.readUInt32BE(0), h.readUInt32BE(4), h[8], h[9], h[10], h[11], h[12]]).toEqual([3, 2, 8, 2, 0, 0, 0]);
    const raw = zlib.inflateSync(cs[1]!.data);
    expect([...raw]).toEqual([0, 255, 0, 0, 0, 255, 0, 0, 0, 255, 0, 255, 255, 255, 0, 0, 0, 128, 128, 128]);
  });

  it("refuses pixels that are not width × height", () => {
    expect(() => opaquePng(new Uint8Array(8), 3, 1)).toThrow(RangeError);
  });
});
