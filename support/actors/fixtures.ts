/**
 * Files in `features/fixtures/` that scenarios upload, and how photos are compared: by
 * content (a SHA-256 of the bytes), never by file id — a user's and the bot's file ids for the
 * same photo differ, and on the real test DC even ids of one person differ between uploads.
 *
 * (On the real test DC Telegram recompresses photos, so the test-dc backend will need a
 * perceptual fingerprint here; the embedded Telegram returns the uploaded bytes unchanged.)
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const FIXTURES_DIR = join(__dirname, '..', '..', 'features', 'fixtures');

export interface Fixture {
  readonly name: string;
  readonly bytes: Buffer;
  readonly fingerprint: string;
}

const cache = new Map<string, Fixture>();

export function fingerprint(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** A fixture by file name, e.g. "beach.png"; the error lists what exists. */
export function fixture(name: string): Fixture {
  let found = cache.get(name);
  if (!found) {
    const available = readdirSync(FIXTURES_DIR);
    if (!available.includes(name)) {
      throw new Error(`There is no fixture "${name}" in features/fixtures/. Available: ${available.join(', ')}`);
    }
    const bytes = readFileSync(join(FIXTURES_DIR, name));
    found = { name, bytes, fingerprint: fingerprint(bytes) };
    cache.set(name, found);
  }
  return found;
}

/** The photo fixtures (PNG and JPEG), in name order. */
export function photoFixtures(): Fixture[] {
  return readdirSync(FIXTURES_DIR).filter((name) => /\.(png|jpe?g)$/i.test(name)).sort().map(fixture);
}

/** `count` distinct photos, starting after the first `skip` (so two people can upload different ones). */
export function somePhotos(count: number, skip = 0): Fixture[] {
  const photos = photoFixtures();
  if (count + skip > photos.length) {
    throw new Error(`Only ${photos.length} photo fixtures exist in features/fixtures/; a scenario asked for ${count + skip}. Add more with scripts/make-fixtures.ts.`);
  }
  return photos.slice(skip, skip + count);
}

/** The fixture with these bytes, if any (to name a received photo in messages). */
export function fixtureNamed(bytes: Buffer): string | undefined {
  const wanted = fingerprint(bytes);
  return photoFixtures().find((photo) => photo.fingerprint === wanted)?.name;
}
