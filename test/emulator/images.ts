/**
 * Real images for tests, made with sharp (the emulator refuses anything it cannot decode as a
 * photo): a diagonal colour blend that `seed` varies, so each image is a different picture.
 * `noise` adds grain, which makes the file large (incompressible) when a test needs many parts.
 */
import sharp from 'sharp';

export interface ImageOptions {
  width: number;
  height: number;
  seed?: number;
  format?: 'png' | 'jpeg' | 'webp' | 'gif';
  noise?: boolean;
}

export async function imageFile({ width, height, seed = 0, format = 'png', noise = false }: ImageOptions): Promise<Buffer> {
  const pixels = Buffer.alloc(width * height * 3);
  let random = (seed * 2654435761) >>> 0 || 1;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const t = (x / Math.max(1, width - 1) + y / Math.max(1, height - 1)) / 2;
      const grain = noise ? ((random = (random * 1103515245 + 12345) >>> 0) >>> 24) - 128 : 0;
      const at = (y * width + x) * 3;
      pixels[at] = clamp(((seed * 53) % 200) + 40 * t + grain);
      pixels[at + 1] = clamp(200 - 150 * t + grain);
      pixels[at + 2] = clamp(((seed * 97) % 255) * (1 - t) + 200 * t + grain);
    }
  }
  return sharp(pixels, { raw: { width, height, channels: 3 } }).toFormat(format).toBuffer();
}

function clamp(value: number): number {
  return Math.max(0, Math.min(255, Math.round(value)));
}
