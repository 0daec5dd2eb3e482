import assert from 'node:assert/strict';
import { test } from 'node:test';
import { encodePng } from '../../../scripts/png';
import { TelegramState, type ProcessedPhoto } from '../../../src/emulator/state';

/**
 * The state's bound on stored files (state/media-store.ts) and on upload parts
 * (state/upload-parts.ts): what a message holds stays, what only cleared history held goes,
 * what a bot saw stays within the budget, unused upload parts expire.
 */

let phones = 0;
function setUp(options: ConstructorParameters<typeof TelegramState>[0] = {}) {
  const state = new TelegramState(options);
  const alice = state.createUser({ phone: `9996610${String(++phones).padStart(3, '0')}`, firstName: 'Alice' });
  const bob = state.createUser({ phone: `9996620${String(++phones).padStart(3, '0')}`, firstName: 'Bob' });
  const bot = state.createBot({ username: `store${phones}_bot` });
  return { state, alice, bob, bot };
}

/** A distinct PNG of about `kilobytes` KB (incompressible rows). */
function png(seed: number, kilobytes = 4): Buffer {
  const side = Math.ceil(Math.sqrt((kilobytes * 1024) / 3));
  return encodePng(side, side, (x, y) => [(x * 7 + y * 13 + seed) & 255, (x * y + seed * 31) & 255, (x ^ y ^ seed) & 255], 0);
}

/**
 * A stored photo of exactly these bytes: the store counts a photo's bytes, whatever made them, so
 * these tests skip the image processing (test/emulator/state/photo-processing.test.ts covers it).
 */
function asPhoto(bytes: Buffer): ProcessedPhoto {
  return { sizes: [{ type: 's', width: 1, height: 1, bytes }], stripped: Buffer.alloc(0) };
}

test('a photo only a cleared history held is freed at once when no bot saw it', () => {
  const { state, alice, bob } = setUp();
  for (let i = 0; i < 20; i++) state.sendMessage(alice.id, bob.id, { media: { kind: 'photo', photo: state.storePhoto(asPhoto(png(i))) } });
  assert.equal(state.mediaUsage().photos, 20);
  state.clearHistory(alice.id, bob.id, false);
  assert.equal(state.mediaUsage().photos, 20, "Bob's box still holds them");
  state.clearHistory(bob.id, alice.id, false);
  assert.deepEqual({ ...state.mediaUsage(), budgetBytes: 0 }, { storedBytes: 0, unheldBytes: 0, photos: 0, documents: 0, budgetBytes: 0, uploads: 0, uploadBytes: 0 });
});

test('500 uploads to a bot with history cleared (revoke) after each 50: stored bytes stay within the budget', () => {
  const one = png(0).length;
  const budget = 30 * one;
  const { state, alice, bot } = setUp({ mediaBudgetBytes: budget });
  const stored: number[] = [];
  for (let round = 0; round < 10; round++) {
    for (let i = 0; i < 50; i++) {
      state.saveFilePart(alice.id, BigInt(i + 1), 0, png(round * 50 + i));
      const photo = state.storePhoto(asPhoto(state.takeUpload(alice.id, BigInt(i + 1), 1)));
      state.sendMessage(alice.id, bot.id, { media: { kind: 'photo', photo } });
    }
    assert.ok(state.mediaUsage().photos >= 50, 'held photos are never evicted, whatever the budget');
    state.clearHistory(alice.id, bot.id, true);
    stored.push(state.mediaUsage().storedBytes);
  }
  assert.ok(stored.every((bytes) => bytes <= budget), `after each clear, stored bytes ≤ the budget ${budget}: ${stored.join(', ')}`);
  assert.ok(stored.at(-1)! <= stored[0]! + one, `flat: ${stored.join(', ')}`);
  assert.equal(state.mediaUsage().uploads, 0);
});

