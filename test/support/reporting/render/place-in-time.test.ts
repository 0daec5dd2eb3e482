import { test } from 'node:test';
import assert from 'node:assert/strict';
import { placeInTime } from '../../../../support/reporting/from-actors';

test("a person's message takes the time they caused an update, the last one before the bot's reply", () => {
  // ids: own, bot(10), own, bot(20); causes at 5, 12 (a button press), 15
  assert.deepEqual(placeInTime([undefined, 10, undefined, 20], [5, 12, 15]), { positions: [5, 10, 15, 20], presses: [12] });
});

test('without a known cause, a message falls just before the bot answer, and after everything when none came', () => {
  const [first, , last] = placeInTime([undefined, 10, undefined], []).positions;
  assert.ok(first < 10 && first > 9.99);
  assert.ok(last >= 10);
});

test('several messages in a row (an album) keep their order', () => {
  const { positions } = placeInTime([undefined, undefined, undefined, 30], [21, 22]);
  assert.ok(positions[0] < positions[1] && positions[1] < positions[2] && positions[2] < 30, JSON.stringify(positions));
  assert.deepEqual(positions.slice(1, 3), [21, 22]);
});
