import assert from 'node:assert/strict';
import { test } from 'node:test';
import { processPhoto } from '../../../src/emulator/state';
import { fixture, photoFixtures, recognisePhoto, whatItShows } from '../../../support/actors/fixtures';
import { PhotoFingerprint, SAME_PICTURE_MAX_DISTANCE } from '../../../support/actors/photo-fingerprint';

/** Pairs of fixtures made to be hard to tell apart: the same scene with a small change. */
const NEAR_MISSES = [['beach-boat.png', 'beach.png'], ['sunset-moon.png', 'sunset.png']];

test('every two distinct photo fixtures stay apart, the near misses by a margin too', async () => {
  const fixtures = photoFixtures();
  const distances: Array<{ pair: string; distance: number }> = [];
  for (const [i, a] of fixtures.entries()) {
    for (const b of fixtures.slice(i + 1)) {
      distances.push({ pair: `${a.name} ~ ${b.name}`, distance: (await a.fingerprint()).distanceTo(await b.fingerprint()) });
    }
  }
  distances.sort((x, y) => x.distance - y.distance);
  const closest = distances[0]!;
  assert.ok(closest.distance > 1.5 * SAME_PICTURE_MAX_DISTANCE, `the closest fixtures, ${closest.pair}, are ${closest.distance.toFixed(2)} apart: within 1.5 × the threshold ${SAME_PICTURE_MAX_DISTANCE}`);
  // The near misses are the hardest pairs there are, so the margin above is the honest one.
  assert.deepEqual(distances.slice(0, NEAR_MISSES.length).map((d) => d.pair).sort(), NEAR_MISSES.map(([a, b]) => `${a} ~ ${b}`).sort());
});

test('every photo fixture matches each size the embedded Telegram keeps of it, and is recognised in it', async () => {
  let farthest = { size: '', distance: 0 };
  for (const fixture of photoFixtures()) {
    const { sizes } = await processPhoto(fixture.bytes);
    assert.ok(sizes.length >= 2, `${fixture.name} is kept in several sizes (it has ${sizes.length})`);
    for (const size of sizes) {
      const distance = (await PhotoFingerprint.of(size.bytes)).distanceTo(await fixture.fingerprint());
      if (distance > farthest.distance) farthest = { size: `${fixture.name} (${size.type}, ${size.width}×${size.height})`, distance };
      assert.equal((await recognisePhoto(size.bytes)).fixture, fixture.name, `size ${size.type} of ${fixture.name} is recognised as it`);
    }
  }
  assert.ok(farthest.distance < SAME_PICTURE_MAX_DISTANCE / 1.5, `the farthest recompressed size, ${farthest.size}, is ${farthest.distance.toFixed(2)} from its fixture: within 1.5× of the threshold ${SAME_PICTURE_MAX_DISTANCE}`);
});

test('a picture that is no fixture is recognised as none; a fingerprint matches itself', async () => {
  const [first] = photoFixtures();
  const print = await first!.fingerprint();
  assert.equal(print.distanceTo(print), 0);
  assert.ok(print.matches(print));
  const { sizes } = await processPhoto(await negative(first!.bytes));
  assert.equal((await recognisePhoto(sizes[0]!.bytes)).fixture, undefined);
});

test('"receives the photo Alice uploaded" takes the photo Telegram keeps, never its thumbnail (photo[0]) sent back, nor the near miss', async () => {
  const beach = fixture('beach.png');
  const { sizes } = await processPhoto(beach.bytes);
  // What Bob downloads when the bot sends the photo back (by file_id: every size, the largest shown).
  const photo = await recognisePhoto(sizes.at(-1)!.bytes);
  assert.equal(whatItShows(photo), 'beach.png');
  // A bot that sends back photo[0] (the "s" size, 100 px) as a photo of its own: Telegram keeps
  // that small picture, and Bob sees the same scene, too small to be the photo Alice sent.
  const thumbnail = (await processPhoto(sizes[0]!.bytes)).sizes.at(-1)!;
  const seen = await recognisePhoto(thumbnail.bytes);
  assert.equal(seen.fixture, 'beach.png', 'the picture is recognised');
  assert.equal(whatItShows(seen), `beach.png as a ${thumbnail.width}×${thumbnail.height} thumbnail`);
  assert.notEqual(whatItShows(seen), 'beach.png', 'so the check fails');
  // The same scene with a boat is another photo.
  const boat = await recognisePhoto((await processPhoto(fixture('beach-boat.png').bytes)).sizes.at(-1)!.bytes);
  assert.equal(whatItShows(boat), 'beach-boat.png');
});

/** The same picture with its colours inverted: nobody would call it the same photo. */
async function negative(image: Buffer): Promise<Buffer> {
  const sharp = (await import('sharp')).default;
  return sharp(image).negate({ alpha: false }).png().toBuffer();
}
