import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { servedMethodNames } from '../../src/emulator/bot-api/methods';

test('the emulator README lists exactly the Bot API methods served', () => {
  const readme = readFileSync(join(__dirname, '../../src/emulator/README.md'), 'utf8');
  const line = /\*\*Bot API methods\*\* served \((\d+);[^)]*\): ([^\n]+)\./.exec(readme);
  assert.ok(line, 'the README has the "**Bot API methods** served" line');
  assert.deepEqual(line[2]!.split(', ').sort(), [...servedMethodNames].sort());
  assert.equal(Number(line[1]), servedMethodNames.length);
});
