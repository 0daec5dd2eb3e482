/**
 * Real images for tests (the emulator refuses anything it cannot decode as a photo): a diagonal
 * colour blend that `seed` varies, so each image is a different picture, encoded as PNG by the
 * repository's encoder (scripts/png.ts) and converted by sharp for other formats. `noise` adds
 * grain, which makes the file large (incompressible) when a test needs many upload parts.
 */
import sharp from 'sharp';
import { encodePng } from '../../scripts/png';

export interface ImageOptions {
  width: number;
  height: number;
  seed?: number;
  format?: 'png' | 'jpeg' | 'webp' | 'gif';
  noise?: boolean;
}

export async function imageFile({ width, height, seed = 0, format = 'png', noise = false }: ImageOptions): Promise<Buffer> {
  let random = (seed * 2654435761) >>> 0 || 1;
  const png = encodePng(width, height, (x, y) => {
    const t = (x / Math.max(1, width - 1) + y / Math.max(1, height - 1)) / 2;
    const grain = noise ? ((random = (Math.imul(random, 1103515245) + 12345) >>> 0) >>> 24) - 128 : 0;
    return [clamp(((seed * 53) % 200) + 40 * t + grain), clamp(200 - 150 * t + grain), clamp(((seed * 97) % 255) * (1 - t) + 200 * t + grain)];
  });
  return format === 'png' ? png : sharp(png).toFormat(format).toBuffer();
}

function clamp(value: number): number {
  return Math.max(0, Math.min(255, Math.round(value)));
}
