/**
 * Writes the image fixtures of the acceptance suite into `features/fixtures/`: small, valid,
 * visibly distinct PNG pictures (a diagonal blend between two colours, with stripes), built with
 * scripts/png.ts over node:zlib, so the repository needs no image tool and no copied artwork.
 *
 * The images are committed; run this only to change or add one:
 *   TS_NODE_TRANSPILE_ONLY=true node -r ts-node/register scripts/make-fixtures.ts
 *
 * Why PNG and why these sizes: Telegram accepts PNG photos and recompresses them to JPEG; 192×128
 * pixels is larger than its smallest box (100 px), so each photo is kept in two sizes (s and m)
 * as real photos are kept in several, while every file stays at a few kilobytes.
 *
 * Some pictures come in pairs that are hard to tell apart — the same scene with a small change
 * (a boat on the beach, the moon over the sunset) — so that comparing photos as a person would
 * (support/actors/photo-fingerprint.ts) is tested against near misses, not only obvious ones.
 */
import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { encodePng, type Rgb } from './png';

/** Fixture name → the two colours it blends between. Every pair differs, so every file differs. */
const PICTURES: Record<string, readonly [Rgb, Rgb]> = {
  'beach.png': [[250, 220, 160], [40, 140, 210]],
  'birthday.png': [[240, 80, 140], [255, 230, 90]],
  'garden.png': [[60, 160, 70], [200, 240, 120]],
  'grandma.png': [[150, 110, 90], [240, 225, 210]],
  'holiday.png': [[255, 140, 40], [120, 40, 160]],
  'picnic.png': [[210, 40, 40], [250, 250, 250]],
  'snowman.png': [[235, 245, 255], [90, 120, 170]],
  'wedding.png': [[255, 255, 240], [200, 170, 100]],
  'autumn.png': [[180, 90, 20], [250, 200, 60]],
  'cake.png': [[250, 200, 220], [120, 70, 40]],
  'dog.png': [[160, 120, 70], [30, 30, 30]],
  'lake.png': [[20, 60, 120], [170, 220, 230]],
  'mountains.png': [[90, 90, 110], [250, 250, 255]],
  'puppy.png': [[230, 190, 140], [80, 50, 30]],
  'sunset.png': [[250, 120, 60], [60, 20, 90]],
  'village.png': [[200, 60, 50], [90, 160, 80]],
};

/** The same scene as another picture, with one small thing added: fixture name → scene, thing. */
const NEAR_MISSES: Record<string, { scene: string; adds: (x: number, y: number) => Rgb | undefined }> = {
  // A dark boat, 12 % of the width, out on the water.
  'beach-boat.png': { scene: 'beach.png', adds: (x, y) => (inBox(x, y, 0.62, 0.6, 0.12, 0.06) ? [60, 40, 30] : undefined) },
  // A pale moon, 12 % of the width across, in the sky.
  'sunset-moon.png': { scene: 'sunset.png', adds: (x, y) => (inDisc(x, y, 0.3, 0.35, 0.06) ? [245, 240, 215] : undefined) },
};

const WIDTH = 192;
const HEIGHT = 128;

function main(): void {
  const dir = join(__dirname, '..', 'features', 'fixtures');
  mkdirSync(dir, { recursive: true });
  for (const [name, [from, to]] of Object.entries(PICTURES)) {
    writeFileSync(join(dir, name), encodePng(WIDTH, HEIGHT, (x, y) => blend(from, to, x, y), 9));
  }
  for (const [name, { scene, adds }] of Object.entries(NEAR_MISSES)) {
    const [from, to] = PICTURES[scene]!;
    writeFileSync(join(dir, name), encodePng(WIDTH, HEIGHT, (x, y) => adds(x, y) ?? blend(from, to, x, y), 9));
  }
  writeFileSync(
    join(dir, 'recipe.txt'),
    "Grandma's apple cake\n\n3 apples, 200 g flour, 100 g butter, 100 g sugar, 2 eggs.\nBake 40 minutes at 180 °C.\n",
  );
  // A sticker is a WebP image; this is the smallest valid one (1×1, lossless, white).
  writeFileSync(join(dir, 'sticker.webp'), Buffer.from('UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==', 'base64'));
  // A voice message: an Ogg page header and silence. Not a decodable recording — Telegram and the
  // bot only look at the message's type — but it is what a voice note's container starts with.
  writeFileSync(join(dir, 'voice.ogg'), Buffer.concat([Buffer.from('OggS', 'ascii'), Buffer.alloc(60)]));
  const pictures = Object.keys(PICTURES).length + Object.keys(NEAR_MISSES).length;
  console.log(`Wrote ${pictures} pictures, recipe.txt, sticker.webp and voice.ogg to ${dir}`);
}

/** A diagonal blend with faint stripes (one every 8 % of the width), so the picture is not one flat colour. */
function blend(from: Rgb, to: Rgb, x: number, y: number): Rgb {
  const t = (x / (WIDTH - 1) + y / (HEIGHT - 1)) / 2;
  const stripe = Math.floor((x + y) / (WIDTH / 12)) % 2 === 0 ? 1 : 0.92;
  const channel = (i: 0 | 1 | 2) => Math.round((from[i] + (to[i] - from[i]) * t) * stripe);
  return [channel(0), channel(1), channel(2)];
}

/** Inside a box whose corner, width and height are fractions of the picture's width and height. */
function inBox(x: number, y: number, left: number, top: number, width: number, height: number): boolean {
  return x >= left * WIDTH && x < (left + width) * WIDTH && y >= top * HEIGHT && y < top * HEIGHT + height * WIDTH;
}

/** Inside a disc whose centre is a fraction of the width and height and whose radius a fraction of the width. */
function inDisc(x: number, y: number, centreX: number, centreY: number, radius: number): boolean {
  return (x - centreX * WIDTH) ** 2 + (y - centreY * HEIGHT) ** 2 < (radius * WIDTH) ** 2;
}

main();
