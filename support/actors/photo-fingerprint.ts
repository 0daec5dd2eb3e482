/**
 * Telling photos apart as a person would. Telegram never gives a photo back as it was sent: it
 * keeps JPEGs in its own sizes (and the embedded Telegram does the same), so bytes and sizes
 * differ between what Alice uploaded and what Bob receives. What stays is the picture.
 *
 * A fingerprint is the picture shrunk to 16×16 colour pixels (sharp, box-averaging the whole
 * image, transparency on white as Telegram lays it), and the distance between two is the
 * root-mean-square difference of those pixels on the 0–255 scale. Colour matters: the suite's
 * fixtures are gradients that a grayscale difference hash would confuse.
 *
 * The threshold is measured, not guessed: test/support/actors/photo-fingerprint.test.ts checks
 * that every fixture stays within it of each size the emulator makes of it (at most ≈2.5) and
 * that every two distinct fixtures stay beyond it — including pairs made to be hard to tell
 * apart, the same scene with a small change (beach / beach-boat: ≈10).
 */
import sharp from 'sharp';

/** Fingerprints at most this far apart show the same picture. */
export const SAME_PICTURE_MAX_DISTANCE = 5;

const SIDE = 16;

export class PhotoFingerprint {
  private constructor(private readonly pixels: Buffer) {}

  /** The fingerprint of an image file (JPEG, PNG, WebP, GIF). */
  static async of(image: Buffer): Promise<PhotoFingerprint> {
    const pixels = await sharp(image)
      .rotate()
      .flatten({ background: '#ffffff' })
      .resize(SIDE, SIDE, { fit: 'fill' })
      .toColourspace('srgb')
      .raw()
      .toBuffer();
    return new PhotoFingerprint(pixels);
  }

  /** 0 for the same pixels, up to 255 for black against white. */
  distanceTo(other: PhotoFingerprint): number {
    let sum = 0;
    for (let i = 0; i < this.pixels.length; i++) {
      const difference = this.pixels[i]! - other.pixels[i]!;
      sum += difference * difference;
    }
    return Math.sqrt(sum / this.pixels.length);
  }

  /** True when both show the same picture (however recompressed or resized). */
  matches(other: PhotoFingerprint): boolean {
    return this.distanceTo(other) <= SAME_PICTURE_MAX_DISTANCE;
  }
}
