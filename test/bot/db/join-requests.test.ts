import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useTestDatabase } from '../database';
import type { Repositories } from '../../../src/bot/db/repositories';

const db = useTestDatabase();

async function registered(repos: Repositories, id: number, firstName: string): Promise<number> {
  return (await repos.people.register({ id, firstName })).person.albumId;
}

async function openRequest(repos: Repositories, requesterId: number, albumId: number): Promise<number> {
  const result = await repos.joinRequests.open({ requesterId, albumId, via: 'forward' });
  assert.equal(result.kind, 'created', `expected a new request, got ${JSON.stringify(result)}`);
  return result.kind === 'created' ? result.requestId : 0;
}

test('allow: the requester joins, their photos move with them, their old album is gone', async () => {
  const { repos, pool } = await db.freshSchema();
  const aliceAlbum = await registered(repos, 1, 'Alice');
  const bobAlbum = await registered(repos, 2, 'Bob');
  await repos.photos.add({ uploaderId: 2, fileId: 'f', fileUniqueId: 'u', chatId: 2, messageId: 1 });
  const created = await repos.joinRequests.open({ requesterId: 2, albumId: aliceAlbum, via: 'invite' });
  assert.deepEqual(created, { kind: 'created', requestId: (created as { requestId: number }).requestId, owner: { id: 1, firstName: 'Alice' }, requester: { id: 2, firstName: 'Bob' } });

  const decided = await repos.joinRequests.decide((created as { requestId: number }).requestId, 1, 'allow');
  assert.deepEqual(decided, { kind: 'allowed', requester: { id: 2, firstName: 'Bob' }, owner: { id: 1, firstName: 'Alice' }, movedPhotos: 1 });
  const family = await repos.families.familyOf(2);
  assert.equal(family.albumId, aliceAlbum);
  assert.deepEqual(family.members.map((member) => [member.firstName, member.isOwner]), [['Alice', true], ['Bob', false]]);
  assert.deepEqual(await repos.photos.stats(1), { photos: 1, contributors: 1, members: 2 });
  const { rows } = await pool.query('SELECT count(*)::int AS n FROM albums WHERE id = $1', [bobAlbum]);
  assert.equal(rows[0].n, 0);
});

test('deny: nothing moves; deciding twice changes nothing', async () => {
  const { repos } = await db.freshSchema();
  const aliceAlbum = await registered(repos, 1, 'Alice');
  const bobAlbum = await registered(repos, 2, 'Bob');
  const id = await openRequest(repos, 2, aliceAlbum);
  assert.equal((await repos.joinRequests.decide(id, 1, 'deny')).kind, 'denied');
  assert.deepEqual(await repos.joinRequests.decide(id, 1, 'allow'), { kind: 'already-decided', status: 'denied', requester: { id: 2, firstName: 'Bob' } });
  assert.equal((await repos.people.find(2))?.albumId, bobAlbum);
  assert.equal(await repos.joinRequests.status(id), 'denied');
});

test('pressing Allow twice at once decides once', async () => {
  const { repos } = await db.freshSchema();
  const aliceAlbum = await registered(repos, 1, 'Alice');
  await registered(repos, 2, 'Bob');
  const id = await openRequest(repos, 2, aliceAlbum);
  const results = await Promise.all([repos.joinRequests.decide(id, 1, 'allow'), repos.joinRequests.decide(id, 1, 'allow'), repos.joinRequests.decide(id, 1, 'deny')]);
  assert.equal(results.filter((result) => result.kind === 'allowed' || result.kind === 'denied').length, 1);
  assert.equal(results.filter((result) => result.kind === 'already-decided').length, 2);
});

