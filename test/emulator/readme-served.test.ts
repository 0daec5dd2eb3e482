import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { servedMethodNames } from '../../src/emulator/bot-api/methods';
import { createHandlers } from '../../src/emulator/mtproto/handlers';

test('the emulator README lists exactly the Bot API methods served', () => {
  const readme = readFileSync(join(__dirname, '../../src/emulator/README.md'), 'utf8');
  const line = /\*\*Bot API methods\*\* served \((\d+);[^)]*\): ([^\n]+)\./.exec(readme);
  assert.ok(line, 'the README has the "**Bot API methods** served" line');
  assert.deepEqual(line[2]!.split(', ').sort(), [...servedMethodNames].sort());
  assert.equal(Number(line[1]), servedMethodNames.length);
});

/** Methods the session layer answers itself, before the handlers: binding a temporary key belongs to the key, not to an account. */
const SERVED_BY_THE_SESSION = ['auth.bindTempAuthKey'];

test('the emulator README lists exactly the MTProto methods served', () => {
  const readme = readFileSync(join(__dirname, '../../src/emulator/README.md'), 'utf8');
  const paragraph = /\*\*Methods\*\*, in every served layer[^:]*:\n([\s\S]*?)\. Handlers are written once/.exec(readme);
  assert.ok(paragraph, 'the README has the "**Methods**, in every served layer" paragraph');
  // "auth.sendCode / signIn; account.updateProfile / …": a namespace, then its methods.
  const listed = paragraph[1]!.replace(/\s+/g, ' ').split(';').flatMap((group) => {
    const [first, ...rest] = group.trim().split(' / ');
    const [namespace, method] = first!.split('.');
    return [method!, ...rest].map((name) => `${namespace}.${name.trim()}`);
  });
  const handled = Object.keys(createHandlers()).map((name) => name.replace(/\.(\w)/, (_, letter: string) => `.${letter.toLowerCase()}`));
  assert.deepEqual(listed.sort(), [...handled, ...SERVED_BY_THE_SESSION].sort());
});
