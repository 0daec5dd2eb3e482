import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import sharp from 'sharp';
import { strippedPhotoToJpg } from 'telegram/Utils';
import { boxesFor, checkPhotoDimensions, processPhoto } from '../../../src/emulator/state';
import { jpegScans, progressiveScanSizes } from '../../../src/emulator/state/jpeg-layout';
import { STRIPPED_JPEG_OPTIONS, stripJpeg } from '../../../src/emulator/state/stripped-thumbnail';
import { imageFile } from '../images';

const named = (name: string) => (error: unknown) => (error as { errorMessage?: string }).errorMessage === name;

describe('photos as Telegram stores them', () => {
  it('applies the smallest box always and each larger one while the picture exceeds the box before it', () => {
    const types = (width: number, height: number) => boxesFor(width, height).map((box) => box.type).join('');
    assert.equal(types(96, 64), 's');
    assert.equal(types(100, 100), 's');
    assert.equal(types(101, 60), 'sm');
    assert.equal(types(413, 225), 'smx'); // Telegram sends m 320×174 and x 413×225 for such a picture
    assert.equal(types(1219, 1114), 'smxy');
    assert.equal(types(1114, 1281), 'smxyw');
  });

  it('keeps JPEGs of every applicable size, smallest first, never enlarged; the largest progressive', async () => {
    const png = await imageFile({ width: 413, height: 225, seed: 1 });
    const { sizes } = await processPhoto(png);
    assert.deepEqual(sizes.map(({ type, width, height }) => ({ type, width, height })), [
      { type: 's', width: 100, height: 54 },
      { type: 'm', width: 320, height: 174 },
      { type: 'x', width: 413, height: 225 },
    ]);
    for (const size of sizes) {
      const metadata = await sharp(size.bytes).metadata();
      assert.equal(metadata.format, 'jpeg');
      assert.deepEqual([metadata.width, metadata.height], [size.width, size.height]);
    }
    assert.equal(sizes.slice(0, -1).every((size) => size.progressiveSizes === undefined), true);
    const largest = sizes.at(-1)!;
    assert.equal((await sharp(largest.bytes).metadata()).isProgressive, true);
    const scans = largest.progressiveSizes!;
    assert.ok(scans.length > 1, `a progressive JPEG has several scans, not ${scans.length}`);
    assert.equal(scans.at(-1), largest.bytes.length);
    assert.deepEqual([...scans].sort((a, b) => a - b), [...scans]);
  });

  it('makes a stripped thumbnail that GramJS inflates back into a JPEG of the picture, 40 px on the longer side', async () => {
    const png = await imageFile({ width: 413, height: 225, seed: 2 });
    const { stripped } = await processPhoto(png);
    assert.equal(stripped[0], 1);
    assert.deepEqual([stripped[2], stripped[1]], [40, 22], 'width 40, height 22 (bytes 2 and 1)');
    const inflated = strippedPhotoToJpg(stripped);
    const metadata = await sharp(inflated).metadata();
    assert.deepEqual([metadata.format, metadata.width, metadata.height], ['jpeg', 40, 22]);
  });

  it('strips a JPEG to data that decodes, under the fixed header clients put back, to the very same pixels', async () => {
    const picture = await sharp(await imageFile({ width: 40, height: 30, seed: 3, noise: true }))
      .jpeg(STRIPPED_JPEG_OPTIONS)
      .toBuffer();
    const inflated = strippedPhotoToJpg(stripJpeg(picture, 40, 30));
    assert.ok((await sharp(inflated).raw().toBuffer()).equals(await sharp(picture).raw().toBuffer()));
  });

  it('finds the scans of a progressive JPEG and of a baseline one', async () => {
    const png = await imageFile({ width: 64, height: 64, seed: 4, noise: true });
    const progressive = await sharp(png).jpeg({ progressive: true }).toBuffer();
    const baseline = await sharp(png).jpeg().toBuffer();
    assert.ok(jpegScans(progressive).length > 1);
    assert.equal(jpegScans(baseline).length, 1);
    assert.deepEqual(progressiveScanSizes(baseline), [baseline.length]);
  });

  it('turns a picture upright by its EXIF orientation and lays transparency on white', async () => {
    const sideways = await sharp(await imageFile({ width: 200, height: 100, seed: 5 })).jpeg().withMetadata({ orientation: 6 }).toBuffer();
    const { sizes } = await processPhoto(sideways);
    assert.deepEqual([sizes.at(-1)!.width, sizes.at(-1)!.height], [100, 200]);

    const transparent = await sharp({ create: { width: 20, height: 20, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } } }).png().toBuffer();
    const [only] = (await processPhoto(transparent)).sizes;
    const { data } = await sharp(only!.bytes).raw().toBuffer({ resolveWithObject: true });
    assert.ok(data.every((channel) => channel > 245), 'transparent pixels come out white');
  });

  it('answers IMAGE_PROCESS_FAILED for bytes that are no photo: garbage, a truncated image, an SVG', async () => {
    const png = await imageFile({ width: 120, height: 80, seed: 6, noise: true });
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>');
    for (const bytes of [Buffer.from('not an image'), png.subarray(0, png.length / 2), svg, Buffer.alloc(0)]) {
      await assert.rejects(processPhoto(bytes), named('IMAGE_PROCESS_FAILED'));
    }
  });

  it('answers PHOTO_INVALID_DIMENSIONS beyond 10000 px for width and height together or a ratio above 20', async () => {
    assert.doesNotThrow(() => checkPhotoDimensions(5000, 5000));
    assert.doesNotThrow(() => checkPhotoDimensions(2000, 100));
    assert.throws(() => checkPhotoDimensions(5001, 5000), named('PHOTO_INVALID_DIMENSIONS'));
    assert.throws(() => checkPhotoDimensions(100, 2001), named('PHOTO_INVALID_DIMENSIONS'));
    const tooLong = await sharp({ create: { width: 2100, height: 100, channels: 3, background: '#808080' } }).png().toBuffer();
    await assert.rejects(processPhoto(tooLong), named('PHOTO_INVALID_DIMENSIONS'));
  });
});
