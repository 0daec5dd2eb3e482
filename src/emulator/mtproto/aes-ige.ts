/**
 * AES-256 in IGE mode, the block mode MTProto uses for every encrypted payload.
 *
 * Node's OpenSSL has no IGE, so we chain single ECB block operations ourselves:
 *   encrypt: c_i = E(p_i ⊕ c_{i-1}) ⊕ p_{i-1}
 *   decrypt: p_i = D(c_i ⊕ p_{i-1}) ⊕ c_{i-1}
 * with the 32-byte IV split into (c_0, p_0). One ECB cipher object per call keeps it fast
 * enough for the hot path (GramJS's own pure-JS AES is much slower).
 */
import { createCipheriv, createDecipheriv } from 'node:crypto';

const BLOCK = 16;

function xorInto(target: Buffer, targetOffset: number, a: Buffer, aOffset: number, b: Buffer, bOffset: number): void {
  for (let i = 0; i < BLOCK; i++) target[targetOffset + i] = a[aOffset + i] ^ b[bOffset + i];
}

function checkArguments(data: Buffer, key: Buffer, iv: Buffer): void {
  if (key.length !== 32) throw new Error(`AES-256-IGE needs a 32-byte key, got ${key.length}`);
  if (iv.length !== 32) throw new Error(`AES-256-IGE needs a 32-byte IV, got ${iv.length}`);
  if (data.length % BLOCK !== 0) throw new Error(`AES-IGE data must be a multiple of 16 bytes, got ${data.length}`);
}

export function aesIgeEncrypt(plaintext: Buffer, key: Buffer, iv: Buffer): Buffer {
  checkArguments(plaintext, key, iv);
  const cipher = createCipheriv('aes-256-ecb', key, null).setAutoPadding(false);
  const out = Buffer.allocUnsafe(plaintext.length);
  const block = Buffer.allocUnsafe(BLOCK);
  let previousCipher: Buffer = iv.subarray(0, BLOCK);
  let previousCipherOffset = 0;
  let previousPlain: Buffer = iv;
  let previousPlainOffset = BLOCK;
  for (let offset = 0; offset < plaintext.length; offset += BLOCK) {
    xorInto(block, 0, plaintext, offset, previousCipher, previousCipherOffset);
    const encrypted = cipher.update(block);
    xorInto(out, offset, encrypted, 0, previousPlain, previousPlainOffset);
    previousCipher = out;
    previousCipherOffset = offset;
    previousPlain = plaintext;
    previousPlainOffset = offset;
  }
  return out;
}

export function aesIgeDecrypt(ciphertext: Buffer, key: Buffer, iv: Buffer): Buffer {
  checkArguments(ciphertext, key, iv);
  const decipher = createDecipheriv('aes-256-ecb', key, null).setAutoPadding(false);
  const out = Buffer.allocUnsafe(ciphertext.length);
  const block = Buffer.allocUnsafe(BLOCK);
  let previousCipher: Buffer = iv;
  let previousCipherOffset = 0;
  let previousPlain: Buffer = iv;
  let previousPlainOffset = BLOCK;
  for (let offset = 0; offset < ciphertext.length; offset += BLOCK) {
    xorInto(block, 0, ciphertext, offset, previousPlain, previousPlainOffset);
    const decrypted = decipher.update(block);
    xorInto(out, offset, decrypted, 0, previousCipher, previousCipherOffset);
    previousCipher = ciphertext;
    previousCipherOffset = offset;
    previousPlain = out;
    previousPlainOffset = offset;
  }
  return out;
}
