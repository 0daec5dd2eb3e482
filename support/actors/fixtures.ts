/**
 * Files in `features/fixtures/` that scenarios upload, and how a received photo is recognised:
 * by the picture it shows (a perceptual fingerprint, see photo-fingerprint.ts), never by bytes
 * or file id. Telegram recompresses every photo into its own JPEG sizes, a user's and the bot's
 * file ids for the same photo differ, and on the real test DC even ids of one person differ
 * between uploads.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PhotoFingerprint, SAME_PICTURE_MAX_DISTANCE } from './photo-fingerprint';

export const FIXTURES_DIR = join(__dirname, '..', '..', 'features', 'fixtures');

export interface Fixture {
  readonly name: string;
  readonly bytes: Buffer;
  /** The picture's fingerprint (photo fixtures), computed once. */
  fingerprint(): Promise<PhotoFingerprint>;
}

/** A received photo as a person sees it: its fingerprint, and which fixture it shows, if any. */
export interface RecognisedPhoto {
  readonly fingerprint: PhotoFingerprint;
  /** The name of the photo fixture it shows (the nearest within the threshold), if any. */
  readonly fixture?: string;
}

const cache = new Map<string, Fixture>();

/** A fixture by file name, e.g. "beach.png"; the error lists what exists. */
export function fixture(name: string): Fixture {
  let found = cache.get(name);
  if (!found) {
    const available = readdirSync(FIXTURES_DIR);
    if (!available.includes(name)) {
      throw new Error(`There is no fixture "${name}" in features/fixtures/. Available: ${available.join(', ')}`);
    }
    const bytes = readFileSync(join(FIXTURES_DIR, name));
    let print: Promise<PhotoFingerprint> | undefined;
    found = { name, bytes, fingerprint: () => (print ??= PhotoFingerprint.of(bytes)) };
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

/** Which photo fixture an image shows, if any: the nearest one within the threshold. */
export async function recognisePhoto(image: Buffer): Promise<RecognisedPhoto> {
  const fingerprint = await PhotoFingerprint.of(image);
  let nearest: { name: string; distance: number } | undefined;
  for (const candidate of photoFixtures()) {
    const distance = fingerprint.distanceTo(await candidate.fingerprint());
    if (distance <= SAME_PICTURE_MAX_DISTANCE && (!nearest || distance < nearest.distance)) nearest = { name: candidate.name, distance };
  }
  return { fingerprint, fixture: nearest?.name };
}
