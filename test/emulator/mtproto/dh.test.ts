import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import { DhGroup } from '../../../src/emulator/mtproto/dh';
import { DH_G, DH_PRIME } from '../../../src/emulator/mtproto/handshake';

const p = BigInt(`0x${DH_PRIME.toString('hex')}`);

function modPow(base: bigint, exponent: bigint, modulus: bigint): bigint {
  let result = 1n;
  base %= modulus;
  for (; exponent > 0n; exponent >>= 1n, base = (base * base) % modulus) if (exponent & 1n) result = (result * base) % modulus;
  return result;
}

const big = (bytes: Buffer) => BigInt(`0x${bytes.toString('hex')}`);

test('g^a and peer^a match plain modular exponentiation, for any 256-byte exponent', () => {
  const group = new DhGroup(DH_PRIME, DH_G);
  const exponents = [randomBytes(256), Buffer.alloc(256, 0xff), Buffer.concat([Buffer.alloc(255), Buffer.from([5])])];
  for (const a of exponents) {
    const publicKey = group.publicKey(a);
    assert.equal(publicKey.length, 256);
    assert.equal(big(publicKey), modPow(BigInt(DH_G), big(a), p));
    const peer = group.publicKey(randomBytes(256));
    assert.equal(big(group.sharedSecret(a, peer)), modPow(big(peer), big(a), p));
  }
});
