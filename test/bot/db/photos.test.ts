import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useTestDatabase } from '../database';
import type { Repositories } from '../../../src/bot/db/repositories';

const db = useTestDatabase();

let nextMessageId = 1;
function photoFrom(uploaderId: number, extra: { mediaGroupId?: string; fileUniqueId?: string; messageId?: number } = {}) {
  const messageId = extra.messageId ?? nextMessageId++;
  return {
    uploaderId,
    fileId: `file-${uploaderId}-${messageId}`,
    fileUniqueId: extra.fileUniqueId ?? `unique-${uploaderId}-${messageId}`,
    caption: null,
    mediaGroupId: extra.mediaGroupId,
    chatId: uploaderId,
    messageId,
  };
}

/** Alice owns the album; Bob joins it. */
async function aliceAndBob(repos: Repositories): Promise<void> {
  await repos.people.register({ id: 1, firstName: 'Alice' });
  await repos.people.register({ id: 2, firstName: 'Bob' });
  const request = await repos.joinRequests.open({ requesterId: 2, albumId: (await repos.people.find(1))!.albumId, via: 'invite' });
  assert.equal(request.kind, 'created');
  assert.equal((await repos.joinRequests.decide(request.kind === 'created' ? request.requestId : 0, 1, 'allow')).kind, 'allowed');
}

test('photos are stored in the uploader\'s album and counted', async () => {
  const { repos } = await db.freshSchema();
  await repos.people.register({ id: 1, firstName: 'Alice' });
  assert.equal((await repos.photos.add(photoFrom(1))).albumTotal, 1);
  assert.equal((await repos.photos.add(photoFrom(1))).albumTotal, 2);
  assert.deepEqual(await repos.photos.stats(1), { photos: 2, contributors: 1, members: 1 });
});

test('a redelivered update stores its photo once', async () => {
  const { repos } = await db.freshSchema();
  await repos.people.register({ id: 1, firstName: 'Alice' });
  const photo = photoFrom(1);
  assert.deepEqual(await repos.photos.add(photo), { albumTotal: 1, duplicate: false });
  assert.deepEqual(await repos.photos.add(photo), { albumTotal: 1, duplicate: true });
});

test('a media group: only its first photo claims the reply; later ones see the recorded reply', async () => {
  const { repos } = await db.freshSchema();
  await repos.people.register({ id: 1, firstName: 'Alice' });
  const first = await repos.photos.add(photoFrom(1, { mediaGroupId: 'g1' }));
  assert.deepEqual(first.group, { count: 1, isFirst: true, replyMessageId: null });
  await repos.photos.rememberGroupReply(1, 'g1', 500);
  const second = await repos.photos.add(photoFrom(1, { mediaGroupId: 'g1' }));
  assert.deepEqual(second.group, { count: 2, isFirst: false, replyMessageId: 500 });
  assert.equal(second.albumTotal, 2);
  const otherGroup = await repos.photos.add(photoFrom(1, { mediaGroupId: 'g2' }));
  assert.deepEqual(otherGroup.group, { count: 1, isFirst: true, replyMessageId: null });
});

test('a family shares one album: both see the same photos and counts', async () => {
  const { repos } = await db.freshSchema();
  await aliceAndBob(repos);
  await repos.photos.add(photoFrom(1));
  await repos.photos.add(photoFrom(2));
  await repos.photos.add(photoFrom(2));
  assert.deepEqual(await repos.photos.stats(1), { photos: 3, contributors: 2, members: 2 });
  assert.deepEqual(await repos.photos.stats(2), { photos: 3, contributors: 2, members: 2 });
});

test('a random photo is never the same twice in a row when the album has two or more', async () => {
  const { repos } = await db.freshSchema();
  await repos.people.register({ id: 1, firstName: 'Alice' });
  await repos.photos.add(photoFrom(1));
  await repos.photos.add(photoFrom(1));
  let previous = (await repos.photos.showRandom(1))!.id;
  for (let i = 0; i < 30; i++) {
    const shown = (await repos.photos.showRandom(1))!;
    assert.notEqual(shown.id, previous);
    assert.deepEqual(shown.uploader, { id: 1, firstName: 'Alice' });
    assert.ok(shown.sentAt instanceof Date);
    previous = shown.id;
  }
});

test('with one photo, that photo is shown every time; an empty album shows nothing', async () => {
  const { repos } = await db.freshSchema();
  await repos.people.register({ id: 1, firstName: 'Alice' });
  assert.equal(await repos.photos.showRandom(1), undefined);
  await repos.photos.add(photoFrom(1));
  const once = await repos.photos.showRandom(1);
  const twice = await repos.photos.showRandom(1);
  assert.equal(once?.id, twice?.id);
});

test('concurrent uploads lose nothing: 10 people × 20 photos at once, each in their own album', async () => {
  const { repos } = await db.freshSchema({ max: 10 });
  const people = Array.from({ length: 10 }, (_, i) => 100 + i);
  for (const id of people) await repos.people.register({ id, firstName: `P${id}` });
  const results = await Promise.all(
    people.flatMap((id) => Array.from({ length: 20 }, (_, n) => repos.photos.add(photoFrom(id, { messageId: n + 1 })).then((saved) => ({ id, saved })))),
  );
  assert.equal(results.length, 200);
  for (const id of people) {
    const totals = results.filter((result) => result.id === id).map((result) => result.saved.albumTotal).sort((a, b) => a - b);
    assert.deepEqual(totals, Array.from({ length: 20 }, (_, n) => n + 1), `person ${id} saw exact, distinct counts`);
    assert.deepEqual(await repos.photos.stats(id), { photos: 20, contributors: 1, members: 1 });
  }
});

test('concurrent uploads lose nothing: 10 family members × 20 photos at once into one album', async () => {
  const { repos, pool } = await db.freshSchema({ max: 10 });
  await repos.people.register({ id: 100, firstName: 'Owner' });
  const albumId = (await repos.people.find(100))!.albumId;
  for (let id = 101; id < 110; id++) {
    await repos.people.register({ id, firstName: `P${id}` });
    const request = await repos.joinRequests.open({ requesterId: id, albumId, via: 'invite' });
    assert.equal(request.kind, 'created');
    if (request.kind === 'created') await repos.joinRequests.decide(request.requestId, 100, 'allow');
  }
  const uploads = Array.from({ length: 10 }, (_, i) => 100 + i).flatMap((id) =>
    Array.from({ length: 20 }, (_, n) => repos.photos.add(photoFrom(id, { messageId: n + 1 }))),
  );
  const totals = (await Promise.all(uploads)).map((saved) => saved.albumTotal).sort((a, b) => a - b);
  assert.deepEqual(totals, Array.from({ length: 200 }, (_, n) => n + 1));
  assert.deepEqual(await repos.photos.stats(105), { photos: 200, contributors: 10, members: 10 });
  const { rows } = await pool.query('SELECT count(*)::int AS n FROM photos WHERE album_id = $1', [albumId]);
  assert.equal(rows[0].n, 200);
});
