// A tiny server-side raster: an RGB canvas with rectangles and a built-in 5×7 bitmap font, encoded
// as PNG with node:zlib. No browser, no native modules; the same input gives the same bytes.
import zlib from "node:zlib";

export type Rgb = readonly [number, number, number];

const GLYPHS: Record<string, string> = {
  A: "01110100011000111111100011000110001", B: "11110100011000111110100011000111110", C: "01110100011000010000100001000101110",
  D: "11110100011000110001100011000111110", E: "11111100001000011110100001000011111", F: "11111100001000011110100001000010000",
  G: "01110100011000010111100011000101111", H: "10001100011000111111100011000110001", I: "01110001000010000100001000010001110",
  J: "00111000100001000010000101001001100", K: "10001100101010011000101001001010001", L: "10000100001000010000100001000011111",
  M: "10001110111010110101100011000110001", N: "10001100011100110101100111000110001", O: "01110100011000110001100011000101110",
  P: "11110100011000111110100001000010000", Q: "01110100011000110001101011001001101", R: "11110100011000111110101001001010001",
  S: "01111100001000001110000010000111110", T: "11111001000010000100001000010000100", U: "10001100011000110001100011000101110",
  V: "10001100011000110001100010101000100", W: "10001100011000110101101011010101010", X: "10001100010101000100010101000110001",
  Y: "10001100010101000100001000010000100", Z: "11111000010001000100010001000011111",
  "0": "01110100011001110101110011000101110", "1": "00100011000010000100001000010001110", "2": "01110100010000100010001000100011111",
  "3": "11111000100010000010000011000101110", "4": "00010001100101010010111110001000010", "5": "11111100001111000001000011000101110",
  "6": "00110010001000011110100011000101110", "7": "11111000010001000100010000100001000", "8": "01110100011000101110100011000101110",
  "9": "01110100011000101111000010001001100",
  "-": "00000000000000011111000000000000000", ".": "00000000000000000000000000110001100", ":": "00000011000110000000011000110000000",
  "/": "00000000010001000100010001000000000", "(": "00010001000100001000010000010000010", ")": "01000001000001000010000100010001000",
  ",": "00000000000000000000011000010001000", "'": "01100001000100000000000000000000000", "%": "11000110010001000100010001001100011",
  "#": "01010010101111101010111110101001010", _: "00000000000000000000000000000011111", "&": "01100100101010001000101011001001101",
  "+": "00000001000010011111001000010000000", " ": "00000000000000000000000000000000000", "?": "01110100010000100010001000000000100",
};

export class Canvas {
  readonly px: Uint8Array;
  constructor(
    readonly width: number,
    readonly height: number,
    bg: Rgb = [255, 255, 255],
  ) {
    this.px = new Uint8Array(width * height * 3);
    this.rect(0, 0, width, height, bg);
  }

  rect(x: number, y: number, w: number, h: number, c: Rgb): void {
    const x0 = Math.max(0, Math.round(x));
    const y0 = Math.max(0, Math.round(y));
    const x1 = Math.min(this.width, Math.round(x + w));
    const y1 = Math.min(this.height, Math.round(y + h));
    if (x1 <= x0 || y1 <= y0) return;
    // Paint the first row pixel by pixel, then copy it down.
    const first = (y0 * this.width + x0) * 3;
    const len = (x1 - x0) * 3;
    for (let i = first; i < first + len; i += 3) {
      this.px[i] = c[0];
      this.px[i + 1] = c[1];
      this.px[i + 2] = c[2];
    }
    for (let yy = y0 + 1; yy < y1; yy++) this.px.copyWithin((yy * this.width + x0) * 3, first, first + len);
  }

  /** Upper-case text in the built-in font; returns the width drawn. */
  text(x: number, y: number, s: string, c: Rgb, scale = 1): number {
    let cx = x;
    for (const ch of s.toUpperCase()) {
      const g = GLYPHS[ch] ?? GLYPHS["?"]!;
      for (let row = 0; row < 7; row++) for (let col = 0; col < 5; col++) if (g[row * 5 + col] === "1") this.rect(cx + col * scale, y + row * scale, scale, scale, c);
      cx += 6 * scale;
    }
    return cx - x;
  }

  static textWidth(s: string, scale = 1): number {
    return [...s].length * 6 * scale;
  }

  png(): Buffer {
    const row = this.width * 3 + 1;
    const raw = Buffer.alloc(row * this.height);
    for (let y = 0; y < this.height; y++) {
      raw[y * row] = 0;
      Buffer.from(this.px.buffer, this.px.byteOffset + y * this.width * 3, this.width * 3).copy(raw, y * row + 1);
    }
    const ihdr = Buffer.alloc(13);
    ihdr.writeUInt32BE(this.width, 0);
    ihdr.writeUInt32BE(this.height, 4);
    ihdr[8] = 8; // bit depth
    ihdr[9] = 2; // colour type: RGB
    return Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      chunk("IHDR", ihdr),
      chunk("IDAT", zlib.deflateSync(raw, { level: 6 })),
      chunk("IEND", Buffer.alloc(0)),
    ]);
  }
}

const crcTable = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

export function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length, 0);
  const td = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td), 0);
  return Buffer.concat([len, td, crc]);
}
