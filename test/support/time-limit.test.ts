import assert from 'node:assert/strict';
import { test } from 'node:test';
import { withinTimeLimit } from '../../support/time-limit';

test('work that settles in time wins, with its value or its error', async () => {
  assert.equal(await withinTimeLimit(Promise.resolve('done'), 1_000, () => 'late'), 'done');
  await assert.rejects(withinTimeLimit(Promise.reject(new Error('broke')), 1_000, () => 'late'), /broke/);
});

test('work that never settles gets what onTimeout gives: a value to go on with, or its error', async () => {
  const never = new Promise<string>(() => {});
  assert.equal(await withinTimeLimit(never, 1, () => undefined), undefined);
  await assert.rejects(withinTimeLimit(never, 1, () => {
    throw new Error('the bot did not stop; raise STOP_GUARD');
  }), /did not stop/);
});
