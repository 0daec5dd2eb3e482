import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useTestDatabase } from '../database';

const db = useTestDatabase();

test('an invite code leads to its album until it expires', async () => {
  const { repos } = await db.freshSchema();
  const albumId = (await repos.people.register({ id: 1, firstName: 'Alice' })).person.albumId;
  const { code, expiresAt } = await repos.invites.create(albumId, 1);
  assert.match(code, /^[A-Za-z0-9_-]{12}$/);
  assert.ok(expiresAt.getTime() > Date.now());
  assert.deepEqual(await repos.invites.lookUp(code), { kind: 'valid', albumId });
});

test('an expired code is told apart from an unknown one', async () => {
  const { repos } = await db.freshSchema({ inviteTtlMs: -1000 });
  const albumId = (await repos.people.register({ id: 1, firstName: 'Alice' })).person.albumId;
  const { code } = await repos.invites.create(albumId, 1);
  assert.deepEqual(await repos.invites.lookUp(code), { kind: 'expired' });
  assert.deepEqual(await repos.invites.lookUp('nope-nope-nope'), { kind: 'unknown' });
  assert.deepEqual(await repos.invites.lookUp("x'; DROP TABLE invites; --"), { kind: 'unknown' });
  assert.deepEqual(await repos.invites.lookUp(''), { kind: 'unknown' });
});
