/**
 * Where things are inside a JPEG file the emulator itself encoded: the start of the entropy-coded
 * data (for the stripped thumbnail) and where each scan of a progressive JPEG ends (for
 * `photoSizeProgressive.sizes`). This only walks marker segments; decoding and encoding are
 * sharp's (libvips/mozjpeg) job.
 */

/** Thrown when the bytes are not a JPEG laid out as libjpeg writes one. */
export class JpegLayoutError extends Error {
  constructor(message: string) {
    super(`Not a JPEG the emulator can take apart: ${message}`);
    this.name = 'JpegLayoutError';
  }
}

interface Scan {
  /** Offset of the scan's SOS marker. */
  readonly start: number;
  /** Offset of the first entropy-coded byte, just after the SOS header. */
  readonly dataStart: number;
  /** Offset of the marker that ends the scan's entropy-coded data. */
  readonly end: number;
}

/** The scans of a baseline (one scan) or progressive (several) JPEG, in file order. */
export function jpegScans(jpeg: Buffer): Scan[] {
  if (jpeg.length < 4 || jpeg[0] !== 0xff || jpeg[1] !== 0xd8) throw new JpegLayoutError('it does not start with SOI');
  const scans: Scan[] = [];
  let offset = 2;
  while (offset + 2 <= jpeg.length) {
    if (jpeg[offset] !== 0xff) throw new JpegLayoutError(`no marker at byte ${offset}`);
    const marker = jpeg[offset + 1]!;
    if (marker === 0xd9) return scans; // EOI
    if (offset + 4 > jpeg.length) break;
    const length = jpeg.readUInt16BE(offset + 2);
    if (marker !== 0xda) {
      offset += 2 + length;
      continue;
    }
    const dataStart = offset + 2 + length;
    const end = entropyDataEnd(jpeg, dataStart);
    scans.push({ start: offset, dataStart, end });
    offset = end;
  }
  throw new JpegLayoutError('it ends before EOI');
}

/**
 * Entropy-coded data runs until a marker: 0xFF followed by anything but a stuffed 0x00 or a
 * restart marker (0xD0–0xD7), which belong to the data.
 */
function entropyDataEnd(jpeg: Buffer, from: number): number {
  for (let i = from; i + 1 < jpeg.length; i++) {
    if (jpeg[i] !== 0xff) continue;
    const next = jpeg[i + 1]!;
    if (next !== 0x00 && (next < 0xd0 || next > 0xd7)) return i;
  }
  throw new JpegLayoutError('a scan never ends');
}

/**
 * The byte lengths at which a progressive JPEG has delivered each scan: a client that has
 * downloaded that many bytes can show a (coarser) picture. The last one is the whole file.
 */
export function progressiveScanSizes(jpeg: Buffer): number[] {
  const scans = jpegScans(jpeg);
  if (scans.length === 0) throw new JpegLayoutError('it has no scan');
  // A scan's prefix ends where the segments of the next scan (its tables, then its SOS) begin.
  const ends = scans.slice(0, -1).map((scan) => scan.end);
  return [...ends, jpeg.length];
}
