import { randomBytes } from 'node:crypto';

/**
 * A positive random 63-bit id. Telegram's `long` ids that the server makes up — access
 * hashes, album (grouped) ids, callback query ids, session ids, server salts — are random;
 * keeping them positive keeps them readable and valid as both signed and unsigned 64-bit.
 * One generator for both protocols and the state, so every layer makes ids the same way.
 */
export function randomLong(): bigint {
  return randomBytes(8).readBigInt64LE() & 0x7fffffffffffffffn;
}
