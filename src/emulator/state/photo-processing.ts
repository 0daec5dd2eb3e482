import sharp from 'sharp';
import { BadRequestError } from '../errors';
import { progressiveScanSizes } from './jpeg-layout';
import { STRIPPED_BOX, STRIPPED_JPEG_OPTIONS, stripJpeg } from './stripped-thumbnail';
import type { PhotoSize, PhotoSizeType, ProcessedPhoto } from './types';

/**
 * What Telegram does to an image sent as a photo: it keeps JPEGs in the sizes of
 * https://core.telegram.org/api/files#image-thumbnail-types ("box" filters: the picture scaled
 * to fit a square, never enlarged) plus a stripped thumbnail, never the uploaded bytes.
 *
 * Which boxes apply: the smallest always, and each larger one only while the picture is larger
 * than the box before it — so a 413×225 picture gets m (320×174) and x (413×225), which is what
 * Telegram sends for one. The largest size is a progressive JPEG (`photoSizeProgressive`).
 *
 * The work runs on libuv's thread pool (sharp), so the emulator's event loop keeps serving other
 * requests meanwhile. sharp's operation cache is off: every photo is new, and a cache would only
 * hold memory.
 */

/** The box sizes, smallest first (Telegram's "Image thumbnail types" table). */
export const PHOTO_BOXES: ReadonlyArray<{ type: PhotoSizeType; box: number }> = [
  { type: 's', box: 100 },
  { type: 'm', box: 320 },
  { type: 'x', box: 800 },
  { type: 'y', box: 1280 },
  { type: 'w', box: 2560 },
];

/**
 * The JPEG quality of the stored sizes. Telegram does not publish its own; 80 is libvips'
 * default, and what matters for the suite is that photos come back recompressed, not bit-equal.
 */
const JPEG_QUALITY = 80;

/** Formats Telegram takes as a photo; anything else (SVG, TIFF, a PDF…) is IMAGE_PROCESS_FAILED. */
const PHOTO_FORMATS = new Set(['jpeg', 'png', 'webp', 'gif']);

/**
 * Telegram's limits on a photo's pixels (Bot API sendPhoto, and TDLib's inputMessagePhoto:
 * "The photo's width and height must not exceed 10000 in total. Width and height ratio must be
 * at most 20" — https://core.telegram.org/bots/api#sendphoto). Beyond them Telegram answers
 * PHOTO_INVALID_DIMENSIONS.
 */
export const PHOTO_DIMENSION_LIMITS = { sumOfSides: 10_000, ratio: 20 } as const;

sharp.cache(false);

/** Which boxes apply to a picture of this size (see above), smallest first. */
export function boxesFor(width: number, height: number): typeof PHOTO_BOXES {
  const longer = Math.max(width, height);
  return PHOTO_BOXES.filter((_, index) => index === 0 || longer > PHOTO_BOXES[index - 1]!.box);
}

/** PHOTO_INVALID_DIMENSIONS unless Telegram would take a picture of this size as a photo. */
export function checkPhotoDimensions(width: number, height: number): void {
  const { sumOfSides, ratio } = PHOTO_DIMENSION_LIMITS;
  if (width + height > sumOfSides || Math.max(width, height) > ratio * Math.min(width, height)) {
    throw new BadRequestError('PHOTO_INVALID_DIMENSIONS', `a photo's width and height are at most ${sumOfSides} in total, with a ratio of at most ${ratio}; this one is ${width}×${height}`);
  }
}

/**
 * Re-encodes an image the way Telegram stores a photo. Throws IMAGE_PROCESS_FAILED for bytes
 * that are not a readable JPEG, PNG, WebP or GIF, and PHOTO_INVALID_DIMENSIONS for a picture
 * Telegram refuses; it touches no state, so a refused photo changes nothing.
 */
export async function processPhoto(bytes: Buffer): Promise<ProcessedPhoto> {
  const { width, height } = await readDimensions(bytes);
  checkPhotoDimensions(width, height);
  // Decode once, upright (EXIF orientation applied), transparency laid on white, as RGB.
  const decoded = await imageFailure(() =>
    sharp(bytes).rotate().flatten({ background: '#ffffff' }).toColourspace('srgb').raw().toBuffer({ resolveWithObject: true }),
  );
  const raw = { raw: { width: decoded.info.width, height: decoded.info.height, channels: decoded.info.channels } } as const;
  const boxes = boxesFor(decoded.info.width, decoded.info.height);
  const [sizes, stripped] = await Promise.all([
    Promise.all(boxes.map(({ type, box }, index) => encodeSize(decoded.data, raw, type, box, index === boxes.length - 1))),
    encodeStripped(decoded.data, raw),
  ]);
  return { sizes, stripped };
}

type RawInput = { raw: { width: number; height: number; channels: 1 | 2 | 3 | 4 } };

async function encodeSize(pixels: Buffer, raw: RawInput, type: PhotoSizeType, box: number, largest: boolean): Promise<PhotoSize> {
  const { data, info } = await sharp(pixels, raw)
    .resize(box, box, { fit: 'inside', withoutEnlargement: true })
    .jpeg({ quality: JPEG_QUALITY, progressive: largest })
    .toBuffer({ resolveWithObject: true });
  return { type, width: info.width, height: info.height, bytes: data, progressiveSizes: largest ? progressiveScanSizes(data) : undefined };
}

async function encodeStripped(pixels: Buffer, raw: RawInput): Promise<Buffer> {
  const { data, info } = await sharp(pixels, raw)
    .resize(STRIPPED_BOX, STRIPPED_BOX, { fit: 'inside', withoutEnlargement: true })
    .jpeg(STRIPPED_JPEG_OPTIONS)
    .toBuffer({ resolveWithObject: true });
  return stripJpeg(data, info.width, info.height);
}

/** The upright size of an image from its header, without decoding the pixels. */
async function readDimensions(bytes: Buffer): Promise<{ width: number; height: number }> {
  const metadata = await imageFailure(() => sharp(bytes).metadata());
  if (!PHOTO_FORMATS.has(metadata.format ?? '') || !metadata.width || !metadata.height) {
    throw imageProcessFailed(`${metadata.format ?? 'an unknown format'} is not a photo format (JPEG, PNG, WebP or GIF)`);
  }
  const turned = (metadata.orientation ?? 1) >= 5;
  return turned ? { width: metadata.height, height: metadata.width } : { width: metadata.width, height: metadata.height };
}

/** Runs a sharp call; an image it cannot read becomes Telegram's IMAGE_PROCESS_FAILED. */
async function imageFailure<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw imageProcessFailed(error instanceof Error ? error.message : String(error));
  }
}

function imageProcessFailed(why: string): BadRequestError {
  return new BadRequestError('IMAGE_PROCESS_FAILED', `the image could not be processed as a photo: ${why}`);
}
