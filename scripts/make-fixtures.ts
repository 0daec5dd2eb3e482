/**
 * Writes the image fixtures of the acceptance suite into `features/fixtures/`: small, valid,
 * visibly distinct PNG pictures (a diagonal blend between two colours, with stripes), built with
 * scripts/png.ts over node:zlib, so the repository needs no image tool and no copied artwork.
 *
 * The images are committed; run this only to change or add one:
 *   TS_NODE_TRANSPILE_ONLY=true node -r ts-node/register scripts/make-fixtures.ts
 *
 * Why PNG and why these sizes: Telegram accepts PNG photos, the embedded Telegram reads their
 * size from the header, and 96×64 pixels keeps each file at a few kilobytes while still being a
 * real picture a person can open.
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

const WIDTH = 96;
const HEIGHT = 64;

function main(): void {
  const dir = join(__dirname, '..', 'features', 'fixtures');
  mkdirSync(dir, { recursive: true });
  for (const [name, [from, to]] of Object.entries(PICTURES)) {
    writeFileSync(join(dir, name), encodePng(WIDTH, HEIGHT, (x, y) => blend(from, to, x, y), 9));
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
  console.log(`Wrote ${Object.keys(PICTURES).length} pictures, recipe.txt, sticker.webp and voice.ogg to ${dir}`);
}

/** A diagonal blend with faint stripes, so the picture is not one flat colour. */
function blend(from: Rgb, to: Rgb, x: number, y: number): Rgb {
  const t = (x / (WIDTH - 1) + y / (HEIGHT - 1)) / 2;
  const stripe = Math.floor((x + y) / 8) % 2 === 0 ? 1 : 0.92;
  const channel = (i: 0 | 1 | 2) => Math.round((from[i] + (to[i] - from[i]) * t) * stripe);
  return [channel(0), channel(1), channel(2)];
}

main();
