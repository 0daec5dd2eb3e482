import { JpegLayoutError, jpegScans } from './jpeg-layout';

/**
 * Telegram's stripped thumbnail (`photoStrippedSize`, type "i"): a tiny JPEG with its headers
 * cut off, small enough to travel inside every message that shows the photo.
 *
 * https://core.telegram.org/api/files#stripped-thumbnails says clients inflate it by putting a
 * fixed JPEG header in front (with the height and width from bytes 1 and 2) and FFD9 behind,
 * as Telegram Desktop does (ui/image/image.cpp, linked from that page; GramJS's
 * `strippedPhotoToJpg` is the same). So the emulator makes one the other way round: it encodes
 * the thumbnail with exactly the tables that fixed header carries — libjpeg's standard
 * quantisation tables at quality 20 (its first luma entry 0x28 = 40 = 16 × 250 %, the quality-20
 * scale) and the standard Huffman tables (no optimised coding), baseline, 4:2:0, three
 * components — and keeps only the entropy-coded data. A unit test inflates the result with
 * GramJS and checks that it decodes to the same pixels as the JPEG it came from.
 */

/** The encoder settings whose tables match the fixed header clients put back. */
export const STRIPPED_JPEG_OPTIONS = {
  quality: 20,
  optimiseCoding: false,
  progressive: false,
  chromaSubsampling: '4:2:0',
} as const;

/**
 * The longer side of a stripped thumbnail. Telegram does not document it; the ones it sends
 * measure 40 px on the longer side (e.g. height 22, width 40: bytes `01 16 28`).
 */
export const STRIPPED_BOX = 40;

/** Cuts a JPEG encoded with STRIPPED_JPEG_OPTIONS down to Telegram's stripped form. */
export function stripJpeg(jpeg: Buffer, width: number, height: number): Buffer {
  if (width < 1 || width > 255 || height < 1 || height > 255) {
    throw new JpegLayoutError(`a stripped thumbnail is at most 255×255, not ${width}×${height}`);
  }
  const scans = jpegScans(jpeg);
  if (scans.length !== 1) throw new JpegLayoutError(`a stripped thumbnail is a baseline JPEG with one scan, not ${scans.length}`);
  const [scan] = scans;
  return Buffer.concat([Buffer.from([0x01, height, width]), jpeg.subarray(scan!.dataStart, scan!.end)]);
}