test('edge cases of asking: own family, the same request twice, a member of another family, a vanished album', async () => {
  const { repos } = await db.freshSchema();
  const aliceAlbum = await registered(repos, 1, 'Alice');
  await registered(repos, 2, 'Bob');
  const carolAlbum = await registered(repos, 3, 'Carol');
  assert.deepEqual(await repos.joinRequests.open({ requesterId: 1, albumId: aliceAlbum, via: 'invite' }), { kind: 'already-member', owner: { id: 1, firstName: 'Alice' } });

  const id = await openRequest(repos, 2, aliceAlbum);
  assert.deepEqual(await repos.joinRequests.open({ requesterId: 2, albumId: aliceAlbum, via: 'forward' }), { kind: 'already-pending', owner: { id: 1, firstName: 'Alice' } });
  await repos.joinRequests.decide(id, 1, 'allow');
  assert.equal((await repos.joinRequests.open({ requesterId: 2, albumId: aliceAlbum, via: 'forward' })).kind, 'already-member');

  // Bob is now in Alice's family: he must leave before joining Carol's; Alice must hand over first.
  assert.deepEqual(await repos.joinRequests.open({ requesterId: 2, albumId: carolAlbum, via: 'forward' }), { kind: 'must-leave-first', owner: { id: 1, firstName: 'Alice' }, isOwner: false });
  assert.deepEqual(await repos.joinRequests.open({ requesterId: 1, albumId: carolAlbum, via: 'forward' }), { kind: 'must-leave-first', owner: { id: 1, firstName: 'Alice' }, isOwner: true });

  // Carol joins Dave's family, so her old album disappears.
  const daveAlbum = await registered(repos, 4, 'Dave');
  await repos.joinRequests.decide(await openRequest(repos, 3, daveAlbum), 4, 'allow');
  await registered(repos, 5, 'Eve');
  assert.deepEqual(await repos.joinRequests.open({ requesterId: 5, albumId: carolAlbum, via: 'invite' }), { kind: 'album-gone' });
});

test('only the owner who got the request decides it, and only while they own the album', async () => {
  const { repos } = await db.freshSchema();
  const aliceAlbum = await registered(repos, 1, 'Alice');
  await registered(repos, 2, 'Bob');
  await registered(repos, 3, 'Carol');
  await repos.joinRequests.decide(await openRequest(repos, 2, aliceAlbum), 1, 'allow');
  const carolAsks = await openRequest(repos, 3, aliceAlbum);
  assert.deepEqual(await repos.joinRequests.decide(carolAsks, 2, 'allow'), { kind: 'not-approver' });

  assert.equal((await repos.families.handOver(1)).kind, 'handed-over');
  assert.deepEqual(await repos.joinRequests.decide(carolAsks, 1, 'allow'), { kind: 'no-longer-owner', requester: { id: 3, firstName: 'Carol' } });
  // Carol may ask again; the new owner decides.
  const again = await openRequest(repos, 3, aliceAlbum);
  assert.equal((await repos.joinRequests.decide(again, 2, 'allow')).kind, 'allowed');
});

test('a pending request whose requester joined another family meanwhile is cancelled on Allow', async () => {
  const { repos } = await db.freshSchema();
  const aliceAlbum = await registered(repos, 1, 'Alice');
  const bobAlbum = await registered(repos, 2, 'Bob');
  await registered(repos, 3, 'Carol');
  const toAlice = await openRequest(repos, 3, aliceAlbum);
  await repos.joinRequests.decide(await openRequest(repos, 3, bobAlbum), 2, 'allow');
  assert.deepEqual(await repos.joinRequests.decide(toAlice, 1, 'allow'), { kind: 'requester-in-other-family', requester: { id: 3, firstName: 'Carol' } });
  assert.equal(await repos.joinRequests.status(toAlice), 'cancelled');
  assert.equal((await repos.people.find(3))?.albumId, bobAlbum);
});

test('an unknown request is not found', async () => {
  const { repos } = await db.freshSchema();
  await registered(repos, 1, 'Alice');
  assert.deepEqual(await repos.joinRequests.decide(999, 1, 'allow'), { kind: 'not-found' });
});
