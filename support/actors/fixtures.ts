/**
 * Files in `features/fixtures/` that scenarios upload, and how a received photo is recognised:
 * by the picture it shows (a perceptual fingerprint, see photo-fingerprint.ts), never by bytes
 * or file id. Telegram recompresses every photo into its own JPEG sizes, a user's and the bot's
 * file ids for the same photo differ, and on the real test DC even ids of one person differ
 * between uploads.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { PhotoFingerprint, SAME_PICTURE_MAX_DISTANCE } from './photo-fingerprint';

export const FIXTURES_DIR = join(__dirname, '..', '..', 'features', 'fixtures');

export interface Fixture {
  readonly name: string;
  readonly bytes: Buffer;
  /** The picture's fingerprint (photo fixtures), computed once. */
  fingerprint(): Promise<PhotoFingerprint>;
  /** The picture's width and height (photo fixtures), read once. */
  dimensions(): Promise<{ width: number; height: number }>;
}

/**
 * The longest side Telegram keeps of a photo: its "w" box
 * (https://core.telegram.org/api/files#image-thumbnail-types); smaller pictures are kept at
 * their own size, never enlarged.
 */
const LARGEST_BOX = 2560;

/** A received photo as a person sees it: its fingerprint, and which fixture it shows, if any. */
export interface RecognisedPhoto {
  readonly fingerprint: PhotoFingerprint;
  /** The name of the photo fixture it shows (the nearest within the threshold), if any. */
  readonly fixture?: string;
  readonly width: number;
  readonly height: number;
  /**
   * True when it shows the fixture smaller than Telegram keeps that photo: a thumbnail, as
   * when a bot sends back `photo[0]` (the smallest size) re-uploaded instead of the photo. A
   * person sees the same scene but not the photo that was sent, and so does the suite.
   */
  readonly thumbnail: boolean;
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
    let size: Promise<{ width: number; height: number }> | undefined;
    found = {
      name,
      bytes,
      fingerprint: () => (print ??= PhotoFingerprint.of(bytes)),
      dimensions: () => (size ??= sharp(bytes).metadata().then(({ width, height }) => ({ width: width ?? 0, height: height ?? 0 }))),
    };
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

/** Which photo fixture an image shows, if any (the nearest one within the threshold), and whether only as a thumbnail. */
export async function recognisePhoto(image: Buffer): Promise<RecognisedPhoto> {
  const fingerprint = await PhotoFingerprint.of(image);
  const { width = 0, height = 0 } = await sharp(image).metadata();
  let nearest: { fixture: Fixture; distance: number } | undefined;
  for (const candidate of photoFixtures()) {
    const distance = fingerprint.distanceTo(await candidate.fingerprint());
    if (distance <= SAME_PICTURE_MAX_DISTANCE && (!nearest || distance < nearest.distance)) nearest = { fixture: candidate, distance };
  }
  if (!nearest) return { fingerprint, width, height, thumbnail: false };
  const original = await nearest.fixture.dimensions();
  const kept = Math.min(LARGEST_BOX, Math.max(original.width, original.height));
  // One pixel of slack: scaling to a box rounds the shorter side, never the longer one by more.
  return { fingerprint, fixture: nearest.fixture.name, width, height, thumbnail: Math.max(width, height) < kept - 1 };
}

/**
 * What a received photo shows, in the words a failed check prints: the fixture's name, that
 * name "as a W×H thumbnail" when it arrived smaller than Telegram keeps it, or "a picture that
 * is no fixture". Checks compare these words, so a thumbnail never counts as the photo.
 */
export function whatItShows(picture: RecognisedPhoto): string {
  if (!picture.fixture) return 'a picture that is no fixture';
  return picture.thumbnail ? `${picture.fixture} as a ${picture.width}×${picture.height} thumbnail` : picture.fixture;
}
