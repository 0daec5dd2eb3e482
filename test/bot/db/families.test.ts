import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useTestDatabase } from '../database';
import type { Repositories } from '../../../src/bot/db/repositories';

const db = useTestDatabase();

/** Alice owns a family with Bob, then Carol. */
async function family(repos: Repositories): Promise<number> {
  const albumId = (await repos.people.register({ id: 1, firstName: 'Alice' })).person.albumId;
  for (const [id, firstName] of [[2, 'Bob'], [3, 'Carol']] as const) {
    await repos.people.register({ id, firstName });
    const request = await repos.joinRequests.open({ requesterId: id, albumId, via: 'invite' });
    if (request.kind !== 'created') assert.fail(`unexpected ${request.kind}`);
    await repos.joinRequests.decide(request.requestId, 1, 'allow');
  }
  return albumId;
}

test('members are listed owner first, then by when they joined', async () => {
  const { repos } = await db.freshSchema();
  await family(repos);
  const { members, owner } = await repos.families.familyOf(3);
  assert.deepEqual(owner, { id: 1, firstName: 'Alice' });
  assert.deepEqual(members.map((member) => member.firstName), ['Alice', 'Bob', 'Carol']);
});

test('a member who leaves gets a new empty album; their photos stay with the family', async () => {
  const { repos } = await db.freshSchema();
  const albumId = await family(repos);
  await repos.photos.add({ uploaderId: 2, fileId: 'f', fileUniqueId: 'u', chatId: 2, messageId: 1 });
  assert.deepEqual(await repos.families.leave(2), { kind: 'left', formerOwner: { id: 1, firstName: 'Alice' } });
  const bob = (await repos.people.find(2))!;
  assert.notEqual(bob.albumId, albumId);
  assert.deepEqual(await repos.photos.stats(2), { photos: 0, contributors: 0, members: 1 });
  assert.deepEqual(await repos.photos.stats(1), { photos: 1, contributors: 1, members: 2 });
  assert.equal((await repos.families.familyOf(2)).owner.id, 2);
});

test('the owner cannot leave while others are in the album; /handover gives it to the longest-standing member', async () => {
  const { repos } = await db.freshSchema();
  await family(repos);
  assert.deepEqual(await repos.families.leave(1), { kind: 'owner-with-members', successor: { id: 2, firstName: 'Bob' } });
  assert.deepEqual(await repos.families.handOver(3), { kind: 'not-owner', owner: { id: 1, firstName: 'Alice' } });
  assert.deepEqual(await repos.families.handOver(1), { kind: 'handed-over', newOwner: { id: 2, firstName: 'Bob' } });
  assert.equal((await repos.families.familyOf(3)).owner.id, 2);
  assert.deepEqual(await repos.families.leave(1), { kind: 'left', formerOwner: { id: 2, firstName: 'Bob' } });
});

test('alone in one\'s own album: nothing to leave, nobody to hand over to', async () => {
  const { repos } = await db.freshSchema();
  await repos.people.register({ id: 1, firstName: 'Alice' });
  assert.deepEqual(await repos.families.leave(1), { kind: 'alone' });
  assert.deepEqual(await repos.families.handOver(1), { kind: 'no-members' });
});
