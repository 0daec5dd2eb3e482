import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fixture, somePhotos } from '../../../support/actors/fixtures';

test('a missing fixture names the fixtures directory and the files that exist', () => {
  assert.throws(() => fixture('holidays.png'), (error: Error) => {
    assert.match(error.message, /no fixture "holidays\.png" in features\/fixtures\//);
    assert.match(error.message, /Available: .*beach\.png.*recipe\.txt/);
    return true;
  });
});

test('asking for more photos than exist says how many there are and how to add some', () => {
  assert.throws(() => somePhotos(1000), /Only \d+ photo fixtures exist in features\/fixtures\/; a scenario asked for 1000\. Add more with scripts\/make-fixtures\.ts\./);
});