test("a bot's file_id stays valid after the message is gone, until the budget needs the room (least recently released first)", () => {
  const one = png(0).length;
  const { state, alice, bot } = setUp({ mediaBudgetBytes: 3 * one });
  const sendAndClear = (seeds: number[]) => {
    const photos = seeds.map((seed) => state.storePhoto(asPhoto(png(seed))));
    for (const photo of photos) state.sendMessage(alice.id, bot.id, { media: { kind: 'photo', photo } });
    state.clearHistory(alice.id, bot.id, true);
    return photos;
  };
  const earlier = sendAndClear([100, 101, 102]);
  for (const photo of earlier) assert.equal(state.findPhoto(photo.id), photo, 'within the budget: kept for the bot');
  const later = sendAndClear([103, 104, 105]);
  for (const photo of earlier) assert.equal(state.findPhoto(photo.id), undefined, 'released earlier: evicted first');
  for (const photo of later) assert.equal(state.findPhoto(photo.id), photo, 'released last: kept');
  // Re-sent by the bot (by file_id): held again by that message, so not evictable.
  state.sendMessage(alice.id, bot.id, { text: '/start' });
  state.sendMessage(bot.id, alice.id, { media: { kind: 'photo', photo: later[0]! } });
  for (const seed of [106, 107, 108]) state.sendMessage(alice.id, bot.id, { media: { kind: 'photo', photo: state.storePhoto(asPhoto(png(seed))) } });
  const alicesOwn = state.history(alice.id, bot.id).filter((entry) => entry.message.senderId === alice.id).map((entry) => entry.boxId);
  state.deleteMessages(alice.id, alicesOwn, true);
  assert.equal(state.history(alice.id, bot.id).length, 1, "only the bot's message is left");
  assert.equal(state.findPhoto(later[0]!.id), later[0], 'the photo the bot re-sent is held by that message');
  assert.equal(state.findPhoto(later[1]!.id), undefined);
});

test('a stored file never sent is evicted first; editing media releases the old file', () => {
  const one = png(0).length;
  const { state, alice, bot } = setUp({ mediaBudgetBytes: 2 * one });
  state.sendMessage(alice.id, bot.id, { text: '/start' });
  const orphan = state.storePhoto(asPhoto(png(1)));
  const sent = state.sendMessage(bot.id, alice.id, { media: { kind: 'photo', photo: state.storePhoto(asPhoto(png(2))) } });
  const [boxId] = [...sent.boxIds.entries()].filter(([owner]) => owner === bot.id).map(([, id]) => id);
  const replacement = state.storePhoto(asPhoto(png(3)));
  state.editMessage(bot.id, boxId!, { media: { kind: 'photo', photo: replacement } });
  state.storePhoto(asPhoto(png(4)));
  assert.equal(state.findPhoto(orphan.id), undefined, 'never sent: evicted first');
  assert.equal(state.findPhoto(replacement.id), replacement, 'held by the edited message');
  assert.ok(state.mediaUsage().unheldBytes <= 2 * one);
});

test('upload parts no send used expire after the TTL; a send naming them gets FILE_PARTS_INVALID', () => {
  let now = 1_000_000;
  const { state, alice } = setUp({ uploadPartsTtlMs: 60_000, now: () => now });
  state.saveFilePart(alice.id, 1n, 0, Buffer.alloc(1000));
  state.saveFilePart(alice.id, 1n, 1, Buffer.alloc(500));
  now += 30_000;
  state.saveFilePart(alice.id, 2n, 0, Buffer.alloc(100));
  assert.deepEqual([state.mediaUsage().uploads, state.mediaUsage().uploadBytes], [2, 1600]);
  now += 30_001;
  assert.deepEqual([state.mediaUsage().uploads, state.mediaUsage().uploadBytes], [1, 100], 'the first upload expired, the second is 30 s old');
  assert.throws(() => state.takeUpload(alice.id, 1n, 2), { name: 'BadRequestError', errorMessage: 'FILE_PARTS_INVALID' } as object);
  assert.equal(state.takeUpload(alice.id, 2n, 1).length, 100);
});

test('unfinished uploads past their byte budget lose the least recently touched first, never the one being written', () => {
  const { state, alice } = setUp({ uploadPartsBudgetBytes: 3000 });
  state.saveFilePart(alice.id, 1n, 0, Buffer.alloc(1000));
  state.saveFilePart(alice.id, 2n, 0, Buffer.alloc(1000));
  state.saveFilePart(alice.id, 1n, 1, Buffer.alloc(1000));
  state.saveFilePart(alice.id, 3n, 0, Buffer.alloc(1000));
  assert.deepEqual([state.mediaUsage().uploads, state.mediaUsage().uploadBytes], [2, 3000], 'upload 2, touched least recently, is gone');
  assert.throws(() => state.takeUpload(alice.id, 2n, 1), /no parts were uploaded/);
  state.saveFilePart(alice.id, 4n, 0, Buffer.alloc(5000));
  assert.deepEqual([state.mediaUsage().uploads, state.mediaUsage().uploadBytes], [1, 5000], 'one upload larger than the budget is still kept while written');
});
