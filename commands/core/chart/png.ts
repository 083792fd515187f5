// The chart's PNG without an alpha channel. resvg writes RGBA, and a chart drawn on white has
// nothing to say in it; but a PDF cannot embed an RGBA PNG as it is: pdfkit decodes every pixel
// in JavaScript to split the alpha off, then compresses both again (about 150–250 ms for the
// grievance report's 900 × 4,000-pixel chart). An RGB PNG's compressed data goes into the PDF
// as it is, and the file is smaller too (146 against 200 KB for that chart).
import zlib from "node:zlib";

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function chunk(type: string, data: Buffer): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, "latin1");
  data.copy(out, 8);
  out.writeUInt32BE(zlib.crc32(out.subarray(4, 8 + data.length)) >>> 0, 8 + data.length);
  return out;
}

/**
 * An 8-bit RGB PNG of opaque RGBA pixels (the alpha is dropped: draw them on a background first).
 * Every row unfiltered: a chart's flat colours compress best so (smaller than with the Up filter).
 */
export function opaquePng(rgba: Uint8Array, width: number, height: number): Buffer {
  if (rgba.length !== width * height * 4) throw new RangeError("rgba must hold width × height pixels");
  const stride = width * 3 + 1;
  const raw = Buffer.allocUnsafe(stride * height);
  let p = 0;
  for (let y = 0; y < height; y++) {
    let q = y * stride;
    raw[q++] = 0;
    for (let x = 0; x < width; x++, p += 4) {
      raw[q++] = rgba[p]!;
      raw[q++] = rgba[p + 1]!;
      raw[q++] = rgba[p + 2]!;
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bits per channel
  header[9] = 2; // colour type: RGB
  return Buffer.concat([SIGNATURE, chunk("IHDR", header), chunk("IDAT", zlib.deflateSync(raw)), chunk("IEND", Buffer.alloc(0))]);
}
