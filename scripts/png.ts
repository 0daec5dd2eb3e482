/**
 * The one PNG encoder of the repository: the image fixtures (scripts/make-fixtures.ts) and the
 * tests that need a real, decodable picture of a known size use it.
 *
 * Hand-written because it is twenty lines over node:zlib (deflate and CRC-32) and synchronous:
 * sharp, the embedded Telegram's image library, is asynchronous, and these callers build pictures
 * pixel by pixel. Tests that need another format convert this PNG with sharp (test/emulator/images.ts).
 */
import { crc32, deflateSync } from 'node:zlib';

export type Rgb = readonly [number, number, number];

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/**
 * An 8-bit RGB PNG of `width`×`height` whose pixel at (x, y) is `pixel(x, y)`: signature,
 * IHDR, one IDAT (filter "none" on every row), IEND. `compressionLevel` is zlib's (0–9).
 */
export function encodePng(width: number, height: number, pixel: (x: number, y: number) => Rgb, compressionLevel?: number): Buffer {
  const stride = width * 3 + 1;
  const raw = Buffer.alloc(stride * height); // each row starts with filter type 0: none
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) raw.set(pixel(x, y), y * stride + 1 + x * 3);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // bit depth 8, colour type RGB, deflate, adaptive filtering, no interlace
  return Buffer.concat([
    SIGNATURE,
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, compressionLevel === undefined ? {} : { level: compressionLevel })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A PNG of one colour. */
export function solidPng(width: number, height: number, rgb: Rgb): Buffer {
  return encodePng(width, height, () => rgb);
}

/** length, type, data, then the CRC-32 of type and data, as the PNG specification defines a chunk. */
function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typeAndData = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData));
  return Buffer.concat([length, typeAndData, crc]);
}
