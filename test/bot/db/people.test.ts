import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useTestDatabase } from '../database';

const db = useTestDatabase();

test('a new person gets their own empty album and owns it', async () => {
  const { repos } = await db.freshSchema();
  const { person, isNew } = await repos.people.register({ id: 1001, firstName: 'Alice', username: 'alice' });
  assert.equal(isNew, true);
  assert.deepEqual({ ...person, albumId: undefined }, { id: 1001, firstName: 'Alice', username: 'alice', albumId: undefined });
  const family = await repos.families.familyOf(1001);
  assert.equal(family.albumId, person.albumId);
  assert.deepEqual(family.owner, { id: 1001, firstName: 'Alice' });
  assert.equal(family.members.length, 1);
  assert.deepEqual(await repos.photos.stats(1001), { photos: 0, contributors: 0, members: 1 });
});

test('registering again refreshes the name and keeps the album', async () => {
  const { repos } = await db.freshSchema();
  const first = await repos.people.register({ id: 1001, firstName: 'Alice' });
  const again = await repos.people.register({ id: 1001, firstName: 'Alicia', username: 'ali' });
  assert.equal(again.isNew, false);
  assert.equal(again.person.firstName, 'Alicia');
  assert.equal(again.person.albumId, first.person.albumId);
  assert.equal((await repos.people.find(1001))?.username, 'ali');
});

test('the same new person registering concurrently gets one person and one album', async () => {
  const { repos, pool } = await db.freshSchema();
  const results = await Promise.all(Array.from({ length: 8 }, () => repos.people.register({ id: 7, firstName: 'Gus' })));
  assert.equal(results.filter((result) => result.isNew).length, 1);
  assert.equal(new Set(results.map((result) => result.person.albumId)).size, 1);
  const { rows } = await pool.query('SELECT count(*)::int AS n FROM albums');
  assert.equal(rows[0].n, 1);
});

test('an unknown person is not found', async () => {
  const { repos } = await db.freshSchema();
  assert.equal(await repos.people.find(42), undefined);
});
