import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { IGE } from 'telegram/crypto/IGE';
import { aesIgeDecrypt, aesIgeEncrypt } from '../../../src/emulator/mtproto/aes-ige';

test('AES-256-IGE matches GramJS in both directions', () => {
  for (let blocks = 1; blocks < 40; blocks += 7) {
    const key = randomBytes(32);
    const iv = randomBytes(32);
    const data = randomBytes(16 * blocks);
    const ours = aesIgeEncrypt(data, key, iv);
    assert.deepEqual(ours, new IGE(key, iv).encryptIge(data));
    assert.deepEqual(aesIgeDecrypt(ours, key, iv), data);
    assert.deepEqual(aesIgeDecrypt(new IGE(key, iv).encryptIge(data), key, iv), data);
  }
});

test('AES-IGE rejects data that is not whole blocks', () => {
  assert.throws(() => aesIgeEncrypt(Buffer.alloc(15), randomBytes(32), randomBytes(32)), /multiple of 16/);
});
